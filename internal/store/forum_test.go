package store_test

import (
	"context"
	"testing"

	"github.com/minka-gob/minka/internal/model"
	"github.com/minka-gob/minka/internal/report"
	"github.com/minka-gob/minka/internal/store"
	"github.com/minka-gob/minka/internal/storetest"
)

// forumIdeas records n ideas at one table; the second one is not chosen.
func forumIdeas(t *testing.T, st *store.Store, n int) []model.Idea {
	t.Helper()
	w := storetest.Workshop(t, st, model.Workshop{City: "Arequipa", Date: "2025-06-20"})
	tb := storetest.Table(t, st, model.Table{WorkshopID: w.ID, Number: 3})
	var ideas []model.Idea
	for i := 0; i < n; i++ {
		ideas = append(ideas, storetest.Idea(t, st, model.Idea{TableID: tb.ID, Title: "Idea " + string(rune('A'+i)), Principle: model.PrincipleParticipation, Chosen: i != 1}))
	}
	return ideas
}

func TestGenerateSheetsOnlyOnceAndOnlyChosen(t *testing.T) {
	st := storetest.Open(t)
	ctx := context.Background()
	ideas := forumIdeas(t, st, 3)
	if n, err := st.GenerateSheets(ctx, true); err != nil || n != 2 {
		t.Fatalf("only chosen: %d %v", n, err)
	}
	if n, _ := st.GenerateSheets(ctx, false); n != 1 {
		t.Fatalf("the rest: %d, want the unchosen idea only", n)
	}
	if n, _ := st.GenerateSheets(ctx, false); n != 0 {
		t.Fatalf("again: %d", n)
	}
	o, _ := st.IdeaOrigin(ctx, ideas[1].ID)
	if o.SheetNumber != 3 {
		t.Fatalf("the unchosen idea's sheet = %d, want 3", o.SheetNumber)
	}
}

// Merges keep every sheet; a merged sheet can be merged again and still
// knows all the ideas behind it.
func TestMergeKeepsLineage(t *testing.T) {
	st := storetest.Open(t)
	ctx := context.Background()
	ideas := forumIdeas(t, st, 4)
	st.GenerateSheets(ctx, false)
	shs, _ := st.Sheets(ctx)
	if _, err := st.MergeSheets(ctx, []string{shs[0].ID, shs[0].ID}); model.KindOf(err) != model.KindInvalid {
		t.Fatalf("merging a sheet with itself: %v", err)
	}
	m1, err := st.MergeSheets(ctx, []string{shs[1].ID, shs[0].ID})
	if err != nil {
		t.Fatal(err)
	}
	if m1.Number != 5 || m1.Name != "Idea A" || m1.Kind != model.SheetMerged {
		t.Fatalf("merged = %+v", m1)
	}
	if _, err := st.MergeSheets(ctx, []string{shs[0].ID, shs[2].ID}); model.KindOf(err) != model.KindConflict {
		t.Fatalf("merging a sheet already merged: %v", err)
	}
	sh0 := shs[0]
	sh0.Version = 2
	if err := st.UpdateSheet(ctx, &sh0); model.KindOf(err) != model.KindConflict {
		t.Fatalf("editing a merged source: %v", err)
	}
	m2, err := st.MergeSheets(ctx, []string{m1.ID, shs[2].ID})
	if err != nil {
		t.Fatal(err)
	}
	for sheet, want := range map[string]int{m2.ID: 3, m1.ID: 2} {
		fs, err := st.SheetLineage(ctx, sheet, false)
		if err != nil {
			t.Fatal(err)
		}
		if behind := report.LineageOf(fs, sheet).Ideas; len(behind) != want {
			t.Fatalf("ideas behind sheet %s = %d, want %d", sheet, len(behind), want)
		}
	}
	all, _ := st.Sheets(ctx)
	active, _ := st.ActiveSheets(ctx)
	if len(all) != 6 || len(active) != 2 {
		t.Fatalf("sheets %d active %d; want 6 kept, 2 active", len(all), len(active))
	}
	if o, _ := st.IdeaOrigin(ctx, ideas[0].ID); o.SheetNumber != 1 {
		t.Errorf("idea A keeps its own sheet: %d", o.SheetNumber)
	}
}

// The stage machine: decisions need closed scoring; results need every
// decision; reopening needs an admin and is refused once results are public.
func TestForumStagesAndDecisionRules(t *testing.T) {
	st := storetest.Open(t)
	ctx := context.Background()
	forumIdeas(t, st, 3)
	if err := st.PublishSheets(ctx); model.KindOf(err) != model.KindConflict {
		t.Fatalf("publishing without sheets: %v", err)
	}
	st.GenerateSheets(ctx, false)
	storetest.CompleteSheets(t, st)
	if err := st.PublishSheets(ctx); err != nil {
		t.Fatal(err)
	}
	shs, _ := st.ActiveSheets(ctx)
	d := model.ForumDecision{SheetID: shs[0].ID, Outcome: model.OutcomePrioritized, Rationale: "r"}
	if err := st.SaveDecision(ctx, &d); model.KindOf(err) != model.KindConflict {
		t.Fatalf("deciding while scoring is open: %v", err)
	}
	if _, err := st.GenerateSheets(ctx, false); model.KindOf(err) != model.KindConflict {
		t.Fatalf("generating after publication: %v", err)
	}
	if err := st.CloseScoring(ctx); err != nil {
		t.Fatal(err)
	}
	if err := st.ReopenScoring(ctx, "motivo"); model.KindOf(err) != model.KindForbidden {
		t.Fatalf("reopening without an admin: %v", err)
	}
	admin := store.WithActor(ctx, store.Actor{Role: model.RoleAdmin, ID: "a1"})
	if err := st.ReopenScoring(admin, " "); model.KindOf(err) != model.KindInvalid {
		t.Fatalf("reopening without a reason: %v", err)
	}
	if err := st.ReopenScoring(admin, "motivo"); err != nil {
		t.Fatal(err)
	}
	if err := st.CloseScoring(ctx); err != nil {
		t.Fatal(err)
	}

	tests := []struct {
		name string
		d    model.ForumDecision
		kind model.Kind
	}{
		{"no rationale", model.ForumDecision{SheetID: shs[0].ID, Outcome: model.OutcomeNotPrioritized}, model.KindInvalid},
		{"commitment without entity", model.ForumDecision{SheetID: shs[0].ID, Outcome: model.OutcomeCommitment, CommitmentNumber: 1, Rationale: "r"}, model.KindInvalid},
		{"merged into itself", model.ForumDecision{SheetID: shs[0].ID, Outcome: model.OutcomeMerged, MergedInto: shs[0].ID, Rationale: "r"}, model.KindInvalid},
		{"merged into nothing", model.ForumDecision{SheetID: shs[0].ID, Outcome: model.OutcomeMerged, MergedInto: store.NewID(), Rationale: "r"}, model.KindInvalid},
		{"pending needs no rationale", model.ForumDecision{SheetID: shs[0].ID, Outcome: model.OutcomePending, Notes: "a discutir"}, ""},
		{"commitment", model.ForumDecision{SheetID: shs[0].ID, Outcome: model.OutcomeCommitment, CommitmentNumber: 1, ResponsibleEntity: "MINAM", Rationale: "r", Version: 1}, ""},
		{"same commitment number", model.ForumDecision{SheetID: shs[1].ID, Outcome: model.OutcomeCommitment, CommitmentNumber: 1, ResponsibleEntity: "X", Rationale: "r"}, model.KindInvalid},
		{"stale version", model.ForumDecision{SheetID: shs[0].ID, Outcome: model.OutcomePrioritized, Rationale: "r", Version: 1}, model.KindConflict},
		{"merged into the commitment", model.ForumDecision{SheetID: shs[1].ID, Outcome: model.OutcomeMerged, MergedInto: shs[0].ID, Rationale: "r"}, ""},
		{"merging the target away", model.ForumDecision{SheetID: shs[0].ID, Outcome: model.OutcomeMerged, MergedInto: shs[2].ID, Rationale: "r", Version: 2}, model.KindInvalid},
		{"merging into a merged sheet", model.ForumDecision{SheetID: shs[2].ID, Outcome: model.OutcomeMerged, MergedInto: shs[1].ID, Rationale: "r"}, model.KindInvalid},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := tt.d
			if err := st.SaveDecision(admin, &d); model.KindOf(err) != tt.kind || (tt.kind == "" && err != nil) {
				t.Fatalf("err = %v, want kind %q", err, tt.kind)
			}
		})
	}
	if err := st.PublishResults(admin); model.KindOf(err) != model.KindConflict {
		t.Fatalf("publishing with an undecided sheet: %v", err)
	}
	d = model.ForumDecision{SheetID: shs[2].ID, Outcome: model.OutcomeNotPrioritized, Rationale: "r"}
	if err := st.SaveDecision(admin, &d); err != nil {
		t.Fatal(err)
	}
	if err := st.PublishResults(admin); err != nil {
		t.Fatal(err)
	}
	if err := st.ReopenScoring(admin, "motivo"); model.KindOf(err) != model.KindConflict {
		t.Fatalf("reopening after the results are public: %v", err)
	}
	evs, _ := st.ForumEvents(ctx)
	var actions []string
	for _, e := range evs {
		actions = append(actions, e.Action)
	}
	want := []string{"publish_results", "close", "reopen", "close", "publish"}
	if len(actions) != len(want) {
		t.Fatalf("events = %v, want %v", actions, want)
	}
	for i := range want {
		if actions[i] != want[i] {
			t.Fatalf("events = %v, want %v", actions, want)
		}
	}
}
