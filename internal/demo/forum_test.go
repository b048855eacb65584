package demo

import (
	"context"
	"testing"

	"github.com/minka-gob/minka/internal/model"
	"github.com/minka-gob/minka/internal/store"
	"github.com/minka-gob/minka/internal/storetest"
)

// planWorkshops creates the VI plan's five workshops, as the foundation loader does.
func planWorkshops(t *testing.T, st *store.Store) []model.Workshop {
	t.Helper()
	var ws []model.Workshop
	for _, w := range []model.Workshop{
		{City: "Lima", Date: "2025-05-23"}, {City: "Piura", Date: "2025-06-05"}, {City: "Iquitos", Date: "2025-06-12"},
		{City: "Arequipa", Date: "2025-06-20"}, {City: "Lima", Date: "2025-07-18", Focus: "Justicia Abierta"},
	} {
		w.Status = model.WorkshopClosed
		ws = append(ws, storetest.Workshop(t, st, w))
	}
	return ws
}

func TestLoadForumMatchesThePlan(t *testing.T) {
	st := storetest.Open(t)
	ctx := context.Background()
	ws := planWorkshops(t, st)
	if err := loadForum(ctx, st, ws); err != nil {
		t.Fatal(err)
	}
	// Table 3, completed: ideas per workshop and principle.
	origins, err := st.IdeaOrigins(ctx, true)
	if err != nil {
		t.Fatal(err)
	}
	count := map[string]int{}
	byPrinciple := map[string]int{}
	for _, o := range origins {
		count[o.Date+"/"+o.Principle]++
		byPrinciple[o.Principle]++
	}
	if len(origins) != 29 {
		t.Fatalf("ideas with sheets = %d, want 29", len(origins))
	}
	want := map[string]int{
		"2025-05-23/integrity": 1, "2025-05-23/participation": 3, "2025-05-23/accountability": 1, "2025-05-23/transparency": 4,
		"2025-06-05/participation": 2, "2025-06-05/accountability": 1, "2025-06-05/transparency": 2,
		"2025-06-12/participation": 2, "2025-06-12/transparency": 2,
		"2025-06-20/participation": 2, "2025-06-20/accountability": 1, "2025-06-20/transparency": 2,
		"2025-07-18/integrity": 1, "2025-07-18/participation": 1, "2025-07-18/accountability": 1, "2025-07-18/transparency": 3,
	}
	for k, n := range want {
		if count[k] != n {
			t.Errorf("%s = %d, want %d", k, count[k], n)
		}
	}
	if byPrinciple["transparency"] != 13 || byPrinciple["participation"] != 10 || byPrinciple["accountability"] != 4 || byPrinciple["integrity"] != 2 {
		t.Errorf("by principle = %v, want 13/10/4/2", byPrinciple)
	}

	st8, _ := st.ForumState(ctx)
	if st8.Stage != model.StageClosed || !st8.ResultsPublished() {
		t.Fatalf("state = %+v, want closed with results published", st8)
	}
	all, _ := st.Sheets(ctx)
	active, _ := st.ActiveSheets(ctx)
	if len(all) != 30 || len(active) != 28 {
		t.Fatalf("sheets = %d (active %d), want 30 (28): 29 ideas + 1 merged sheet, 2 merged away", len(all), len(active))
	}
	for _, sh := range active {
		if len(sh.Missing()) > 0 {
			t.Errorf("sheet %d misses %v", sh.Number, sh.Missing())
		}
	}

	// Decisions: per idea, 18 prioritized of which 12 in the 11 commitments.
	decisions, _ := st.ForumDecisions(ctx)
	final := map[string]string{}
	for _, sh := range all {
		final[sh.ID] = sh.ID
		if sh.MergedInto != "" {
			final[sh.ID] = sh.MergedInto
		}
	}
	prioritized, merged, notPrioritized := 0, 0, 0
	commitments := map[int]bool{}
	for _, o := range origins {
		d, ok := decisions[final[o.SheetID]]
		if !ok || !d.Decided() {
			t.Fatalf("idea %q has no decision", o.Title)
		}
		if d.Rationale == "" {
			t.Errorf("idea %q: decision without rationale", o.Title)
		}
		switch {
		case d.Prioritized():
			prioritized++
			if d.Outcome == model.OutcomeCommitment {
				commitments[d.CommitmentNumber] = true
			}
		case d.Outcome == model.OutcomeMerged:
			merged++
		default:
			notPrioritized++
		}
	}
	if prioritized != 18 || len(commitments) != 11 || merged != 1 || notPrioritized != 10 {
		t.Errorf("prioritized %d, commitments %d, merged %d, not prioritized %d; want 18, 11, 1, 10",
			prioritized, len(commitments), merged, notPrioritized)
	}

	// Scores: 10 members, recusals and drafts as designed.
	prog, _ := st.ScoringProgress(ctx)
	if len(prog) != 10 {
		t.Fatalf("members = %d", len(prog))
	}
	recused, drafts := 0, 0
	for _, p := range prog {
		recused += p.Recused
		drafts += p.Drafts
		if p.Submitted+p.Recused+p.Drafts != 28 {
			t.Errorf("%s evaluated %d sheets", p.Member.Name, p.Submitted+p.Recused+p.Drafts)
		}
	}
	if recused != 3 || drafts != 3 {
		t.Errorf("recusals %d, drafts %d; want 3 and 3", recused, drafts)
	}

	// Loading again does nothing.
	if err := loadForum(ctx, st, ws); err != nil {
		t.Fatal(err)
	}
	if again, _ := st.Sheets(ctx); len(again) != 30 {
		t.Errorf("second load made sheets: %d", len(again))
	}
}

// Whatever workshops exist (here one, with its own table), the loader attaches its ideas to them.
func TestLoadForumWithOtherWorkshops(t *testing.T) {
	st := storetest.Open(t)
	ctx := context.Background()
	w := storetest.Workshop(t, st, model.Workshop{City: "Cusco", Date: "2026-03-01"})
	storetest.Table(t, st, model.Table{WorkshopID: w.ID, Number: 1})
	if err := loadForum(ctx, st, []model.Workshop{w}); err != nil {
		t.Fatal(err)
	}
	ts, _ := st.Tables(ctx, w.ID)
	if len(ts) != 1 {
		t.Errorf("tables = %d, want the workshop's own table only", len(ts))
	}
	origins, _ := st.IdeaOrigins(ctx, true)
	if len(origins) != 29 {
		t.Errorf("ideas = %d", len(origins))
	}
}
