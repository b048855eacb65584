package web

import (
	"github.com/gofiber/fiber/v2"

	"github.com/minka-gob/minka/internal/i18n"
)

// What a handler reads from the request, besides its own fields: the
// caller's language and translations in it, and the API's JSON body.
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
