package model

import "time"

// Workshop statuses.
const (
	WorkshopPlanned = "planned"
	WorkshopOpen    = "open"
	WorkshopClosed  = "closed"
)

// WorkshopStatuses lists the statuses in lifecycle order.
var WorkshopStatuses = []string{WorkshopPlanned, WorkshopOpen, WorkshopClosed}

// Workshop is a decentralized co-creation workshop.
type Workshop struct {
	ID        string    `json:"id"`
	City      string    `json:"city"`
	Date      string    `json:"date"` // YYYY-MM-DD
	Venue     string    `json:"venue"`
	Focus     string    `json:"focus"`
	Status    string    `json:"status"`
	CreatedAt time.Time `json:"created_at"`
	UpdatedAt time.Time `json:"updated_at"`
}

// Normalize trims every text field and defaults the status.
func (w *Workshop) Normalize() {
	w.City, w.Date, w.Venue, w.Focus, w.Status = Clean(w.City), Clean(w.Date), Clean(w.Venue), Clean(w.Focus), Clean(w.Status)
	if w.Status == "" {
		w.Status = WorkshopPlanned
	}
}

// Validate checks a workshop.
func (w *Workshop) Validate() error {
	var v Validator
	v.Text("city", w.City, true, 100)
	v.Date("date", w.Date)
	v.Text("venue", w.Venue, false, 200)
	v.Text("focus", w.Focus, false, 120)
	v.OneOf("status", w.Status, WorkshopStatuses)
	return v.Err()
}

// Label is how a workshop is named in tables: "Lima" or "Lima (Justicia Abierta)".
func (w *Workshop) Label() string {
	if w.Focus == "" {
		return w.City
	}
	return w.City + " (" + w.Focus + ")"
}

// Phases of the methodological route, in order.
const (
	PhaseTopic      = "topic"
	PhaseNeeds      = "needs"
	PhaseStories    = "stories"
	PhaseIdeas      = "ideas"
	PhasePrioritize = "prioritize"
	PhasePrototype  = "prototype"
)

// Phases lists the route in order.
var Phases = []string{PhaseTopic, PhaseNeeds, PhaseStories, PhaseIdeas, PhasePrioritize, PhasePrototype}

// Table is one table of a workshop.
type Table struct {
	ID              string     `json:"id"`
	WorkshopID      string     `json:"workshop_id"`
	Number          int        `json:"number"`
	ProblemID       string     `json:"problem_id"`
	ProfileID       string     `json:"profile_id"`
	Facilitator     string     `json:"facilitator"`
	Rapporteur      string     `json:"rapporteur"`
	FacilitatorCode string     `json:"-"`
	RapporteurCode  string     `json:"-"`
	ParticipantCode string     `json:"-"`
	Phase           string     `json:"phase"`
	PhaseStartedAt  *time.Time `json:"phase_started_at,omitempty"`
	CreatedAt       time.Time  `json:"created_at"`
	UpdatedAt       time.Time  `json:"updated_at"`
}

// Normalize trims every text field.
func (t *Table) Normalize() {
	t.ProblemID, t.ProfileID = Clean(t.ProblemID), Clean(t.ProfileID)
	t.Facilitator, t.Rapporteur = Clean(t.Facilitator), Clean(t.Rapporteur)
	if t.Phase == "" {
		t.Phase = PhaseTopic
	}
}

// Validate checks a table's editable fields.
func (t *Table) Validate() error {
	var v Validator
	v.IntRange("number", t.Number, 1, 99)
	v.UUID("problem_id", t.ProblemID, false)
	v.UUID("profile_id", t.ProfileID, false)
	v.Text("facilitator", t.Facilitator, false, 120)
	v.Text("rapporteur", t.Rapporteur, false, 120)
	v.OneOf("phase", t.Phase, Phases)
	return v.Err()
}
