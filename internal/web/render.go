package web

import (
	"fmt"
	"html/template"
	"time"

	"github.com/minka-gob/minka/internal/chart"
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
		"dict":     dict,
		"safeURL":  func(s string) template.URL { return template.URL(s) },
		// scoreBar draws a weighted score the report computed on the 1–5 scale.
		"scoreBar": func(v float64) template.HTML { return chart.ScoreBar(v, model.ScoreMax) },
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
