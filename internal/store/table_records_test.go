package store

import (
	"context"
	"database/sql"
	"testing"

	"github.com/minka-gob/minka/internal/model"
)

// A table's kept record is the table as it is: after a live operation (a
// newer seq) and after a write outside the live path that sends no event
// (an admin's edit); one reader's own ratings are not shown to the next.
func TestTableRecordKeptIsTheTableAsItIs(t *testing.T) {
	st := openSeeded(t)
	ctx := context.Background()
	w := model.Workshop{City: "Lima", Date: "2025-05-23"}
	if err := st.CreateWorkshop(ctx, &w); err != nil {
		t.Fatal(err)
	}
	tb := model.Table{WorkshopID: w.ID, Number: 1}
	if err := st.CreateTable(ctx, &tb); err != nil {
		t.Fatal(err)
	}
	idea := &model.Idea{ID: NewID(), Title: "Ventanilla única", Principle: model.PrincipleTransparency}
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
	if _, err := st.CreateContribution(ctx, tb.ID, &model.Idea{ID: NewID(), Title: "Datos abiertos", Principle: model.PrincipleTransparency}); err != nil {
		t.Fatal(err)
	}
	if got, _ := titles(""); len(got) != 2 {
		t.Fatalf("after a live operation: ideas %q, want 2", got)
	}
	if err := st.Write(ctx, func(tx *sql.Tx) error {
		_, err := tx.Exec(`UPDATE ideas SET title = 'Ventanilla única digital' WHERE id = ?`, idea.ID)
		return err
	}); err != nil {
		t.Fatal(err)
	}
	if got, _ := titles(""); got[0] != "Ventanilla única digital" {
		t.Fatalf("after an edit outside the live path: ideas %q", got)
	}
	if err := st.Write(ctx, func(tx *sql.Tx) error {
		_, err := tx.Exec(`UPDATE workshop_tables SET phase = ? WHERE id = ?`, model.PhasePrioritize, tb.ID)
		return err
	}); err != nil {
		t.Fatal(err)
	}
	if _, err := st.RateIdea(ctx, NewID(), tb.ID, &model.Rating{ID: NewID(), IdeaID: idea.ID, Rater: "participant-1", Impact: 4, Feasibility: 3}); err != nil {
		t.Fatal(err)
	}
	if _, rated := titles("participant-1"); rated != 1 {
		t.Fatalf("the rater sees %d own ratings, want 1", rated)
	}
	if _, rated := titles(""); rated != 0 {
		t.Fatalf("a reader without ratings sees %d, want 0 (the rater's leaked into the kept record)", rated)
	}
}

// The seqlock rules: a record read while a write outside the live path ran,
// or across one, is not kept; none is used while one runs.
func TestTableRecordsKeepOnlyWhatNoOtherWriteCrossed(t *testing.T) {
	rec := model.TableRecord{Seq: 7}
	for _, c := range []struct {
		name                string
		before, after, used uint64
		want                bool
	}{
		{"no write in between", 4, 4, 4, true},
		{"read while one ran", 5, 5, 5, false},
		{"one started after the read began", 4, 5, 5, false},
		{"one ran across the read", 4, 6, 6, false},
		{"one ran since it was kept", 4, 4, 6, false},
		{"one runs now", 4, 4, 5, false},
	} {
		var kept tableRecords
		kept.put("t", rec, c.before, c.after)
		if _, ok := kept.get("t", 7, c.used); ok != c.want {
			t.Errorf("%s: used %v, want %v", c.name, ok, c.want)
		}
	}
	var kept tableRecords
	kept.put("t", rec, 2, 2)
	if _, ok := kept.get("t", 8, 2); ok {
		t.Error("a record kept at seq 7 was used at seq 8")
	}
}
