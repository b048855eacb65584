package model

import "time"

// Contributions are what a rapporteur records at a table during the
// methodological route. Each has a client-generated UUID (so a resent message
// is stored once) and a version (so a stale edit is refused, never silently
// overwriting a newer one).

// Profile note kinds: complementing the user profile at the table.
var ProfileNoteKinds = []string{"need", "pain", "context"}

// Feedback kinds from the room on a prototype.
var FeedbackKinds = []string{"like", "doubt", "suggestion"}

// ProfileNote is a need, pain or context item added to the table's user profile.
type ProfileNote struct {
	ID        string     `json:"id"`
	TableID   string     `json:"table_id"`
	Kind      string     `json:"kind"`
	Text      string     `json:"text"`
	Version   int        `json:"version"`
	CreatedAt time.Time  `json:"created_at"`
	UpdatedAt time.Time  `json:"updated_at"`
	DeletedAt *time.Time `json:"deleted_at,omitempty"`
}

// Validate checks a profile note.
func (n *ProfileNote) Validate() error {
	n.Kind, n.Text = Clean(n.Kind), Clean(n.Text)
	var v Validator
	v.UUID("id", n.ID, true)
	v.OneOf("kind", n.Kind, ProfileNoteKinds)
	v.LongText("text", n.Text, true, 1000)
	return v.Err()
}

// UserStory is "As ⟨as_who⟩ I want ⟨want⟩ so that ⟨so_that⟩".
type UserStory struct {
	ID        string     `json:"id"`
	TableID   string     `json:"table_id"`
	AsWho     string     `json:"as_who"`
	Want      string     `json:"want"`
	SoThat    string     `json:"so_that"`
	Version   int        `json:"version"`
	CreatedAt time.Time  `json:"created_at"`
	UpdatedAt time.Time  `json:"updated_at"`
	DeletedAt *time.Time `json:"deleted_at,omitempty"`
}

// Validate checks a user story.
func (s *UserStory) Validate() error {
	s.AsWho, s.Want, s.SoThat = Clean(s.AsWho), Clean(s.Want), Clean(s.SoThat)
	var v Validator
	v.UUID("id", s.ID, true)
	v.Text("as_who", s.AsWho, true, 200)
	v.LongText("want", s.Want, true, 1000)
	v.LongText("so_that", s.SoThat, true, 1000)
	return v.Err()
}

// Idea is a solution idea answering "How might we …?", tagged with its
// predominant Open Government principle. The principle may be left empty
// at capture ("sin principio"): the Secretariat classifies the idea in the
// review (ClassifyIdea), and idea sheets are made only of classified ideas.
type Idea struct {
	ID          string     `json:"id"`
	TableID     string     `json:"table_id"`
	Title       string     `json:"title"`
	Description string     `json:"description"`
	Principle   string     `json:"principle"`
	Chosen      bool       `json:"chosen"`
	Version     int        `json:"version"`
	CreatedAt   time.Time  `json:"created_at"`
	UpdatedAt   time.Time  `json:"updated_at"`
	DeletedAt   *time.Time `json:"deleted_at,omitempty"`
}

// Validate checks an idea.
func (i *Idea) Validate() error {
	i.Title, i.Description, i.Principle = Clean(i.Title), Clean(i.Description), Clean(i.Principle)
	var v Validator
	v.UUID("id", i.ID, true)
	v.Text("title", i.Title, true, 200)
	v.LongText("description", i.Description, false, 2000)
	if i.Principle != "" {
		v.OneOf("principle", i.Principle, Principles)
	}
	return v.Err()
}

// ValidatePrinciple checks the principle the Secretariat gives an idea in
// the review: one of the four, not empty.
func ValidatePrinciple(principle string) error {
	var v Validator
	v.OneOf("principle", principle, Principles)
	return v.Err()
}

// Rating is one table member's impact and feasibility rating of an idea.
type Rating struct {
	ID          string    `json:"id"`
	IdeaID      string    `json:"idea_id"`
	Rater       string    `json:"-"`
	Impact      int       `json:"impact"`
	Feasibility int       `json:"feasibility"`
	CreatedAt   time.Time `json:"created_at"`
	UpdatedAt   time.Time `json:"updated_at"`
}

// Validate checks a rating.
func (r *Rating) Validate() error {
	var v Validator
	v.UUID("id", r.ID, true)
	v.UUID("idea_id", r.IdeaID, true)
	v.IntRange("impact", r.Impact, 1, 5)
	v.IntRange("feasibility", r.Feasibility, 1, 5)
	return v.Err()
}

// Prototype is the low-fidelity prototype of the table's chosen idea.
type Prototype struct {
	ID          string     `json:"id"`
	TableID     string     `json:"table_id"`
	IdeaID      string     `json:"idea_id"`
	Description string     `json:"description"`
	Iteration   string     `json:"iteration"`
	PhotoPath   string     `json:"photo_path,omitempty"`
	Version     int        `json:"version"`
	CreatedAt   time.Time  `json:"created_at"`
	UpdatedAt   time.Time  `json:"updated_at"`
	DeletedAt   *time.Time `json:"deleted_at,omitempty"`
}

// Validate checks a prototype.
func (p *Prototype) Validate() error {
	p.Description, p.Iteration = Clean(p.Description), Clean(p.Iteration)
	var v Validator
	v.UUID("id", p.ID, true)
	v.UUID("idea_id", p.IdeaID, false)
	v.LongText("description", p.Description, true, 4000)
	v.LongText("iteration", p.Iteration, false, 4000)
	return v.Err()
}

// Feedback is a like, doubt or suggestion from the room on a prototype.
type Feedback struct {
	ID          string     `json:"id"`
	PrototypeID string     `json:"prototype_id"`
	Kind        string     `json:"kind"`
	Text        string     `json:"text"`
	Version     int        `json:"version"`
	CreatedAt   time.Time  `json:"created_at"`
	UpdatedAt   time.Time  `json:"updated_at"`
	DeletedAt   *time.Time `json:"deleted_at,omitempty"`
}

// Validate checks a feedback item.
func (f *Feedback) Validate() error {
	f.Kind, f.Text = Clean(f.Kind), Clean(f.Text)
	var v Validator
	v.UUID("id", f.ID, true)
	v.UUID("prototype_id", f.PrototypeID, true)
	v.OneOf("kind", f.Kind, FeedbackKinds)
	v.LongText("text", f.Text, true, 1000)
	return v.Err()
}
