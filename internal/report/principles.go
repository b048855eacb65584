package report

import "github.com/minka-gob/minka/internal/model"

// Idea populations. Each table of ideas by principle counts one of them and
// says which; only Systematized is the plan's Table 3 ("Cuadro N° 3") and
// Figure 2.
const (
	// Systematized: ideas with an idea sheet, by the predominant principle
	// of their own sheet (the Secretariat's classification) — the plan's
	// Table 3 and Figure 2.
	Systematized = "systematized"
	// Captured: ideas recorded at the tables and not deleted there, by the
	// principle the table gave them (what the plenary screen counts live).
	Captured = "captured"
	// Chosen: the captured ideas each table chose in its prioritization, by
	// the principle the table gave them.
	Chosen = "chosen"
)

// PrincipleTable counts ideas of one population by workshop and principle.
// Every workshop in scope has a row (zeros included), in the process's order;
// Counts and Totals follow model.Principles. Unclassified counts the ideas
// captured without a principle (not classified yet); Total includes them, so
// Total = Σ Totals + Unclassified (always 0 for Systematized: a sheet has a
// principle).
type PrincipleTable struct {
	Population   string
	Rows         []PrincipleRow
	Totals       []int
	Unclassified int
	Total        int
}

// PrincipleRow is one workshop's line.
type PrincipleRow struct {
	WorkshopID   string
	Label        string // "Lima" or "Lima (Justicia Abierta)"
	Date         string
	Counts       []int
	Unclassified int
	Total        int
}

// IdeasByPrinciple counts the population (Systematized, Captured or Chosen)
// by workshop and principle, for the whole process (workshopID "") or one
// workshop.
func IdeasByPrinciple(s *model.Snapshot, population, workshopID string) PrincipleTable {
	n := len(model.Principles)
	t := PrincipleTable{Population: population, Totals: make([]int, n)}
	idx := map[string]int{}
	for _, w := range s.Workshops {
		if workshopID != "" && w.ID != workshopID {
			continue
		}
		idx[w.ID] = len(t.Rows)
		t.Rows = append(t.Rows, PrincipleRow{WorkshopID: w.ID, Label: w.Label(), Date: w.Date, Counts: make([]int, n)})
	}
	pos := principleIndex()
	var sheetPrinciple map[string]string
	if population == Systematized {
		sheetPrinciple = make(map[string]string, len(s.Forum.Sheets))
		for _, sh := range s.Forum.Sheets {
			sheetPrinciple[sh.ID] = sh.Principle
		}
	}
	for _, o := range s.Ideas {
		i, ok := idx[o.WorkshopID]
		if !ok {
			continue
		}
		principle := o.Principle
		switch population {
		case Systematized:
			if o.SheetID == "" {
				continue
			}
			principle = sheetPrinciple[o.SheetID]
		case Captured:
			if o.Deleted {
				continue
			}
		case Chosen:
			if o.Deleted || !o.Chosen {
				continue
			}
		default:
			continue
		}
		if principle == "" {
			t.Rows[i].Unclassified++
			t.Rows[i].Total++
			t.Unclassified++
			t.Total++
			continue
		}
		j, ok := pos[principle]
		if !ok {
			continue
		}
		t.Rows[i].Counts[j]++
		t.Rows[i].Total++
		t.Totals[j]++
		t.Total++
	}
	return t
}

// Row returns the line of workshopID (zeros when it is not in the table).
func (t PrincipleTable) Row(workshopID string) PrincipleRow {
	for _, r := range t.Rows {
		if r.WorkshopID == workshopID {
			return r
		}
	}
	return PrincipleRow{WorkshopID: workshopID, Counts: make([]int, len(model.Principles))}
}

// ByPrinciple is the table's totals as a workshop's (or the process's)
// count per principle, every principle listed in the plan's order.
func (t PrincipleTable) ByPrinciple(workshopID string) model.IdeasByPrinciple {
	counts, unclassified, total := t.Totals, t.Unclassified, t.Total
	if workshopID != "" {
		r := t.Row(workshopID)
		counts, unclassified, total = r.Counts, r.Unclassified, r.Total
	}
	out := model.IdeasByPrinciple{WorkshopID: workshopID, Population: t.Population, Principles: make([]model.PrincipleCount, len(model.Principles)),
		Unclassified: unclassified, Total: total}
	for i, p := range model.Principles {
		out.Principles[i] = model.PrincipleCount{Principle: p, Ideas: counts[i]}
	}
	return out
}

func principleIndex() map[string]int {
	pos := make(map[string]int, len(model.Principles))
	for i, p := range model.Principles {
		pos[p] = i
	}
	return pos
}

// Plenary fills the plenary screen's count by principle: the ideas captured
// at the workshop's tables (Captured), by the principle the table gave them.
func Plenary(p *model.Plenary) {
	w := p.Workshop
	s := &model.Snapshot{Workshops: []model.WorkshopRow{{ID: w.ID, City: w.City, Date: w.Date, Focus: w.Focus}}, Ideas: p.Ideas}
	p.ByPrinciple = IdeasByPrinciple(s, Captured, w.ID).ByPrinciple(w.ID)
}
