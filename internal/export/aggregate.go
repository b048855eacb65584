package export

import (
	"github.com/minka-gob/minka/internal/model"
)

// The plan's tables and figures, computed from the rows. Nothing here is
// typed in: a total is the sum of the rows above it, a percentage is a count
// over the total, so a table can never drift from the records (the printed
// Table 3 of the VI plan sums to 25 where its text says 29).

// Basis says which participants a workshop's counts include.
const (
	// BasisAttended: the workshop recorded check-ins, so only those who
	// checked in are counted (the plan counts people who took part).
	BasisAttended = "attended"
	// BasisRegistered: no check-in was recorded for the workshop (e.g. a
	// past workshop imported from its attendance list), so every registered
	// participant is counted.
	BasisRegistered = "registered"
)

// GenderCounts counts participants by gender.
type GenderCounts struct {
	Male, Female, Other int
}

// Total is everyone counted.
func (g GenderCounts) Total() int { return g.Male + g.Female + g.Other }

func (g *GenderCounts) add(gender string) {
	switch gender {
	case "male":
		g.Male++
	case "female":
		g.Female++
	default:
		g.Other++
	}
}

// WorkshopCount is one line of Table 2.
type WorkshopCount struct {
	Workshop   WorkshopRef
	Basis      string
	Registered int
	Counted    GenderCounts
}

// Table2 is "participants by city and gender" with its TOTAL line.
type Table2 struct {
	Rows            []WorkshopCount
	TotalRegistered int
	Total           GenderCounts
}

// counter decides, per workshop, who counts as a participant: those who
// checked in when the workshop recorded check-ins, else everyone registered.
type counter struct {
	checkins map[string]bool
}

func newCounter(ps []model.ParticipantRow) counter {
	c := counter{checkins: map[string]bool{}}
	for i := range ps {
		if ps[i].CheckedInAt != nil {
			c.checkins[ps[i].WorkshopID] = true
		}
	}
	return c
}

func (c counter) counts(p *model.ParticipantRow) bool {
	return !c.checkins[p.WorkshopID] || p.CheckedInAt != nil
}

func (c counter) basis(workshopID string) string {
	if c.checkins[workshopID] {
		return BasisAttended
	}
	return BasisRegistered
}

// WorkshopRef names a workshop in an aggregate table.
type WorkshopRef struct {
	ID    string
	Label string // "Lima" or "Lima (Justicia Abierta)"
	Date  string // YYYY-MM-DD; empty when the workshop is only known from its rows
}

// workshopIndex keeps workshops in report order and adds, at the end, any
// workshop that only appears in the rows (so that no row is ever dropped).
type workshopIndex struct {
	list []WorkshopRef
	pos  map[string]int
}

func newWorkshopIndex(ws []model.WorkshopRow) *workshopIndex {
	x := &workshopIndex{pos: map[string]int{}}
	for _, w := range ws {
		x.add(WorkshopRef{ID: w.ID, Label: w.Label(), Date: w.Date})
	}
	return x
}

// add appends w unless its workshop is already listed.
func (x *workshopIndex) add(w WorkshopRef) {
	if _, ok := x.pos[w.ID]; ok {
		return
	}
	x.pos[w.ID] = len(x.list)
	x.list = append(x.list, w)
}

func (x *workshopIndex) addPlace(p model.Place) {
	label := p.Workshop
	if label == "" {
		label = p.City
	}
	x.add(WorkshopRef{ID: p.WorkshopID, Label: label})
}

// ParticipantsByCityAndGender computes Table 2: for each workshop, how many
// took part, split by gender, and the TOTAL line.
func ParticipantsByCityAndGender(workshops []model.WorkshopRow, ps []model.ParticipantRow) Table2 {
	idx := newWorkshopIndex(workshops)
	for i := range ps {
		idx.addPlace(ps[i].Place)
	}
	c := newCounter(ps)
	t := Table2{Rows: make([]WorkshopCount, len(idx.list))}
	for i, w := range idx.list {
		t.Rows[i] = WorkshopCount{Workshop: w, Basis: c.basis(w.ID)}
	}
	for i := range ps {
		p := &ps[i]
		row := &t.Rows[idx.pos[p.WorkshopID]]
		row.Registered++
		t.TotalRegistered++
		if c.counts(p) {
			row.Counted.add(p.Gender)
			t.Total.add(p.Gender)
		}
	}
	return t
}

// SectorCount is one slice of Figure 1.
type SectorCount struct {
	Sector string
	Count  int
	Share  float64 // Count / total, 0..1
}

// ParticipantsBySector computes Figure 1: participants per sector, in the
// plan's order, with their share of the total (on the same basis as Table 2).
func ParticipantsBySector(ps []model.ParticipantRow) (rows []SectorCount, total int) {
	c := newCounter(ps)
	pos := map[string]int{}
	for i, s := range model.Sectors {
		pos[s] = i
		rows = append(rows, SectorCount{Sector: s})
	}
	for i := range ps {
		p := &ps[i]
		if !c.counts(p) {
			continue
		}
		j, ok := pos[p.Sector]
		if !ok {
			j = len(rows)
			pos[p.Sector] = j
			rows = append(rows, SectorCount{Sector: p.Sector})
		}
		rows[j].Count++
		total++
	}
	if total > 0 {
		for i := range rows {
			rows[i].Share = float64(rows[i].Count) / float64(total)
		}
	}
	return rows, total
}

// PrincipleLine is one workshop's line of Table 3: ideas per principle, in
// model.Principles order.
type PrincipleLine struct {
	Workshop WorkshopRef
	Counts   []int
	Total    int
}

// Table3 is "solution ideas by predominant principle and city" with totals
// per principle and overall.
type Table3 struct {
	Rows   []PrincipleLine
	Totals []int
	Total  int
}

// IdeasByPrincipleAndCity computes Table 3 over the ideas that chosen
// selects (all ideas when chosen is false, else only those the tables chose).
func IdeasByPrincipleAndCity(workshops []model.WorkshopRow, ideas []model.IdeaRow, onlyChosen bool) Table3 {
	idx := newWorkshopIndex(workshops)
	for i := range ideas {
		idx.addPlace(ideas[i].Place)
	}
	pos := map[string]int{}
	for i, p := range model.Principles {
		pos[p] = i
	}
	n := len(model.Principles)
	t := Table3{Rows: make([]PrincipleLine, len(idx.list)), Totals: make([]int, n)}
	for i, w := range idx.list {
		t.Rows[i] = PrincipleLine{Workshop: w, Counts: make([]int, n)}
	}
	for i := range ideas {
		d := &ideas[i]
		j, ok := pos[d.Principle]
		if !ok || (onlyChosen && !d.Chosen) {
			continue
		}
		row := &t.Rows[idx.pos[d.WorkshopID]]
		row.Counts[j]++
		row.Total++
		t.Totals[j]++
		t.Total++
	}
	return t
}

// SatisfactionLine is a workshop's survey result.
type SatisfactionLine struct {
	Workshop     string
	Date         string
	Distribution [5]int
	Responses    int
	Average      float64 // 0 when nobody answered
}

func (l *SatisfactionLine) finish() {
	sum := 0
	l.Responses = 0
	for i, n := range l.Distribution {
		l.Responses += n
		sum += (i + 1) * n
	}
	l.Average = 0
	if l.Responses > 0 {
		l.Average = float64(sum) / float64(l.Responses)
	}
}

// Satisfaction computes each workshop's responses and average from its
// distribution, and the process line over every response (pooled, so a
// workshop with more answers weighs more, as in the plan's 4.7 of 5).
func Satisfaction(rows []model.SatisfactionRow) (lines []SatisfactionLine, total SatisfactionLine) {
	for _, r := range rows {
		l := SatisfactionLine{Workshop: r.Workshop, Date: r.Date, Distribution: r.Distribution}
		l.finish()
		lines = append(lines, l)
		for i, n := range r.Distribution {
			total.Distribution[i] += n
		}
	}
	total.finish()
	return lines, total
}

// OutcomeCounts is what became of the ideas, counted per idea through the
// decision on the sheet it ended in (as the public process page counts).
type OutcomeCounts struct {
	Ideas           int // every line of the matrix
	Prioritized     int // prioritized, commitments included
	CommitmentIdeas int // ideas in a commitment
	Commitments     int // distinct commitment numbers
	Merged          int // merged into another sheet by the validation workshop
	NotPrioritized  int
	Pending         int // no decision yet
}

// Outcomes counts the matrix's lines by decision.
func Outcomes(rows []model.DecisionRow) OutcomeCounts {
	var o OutcomeCounts
	commitments := map[int]bool{}
	for _, d := range rows {
		o.Ideas++
		switch d.Decision {
		case model.OutcomeCommitment:
			o.Prioritized++
			o.CommitmentIdeas++
			commitments[d.Commitment] = true
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
	o.Commitments = len(commitments)
	return o
}
