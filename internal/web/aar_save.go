package web

import (
	"github.com/gofiber/fiber/v2"

	"github.com/minka-gob/minka/internal/i18n"
	"github.com/minka-gob/minka/internal/model"
	"github.com/minka-gob/minka/internal/web/form"
)

// aarSave saves the After Action Review. If another Secretariat member saved
// it meanwhile, nothing is overwritten: the form comes back with both texts.
func (s *Server) aarSave(c *fiber.Ctx) error {
	w, err := s.store.Workshop(c.UserContext(), c.Params("id"))
	if err != nil {
		return err
	}
	r := model.AfterActionReview{
		WorkshopID: w.ID,
		Planned:    c.FormValue("planned"),
		Happened:   c.FormValue("happened"),
		Why:        c.FormValue("why"),
		ChangeNext: c.FormValue("change_next"),
		Version:    form.Int(c, "version", -1),
	}
	data := fiber.Map{"Title": i18n.T(lang(c), "aar.title", w.Label()), "Workshop": &w, "Review": r}
	err = s.store.SaveAfterActionReview(c.UserContext(), &r)
	if model.KindOf(err) == model.KindConflict {
		cur, cerr := s.store.AfterActionReview(c.UserContext(), w.ID)
		if cerr != nil {
			return cerr
		}
		r.Version = cur.Version
		data["Review"], data["Current"] = r, cur
		data["FormError"] = i18n.T(lang(c), "aar.error.stale")
		return s.render(c, fiber.StatusConflict, "live/aar", data)
	}
	if err != nil {
		return s.renderForm(c, err, "live/aar", data)
	}
	return c.Redirect("/admin/workshops/"+w.ID+"/aar?saved=1", fiber.StatusSeeOther)
}
