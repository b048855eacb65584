package web

import (
	"io/fs"
	"net/http"
	"time"

	"github.com/gofiber/fiber/v2"
	"github.com/gofiber/fiber/v2/middleware/filesystem"
	"github.com/gofiber/fiber/v2/middleware/recover"

	"github.com/minka-gob/minka/internal/live"
)

// routes is the table of contents of the application: every page, API route
// and websocket, grouped by area. Each handler lives in the file named after
// its action (workshop_create.go, score_save.go, …).
//
// Access is said here, in one way each: the Secretariat's pages are the one
// /admin group, behind requireAdmin; the JSON API is the one /api/v1 group,
// where a route only the Secretariat may call names requireAdmin; a Forum
// member's routes name requireForum. Finer rules (which table, which
// workshop) are model.Principal's methods (internal/model/authz.go), asked by
// the handlers. Every route has a row in authzMatrix (authz_test.go).
//
// Order matters where two patterns overlap: a literal segment ("new",
// "sheets") is registered before the parameter (":id", ":token") it would
// otherwise be taken for.
func (s *Server) routes(app *fiber.App, staticFS fs.FS) {
	s.live = live.NewServer(s.store, live.Options{Hub: live.HubOptions{Logger: s.log}, Limits: s.cfg.Sockets})
	if s.cfg.UploadsDir == "" {
		s.cfg.UploadsDir = "db/uploads"
	}

	app.Use(recover.New())
	app.Use(securityHeaders, s.hsts)
	app.Use("/static", filesystem.New(filesystem.Config{
		Root:   http.FS(staticFS),
		MaxAge: int((365 * 24 * time.Hour).Seconds()),
	}))
	app.Use(detectLang)
	app.Use(s.loadSession)
	app.Use(s.csrf)

	// Home, sign-in and joining a table.
	app.Get("/", s.homeShow)
	app.Get("/login", s.loginShow)
	app.Post("/login", s.limitLogin, s.loginCheck)
	app.Post("/logout", s.logout)
	app.Get("/join", s.joinShow)
	app.Post("/join", s.limitJoin, s.joinCheck)

	// Public: registration and aggregate statistics (no names).
	app.Get("/workshops/:id/register", s.registrationShow)
	app.Post("/workshops/:id/register", s.limitRegister, s.registrationSubmit)
	app.Get("/workshops/:id/register/thanks", s.registrationThanks)
	app.Get("/stats", s.statsProcessShow)
	app.Get("/workshops/:id/stats", s.statsWorkshopShow)

	// The live tables: the websocket, the table screens (participant,
	// rapporteur, facilitator), photos, the plenary screen and the survey.
	app.Get("/ws", s.liveSocket)
	app.Get("/tables/:id", s.tableShow)
	app.Get("/tables/:id/rapporteur", s.rapporteurShow)
	app.Get("/tables/:id/facilitator", s.facilitatorShow)
	app.Post("/tables/:id/prototypes/:pid/photo", s.prototypePhotoUpload)
	app.Get("/uploads/:name", s.uploadShow)
	app.Get("/workshops/:id/plenary", s.plenaryShow)
	// The room screen (projector): its code is its key, no session.
	app.Get("/screen/:code", s.LimitTokenLink, s.screenShow)
	app.Get("/screen/:code/state", s.LimitTokenLink, s.screenStateJSON)
	app.Get("/screen/:code/qr/:target", s.LimitTokenLink, s.screenQR)
	app.Get("/workshops/:id/survey", s.surveyShow)
	app.Post("/workshops/:id/survey", s.limitSurvey, s.surveySubmit)

	// The Forum's members: a session opened with a personal link.
	forum := app.Group("/forum")
	forum.Get("/", requireForum, s.forumMemberHome)
	forum.Get("/sheets/:id", requireForum, s.scoreShow)
	forum.Post("/sheets/:id", requireForum, s.scoreSave)
	forum.Get("/:token", s.LimitTokenLink, s.forumLinkOpen)
	forum.Post("/:token", s.LimitTokenLink, s.forumLinkConfirm)

	// Public traceability: no login, no personal data.
	process := app.Group("/process")
	process.Get("/", s.processShow)
	process.Get("/ideas/:id", s.ideaTrace)
	process.Get("/sheets/:id", s.sheetPublic)
	process.Get("/ranking", s.rankingPublic)
	process.Get("/matrix", s.matrixPublic)
	app.Get("/exports/public.xlsx", s.exportPublic)

	s.adminRoutes(app.Group("/admin", requireAdmin))
	s.apiRoutes(app.Group("/api/v1"))

	// Anything else is a translated 404 page (or JSON under /api/v1).
	app.Use(func(c *fiber.Ctx) error { return fiber.ErrNotFound })
}

// adminRoutes are the Secretariat's pages; the group requires an admin.
func (s *Server) adminRoutes(admin fiber.Router) {
	admin.Get("/", s.adminHome)

	// Set-up: the process, problems, user profiles, workshops and their tables.
	admin.Get("/process", s.processEdit)
	admin.Post("/process", s.processSave)
	admin.Get("/route", s.routeEdit)
	admin.Post("/route", s.routeSave)
	admin.Get("/problems", s.problemList)
	admin.Get("/problems/new", s.problemNew)
	admin.Post("/problems", s.problemCreate)
	admin.Get("/problems/:id/edit", s.problemEdit)
	admin.Post("/problems/:id", s.problemUpdate)
	admin.Get("/profiles", s.profileList)
	admin.Get("/profiles/new", s.profileNew)
	admin.Post("/profiles", s.profileCreate)
	admin.Get("/profiles/:id/edit", s.profileEdit)
	admin.Post("/profiles/:id", s.profileUpdate)
	admin.Get("/workshops", s.workshopList)
	admin.Get("/workshops/new", s.workshopNew)
	admin.Post("/workshops", s.workshopCreate)
	admin.Get("/workshops/:id", s.workshopShow)
	admin.Get("/workshops/:id/edit", s.workshopEdit)
	admin.Post("/workshops/:id", s.workshopUpdate)
	admin.Get("/workshops/:id/tables/new", s.tableNew)
	admin.Post("/workshops/:id/tables", s.tableCreate)
	admin.Get("/tables/:id/edit", s.tableEdit)
	admin.Post("/tables/:id", s.tableUpdate)

	// Participants: the list, CSV import (for the process or one workshop), the check-in desk.
	admin.Get("/import", s.processImportShow)
	admin.Post("/import", s.processImportPreview)
	admin.Post("/import/confirm", s.processImportConfirm)
	admin.Get("/workshops/:id/participants", s.participantList)
	admin.Get("/workshops/:id/import", s.importShow)
	admin.Post("/workshops/:id/import", s.importPreview)
	admin.Post("/workshops/:id/import/confirm", s.importConfirm)
	admin.Get("/workshops/:id/checkin", s.checkinDesk)
	admin.Post("/participants/:id/checkin", s.checkinMark)
	admin.Post("/participants/:id/checkin/undo", s.checkinUndo)

	// The workshop day: live tables, join codes, the survey's results, the After Action Review.
	admin.Get("/live", s.liveAdminIndex)
	admin.Get("/tables/:id/codes", s.tableCodesShow)
	admin.Get("/tables/:id/codes/print", s.tableCodesPrint)
	admin.Get("/tables/:id/qr/:role", s.tableCodeQR)
	admin.Get("/workshops/:id/survey", s.surveyResults)
	admin.Get("/workshops/:id/survey/qr", s.surveyQR)
	admin.Get("/workshops/:id/aar", s.aarShow)
	admin.Post("/workshops/:id/aar", s.aarSave)
	admin.Post("/workshops/:id/screen", s.screenControl)
	admin.Get("/workshops/:id/codes/print", s.workshopCodesPrint)

	// The internal review, the Forum's scoring and the validation workshop.
	admin.Get("/forum/", s.forumAdminHome)
	admin.Get("/forum/sheets", s.sheetList)
	admin.Post("/forum/sheets/generate", s.sheetGenerate)
	admin.Post("/forum/sheets/merge", s.sheetMerge)
	admin.Post("/forum/ideas/:id/principle", s.ideaClassify)
	admin.Get("/forum/sheets/print", s.sheetsPrint)
	admin.Get("/forum/sheets/:id/print", s.sheetPrint)
	admin.Get("/forum/sheets/:id", s.sheetEdit)
	admin.Post("/forum/sheets/:id", s.sheetSave)
	admin.Post("/forum/publish", s.forumPublish)
	admin.Get("/forum/criteria", s.criteriaEdit)
	admin.Post("/forum/criteria", s.criteriaSave)
	admin.Get("/forum/members", s.forumMemberList)
	admin.Post("/forum/members", s.forumMemberCreate)
	admin.Get("/forum/members/:id", s.forumMemberEdit)
	admin.Post("/forum/members/:id", s.forumMemberSave)
	admin.Post("/forum/members/:id/link", s.forumLinkRenew)
	admin.Get("/forum/progress", s.forumProgress)
	admin.Post("/forum/close", s.forumClose)
	admin.Post("/forum/reopen", s.forumReopen)
	admin.Get("/forum/ranking", s.rankingShow)
	admin.Post("/forum/cutoff", s.cutoffSave)
	admin.Get("/forum/decisions", s.decisionList)
	admin.Get("/forum/decisions/:id", s.decisionEdit)
	admin.Post("/forum/decisions/:id", s.decisionSave)
	admin.Post("/forum/results", s.resultsPublish)

	// Exports: the workbook, its files, the participants' CSV.
	admin.Get("/exports/", s.exportShow)
	admin.Post("/exports/", s.exportCreate)
	admin.Get("/exports/files/:name", s.exportDownload)
	admin.Get("/exports/participants.csv", s.exportParticipantsCSV)

	// Workshops in the field: tokens for field laptops, bringing a workshop back.
	admin.Get("/field", s.fieldAdmin)
	admin.Post("/field/tokens", s.fieldTokenCreate)
	admin.Post("/field/tokens/:id/revoke", s.fieldTokenRevoke)
	admin.Post("/field/workshops/:id/return", s.fieldReturn)
	admin.Post("/field/import", s.fieldImport)

	// Security and personal data: the audit log, backups, accounts, join
	// codes, erasing a participant's data.
	admin.Get("/security", s.securityShow)
	admin.Get("/audit", s.auditList)
	admin.Get("/audit/export", s.auditExport)
	admin.Post("/backup", s.backupDownload)
	admin.Get("/account", s.accountShow)
	admin.Post("/account/password", s.accountPassword)
	admin.Post("/admins", s.adminCreate)
	admin.Post("/tables/:id/codes/regenerate", s.tableCodesRegenerate)
	admin.Get("/participants/:id/erase", s.participantEraseConfirm)
	admin.Post("/participants/:id/erase", s.participantErase)
}

// apiRoutes are the JSON API (docs/API.md). Reads of public records are
// open; a route that changes a record or shows personal data names
// requireAdmin (a group would guard every route sharing its prefix).
func (s *Server) apiRoutes(api fiber.Router) {
	api.Get("/health", s.apiHealth)

	// Set-up and participants.
	api.Get("/process", s.apiProcessGet)
	api.Get("/process/route", s.apiRouteGet)
	api.Put("/process/route", requireAdmin, s.apiRouteUpdate)
	api.Put("/process", requireAdmin, s.apiProcessUpdate)
	api.Get("/problems", s.apiProblemList)
	api.Post("/problems", requireAdmin, s.apiProblemCreate)
	api.Get("/problems/:id", s.apiProblemGet)
	api.Put("/problems/:id", requireAdmin, s.apiProblemUpdate)
	api.Get("/profiles", s.apiProfileList)
	api.Post("/profiles", requireAdmin, s.apiProfileCreate)
	api.Get("/profiles/:id", s.apiProfileGet)
	api.Put("/profiles/:id", requireAdmin, s.apiProfileUpdate)
	api.Get("/workshops", s.apiWorkshopList)
	api.Post("/workshops", requireAdmin, s.apiWorkshopCreate)
	api.Get("/workshops/:id", s.apiWorkshopGet)
	api.Put("/workshops/:id", requireAdmin, s.apiWorkshopUpdate)
	api.Get("/workshops/:id/tables", s.apiTableList)
	api.Post("/workshops/:id/tables", requireAdmin, s.apiTableCreate)
	api.Get("/tables/:id", s.apiTableGet)
	api.Put("/tables/:id", requireAdmin, s.apiTableUpdate)
	api.Get("/workshops/:id/participants", requireAdmin, s.apiParticipantList)
	api.Post("/workshops/:id/participants", requireAdmin, s.apiParticipantCreate)
	api.Get("/participants/:id", requireAdmin, s.apiParticipantGet)
	api.Post("/participants/:id/checkin", requireAdmin, s.apiCheckin)
	api.Delete("/participants/:id/checkin", requireAdmin, s.apiCheckinUndo)
	api.Get("/stats", s.apiStatsProcess)
	api.Get("/workshops/:id/stats", s.apiStatsWorkshop)

	// The live tables' data.
	api.Get("/tables/:id/record", s.apiTableRecord)
	api.Get("/workshops/:id/ideas-by-principle", s.apiIdeasByPrinciple)
	api.Get("/workshops/:id/plenary", s.apiPlenary)
	api.Get("/workshops/:id/survey", requireAdmin, s.apiSurveySummary)

	// The Forum: the same records and visibility rules as the pages.
	forum := api.Group("/forum")
	forum.Get("/state", s.apiForumState)
	forum.Get("/sheets", s.apiSheets)
	forum.Get("/sheets/:id", s.apiSheet)
	forum.Get("/ranking", s.apiRanking)
	forum.Get("/matrix", s.apiMatrix)
	forum.Get("/stats", s.apiForumStats)
	forum.Get("/ideas/:id", s.apiIdeaTrace)
	forum.Get("/me/scores", requireForum, s.apiMyScores)
	forum.Get("/me/scores/:sheet", requireForum, s.apiMyScore)
	forum.Put("/me/scores/:sheet", requireForum, s.apiMyScoreSave)
	forum.Post("/sheets/generate", requireAdmin, s.apiSheetsGenerate)
	forum.Post("/sheets/merge", requireAdmin, s.apiSheetsMerge)
	forum.Put("/sheets/:id", requireAdmin, s.apiSheetSave)
	forum.Put("/criteria", requireAdmin, s.apiCriteriaSave)
	forum.Get("/members", requireAdmin, s.apiForumMembers)
	forum.Post("/members", requireAdmin, s.apiForumMemberCreate)
	forum.Post("/members/:id/link", requireAdmin, s.apiForumLinkRenew)
	forum.Get("/progress", requireAdmin, s.apiForumProgress)
	forum.Post("/publish", requireAdmin, s.apiForumStage)
	forum.Post("/close", requireAdmin, s.apiForumStage)
	forum.Post("/reopen", requireAdmin, s.apiForumStage)
	forum.Post("/results", requireAdmin, s.apiForumStage)
	forum.Put("/cutoff", requireAdmin, s.apiCutoff)
	forum.Put("/decisions/:sheet", requireAdmin, s.apiDecisionSave)

	// Field laptops (docs/FIELD.md): a field token for one workshop.
	field := api.Group("/field/workshops/:wid", s.LimitTokenLink, s.fieldAuth)
	field.Post("/checkout", s.fieldCheckout)
	field.Get("/checkouts/:cid/pushes/:pid", s.fieldPushState)
	field.Post("/checkouts/:cid/pushes/:pid/batches", s.fieldBatch)
	field.Post("/checkouts/:cid/pushes/:pid/finish", s.fieldFinish)
	field.Post("/checkouts/:cid/photos", s.fieldPhoto)
}
