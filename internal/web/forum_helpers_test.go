package web

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/minka-gob/minka/internal/model"
	"github.com/minka-gob/minka/internal/store"
)

// Test helpers of the forum tests. Ideas are normally captured live at the
// tables (another part of Minka); here they are inserted directly.

// insertIdea stores an idea at a table, as a rapporteur would have recorded it.
func insertIdea(t *testing.T, st *store.Store, tableID, title, description, principle string) string {
	t.Helper()
	id := store.NewID()
	now := time.Now().UTC().Format(time.RFC3339Nano)
	err := st.Write(context.Background(), func(tx *store.Tx) error {
		_, err := tx.Exec(`INSERT INTO ideas(id, table_id, title, description, principle, chosen, version, created_at, updated_at)
			VALUES (?,?,?,?,?,1,1,?,?)`, id, tableID, title, description, principle, now, now)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return id
}

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
	w := model.Workshop{City: "Piura", Date: "2025-06-05", Status: model.WorkshopClosed}
	if err := e.store.CreateWorkshop(ctx, &w); err != nil {
		t.Fatal(err)
	}
	fw := forumWorld{workshop: w}
	for i := 0; i < 2; i++ {
		tb := model.Table{WorkshopID: w.ID, Number: i + 1, ProblemID: problems[i].ID, Facilitator: "Facilitadora Secreta"}
		if err := e.store.CreateTable(ctx, &tb); err != nil {
			t.Fatal(err)
		}
		fw.tables = append(fw.tables, tb)
	}
	principles := []string{model.PrincipleTransparency, model.PrincipleParticipation, model.PrincipleAccountability, model.PrincipleIntegrity}
	for i := 0; i < n; i++ {
		fw.ideas = append(fw.ideas, insertIdea(t, e.store, fw.tables[i%2].ID, "Idea de prueba "+string(rune('A'+i)),
			"Descripción de la idea "+string(rune('A'+i)), principles[i%len(principles)]))
	}
	return fw
}

// completeSheets fills the fields the table could not pre-fill, through the store.
func completeSheets(t *testing.T, st *store.Store) {
	t.Helper()
	ctx := context.Background()
	shs, err := st.ActiveSheets(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for _, sh := range shs {
		sh.Contribution, sh.Responsible = "Contribuye a resolver el problema.", "Entidad responsable"
		if sh.Description == "" {
			sh.Description = "Descripción."
		}
		if err := st.UpdateSheet(ctx, &sh); err != nil {
			t.Fatal(err)
		}
	}
}

// publishedSheets generates, completes and publishes the sheets of the
// world's ideas; it returns the active sheets.
func publishedSheets(t *testing.T, e *testEnv) []model.Sheet {
	t.Helper()
	ctx := context.Background()
	if _, err := e.store.GenerateSheets(ctx, false); err != nil {
		t.Fatal(err)
	}
	completeSheets(t, e.store)
	if err := e.store.PublishSheets(ctx); err != nil {
		t.Fatal(err)
	}
	shs, err := e.store.ActiveSheets(ctx)
	if err != nil {
		t.Fatal(err)
	}
	return shs
}

// newMember creates a Forum member and returns their id and link token.
func newMember(t *testing.T, st *store.Store, name, org, sector string) (string, string) {
	t.Helper()
	m := model.ForumMember{Name: name, Organization: org, Sector: sector}
	token, err := st.CreateForumMember(context.Background(), &m)
	if err != nil {
		t.Fatal(err)
	}
	return m.ID, token
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
