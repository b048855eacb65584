package model

import "time"

// Genders as recorded at registration. The plan's Table 2 counts men and women;
// "other" covers people who prefer another answer.
var Genders = []string{"female", "male", "other"}

// Sectors as in the plan's Figure 1.
var Sectors = []string{"public", "civil_society", "academic", "private", "international"}

// Registration sources.
const (
	SourceForm   = "form"
	SourceImport = "import"
	SourceDemo   = "demo"
	SourceAPI    = "api"
)

// Participant is a registered person for one workshop.
type Participant struct {
	ID           string     `json:"id"`
	WorkshopID   string     `json:"workshop_id"`
	Name         string     `json:"name"`
	Gender       string     `json:"gender"`
	Sector       string     `json:"sector"`
	Organization string     `json:"organization"`
	Email        string     `json:"email"`
	Phone        string     `json:"phone"`
	Consent      bool       `json:"consent"`
	Source       string     `json:"source"`
	RegisteredAt time.Time  `json:"registered_at"`
	CheckedInAt  *time.Time `json:"checked_in_at,omitempty"`
	TableID      string     `json:"table_id"`
	// ErasedAt is set when the person's data was deleted at their request:
	// name, organization and contacts are blank, the anonymous counts stay.
	ErasedAt *time.Time `json:"erased_at,omitempty"`
}

// Normalize trims every text field and lower-cases the e-mail address.
func (p *Participant) Normalize() {
	p.Name, p.Gender, p.Sector, p.Organization = Clean(p.Name), Clean(p.Gender), Clean(p.Sector), Clean(p.Organization)
	p.Email, p.Phone, p.TableID = Clean(p.Email), Clean(p.Phone), Clean(p.TableID)
}

// Validate checks a registration. Consent to the processing of personal data
// is required: without it nothing may be stored.
func (p *Participant) Validate() error {
	var v Validator
	v.Text("name", p.Name, true, 120)
	v.OneOf("gender", p.Gender, Genders)
	v.OneOf("sector", p.Sector, Sectors)
	v.Text("organization", p.Organization, false, 200)
	v.Text("email", p.Email, false, 254)
	v.Email("email", p.Email)
	v.Text("phone", p.Phone, false, 20)
	v.Phone("phone", p.Phone)
	if p.Email == "" && p.Phone == "" {
		v.Add("email", "validation.contact")
	}
	if !p.Consent {
		v.Add("consent", "validation.consent")
	}
	v.UUID("table_id", p.TableID, false)
	return v.Err()
}
