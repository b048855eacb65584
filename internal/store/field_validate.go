package store

import (
	"github.com/minka-gob/minka/internal/model"
)

// validateFieldRow runs the domain's validation (internal/model) on a row
// a laptop sends, as every other write path does: a record that the forms,
// the API or the live protocol would refuse is refused here too.
func validateFieldRow(table string, cols []string, row []any) error {
	str := func(c string) string {
		if i := indexOf(cols, c); i >= 0 {
			if s, ok := row[i].(string); ok {
				return s
			}
		}
		return ""
	}
	num := func(c string) int {
		if i := indexOf(cols, c); i >= 0 {
			if n, ok := row[i].(int64); ok {
				return int(n)
			}
		}
		return 0
	}
	var err error
	switch table {
	case "workshops":
		err = (&model.Workshop{ID: str("id"), City: str("city"), Date: str("date"), Venue: str("venue"), Focus: str("focus"), Status: str("status")}).Validate()
	case "workshop_tables":
		err = (&model.Table{ID: str("id"), WorkshopID: str("workshop_id"), Number: num("number"), ProblemID: str("problem_id"),
			ProfileID: str("profile_id"), Facilitator: str("facilitator"), Rapporteur: str("rapporteur"), Phase: str("phase")}).Validate()
	case "participants":
		if str("erased_at") != "" {
			return nil // erased: the personal fields are blank on purpose
		}
		err = (&model.Participant{ID: str("id"), WorkshopID: str("workshop_id"), Name: str("name"), Gender: str("gender"), Sector: str("sector"),
			Organization: str("organization"), Email: str("email"), Phone: str("phone"), Consent: str("consent_at") != "", Source: str("source")}).Validate()
	case "profile_notes":
		err = (&model.ProfileNote{ID: str("id"), TableID: str("table_id"), Kind: str("kind"), Text: str("text")}).Validate()
	case "user_stories":
		err = (&model.UserStory{ID: str("id"), TableID: str("table_id"), AsWho: str("as_who"), Want: str("want"), SoThat: str("so_that")}).Validate()
	case "ideas":
		err = (&model.Idea{ID: str("id"), TableID: str("table_id"), Title: str("title"), Description: str("description"), Principle: str("principle")}).Validate()
	case "idea_ratings":
		err = (&model.Rating{ID: str("id"), IdeaID: str("idea_id"), Rater: str("rater"), Impact: num("impact"), Feasibility: num("feasibility")}).Validate()
	case "prototypes":
		err = (&model.Prototype{ID: str("id"), TableID: str("table_id"), IdeaID: str("idea_id"), Description: str("description"), Iteration: str("iteration")}).Validate()
	case "feedback":
		err = (&model.Feedback{ID: str("id"), PrototypeID: str("prototype_id"), Kind: str("kind"), Text: str("text")}).Validate()
	case "survey_answers":
		err = (&model.SurveyAnswer{ID: str("id"), WorkshopID: str("workshop_id"), Respondent: str("respondent"), Score: num("score"), Comment: str("comment")}).Validate()
	case "phase_guides":
		err = (&model.PhaseGuide{Phase: str("phase"), Goal: str("goal"), Prompt: str("prompt"), Output: str("output"), Minutes: num("minutes")}).Validate()
	case "after_action_reviews":
		err = (&model.AfterActionReview{WorkshopID: str("workshop_id"), Planned: str("planned"), Happened: str("happened"), Why: str("why"), ChangeNext: str("change_next")}).Validate()
	}
	if err != nil {
		return model.InvalidMsg("field.error.rows_refused", table)
	}
	return nil
}
