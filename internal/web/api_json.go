package web

import (
	"bytes"
	"encoding/json"

	"github.com/gofiber/fiber/v2"

	"github.com/minka-gob/minka/internal/model"
)

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

// created answers 201 with the new record.
func created(c *fiber.Ctx, v any) error {
	return c.Status(fiber.StatusCreated).JSON(v)
}
