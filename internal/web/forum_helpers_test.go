package web

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/minka-gob/minka/internal/model"
	"github.com/minka-gob/minka/internal/storetest"
)

// forumWorld is a workshop with two tables and their ideas.
type forumWorld struct {
	workshop model.Workshop
	tables   []model.Table
	ideas    []string
}

// newForumWorld creates a workshop in Piura with two tables (each working on
// a seeded problem) and n ideas spread over them.
func newForumWorld(t *testing.T, e *testEnv, n int) forumWorld {
	t.Helper()
	ctx := context.Background()
	problems, err := e.store.Problems(ctx)
	if err != nil || len(problems) < 2 {
		t.Fatalf("problems: %v %v", problems, err)
	}
	w := storetest.Workshop(t, e.store, model.Workshop{City: "Piura", Date: "2025-06-05", Status: model.WorkshopClosed})
	fw := forumWorld{workshop: w}
	for i := 0; i < 2; i++ {
		fw.tables = append(fw.tables, storetest.Table(t, e.store, model.Table{WorkshopID: w.ID, Number: i + 1, ProblemID: problems[i].ID, Facilitator: "Facilitadora Secreta"}))
	}
	principles := []string{model.PrincipleTransparency, model.PrincipleParticipation, model.PrincipleAccountability, model.PrincipleIntegrity}
	for i := 0; i < n; i++ {
		letter := string(rune('A' + i))
		idea := storetest.Idea(t, e.store, model.Idea{TableID: fw.tables[i%2].ID, Title: "Idea de prueba " + letter,
			Description: "Descripción de la idea " + letter, Principle: principles[i%len(principles)], Chosen: true})
		fw.ideas = append(fw.ideas, idea.ID)
	}
	return fw
}

// openLink follows a member's personal link and keeps the session it opens.
func (e *testEnv) openLink(token string) {
	e.t.Helper()
	delete(e.cookies, sessionCookie)
	resp := e.get("/forum/" + token)
	if resp.StatusCode != http.StatusSeeOther || resp.Header.Get("Location") != "/forum/" {
		e.t.Fatalf("open link: %d %s", resp.StatusCode, resp.Header.Get("Location"))
	}
	for _, c := range resp.Cookies() {
		if c.Name == sessionCookie {
			e.cookies[sessionCookie] = c.Value
			return
		}
	}
	e.t.Fatal("the link opened no session")
}

// session returns the current session cookie, to switch between people.
func (e *testEnv) session() string { return e.cookies[sessionCookie] }

func (e *testEnv) use(session string) { e.cookies[sessionCookie] = session }

// scoreForm is a full submission: every criterion at value v.
func scoreForm(action string, v int, observations string) url.Values {
	f := url.Values{"action": {action}, "observations": {observations}}
	if v > 0 {
		for _, c := range model.CriterionCodes {
			f.Set(model.ScoreField(c), string(rune('0'+v)))
		}
	}
	return f
}

func mustContain(t *testing.T, body string, wants ...string) {
	t.Helper()
	for _, w := range wants {
		if !strings.Contains(body, w) {
			t.Errorf("page lacks %q", w)
		}
	}
}

func mustNotContain(t *testing.T, body string, bad ...string) {
	t.Helper()
	for _, b := range bad {
		if strings.Contains(body, b) {
			t.Errorf("page shows %q", b)
		}
	}
}
