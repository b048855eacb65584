package web

import (
	"github.com/gofiber/fiber/v2"

	"github.com/minka-gob/minka/internal/model"
)

func (s *Server) apiForumStats(c *fiber.Ctx) error {
	mv, err := s.buildMatrix(c.UserContext(), lang(c))
	if err != nil {
		return err
	}
	if !mv.Rank.State.SheetsPublished() && !principal(c).IsAdmin() {
		return model.NotFound("public.not_yet")
	}
	sv := buildStats(mv)
	type ws struct {
		Workshop string         `json:"workshop"`
		Date     string         `json:"date"`
		Ideas    map[string]int `json:"ideas_by_principle"`
		Total    int            `json:"total"`
	}
	var rows []ws
	for _, w := range sv.Workshops {
		m := map[string]int{}
		for i, p := range sv.Principles {
			m[p] = w.Counts[i]
		}
		rows = append(rows, ws{Workshop: w.Label, Date: w.Date, Ideas: m, Total: w.Total})
	}
	totals := map[string]int{}
	for i, p := range sv.Principles {
		totals[p] = sv.Totals[i]
	}
	out := fiber.Map{"ideas": sv.Total, "by_workshop": rows, "by_principle": totals, "sheets_scored": sv.Scored, "scorers": sv.Scorers}
	if resultsVisible(c, mv.Rank.State) {
		out["outcomes"] = fiber.Map{"prioritized": sv.Prioritized, "commitments": sv.Commitments, "commitment_ideas": sv.CommitmentIdeas,
			"not_prioritized": sv.NotPrioritized, "merged": sv.MergedInto, "pending": sv.Pending}
	}
	return c.JSON(out)
}
