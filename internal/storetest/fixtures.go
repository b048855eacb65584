package storetest

import (
	"context"
	"testing"
	"time"

	"github.com/minka-gob/minka/internal/model"
	"github.com/minka-gob/minka/internal/store"
)

// Fixture builders. Each one goes through the store's own methods, so a
// fixture is validated and audited like real data and never drifts from the
// schema; a test that needs a row writes it with these, not with SQL. Each
// fills in what a test usually does not care about and fails the test on error.

var ctx = context.Background()

// Workshop creates w (Lima, 2025-05-23 unless set).
func Workshop(tb testing.TB, st *store.Store, w model.Workshop) model.Workshop {
	tb.Helper()
	if w.City == "" {
		w.City = "Lima"
	}
	if w.Date == "" {
		w.Date = "2025-05-23"
	}
	if err := st.CreateWorkshop(ctx, &w); err != nil {
		tb.Fatal(err)
	}
	return w
}

// Table creates t (number 1 unless set) with its join codes.
func Table(tb testing.TB, st *store.Store, t model.Table) model.Table {
	tb.Helper()
	if t.Number == 0 {
		t.Number = 1
	}
	if err := st.CreateTable(ctx, &t); err != nil {
		tb.Fatal(err)
	}
	return t
}

// Participant registers p (a consenting woman of the public sector unless set).
func Participant(tb testing.TB, st *store.Store, p model.Participant) model.Participant {
	tb.Helper()
	if p.Name == "" {
		p.Name = "Participante de prueba"
	}
	if p.Gender == "" {
		p.Gender = "female"
	}
	if p.Sector == "" {
		p.Sector = "public"
	}
	p.Consent = true
	if err := st.CreateParticipant(ctx, &p); err != nil {
		tb.Fatal(err)
	}
	return p
}

// Idea records idea at its table the way a rapporteur does (the live path,
// so the table's event log has it too), then marks it chosen if idea.Chosen.
func Idea(tb testing.TB, st *store.Store, idea model.Idea) model.Idea {
	tb.Helper()
	if idea.ID == "" {
		idea.ID = store.NewID()
	}
	if idea.Principle == "" {
		idea.Principle = model.PrincipleParticipation
	}
	chosen := idea.Chosen
	if _, err := st.CreateContribution(ctx, idea.TableID, &idea); err != nil {
		tb.Fatal(err)
	}
	if chosen {
		if _, err := st.SetIdeaChosen(ctx, store.NewID(), idea.TableID, idea.ID, true); err != nil {
			tb.Fatal(err)
		}
		idea.Chosen = true
	}
	return idea
}

// CompleteSheets fills, on every active sheet, the fields a table cannot
// pre-fill (and any other left empty), so that the sheets can be published.
func CompleteSheets(tb testing.TB, st *store.Store) {
	tb.Helper()
	shs, err := st.ActiveSheets(ctx)
	if err != nil {
		tb.Fatal(err)
	}
	for _, sh := range shs {
		sh.Contribution, sh.Responsible = "Contribuye a resolver el problema.", "Entidad responsable"
		for _, f := range []struct {
			value *string
			text  string
		}{{&sh.Place, "Lugar."}, {&sh.Problem, "Problema."}, {&sh.Description, "Descripción."}, {&sh.Relevance, "Relevancia."}} {
			if *f.value == "" {
				*f.value = f.text
			}
		}
		if err := st.UpdateSheet(ctx, &sh); err != nil {
			tb.Fatal(err)
		}
	}
}

// Sheets generates the sheets of every idea without one, completes and
// publishes them, and returns the active sheets.
func Sheets(tb testing.TB, st *store.Store) []model.Sheet {
	tb.Helper()
	if _, err := st.GenerateSheets(ctx, false); err != nil {
		tb.Fatal(err)
	}
	CompleteSheets(tb, st)
	if err := st.PublishSheets(ctx); err != nil {
		tb.Fatal(err)
	}
	shs, err := st.ActiveSheets(ctx)
	if err != nil {
		tb.Fatal(err)
	}
	return shs
}

// Member creates a Forum member and returns its id and its personal link's token.
func Member(tb testing.TB, st *store.Store, m model.ForumMember) (id, token string) {
	tb.Helper()
	if m.Name == "" {
		m.Name = "Integrante del Foro"
	}
	if m.Sector == "" {
		m.Sector = "civil_society"
	}
	token, err := st.CreateForumMember(ctx, &m)
	if err != nil {
		tb.Fatal(err)
	}
	return m.ID, token
}

// Score submits member's score of sheet: every criterion at value.
func Score(tb testing.TB, st *store.Store, memberID, sheetID string, value int) model.ForumScore {
	tb.Helper()
	in := model.ScoreInput{Action: model.ScoreActionSubmit, Values: map[string]int{}}
	for _, c := range model.CriterionCodes {
		in.Values[c] = value
	}
	sc, err := st.SaveScore(ctx, memberID, sheetID, in)
	if err != nil {
		tb.Fatal(err)
	}
	return sc
}

// AdminSession creates an admin account named username and opens a session
// for it; it returns the account and the session token (the cookie's value).
func AdminSession(tb testing.TB, st *store.Store, username, password string, ttl time.Duration) (model.Admin, string) {
	tb.Helper()
	a, err := st.CreateAdmin(ctx, username, password)
	if err != nil {
		tb.Fatal(err)
	}
	token, err := st.CreateSession(ctx, model.Session{Role: model.RoleAdmin, AdminID: a.ID}, ttl)
	if err != nil {
		tb.Fatal(err)
	}
	return a, token
}
