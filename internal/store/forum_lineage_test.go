package store_test

import (
	"context"
	"reflect"
	"testing"

	"github.com/minka-gob/minka/internal/model"
	"github.com/minka-gob/minka/internal/report"
	"github.com/minka-gob/minka/internal/store"
	"github.com/minka-gob/minka/internal/storetest"
)

// A sheet read alone (SheetLineage) or an idea read alone (IdeaTrace) gives
// internal/report what it needs to compute the same lineage and trace as
// the whole snapshot, and nothing of the other sheets' ideas.
func TestOneSheetOrIdeaReadAloneAgreesWithTheWholeSnapshot(t *testing.T) {
	st := storetest.Open(t)
	ctx := context.Background()
	ideas := forumIdeas(t, st, 5) // A…E, sheets 1…5
	if _, err := st.GenerateSheets(ctx, false); err != nil {
		t.Fatal(err)
	}
	shs, _ := st.Sheets(ctx)
	m1, err := st.MergeSheets(ctx, []string{shs[0].ID, shs[1].ID}) // 6 = 1 + 2
	if err != nil {
		t.Fatal(err)
	}
	m2, err := st.MergeSheets(ctx, []string{m1.ID, shs[2].ID}) // 7 = 6 + 3
	if err != nil {
		t.Fatal(err)
	}
	active := storetest.Sheets(t, st) // 4, 5, 7 published
	member, _ := storetest.Member(t, st, model.ForumMember{Organization: "Colegio"})
	for i, sh := range active {
		storetest.Score(t, st, member, sh.ID, 2+i)
	}
	snap, err := st.Snapshot(ctx)
	if err != nil {
		t.Fatal(err)
	}
	whole := report.Lineages(snap.Forum.Sheets, snap.Ideas)
	forum := report.NewForum(snap)
	ranking := snap.Forum
	ranking.Members = nil

	want := map[string]struct {
		sheets []string // the sheets read: the sheet, what was merged into it, what it was merged into
		read   []string // the ideas read: those of the sheets merged into it
		ideas  []string // the ideas behind it (report.Lineages)
	}{
		shs[0].ID: {[]string{shs[0].ID, m1.ID, m2.ID}, []string{ideas[0].ID}, []string{ideas[0].ID}},
		shs[2].ID: {[]string{shs[2].ID, m2.ID}, []string{ideas[2].ID}, []string{ideas[2].ID}},
		// m1, made by a merge and merged again, stands for the ideas of its sources.
		m1.ID: {[]string{shs[0].ID, shs[1].ID, m1.ID, m2.ID}, []string{ideas[0].ID, ideas[1].ID}, []string{ideas[0].ID, ideas[1].ID}},
		m2.ID: {[]string{shs[0].ID, shs[1].ID, shs[2].ID, m1.ID, m2.ID}, []string{ideas[0].ID, ideas[1].ID, ideas[2].ID},
			[]string{ideas[0].ID, ideas[1].ID, ideas[2].ID}},
		shs[3].ID: {[]string{shs[3].ID}, []string{ideas[3].ID}, []string{ideas[3].ID}},
	}
	for _, sh := range snap.Forum.Sheets {
		for _, withRanking := range []bool{false, true} {
			fs, err := st.SheetLineage(ctx, sh.ID, withRanking)
			if err != nil {
				t.Fatal(err)
			}
			got := report.Lineages(fs.Sheets, fs.Ideas)[sh.ID]
			if !reflect.DeepEqual(got, whole[sh.ID]) {
				t.Errorf("sheet %d read alone: %+v\nfrom the whole snapshot: %+v", sh.Number, got, whole[sh.ID])
			}
			if !reflect.DeepEqual(fs.State, snap.Forum.State) {
				t.Errorf("sheet %d: state %+v, want %+v", sh.Number, fs.State, snap.Forum.State)
			}
			if withRanking != (fs.Ranking != nil) || (withRanking && !reflect.DeepEqual(*fs.Ranking, ranking)) {
				t.Errorf("sheet %d, ranking %v: read %+v", sh.Number, withRanking, fs.Ranking)
			}
			w, ok := want[sh.ID]
			if !ok {
				continue
			}
			var rows, read, behind []string
			for _, x := range fs.Sheets {
				rows = append(rows, x.ID)
			}
			for _, o := range fs.Ideas {
				read = append(read, o.IdeaID)
			}
			behind = []string{}
			for _, o := range got.Ideas {
				behind = append(behind, o.IdeaID)
			}
			if !reflect.DeepEqual(rows, w.sheets) || !reflect.DeepEqual(read, w.read) || !reflect.DeepEqual(behind, w.ideas) {
				t.Errorf("sheet %d: read sheets %v and ideas %v, computed ideas %v; want %v, %v and %v",
					sh.Number, rows, read, behind, w.sheets, w.read, w.ideas)
			}
		}
	}
	if _, err := st.SheetLineage(ctx, store.NewID(), false); model.KindOf(err) != model.KindNotFound {
		t.Errorf("an unknown sheet: %v, want not found", err)
	}

	for _, idea := range ideas {
		fs, err := st.IdeaTrace(ctx, idea.ID)
		if err != nil {
			t.Fatal(err)
		}
		if len(fs.Ideas) != 1 || fs.Ideas[0].IdeaID != idea.ID || fs.Ranking == nil || !reflect.DeepEqual(*fs.Ranking, ranking) {
			t.Fatalf("idea %s read alone: %+v", idea.Title, fs)
		}
		want, _ := forum.TraceOf(idea.ID)
		if got := report.NewRanking(fs.Ranking).Follow(fs.Ideas[0]); !reflect.DeepEqual(got, want) {
			t.Errorf("idea %s traced alone: %+v\nin the whole matrix: %+v", idea.Title, got, want)
		}
	}
	if _, err := st.IdeaTrace(ctx, store.NewID()); model.KindOf(err) != model.KindNotFound {
		t.Errorf("an unknown idea: %v, want not found", err)
	}
}
