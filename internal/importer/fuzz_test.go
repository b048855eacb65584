package importer

import (
	"bytes"
	"encoding/csv"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"github.com/minka-gob/minka/internal/model"
)

// Hostile CSV files: whatever the bytes, Parse never panics; it refuses the
// file with an invalid-input error, or returns rows that are each either
// valid (and stay valid, and survive being written out and read again) or
// carry the errors their validation gives.
func FuzzParse(f *testing.F) {
	seeds := []string{
		"Nombres,Apellidos,Sexo,Sector,Organización,Correo electrónico,Celular,Acepta tratamiento de datos\n" +
			"María,Quispe Mamani,Femenino,Sociedad civil,Red Muqui,maria@example.pe,987 654 321,Sí\n" +
			"José,Pérez,M,Sector público,Municipalidad de Piura,,+51 987654321,si\n",
		"sep=;\nNombre;Género;Sector;Correo;Consentimiento\nAna Huamán;mujer;academia;ana@example.pe;x\n",
		"\xEF\xBB\xBFName,Gender,Sector,Email,Consent\nJohn Smith,male,private,JOHN@EXAMPLE.COM,yes\n",
		"Nombre\tSexo\tSector\tTeléfono\tAcepta\nRosa\tF\tOSC\t(01) 555-1234\tacepto\n",
		"Nombre,Sexo,Sector,Correo,Consentimiento\n\"Quispe, Rosa\",F,ONG,\"rosa@example.pe\",sí\n\"multi\nline\",F,ONG,a@b.pe,no\n",
		"Nombre,Sexo,Sector,Correo,Consentimiento\nAna\x07 Ruiz,F,ONG,a@b.pe,sí\n\x1b[2JBorra,F,ONG,c@b.pe,sí\n",
		"Nombre,Sexo,Sector,Correo,Consentimiento\n=HYPERLINK(\"http://x\"),F,ONG,a@b.pe,sí\n<script>alert(1)</script>,F,ONG,b@b.pe,sí\n",
		"Nombre,Sexo\nSolo,F\n",
		"Nombre,Sexo,Sector,Correo,Consentimiento\n\"abierta,F,ONG,a@b.pe,sí\n",
		"Nombre,Sexo,Sector,Correo,Consentimiento\n,,,,\n",
		"Nombre,Sexo,Sector,Correo,Consentimiento\nMar\xeda,F,ONG,m@b.pe,s\xed\n", // Windows-1252
		"\xFF\xFEN\x00o\x00m\x00b\x00r\x00e\x00\n\x00",                            // UTF-16 LE
		"", "\n\n", "sep=", "\"", ",,,\n,,,",
	}
	for _, s := range seeds {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		res, err := Parse(data)
		if err != nil {
			if model.KindOf(err) != model.KindInvalid {
				t.Fatalf("Parse: untyped error %v", err)
			}
			return
		}
		if len(res.Rows) == 0 || len(res.Rows) > MaxRows {
			t.Fatalf("%d rows", len(res.Rows))
		}
		switch res.Encoding {
		case "utf-8", "windows-1252", "utf-16":
		default:
			t.Fatalf("encoding %q", res.Encoding)
		}
		mapped := map[string]bool{}
		for _, c := range res.Columns {
			mapped[c.Field] = true
		}
		for _, f := range RequiredFields {
			if !mapped[f] {
				t.Fatalf("parsed without a %s column: %+v", f, res.Columns)
			}
		}
		var good []model.Participant
		last := 0
		for _, row := range res.Rows {
			if row.Line <= last {
				t.Fatalf("line %d after line %d", row.Line, last)
			}
			last = row.Line
			p := row.Participant
			if p.Source != model.SourceImport {
				t.Fatalf("source %q", p.Source)
			}
			again := p
			err := again.Validate()
			if (err == nil) != (len(row.Errors) == 0) {
				t.Fatalf("line %d: errors %v, but validation says %v", row.Line, row.Errors, err)
			}
			if err == nil {
				if p.Name != strings.Join(strings.Fields(p.Name), " ") || p.Email != strings.ToLower(p.Email) {
					t.Fatalf("line %d: not normalized: %+v", row.Line, p)
				}
				for _, s := range []string{p.Name, p.Organization, p.Email, p.Phone} {
					if !utf8.ValidString(s) || strings.TrimSpace(s) != s || strings.IndexFunc(s, unicode.IsControl) >= 0 {
						t.Fatalf("line %d: a valid row with %q", row.Line, s)
					}
				}
				good = append(good, p)
			}
		}
		if len(good) == 0 {
			return
		}
		// The valid rows, written as a plain UTF-8 CSV, read back the same.
		var buf bytes.Buffer
		w := csv.NewWriter(&buf)
		w.Write([]string{"Nombre", "Sexo", "Sector", "Organización", "Correo", "Teléfono", "Consentimiento"})
		for _, p := range good {
			w.Write([]string{p.Name, p.Gender, p.Sector, p.Organization, p.Email, p.Phone, "sí"})
		}
		w.Flush()
		back, err := Parse(buf.Bytes())
		if err != nil {
			t.Fatalf("reading back %q: %v", buf.String(), err)
		}
		if len(back.Rows) != len(good) {
			t.Fatalf("read back %d rows of %d", len(back.Rows), len(good))
		}
		for i, row := range back.Rows {
			want, got := good[i], row.Participant
			if len(row.Errors) > 0 || got.Name != want.Name || got.Gender != want.Gender || got.Sector != want.Sector ||
				got.Organization != want.Organization || got.Email != want.Email || got.Phone != want.Phone || !got.Consent {
				t.Fatalf("round trip of row %d:\n%+v\n%+v (%v)", i, want, got, row.Errors)
			}
		}
	})
}
