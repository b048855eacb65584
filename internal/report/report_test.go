package report_test

import (
	"reflect"
	"strings"
	"testing"

	"github.com/minka-gob/minka/internal/model"
	"github.com/minka-gob/minka/internal/report"
)

// snapshot: Lima recorded check-ins, Piura only registrations.
func snapshot() *model.Snapshot {
	s := &model.Snapshot{
		Workshops: []model.WorkshopRow{{ID: "w1", City: "Lima", Date: "2025-05-23"}, {ID: "w2", City: "Piura", Date: "2025-06-05"}},
		Tables:    []model.TableRef{{ID: "t2", WorkshopID: "w1", Number: 2}, {ID: "t1", WorkshopID: "w1", Number: 1}},
		Participants: []model.Attendee{
			{WorkshopID: "w1", Gender: "female", Sector: "public", CheckedIn: true, TableID: "t1"},
			{WorkshopID: "w1", Gender: "male", Sector: "academic", CheckedIn: true},
			{WorkshopID: "w1", Gender: "other", Sector: "public"},
			{WorkshopID: "w2", Gender: "female", Sector: "private"},
			{WorkshopID: "w2", Gender: "male", Sector: "private"},
		},
	}
	return s
}

func TestAttendanceCountsWhoAttendedNeverRegistrationsInstead(t *testing.T) {
	st, err := report.Attendance(snapshot(), "")
	if err != nil {
		t.Fatal(err)
	}
	lima, piura := st.Workshops[0], st.Workshops[1]
	if lima.Attended != 2 || lima.Women != 1 || lima.Men != 1 || lima.Other != 0 || lima.Registered != 3 || lima.Seated != 1 {
		t.Errorf("Lima = %+v", lima)
	}
	if piura.Attended != 0 || piura.Men+piura.Women+piura.Other != 0 || piura.Registered != 2 {
		t.Errorf("Piura (no check-in) = %+v, want 0 attended and 2 registered", piura)
	}
	if st.Total.Attended != 2 || st.Total.Registered != 5 {
		t.Errorf("total = %+v", st.Total)
	}
	got := map[string][3]any{}
	for _, s := range st.Sectors {
		got[s.Sector] = [3]any{s.Attended, s.Registered, s.Percent}
	}
	if got["public"] != [3]any{1, 2, 50.0} || got["private"] != [3]any{0, 2, 0.0} || len(st.Sectors) != len(model.Sectors) {
		t.Errorf("sectors = %+v", st.Sectors)
	}
	one, err := report.Attendance(snapshot(), "w1")
	if err != nil || len(one.Workshops) != 1 || len(one.Tables) != 2 || one.Tables[0].Number != 1 || one.Tables[0].Seated != 1 {
		t.Errorf("Lima alone = %+v, %v", one, err)
	}
	if _, err := report.Attendance(snapshot(), "nope"); model.KindOf(err) != model.KindNotFound {
		t.Errorf("unknown workshop: %v", err)
	}
}

func TestPercentMatchesThePlan(t *testing.T) {
	tests := []struct {
		part, total int
		want        float64
	}{{95, 167, 56.9}, {54, 167, 32.3}, {9, 167, 5.4}, {7, 167, 4.2}, {2, 167, 1.2}, {1, 0, 0}, {1, 8, 12.5}}
	for _, tt := range tests {
		if got := report.Percent(tt.part, tt.total); got != tt.want {
			t.Errorf("Percent(%d, %d) = %v, want %v", tt.part, tt.total, got, tt.want)
		}
	}
}

// Table 3 counts ideas with a sheet by the SHEET's principle; the captured
// and chosen populations count by the idea's, and leave deleted ideas out.
func TestIdeaPopulations(t *testing.T) {
	s := snapshot()
	s.Forum.Sheets = []model.Sheet{
		{ID: "s1", Number: 1, Principle: model.PrincipleIntegrity}, // re-classified from transparency
		{ID: "s2", Number: 2, Principle: model.PrincipleParticipation},
	}
	s.Ideas = []model.IdeaOrigin{
		{IdeaID: "i1", WorkshopID: "w1", Principle: model.PrincipleTransparency, Chosen: true, SheetID: "s1"},
		{IdeaID: "i2", WorkshopID: "w1", Principle: model.PrincipleParticipation, Chosen: false, SheetID: "s2"},
		{IdeaID: "i3", WorkshopID: "w2", Principle: model.PrincipleTransparency, Chosen: true},
		{IdeaID: "i4", WorkshopID: "w2", Principle: model.PrincipleTransparency, Chosen: true, Deleted: true},
	}
	// transparency, participation, accountability, integrity
	tests := []struct {
		population  string
		lima, piura []int
	}{
		{report.Systematized, []int{0, 1, 0, 1}, []int{0, 0, 0, 0}},
		{report.Captured, []int{1, 1, 0, 0}, []int{1, 0, 0, 0}},
		{report.Chosen, []int{1, 0, 0, 0}, []int{1, 0, 0, 0}},
	}
	for _, tt := range tests {
		tb := report.IdeasByPrinciple(s, tt.population, "")
		if tb.Population != tt.population || !reflect.DeepEqual(tb.Rows[0].Counts, tt.lima) || !reflect.DeepEqual(tb.Rows[1].Counts, tt.piura) {
			t.Errorf("%s: %+v", tt.population, tb)
		}
		if tb.Total != tb.Rows[0].Total+tb.Rows[1].Total {
			t.Errorf("%s: total %d is not the rows' sum", tt.population, tb.Total)
		}
	}
	bp := report.IdeasByPrinciple(s, report.Captured, "w2").ByPrinciple("w2")
	if bp.Total != 1 || bp.Population != report.Captured || len(bp.Principles) != len(model.Principles) {
		t.Errorf("Piura captured = %+v", bp)
	}
}

// Ideas captured without a principle ("sin principio") are counted apart
// and in the totals of the captured and chosen ideas, never under a
// principle; a sheet always has one.
func TestIdeasWithoutPrincipleAreCountedApart(t *testing.T) {
	s := snapshot()
	s.Forum.Sheets = []model.Sheet{{ID: "s1", Number: 1, Principle: model.PrincipleIntegrity}}
	s.Ideas = []model.IdeaOrigin{
		{IdeaID: "i1", WorkshopID: "w1", Principle: model.PrincipleTransparency, SheetID: "s1"},
		{IdeaID: "i2", WorkshopID: "w1", Chosen: true},
		{IdeaID: "i3", WorkshopID: "w1"},
		{IdeaID: "i4", WorkshopID: "w2", Deleted: true},
		{IdeaID: "i5", WorkshopID: "w2", Principle: model.PrincipleParticipation, Chosen: true},
	}
	tests := []struct {
		population        string
		lima, piura       int // unclassified
		limaAll, piuraAll int // total
	}{
		{report.Systematized, 0, 0, 1, 0},
		{report.Captured, 2, 0, 3, 1},
		{report.Chosen, 1, 0, 1, 1},
	}
	for _, tt := range tests {
		tb := report.IdeasByPrinciple(s, tt.population, "")
		l, p := tb.Rows[0], tb.Rows[1]
		if l.Unclassified != tt.lima || p.Unclassified != tt.piura || l.Total != tt.limaAll || p.Total != tt.piuraAll ||
			tb.Unclassified != tt.lima+tt.piura || tb.Total != tt.limaAll+tt.piuraAll {
			t.Errorf("%s: %+v", tt.population, tb)
		}
		sum := tb.Unclassified
		for _, n := range tb.Totals {
			sum += n
		}
		if sum != tb.Total {
			t.Errorf("%s: Σ principles + unclassified = %d, total %d", tt.population, sum, tb.Total)
		}
	}
	bp := report.IdeasByPrinciple(s, report.Captured, "w1").ByPrinciple("w1")
	if bp.Unclassified != 2 || bp.Total != 3 {
		t.Errorf("Lima captured = %+v", bp)
	}
}

// Two sheets with the same weighted score are marked tied, with their ranks.
func TestTiesAreMarked(t *testing.T) {
	s := snapshot()
	s.Forum.State = model.ForumState{Stage: model.StageClosed, Cutoff: 1}
	for _, c := range model.CriterionCodes {
		s.Forum.Criteria = append(s.Forum.Criteria, model.Criterion{Code: c, Weight: 1})
	}
	s.Forum.Sheets = []model.Sheet{{ID: "a", Number: 1}, {ID: "b", Number: 2}, {ID: "c", Number: 3}}
	score := func(sheet string, v int) model.ForumScore {
		vals := map[string]int{}
		for _, c := range model.CriterionCodes {
			vals[c] = v
		}
		return model.ForumScore{SheetID: sheet, MemberID: "m1", Status: model.ScoreSubmitted, Values: vals}
	}
	s.Forum.Scores = []model.ForumScore{score("a", 3), score("b", 4), score("c", 3)}
	f := report.NewForum(s)
	var got []string
	for _, r := range f.Ranks {
		got = append(got, r.Sheet.ID)
		if r.Sheet.ID == "b" && r.Tie {
			t.Error("b is tied with nobody")
		}
		if r.Sheet.ID != "b" && (!r.Tie || r.TieFrom != 2 || r.TieTo != 3) {
			t.Errorf("%s: tie %v %d–%d, want ranks 2–3", r.Sheet.ID, r.Tie, r.TieFrom, r.TieTo)
		}
	}
	if !reflect.DeepEqual(got, []string{"b", "a", "c"}) { // the tie-break: lower sheet number
		t.Errorf("order = %v", got)
	}
}

func TestOutcomesCountEveryIdeaThroughItsFinalSheet(t *testing.T) {
	s := snapshot()
	s.Forum.State = model.ForumState{Stage: model.StageClosed}
	s.Forum.Sheets = []model.Sheet{{ID: "s1", Number: 1, MergedInto: "s3"}, {ID: "s2", Number: 2, MergedInto: "s3"}, {ID: "s3", Number: 3}, {ID: "s4", Number: 4}}
	s.Forum.Decisions = map[string]model.ForumDecision{"s3": {SheetID: "s3", Outcome: model.OutcomeCommitment, CommitmentNumber: 7}}
	s.Ideas = []model.IdeaOrigin{{IdeaID: "i1", WorkshopID: "w1", SheetID: "s1"}, {IdeaID: "i2", WorkshopID: "w2", SheetID: "s2"},
		{IdeaID: "i4", WorkshopID: "w2", SheetID: "s4"}, {IdeaID: "i5", WorkshopID: "w2"}}
	f := report.NewForum(s)
	o := f.Outcomes("")
	want := report.Outcomes{Ideas: 3, Prioritized: 2, CommitmentIdeas: 2, Commitments: 1, Pending: 1}
	if o != want {
		t.Errorf("outcomes = %+v, want %+v", o, want)
	}
	if rows := f.Rows(s, "").Decisions; report.CountOutcomes(rows) != want {
		t.Errorf("the workbook's lines count %+v", report.CountOutcomes(rows))
	}
	if tr, ok := f.TraceOf("i1"); !ok || tr.Final.ID != "s3" || !tr.MergedAtReview {
		t.Errorf("trace of i1 = %+v", tr)
	}
	if o := f.Outcomes("w2"); o.Ideas != 2 || o.Pending != 1 {
		t.Errorf("Piura's outcomes = %+v", o)
	}
}

func TestSatisfactionIsComputedFromDistribution(t *testing.T) {
	tests := []struct {
		name      string
		rows      []model.SatisfactionRow
		responses []int
		averages  []float64
		total     int
		average   float64
	}{
		{"none", nil, nil, nil, 0, 0},
		{"unanswered workshop", []model.SatisfactionRow{{Workshop: "Piura"}}, []int{0}, []float64{0}, 0, 0},
		{"pooled, not averaged per workshop", []model.SatisfactionRow{
			{Workshop: "Lima", Distribution: [5]int{0, 0, 0, 0, 10}},   // 10 × 5
			{Workshop: "Piura", Distribution: [5]int{0, 0, 0, 10, 30}}, // 10 × 4 + 30 × 5
		}, []int{10, 40}, []float64{5, 4.75}, 50, 4.8},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			lines, total := report.Satisfaction(tt.rows)
			for i, l := range lines {
				if l.Responses != tt.responses[i] || l.Average != tt.averages[i] {
					t.Errorf("line %d = %d, %v; want %d, %v", i, l.Responses, l.Average, tt.responses[i], tt.averages[i])
				}
			}
			if total.Responses != tt.total || total.Average != tt.average {
				t.Errorf("total = %d, %v; want %d, %v", total.Responses, total.Average, tt.total, tt.average)
			}
		})
	}
}

// The ideas behind a sheet are its own idea and those of every sheet merged
// into it, however deep: an intermediate sheet (made by a merge, then merged
// again) has the ideas of its sources, the final one all of them.
func TestLineageIdeasFollowEveryMerge(t *testing.T) {
	sheets := []model.Sheet{
		{ID: "a", Number: 1, MergedInto: "ab"}, {ID: "b", Number: 2, MergedInto: "ab"},
		{ID: "ab", Number: 3, MergedInto: "abc"}, {ID: "c", Number: 4, MergedInto: "abc"},
		{ID: "abc", Number: 5}, {ID: "d", Number: 6},
	}
	ideas := []model.IdeaOrigin{{IdeaID: "ia", SheetID: "a"}, {IdeaID: "ib", SheetID: "b"}, {IdeaID: "ic", SheetID: "c"}, {IdeaID: "id", SheetID: "d"}}
	ls := report.Lineages(sheets, ideas)
	for sheet, want := range map[string]string{"a": "ia", "b": "ib", "ab": "ia ib", "c": "ic", "abc": "ia ib ic", "d": "id"} {
		var got []string
		for _, o := range ls[sheet].Ideas {
			got = append(got, o.IdeaID)
		}
		if strings.Join(got, " ") != want {
			t.Errorf("sheet %s: ideas %v, want %s", sheet, got, want)
		}
	}
	if ls["ab"].Final.ID != "abc" || len(ls["ab"].Sources) != 2 || len(ls["abc"].Sources) != 2 {
		t.Errorf("ab: final %s, %d sources; abc: %d sources", ls["ab"].Final.ID, len(ls["ab"].Sources), len(ls["abc"].Sources))
	}
}
