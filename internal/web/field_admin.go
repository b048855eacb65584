package web

import (
	"io"

	"github.com/gofiber/fiber/v2"

	"github.com/minka-gob/minka/internal/field"
	"github.com/minka-gob/minka/internal/i18n"
	"github.com/minka-gob/minka/internal/model"
	"github.com/minka-gob/minka/internal/store"
)

// fieldAdmin lists the field tokens, the workshops in the field and the
// bundle upload form.
func (s *Server) fieldAdmin(c *fiber.Ctx) error {
	return s.renderField(c, fiber.StatusOK, fiber.Map{"Flash": flash(c)})
}

func (s *Server) renderField(c *fiber.Ctx, status int, data fiber.Map) error {
	ctx := c.UserContext()
	tokens, err := s.store.FieldTokens(ctx)
	if err != nil {
		return err
	}
	workshops, err := s.store.Workshops(ctx)
	if err != nil {
		return err
	}
	inField, err := s.store.WorkshopsInField(ctx)
	if err != nil {
		return err
	}
	data["Title"] = i18n.T(lang(c), "field.title")
	data["Tokens"] = tokens
	data["Workshops"] = workshops
	data["InField"] = inField
	return s.render(c, status, "admin/field", data)
}

// fieldTokenCreate creates a token for one workshop and shows its text once.
func (s *Server) fieldTokenCreate(c *fiber.Ctx) error {
	id, secret, text := field.NewToken()
	t := store.FieldToken{ID: id, WorkshopID: c.FormValue("workshop_id"), Label: model.Clean(c.FormValue("label")),
		SecretHash: field.SecretHash(secret), BundleKey: field.BundleKey(secret)}
	if !model.IsUUID(t.WorkshopID) {
		return s.renderField(c, fiber.StatusUnprocessableEntity, fiber.Map{
			"Errors": model.FieldErrors{"workshop_id": {Key: "validation.required"}}})
	}
	if err := s.store.CreateFieldToken(c.UserContext(), &t); err != nil {
		if model.KindOf(err) == model.KindNotFound {
			return s.renderField(c, fiber.StatusUnprocessableEntity, fiber.Map{
				"Errors": model.FieldErrors{"workshop_id": {Key: "error.workshop_not_found"}}})
		}
		return err
	}
	return s.renderField(c, fiber.StatusCreated, fiber.Map{"NewToken": text, "NewTokenWorkshop": t.WorkshopID})
}

// fieldTokenRevoke stops a token.
func (s *Server) fieldTokenRevoke(c *fiber.Ctx) error {
	if err := s.store.RevokeFieldToken(c.UserContext(), c.Params("id")); err != nil {
		return err
	}
	return seeOther(c, "/admin/field", "field_revoked")
}

// fieldReturn ends a workshop's checkout from here (a laptop lost or broken).
func (s *Server) fieldReturn(c *fiber.Ctx) error {
	if err := s.store.ReturnFieldCheckout(c.UserContext(), c.Params("id")); err != nil {
		return err
	}
	return seeOther(c, "/admin/field", "field_returned")
}

// fieldImport takes a bundle file brought on a USB stick.
func (s *Server) fieldImport(c *fiber.Ctx) error {
	fh, err := c.FormFile("bundle")
	if err != nil {
		return s.renderField(c, fiber.StatusUnprocessableEntity, fiber.Map{
			"Errors": model.FieldErrors{"bundle": {Key: "validation.required"}}})
	}
	f, err := fh.Open()
	if err != nil {
		return err
	}
	defer f.Close()
	data, err := readLimited(f, bodyLimit)
	if err != nil {
		return err
	}
	res, _, err := s.fieldService().ImportBundle(c.UserContext(), data)
	if err != nil {
		e, ok := model.AsError(err)
		if !ok {
			return err
		}
		return s.renderField(c, statusOf(err), fiber.Map{
			"Errors": model.FieldErrors{"bundle": e.Msg}})
	}
	return s.renderField(c, fiber.StatusOK, fiber.Map{"Imported": &res})
}

// readLimited reads at most n bytes, refusing a longer file.
func readLimited(r io.Reader, n int64) ([]byte, error) {
	b, err := io.ReadAll(io.LimitReader(r, n+1))
	if err == nil && int64(len(b)) > n {
		return nil, model.InvalidMsg("field.error.bundle_too_large", n>>20)
	}
	return b, err
}
