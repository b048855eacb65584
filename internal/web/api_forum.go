package web

import (
	"github.com/gofiber/fiber/v2"

	"github.com/minka-gob/minka/internal/model"
	"github.com/minka-gob/minka/internal/report"
)

// The Forum's JSON API (/api/v1/forum, routes in routes.go): the views the
// handlers share; each handler is in the file named after its action
// (api_sheet_show.go, api_my_score_save.go, …).

type apiState struct {
	model.ForumState
	Criteria []criterionView `json:"criteria"`
}

// apiSheetOut is a sheet with its lineage.
type apiSheetOut struct {
	model.Sheet
	Sources []string `json:"sources,omitempty"`
	IdeaIDs []string `json:"idea_ids"`
}

// sheetOut is a sheet with the lineage internal/report computed.
func sheetOut(l *report.Lineage) apiSheetOut {
	o := apiSheetOut{Sheet: l.Sheet, IdeaIDs: []string{}}
	for _, src := range l.Sources {
		o.Sources = append(o.Sources, src.ID)
	}
	for _, idea := range l.Ideas {
		o.IdeaIDs = append(o.IdeaIDs, idea.IdeaID)
	}
	return o
}

// apiDecision is a decision as published; notes are the Secretariat's only.
type apiDecision struct {
	Outcome           string `json:"outcome"`
	CommitmentNumber  int    `json:"commitment_number,omitempty"`
	ResponsibleEntity string `json:"responsible_entity,omitempty"`
	MergedInto        string `json:"merged_into,omitempty"`
	Rationale         string `json:"rationale"`
	Notes             string `json:"notes,omitempty"`
	Version           int    `json:"version,omitempty"`
}

func decisionOut(d model.ForumDecision, admin bool) *apiDecision {
	out := &apiDecision{Outcome: d.Outcome, CommitmentNumber: d.CommitmentNumber, ResponsibleEntity: d.ResponsibleEntity,
		MergedInto: d.MergedInto, Rationale: d.Rationale}
	if out.Outcome == "" {
		out.Outcome = model.OutcomePending
	}
	if admin {
		out.Notes, out.Version = d.Notes, d.Version
	}
	return out
}

// apiRankRow is one sheet of the ranking. Weighted is null for a sheet nobody scored.
type apiRankRow struct {
	Rank      int                `json:"rank"`
	SheetID   string             `json:"sheet_id"`
	Number    int                `json:"number"`
	Name      string             `json:"name"`
	Principle string             `json:"principle"`
	Weighted  *float64           `json:"weighted"`
	Means     map[string]float64 `json:"means"`
	Counts    map[string]int     `json:"counts"`
	Scorers   int                `json:"scorers"`
	Recusals  int                `json:"recusals"`
	Spread    float64            `json:"spread"`
	Contested bool               `json:"contested"`
	RankMin   int                `json:"rank_min"`
	RankMax   int                `json:"rank_max"`
	AboveCut  bool               `json:"above_cut"`
	CutStable bool               `json:"cut_stable"`
	// Tie: another sheet has the same weighted score; TieRanks are the
	// tied ranks, ordered by the tie-break (docs/FORUM.md).
	Tie      bool         `json:"tie"`
	TieRanks []int        `json:"tie_ranks,omitempty"`
	Decision *apiDecision `json:"decision,omitempty"`
}

func rankRowOut(r *rankRow, admin bool) apiRankRow {
	o := apiRankRow{Rank: r.R.Rank, SheetID: r.Sheet.ID, Number: r.Sheet.Number, Name: r.Sheet.Name, Principle: r.Sheet.Principle,
		Means: map[string]float64{}, Counts: r.R.Counts, Scorers: r.R.Scorers, Recusals: r.R.Recusals, Spread: r.R.Spread, Tie: r.Tie,
		Contested: r.R.Contested, RankMin: r.R.RankMin, RankMax: r.R.RankMax, AboveCut: r.R.AboveCut, CutStable: r.R.CutStable,
		Decision: decisionOut(r.Decision, admin)}
	if r.R.Scored {
		w := r.R.Weighted // full precision: a client can tell near-ties apart
		o.Weighted = &w
	}
	if r.Tie {
		o.TieRanks = []int{r.TieFrom, r.TieTo}
	}
	for k, v := range r.R.Means {
		o.Means[k] = v
	}
	return o
}

// resultsVisible: the ranking and decisions are public once published; the
// Secretariat sees them (provisional) at any time.
func resultsVisible(c *fiber.Ctx, st model.ForumState) bool {
	return st.ResultsPublished() || principal(c).IsAdmin()
}

// apiTrace is one idea's path from its table to its decision.
type apiTrace struct {
	IdeaID         string            `json:"idea_id"`
	Origin         *model.IdeaOrigin `json:"origin"`
	SheetID        string            `json:"sheet_id"`
	SheetNumber    int               `json:"sheet_number"`
	FinalSheetID   string            `json:"final_sheet_id"`
	MergedAtReview bool              `json:"merged_at_review"`
	Ranking        *apiRankRow       `json:"ranking,omitempty"`
	Decision       *apiDecision      `json:"decision,omitempty"`
}

func traceOut(c *fiber.Ctx, t traceRow, st model.ForumState) apiTrace {
	o := t.Origin
	out := apiTrace{IdeaID: o.IdeaID, Origin: &o, SheetID: t.Sheet.ID, SheetNumber: t.Sheet.Number, FinalSheetID: t.Final.ID,
		MergedAtReview: t.MergedAtReview}
	if resultsVisible(c, st) && t.Rank != nil {
		r := rankRowOut(t.Rank, principal(c).IsAdmin())
		out.Ranking = &r
		out.Decision = r.Decision
	}
	return out
}
