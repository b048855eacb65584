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
	var next *model.Sheet
	if st.Stage == model.StageScoring {
		if sh, ok, err := s.nextPending(c, me, ""); err != nil {
			return err
		} else if ok {
			next = &sh
		}
	}
	return s.render(c, fiber.StatusOK, "forum/member_home", fiber.Map{
		"Next":   next,
		"Title":  i18n.T(lang(c), "forum.member.home_title"),
		"Flash":  flash(c),
		"Member": m,
		"State":  st,
		"Sheets": list,
		"Counts": counts,
		"Done":   counts[model.ScoreSubmitted] + counts[model.ScoreRecused],
	})
}

// nextPending is the member's next sheet still to score (neither submitted
// nor recused): the first after the sheet after (by sheet order, going
// round to the start), or the first of all when after is "".
func (s *Server) nextPending(c *fiber.Ctx, me, after string) (model.Sheet, bool, error) {
	ctx := c.UserContext()
	sheets, err := s.store.ActiveSheets(ctx)
	if err != nil {
		return model.Sheet{}, false, err
	}
	mine, err := s.store.MyScores(ctx, me)
	if err != nil {
		return model.Sheet{}, false, err
	}
	start := 0
	for i, sh := range sheets {
		if sh.ID == after {
			start = i + 1
		}
	}
	for k := 0; k < len(sheets); k++ {
		sh := sheets[(start+k)%len(sheets)]
		if st := mine[sh.ID].Status; sh.ID != after && st != model.ScoreSubmitted && st != model.ScoreRecused {
			return sh, true, nil
		}
	}
	return model.Sheet{}, false, nil
}
