package web

import (
	"strings"

	"github.com/gofiber/fiber/v2"

	"github.com/minka-gob/minka/internal/field"
	"github.com/minka-gob/minka/internal/model"
	"github.com/minka-gob/minka/internal/store"
)

func (s *Server) fieldService() *field.Service {
	return &field.Service{Store: s.store, UploadsDir: s.cfg.UploadsDir}
}

// fieldAuth checks the request's field token ("Authorization: Bearer
// <token>") against the workshop of the URL; the token is then the author
// of every change in the audit log.
func (s *Server) fieldAuth(c *fiber.Ctx) error {
	text, ok := strings.CutPrefix(c.Get(fiber.HeaderAuthorization), "Bearer ")
	if !ok {
		return model.Forbidden("field.error.token_invalid")
	}
	t, err := s.fieldService().Authenticate(c.UserContext(), text, c.Params("wid"))
	if err != nil {
		return err
	}
	c.Locals("fieldToken", t)
	c.SetUserContext(store.WithActor(c.UserContext(), field.Actor(t)))
	return c.Next()
}

func fieldToken(c *fiber.Ctx) store.FieldToken {
	t, _ := c.Locals("fieldToken").(store.FieldToken)
	return t
}

// fieldCheckout checks the workshop out to the laptop asking and sends it
// the process template and the workshop.
func (s *Server) fieldCheckout(c *fiber.Ctx) error {
	var req field.PullRequest
	if err := field.DecodeBytes(c.Body(), &req); err != nil {
		return err
	}
	resp, err := s.fieldService().Pull(c.UserContext(), fieldToken(c), req)
	if err != nil {
		return err
	}
	return c.JSON(resp)
}

// fieldPushState says how far a push got, for resuming after a cut.
func (s *Server) fieldPushState(c *fiber.Ctx) error {
	st, err := s.fieldService().State(c.UserContext(), fieldToken(c), c.Params("cid"), c.Params("pid"))
	if err != nil {
		return err
	}
	return c.JSON(st)
}

// fieldBatch applies one batch of a push, whole or not at all.
func (s *Server) fieldBatch(c *fiber.Ctx) error {
	var b field.Batch
	if err := field.DecodeBytes(c.Body(), &b); err != nil {
		return err
	}
	ack, err := s.fieldService().ApplyBatch(c.UserContext(), fieldToken(c), c.Params("cid"), c.Params("pid"), b)
	if err != nil {
		return err
	}
	return c.JSON(ack)
}

// fieldPhoto stores a photo of one of the workshop's prototypes.
func (s *Server) fieldPhoto(c *fiber.Ctx) error {
	var p field.Photo
	if err := field.DecodeBytes(c.Body(), &p); err != nil {
		return err
	}
	if _, err := s.fieldService().PutPhoto(c.UserContext(), fieldToken(c), p); err != nil {
		return err
	}
	return c.JSON(fiber.Map{"name": p.Name})
}

// fieldFinish compares what the laptop sent with what is stored.
func (s *Server) fieldFinish(c *fiber.Ctx) error {
	var req field.FinishRequest
	if err := field.DecodeBytes(c.Body(), &req); err != nil {
		return err
	}
	res, err := s.fieldService().Finish(c.UserContext(), fieldToken(c), c.Params("cid"), c.Params("pid"), req)
	if err != nil {
		return err
	}
	return c.JSON(res)
}
