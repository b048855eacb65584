package web

import (
	"github.com/gofiber/fiber/v2"

	"github.com/minka-gob/minka/internal/model"
)

// mountForum mounts the internal review, the Forum's scoring, the
// validation workshop (admin pages under /admin/forum), the Forum members'
// pages (/forum, opened with a personal link) and the public traceability
// pages (/process), which need no login and show no personal data.
func (s *Server) mountForum(app *fiber.App) {
	a := app.Group("/admin/forum", requireAdmin)
	a.Get("/", s.forumAdminHome)
	a.Get("/sheets", s.sheetList)
	a.Post("/sheets/generate", s.sheetGenerate)
	a.Post("/sheets/merge", s.sheetMerge)
	a.Get("/sheets/:id", s.sheetEdit)
	a.Post("/sheets/:id", s.sheetSave)
	a.Post("/publish", s.forumPublish)
	a.Get("/criteria", s.criteriaEdit)
	a.Post("/criteria", s.criteriaSave)
	a.Get("/members", s.forumMemberList)
	a.Post("/members", s.forumMemberCreate)
	a.Get("/members/:id", s.forumMemberEdit)
	a.Post("/members/:id", s.forumMemberSave)
	a.Post("/members/:id/link", s.forumLinkRenew)
	a.Get("/progress", s.forumProgress)
	a.Post("/close", s.forumClose)
	a.Post("/reopen", s.forumReopen)
	a.Get("/ranking", s.rankingShow)
	a.Post("/cutoff", s.cutoffSave)
	a.Get("/decisions", s.decisionList)
	a.Get("/decisions/:id", s.decisionEdit)
	a.Post("/decisions/:id", s.decisionSave)
	a.Post("/results", s.resultsPublish)

	f := app.Group("/forum")
	f.Get("/", requireForum, s.forumMemberHome)
	f.Get("/sheets/:id", requireForum, s.scoreShow)
	f.Post("/sheets/:id", requireForum, s.scoreSave)
	f.Get("/:token", s.LimitTokenLink, s.forumLinkOpen)

	p := app.Group("/process")
	p.Get("/", s.processShow)
	p.Get("/ideas/:id", s.ideaTrace)
	p.Get("/sheets/:id", s.sheetPublic)
	p.Get("/ranking", s.rankingPublic)
	p.Get("/matrix", s.matrixPublic)
}

// requireForum lets only a Forum member (a session opened with a personal
// link) through.
func requireForum(c *fiber.Ctx) error {
	if principal(c).CanScore() {
		return c.Next()
	}
	return model.Forbidden("forum.error.link_required")
}
