package web

import (
	"github.com/gofiber/fiber/v2"

	"github.com/minka-gob/minka/internal/model"
)

// --- public reads ---

type apiState struct {
	model.ForumState
	Criteria []criterionView `json:"criteria"`
}

func (s *Server) apiForumState(c *fiber.Ctx) error {
	st, err := s.store.ForumState(c.UserContext())
	if err != nil {
		return err
	}
	crits, err := s.store.Criteria(c.UserContext())
	if err != nil {
		return err
	}
	return c.JSON(apiState{ForumState: st, Criteria: criterionViews(lang(c), crits)})
}

// apiSheetOut is a sheet with its lineage.
type apiSheetOut struct {
	model.Sheet
	Sources []string `json:"sources,omitempty"`
	IdeaIDs []string `json:"idea_ids"`
}

func sheetsOut(mv *matrixView, only string) []apiSheetOut {
	var out []apiSheetOut
	for _, sh := range sortedSheets(mv.Sheets) {
		if only != "" && sh.ID != only {
			continue
		}
		o := apiSheetOut{Sheet: sh, IdeaIDs: []string{}}
		for _, x := range mv.Sheets {
			if x.MergedInto == sh.ID {
				o.Sources = append(o.Sources, x.ID)
			}
		}
		for _, r := range mv.Rows {
			if r.Sheet.ID == sh.ID || r.Final.ID == sh.ID {
				o.IdeaIDs = append(o.IdeaIDs, r.Origin.IdeaID)
			}
		}
		out = append(out, o)
	}
	return out
}

func sortedSheets(m map[string]model.Sheet) []model.Sheet {
	out := make([]model.Sheet, 0, len(m))
	for _, sh := range m {
		out = append(out, sh)
	}
	sortSheetsByNumber(out)
	return out
}

// apiSheets lists the sheets: public once published to the Forum; the
// Secretariat sees them during the review too.
func (s *Server) apiSheets(c *fiber.Ctx) error {
	mv, err := s.buildMatrix(c.UserContext(), lang(c))
	if err != nil {
		return err
	}
	if !mv.Rank.State.SheetsPublished() && !principal(c).IsAdmin() {
		return c.JSON(fiber.Map{"sheets": []apiSheetOut{}})
	}
	out := sheetsOut(mv, "")
	if out == nil {
		out = []apiSheetOut{}
	}
	return c.JSON(fiber.Map{"sheets": out})
}

func (s *Server) apiSheet(c *fiber.Ctx) error {
	mv, err := s.buildMatrix(c.UserContext(), lang(c))
	if err != nil {
		return err
	}
	out := sheetsOut(mv, c.Params("id"))
	if len(out) == 0 || (!mv.Rank.State.SheetsPublished() && !principal(c).IsAdmin()) {
		return model.NotFound("forum.error.sheet_not_found")
	}
	return c.JSON(out[0])
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

func (s *Server) apiRanking(c *fiber.Ctx) error {
	rv, err := s.buildRanking(c.UserContext(), lang(c))
	if err != nil {
		return err
	}
	if !resultsVisible(c, rv.State) {
		return model.NotFound("public.after_results")
	}
	admin := principal(c).IsAdmin()
	rows := make([]apiRankRow, 0, len(rv.Rows))
	for _, r := range rv.Rows {
		rows = append(rows, rankRowOut(r, admin))
	}
	return c.JSON(fiber.Map{"state": rv.State, "criteria": rv.Criteria, "scenarios": rv.Scenarios, "members": rv.Members, "rows": rows})
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

func (s *Server) apiMatrix(c *fiber.Ctx) error {
	mv, err := s.buildMatrix(c.UserContext(), lang(c))
	if err != nil {
		return err
	}
	if !resultsVisible(c, mv.Rank.State) {
		return model.NotFound("public.after_results")
	}
	rows := make([]apiTrace, 0, len(mv.Rows))
	for _, t := range mv.Rows {
		rows = append(rows, traceOut(c, t, mv.Rank.State))
	}
	return c.JSON(fiber.Map{"rows": rows})
}

func (s *Server) apiIdeaTrace(c *fiber.Ctx) error {
	mv, err := s.buildMatrix(c.UserContext(), lang(c))
	if err != nil {
		return err
	}
	if mv.Rank.State.SheetsPublished() || principal(c).IsAdmin() {
		for _, t := range mv.Rows {
			if t.Origin.IdeaID == c.Params("id") {
				return c.JSON(traceOut(c, t, mv.Rank.State))
			}
		}
	}
	return model.NotFound("forum.error.idea_not_found")
}

func (s *Server) apiForumStats(c *fiber.Ctx) error {
	mv, err := s.buildMatrix(c.UserContext(), lang(c))
	if err != nil {
		return err
	}
	if !mv.Rank.State.SheetsPublished() && !principal(c).IsAdmin() {
		return model.NotFound("public.not_yet")
	}
	sv := buildStats(mv)
	type ws struct {
		Workshop string         `json:"workshop"`
		Date     string         `json:"date"`
		Ideas    map[string]int `json:"ideas_by_principle"`
		Total    int            `json:"total"`
	}
	var rows []ws
	for _, w := range sv.Workshops {
		m := map[string]int{}
		for i, p := range sv.Principles {
			m[p] = w.Counts[i]
		}
		rows = append(rows, ws{Workshop: w.Label, Date: w.Date, Ideas: m, Total: w.Total})
	}
	totals := map[string]int{}
	for i, p := range sv.Principles {
		totals[p] = sv.Totals[i]
	}
	out := fiber.Map{"ideas": sv.Total, "by_workshop": rows, "by_principle": totals, "sheets_scored": sv.Scored, "scorers": sv.Scorers}
	if resultsVisible(c, mv.Rank.State) {
		out["outcomes"] = fiber.Map{"prioritized": sv.Prioritized, "commitments": sv.Commitments, "commitment_ideas": sv.CommitmentIdeas,
			"not_prioritized": sv.NotPrioritized, "merged": sv.MergedInto, "pending": sv.Pending}
	}
	return c.JSON(out)
}

// --- a member's own scores ---

func (s *Server) apiMyScores(c *fiber.Ctx) error {
	mine, err := s.store.MyScores(c.UserContext(), principal(c).ForumMemberID)
	if err != nil {
		return err
	}
	out := make([]model.ForumScore, 0, len(mine))
	for _, sc := range mine {
		out = append(out, sc)
	}
	return c.JSON(fiber.Map{"scores": out})
}

func (s *Server) apiMyScore(c *fiber.Ctx) error {
	sc, err := s.store.MyScore(c.UserContext(), principal(c).ForumMemberID, c.Params("sheet"))
	if err != nil {
		return err
	}
	return c.JSON(sc)
}

func (s *Server) apiMyScoreSave(c *fiber.Ctx) error {
	var in model.ScoreInput
	if err := readJSON(c, &in); err != nil {
		return err
	}
	sc, err := s.store.SaveScore(c.UserContext(), principal(c).ForumMemberID, c.Params("sheet"), in)
	if err != nil {
		return err
	}
	return c.JSON(sc)
}

// --- the Secretariat ---

func (s *Server) apiSheetsGenerate(c *fiber.Ctx) error {
	var in struct {
		OnlyChosen bool `json:"only_chosen"`
	}
	if err := readJSON(c, &in); err != nil {
		return err
	}
	n, err := s.store.GenerateSheets(c.UserContext(), in.OnlyChosen)
	if err != nil {
		return err
	}
	return c.Status(fiber.StatusCreated).JSON(fiber.Map{"created": n})
}

func (s *Server) apiSheetsMerge(c *fiber.Ctx) error {
	var in struct {
		SheetIDs []string `json:"sheet_ids"`
	}
	if err := readJSON(c, &in); err != nil {
		return err
	}
	sh, err := s.store.MergeSheets(c.UserContext(), in.SheetIDs)
	if err != nil {
		return err
	}
	return c.Status(fiber.StatusCreated).JSON(sh)
}

// sheetInput is what PUT /forum/sheets/{id} may change; fields left out keep
// their value. version is the version the editor read (the current one when
// left out).
type sheetInput struct {
	Name         *string `json:"name"`
	Place        *string `json:"place"`
	Problem      *string `json:"problem"`
	Description  *string `json:"description"`
	Contribution *string `json:"contribution"`
	Relevance    *string `json:"relevance"`
	Principle    *string `json:"principle"`
	Responsible  *string `json:"responsible"`
	Version      *int    `json:"version"`
}

func (in sheetInput) apply(sh *model.Sheet) {
	setIf(&sh.Name, in.Name)
	setIf(&sh.Place, in.Place)
	setIf(&sh.Problem, in.Problem)
	setIf(&sh.Description, in.Description)
	setIf(&sh.Contribution, in.Contribution)
	setIf(&sh.Relevance, in.Relevance)
	setIf(&sh.Principle, in.Principle)
	setIf(&sh.Responsible, in.Responsible)
	setIf(&sh.Version, in.Version)
}

func (s *Server) apiSheetSave(c *fiber.Ctx) error {
	sh, err := s.store.Sheet(c.UserContext(), c.Params("id"))
	if err != nil {
		return err
	}
	var in sheetInput
	if err := readJSON(c, &in); err != nil {
		return err
	}
	in.apply(&sh)
	if err := s.store.UpdateSheet(c.UserContext(), &sh); err != nil {
		return err
	}
	return c.JSON(sh)
}

func (s *Server) apiCriteriaSave(c *fiber.Ctx) error {
	var in []struct {
		Code        string   `json:"code"`
		Name        string   `json:"name"`
		Description string   `json:"description"`
		Weight      *float64 `json:"weight"`
	}
	if err := readJSON(c, &in); err != nil {
		return err
	}
	crits, err := s.store.Criteria(c.UserContext())
	if err != nil {
		return err
	}
	for i := range crits {
		for _, x := range in {
			if x.Code == crits[i].Code {
				crits[i].Name, crits[i].Description = x.Name, x.Description
				if x.Weight != nil {
					crits[i].Weight = *x.Weight
				}
			}
		}
	}
	if err := s.store.UpdateCriteria(c.UserContext(), crits); err != nil {
		return err
	}
	return c.JSON(fiber.Map{"criteria": criterionViews(lang(c), crits)})
}

func (s *Server) apiForumMembers(c *fiber.Ctx) error {
	ms, err := s.store.ForumMembers(c.UserContext())
	if err != nil {
		return err
	}
	if ms == nil {
		ms = []model.ForumMember{}
	}
	return c.JSON(fiber.Map{"members": ms})
}

// apiForumMemberCreate answers the member and their personal link: the only
// time the link is given out.
func (s *Server) apiForumMemberCreate(c *fiber.Ctx) error {
	var m model.ForumMember
	if err := readJSON(c, &m); err != nil {
		return err
	}
	token, err := s.store.CreateForumMember(c.UserContext(), &m)
	if err != nil {
		return err
	}
	c.Set(fiber.HeaderCacheControl, "no-store")
	return c.Status(fiber.StatusCreated).JSON(fiber.Map{"member": m, "link": forumLinkURL(c, token)})
}

func (s *Server) apiForumLinkRenew(c *fiber.Ctx) error {
	token, err := s.store.RenewForumLink(c.UserContext(), c.Params("id"))
	if err != nil {
		return err
	}
	c.Set(fiber.HeaderCacheControl, "no-store")
	return c.JSON(fiber.Map{"link": forumLinkURL(c, token)})
}

func (s *Server) apiForumProgress(c *fiber.Ctx) error {
	p, err := s.store.ScoringProgress(c.UserContext())
	if err != nil {
		return err
	}
	sheets, err := s.store.ActiveSheets(c.UserContext())
	if err != nil {
		return err
	}
	if p == nil {
		p = []model.MemberProgress{}
	}
	return c.JSON(fiber.Map{"sheets": len(sheets), "members": p})
}

// apiForumStage changes the stage: publish, close, reopen (with a reason) or results.
func (s *Server) apiForumStage(c *fiber.Ctx) error {
	ctx := c.UserContext()
	var err error
	switch c.Path()[len("/api/v1/forum/"):] {
	case "publish":
		err = s.store.PublishSheets(ctx)
	case "close":
		err = s.store.CloseScoring(ctx)
	case "reopen":
		var in struct {
			Reason string `json:"reason"`
		}
		if err := readJSON(c, &in); err != nil {
			return err
		}
		err = s.store.ReopenScoring(ctx, in.Reason)
	case "results":
		err = s.store.PublishResults(ctx)
	default:
		return fiber.ErrNotFound
	}
	if err != nil {
		return err
	}
	st, err := s.store.ForumState(ctx)
	if err != nil {
		return err
	}
	return c.JSON(st)
}

func (s *Server) apiCutoff(c *fiber.Ctx) error {
	var in struct {
		Cutoff int `json:"cutoff"`
	}
	if err := readJSON(c, &in); err != nil {
		return err
	}
	if err := s.store.SetCutoff(c.UserContext(), in.Cutoff); err != nil {
		return err
	}
	st, err := s.store.ForumState(c.UserContext())
	if err != nil {
		return err
	}
	return c.JSON(st)
}

// decisionInput is what PUT /forum/decisions/{sheet} may change; fields left
// out keep the recorded decision's value (version: the recorded one).
type decisionInput struct {
	Outcome           *string `json:"outcome"`
	MergedInto        *string `json:"merged_into"`
	CommitmentNumber  *int    `json:"commitment_number"`
	ResponsibleEntity *string `json:"responsible_entity"`
	Notes             *string `json:"notes"`
	Rationale         *string `json:"rationale"`
	Version           *int    `json:"version"`
}

func (s *Server) apiDecisionSave(c *fiber.Ctx) error {
	d, err := s.store.ForumDecision(c.UserContext(), c.Params("sheet"))
	if err != nil {
		return err
	}
	var in decisionInput
	if err := readJSON(c, &in); err != nil {
		return err
	}
	setIf(&d.Outcome, in.Outcome)
	setIf(&d.MergedInto, in.MergedInto)
	setIf(&d.CommitmentNumber, in.CommitmentNumber)
	setIf(&d.ResponsibleEntity, in.ResponsibleEntity)
	setIf(&d.Notes, in.Notes)
	setIf(&d.Rationale, in.Rationale)
	setIf(&d.Version, in.Version)
	d.SheetID = c.Params("sheet")
	if err := s.store.SaveDecision(c.UserContext(), &d); err != nil {
		return err
	}
	return c.JSON(decisionOut(d, true))
}
