package store_test

import (
	"context"
	"testing"

	"github.com/minka-gob/minka/internal/model"
	"github.com/minka-gob/minka/internal/store"
	"github.com/minka-gob/minka/internal/storetest"
)

// A table's kept record is the table as it is: after a live operation (a
// newer seq) and after a write outside the live path that sends no event
// (an admin's edit); one reader's own ratings are not shown to the next.
func TestTableRecordKeptIsTheTableAsItIs(t *testing.T) {
	st := storetest.Open(t)
	ctx := context.Background()
	w := storetest.Workshop(t, st, model.Workshop{})
	tb := storetest.Table(t, st, model.Table{WorkshopID: w.ID})
	idea := &model.Idea{ID: store.NewID(), Title: "Ventanilla única", Principle: model.PrincipleTransparency}
	if _, err := st.CreateContribution(ctx, tb.ID, idea); err != nil {
		t.Fatal(err)
	}
	titles := func(rater string) (titles []string, rated int) {
		t.Helper()
		rec, err := st.TableRecord(ctx, tb.ID, rater)
		if err != nil {
			t.Fatal(err)
		}
		for _, i := range rec.Ideas {
			titles = append(titles, i.Title)
			if i.MyRating != nil {
				rated++
			}
		}
		return titles, rated
	}
	if got, _ := titles(""); len(got) != 1 || got[0] != "Ventanilla única" {
		t.Fatalf("ideas %q", got)
	}
	if got, _ := titles(""); len(got) != 1 {
		t.Fatalf("read again: ideas %q", got) // now from the kept record
	}
	if _, err := st.CreateContribution(ctx, tb.ID, &model.Idea{ID: store.NewID(), Title: "Datos abiertos", Principle: model.PrincipleTransparency}); err != nil {
		t.Fatal(err)
	}
	if got, _ := titles(""); len(got) != 2 {
		t.Fatalf("after a live operation: ideas %q, want 2", got)
	}
	if err := st.Write(ctx, func(tx *store.Tx) error {
		_, err := tx.Exec(`UPDATE ideas SET title = 'Ventanilla única digital' WHERE id = ?`, idea.ID)
		return err
	}); err != nil {
		t.Fatal(err)
	}
	if got, _ := titles(""); got[0] != "Ventanilla única digital" {
		t.Fatalf("after an edit outside the live path: ideas %q", got)
	}
	if err := st.Write(ctx, func(tx *store.Tx) error {
		_, err := tx.Exec(`UPDATE workshop_tables SET phase = ? WHERE id = ?`, model.PhasePrioritize, tb.ID)
		return err
	}); err != nil {
		t.Fatal(err)
	}
	if _, err := st.RateIdea(ctx, store.NewID(), tb.ID, &model.Rating{ID: store.NewID(), IdeaID: idea.ID, Rater: "participant-1", Impact: 4, Feasibility: 3}); err != nil {
		t.Fatal(err)
	}
	if _, rated := titles("participant-1"); rated != 1 {
		t.Fatalf("the rater sees %d own ratings, want 1", rated)
	}
	if _, rated := titles(""); rated != 0 {
		t.Fatalf("a reader without ratings sees %d, want 0 (the rater's leaked into the kept record)", rated)
	}
}
