package model

import "time"

// A Report is every record of the process (or of one workshop) flattened to
// plain rows, ready to be written as a workbook or a CSV file. The store fills
// it; internal/export writes it. Rows carry what a reader needs to place them
// (workshop, city, table) so that the writer never has to look anything up.
// Totals, percentages and cross-tabulations are not stored here: the export
// package computes them from the rows, so they always agree with the records.
type Report struct {
	ProcessName string
	Period      string
	// Workshop is the scope: nil for the whole process, else the one
	// workshop whose rows the report holds.
	Workshop *WorkshopRow

	Criteria     []CriterionRow
	Workshops    []WorkshopRow
	Participants []ParticipantRow
	ProfileNotes []ProfileNoteRow
	Stories      []StoryRow
	Ideas        []IdeaRow
	Prototypes   []PrototypeRow
	Feedback     []FeedbackRow

	// Internal review and Forum stages. The ranking is always the whole
	// process's (ranks are relative to every sheet); in a workshop's report
	// the sheets, scores and decisions are those of its ideas.
	Forum        ForumStatus
	Sheets       []SheetRow
	Scores       []ScoreRow
	Ranking      []RankRow
	Decisions    []DecisionRow
	Satisfaction []SatisfactionRow

	// Snapshot is the whole process's rows read in the same transaction:
	// internal/report computes the plan's tables and the Forum's lines from
	// it (the same computation the pages and the API present).
	Snapshot *Snapshot
}

// CriterionRow is a scoring criterion as the Forum used it. An empty Name
// means the translated default for Code.
type CriterionRow struct {
	Code   string
	Name   string
	Weight float64
}

// WorkshopRow is one workshop: the plan's Table 1.
type WorkshopRow struct {
	ID     string
	City   string
	Date   string // YYYY-MM-DD
	Venue  string
	Focus  string
	Status string
	Tables int
}

// Label names the workshop in tables: "Lima" or "Lima (Justicia Abierta)".
func (w WorkshopRow) Label() string {
	return (&Workshop{City: w.City, Focus: w.Focus}).Label()
}

// Place is where a record was made: workshop, city and table number (0 when
// the record belongs to no table).
type Place struct {
	WorkshopID string
	Workshop   string // label, e.g. "Lima (Justicia Abierta)"
	City       string
	Table      int
}

// ParticipantRow is one registered participant. Name, Organization, Email and
// Phone are personal data: only the Secretariat's full export shows them.
type ParticipantRow struct {
	Place
	ID           string
	Name         string
	Gender       string
	Sector       string
	Organization string
	Email        string
	Phone        string
	Source       string
	RegisteredAt time.Time
	CheckedInAt  *time.Time
}

// ProfileNoteRow is a need, pain or context item added to a table's user profile.
type ProfileNoteRow struct {
	Place
	Profile   string // the user profile (archetype) the table worked on
	Kind      string // need, pain, context
	Text      string
	CreatedAt time.Time
}

// StoryRow is a user story: "As ⟨AsWho⟩ I want ⟨Want⟩ so that ⟨SoThat⟩".
type StoryRow struct {
	Place
	AsWho     string
	Want      string
	SoThat    string
	CreatedAt time.Time
}

// IdeaRow is a solution idea recorded at a table, with the table's impact
// and feasibility ratings (means over Ratings raters; 0 when unrated).
type IdeaRow struct {
	Place
	Problem     string
	Title       string
	Description string
	Principle   string
	Chosen      bool
	Ratings     int
	Impact      float64
	Feasibility float64
	CreatedAt   time.Time
}

// PrototypeRow is a table's low-fidelity prototype.
type PrototypeRow struct {
	Place
	Idea        string // title of the idea prototyped
	Description string
	Iteration   string
	CreatedAt   time.Time
}

// FeedbackRow is a like, doubt or suggestion from the room on a prototype.
type FeedbackRow struct {
	Place
	Prototype string // what the feedback is about: the prototyped idea's title, or the prototype's description
	Kind      string // like, doubt, suggestion
	Text      string
	CreatedAt time.Time
}

// ForumStatus says how far the internal review and the Forum had got when
// the report was read. The public variant of a workbook shows only what the
// public pages show at that point (docs/FORUM.md): the idea sheets once they
// went to the Forum, the ranking and the decisions once the results are
// published, individual scores never. The zero value publishes nothing.
type ForumStatus struct {
	Stage         string // review, scoring or closed ("" when unknown)
	SheetsPublic  bool   // the sheets went to the Forum (and to the public)
	ResultsPublic bool   // the ranking and the reasoned response matrix are public
	Cutoff        int    // how many top ranks form the proposed prioritized list
	Members       int    // Forum members with at least one submitted score
	Scenarios     int    // weight scenarios tried for the rank range
}

// IdeaRef names an idea captured at a table: its title and where it was made.
type IdeaRef struct {
	Place
	Title string
}

// SheetRow is an idea sheet of the internal review with its seven fields and
// its merge lineage: the sheets merged into it and the sheet it was merged into.
type SheetRow struct {
	Number       int // the sheet's number ("Ficha 7")
	Principle    string
	Name         string // 1. name of the idea
	Place        string // 2. place of ideation
	Problem      string // 3. identified problem
	Description  string // 4. description of the proposal
	Contribution string // 5. how it contributes to solving the problem
	Relevance    string // 6. relevance to Open Government
	Responsible  string // 7. possible responsible parties
	SourceIdeas  []IdeaRef
	MergedFrom   []int // numbers of the sheets merged into this one
	MergedInto   int   // number of the sheet this one was merged into, 0 if none
}

// ScoreRow is one Forum member's scoring of one sheet: a submitted score or
// a recusal (drafts never count). Scores follow the report's Criteria order
// (0: no value); a recused member has no scores. Member names and
// observations are internal: they never go into the public variant.
type ScoreRow struct {
	Member       string
	Organization string
	SheetNumber  int
	Sheet        string
	Scores       []int
	Observations string
	Recused      bool
	SubmittedAt  time.Time // when submitted, or when the member recused
}

// RankRow is a sheet's place in the ranking, as computed by the scoring math
// (internal/ranking). Means and Counts follow the report's Criteria order; a
// criterion with Count 0 has no mean on this sheet. A sheet nobody scored
// (Scorers 0) has no rank of its own: it comes after every scored sheet.
type RankRow struct {
	SheetNumber int
	Sheet       string
	Means       []float64
	Counts      []int
	Weighted    float64
	Scorers     int
	Recusals    int
	Spread      float64 // population standard deviation of the members' weighted scores
	Contested   bool    // at least two scorers and a spread of a full scale point
	Rank        int
	RankMin     int  // best rank under the weight changes tried
	RankMax     int  // worst rank under the weight changes tried
	AboveCutoff bool // among the first Cutoff ranks
	CutStable   bool // stays on the same side of the cut-off under every weight change
	// Tie: another scored sheet has the same weighted score; the tie-break
	// ordered them. TieFrom–TieTo are the tied ranks.
	Tie            bool
	TieFrom, TieTo int
}

// DecisionRow is a line of the reasoned response matrix: one idea, the sheet
// it ended in, and what the validation workshop decided on that sheet.
type DecisionRow struct {
	Place
	Idea        string
	Principle   string // of the idea's own sheet
	SheetNumber int    // the idea's own sheet
	FinalNumber int    // the sheet the Forum scored: the same, or the one it was merged into in the review
	Rank        int    // rank of the final sheet, 0 if unscored
	Weighted    float64
	Tie         bool   // the final sheet is tied with another on its weighted score
	Decision    string // an outcome code: pending, prioritized, commitment, not_prioritized, merged
	Commitment  int    // the commitment's number when Decision is commitment
	MergedInto  int    // number of the sheet the validation workshop merged the final sheet into
	Rationale   string
	Responsible string // the commitment's responsible entity
}

// SatisfactionRow is a workshop's satisfaction survey: how many answered
// 1, 2, 3, 4 and 5. Responses and average are computed from it.
type SatisfactionRow struct {
	WorkshopID   string
	Workshop     string
	City         string
	Date         string // YYYY-MM-DD
	Distribution [5]int
}

// Export variants: the Secretariat's full workbook, or the public one
// without personal data.
const (
	ExportFull   = "full"
	ExportPublic = "public"
)

// ExportVariants lists the variants.
var ExportVariants = []string{ExportFull, ExportPublic}

// ExportRequest is what the export page asks for: a scope (the whole process
// when WorkshopID is empty) and a variant.
type ExportRequest struct {
	WorkshopID string
	Variant    string
}

// Normalize trims the fields; the variant defaults to the full workbook.
func (e *ExportRequest) Normalize() {
	e.WorkshopID, e.Variant = Clean(e.WorkshopID), Clean(e.Variant)
	if e.Variant == "" {
		e.Variant = ExportFull
	}
}

// Validate checks the request's shape (the workshop's existence is the store's to check).
func (e *ExportRequest) Validate() error {
	var v Validator
	v.UUID("workshop", e.WorkshopID, false)
	v.OneOf("variant", e.Variant, ExportVariants)
	return v.Err()
}

// Public reports whether the public variant is asked for.
func (e *ExportRequest) Public() bool { return e.Variant == ExportPublic }
