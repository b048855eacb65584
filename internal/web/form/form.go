// Package form reads the fields of a submitted HTML form, the one place
// where a page's text fields become numbers (after Miniflux's ui/form).
// What the values mean is checked by the model's Validate, not here.
package form

import (
	"strconv"
	"strings"

	"github.com/gofiber/fiber/v2"
)

// Int reads an integer field; def when it is absent or not a whole number.
func Int(c *fiber.Ctx, name string, def int) int {
	n, err := strconv.Atoi(strings.TrimSpace(c.FormValue(name)))
	if err != nil {
		return def
	}
	return n
}

// Float reads a decimal field written "1,5" or "1.5"; ok is false when it is
// not a number.
func Float(c *fiber.Ctx, name string) (v float64, ok bool) {
	s := strings.ReplaceAll(strings.TrimSpace(c.FormValue(name)), ",", ".")
	f, err := strconv.ParseFloat(s, 64)
	return f, err == nil
}
