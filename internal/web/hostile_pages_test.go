package web

import (
	"context"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/minka-gob/minka/internal/model"
	"github.com/minka-gob/minka/internal/store"
)

// hostileWorld is the authorization fixture with a <script> appended to
// every text a person typed (names, ideas, prototypes, sheets, Forum
// observations, decisions …), plus hostile user stories, profile notes,
// feedback, a survey comment, an After Action Review, a process name and a
// problem, with the Forum's results published so that every page shows
// the most it ever shows.
func hostileWorld(t *testing.T) *authzFixture {
	t.Helper()
	f := newAuthzFixtureMarked(t, "results", func(s string) string { return s + " " + hostile })
	ctx := context.Background()
	st := f.e.store
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	p, err := st.Process(ctx)
	must(err)
	p.Name = "Plan " + hostile
	must(st.UpdateProcess(ctx, &p))
	must(st.CreateProblem(ctx, &model.Problem{Title: "Problema " + hostile, Description: hostile, Challenge: "¿Cómo podríamos " + hostile + "?"}))
	guides, err := st.PhaseGuides(ctx)
	must(err)
	for i := range guides {
		guides[i].Prompt = "Pregunta " + hostile
	}
	must(st.UpdatePhaseGuides(ctx, guides))
	table := f.vars["table"]
	for _, rec := range []model.Contribution{
		&model.UserStory{ID: store.NewID(), AsWho: "Como " + hostile, Want: "quiero " + hostile, SoThat: "para " + hostile},
		&model.ProfileNote{ID: store.NewID(), Kind: "pain", Text: "Dolor " + hostile},
		&model.Feedback{ID: store.NewID(), PrototypeID: f.vars["prototype"], Kind: "doubt", Text: "Duda " + hostile},
	} {
		_, err := st.CreateContribution(ctx, table, rec)
		must(err)
	}
	must(st.SaveSurveyAnswer(ctx, &model.SurveyAnswer{WorkshopID: f.vars["workshop"], Respondent: "anon:x", Score: 2, Comment: "Comentario " + hostile}))
	must(st.SaveAfterActionReview(ctx, &model.AfterActionReview{WorkshopID: f.vars["workshop"], Planned: hostile, Happened: hostile,
		Why: hostile, ChangeNext: hostile}))
	return f
}

// Text typed by anyone is shown as text on the pages of every area —
// public, registration, statistics, the tables' screens and plenary, the
// Forum members' pages and the Secretariat's — never as markup. Each page
// listed shows some of the hostile text (else the check proves nothing);
// text reflected from the URL counts too.
func TestStoredScriptIsShownAsTextInEveryArea(t *testing.T) {
	f := hostileWorld(t)
	q := url.QueryEscape(hostile)
	pages := map[string][]string{
		rolePublic: {"/", "/stats", "/workshops/{workshop}/stats", "/workshops/{workshop}/register", "/workshops/{workshop}/survey",
			"/process/", "/process/ideas/{idea}", "/process/sheets/{sheet}", "/process/ranking", "/process/matrix",
			"/join?code=" + q},
		model.RoleParticipant: {"/tables/{table}", "/workshops/{workshop}/plenary"},
		model.RoleRapporteur:  {"/tables/{table}/rapporteur"},
		model.RoleFacilitator: {"/tables/{table}/facilitator"},
		model.RoleForum:       {"/forum/", "/forum/sheets/{sheet}"},
		model.RoleAdmin: {"/admin/", "/admin/process", "/admin/route", "/admin/problems", "/admin/profiles", "/admin/profiles/{profile}/edit",
			"/admin/workshops", "/admin/workshops/{workshop}", "/admin/workshops/{workshop}/edit",
			"/admin/workshops/{workshop}/participants", "/admin/workshops/{workshop}/participants?q=" + q,
			"/admin/workshops/{workshop}/checkin", "/admin/participants/{participant}/erase",
			"/admin/tables/{table}/codes", "/admin/tables/{table}/codes/print", "/admin/tables/{table}/edit",
			"/admin/live", "/admin/workshops/{workshop}/survey", "/admin/workshops/{workshop}/aar",
			"/admin/forum/sheets", "/admin/forum/sheets/{sheet}", "/admin/forum/sheets/print", "/admin/forum/sheets/{sheet}/print",
			"/admin/forum/members",
			"/admin/forum/members/{member}", "/admin/forum/progress", "/admin/forum/ranking", "/admin/forum/decisions",
			"/admin/forum/decisions/{sheet}", "/admin/exports/", "/admin/audit", "/admin/audit?actor=" + q},
	}
	for role, paths := range pages {
		for _, path := range paths {
			f.e.cookies[sessionCookie] = f.sessionFor(t, role)
			if role == rolePublic {
				delete(f.e.cookies, sessionCookie)
			}
			u := f.expand(path)
			resp := f.e.get(u)
			body := readBody(t, resp)
			if resp.StatusCode != http.StatusOK {
				t.Errorf("%s as %s: status %d", path, role, resp.StatusCode)
				continue
			}
			if strings.Contains(body, "<script>alert") || strings.Contains(body, `alert("minka")</script>`) {
				t.Errorf("%s as %s: user text is not escaped", path, role)
			}
			if !strings.Contains(body, "&lt;script&gt;alert(") {
				t.Errorf("%s as %s: the hostile text is not shown at all (the test would prove nothing)", path, role)
			}
		}
	}
	// JSON answers escape it too (and are never served as HTML).
	f.e.cookies[sessionCookie] = f.sessionFor(t, model.RoleParticipant)
	for _, path := range []string{"/api/v1/workshops", "/api/v1/tables/{table}/record", "/api/v1/forum/matrix", "/api/v1/forum/sheets", "/screen/{screen}/state"} {
		resp := f.e.get(f.expand(path))
		body := readBody(t, resp)
		if !strings.HasPrefix(resp.Header.Get("Content-Type"), "application/json") || strings.Contains(body, "<script>") ||
			!strings.Contains(body, `\u003cscript\u003ealert(`) {
			t.Errorf("%s: %s, hostile text not escaped as JSON", path, resp.Header.Get("Content-Type"))
		}
	}
}

// The live screens build the record in the browser from websocket frames.
// Their scripts put user text into the page as text only: no innerHTML and
// friends, no eval, no inline handlers.
func TestLiveScriptsNeverParseUserTextAsHTML(t *testing.T) {
	files, err := filepath.Glob(filepath.Join("..", "..", "static", "js", "*.js"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no scripts found: %v", err)
	}
	bad := regexp.MustCompile(`\.innerHTML\s*[+]?=|\.outerHTML\s*=|insertAdjacentHTML|document\.write|\beval\s*\(|new\s+Function\s*\(|setAttribute\(\s*['"]on|createContextualFragment|DOMParser`)
	for _, name := range files {
		if strings.Contains(name, ".min.") || strings.Contains(name, "vendor") {
			continue
		}
		b, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		for i, line := range strings.Split(string(b), "\n") {
			if m := bad.FindString(line); m != "" {
				t.Errorf("%s:%d: %s — user text must go in with textContent or createTextNode", filepath.Base(name), i+1, m)
			}
		}
	}
}
