package web

import (
	"fmt"
	"html/template"
	"net/url"
	"time"

	"github.com/gofiber/fiber/v2"

	"github.com/minka-gob/minka/internal/i18n"
	"github.com/minka-gob/minka/internal/model"
)

// templateFuncs are available in every template. Translation takes the
// language explicitly ({{t $.Lang "key"}}) because template functions are
// shared by all requests.
func (s *Server) templateFuncs() map[string]any {
	return map[string]any{
		"t":        func(lang, key string, args ...any) string { return i18n.T(lang, key, args...) },
		"date":     i18n.FormatDate,
		"datetime": i18n.FormatTime,
		"asset":    s.assets.url,
		"fieldErr": fieldError,
		"num":      i18n.FormatNumber,
		"pct":      percent,
		"add":      func(a, b int) int { return a + b },
		"seq":      seq,
		"timeptr":  func(lang string, t *time.Time) string { return formatTimePtr(lang, t) },
		"eq":       func(a, b any) bool { return fmt.Sprint(a) == fmt.Sprint(b) },
		"dict":     dict,
		"safeURL":  func(s string) template.URL { return template.URL(s) },
	}
}

// fieldError is the translated message for field in errs, or "".
func fieldError(lang string, errs model.FieldErrors, field string) string {
	m, ok := errs[field]
	if !ok {
		return ""
	}
	return i18n.T(lang, m.Key, m.Args...)
}

func percent(part, total int) string {
	if total == 0 {
		return "0.0"
	}
	return i18n.FormatNumber(100*float64(part)/float64(total), 1)
}

func seq(from, to int) []int {
	var out []int
	for i := from; i <= to; i++ {
		out = append(out, i)
	}
	return out
}

func formatTimePtr(lang string, t *time.Time) string {
	if t == nil {
		return ""
	}
	return i18n.FormatTime(lang, *t)
}

// dict builds a map in a template, to pass several values to a sub-template.
func dict(kv ...any) map[string]any {
	m := map[string]any{}
	for i := 0; i+1 < len(kv); i += 2 {
		m[fmt.Sprint(kv[i])] = kv[i+1]
	}
	return m
}

// render shows a page inside the main layout. Every page gets the caller's
// language, principal, CSRF token and current path besides its own data.
func (s *Server) render(c *fiber.Ctx, status int, page string, data fiber.Map) error {
	return s.renderLayout(c, status, page, "layouts/main", data)
}

// renderLayout shows a page inside layout (layouts/screen: the projector's
// full screen, without the site's header and footer).
func (s *Server) renderLayout(c *fiber.Ctx, status int, page, layout string, data fiber.Map) error {
	if data == nil {
		data = fiber.Map{}
	}
	data["Lang"] = lang(c)
	data["Me"] = principal(c)
	data["CSRF"] = csrfToken(c)
	data["Path"] = c.Path()
	data["Page"] = page
	data["OtherLangURL"] = otherLangURL(c, lang(c))
	if _, ok := data["Errors"]; !ok {
		data["Errors"] = model.FieldErrors{}
	}
	c.Status(status)
	return c.Render(page, data, layout)
}

// renderForm re-shows a form after bad input: the field errors go next to
// their fields (422); any other error goes to the error page.
func (s *Server) renderForm(c *fiber.Ctx, err error, page string, data fiber.Map) error {
	e, ok := model.AsError(err)
	if !ok || e.Kind != model.KindInvalid {
		return err
	}
	if data == nil {
		data = fiber.Map{}
	}
	data["Errors"] = e.Fields
	if e.Fields == nil {
		data["Errors"] = model.FieldErrors{}
	}
	data["FormError"] = i18n.T(lang(c), e.Msg.Key, e.Msg.Args...)
	return s.render(c, fiber.StatusUnprocessableEntity, page, data)
}

// otherLangURL is the current page in the other language, keeping its query
// (a filtered audit log or a search stays as it was).
func otherLangURL(c *fiber.Ctx, current string) string {
	other := "en"
	if current == "en" {
		other = "es"
	}
	q := url.Values{}
	c.Context().QueryArgs().VisitAll(func(k, v []byte) { q.Add(string(k), string(v)) })
	q.Set("lang", other)
	return c.Path() + "?" + q.Encode()
}
