package model

import (
	"strings"
	"unicode"

	"golang.org/x/text/runes"
	"golang.org/x/text/transform"
	"golang.org/x/text/unicode/norm"
)

// Fold is how names are compared and searched: lower case, accents removed,
// runs of white space collapsed ("  MARÍA  Ñañez" → "maria nanez"). A check-in
// desk typing "maria" must find "María", and a person who registers twice as
// "José Pérez" and "jose perez" is the same person.
func Fold(s string) string {
	t := transform.Chain(norm.NFD, runes.Remove(runes.In(unicode.Mn)), norm.NFC)
	out, _, err := transform.String(t, s)
	if err != nil {
		out = s
	}
	return strings.Join(strings.Fields(strings.ToLower(out)), " ")
}
