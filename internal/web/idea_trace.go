package web

import (
	"github.com/gofiber/fiber/v2"

	"github.com/minka-gob/minka/internal/model"
)

// ideaTrace is the public trace of one contribution: its workshop and
// table, its idea sheet, the sheet it was merged into, the Forum's score
// summary and rank, and the decision with its rationale. Ideas become
// public when the sheets go to the Forum; scores and decisions when the
// results are published. The idea is read alone (store.IdeaTrace). Before
// that, or when the idea did not become a sheet, its link shows where it
// is on the route (ideaProgress).
func (s *Server) ideaTrace(c *fiber.Ctx) error {
	row, rv, ok, err := s.ideaTraceOf(c.UserContext(), lang(c), c.Params("id"))
	if err != nil {
		return err
	}
	if !ok || !rv.State.SheetsPublished() {
		return s.ideaProgress(c, rv.State, row, ok)
	}
	return s.render(c, fiber.StatusOK, "process/idea", fiber.Map{
		"Title":    row.Origin.Title,
		"State":    rv.State,
		"Trace":    row,
		"Criteria": rv.Criteria,
		"Cutoff":   rv.State.Cutoff,
	})
}

// routeStep is one stage of an idea's way from its table to the decision,
// as the idea's page shows it: done, current, to come, or where it stopped.
type routeStep struct {
	Key    string // i18n key of the stage's name: public.route.<Key>
	Status string // done, current, todo, stopped
}

// ideaProgress is the page of an idea that is not (yet) on the Forum's
// public record — its sheets are still in the internal review, or it did
// not become a sheet: the idea as its table recorded it and where it is on
// the route, for the participant who follows its link. Its address is its
// unguessable id, as before; search engines are asked not to list it.
// hasSheet says whether row traced the idea through its sheets (without,
// row holds only its origin).
func (s *Server) ideaProgress(c *fiber.Ctx, st model.ForumState, row traceRow, hasSheet bool) error {
	o := row.Origin
	if o.Deleted {
		return model.NotFound("forum.error.idea_not_found")
	}
	var sheet *model.Sheet
	if hasSheet {
		final := row.Final
		sheet = &final
	}
	steps := []routeStep{{"table", "done"}, {"review", "current"}, {"forum", "todo"}, {"decision", "todo"}}
	switch {
	case st.SheetsPublished() && sheet == nil:
		steps[1].Status = "stopped" // the review made no sheet of it
		steps = steps[:2]
	case st.SheetsPublished():
		steps[1].Status, steps[2].Status = "done", "current"
	}
	c.Set("X-Robots-Tag", "noindex")
	return s.render(c, fiber.StatusOK, "process/idea_progress", fiber.Map{
		"Title":  o.Title,
		"Origin": o,
		"Sheet":  sheet,
		"Merged": hasSheet && row.MergedAtReview,
		"Steps":  steps,
		"State":  st,
	})
}
