package web

import (
	"github.com/gofiber/fiber/v2"

	"github.com/minka-gob/minka/internal/i18n"
	"github.com/minka-gob/minka/internal/model"
)

// memberSheet is a sheet in a member's list with the member's own status.
type memberSheet struct {
	Sheet  model.Sheet
	Status string
}

// forumMemberHome is a Forum member's start page: the published sheets and
// how far they have got with each.
func (s *Server) forumMemberHome(c *fiber.Ctx) error {
	ctx := c.UserContext()
	me := principal(c).ForumMemberID
	m, err := s.store.ForumMember(ctx, me)
	if err != nil {
		return model.Forbidden("forum.error.link_required")
	}
	st, err := s.store.ForumState(ctx)
	if err != nil {
		return err
	}
	var list []memberSheet
	counts := map[string]int{}
	if st.SheetsPublished() {
		sheets, err := s.store.ActiveSheets(ctx)
		if err != nil {
			return err
		}
		mine, err := s.store.MyScores(ctx, me)
		if err != nil {
			return err
		}
		for _, sh := range sheets {
			status := mine[sh.ID].Status
			if status == "" {
				status = "todo"
			}
			counts[status]++
			list = append(list, memberSheet{Sheet: sh, Status: status})
		}
	}
	return s.render(c, fiber.StatusOK, "forum/member_home", fiber.Map{
		"Title":  i18n.T(lang(c), "forum.member.home_title"),
		"Flash":  flash(c),
		"Member": m,
		"State":  st,
		"Sheets": list,
		"Counts": counts,
		"Done":   counts[model.ScoreSubmitted] + counts[model.ScoreRecused],
	})
}
