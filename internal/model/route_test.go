package model

import (
	"strings"
	"testing"
)

func standardRoute() []PhaseGuide {
	gs := make([]PhaseGuide, 0, len(Phases))
	for _, p := range Phases {
		gs = append(gs, PhaseGuide{Phase: p, Minutes: 15})
	}
	return gs
}

func TestValidatePhaseGuides(t *testing.T) {
	tests := []struct {
		name   string
		change func(gs []PhaseGuide) []PhaseGuide
		want   map[string]string
	}{
		{"standard route", func(gs []PhaseGuide) []PhaseGuide { return gs }, map[string]string{}},
		{"own texts, no time", func(gs []PhaseGuide) []PhaseGuide {
			gs[1].Goal, gs[1].Prompt, gs[1].Output, gs[1].Minutes = "Validar el perfil.", "¿Qué necesita?\n¿Qué le duele?", "Perfil validado.", 0
			return gs
		}, map[string]string{}},
		{"minutes out of range", func(gs []PhaseGuide) []PhaseGuide { gs[3].Minutes = GuideMinutesMax + 1; gs[4].Minutes = -1; return gs },
			map[string]string{"minutes_ideas": "validation.range", "minutes_prioritize": "validation.range"}},
		{"texts too long", func(gs []PhaseGuide) []PhaseGuide {
			gs[0].Goal = strings.Repeat("a", GuideGoalMax+1)
			gs[0].Prompt = strings.Repeat("é", GuidePromptMax+1)
			gs[5].Output = strings.Repeat("o", GuideOutputMax+1)
			return gs
		}, map[string]string{"goal_topic": "validation.too_long", "prompt_topic": "validation.too_long", "output_prototype": "validation.too_long"}},
		{"control character", func(gs []PhaseGuide) []PhaseGuide { gs[2].Output = "a\x00b"; return gs },
			map[string]string{"output_stories": "validation.control"}},
		{"a phase missing", func(gs []PhaseGuide) []PhaseGuide { return gs[:5] }, map[string]string{"phase_prototype": "validation.required"}},
		{"a phase twice", func(gs []PhaseGuide) []PhaseGuide { gs[5].Phase = "ideas"; return gs },
			map[string]string{"phase_ideas": "validation.duplicate", "phase_prototype": "validation.required"}},
		{"unknown phase", func(gs []PhaseGuide) []PhaseGuide { gs[0].Phase = "lunch"; return gs },
			map[string]string{"phase_lunch": "validation.choice", "phase_topic": "validation.required"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := fieldKeys(ValidatePhaseGuides(tt.change(standardRoute())))
			if len(got) != len(tt.want) {
				t.Fatalf("errors = %v, want %v", got, tt.want)
			}
			for f, k := range tt.want {
				if got[f] != k {
					t.Errorf("%s: %q, want %q (all: %v)", f, got[f], k, got)
				}
			}
		})
	}
}
