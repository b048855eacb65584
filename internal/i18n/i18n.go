// Package i18n holds Minka's user-visible messages in Spanish (the default)
// and English. Messages live in locales/<lang>/*.json, one file per area of
// the product, flat "area.thing" keys; every key must exist in both languages
// (a test checks it).
package i18n

import (
	"embed"
	"encoding/json"
	"fmt"
	"io/fs"
	"path"
	"sort"
	"strings"
	"time"

	"github.com/minka-gob/minka/internal/model"
)

// Languages Minka speaks; the first is the default.
var Languages = []string{"es", "en"}

// Default is the language of anyone who has not chosen another.
const Default = "es"

//go:embed locales
var localeFS embed.FS

var catalogs = mustLoad(localeFS)

func mustLoad(fsys fs.FS) map[string]map[string]string {
	c, err := load(fsys)
	if err != nil {
		panic(err)
	}
	return c
}

func load(fsys fs.FS) (map[string]map[string]string, error) {
	out := map[string]map[string]string{}
	for _, lang := range Languages {
		out[lang] = map[string]string{}
		files, err := fs.Glob(fsys, path.Join("locales", lang, "*.json"))
		if err != nil {
			return nil, err
		}
		for _, f := range files {
			b, err := fs.ReadFile(fsys, f)
			if err != nil {
				return nil, err
			}
			var m map[string]string
			if err := json.Unmarshal(b, &m); err != nil {
				return nil, fmt.Errorf("i18n: %s: %w", f, err)
			}
			for k, v := range m {
				if _, dup := out[lang][k]; dup {
					return nil, fmt.Errorf("i18n: %s: key %q defined twice", f, k)
				}
				out[lang][k] = v
			}
		}
	}
	return out, nil
}

// Supported returns lang if Minka speaks it, else the default.
func Supported(lang string) string {
	lang = strings.ToLower(strings.TrimSpace(lang))
	if len(lang) > 2 {
		lang = lang[:2]
	}
	for _, l := range Languages {
		if l == lang {
			return l
		}
	}
	return Default
}

// T translates key into lang, formatting args with fmt verbs in the message.
// A missing key shows as the key itself, so it is visible, never blank.
func T(lang, key string, args ...any) string {
	msg, ok := catalogs[Supported(lang)][key]
	if !ok {
		msg, ok = catalogs[Default][key]
	}
	if !ok {
		return key
	}
	if len(args) == 0 {
		return msg
	}
	return fmt.Sprintf(msg, args...)
}

// Has reports whether key exists in lang.
func Has(lang, key string) bool {
	_, ok := catalogs[Supported(lang)][key]
	return ok
}

// Keys returns every key of lang, sorted.
func Keys(lang string) []string {
	var ks []string
	for k := range catalogs[Supported(lang)] {
		ks = append(ks, k)
	}
	sort.Strings(ks)
	return ks
}

// FormatDate shows a YYYY-MM-DD date the way people read it: 23/05/2025 in
// Spanish (Peruvian usage), 23 May 2025 in English. Anything else is shown as is.
func FormatDate(lang, date string) string {
	t, err := time.Parse("2006-01-02", date)
	if err != nil {
		return date
	}
	return formatDay(lang, t)
}

func formatDay(lang string, t time.Time) string {
	if Supported(lang) == "en" {
		return t.Format("2 Jan 2006")
	}
	return t.Format("02/01/2006")
}

// Lima is the workshops' time zone (UTC-5, no daylight saving time).
var Lima = time.FixedZone("PET", -5*60*60)

// FormatTime shows an instant in Lima time: 23/05/2025 14:05.
func FormatTime(lang string, t time.Time) string {
	if t.IsZero() {
		return ""
	}
	t = t.In(Lima)
	return formatDay(lang, t) + " " + t.Format("15:04")
}

// FormatNumber shows a number with the given decimals; Peru writes decimals with a point.
func FormatNumber(x float64, decimals int) string {
	return fmt.Sprintf("%.*f", decimals, x)
}

// ErrorText is err as a person reads it on a console: the translated message
// of a model error and each bad field's name and message, or err's own text
// for any other error.
func ErrorText(lang string, err error) string {
	e, ok := model.AsError(err)
	if !ok {
		return err.Error()
	}
	var parts []string
	if len(e.Fields) == 0 || e.Msg.Key != "error.invalid" { // "check the marked fields" means nothing here
		parts = append(parts, T(lang, e.Msg.Key, e.Msg.Args...))
	}
	fields := make([]string, 0, len(e.Fields))
	for f := range e.Fields {
		fields = append(fields, f)
	}
	sort.Strings(fields)
	for _, f := range fields {
		m := e.Fields[f]
		parts = append(parts, f+": "+T(lang, m.Key, m.Args...))
	}
	return strings.Join(parts, " ")
}
