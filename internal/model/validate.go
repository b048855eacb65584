package model

import (
	"net/mail"
	"regexp"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"
)

// Validator collects field errors; the first error of a field wins.
type Validator struct {
	errs FieldErrors
}

// Add records a problem with field unless one is already recorded.
func (v *Validator) Add(field, key string, args ...any) {
	if v.errs == nil {
		v.errs = FieldErrors{}
	}
	if _, ok := v.errs[field]; !ok {
		v.errs[field] = Msg{Key: key, Args: args}
	}
}

// Has reports whether field already has an error.
func (v *Validator) Has(field string) bool {
	_, ok := v.errs[field]
	return ok
}

// Err returns the collected errors as an invalid-input error, or nil.
func (v *Validator) Err() error {
	if len(v.errs) == 0 {
		return nil
	}
	return Invalid(v.errs)
}

// Text checks a single-line text field: valid UTF-8, no control characters,
// at most max characters, and present when required.
func (v *Validator) Text(field, value string, required bool, max int) {
	v.text(field, value, required, max, false)
}

// LongText is Text for multi-line fields: newlines and tabs are allowed.
func (v *Validator) LongText(field, value string, required bool, max int) {
	v.text(field, value, required, max, true)
}

func (v *Validator) text(field, value string, required bool, max int, multiline bool) {
	switch {
	case !utf8.ValidString(value):
		v.Add(field, "validation.utf8")
	case required && strings.TrimSpace(value) == "":
		v.Add(field, "validation.required")
	case utf8.RuneCountInString(value) > max:
		v.Add(field, "validation.too_long", max)
	case hasControl(value, multiline):
		v.Add(field, "validation.control")
	}
}

func hasControl(s string, multiline bool) bool {
	for _, r := range s {
		if multiline && (r == '\n' || r == '\r' || r == '\t') {
			continue
		}
		if unicode.IsControl(r) {
			return true
		}
	}
	return false
}

// OneOf checks that value is one of allowed.
func (v *Validator) OneOf(field, value string, allowed []string) {
	if value == "" {
		v.Add(field, "validation.required")
		return
	}
	for _, a := range allowed {
		if value == a {
			return
		}
	}
	v.Add(field, "validation.choice")
}

// Date checks a YYYY-MM-DD date.
func (v *Validator) Date(field, value string) {
	if value == "" {
		v.Add(field, "validation.required")
		return
	}
	if _, err := time.Parse(DateLayout, value); err != nil {
		v.Add(field, "validation.date")
	}
}

// IntRange checks lo <= n <= hi.
func (v *Validator) IntRange(field string, n, lo, hi int) {
	if n < lo || n > hi {
		v.Add(field, "validation.range", lo, hi)
	}
}

// Email checks an optional e-mail address.
func (v *Validator) Email(field, value string) {
	if value == "" || v.Has(field) {
		return
	}
	a, err := mail.ParseAddress(value)
	if err != nil || a.Address != value || !strings.Contains(value, ".") {
		v.Add(field, "validation.email")
	}
}

var phonePattern = regexp.MustCompile(`^\+?[0-9][0-9 ()-]{5,19}$`)

// Phone checks an optional phone number: digits, spaces, parentheses, dashes, optional leading +.
func (v *Validator) Phone(field, value string) {
	if value == "" || v.Has(field) {
		return
	}
	if !phonePattern.MatchString(value) {
		v.Add(field, "validation.phone")
	}
}

// UUID checks an identifier's shape (not its existence).
func (v *Validator) UUID(field, value string, required bool) {
	if value == "" {
		if required {
			v.Add(field, "validation.required")
		}
		return
	}
	if !IsUUID(value) {
		v.Add(field, "validation.id")
	}
}

var uuidPattern = regexp.MustCompile(`^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$`)

// IsUUID reports whether s is a lower-case canonical UUID.
func IsUUID(s string) bool { return uuidPattern.MatchString(s) }

// Clean trims surrounding white space; every input goes through it before
// validation so that "  Lima " and "Lima" are the same city.
func Clean(s string) string { return strings.TrimSpace(s) }

// DateLayout is how dates are stored and exchanged (the API, the database).
const DateLayout = "2006-01-02"
