package web

import (
	"github.com/gofiber/fiber/v2"

	"github.com/minka-gob/minka/internal/model"
)

// forumPublish sends the sheets to the Forum and opens scoring.
func (s *Server) forumPublish(c *fiber.Ctx) error {
	if err := s.store.PublishSheets(c.UserContext()); err != nil {
		return s.forumStageError(c, err)
	}
	return seeOther(c, "/admin/forum/", "published")
}

// forumStageError shows, on the forum index, why a change of stage was
// refused (409 with the translated reason); other errors go to the error page.
func (s *Server) forumStageError(c *fiber.Ctx, err error) error {
	switch model.KindOf(err) {
	case model.KindConflict:
		return s.renderForumHome(c, fiber.StatusConflict, fiber.Map{"FormError": messageOf(lang(c), err)})
	case model.KindInvalid:
		e, _ := model.AsError(err)
		return s.renderForumHome(c, fiber.StatusUnprocessableEntity, fiber.Map{"FormError": messageOf(lang(c), err), "Errors": e.Fields})
	}
	return err
}
