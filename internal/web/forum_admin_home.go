package web

import (
	"github.com/gofiber/fiber/v2"

	"github.com/minka-gob/minka/internal/i18n"
)

// forumAdminHome is the Secretariat's index of the internal review and the
// Forum: where the process stands, what is missing, the next step, and the
// record of every change of stage.
func (s *Server) forumAdminHome(c *fiber.Ctx) error {
	return s.renderForumHome(c, fiber.StatusOK, nil)
}

func (s *Server) renderForumHome(c *fiber.Ctx, status int, data fiber.Map) error {
	ctx := c.UserContext()
	st, err := s.store.ForumState(ctx)
	if err != nil {
		return err
	}
	ideas, err := s.store.IdeaOrigins(ctx, false)
	if err != nil {
		return err
	}
	sheets, err := s.store.Sheets(ctx)
	if err != nil {
		return err
	}
	members, err := s.store.ForumMembers(ctx)
	if err != nil {
		return err
	}
	progress, err := s.store.ScoringProgress(ctx)
	if err != nil {
		return err
	}
	events, err := s.store.ForumEvents(ctx)
	if err != nil {
		return err
	}
	decisions, err := s.store.ForumDecisions(ctx)
	if err != nil {
		return err
	}
	withoutSheet, active, merged, incomplete, decided := 0, 0, 0, 0, 0
	for _, o := range ideas {
		if o.SheetID == "" {
			withoutSheet++
		}
	}
	for _, sh := range sheets {
		if !sh.Active() {
			merged++
			continue
		}
		active++
		if len(sh.Missing()) > 0 {
			incomplete++
		}
		if d, ok := decisions[sh.ID]; ok && d.Decided() {
			decided++
		}
	}
	submitted := 0
	for _, p := range progress {
		submitted += p.Submitted
	}
	if data == nil {
		data = fiber.Map{}
	}
	for k, v := range (fiber.Map{
		"Title":        i18n.T(lang(c), "forum.admin.title"),
		"Flash":        flash(c),
		"Tab":          "home",
		"State":        st,
		"Ideas":        len(ideas),
		"WithoutSheet": withoutSheet,
		"Active":       active,
		"Merged":       merged,
		"Incomplete":   incomplete,
		"Members":      len(members),
		"Submitted":    submitted,
		"Expected":     active * len(members),
		"Decided":      decided,
		"Events":       events,
	}) {
		data[k] = v
	}
	return s.render(c, status, "forum/admin_home", data)
}
