package model

// Participant statistics are computed from the participant records, never
// typed in. The plan's Table 2 ("No. of participants by city and gender") and
// Figure 1 ("Type of participants") count the people who ATTENDED — that is,
// who were checked in at the door. Registrations are shown beside them,
// because many more people register than come.

// StatsBasis names what the figures count: attendance (check-in).
const StatsBasis = "attended"

// WorkshopStats is one row of Table 2: a workshop's attendance by gender,
// with its registrations beside it.
type WorkshopStats struct {
	WorkshopID string `json:"workshop_id,omitempty"`
	City       string `json:"city,omitempty"`
	Focus      string `json:"focus,omitempty"`
	Label      string `json:"label,omitempty"`
	Date       string `json:"date,omitempty"`
	Status     string `json:"status,omitempty"`
	Registered int    `json:"registered"`
	Attended   int    `json:"attended"`
	Men        int    `json:"men"`
	Women      int    `json:"women"`
	Other      int    `json:"other"`
	Seated     int    `json:"seated"`
}

// Add accumulates r into the receiver (for the TOTAL row).
func (w *WorkshopStats) Add(r WorkshopStats) {
	w.Registered += r.Registered
	w.Attended += r.Attended
	w.Men += r.Men
	w.Women += r.Women
	w.Other += r.Other
	w.Seated += r.Seated
}

// SectorStats is one bar of Figure 1: attendance of a sector, its share of
// all attendance (percent, one decimal) and its registrations.
type SectorStats struct {
	Sector     string  `json:"sector"`
	Attended   int     `json:"attended"`
	Percent    float64 `json:"percent"`
	Registered int     `json:"registered"`
}

// TableStats is how many attendees are seated at a table.
type TableStats struct {
	TableID string `json:"table_id"`
	Number  int    `json:"number"`
	Seated  int    `json:"seated"`
}

// Stats are the participant statistics of the whole process or one workshop.
type Stats struct {
	Basis     string          `json:"basis"`
	Workshops []WorkshopStats `json:"workshops"`
	Total     WorkshopStats   `json:"total"`
	Sectors   []SectorStats   `json:"sectors"`
	Tables    []TableStats    `json:"tables,omitempty"`
}
