package model

import "time"

// The internal review, the Forum's scoring and the validation workshop
// (stages 3 and 4 of the process).

// Forum stages, in order. During review the Secretariat edits and merges
// idea sheets and sets the criteria; publishing the sheets opens scoring
// (criteria and sheets are then locked); closing freezes the scores; the
// validation workshop then records a decision for every sheet.
const (
	StageReview  = "review"
	StageScoring = "scoring"
	StageClosed  = "closed"
)

// Forum event actions: every change of stage is recorded (who, when, why).
const (
	EventPublish        = "publish"
	EventClose          = "close"
	EventReopen         = "reopen"
	EventPublishResults = "publish_results"
)

// ForumState is where the process stands.
type ForumState struct {
	Stage              string     `json:"stage"`
	Cutoff             int        `json:"cutoff"`
	OpenedAt           *time.Time `json:"opened_at,omitempty"`
	ClosedAt           *time.Time `json:"closed_at,omitempty"`
	ResultsPublishedAt *time.Time `json:"results_published_at,omitempty"`
}

// SheetsPublished reports whether the sheets have gone to the Forum (and to the public).
func (s ForumState) SheetsPublished() bool { return s.Stage != StageReview }

// ResultsPublished reports whether the ranking and decisions are public.
func (s ForumState) ResultsPublished() bool { return s.ResultsPublishedAt != nil }

// ForumEvent is a recorded change of stage.
type ForumEvent struct {
	ID        string    `json:"id"`
	Action    string    `json:"action"`
	ActorRole string    `json:"actor_role"`
	ActorID   string    `json:"-"`
	ActorName string    `json:"actor,omitempty"`
	Reason    string    `json:"reason,omitempty"`
	At        time.Time `json:"at"`
}

// Sheet kinds: one sheet per idea, or a sheet merging redundant sheets.
const (
	SheetFromIdea = "idea"
	SheetMerged   = "merged"
)

// Sheet is an idea sheet with the seven fields of the internal review.
// A sheet merged into another keeps its text and points at the merged sheet
// (MergedInto); the merged sheet lists its sources. Nothing is deleted, so
// every original contribution stays traceable.
type Sheet struct {
	ID           string    `json:"id"`
	Number       int       `json:"number"`
	Kind         string    `json:"kind"`
	IdeaID       string    `json:"idea_id,omitempty"`
	MergedInto   string    `json:"merged_into,omitempty"`
	Name         string    `json:"name"`
	Place        string    `json:"place"`
	Problem      string    `json:"problem"`
	Description  string    `json:"description"`
	Contribution string    `json:"contribution"`
	Relevance    string    `json:"relevance"`
	Principle    string    `json:"principle"`
	Responsible  string    `json:"responsible"`
	Version      int       `json:"version"`
	CreatedAt    time.Time `json:"created_at"`
	UpdatedAt    time.Time `json:"updated_at"`
}

// Active reports whether the sheet is scored (it was not merged into another).
func (s Sheet) Active() bool { return s.MergedInto == "" }

// Normalize trims every text field.
func (s *Sheet) Normalize() {
	s.Name, s.Place, s.Problem = Clean(s.Name), Clean(s.Place), Clean(s.Problem)
	s.Description, s.Contribution, s.Relevance = Clean(s.Description), Clean(s.Contribution), Clean(s.Relevance)
	s.Principle, s.Responsible = Clean(s.Principle), Clean(s.Responsible)
}

// Validate checks a sheet's editable fields. Only the name is needed to
// save a draft; Complete says whether it can go to the Forum.
func (s *Sheet) Validate() error {
	var v Validator
	v.Text("name", s.Name, true, 200)
	v.LongText("place", s.Place, false, 2000)
	v.LongText("problem", s.Problem, false, 6000)
	v.LongText("description", s.Description, false, 12000)
	v.LongText("contribution", s.Contribution, false, 8000)
	v.LongText("relevance", s.Relevance, false, 6000)
	v.OneOf("principle", s.Principle, Principles)
	v.LongText("responsible", s.Responsible, false, 2000)
	return v.Err()
}

// Missing lists the fields still empty that a sheet needs before the
// Forum can score it: all seven fields of the plan's format.
func (s Sheet) Missing() []string {
	var m []string
	for _, f := range []struct{ name, value string }{
		{"name", s.Name}, {"place", s.Place}, {"problem", s.Problem}, {"description", s.Description},
		{"contribution", s.Contribution}, {"relevance", s.Relevance}, {"responsible", s.Responsible},
	} {
		if f.value == "" {
			m = append(m, f.name)
		}
	}
	return m
}

// ForumMember is a representative of a Forum member organization. The
// personal link's token is never stored, only its hash.
type ForumMember struct {
	ID            string    `json:"id"`
	Name          string    `json:"name"`
	Organization  string    `json:"organization"`
	Sector        string    `json:"sector"`
	LinkCreatedAt time.Time `json:"link_created_at"`
	CreatedAt     time.Time `json:"created_at"`
	UpdatedAt     time.Time `json:"updated_at"`
}

// ForumSectors are the Forum's four sectors (it has equal representation of
// the public sector, civil society, the private sector and academia).
var ForumSectors = []string{"public", "civil_society", "academic", "private"}

// Normalize trims every text field.
func (m *ForumMember) Normalize() {
	m.Name, m.Organization, m.Sector = Clean(m.Name), Clean(m.Organization), Clean(m.Sector)
}

// Validate checks a Forum member.
func (m *ForumMember) Validate() error {
	var v Validator
	v.Text("name", m.Name, true, 120)
	v.Text("organization", m.Organization, true, 200)
	v.OneOf("sector", m.Sector, ForumSectors)
	return v.Err()
}

// Score statuses: a draft is the member's own; only submitted scores count.
const (
	ScoreDraft     = "draft"
	ScoreSubmitted = "submitted"
	ScoreRecused   = "recused"
)

// Score actions a member can take on a sheet.
// ScoreMin and ScoreMax bound the Forum's 1–5 scale (1 very low … 5 very high).
const (
	ScoreMin = 1
	ScoreMax = 5
)

const (
	ScoreActionDraft    = "draft"
	ScoreActionSubmit   = "submit"
	ScoreActionRecuse   = "recuse"
	ScoreActionUnrecuse = "unrecuse"
)

// ForumScore is one member's evaluation of one sheet. Values maps a
// criterion code to 1–5 (absent: not scored yet).
type ForumScore struct {
	ID           string         `json:"id,omitempty"`
	MemberID     string         `json:"-"`
	SheetID      string         `json:"sheet_id"`
	Status       string         `json:"status"`
	Values       map[string]int `json:"values"`
	Observations string         `json:"observations"`
	Conflict     string         `json:"conflict,omitempty"`
	SubmittedAt  *time.Time     `json:"submitted_at,omitempty"`
	UpdatedAt    time.Time      `json:"updated_at"`
}

// ScoreInput is what a member sends for a sheet.
type ScoreInput struct {
	Action       string         `json:"action"`
	Values       map[string]int `json:"values"`
	Observations string         `json:"observations"`
	Conflict     string         `json:"conflict"`
}

// ScoreField is the form field of a criterion's score.
func ScoreField(code string) string { return "score_" + code }

// Validate checks a member's input against the criteria codes: a draft may
// leave criteria empty, a submission needs every one; a recusal needs the
// declared conflict of interest.
func (in *ScoreInput) Validate(codes []string) error {
	in.Action, in.Observations, in.Conflict = Clean(in.Action), Clean(in.Observations), Clean(in.Conflict)
	var v Validator
	v.OneOf("action", in.Action, []string{ScoreActionDraft, ScoreActionSubmit, ScoreActionRecuse, ScoreActionUnrecuse})
	v.LongText("observations", in.Observations, false, 4000)
	known := map[string]bool{}
	for _, c := range codes {
		known[c] = true
		val, ok := in.Values[c]
		switch {
		case ok && (val < ScoreMin || val > ScoreMax):
			v.Add(ScoreField(c), "validation.range", ScoreMin, ScoreMax)
		case !ok && in.Action == ScoreActionSubmit:
			v.Add(ScoreField(c), "forum.validation.score_required")
		}
	}
	for c := range in.Values {
		if !known[c] {
			v.Add("values", "forum.validation.unknown_criterion")
		}
	}
	if in.Action == ScoreActionRecuse {
		v.LongText("conflict", in.Conflict, true, 1000)
	}
	return v.Err()
}

// Decision outcomes of the validation workshop.
const (
	OutcomePending        = "pending"
	OutcomePrioritized    = "prioritized"
	OutcomeNotPrioritized = "not_prioritized"
	OutcomeMerged         = "merged"
	OutcomeCommitment     = "commitment"
)

// Outcomes lists the outcomes in the order forms show them.
var Outcomes = []string{OutcomePending, OutcomePrioritized, OutcomeCommitment, OutcomeNotPrioritized, OutcomeMerged}

// ForumDecision is the validation workshop's deliberation and decision on a
// sheet: the reasoned response. A commitment counts as prioritized.
type ForumDecision struct {
	SheetID           string    `json:"sheet_id"`
	Outcome           string    `json:"outcome"`
	MergedInto        string    `json:"merged_into,omitempty"`
	CommitmentNumber  int       `json:"commitment_number,omitempty"`
	ResponsibleEntity string    `json:"responsible_entity,omitempty"`
	Notes             string    `json:"notes,omitempty"`
	Rationale         string    `json:"rationale"`
	Version           int       `json:"version"`
	UpdatedAt         time.Time `json:"updated_at"`
}

// Prioritized reports whether the outcome puts the idea on the prioritized list.
func (d ForumDecision) Prioritized() bool {
	return d.Outcome == OutcomePrioritized || d.Outcome == OutcomeCommitment
}

// Decided reports whether a final decision was recorded.
func (d ForumDecision) Decided() bool { return d.Outcome != "" && d.Outcome != OutcomePending }

// Normalize trims every text field and clears what the outcome does not use.
func (d *ForumDecision) Normalize() {
	d.Outcome, d.MergedInto = Clean(d.Outcome), Clean(d.MergedInto)
	d.ResponsibleEntity, d.Notes, d.Rationale = Clean(d.ResponsibleEntity), Clean(d.Notes), Clean(d.Rationale)
	if d.Outcome != OutcomeMerged {
		d.MergedInto = ""
	}
	if d.Outcome != OutcomeCommitment {
		d.CommitmentNumber, d.ResponsibleEntity = 0, ""
	}
}

// Validate checks a decision: every final decision needs its rationale; a
// commitment needs its number and responsible entity; a merge needs its target.
func (d *ForumDecision) Validate() error {
	var v Validator
	v.OneOf("outcome", d.Outcome, Outcomes)
	v.LongText("notes", d.Notes, false, 6000)
	v.LongText("rationale", d.Rationale, d.Decided(), 4000)
	switch d.Outcome {
	case OutcomeMerged:
		v.UUID("merged_into", d.MergedInto, true)
		if d.MergedInto != "" && d.MergedInto == d.SheetID {
			v.Add("merged_into", "forum.validation.merge_self")
		}
	case OutcomeCommitment:
		v.IntRange("commitment_number", d.CommitmentNumber, 1, 999)
		v.Text("responsible_entity", d.ResponsibleEntity, true, 300)
	}
	return v.Err()
}

// IdeaOrigin is an idea with where it came from: its table, workshop and
// the table's problem and user stories; and its own sheet, once generated.
type IdeaOrigin struct {
	IdeaID             string      `json:"idea_id"`
	Title              string      `json:"title"`
	Description        string      `json:"description"`
	Principle          string      `json:"principle"`
	Chosen             bool        `json:"chosen"`
	Deleted            bool        `json:"deleted,omitempty"`
	TableID            string      `json:"table_id"`
	TableNumber        int         `json:"table_number"`
	WorkshopID         string      `json:"workshop_id"`
	City               string      `json:"city"`
	Date               string      `json:"date"`
	Focus              string      `json:"focus,omitempty"`
	ProblemTitle       string      `json:"problem,omitempty"`
	ProblemDescription string      `json:"-"`
	Stories            []UserStory `json:"-"`
	SheetID            string      `json:"sheet_id,omitempty"`
	SheetNumber        int         `json:"sheet_number,omitempty"`
}

// WorkshopLabel names the idea's workshop as tables do: "Lima (Justicia Abierta)".
func (o IdeaOrigin) WorkshopLabel() string {
	w := Workshop{City: o.City, Focus: o.Focus}
	return w.Label()
}

// MemberProgress is how far a Forum member has got with the published sheets.
type MemberProgress struct {
	Member       ForumMember `json:"member"`
	Submitted    int         `json:"submitted"`
	Drafts       int         `json:"drafts"`
	Recused      int         `json:"recused"`
	LastActivity *time.Time  `json:"last_activity,omitempty"`
}

// Observation is a member's qualitative observation on a sheet, as the
// Secretariat sees it for the deliberation (by organization, never public).
type Observation struct {
	Organization string `json:"organization"`
	Sector       string `json:"sector"`
	Text         string `json:"text"`
}
