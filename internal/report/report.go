// Package report is Minka's one set of books: from a model.Snapshot (the
// rows the store reads in one read transaction) it computes every figure the
// process publishes — the plan's Table 2 and Figure 1 (attendance), Table 3
// and Figure 2 (systematized ideas by the sheet's principle), the other idea
// populations under their own names, the Forum's ranking (through
// internal/ranking), the final sheet of every idea, the reasoned response
// matrix and the outcome counts.
//
// It is pure: no database, no HTTP, no language. The pages, the /api/v1
// answers, the plenary screen and the workbooks only present what this
// package computed, so they cannot disagree (TestEverySurfaceStatesTheSameFigures
// in internal/web checks it on random processes).
package report

import "math"

// Percent is part of total in percent, rounded half away from zero to one
// decimal (95 of 167 → 56.9), 0 when total is 0.
func Percent(part, total int) float64 {
	if total == 0 {
		return 0
	}
	return math.Round(1000*float64(part)/float64(total)) / 10
}
