package web

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/gofiber/fiber/v2"

	"github.com/minka-gob/minka/internal/i18n"
)

// Every confirmation a redirect may name exists in both languages.
func TestFlashNamesAreTranslated(t *testing.T) {
	for name, key := range flashes {
		for _, l := range []string{"es", "en"} {
			if !i18n.Has(l, key) {
				t.Errorf("flash %q: %s has no %s message", name, key, l)
			}
		}
	}
}

// seeOther and flash are one family: what a POST names, the next page shows
// (with its count); an unknown or crafted name shows nothing.
func TestSeeOtherThenFlash(t *testing.T) {
	app := fiber.New()
	app.Use(detectLang)
	app.Post("/done", func(c *fiber.Ctx) error { return seeOther(c, "/list", "generated", "n", "3", "q", "") })
	app.Get("/list", func(c *fiber.Ctx) error { return c.SendString(flash(c)) })
	resp, err := app.Test(httptest.NewRequest(http.MethodPost, "/done", nil))
	if err != nil {
		t.Fatal(err)
	}
	loc := resp.Header.Get("Location")
	if resp.StatusCode != http.StatusSeeOther || loc != "/list?n=3&ok=generated" {
		t.Fatalf("redirect: %d %q", resp.StatusCode, loc)
	}
	for url, want := range map[string]string{
		loc:                       i18n.T("es", "forum.ok.generated", 3),
		"/list?ok=saved":          i18n.T("es", "setup.flash.saved"),
		"/list?ok=imported":       i18n.T("es", "participants.flash.imported", 0),
		"/list?ok=saved&lang=en":  i18n.T("en", "setup.flash.saved"),
		"/list?ok=error.bad_json": "",
		"/list?ok=%3Cscript%3E":   "",
		"/list":                   "",
	} {
		resp, err := app.Test(httptest.NewRequest(http.MethodGet, url, nil))
		if err != nil {
			t.Fatal(err)
		}
		body := readBody(t, resp)
		if body != want || strings.Contains(body, "%!") {
			t.Errorf("%s shows %q, want %q", url, body, want)
		}
	}
}
