package model

import "time"

// Process is the co-creation process (one per instance), e.g. the VI plan 2026-2027.
type Process struct {
	ID        string    `json:"id"`
	Name      string    `json:"name"`
	Period    string    `json:"period"`
	CreatedAt time.Time `json:"created_at"`
	UpdatedAt time.Time `json:"updated_at"`
}

// Normalize trims every text field.
func (p *Process) Normalize() {
	p.Name, p.Period = Clean(p.Name), Clean(p.Period)
}

// Validate checks the fields a Secretariat member can edit.
func (p *Process) Validate() error {
	var v Validator
	v.Text("name", p.Name, true, 200)
	v.Text("period", p.Period, false, 50)
	return v.Err()
}

// Principle codes: the four Open Government principles. Their names are translated (i18n key "principle.<code>").
const (
	PrincipleTransparency   = "transparency"
	PrincipleParticipation  = "participation"
	PrincipleAccountability = "accountability"
	PrincipleIntegrity      = "integrity"
)

// Principles lists the principle codes in the order the plan uses.
var Principles = []string{PrincipleTransparency, PrincipleParticipation, PrincipleAccountability, PrincipleIntegrity}

// Criterion codes: the five scoring criteria of the Forum.
const (
	CriterionRelevance   = "relevance"
	CriterionImpact      = "impact"
	CriterionTechLegal   = "technical_legal"
	CriterionFinancialOp = "financial_operational"
	CriterionInnovation  = "innovation"
)

// CriterionCodes lists the default criteria in the plan's order.
var CriterionCodes = []string{CriterionRelevance, CriterionImpact, CriterionTechLegal, CriterionFinancialOp, CriterionInnovation}

// Criterion is one scoring criterion. Empty Name/Description mean the
// translated default for Code ("criterion.<code>", "criterion.<code>.help");
// the rubric says what a 1, a 3 and a 5 mean on this criterion (empty: the
// translated standard rubric, "criterion.<code>.rubric.<n>").
type Criterion struct {
	ID          string  `json:"id"`
	Code        string  `json:"code"`
	Name        string  `json:"name"`
	Description string  `json:"description"`
	Rubric1     string  `json:"rubric_1"`
	Rubric3     string  `json:"rubric_3"`
	Rubric5     string  `json:"rubric_5"`
	Weight      float64 `json:"weight"`
	Position    int     `json:"position"`
}

// RubricMax is the length limit of a rubric line.
const RubricMax = 300

// RubricScores are the scores a criterion's rubric explains.
var RubricScores = []int{1, 3, 5}

// Normalize trims every text field.
func (c *Criterion) Normalize() {
	c.Name, c.Description = Clean(c.Name), Clean(c.Description)
	c.Rubric1, c.Rubric3, c.Rubric5 = Clean(c.Rubric1), Clean(c.Rubric3), Clean(c.Rubric5)
}

// Validate checks a criterion's editable fields.
func (c *Criterion) Validate() error {
	var v Validator
	v.Text("name", c.Name, false, 120)
	v.LongText("description", c.Description, false, 1000)
	v.Text("rubric1", c.Rubric1, false, RubricMax)
	v.Text("rubric3", c.Rubric3, false, RubricMax)
	v.Text("rubric5", c.Rubric5, false, RubricMax)
	if c.Weight < 0 || c.Weight > 100 {
		v.Add("weight", "validation.weight")
	}
	return v.Err()
}

// Problem is a prioritized public problem (theme) from the preparatory stage.
type Problem struct {
	ID          string `json:"id"`
	Title       string `json:"title"`
	Description string `json:"description"`
	// Challenge is the "¿Cómo podríamos…?" question the tables working on
	// this problem answer in the ideas phase.
	Challenge string    `json:"challenge"`
	Position  int       `json:"position"`
	CreatedAt time.Time `json:"created_at"`
	UpdatedAt time.Time `json:"updated_at"`
}

// Normalize trims every text field.
func (p *Problem) Normalize() {
	p.Title, p.Description, p.Challenge = Clean(p.Title), Clean(p.Description), Clean(p.Challenge)
}

// Validate checks a problem.
func (p *Problem) Validate() error {
	var v Validator
	v.Text("title", p.Title, true, 200)
	v.LongText("description", p.Description, false, 2000)
	v.Text("challenge", p.Challenge, false, 300)
	return v.Err()
}

// UserProfile is an archetype drafted for a problem and validated at the tables.
type UserProfile struct {
	ID          string    `json:"id"`
	ProblemID   string    `json:"problem_id"`
	Name        string    `json:"name"`
	Description string    `json:"description"`
	Needs       string    `json:"needs"`
	Pains       string    `json:"pains"`
	CreatedAt   time.Time `json:"created_at"`
	UpdatedAt   time.Time `json:"updated_at"`
}

// Normalize trims every text field.
func (p *UserProfile) Normalize() {
	p.ProblemID, p.Name, p.Description = Clean(p.ProblemID), Clean(p.Name), Clean(p.Description)
	p.Needs, p.Pains = Clean(p.Needs), Clean(p.Pains)
}

// Validate checks a user profile.
func (p *UserProfile) Validate() error {
	var v Validator
	v.UUID("problem_id", p.ProblemID, false)
	v.Text("name", p.Name, true, 120)
	v.LongText("description", p.Description, false, 2000)
	v.LongText("needs", p.Needs, false, 2000)
	v.LongText("pains", p.Pains, false, 2000)
	return v.Err()
}
