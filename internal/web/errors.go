package web

import (
	"errors"

	"github.com/gofiber/fiber/v2"

	"github.com/minka-gob/minka/internal/i18n"
	"github.com/minka-gob/minka/internal/model"
)

// statusOf maps an error kind to its HTTP status: the one place this is decided.
func statusOf(err error) int {
	switch model.KindOf(err) {
	case model.KindInvalid:
		return fiber.StatusUnprocessableEntity
	case model.KindNotFound:
		return fiber.StatusNotFound
	case model.KindForbidden:
		return fiber.StatusForbidden
	case model.KindConflict:
		return fiber.StatusConflict
	}
	var fe *fiber.Error
	if errors.As(err, &fe) {
		return fe.Code
	}
	return fiber.StatusInternalServerError
}

// messageOf is the translated message shown for err.
func messageOf(lang string, err error) string {
	if e, ok := model.AsError(err); ok {
		return i18n.T(lang, e.Msg.Key, e.Msg.Args...)
	}
	switch statusOf(err) {
	case fiber.StatusNotFound:
		return i18n.T(lang, "error.not_found")
	case fiber.StatusForbidden:
		return i18n.T(lang, "error.forbidden")
	case fiber.StatusRequestEntityTooLarge:
		return i18n.T(lang, "error.too_large")
	case fiber.StatusTooManyRequests:
		return i18n.T(lang, "error.rate_limited")
	}
	return i18n.T(lang, "error.internal")
}

// APIError is the JSON body of every failed API call.
type APIError struct {
	Error APIErrorBody `json:"error"`
}

// APIErrorBody says what went wrong: a kind, a translated message, and per-field messages for invalid input.
type APIErrorBody struct {
	Kind    string            `json:"kind"`
	Message string            `json:"message"`
	Fields  map[string]string `json:"fields,omitempty"`
}

func apiError(lang string, err error) APIError {
	body := APIErrorBody{Kind: string(model.KindOf(err)), Message: messageOf(lang, err)}
	if body.Kind == "" {
		body.Kind = "internal"
		if statusOf(err) < 500 {
			body.Kind = "request"
		}
	}
	if e, ok := model.AsError(err); ok && len(e.Fields) > 0 {
		body.Fields = map[string]string{}
		for f, m := range e.Fields {
			body.Fields[f] = i18n.T(lang, m.Key, m.Args...)
		}
	}
	return APIError{Error: body}
}

// handleError is Fiber's error handler: JSON for the API, a page otherwise.
// Internal errors are logged, never shown: the user sees a translated message.
func (s *Server) handleError(c *fiber.Ctx, err error) error {
	status := statusOf(err)
	if status >= 500 {
		s.log.Printf("web: %s %s: %v", c.Method(), c.Path(), err)
	}
	l := lang(c)
	if isAPI(c) {
		return c.Status(status).JSON(apiError(l, err))
	}
	renderErr := s.render(c, status, "error", fiber.Map{
		"Title":   i18n.T(l, "error.title"),
		"Message": messageOf(l, err),
		"Status":  status,
	})
	if renderErr != nil {
		s.log.Printf("web: render error page: %v", renderErr)
		return c.Status(status).SendString(messageOf(l, err))
	}
	return nil
}

func isAPI(c *fiber.Ctx) bool {
	p := c.Path()
	return len(p) >= 7 && p[:7] == "/api/v1"
}
