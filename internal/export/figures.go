package export

import (
	"github.com/minka-gob/minka/internal/model"
	"github.com/minka-gob/minka/internal/report"
)

// figures are the plan's tables as internal/report computes them for the
// report's scope. A report without a Snapshot (written by hand) has its
// workshops and no other row: its tables are rows of zeros.
type figures struct {
	attendance                     model.Stats
	systematized, captured, chosen report.PrincipleTable
}

func figuresOf(r *model.Report) figures {
	snap := r.Snapshot
	if snap == nil {
		snap = &model.Snapshot{Workshops: r.Workshops}
	}
	scope := ""
	if r.Workshop != nil {
		scope = r.Workshop.ID
	}
	var f figures
	f.attendance, _ = report.Attendance(snap, scope) // an unknown scope is a table of zeros
	f.systematized = report.IdeasByPrinciple(snap, report.Systematized, scope)
	f.captured = report.IdeasByPrinciple(snap, report.Captured, scope)
	f.chosen = report.IdeasByPrinciple(snap, report.Chosen, scope)
	return f
}
