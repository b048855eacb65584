package model

import "time"

// Contribution kinds as the live protocol and the API name them.
const (
	KindProfileNote = "profile_note"
	KindUserStory   = "user_story"
	KindIdea        = "idea"
	KindPrototype   = "prototype"
	KindFeedback    = "feedback"
)

// ContributionKinds lists the kinds in the order of the methodological route.
var ContributionKinds = []string{KindProfileNote, KindUserStory, KindIdea, KindPrototype, KindFeedback}

// Contribution is a record a rapporteur captures at a table. Every kind
// validates itself, so a websocket message, a form and the API share one rule.
type Contribution interface {
	Validate() error
	// RecordID is the record's client-generated UUID.
	RecordID() string
	// SetRecordID names the record (the id travels beside the record in a message).
	SetRecordID(id string)
	// ContributionKind is one of ContributionKinds.
	ContributionKind() string
}

// NewContribution returns an empty record of kind, to decode a message into.
func NewContribution(kind string) (Contribution, bool) {
	switch kind {
	case KindProfileNote:
		return &ProfileNote{}, true
	case KindUserStory:
		return &UserStory{}, true
	case KindIdea:
		return &Idea{}, true
	case KindPrototype:
		return &Prototype{}, true
	case KindFeedback:
		return &Feedback{}, true
	}
	return nil, false
}

func (n *ProfileNote) RecordID() string       { return n.ID }
func (s *UserStory) RecordID() string         { return s.ID }
func (i *Idea) RecordID() string              { return i.ID }
func (p *Prototype) RecordID() string         { return p.ID }
func (f *Feedback) RecordID() string          { return f.ID }
func (n *ProfileNote) SetRecordID(id string)  { n.ID = id }
func (s *UserStory) SetRecordID(id string)    { s.ID = id }
func (i *Idea) SetRecordID(id string)         { i.ID = id }
func (p *Prototype) SetRecordID(id string)    { p.ID = id }
func (f *Feedback) SetRecordID(id string)     { f.ID = id }
func (*ProfileNote) ContributionKind() string { return KindProfileNote }
func (*UserStory) ContributionKind() string   { return KindUserStory }
func (*Idea) ContributionKind() string        { return KindIdea }
func (*Prototype) ContributionKind() string   { return KindPrototype }
func (*Feedback) ContributionKind() string    { return KindFeedback }

// RatingSummary is what a table's ratings of one idea add up to: how many
// members rated it and their mean impact and feasibility (0 when unrated).
type RatingSummary struct {
	Count       int     `json:"count"`
	Impact      float64 `json:"impact"`
	Feasibility float64 `json:"feasibility"`
}

// RatedIdea is an idea with its table's ratings; MyRating is the caller's
// own rating when the record is read for someone who rated it.
type RatedIdea struct {
	Idea
	Ratings  RatingSummary `json:"ratings"`
	MyRating *Rating       `json:"my_rating,omitempty"`
}

// Timer limits: a phase timer runs between 10 seconds and 4 hours.
const (
	TimerMinSeconds = 10
	TimerMaxSeconds = 4 * 3600
)

// Timer actions the facilitator can take.
const (
	TimerStart  = "start"
	TimerPause  = "pause"
	TimerResume = "resume"
	TimerReset  = "reset"
)

// TimerActions lists the timer actions.
var TimerActions = []string{TimerStart, TimerPause, TimerResume, TimerReset}

// TimerState is a table's phase timer. Running timers end at EndsAt; paused
// ones keep RemainingMS. A reset timer has Duration 0.
type TimerState struct {
	DurationS   int        `json:"duration_s"`
	Running     bool       `json:"running"`
	EndsAt      *time.Time `json:"ends_at,omitempty"`
	RemainingMS int64      `json:"remaining_ms"`
}

// ValidateTimerAction checks a facilitator's timer command.
func ValidateTimerAction(action string, seconds int) error {
	var v Validator
	v.OneOf("action", action, TimerActions)
	if action == TimerStart {
		v.IntRange("seconds", seconds, TimerMinSeconds, TimerMaxSeconds)
	}
	return v.Err()
}

// TableInfo is what a live screen shows about its table.
type TableInfo struct {
	ID             string     `json:"id"`
	WorkshopID     string     `json:"workshop_id"`
	Number         int        `json:"number"`
	Problem        string     `json:"problem"`
	Profile        string     `json:"profile"`
	Phase          string     `json:"phase"`
	PhaseStartedAt *time.Time `json:"phase_started_at,omitempty"`
}

// TableRecord is a table's whole live record at one point of its room's
// sequence (Seq): what a client starts from before applying later events.
type TableRecord struct {
	Table        TableInfo     `json:"table"`
	Seq          int64         `json:"seq"`
	Timer        TimerState    `json:"timer"`
	ProfileNotes []ProfileNote `json:"profile_notes"`
	UserStories  []UserStory   `json:"user_stories"`
	Ideas        []RatedIdea   `json:"ideas"`
	Prototypes   []Prototype   `json:"prototypes"`
	Feedback     []Feedback    `json:"feedback"`
}

// PrincipleCount is how many ideas carry one Open Government principle.
type PrincipleCount struct {
	Principle string `json:"principle"`
	Ideas     int    `json:"ideas"`
}

// IdeasByPrinciple counts one population of ideas (internal/report:
// "captured" at the tables, "chosen" by them, or "systematized" into sheets —
// the plan's Table 3) by principle, computed by internal/report.
// Unclassified: ideas captured without a principle (not classified yet);
// Total includes them.
type IdeasByPrinciple struct {
	WorkshopID   string           `json:"workshop_id"`
	Population   string           `json:"population"`
	Principles   []PrincipleCount `json:"principles"`
	Unclassified int              `json:"unclassified"`
	Total        int              `json:"total"`
}

// PlenaryTable is one table as the plenary screen shows it.
type PlenaryTable struct {
	ID           string     `json:"id"`
	Number       int        `json:"number"`
	Problem      string     `json:"problem"`
	Phase        string     `json:"phase"`
	ProfileNotes int        `json:"profile_notes"`
	Stories      int        `json:"stories"`
	Ideas        int        `json:"ideas"`
	Chosen       int        `json:"chosen"`
	Prototypes   int        `json:"prototypes"`
	Feedback     int        `json:"feedback"`
	Timer        TimerState `json:"timer"`
}

// PlenaryIdea is one of the newest ideas of the workshop.
type PlenaryIdea struct {
	ID          string    `json:"id"`
	TableNumber int       `json:"table_number"`
	Title       string    `json:"title"`
	Principle   string    `json:"principle"`
	Chosen      bool      `json:"chosen"`
	CreatedAt   time.Time `json:"created_at"`
}

// Plenary is the projector's view of a workshop: every table, the newest
// ideas and ideas per principle, all counted from the records.
type Plenary struct {
	Workshop    Workshop         `json:"workshop"`
	Seq         int64            `json:"seq"`
	Tables      []PlenaryTable   `json:"tables"`
	NewestIdeas []PlenaryIdea    `json:"newest_ideas"`
	ByPrinciple IdeasByPrinciple `json:"ideas_by_principle"`
	// Ideas is every idea recorded at the workshop's tables (deleted ones
	// included), the rows ByPrinciple is computed from.
	Ideas []IdeaOrigin `json:"-"`
}

// SurveyAnswer is one respondent's satisfaction with a workshop.
type SurveyAnswer struct {
	ID         string    `json:"id"`
	WorkshopID string    `json:"workshop_id"`
	Respondent string    `json:"-"`
	Score      int       `json:"score"`
	Comment    string    `json:"comment"`
	CreatedAt  time.Time `json:"created_at"`
	UpdatedAt  time.Time `json:"updated_at"`
}

// Normalize trims the comment.
func (a *SurveyAnswer) Normalize() { a.Comment = Clean(a.Comment) }

// Validate checks a survey answer: a score from 1 to 5 and an optional comment.
func (a *SurveyAnswer) Validate() error {
	var v Validator
	v.IntRange("score", a.Score, 1, 5)
	v.LongText("comment", a.Comment, false, 2000)
	if a.Respondent == "" {
		v.Add("score", "survey.error.no_respondent")
	}
	return v.Err()
}

// SurveySummary is the survey's result: answers, mean score, and how many
// answers gave each score (Distribution[0] counts the 1s).
type SurveySummary struct {
	WorkshopID   string   `json:"workshop_id"`
	Answers      int      `json:"answers"`
	Average      float64  `json:"average"`
	Distribution [5]int   `json:"distribution"`
	Comments     []string `json:"comments"`
}

// AfterActionReview is the Secretariat's review of a workshop: what was
// planned, what happened, why, and what to change next time.
type AfterActionReview struct {
	WorkshopID string    `json:"workshop_id"`
	Planned    string    `json:"planned"`
	Happened   string    `json:"happened"`
	Why        string    `json:"why"`
	ChangeNext string    `json:"change_next"`
	Version    int       `json:"version"`
	UpdatedBy  string    `json:"-"`
	CreatedAt  time.Time `json:"created_at"`
	UpdatedAt  time.Time `json:"updated_at"`
}

// Normalize trims every text field.
func (r *AfterActionReview) Normalize() {
	r.Planned, r.Happened, r.Why, r.ChangeNext = Clean(r.Planned), Clean(r.Happened), Clean(r.Why), Clean(r.ChangeNext)
}

// Validate checks the review: the four answers, each up to 8000 characters,
// and at least one of them written.
func (r *AfterActionReview) Validate() error {
	var v Validator
	v.LongText("planned", r.Planned, false, 8000)
	v.LongText("happened", r.Happened, false, 8000)
	v.LongText("why", r.Why, false, 8000)
	v.LongText("change_next", r.ChangeNext, false, 8000)
	if r.Planned == "" && r.Happened == "" && r.Why == "" && r.ChangeNext == "" {
		v.Add("planned", "aar.error.empty")
	}
	return v.Err()
}
