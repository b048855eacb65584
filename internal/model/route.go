package model

import "time"

// PhaseGuide is the facilitator's script for one phase of the methodological
// route, part of the process template: what the phase is for (Goal), what
// the facilitator asks the table (Prompt), what the table should have at the
// end (Output) and the suggested time (Minutes; 0: none). An empty text means
// the standard text of the route for that phase, translated
// ("guide.<phase>.goal", ".prompt", ".output").
type PhaseGuide struct {
	Phase     string    `json:"phase"`
	Goal      string    `json:"goal"`
	Prompt    string    `json:"prompt"`
	Output    string    `json:"output"`
	Minutes   int       `json:"minutes"`
	UpdatedAt time.Time `json:"updated_at"`
}

// Limits of a phase guide's fields.
const (
	GuideGoalMax    = 300
	GuidePromptMax  = 1000
	GuideOutputMax  = 300
	GuideMinutesMax = 240
)

// Normalize trims every text field.
func (g *PhaseGuide) Normalize() {
	g.Goal, g.Prompt, g.Output = Clean(g.Goal), Clean(g.Prompt), Clean(g.Output)
}

// Validate checks one phase guide.
func (g *PhaseGuide) Validate() error {
	var v Validator
	v.OneOf("phase", g.Phase, Phases)
	v.LongText("goal", g.Goal, false, GuideGoalMax)
	v.LongText("prompt", g.Prompt, false, GuidePromptMax)
	v.LongText("output", g.Output, false, GuideOutputMax)
	v.IntRange("minutes", g.Minutes, 0, GuideMinutesMax)
	return v.Err()
}

// ValidatePhaseGuides checks the whole route at once, as it is saved at
// once: one guide for each phase, each valid. A field's error is named
// "<field>_<phase>" (the form's field names), so every message shows at once.
func ValidatePhaseGuides(gs []PhaseGuide) error {
	var v Validator
	seen := map[string]bool{}
	for i := range gs {
		g := &gs[i]
		if e, ok := AsError(g.Validate()); ok {
			for f, m := range e.Fields {
				v.Add(f+"_"+g.Phase, m.Key, m.Args...)
			}
		}
		if seen[g.Phase] {
			v.Add("phase_"+g.Phase, "validation.duplicate")
		}
		seen[g.Phase] = true
	}
	for _, p := range Phases {
		if !seen[p] {
			v.Add("phase_"+p, "validation.required")
		}
	}
	return v.Err()
}

// TableRoute is what a table works on, in full: its problem with the
// challenge, and its user profile. Zero values when not assigned.
type TableRoute struct {
	Problem Problem     `json:"problem"`
	Profile UserProfile `json:"profile"`
}
