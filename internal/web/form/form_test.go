package form

import (
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"

	"github.com/gofiber/fiber/v2"
)

// post submits values to a handler that reads them with the package.
func post(t *testing.T, values url.Values, read func(c *fiber.Ctx) string) string {
	t.Helper()
	app := fiber.New()
	app.Post("/", func(c *fiber.Ctx) error { return c.SendString(read(c)) })
	req := httptest.NewRequest(http.MethodPost, "/", strings.NewReader(values.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	resp, err := app.Test(req)
	if err != nil {
		t.Fatal(err)
	}
	b, _ := io.ReadAll(resp.Body)
	return string(b)
}

func TestInt(t *testing.T) {
	for _, tt := range []struct {
		raw  string
		want string
	}{{"7", "7"}, {" 12 ", "12"}, {"-3", "-3"}, {"", "-1"}, {"dos", "-1"}, {"1.5", "-1"}} {
		got := post(t, url.Values{"n": {tt.raw}}, func(c *fiber.Ctx) string { return fmt.Sprint(Int(c, "n", -1)) })
		if got != tt.want {
			t.Errorf("Int(%q) = %s, want %s", tt.raw, got, tt.want)
		}
	}
	if got := post(t, url.Values{}, func(c *fiber.Ctx) string { return fmt.Sprint(Int(c, "missing", 0)) }); got != "0" {
		t.Errorf("absent field = %s, want the default 0", got)
	}
}

func TestFloat(t *testing.T) {
	for _, tt := range []struct {
		raw  string
		want string
	}{{"1,5", "1.5 true"}, {" 2.25 ", "2.25 true"}, {"3", "3 true"}, {"", "0 false"}, {"uno", "0 false"}} {
		got := post(t, url.Values{"w": {tt.raw}}, func(c *fiber.Ctx) string {
			v, ok := Float(c, "w")
			if !ok {
				v = 0
			}
			return fmt.Sprint(v, " ", ok)
		})
		if got != tt.want {
			t.Errorf("Float(%q) = %s, want %s", tt.raw, got, tt.want)
		}
	}
}
