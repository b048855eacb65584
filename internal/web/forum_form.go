package web

import (
	"strconv"
	"strings"

	"github.com/gofiber/fiber/v2"
)

// formInt reads an integer form field; anything else is 0.
func formInt(c *fiber.Ctx, name string) int {
	n, err := strconv.Atoi(strings.TrimSpace(c.FormValue(name)))
	if err != nil {
		return 0
	}
	return n
}

// formFloat reads a decimal form field ("1,5" or "1.5"); ok is false when it is not a number.
func formFloat(c *fiber.Ctx, name string) (float64, bool) {
	v := strings.ReplaceAll(strings.TrimSpace(c.FormValue(name)), ",", ".")
	f, err := strconv.ParseFloat(v, 64)
	return f, err == nil
}
