package i18n

import (
	"errors"
	"regexp"
	"testing"

	"github.com/minka-gob/minka/internal/model"
)

func TestEveryKeyInEveryLanguage(t *testing.T) {
	for _, a := range Languages {
		for _, b := range Languages {
			for _, k := range Keys(a) {
				if !Has(b, k) {
					t.Errorf("key %q exists in %s but not in %s", k, a, b)
				}
			}
		}
	}
}

var verb = regexp.MustCompile(`%[-+# 0-9.]*[a-zA-Z%]`)

func TestSameFormatVerbsInEveryLanguage(t *testing.T) {
	for _, k := range Keys(Default) {
		es := verb.FindAllString(T("es", k), -1)
		en := verb.FindAllString(T("en", k), -1)
		if len(es) != len(en) {
			t.Errorf("key %q: es has verbs %v, en has %v", k, es, en)
		}
	}
}

func TestTranslate(t *testing.T) {
	tests := []struct {
		lang, key string
		args      []any
		want      string
	}{
		{"es", "validation.required", nil, "Este campo es obligatorio."},
		{"en", "validation.required", nil, "This field is required."},
		{"en-US", "validation.too_long", []any{100}, "At most 100 characters."},
		{"fr", "validation.required", nil, "Este campo es obligatorio."},
		{"es", "no.such.key", nil, "no.such.key"},
	}
	for _, tt := range tests {
		if got := T(tt.lang, tt.key, tt.args...); got != tt.want {
			t.Errorf("T(%q, %q) = %q, want %q", tt.lang, tt.key, got, tt.want)
		}
	}
}

func TestFormatDate(t *testing.T) {
	tests := []struct{ lang, in, want string }{
		{"es", "2025-05-23", "23/05/2025"},
		{"en", "2025-05-23", "23 May 2025"},
		{"es", "not a date", "not a date"},
	}
	for _, tt := range tests {
		if got := FormatDate(tt.lang, tt.in); got != tt.want {
			t.Errorf("FormatDate(%q, %q) = %q, want %q", tt.lang, tt.in, got, tt.want)
		}
	}
}

func TestErrorTextTranslatesModelErrors(t *testing.T) {
	tests := []struct {
		name string
		err  error
		want string
	}{
		{"field errors, no generic header", model.Invalid(model.FieldErrors{"password": {Key: "validation.password_short", Args: []any{10}}}),
			"password: La contraseña debe tener al menos 10 caracteres."},
		{"a message with an argument", model.InvalidMsg("participants.import.error.csv", 3),
			"El archivo no es un CSV válido: revise las comillas cerca de la línea 3."},
		{"not a model error", errors.New("disk full"), "disk full"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := ErrorText("es", tt.err); got != tt.want {
				t.Errorf("ErrorText = %q, want %q", got, tt.want)
			}
		})
	}
}
