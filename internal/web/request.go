package web

import (
	"bytes"
	"encoding/json"

	"github.com/gofiber/fiber/v2"

	"github.com/minka-gob/minka/internal/i18n"
	"github.com/minka-gob/minka/internal/model"
)

// What a handler reads from the request, besides its own fields: the
// caller's language and translations in it, and the API's JSON body (one
// strict decoder for all of /api/v1).
// The caller is principal(c) (middleware.go); form fields that are numbers
// are read with the form package (internal/web/form).

// lang is the request's language, chosen by detectLang.
func lang(c *fiber.Ctx) string {
	if l, ok := c.Locals("lang").(string); ok {
		return l
	}
	return i18n.Default
}

// tr translates key in the request's language.
func tr(c *fiber.Ctx, key string, args ...any) string { return i18n.T(lang(c), key, args...) }

// setIf copies a field the client sent in a partial JSON update; fields left
// out keep their value.
func setIf[T any](dst *T, src *T) {
	if src != nil {
		*dst = *src
	}
}

// readJSON decodes the request body into v. Unknown fields are refused so
// that a misspelt field is an error rather than silently ignored. An empty
// body leaves v as it is (a PUT that changes nothing, a check-in without table).
func readJSON(c *fiber.Ctx, v any) error {
	body := bytes.TrimSpace(c.Body())
	if len(body) == 0 {
		return nil
	}
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		return model.InvalidMsg("error.bad_json")
	}
	if dec.More() {
		return model.InvalidMsg("error.bad_json")
	}
	return nil
}
