package report

import (
	"fmt"
	"sort"

	"github.com/minka-gob/minka/internal/model"
	"github.com/minka-gob/minka/internal/ranking"
)

// Forum is the internal review and the Forum computed from a snapshot: the
// ranking of the sheets being scored (submitted scores and recusals only),
// each ranked sheet's decision and tie, and every systematized idea's trace.
type Forum struct {
	State    model.ForumState
	Criteria []model.Criterion
	// Sheets is every sheet by number; ByID finds one.
	Sheets []model.Sheet
	ByID   map[string]model.Sheet
	// Ranks is the ranking, best first (internal/ranking.Compute).
	Ranks     []Rank
	bySheet   map[string]int
	Scenarios int
	// Members is how many members submitted at least one score.
	Members int
	// Trace is one line per idea with a sheet (the reasoned response matrix),
	// in workshop, table and recording order.
	Trace []Trace
}

// Rank is a ranked sheet with its decision.
type Rank struct {
	ranking.Row
	Sheet    model.Sheet
	Decision model.ForumDecision // outcome pending when none was recorded
	// Tie is set when another scored sheet has the same weighted score: the
	// tie-break (more scorers, higher public relevance, lower spread, lower
	// sheet number) decided the order. TieFrom–TieTo is the tied ranks.
	Tie            bool
	TieFrom, TieTo int
}

// Trace follows one idea from its table to its decision.
type Trace struct {
	Idea model.IdeaOrigin
	// Sheet is the idea's own sheet; Final the sheet the Forum scored (the
	// same, or the sheet it was merged into during the review).
	Sheet, Final   model.Sheet
	MergedAtReview bool
	// Rank is the final sheet's line of the ranking (nil when not ranked).
	Rank     *Rank
	Decision model.ForumDecision // of the final sheet; pending when none
	// Target is the sheet the validation workshop merged Final into.
	Target         *model.Sheet
	TargetDecision model.ForumDecision
}

// NewForum ranks the snapshot's active sheets and traces every idea that
// has a sheet.
func NewForum(s *model.Snapshot) *Forum {
	f := NewRanking(&s.Forum)
	for _, o := range s.Ideas {
		if o.SheetID == "" {
			continue
		}
		f.Trace = append(f.Trace, f.Follow(o))
	}
	return f
}

// NewRanking ranks the active sheets of the Forum's records, without
// tracing any idea (Trace is empty): for a page about one idea or one sheet,
// which follows its own ideas with Follow.
func NewRanking(fr *model.ForumRecords) *Forum {
	f := &Forum{State: fr.State, Criteria: fr.Criteria, Sheets: fr.Sheets, ByID: make(map[string]model.Sheet, len(fr.Sheets)),
		bySheet: map[string]int{}}
	for _, sh := range fr.Sheets {
		f.ByID[sh.ID] = sh
	}
	res, members := rankSheets(fr.State, fr.Criteria, fr.Sheets, fr.Scores)
	f.Scenarios, f.Members = res.Scenarios, members
	f.Ranks = make([]Rank, len(res.Rows))
	for i, r := range res.Rows {
		d, ok := fr.Decisions[r.Sheet]
		if !ok {
			d = model.ForumDecision{SheetID: r.Sheet, Outcome: model.OutcomePending}
		}
		f.Ranks[i] = Rank{Row: r, Sheet: f.ByID[r.Sheet], Decision: d, TieFrom: r.Rank, TieTo: r.Rank}
		f.bySheet[r.Sheet] = i
	}
	markTies(f.Ranks)
	return f
}

// rankSheets hands the active sheets and the counted scores to the scoring
// math. Sheets are keyed by their zero-padded number, the last tie-break.
func rankSheets(st model.ForumState, crits []model.Criterion, sheets []model.Sheet, scores []model.ForumScore) (ranking.Result, int) {
	rc := make([]ranking.Criterion, len(crits))
	for i, c := range crits {
		rc[i] = ranking.Criterion{Code: c.Code, Weight: c.Weight}
	}
	var rs []ranking.Sheet
	for _, sh := range sheets {
		if sh.Active() {
			rs = append(rs, ranking.Sheet{ID: sh.ID, Key: fmt.Sprintf("%06d", sh.Number)})
		}
	}
	members := map[string]bool{}
	sc := make([]ranking.Score, len(scores))
	for i, x := range scores {
		sc[i] = ranking.Score{Sheet: x.SheetID, Member: x.MemberID, Values: x.Values, Recused: x.Status == model.ScoreRecused}
		if x.Status == model.ScoreSubmitted {
			members[x.MemberID] = true
		}
	}
	return ranking.Compute(rc, rs, sc, ranking.Options{Cutoff: st.Cutoff}), len(members)
}

// markTies groups consecutive scored sheets with the same weighted score.
func markTies(rs []Rank) {
	for i := 0; i < len(rs); {
		j := i + 1
		for j < len(rs) && rs[i].Scored && rs[j].Scored && ranking.SameScore(rs[i].Weighted, rs[j].Weighted) {
			j++
		}
		if j-i > 1 {
			for k := i; k < j; k++ {
				rs[k].Tie, rs[k].TieFrom, rs[k].TieTo = true, rs[i].Rank, rs[j-1].Rank
			}
		}
		i = j
	}
}

// RankOf is the ranking line of a sheet (nil when it is not ranked: merged
// during the review).
func (f *Forum) RankOf(sheetID string) *Rank {
	i, ok := f.bySheet[sheetID]
	if !ok {
		return nil
	}
	return &f.Ranks[i]
}

// FinalSheet follows merged_into links from sh to the sheet the Forum
// scored (sh itself when it was not merged during the review).
func FinalSheet(byID map[string]model.Sheet, sh model.Sheet) model.Sheet {
	for i := 0; i < len(byID) && sh.MergedInto != ""; i++ {
		next, ok := byID[sh.MergedInto]
		if !ok {
			break
		}
		sh = next
	}
	return sh
}

// Follow traces one idea (which has a sheet) through the sheets and the
// ranking: its sheet, the sheet it ended in, that sheet's rank and decision.
func (f *Forum) Follow(o model.IdeaOrigin) Trace {
	t := Trace{Idea: o, Sheet: f.ByID[o.SheetID]}
	t.Final = FinalSheet(f.ByID, t.Sheet)
	t.MergedAtReview = t.Final.ID != t.Sheet.ID
	t.Decision = model.ForumDecision{Outcome: model.OutcomePending}
	if r := f.RankOf(t.Final.ID); r != nil {
		t.Rank, t.Decision = r, r.Decision
		if t.Decision.Outcome == model.OutcomeMerged {
			if target, ok := f.ByID[t.Decision.MergedInto]; ok {
				t.Target = &target
				if tr := f.RankOf(target.ID); tr != nil {
					t.TargetDecision = tr.Decision
				}
			}
		}
	}
	return t
}

// Lineage is where a sheet stands in the merges of the internal review.
type Lineage struct {
	Sheet model.Sheet
	// Sources are the sheets merged into it, by number.
	Sources []model.Sheet
	// Into is the sheet it was merged into (nil when it was not).
	Into *model.Sheet
	// Final is the sheet it ended in: itself, or the sheet it was merged
	// into (however deep the merges go).
	Final model.Sheet
	// Ideas are the ideas behind it, in trace order: its own idea and the
	// ideas of every sheet merged into it, however deep the merges go (for
	// the sheet the Forum scored, every idea that ended in it).
	Ideas []model.IdeaOrigin
}

// Lineages computes the lineage of each sheet from the sheets and the
// ideas that have a sheet, in trace order. A caller interested in some
// sheets may pass fewer rows, as store.SheetLineage reads them: every sheet
// merged into them however deep and every sheet they were merged into,
// and the ideas of those sheets.
func Lineages(sheets []model.Sheet, ideas []model.IdeaOrigin) map[string]*Lineage {
	byID := make(map[string]model.Sheet, len(sheets))
	out := make(map[string]*Lineage, len(sheets))
	for _, sh := range sheets {
		byID[sh.ID] = sh
	}
	for _, sh := range sheets {
		l := &Lineage{Sheet: sh, Final: FinalSheet(byID, sh)}
		if into, ok := byID[sh.MergedInto]; ok {
			l.Into = &into
		}
		out[sh.ID] = l
	}
	for _, sh := range sheets {
		if l, ok := out[sh.MergedInto]; ok {
			l.Sources = append(l.Sources, sh)
		}
	}
	for _, o := range ideas {
		// The idea stands behind its own sheet and each sheet up the merges
		// (bounded like FinalSheet: a cycle in bad data cannot loop).
		l, ok := out[o.SheetID]
		for i := 0; ok && i <= len(out); i++ {
			l.Ideas = append(l.Ideas, o)
			l, ok = out[l.Sheet.MergedInto]
		}
	}
	for _, l := range out {
		sort.SliceStable(l.Sources, func(i, j int) bool { return l.Sources[i].Number < l.Sources[j].Number })
	}
	return out
}

// LineageOf is the lineage of sheet id from what store.SheetLineage read.
func LineageOf(fs model.ForumSlice, id string) *Lineage {
	return Lineages(fs.Sheets, fs.Ideas)[id]
}

// TraceOf is the trace of one idea (false when it has no sheet).
func (f *Forum) TraceOf(ideaID string) (Trace, bool) {
	for _, t := range f.Trace {
		if t.Idea.IdeaID == ideaID {
			return t, true
		}
	}
	return Trace{}, false
}

// Scored is how many ranked sheets have at least one score.
func (f *Forum) Scored() int {
	n := 0
	for _, r := range f.Ranks {
		if r.Scored {
			n++
		}
	}
	return n
}

// MergedSheets is how many sheets were merged into another during the review.
func (f *Forum) MergedSheets() int {
	n := 0
	for _, sh := range f.Sheets {
		if !sh.Active() {
			n++
		}
	}
	return n
}

// Outcomes is what became of the systematized ideas, counted per idea
// through the decision on the sheet it ended in.
type Outcomes struct {
	Ideas           int // every line of the matrix
	Prioritized     int // prioritized, commitments included
	CommitmentIdeas int // ideas in a commitment
	Commitments     int // distinct commitment numbers
	Merged          int // merged into another sheet by the validation workshop
	NotPrioritized  int
	Pending         int // no decision yet
}

// PrioritizedOnly is the prioritized ideas not (yet) in a commitment.
func (o Outcomes) PrioritizedOnly() int { return o.Prioritized - o.CommitmentIdeas }

// Outcomes counts the trace's lines by decision, for the whole process
// (workshopID "") or the ideas of one workshop.
func (f *Forum) Outcomes(workshopID string) Outcomes {
	var c outcomeCounter
	for _, t := range f.Trace {
		if workshopID == "" || t.Idea.WorkshopID == workshopID {
			c.add(t.Decision.Outcome, t.Decision.CommitmentNumber)
		}
	}
	return c.done()
}

// CountOutcomes counts a workbook's matrix lines (Forum.Rows) by decision,
// with the same rule as Forum.Outcomes.
func CountOutcomes(rows []model.DecisionRow) Outcomes {
	var c outcomeCounter
	for _, d := range rows {
		c.add(d.Decision, d.Commitment)
	}
	return c.done()
}

type outcomeCounter struct {
	o           Outcomes
	commitments map[int]bool
}

func (c *outcomeCounter) add(outcome string, commitment int) {
	o := &c.o
	o.Ideas++
	switch outcome {
	case model.OutcomeCommitment:
		o.Prioritized++
		o.CommitmentIdeas++
		if c.commitments == nil {
			c.commitments = map[int]bool{}
		}
		c.commitments[commitment] = true
	case model.OutcomePrioritized:
		o.Prioritized++
	case model.OutcomeMerged:
		o.Merged++
	case model.OutcomeNotPrioritized:
		o.NotPrioritized++
	default:
		o.Pending++
	}
}

func (c *outcomeCounter) done() Outcomes {
	c.o.Commitments = len(c.commitments)
	return c.o
}
