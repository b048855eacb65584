// Package csvsafe writes CSV that spreadsheet programs open as plain text:
// RFC 4180 quoting (encoding/csv) plus a leading apostrophe on any field that
// a spreadsheet would otherwise run as a formula (CSV injection).
package csvsafe

import (
	"encoding/csv"
	"io"
	"strings"
)

// Neutralize returns field with a leading ' when it starts with a character
// that makes Excel or LibreOffice treat it as a formula: = + - @, tab, CR, NUL.
// The same goes for what follows each ';' (after spaces): Excel in a locale
// whose list separator is ';' (Spanish, in Peru too) splits a field there —
// encoding/csv quotes only fields with a comma — and the piece after it
// becomes a cell of its own.
func Neutralize(field string) string {
	if field == "" {
		return field
	}
	var b strings.Builder
	start := true // at the start of the field or of a piece after a separator
	for i := 0; i < len(field); i++ {
		ch := field[i]
		if start && ch != ' ' {
			if formulaStart(ch) {
				b.WriteByte('\'')
			}
			start = false
		}
		b.WriteByte(ch)
		if ch == ';' {
			start = true
		}
	}
	return b.String()
}

func formulaStart(ch byte) bool {
	switch ch {
	case '=', '+', '-', '@', '\t', '\r', 0:
		return true
	}
	return false
}

// Writer is a csv.Writer that neutralizes every field.
type Writer struct {
	w *csv.Writer
}

// NewWriter returns a Writer on w. It writes a UTF-8 byte order mark first so
// that Excel on Windows shows accents (Lima, Iquitos, "Participación") right.
func NewWriter(w io.Writer) (*Writer, error) {
	if _, err := io.WriteString(w, "\uFEFF"); err != nil {
		return nil, err
	}
	cw := csv.NewWriter(w)
	cw.UseCRLF = true
	return &Writer{w: cw}, nil
}

// Write writes one record, every field neutralized.
func (w *Writer) Write(record []string) error {
	safe := make([]string, len(record))
	for i, f := range record {
		safe[i] = Neutralize(f)
	}
	return w.w.Write(safe)
}

// Flush writes buffered data and returns any error so far.
func (w *Writer) Flush() error {
	w.w.Flush()
	return w.w.Error()
}
