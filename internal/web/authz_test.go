package web

import (
	"bytes"
	"context"
	"encoding/base64"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"

	"golang.org/x/crypto/bcrypt"

	"github.com/minka-gob/minka"
	"github.com/minka-gob/minka/internal/export"
	"github.com/minka-gob/minka/internal/model"
	"github.com/minka-gob/minka/internal/store"
	"github.com/minka-gob/minka/internal/storetest"
)

// The authorization matrix: every route of the application × every role,
// and whether that role may use it. TestAuthorizationMatrix enumerates the
// routes Fiber actually has, so a new route without a row here FAILS the
// test; each row is then called as each role and must be allowed or refused
// exactly as written.
//
// To add a route: add a row to authzMatrix with the method and path exactly
// as registered (Fiber's pattern, e.g. "/tables/:id/rapporteur"), the roles
// allowed, a concrete URL (placeholders in braces, see authzFixture.vars;
// the table roles belong to {table} of {workshop}), the form, JSON body or
// file a write needs to pass validation (the CSRF token is added), and how a
// refusal looks when it is not the default (pages of the Secretariat send to
// /login, the API answers 403). A route scoped to one table, workshop or
// photo gets a second row with {other_table}, {other_workshop} … to prove
// that the rapporteur of table 1 is refused on table 2.
//
// Websocket message types get the same treatment in authz_ws_test.go: one
// row per type of internal/live's protocol, the roles that may send it.

// Roles of the matrix. "public" is a visitor without a session.
const (
	rolePublic = "public"
)

var authzRoles = []string{rolePublic, model.RoleParticipant, model.RoleRapporteur, model.RoleFacilitator, model.RoleForum, model.RoleAdmin}

// refusal is how a route says no.
type refusal int

const (
	byDefault refusal = iota // toLogin for pages, forbidden under /api/
	toLogin                  // a redirect to /login (pages for the Secretariat, the plenary screen)
	toJoin                   // a redirect to /join (table screens, for the public)
	forbidden                // 403 (the API, table and Forum pages)
	notFound                 // 404 (a record the role may not know exists)
)

// authzFile is a multipart upload.
type authzFile struct {
	field, name string
	content     func(t *testing.T) []byte
}

type authzRow struct {
	method, path string
	allow        []string
	url          string     // concrete URL; defaults to path
	form         url.Values // body of a page's POST
	json         string     // body of an API write (Content-Type: application/json)
	file         *authzFile // a multipart upload (with form as its other fields)
	refusal      refusal    // how the roles not allowed are refused
	public       refusal    // how the public is refused, when it differs
	stage        string     // the Forum's stage the row runs in: "" (scoring, the default), review, closed, results
	want         int        // the status an allowed role gets, when it is not a success (2xx, 3xx)
}

var (
	everyone     = authzRoles
	adminOnly    = []string{model.RoleAdmin}
	tableReaders = []string{model.RoleParticipant, model.RoleRapporteur, model.RoleFacilitator, model.RoleAdmin}
	tableWriters = []string{model.RoleRapporteur, model.RoleAdmin}
	facilitators = []string{model.RoleFacilitator, model.RoleAdmin}
	forumOnly    = []string{model.RoleForum}
)

var (
	photoFile = &authzFile{field: "photo", name: "maqueta.png", content: pngBytes}
	csvFile   = &authzFile{field: "file", name: "inscritos.csv", content: func(*testing.T) []byte { return []byte(authzCSV) }}
	// processCSVFile names its workshop: the fixture's second one (Tacna).
	processCSVFile = &authzFile{field: "file", name: "inscritos-proceso.csv", content: func(*testing.T) []byte { return []byte(authzProcessCSV) }}
)

const authzProcessCSV = "Nombre,Sexo,Sector,Correo,Consentimiento,Ciudad,Fecha\nRita Mamani,F,Academia,rita@example.pe,sí,Tacna,20/09/2025\n"

const authzCSV = "Nombre,Sexo,Sector,Correo,Consentimiento\nRosa Quispe,F,Academia,rosa@example.pe,sí\n"

var authzMatrix = []authzRow{
	// Public pages and actions.
	{method: "GET", path: "/", allow: everyone},
	{method: "GET", path: "/login", allow: everyone},
	{method: "POST", path: "/login", allow: everyone, form: url.Values{"username": {"nobody"}, "password": {"wrong"}}, want: 401},
	{method: "POST", path: "/logout", allow: everyone},
	{method: "GET", path: "/join", allow: everyone},
	{method: "POST", path: "/join", allow: everyone, form: url.Values{"code": {"NOPE2345"}}, want: 422},
	{method: "GET", path: "/api/v1/health", allow: everyone},
	{method: "GET", path: "/workshops/:id/register", allow: everyone, url: "/workshops/{workshop}/register"},
	{method: "POST", path: "/workshops/:id/register", allow: everyone, url: "/workshops/{workshop}/register",
		form: url.Values{"name": {"Rosa Quispe"}, "gender": {"female"}, "sector": {"academic"}, "email": {"rosa.{role}@example.pe"}, "consent": {"1"}}},
	{method: "GET", path: "/workshops/:id/register/thanks", allow: everyone, url: "/workshops/{workshop}/register/thanks"},
	{method: "GET", path: "/stats", allow: everyone},
	{method: "GET", path: "/workshops/:id/stats", allow: everyone, url: "/workshops/{workshop}/stats"},
	// The satisfaction survey: by QR code, from any phone, with or without a session.
	{method: "GET", path: "/workshops/:id/survey", allow: everyone, url: "/workshops/{workshop}/survey"},
	{method: "POST", path: "/workshops/:id/survey", allow: everyone, url: "/workshops/{workshop}/survey",
		form: url.Values{"score": {"5"}, "comment": {"Muy útil"}}},
	// The room screen (projector): its code is the key, for anyone who has it.
	{method: "GET", path: "/screen/:code", allow: everyone, url: "/screen/{screen}"},
	{method: "GET", path: "/screen/:code/state", allow: everyone, url: "/screen/{screen}/state"},
	{method: "GET", path: "/screen/:code/qr/:target", allow: everyone, url: "/screen/{screen}/qr/{table}"},
	// The websocket: anyone may connect; each message is authorized (authz_ws_test.go).
	{method: "GET", path: "/ws", allow: everyone, want: http.StatusUpgradeRequired},

	// Public traceability (stages 3-5), no login, no personal data.
	{method: "GET", path: "/process/", allow: everyone, stage: "results"},
	{method: "GET", path: "/process/ideas/:id", allow: everyone, url: "/process/ideas/{idea}", stage: "results"},
	{method: "GET", path: "/process/sheets/:id", allow: everyone, url: "/process/sheets/{sheet}"},
	{method: "GET", path: "/process/ranking", allow: everyone, stage: "results"},
	{method: "GET", path: "/process/matrix", allow: everyone, stage: "results"},

	// Public API (docs/API.md): reads of the process and aggregates.
	{method: "GET", path: "/api/v1/process", allow: everyone},
	{method: "GET", path: "/api/v1/process/route", allow: everyone},
	{method: "GET", path: "/api/v1/problems", allow: everyone},
	{method: "GET", path: "/api/v1/problems/:id", allow: everyone, url: "/api/v1/problems/{problem}"},
	{method: "GET", path: "/api/v1/profiles", allow: everyone},
	{method: "GET", path: "/api/v1/profiles/:id", allow: everyone, url: "/api/v1/profiles/{profile}"},
	{method: "GET", path: "/api/v1/workshops", allow: everyone},
	{method: "GET", path: "/api/v1/workshops/:id", allow: everyone, url: "/api/v1/workshops/{workshop}"},
	{method: "GET", path: "/api/v1/workshops/:id/tables", allow: everyone, url: "/api/v1/workshops/{workshop}/tables"},
	{method: "GET", path: "/api/v1/tables/:id", allow: everyone, url: "/api/v1/tables/{table}"},
	{method: "GET", path: "/api/v1/stats", allow: everyone},
	{method: "GET", path: "/api/v1/workshops/:id/stats", allow: everyone, url: "/api/v1/workshops/{workshop}/stats"},
	{method: "GET", path: "/api/v1/forum/state", allow: everyone},
	{method: "GET", path: "/api/v1/forum/sheets", allow: everyone},
	{method: "GET", path: "/api/v1/forum/sheets/:id", allow: everyone, url: "/api/v1/forum/sheets/{sheet}"},
	{method: "GET", path: "/api/v1/forum/ranking", allow: everyone, stage: "results"},
	{method: "GET", path: "/api/v1/forum/matrix", allow: everyone, stage: "results"},
	{method: "GET", path: "/api/v1/forum/stats", allow: everyone},
	{method: "GET", path: "/api/v1/forum/ideas/:id", allow: everyone, url: "/api/v1/forum/ideas/{idea}"},

	// A table's screens and records: its own people and the Secretariat.
	{method: "GET", path: "/tables/:id", allow: tableReaders, url: "/tables/{table}", refusal: forbidden, public: toJoin},
	{method: "GET", path: "/tables/:id", allow: adminOnly, url: "/tables/{other_table}", refusal: forbidden, public: toJoin},
	{method: "GET", path: "/tables/:id/rapporteur", allow: tableWriters, url: "/tables/{table}/rapporteur", refusal: forbidden, public: toJoin},
	{method: "GET", path: "/tables/:id/rapporteur", allow: adminOnly, url: "/tables/{other_table}/rapporteur", refusal: forbidden, public: toJoin},
	{method: "GET", path: "/tables/:id/facilitator", allow: facilitators, url: "/tables/{table}/facilitator", refusal: forbidden, public: toJoin},
	{method: "GET", path: "/tables/:id/facilitator", allow: adminOnly, url: "/tables/{other_table}/facilitator", refusal: forbidden, public: toJoin},
	{method: "POST", path: "/tables/:id/prototypes/:pid/photo", allow: tableWriters, url: "/tables/{table}/prototypes/{prototype}/photo",
		file: photoFile, refusal: forbidden},
	{method: "POST", path: "/tables/:id/prototypes/:pid/photo", allow: adminOnly, url: "/tables/{other_table}/prototypes/{other_prototype}/photo",
		file: photoFile, refusal: forbidden},
	// A photo is not even admitted to exist for outsiders.
	{method: "GET", path: "/uploads/:name", allow: tableReaders, url: "/uploads/{photo}", refusal: notFound},
	{method: "GET", path: "/uploads/:name", allow: adminOnly, url: "/uploads/{other_photo}", refusal: notFound},
	{method: "GET", path: "/api/v1/tables/:id/record", allow: tableReaders, url: "/api/v1/tables/{table}/record"},
	{method: "GET", path: "/api/v1/tables/:id/record", allow: adminOnly, url: "/api/v1/tables/{other_table}/record"},
	// A workshop's plenary: anyone seated at one of its tables, and the Secretariat.
	{method: "GET", path: "/workshops/:id/plenary", allow: tableReaders, url: "/workshops/{workshop}/plenary", refusal: forbidden, public: toLogin},
	{method: "GET", path: "/workshops/:id/plenary", allow: adminOnly, url: "/workshops/{other_workshop}/plenary", refusal: forbidden, public: toLogin},
	{method: "GET", path: "/api/v1/workshops/:id/plenary", allow: tableReaders, url: "/api/v1/workshops/{workshop}/plenary"},
	{method: "GET", path: "/api/v1/workshops/:id/plenary", allow: adminOnly, url: "/api/v1/workshops/{other_workshop}/plenary"},
	{method: "GET", path: "/api/v1/workshops/:id/ideas-by-principle", allow: tableReaders, url: "/api/v1/workshops/{workshop}/ideas-by-principle"},
	{method: "GET", path: "/api/v1/workshops/:id/ideas-by-principle", allow: adminOnly, url: "/api/v1/workshops/{other_workshop}/ideas-by-principle"},

	// A Forum member's own pages and scores (session opened by the personal link).
	{method: "GET", path: "/forum/:token", allow: everyone, url: "/forum/{token}"},
	{method: "POST", path: "/forum/:token", allow: everyone, url: "/forum/{token}"},
	{method: "GET", path: "/forum/", allow: forumOnly, refusal: forbidden},
	{method: "GET", path: "/forum/sheets/:id", allow: forumOnly, url: "/forum/sheets/{sheet}", refusal: forbidden},
	{method: "POST", path: "/forum/sheets/:id", allow: forumOnly, url: "/forum/sheets/{sheet}", refusal: forbidden,
		form: url.Values{"action": {"draft"}, "score_relevance": {"4"}, "observations": {"Precisar indicadores."}}},
	{method: "GET", path: "/api/v1/forum/me/scores", allow: forumOnly},
	{method: "GET", path: "/api/v1/forum/me/scores/:sheet", allow: forumOnly, url: "/api/v1/forum/me/scores/{sheet}"},
	{method: "PUT", path: "/api/v1/forum/me/scores/:sheet", allow: forumOnly, url: "/api/v1/forum/me/scores/{sheet}",
		json: `{"action":"draft","values":{"relevance":4},"observations":"Precisar indicadores."}`},

	// The Secretariat: security and data.
	{method: "GET", path: "/admin/", allow: adminOnly},
	{method: "GET", path: "/admin/security", allow: adminOnly},
	{method: "GET", path: "/admin/audit", allow: adminOnly},
	{method: "GET", path: "/admin/audit/export", allow: adminOnly},
	{method: "POST", path: "/admin/backup", allow: adminOnly},
	{method: "GET", path: "/admin/account", allow: adminOnly},
	{method: "POST", path: "/admin/account/password", allow: adminOnly,
		form: url.Values{"current": {authzAdminPassword}, "new": {"otra-clave-larga"}, "confirm": {"otra-clave-larga"}}},
	{method: "POST", path: "/admin/admins", allow: adminOnly,
		form: url.Values{"username": {"nueva"}, "password": {"otra-clave-larga"}, "confirm": {"otra-clave-larga"}}},
	{method: "GET", path: "/admin/tables/:id/codes", allow: adminOnly, url: "/admin/tables/{table}/codes"},
	// A facilitator may not renew the codes of their own table.
	{method: "POST", path: "/admin/tables/:id/codes/regenerate", allow: adminOnly, url: "/admin/tables/{table}/codes/regenerate",
		form: url.Values{"role": {"participant"}}},
	{method: "GET", path: "/admin/participants/:id/erase", allow: adminOnly, url: "/admin/participants/{participant}/erase"},
	{method: "POST", path: "/admin/participants/:id/erase", allow: adminOnly, url: "/admin/participants/{participant}/erase"},

	// Field laptops (docs/FIELD.md): the Secretariat's page, and the API a
	// laptop calls with its field token, which no session opens.
	{method: "GET", path: "/admin/field", allow: adminOnly},
	{method: "POST", path: "/admin/field/tokens", allow: adminOnly, form: url.Values{"workshop_id": {"{workshop}"}, "label": {"Laptop Ayacucho"}}},
	{method: "POST", path: "/admin/field/tokens/:id/revoke", allow: adminOnly, url: "/admin/field/tokens/{field_token}/revoke"},
	{method: "POST", path: "/admin/field/workshops/:id/return", allow: adminOnly, url: "/admin/field/workshops/{field_workshop}/return"},
	{method: "POST", path: "/admin/field/import", allow: adminOnly, want: http.StatusUnprocessableEntity,
		file: &authzFile{field: "bundle", name: "taller.minka", content: func(*testing.T) []byte { return []byte("not a bundle") }}},
	{method: "POST", path: "/api/v1/field/workshops/:wid/checkout", allow: nil, json: `{"checkout_id":"{field_checkout}"}`,
		url: "/api/v1/field/workshops/{field_workshop}/checkout"},
	{method: "GET", path: "/api/v1/field/workshops/:wid/checkouts/:cid/pushes/:pid", allow: nil,
		url: "/api/v1/field/workshops/{field_workshop}/checkouts/{field_checkout}/pushes/{field_checkout}"},
	{method: "POST", path: "/api/v1/field/workshops/:wid/checkouts/:cid/pushes/:pid/batches", allow: nil, json: `{"seq":1,"digest":"","tables":[]}`,
		url: "/api/v1/field/workshops/{field_workshop}/checkouts/{field_checkout}/pushes/{field_checkout}/batches"},
	{method: "POST", path: "/api/v1/field/workshops/:wid/checkouts/:cid/pushes/:pid/finish", allow: nil, json: `{"manifest":{"tables":[]}}`,
		url: "/api/v1/field/workshops/{field_workshop}/checkouts/{field_checkout}/pushes/{field_checkout}/finish"},
	{method: "POST", path: "/api/v1/field/workshops/:wid/checkouts/:cid/photos", allow: nil, json: `{"name":"x.png","data":""}`,
		url: "/api/v1/field/workshops/{field_workshop}/checkouts/{field_checkout}/photos"},

	// The Secretariat: set-up, registration, check-in.
	{method: "GET", path: "/admin/process", allow: adminOnly},
	{method: "POST", path: "/admin/process", allow: adminOnly, form: url.Values{"name": {"VI Plan"}, "period": {"2026-2027"}}},
	{method: "GET", path: "/admin/route", allow: adminOnly},
	{method: "POST", path: "/admin/route", allow: adminOnly, form: url.Values{"minutes_topic": {"10"}, "minutes_needs": {"20"}, "minutes_stories": {"20"},
		"minutes_ideas": {"25"}, "minutes_prioritize": {"15"}, "minutes_prototype": {"30"}}},
	{method: "GET", path: "/admin/problems", allow: adminOnly},
	{method: "GET", path: "/admin/problems/new", allow: adminOnly},
	{method: "POST", path: "/admin/problems", allow: adminOnly, form: url.Values{"title": {"Capacidades institucionales"}}},
	{method: "GET", path: "/admin/problems/:id/edit", allow: adminOnly, url: "/admin/problems/{problem}/edit"},
	{method: "POST", path: "/admin/problems/:id", allow: adminOnly, url: "/admin/problems/{problem}", form: url.Values{"title": {"Capacidades ciudadanas"}}},
	{method: "GET", path: "/admin/profiles", allow: adminOnly},
	{method: "GET", path: "/admin/profiles/new", allow: adminOnly},
	{method: "POST", path: "/admin/profiles", allow: adminOnly, form: url.Values{"name": {"Lideresa comunal"}, "problem_id": {"{problem}"}}},
	{method: "GET", path: "/admin/profiles/:id/edit", allow: adminOnly, url: "/admin/profiles/{profile}/edit"},
	{method: "POST", path: "/admin/profiles/:id", allow: adminOnly, url: "/admin/profiles/{profile}", form: url.Values{"name": {"Joven universitario"}}},
	{method: "GET", path: "/admin/workshops", allow: adminOnly},
	{method: "GET", path: "/admin/workshops/new", allow: adminOnly},
	{method: "POST", path: "/admin/workshops", allow: adminOnly, form: url.Values{"city": {"Cusco"}, "date": {"2025-10-01"}, "status": {"planned"}}},
	{method: "GET", path: "/admin/workshops/:id", allow: adminOnly, url: "/admin/workshops/{workshop}"},
	{method: "GET", path: "/admin/workshops/:id/edit", allow: adminOnly, url: "/admin/workshops/{workshop}/edit"},
	{method: "POST", path: "/admin/workshops/:id", allow: adminOnly, url: "/admin/workshops/{workshop}",
		form: url.Values{"city": {"Ayacucho"}, "date": {"2025-09-10"}, "status": {"open"}}},
	{method: "GET", path: "/admin/workshops/:id/tables/new", allow: adminOnly, url: "/admin/workshops/{workshop}/tables/new"},
	{method: "POST", path: "/admin/workshops/:id/tables", allow: adminOnly, url: "/admin/workshops/{workshop}/tables", form: url.Values{"number": {"3"}}},
	{method: "GET", path: "/admin/tables/:id/edit", allow: adminOnly, url: "/admin/tables/{table}/edit"},
	{method: "POST", path: "/admin/tables/:id", allow: adminOnly, url: "/admin/tables/{table}", form: url.Values{"number": {"1"}, "facilitator": {"Ana"}}},
	{method: "GET", path: "/admin/workshops/:id/participants", allow: adminOnly, url: "/admin/workshops/{workshop}/participants"},
	{method: "GET", path: "/admin/import", allow: adminOnly},
	{method: "POST", path: "/admin/import", allow: adminOnly, file: processCSVFile},
	{method: "POST", path: "/admin/import/confirm", allow: adminOnly,
		form: url.Values{"data": {base64.StdEncoding.EncodeToString([]byte(authzProcessCSV))}}},
	{method: "GET", path: "/admin/workshops/:id/import", allow: adminOnly, url: "/admin/workshops/{workshop}/import"},
	{method: "POST", path: "/admin/workshops/:id/import", allow: adminOnly, url: "/admin/workshops/{workshop}/import", file: csvFile},
	{method: "POST", path: "/admin/workshops/:id/import/confirm", allow: adminOnly, url: "/admin/workshops/{workshop}/import/confirm",
		form: url.Values{"data": {base64.StdEncoding.EncodeToString([]byte(authzCSV))}}},
	{method: "GET", path: "/admin/workshops/:id/checkin", allow: adminOnly, url: "/admin/workshops/{workshop}/checkin"},
	{method: "POST", path: "/admin/participants/:id/checkin", allow: adminOnly, url: "/admin/participants/{participant}/checkin",
		form: url.Values{"table_id": {"{table}"}}},
	{method: "POST", path: "/admin/participants/:id/checkin/undo", allow: adminOnly, url: "/admin/participants/{participant}/checkin/undo"},

	// The Secretariat: the live tables.
	{method: "GET", path: "/admin/live", allow: adminOnly},
	{method: "GET", path: "/admin/tables/:id/codes/print", allow: adminOnly, url: "/admin/tables/{table}/codes/print"},
	{method: "GET", path: "/admin/tables/:id/qr/:role", allow: adminOnly, url: "/admin/tables/{table}/qr/rapporteur"},
	{method: "GET", path: "/admin/workshops/:id/survey", allow: adminOnly, url: "/admin/workshops/{workshop}/survey"},
	{method: "GET", path: "/admin/workshops/:id/survey/qr", allow: adminOnly, url: "/admin/workshops/{workshop}/survey/qr"},
	{method: "GET", path: "/admin/workshops/:id/aar", allow: adminOnly, url: "/admin/workshops/{workshop}/aar"},
	{method: "GET", path: "/admin/workshops/:id/codes/print", allow: adminOnly, url: "/admin/workshops/{workshop}/codes/print"},
	{method: "POST", path: "/admin/workshops/:id/screen", allow: adminOnly, url: "/admin/workshops/{workshop}/screen",
		form: url.Values{"view": {"matrix"}, "table_id": {"{table}"}}},
	{method: "POST", path: "/admin/workshops/:id/aar", allow: adminOnly, url: "/admin/workshops/{workshop}/aar",
		form: url.Values{"planned": {"Cinco mesas"}, "happened": {"Cuatro mesas"}, "why": {"Lluvia"}, "change_next": {"Más sillas"}, "version": {"0"}}},

	// The Secretariat's exports (personal data in the full workbook and the CSV) and the public workbook.
	{method: "GET", path: "/admin/exports/", allow: adminOnly},
	{method: "POST", path: "/admin/exports/", allow: adminOnly, form: url.Values{"workshop": {"{workshop}"}, "variant": {"full"}}},
	{method: "GET", path: "/admin/exports/files/:name", allow: adminOnly, url: "/admin/exports/files/{export}"},
	{method: "GET", path: "/admin/exports/participants.csv", allow: adminOnly, url: "/admin/exports/participants.csv?workshop={workshop}"},
	{method: "GET", path: "/exports/public.xlsx", allow: everyone, stage: "results"},
	{method: "GET", path: "/exports/public.xlsx", allow: everyone, url: "/exports/public.xlsx?workshop={workshop}"},

	// The Secretariat: internal review, Forum, validation workshop.
	{method: "GET", path: "/admin/forum/", allow: adminOnly},
	{method: "GET", path: "/admin/forum/sheets", allow: adminOnly},
	{method: "POST", path: "/admin/forum/sheets/generate", allow: adminOnly, stage: "review"},
	{method: "POST", path: "/admin/forum/ideas/:id/principle", allow: adminOnly, url: "/admin/forum/ideas/{idea}/principle", form: url.Values{"principle": {"integrity"}}},
	{method: "POST", path: "/admin/forum/sheets/merge", allow: adminOnly, form: url.Values{"sheet": {"{sheet}", "{other_sheet}"}}, stage: "review"},
	{method: "GET", path: "/admin/forum/sheets/:id", allow: adminOnly, url: "/admin/forum/sheets/{sheet}"},
	{method: "GET", path: "/admin/forum/sheets/print", allow: adminOnly},
	{method: "GET", path: "/admin/forum/sheets/:id/print", allow: adminOnly, url: "/admin/forum/sheets/{sheet}/print"},
	{method: "POST", path: "/admin/forum/sheets/:id", allow: adminOnly, url: "/admin/forum/sheets/{sheet}",
		form: url.Values{"name": {"Presupuesto en quechua"}, "place": {"Ayacucho"}, "problem": {"p"}, "description": {"d"},
			"contribution": {"c"}, "relevance": {"r"}, "principle": {"transparency"}, "responsible": {"MEF"}, "version": {"2"}}, stage: "review"},
	{method: "POST", path: "/admin/forum/publish", allow: adminOnly, stage: "review"},
	{method: "GET", path: "/admin/forum/criteria", allow: adminOnly},
	{method: "POST", path: "/admin/forum/criteria", allow: adminOnly, stage: "review", form: url.Values{"weight_relevance": {"0.3"},
		"weight_impact": {"0.2"}, "weight_technical_legal": {"0.2"}, "weight_financial_operational": {"0.2"}, "weight_innovation": {"0.1"}}},
	{method: "GET", path: "/admin/forum/members", allow: adminOnly},
	{method: "POST", path: "/admin/forum/members", allow: adminOnly,
		form: url.Values{"name": {"Carmen Rojas"}, "organization": {"Proética"}, "sector": {"civil_society"}}},
	{method: "GET", path: "/admin/forum/members/:id", allow: adminOnly, url: "/admin/forum/members/{member}"},
	{method: "POST", path: "/admin/forum/members/:id", allow: adminOnly, url: "/admin/forum/members/{member}",
		form: url.Values{"name": {"Carmen Rojas"}, "organization": {"Proética"}, "sector": {"civil_society"}}},
	{method: "POST", path: "/admin/forum/members/:id/link", allow: adminOnly, url: "/admin/forum/members/{member}/link"},
	{method: "GET", path: "/admin/forum/progress", allow: adminOnly},
	{method: "POST", path: "/admin/forum/close", allow: adminOnly},
	{method: "POST", path: "/admin/forum/reopen", allow: adminOnly, form: url.Values{"reason": {"Faltó un miembro"}}, stage: "closed"},
	{method: "GET", path: "/admin/forum/ranking", allow: adminOnly},
	{method: "POST", path: "/admin/forum/cutoff", allow: adminOnly, form: url.Values{"cutoff": {"1"}}},
	{method: "GET", path: "/admin/forum/decisions", allow: adminOnly, stage: "closed"},
	{method: "GET", path: "/admin/forum/decisions/:id", allow: adminOnly, url: "/admin/forum/decisions/{sheet}", stage: "closed"},
	{method: "POST", path: "/admin/forum/decisions/:id", allow: adminOnly, url: "/admin/forum/decisions/{sheet}",
		form: url.Values{"outcome": {"prioritized"}, "rationale": {"Alto puntaje"}, "version": {"1"}}, stage: "closed"},
	{method: "POST", path: "/admin/forum/results", allow: adminOnly, stage: "closed"},

	// The Secretariat's API (docs/API.md): every write, personal data, the Forum's administration.
	{method: "PUT", path: "/api/v1/process", allow: adminOnly, json: `{"name":"VI Plan","period":"2026-2027"}`},
	{method: "PUT", path: "/api/v1/process/route", allow: adminOnly, json: `[{"phase":"topic","minutes":10},{"phase":"needs","minutes":20},{"phase":"stories","minutes":20},{"phase":"ideas","minutes":25},{"phase":"prioritize","minutes":15},{"phase":"prototype","minutes":30}]`},
	{method: "POST", path: "/api/v1/problems", allow: adminOnly, json: `{"title":"Capacidades institucionales"}`},
	{method: "PUT", path: "/api/v1/problems/:id", allow: adminOnly, url: "/api/v1/problems/{problem}", json: `{"title":"Capacidades ciudadanas"}`},
	{method: "POST", path: "/api/v1/profiles", allow: adminOnly, json: `{"name":"Lideresa comunal","problem_id":"{problem}"}`},
	{method: "PUT", path: "/api/v1/profiles/:id", allow: adminOnly, url: "/api/v1/profiles/{profile}", json: `{"name":"Joven universitario"}`},
	{method: "POST", path: "/api/v1/workshops", allow: adminOnly, json: `{"city":"Cusco","date":"2025-10-01"}`},
	{method: "PUT", path: "/api/v1/workshops/:id", allow: adminOnly, url: "/api/v1/workshops/{workshop}", json: `{"venue":"Centro MAC"}`},
	{method: "POST", path: "/api/v1/workshops/:id/tables", allow: adminOnly, url: "/api/v1/workshops/{workshop}/tables", json: `{"number":3}`},
	{method: "PUT", path: "/api/v1/tables/:id", allow: adminOnly, url: "/api/v1/tables/{table}", json: `{"facilitator":"Ana"}`},
	{method: "GET", path: "/api/v1/workshops/:id/participants", allow: adminOnly, url: "/api/v1/workshops/{workshop}/participants"},
	{method: "POST", path: "/api/v1/workshops/:id/participants", allow: adminOnly, url: "/api/v1/workshops/{workshop}/participants",
		json: `{"name":"Rosa Quispe","gender":"female","sector":"academic","email":"rosa@example.pe","consent":true}`},
	{method: "GET", path: "/api/v1/participants/:id", allow: adminOnly, url: "/api/v1/participants/{participant}"},
	{method: "POST", path: "/api/v1/participants/:id/checkin", allow: adminOnly, url: "/api/v1/participants/{participant}/checkin",
		json: `{"table_id":"{table}"}`},
	{method: "DELETE", path: "/api/v1/participants/:id/checkin", allow: adminOnly, url: "/api/v1/participants/{participant}/checkin"},
	{method: "GET", path: "/api/v1/workshops/:id/survey", allow: adminOnly, url: "/api/v1/workshops/{workshop}/survey"},
	{method: "POST", path: "/api/v1/forum/sheets/generate", allow: adminOnly, json: `{"only_chosen":false}`, stage: "review"},
	{method: "POST", path: "/api/v1/forum/sheets/merge", allow: adminOnly, json: `{"sheet_ids":["{sheet}","{other_sheet}"]}`, stage: "review"},
	{method: "PUT", path: "/api/v1/forum/sheets/:id", allow: adminOnly, url: "/api/v1/forum/sheets/{sheet}",
		stage: "review", json: `{"name":"Presupuesto en quechua","place":"Ayacucho","problem":"p","description":"d","contribution":"c",
			"relevance":"r","principle":"transparency","responsible":"MEF","version":2}`},
	{method: "PUT", path: "/api/v1/forum/criteria", allow: adminOnly, json: `[{"code":"relevance","weight":0.3},{"code":"innovation","weight":0.1}]`, stage: "review"},
	{method: "GET", path: "/api/v1/forum/members", allow: adminOnly},
	{method: "POST", path: "/api/v1/forum/members", allow: adminOnly, json: `{"name":"Carmen Rojas","organization":"Proética","sector":"civil_society"}`},
	{method: "POST", path: "/api/v1/forum/members/:id/link", allow: adminOnly, url: "/api/v1/forum/members/{member}/link"},
	{method: "GET", path: "/api/v1/forum/progress", allow: adminOnly},
	{method: "POST", path: "/api/v1/forum/publish", allow: adminOnly, stage: "review"},
	{method: "POST", path: "/api/v1/forum/close", allow: adminOnly},
	{method: "POST", path: "/api/v1/forum/reopen", allow: adminOnly, json: `{"reason":"Faltó un miembro"}`, stage: "closed"},
	{method: "POST", path: "/api/v1/forum/results", allow: adminOnly, stage: "closed"},
	{method: "PUT", path: "/api/v1/forum/cutoff", allow: adminOnly, json: `{"cutoff":1}`},
	{method: "PUT", path: "/api/v1/forum/decisions/:sheet", allow: adminOnly, url: "/api/v1/forum/decisions/{sheet}",
		json: `{"outcome":"prioritized","rationale":"Alto puntaje","version":1}`, stage: "closed"},
}

const authzAdminPassword = "clave-de-la-matriz"

// authzFixture is the data every row runs against: a workshop with two
// tables (the table roles sit at the first), another workshop, a
// participant, ideas and prototypes with photos at both tables, a Forum
// member, and the idea sheets published to the Forum (scoring open), or
// with the results published.
type authzFixture struct {
	e                 *testEnv
	vars              map[string]string // placeholder → value
	adminID, memberID string
	role              string            // of the request being made
	sessions          map[string]string // role → session token, reused while it lives
}

// authzTemplate is a fixture saved to disk (a backup of its database and
// its uploads), from which each row that writes gets a fresh copy quickly.
type authzTemplate struct {
	db, uploads       string
	vars              map[string]string
	adminID, memberID string
}

// authzStages are the Forum stages rows run in.
var authzStages = []string{"review", "", "closed", "results"}

func newAuthzFixture(t *testing.T, stage string) *authzFixture {
	t.Helper()
	return newAuthzFixtureMarked(t, stage, func(s string) string { return s })
}

// Personal data in the fixture, each with a word found nowhere else, so that
// a test can look for it in any page.
const (
	pdName         = "Zoila Canchari Únicaxyz"
	pdOrganization = "Asociación Únicaorgp"
	pdEmail        = "zoila.unicaxyz@example.pe"
	pdPhone        = "+51 987 000 111"
	pdFacilitator  = "Faustina Únicafac"
	pdRapporteur   = "Rodrigo Únicarap"
	pdMember       = "Marta Únicaforo"
	pdMemberOrg    = "Colectivo Únicaorgf"
	pdObservation  = "Observación Únicaobs"
	pdConflict     = "Conflicto Únicacon"
	pdNotes        = "Deliberación Únicanota"
)

// newAuthzFixtureMarked is the fixture with every text a person typed
// passed through mark (e.g. to append a <script>).
func newAuthzFixtureMarked(t *testing.T, stage string, mark func(string) string) *authzFixture {
	t.Helper()
	e := newTestEnv(t)
	ctx := context.Background()
	st := e.store
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	f := &authzFixture{e: e}
	problems, err := st.Problems(ctx)
	must(err)
	prof := model.UserProfile{Name: mark("Madre de familia"), ProblemID: problems[0].ID, Needs: mark("Horarios")}
	must(st.CreateProfile(ctx, &prof))
	w := model.Workshop{City: mark("Ayacucho"), Date: "2025-09-10", Status: model.WorkshopOpen, Venue: mark("Centro MAC"), Focus: mark("Justicia")}
	must(st.CreateWorkshop(ctx, &w))
	w2 := model.Workshop{City: "Tacna", Date: "2025-09-20", Status: model.WorkshopOpen}
	must(st.CreateWorkshop(ctx, &w2))
	var tables []model.Table
	for n := 1; n <= 2; n++ {
		tb := model.Table{WorkshopID: w.ID, Number: n, ProblemID: problems[0].ID, ProfileID: prof.ID,
			Facilitator: mark(pdFacilitator), Rapporteur: mark(pdRapporteur)}
		must(st.CreateTable(ctx, &tb))
		tables = append(tables, tb)
	}
	p := model.Participant{WorkshopID: w.ID, Name: mark(pdName), Organization: mark(pdOrganization), Gender: "female", Sector: "academic",
		Email: pdEmail, Phone: pdPhone, Consent: true}
	must(st.CreateParticipant(ctx, &p))
	_, err = st.CheckIn(ctx, p.ID, tables[0].ID)
	must(err)
	a, err := st.CreateAdmin(ctx, "matriz", authzAdminPassword)
	must(err)
	f.adminID = a.ID

	screen, err := st.Screen(ctx, w.ID)
	must(err)
	_, err = st.Screen(ctx, w2.ID)
	must(err)

	must(st.SaveSurveyAnswer(ctx, &model.SurveyAnswer{WorkshopID: w.ID, Respondent: "anon:fixture", Score: 5, Comment: mark("Muy útil")}))

	// At each table an idea and a prototype with its photo.
	var ideas, protos, photos []string
	for _, tb := range tables {
		idea := storetest.Idea(t, st, model.Idea{TableID: tb.ID, Title: mark("¿Cómo podríamos publicar el presupuesto en quechua?"),
			Description: mark("En las radios locales"), Principle: model.PrincipleTransparency})
		proto := &model.Prototype{ID: store.NewID(), IdeaID: idea.ID, Description: mark("Maqueta de la app")}
		_, err := st.CreateContribution(ctx, tb.ID, proto)
		must(err)
		photo := store.NewID() + ".png"
		must(os.WriteFile(filepath.Join(e.srv.cfg.UploadsDir, photo), pngBytes(t), 0o644))
		_, _, err = st.SetPrototypePhoto(ctx, store.NewID(), tb.ID, proto.ID, photo)
		must(err)
		ideas, protos, photos = append(ideas, idea.ID), append(protos, proto.ID), append(photos, photo)
	}

	// The Forum: two members and the idea sheets; from "scoring" on, the
	// sheets are published, one member has scored the first and the other
	// recused; once closed, every sheet has its decision.
	memberID, token := storetest.Member(t, st, model.ForumMember{Name: mark(pdMember), Organization: mark(pdMemberOrg), Sector: "civil_society"})
	other, _ := storetest.Member(t, st, model.ForumMember{Name: mark("Julio Únicaforo"), Organization: mark("Gremio Únicaorgf"), Sector: "private"})
	f.memberID = memberID
	_, err = st.GenerateSheets(ctx, false)
	must(err)
	storetest.CompleteSheets(t, st)
	sheets, err := st.ActiveSheets(ctx)
	must(err)
	if stage != "review" {
		must(st.PublishSheets(ctx))
		values := map[string]int{}
		for _, c := range model.CriterionCodes {
			values[c] = 4
		}
		_, err = st.SaveScore(ctx, memberID, sheets[0].ID, model.ScoreInput{Action: model.ScoreActionSubmit, Values: values,
			Observations: mark(pdObservation)})
		must(err)
		_, err = st.SaveScore(ctx, other, sheets[0].ID, model.ScoreInput{Action: model.ScoreActionRecuse, Conflict: mark(pdConflict)})
		must(err)
	}
	if stage == "closed" || stage == "results" {
		must(st.CloseScoring(ctx))
		for _, sh := range sheets {
			must(st.SaveDecision(ctx, &model.ForumDecision{SheetID: sh.ID, Outcome: model.OutcomePrioritized,
				Rationale: mark("Alto puntaje"), Notes: mark(pdNotes)}))
		}
	}
	if stage == "results" {
		must(st.PublishResults(ctx))
	}

	// A workshop checked out to a field laptop with its token.
	w3 := model.Workshop{City: "Puno", Date: "2025-10-01", Status: model.WorkshopOpen}
	must(st.CreateWorkshop(ctx, &w3))
	fieldToken := store.FieldToken{WorkshopID: w3.ID, SecretHash: "x", BundleKey: "y"}
	must(st.CreateFieldToken(ctx, &fieldToken))
	fieldCheckout := store.NewID()
	must(st.CheckoutWorkshop(ctx, fieldToken.ID, w3.ID, fieldCheckout))

	// A workbook the Secretariat generated earlier.
	saved, err := export.Save(ctx, st, e.srv.cfg.ExportsDir, export.Request{Lang: "es"})
	must(err)

	f.vars = map[string]string{
		"export":   filepath.Base(saved),
		"workshop": w.ID, "other_workshop": w2.ID, "table": tables[0].ID, "other_table": tables[1].ID,
		"participant": p.ID, "problem": problems[0].ID, "profile": prof.ID,
		"idea": ideas[0], "prototype": protos[0], "other_prototype": protos[1], "photo": photos[0], "other_photo": photos[1],
		"sheet": sheets[0].ID, "other_sheet": sheets[1].ID, "member": memberID, "token": token,
		"field_workshop": w3.ID, "field_token": fieldToken.ID, "field_checkout": fieldCheckout,
		"screen": screen.Code,
	}
	return f
}

// save makes a template of f in a folder of t.
func (f *authzFixture) save(t *testing.T) *authzTemplate {
	t.Helper()
	dir := t.TempDir()
	tp := &authzTemplate{db: filepath.Join(dir, "minka.sqlite"), uploads: f.e.srv.cfg.UploadsDir, vars: f.vars,
		adminID: f.adminID, memberID: f.memberID}
	if err := f.e.store.Backup(context.Background(), tp.db); err != nil {
		t.Fatal(err)
	}
	return tp
}

// clone is a fresh server on a copy of the template's database and uploads.
func (tp *authzTemplate) clone(t *testing.T) *authzFixture {
	t.Helper()
	dir := t.TempDir()
	copyFile := func(src, dst string) {
		b, err := os.ReadFile(src)
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(dst, b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	db := filepath.Join(dir, "minka.sqlite")
	copyFile(tp.db, db)
	uploads := filepath.Join(dir, "uploads")
	if err := os.Mkdir(uploads, 0o755); err != nil {
		t.Fatal(err)
	}
	names, _ := os.ReadDir(tp.uploads)
	for _, n := range names {
		copyFile(filepath.Join(tp.uploads, n.Name()), filepath.Join(uploads, n.Name()))
	}
	st, err := store.Open(db, minka.Migrations, store.Options{PasswordCost: bcrypt.MinCost})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	return &authzFixture{e: newTestEnvOn(t, st, uploads), vars: tp.vars, adminID: tp.adminID, memberID: tp.memberID}
}

// sessionFor opens a session of role ("" for public) and returns its cookie
// value. Table roles join {table} with its current code, read just now (an
// earlier row may have renewed it).
func (f *authzFixture) sessionFor(t *testing.T, role string) string {
	t.Helper()
	ctx := context.Background()
	if tok := f.sessions[role]; tok != "" {
		if _, err := f.e.store.Session(ctx, tok); err == nil {
			return tok
		}
	}
	sess := model.Session{Role: role}
	switch role {
	case rolePublic:
		return ""
	case model.RoleAdmin:
		sess.AdminID = f.adminID
	case model.RoleForum:
		sess.ForumMemberID = f.memberID
	default:
		tb, err := f.e.store.Table(ctx, f.vars["table"])
		if err != nil {
			t.Fatal(err)
		}
		sess.TableID = tb.ID
		sess.JoinCode = map[string]string{model.RoleFacilitator: tb.FacilitatorCode, model.RoleRapporteur: tb.RapporteurCode,
			model.RoleParticipant: tb.ParticipantCode}[role]
	}
	token, err := f.e.store.CreateSession(ctx, sess, sessionTTL)
	if err != nil {
		t.Fatal(err)
	}
	if f.sessions == nil {
		f.sessions = map[string]string{}
	}
	f.sessions[role] = token
	return token
}

// expand replaces the placeholders of s; {role} is the role calling.
func (f *authzFixture) expand(s string) string {
	pairs := []string{"{role}", f.role}
	for k, v := range f.vars {
		pairs = append(pairs, "{"+k+"}", v)
	}
	return strings.NewReplacer(pairs...).Replace(s)
}

func (f *authzFixture) url(row authzRow) string {
	u := row.url
	if u == "" {
		u = row.path
	}
	return f.expand(u)
}

func isAPIPath(path string) bool { return strings.HasPrefix(path, "/api/") }

// request builds the row's request (without cookies).
func (f *authzFixture) request(t *testing.T, row authzRow) *http.Request {
	t.Helper()
	target := f.url(row)
	if row.method == http.MethodGet {
		return httptest.NewRequest(row.method, target, nil)
	}
	form := url.Values{}
	for k, vs := range row.form {
		for _, v := range vs {
			form.Add(k, f.expand(v))
		}
	}
	form.Set("_csrf", testCSRF)
	switch {
	case row.file != nil:
		var buf bytes.Buffer
		mw := multipart.NewWriter(&buf)
		for k, vs := range form {
			for _, v := range vs {
				mw.WriteField(k, v)
			}
		}
		fw, err := mw.CreateFormFile(row.file.field, row.file.name)
		if err != nil {
			t.Fatal(err)
		}
		fw.Write(row.file.content(t))
		mw.Close()
		req := httptest.NewRequest(row.method, target, &buf)
		req.Header.Set("Content-Type", mw.FormDataContentType())
		return req
	case isAPIPath(row.path):
		req := httptest.NewRequest(row.method, target, strings.NewReader(f.expand(row.json)))
		req.Header.Set("Content-Type", "application/json")
		return req
	}
	req := httptest.NewRequest(row.method, target, strings.NewReader(form.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	return req
}

// call makes the row's request as role.
func (f *authzFixture) call(t *testing.T, row authzRow, role string) *http.Response {
	t.Helper()
	f.role = role
	req := f.request(t, row)
	req.AddCookie(&http.Cookie{Name: csrfCookie, Value: testCSRF})
	if token := f.sessionFor(t, role); token != "" {
		req.AddCookie(&http.Cookie{Name: sessionCookie, Value: token})
	}
	resp, err := f.e.app.Test(req, 30000)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	return resp
}

// refusalOf is how row refuses role.
func refusalOf(row authzRow, role string) refusal {
	how := row.refusal
	if role == rolePublic && row.public != byDefault {
		how = row.public
	}
	if how == byDefault {
		if isAPIPath(row.path) {
			return forbidden
		}
		return toLogin
	}
	return how
}

// isRefusal reports whether resp is the way how refuses.
func isRefusal(resp *http.Response, how refusal) bool {
	redirect := resp.StatusCode == http.StatusFound || resp.StatusCode == http.StatusSeeOther
	switch how {
	case toLogin:
		return redirect && strings.HasPrefix(resp.Header.Get("Location"), "/login")
	case toJoin:
		return redirect && strings.HasPrefix(resp.Header.Get("Location"), "/join")
	case forbidden:
		return resp.StatusCode == http.StatusForbidden
	case notFound:
		return resp.StatusCode == http.StatusNotFound
	}
	return false
}

// looksRefused is any kind of refusal, which an allowed role must never get.
func looksRefused(resp *http.Response, row authzRow) bool {
	return isRefusal(resp, toLogin) || isRefusal(resp, toJoin) || resp.StatusCode == http.StatusForbidden ||
		(row.refusal == notFound && resp.StatusCode == http.StatusNotFound)
}

// authzRouteKeys are the routes of the application ("METHOD /path"),
// without HEAD (Fiber answers it with the GET handler).
func authzRouteKeys(t *testing.T) map[string]bool {
	t.Helper()
	e := newTestEnv(t)
	all := map[string]bool{}
	for _, r := range e.app.GetRoutes(true) {
		all[r.Method+" "+r.Path] = true
	}
	routes := map[string]bool{}
	for k := range all {
		method, path, _ := strings.Cut(k, " ")
		if method == http.MethodHead {
			if !all["GET "+path] {
				t.Errorf("route %s has no GET twin", k)
			}
			continue
		}
		routes[k] = true
	}
	return routes
}

func TestAuthorizationMatrix(t *testing.T) {
	rows := map[string][]authzRow{}
	for _, r := range authzMatrix {
		key := r.method + " " + r.path
		rows[key] = append(rows[key], r)
	}
	// Every route of the application must have a row.
	routes := authzRouteKeys(t)
	var keys []string
	for k := range routes {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		if len(rows[k]) == 0 {
			t.Errorf("route %s has no row in authzMatrix (internal/web/authz_test.go): say which roles may use it", k)
		}
	}
	for k := range rows {
		if !routes[k] {
			t.Errorf("authzMatrix has a row for %s, which is not a route (renamed or removed?)", k)
		}
	}

	// Rows that only read share one server per stage; a row that writes
	// gets a fresh copy of the fixture, so that rows cannot affect each other.
	shared := map[string]*authzFixture{}
	templates := map[string]*authzTemplate{}
	for _, stage := range authzStages {
		shared[stage] = newAuthzFixture(t, stage)
		templates[stage] = shared[stage].save(t)
	}
	for _, row := range authzMatrix {
		row := row
		t.Run(strings.ReplaceAll(row.method+" "+f0(row), "/", "_"), func(t *testing.T) {
			f := shared[row.stage]
			if f == nil {
				t.Fatalf("unknown stage %q", row.stage)
			}
			if row.method != http.MethodGet {
				f = templates[row.stage].clone(t)
			}
			allowed := map[string]bool{}
			for _, r := range row.allow {
				allowed[r] = true
			}
			// Refused roles first: a refused request must change nothing,
			// and an allowed one (e.g. renewing a code) may change state.
			order := append([]string{}, authzRoles...)
			sort.SliceStable(order, func(i, j int) bool { return !allowed[order[i]] && allowed[order[j]] })
			for _, role := range order {
				since := time.Now().Add(-time.Second)
				changes := auditCount(t, f, since)
				resp := f.call(t, row, role)
				switch {
				case resp.StatusCode >= 500:
					t.Errorf("%s %s as %s: status %d", row.method, f.url(row), role, resp.StatusCode)
				case allowed[role] && looksRefused(resp, row):
					t.Errorf("%s %s as %s: refused (%d %s), want allowed", row.method, f.url(row), role, resp.StatusCode, resp.Header.Get("Location"))
				case allowed[role] && row.want != 0 && resp.StatusCode != row.want:
					t.Errorf("%s %s as %s: status %d, want %d", row.method, f.url(row), role, resp.StatusCode, row.want)
				case allowed[role] && row.want == 0 && resp.StatusCode >= 400:
					t.Errorf("%s %s as %s: status %d, want a success (is the row's URL or form right?)", row.method, f.url(row), role, resp.StatusCode)
				case !allowed[role] && !isRefusal(resp, refusalOf(row, role)):
					t.Errorf("%s %s as %s: status %d %s, want refused", row.method, f.url(row), role, resp.StatusCode, resp.Header.Get("Location"))
				case !allowed[role] && auditCount(t, f, since) != changes:
					t.Errorf("%s %s as %s: refused, yet something changed (see the audit log)", row.method, f.url(row), role)
				}
			}
		})
	}
}

// auditCount is how many changes the audit log holds since a moment: a
// refused request must not add any. (Counting from a moment just before the
// request keeps the query small.)
func auditCount(t *testing.T, f *authzFixture, since time.Time) int {
	t.Helper()
	_, n, err := f.e.store.AuditLog(context.Background(), model.AuditFilter{Page: 1}, store.AuditRange{From: since})
	if err != nil {
		t.Fatal(err)
	}
	return n
}

// f0 names a row's subtest by its URL pattern.
func f0(row authzRow) string {
	if row.url != "" {
		return row.url
	}
	return row.path
}
