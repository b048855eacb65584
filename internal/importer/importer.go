// Package importer reads participant registrations exported from another
// platform (a spreadsheet saved as CSV) into model.Participant values.
//
// It accepts what Peruvian offices actually produce: UTF-8 with or without a
// byte order mark, Windows-1252 (Excel's "CSV" on Spanish Windows), UTF-16
// ("Unicode text"); "," or ";" (or tab) separators, and an optional Excel
// "sep=;" first line. Column headers are matched in Spanish or English,
// ignoring case and accents ("Correo electrónico", "E-mail"); values such as
// "Femenino", "M" or "Sociedad civil" are mapped to Minka's codes. Every row
// is validated by model.Participant.Validate and reported by its line number
// in the file. Columns Minka does not need (DNI, age, …) are ignored, never stored.
package importer

import (
	"bytes"
	"encoding/csv"
	"errors"
	"io"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/unicode"

	"github.com/minka-gob/minka/internal/model"
)

// MaxRows bounds a file: a workshop has tens of people, a whole process hundreds.
const MaxRows = 5000

// Fields a column can map to: the participant's fields, plus "surname"
// (joined to the name: exports often split "Nombres" and "Apellidos").
const (
	FieldName         = "name"
	FieldSurname      = "surname"
	FieldGender       = "gender"
	FieldSector       = "sector"
	FieldOrganization = "organization"
	FieldEmail        = "email"
	FieldPhone        = "phone"
	FieldConsent      = "consent"
	// The workshop a row belongs to, in a process-wide file: its name
	// ("Lima", "Lima (Justicia Abierta)"), city and date.
	FieldWorkshop = "workshop"
	FieldCity     = "city"
	FieldDate     = "date"
)

// RequiredFields must each have a column; without them no row could be valid.
var RequiredFields = []string{FieldName, FieldGender, FieldSector, FieldConsent}

// headers maps folded header names (see model.Fold) to fields.
var headers = map[string]string{}

func init() {
	add := func(field string, names ...string) {
		for _, n := range names {
			headers[model.Fold(n)] = field
		}
	}
	add(FieldName, "nombre", "nombres", "nombre completo", "nombres y apellidos", "apellidos y nombres",
		"nombre y apellido", "participante", "name", "full name", "first name", "given name", "names")
	add(FieldSurname, "apellido", "apellidos", "apellido paterno", "apellido materno", "last name", "surname", "family name")
	add(FieldGender, "género", "genero", "sexo", "gender", "sex")
	add(FieldSector, "sector", "tipo de actor", "tipo de participante", "actor", "sector type", "stakeholder type")
	add(FieldOrganization, "organización", "organizacion", "institución", "institucion", "entidad", "organización / institución",
		"empresa", "organization", "organisation", "institution", "affiliation")
	add(FieldEmail, "correo", "correo electrónico", "correo electronico", "email", "e-mail", "mail", "email address")
	add(FieldPhone, "teléfono", "telefono", "celular", "móvil", "movil", "número de celular", "numero de celular",
		"teléfono / celular", "phone", "telephone", "mobile", "phone number")
	add(FieldWorkshop, "taller", "nombre del taller", "taller de cocreación", "taller de cocreacion", "evento", "workshop", "event")
	add(FieldCity, "ciudad", "sede", "city", "venue city")
	add(FieldDate, "fecha", "fecha del taller", "date", "workshop date")
	add(FieldConsent, "consentimiento", "acepta", "autorización", "autorizacion", "autoriza tratamiento de datos",
		"acepta tratamiento de datos", "tratamiento de datos personales", "consent", "data consent", "accepts")
}

var genders = map[string]string{}
var sectors = map[string]string{}
var yes = map[string]bool{}

func init() {
	for _, v := range []string{"mujer", "femenino", "f", "female", "woman", "fem"} {
		genders[v] = "female"
	}
	for _, v := range []string{"hombre", "masculino", "m", "male", "man", "h", "varón", "varon", "masc"} {
		genders[model.Fold(v)] = "male"
	}
	for _, v := range []string{"otro", "otra", "other", "no binario", "no binarie", "prefiero no decir", "x", "nb", "non-binary", "prefer not to say"} {
		genders[v] = "other"
	}
	add := func(code string, names ...string) {
		sectors[code] = code
		for _, n := range names {
			sectors[model.Fold(n)] = code
		}
	}
	add("public", "público", "sector público", "estado", "sector estatal", "entidad pública", "gobierno", "funcionario público",
		"servidor público", "public", "public sector", "government")
	add("civil_society", "sociedad civil", "organización de la sociedad civil", "osc", "ong", "ciudadanía", "ciudadano", "ciudadana",
		"civil society", "civil", "ngo", "citizen")
	add("academic", "academia", "académico", "académica", "sector académico", "universidad", "academic", "university")
	add("private", "privado", "sector privado", "empresa", "empresa privada", "private", "private sector", "business")
	add("international", "organismo internacional", "organismos internacionales", "cooperación internacional", "internacional",
		"international", "international organization", "international organisation", "international organizations")
	for _, v := range []string{"sí", "si", "s", "yes", "y", "true", "verdadero", "1", "x", "acepto", "acepta", "de acuerdo", "ok", "autorizo", "accept", "accepted", "agree"} {
		yes[model.Fold(v)] = true
	}
}

// Column is one column of the file and the field it fills ("" = ignored).
type Column struct {
	Header string
	Field  string
}

// Row is one line of data: the participant it describes and what is wrong
// with it (nil when nothing is).
type Row struct {
	Line        int
	Participant model.Participant
	Errors      model.FieldErrors
	// Workshop, City and Date are what a process-wide file says about the
	// row's workshop (empty without those columns); Assign matches them.
	Workshop, City, Date string
}

// Result is a parsed file.
type Result struct {
	Encoding  string // "utf-8", "windows-1252" or "utf-16"
	Separator rune
	Columns   []Column
	Rows      []Row
}

// Bad returns the rows with errors.
func (r *Result) Bad() []Row {
	var bad []Row
	for _, row := range r.Rows {
		if len(row.Errors) > 0 {
			bad = append(bad, row)
		}
	}
	return bad
}

// Participants returns the participants of every row, in file order.
func (r *Result) Participants() []model.Participant {
	ps := make([]model.Participant, len(r.Rows))
	for i, row := range r.Rows {
		ps[i] = row.Participant
	}
	return ps
}

// Decode turns the file's bytes into text, guessing the encoding: a UTF-16
// or UTF-8 byte order mark, else UTF-8 when the bytes are valid UTF-8, else
// Windows-1252.
func Decode(data []byte) (text, encoding string, err error) {
	switch {
	case bytes.HasPrefix(data, []byte{0xFF, 0xFE}), bytes.HasPrefix(data, []byte{0xFE, 0xFF}):
		dec := unicode.UTF16(unicode.LittleEndian, unicode.ExpectBOM).NewDecoder()
		out, err := dec.Bytes(data)
		if err != nil {
			return "", "", model.InvalidMsg("participants.import.error.encoding")
		}
		return string(out), "utf-16", nil
	case bytes.HasPrefix(data, []byte("\xEF\xBB\xBF")):
		data = data[3:]
		if !utf8.Valid(data) {
			return "", "", model.InvalidMsg("participants.import.error.encoding")
		}
		return string(data), "utf-8", nil
	case utf8.Valid(data):
		return string(data), "utf-8", nil
	}
	out, err := charmap.Windows1252.NewDecoder().Bytes(data)
	if err != nil {
		return "", "", model.InvalidMsg("participants.import.error.encoding")
	}
	return string(out), "windows-1252", nil
}

// Parse reads a whole file. A file that cannot be read as a registration
// list (empty, no header, a required column missing, broken quoting, too
// many rows) gives an invalid-input error; otherwise every row is in the
// result, bad ones with their errors.
func Parse(data []byte) (*Result, error) {
	text, enc, err := Decode(data)
	if err != nil {
		return nil, err
	}
	res := &Result{Encoding: enc}
	// Excel's "sep=;" first line names the separator.
	skipped := 0
	if first, rest, _ := strings.Cut(text, "\n"); strings.HasPrefix(strings.ToLower(strings.TrimSpace(first)), "sep=") {
		if sep := strings.TrimSpace(first)[4:]; sep != "" {
			r, size := utf8.DecodeRuneInString(sep)
			if size != len(sep) || !usableSeparator(r) {
				return nil, model.InvalidMsg("participants.import.error.separator", 1)
			}
			res.Separator = r
		}
		text, skipped = rest, 1
	}
	if strings.TrimSpace(text) == "" {
		return nil, model.InvalidMsg("participants.import.error.empty")
	}
	if res.Separator == 0 {
		res.Separator = guessSeparator(text)
	}
	cr := csv.NewReader(strings.NewReader(text))
	cr.Comma = res.Separator
	cr.FieldsPerRecord = -1
	header, err := cr.Read()
	if err != nil {
		return nil, csvError(err, skipped)
	}
	index := map[string]int{} // field → column (first one wins), surname columns apart
	var surnames []int
	for i, h := range header {
		h = strings.TrimSpace(strings.TrimPrefix(h, "\uFEFF"))
		field := headers[model.Fold(h)]
		switch {
		case field == FieldSurname:
			surnames = append(surnames, i)
		case field != "":
			if _, dup := index[field]; dup {
				field = ""
			} else {
				index[field] = i
			}
		}
		res.Columns = append(res.Columns, Column{Header: h, Field: field})
	}
	var missing []string
	for _, f := range RequiredFields {
		if _, ok := index[f]; !ok {
			missing = append(missing, f)
		}
	}
	if len(missing) > 0 {
		return res, &MissingColumnsError{Fields: missing}
	}
	for {
		rec, err := cr.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, csvError(err, skipped)
		}
		line, _ := cr.FieldPos(0)
		if blank(rec) {
			continue
		}
		if len(res.Rows) == MaxRows {
			return nil, model.InvalidMsg("participants.import.error.too_many", MaxRows)
		}
		res.Rows = append(res.Rows, parseRow(rec, index, surnames, line+skipped))
	}
	if len(res.Rows) == 0 {
		return nil, model.InvalidMsg("participants.import.error.no_rows")
	}
	return res, nil
}

// MissingColumnsError names the required fields the header lacks.
type MissingColumnsError struct{ Fields []string }

func (e *MissingColumnsError) Error() string {
	return "importer: missing columns: " + strings.Join(e.Fields, ", ")
}

// Unwrap makes it an invalid-input error.
func (e *MissingColumnsError) Unwrap() error {
	return model.InvalidMsg("participants.import.error.missing_columns")
}

func csvError(err error, skipped int) error {
	var pe *csv.ParseError
	if errors.As(err, &pe) {
		return model.InvalidMsg("participants.import.error.csv", pe.Line+skipped)
	}
	if errors.Is(err, io.EOF) {
		return model.InvalidMsg("participants.import.error.empty")
	}
	// encoding/csv has no other errors for a reader over a string; should one
	// appear, the Secretariat still gets a message, not an internal error.
	return model.InvalidMsg("participants.import.error.csv", 1+skipped)
}

// usableSeparator says whether a "sep=" line names a character encoding/csv
// can split on: not a quote, a line break, or an invalid character.
func usableSeparator(r rune) bool {
	return r == '\t' || (r >= ' ' && r != '"' && r != 0x7F && r != utf8.RuneError)
}

func blank(rec []string) bool {
	for _, f := range rec {
		if strings.TrimSpace(f) != "" {
			return false
		}
	}
	return true
}

// guessSeparator counts candidate separators outside quotes on the first line.
func guessSeparator(text string) rune {
	counts := map[rune]int{}
	quoted := false
	for _, r := range text {
		if r == '"' {
			quoted = !quoted
			continue
		}
		if !quoted && (r == '\n' || r == '\r') {
			break
		}
		if !quoted && (r == ',' || r == ';' || r == '\t') {
			counts[r]++
		}
	}
	best := ','
	for _, r := range []rune{';', '\t'} {
		if counts[r] > counts[best] {
			best = r
		}
	}
	return best
}

func parseRow(rec []string, index map[string]int, surnames []int, line int) Row {
	get := func(field string) string {
		i, ok := index[field]
		if !ok || i >= len(rec) {
			return ""
		}
		return strings.TrimSpace(rec[i])
	}
	name := get(FieldName)
	for _, i := range surnames {
		if i < len(rec) && strings.TrimSpace(rec[i]) != "" {
			name = strings.TrimSpace(name + " " + strings.TrimSpace(rec[i]))
		}
	}
	p := model.Participant{
		Name:         strings.Join(strings.Fields(name), " "),
		Gender:       mapValue(genders, get(FieldGender)),
		Sector:       mapValue(sectors, get(FieldSector)),
		Organization: get(FieldOrganization),
		Email:        strings.ToLower(get(FieldEmail)),
		Phone:        get(FieldPhone),
		Consent:      yes[model.Fold(get(FieldConsent))],
		Source:       model.SourceImport,
	}
	p.Normalize()
	row := Row{Line: line, Participant: p, Workshop: get(FieldWorkshop), City: get(FieldCity), Date: get(FieldDate)}
	if err := p.Validate(); err != nil {
		if e, ok := model.AsError(err); ok {
			row.Errors = e.Fields
		}
	}
	return row
}

// mapValue returns the code for a value, or the value itself (which then
// fails validation with "choose one of the options").
func mapValue(m map[string]string, v string) string {
	if code, ok := m[model.Fold(v)]; ok {
		return code
	}
	return v
}
