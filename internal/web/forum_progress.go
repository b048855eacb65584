package web

import (
	"github.com/gofiber/fiber/v2"

	"github.com/minka-gob/minka/internal/i18n"
)

// forumProgress shows who has scored how many sheets, and the buttons to
// close (or reopen) scoring.
func (s *Server) forumProgress(c *fiber.Ctx) error {
	ctx := c.UserContext()
	st, err := s.store.ForumState(ctx)
	if err != nil {
		return err
	}
	progress, err := s.store.ScoringProgress(ctx)
	if err != nil {
		return err
	}
	sheets, err := s.store.ActiveSheets(ctx)
	if err != nil {
		return err
	}
	done := 0
	for _, p := range progress {
		if p.Submitted+p.Recused >= len(sheets) && len(sheets) > 0 {
			done++
		}
	}
	return s.render(c, fiber.StatusOK, "forum/progress", fiber.Map{
		"Title":    i18n.T(lang(c), "forum.progress.title"),
		"Flash":    flash(c),
		"Tab":      "progress",
		"State":    st,
		"Progress": progress,
		"Sheets":   len(sheets),
		"Done":     done,
	})
}
