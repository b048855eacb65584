package importer

import (
	"errors"
	"fmt"
	"strings"
	"testing"

	"golang.org/x/text/encoding/charmap"

	"github.com/minka-gob/minka/internal/model"
)

func win1252(t *testing.T, s string) []byte {
	t.Helper()
	b, err := charmap.Windows1252.NewEncoder().Bytes([]byte(s))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestParseEncodingsAndSeparators(t *testing.T) {
	want := []model.Participant{
		{Name: "María Ñañez Córdova", Gender: "female", Sector: "civil_society", Organization: "Asociación Amazónica",
			Email: "maria@example.org", Consent: true, Source: model.SourceImport},
		{Name: "José Pérez", Gender: "male", Sector: "public", Organization: "Municipalidad", Phone: "+51 987 654 321",
			Consent: true, Source: model.SourceImport},
	}
	semicolon := "Nombre;Género;Sector;Organización;Correo;Teléfono;Consentimiento\r\n" +
		"María Ñañez Córdova;Femenino;Sociedad civil;Asociación Amazónica;MARIA@example.org;;Sí\r\n" +
		"José Pérez;M;Sector público;Municipalidad;;+51 987 654 321;si\r\n"
	tests := []struct {
		name     string
		data     []byte
		encoding string
		sep      rune
	}{
		{"UTF-8 with ;", []byte(semicolon), "utf-8", ';'},
		{"UTF-8 with BOM", append([]byte("\xEF\xBB\xBF"), semicolon...), "utf-8", ';'},
		{"Windows-1252 with accents", win1252(t, semicolon), "windows-1252", ';'},
		{"Excel sep= line", append([]byte("sep=;\r\n"), win1252(t, semicolon)...), "windows-1252", ';'},
		{"English headers, commas, quotes", []byte("Full name,Gender,Sector,Organization,E-mail,Phone,Consent\n" +
			"María Ñañez Córdova,female,civil society,\"Asociación Amazónica\",maria@example.org,,yes\n" +
			"\"José Pérez\",male,public,Municipalidad,,+51 987 654 321,TRUE\n"), "utf-8", ','},
		{"split surname columns", []byte("Nombres;Apellido paterno;Apellido materno;Sexo;Tipo de actor;Institución;Email;Celular;Acepta\n" +
			"María;Ñañez;Córdova;F;OSC;Asociación Amazónica;maria@example.org;;X\n" +
			"José;Pérez;;Hombre;Estado;Municipalidad;;+51 987 654 321;1\n"), "utf-8", ';'},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res, err := Parse(tt.data)
			if err != nil {
				t.Fatal(err)
			}
			if res.Encoding != tt.encoding || res.Separator != tt.sep {
				t.Errorf("encoding %q sep %q, want %q %q", res.Encoding, res.Separator, tt.encoding, tt.sep)
			}
			if len(res.Bad()) != 0 {
				t.Fatalf("bad rows: %+v", res.Bad())
			}
			got := res.Participants()
			if fmt.Sprintf("%+v", got) != fmt.Sprintf("%+v", want) {
				t.Errorf("participants\n got %+v\nwant %+v", got, want)
			}
			if res.Rows[0].Line != 2+boolInt(strings.HasPrefix(string(tt.data), "sep=")) {
				t.Errorf("first data line = %d", res.Rows[0].Line)
			}
		})
	}
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}

func TestBadRowsAreReportedByLine(t *testing.T) {
	data := "nombre,genero,sector,correo,consentimiento\n" +
		"Ana Torres,F,Academia,ana@example.org,si\n" +
		"\n" + // blank lines are skipped but still counted
		"Luis Rojas,Hombre,Gobierno local,luis@example.org,si\n" + // line 4: unknown sector
		"\"Rosa\nQuispe\",F,Academia,rosa@example.org,si\n" + // a quoted field spanning lines 5-6
		",F,Academia,sin-correo,no\n" // line 7: no name, bad e-mail, no consent
	res, err := Parse([]byte(data))
	if err != nil {
		t.Fatal(err)
	}
	got := map[int][]string{}
	for _, r := range res.Bad() {
		for f, m := range r.Errors {
			got[r.Line] = append(got[r.Line], f+"="+m.Key)
		}
	}
	want := map[int][]string{
		4: {"sector=validation.choice"},
		7: {"consent=validation.consent", "email=validation.email", "name=validation.required"},
	}
	for line := range got {
		sortStrings(got[line])
	}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("bad rows = %v, want %v", got, want)
	}
	if len(res.Rows) != 4 {
		t.Errorf("rows = %d, want 4", len(res.Rows))
	}
}

func sortStrings(s []string) {
	for i := range s {
		for j := i + 1; j < len(s); j++ {
			if s[j] < s[i] {
				s[i], s[j] = s[j], s[i]
			}
		}
	}
}

func TestFileLevelErrors(t *testing.T) {
	tests := []struct {
		name string
		data string
		key  string
	}{
		{"empty", "", "participants.import.error.empty"},
		{"only white space", " \n\n", "participants.import.error.empty"},
		{"header only", "nombre,genero,sector,consentimiento\n", "participants.import.error.no_rows"},
		{"missing columns", "nombre,correo\nAna,ana@example.org\n", "participants.import.error.missing_columns"},
		{"broken quotes", "nombre,genero,sector,consentimiento\n\"Ana,F,public,si\n", "participants.import.error.csv"},
		// Excel's sep= line naming a character CSV cannot split on: the quote
		// (found by FuzzParse), a line break's CR, a control character.
		{"sep= a quote", "sep=\"\nnombre,genero,sector,consentimiento\nAna,F,public,si\n", "participants.import.error.separator"},
		{"sep= only a quote", "sep=\"", "participants.import.error.separator"},
		{"sep= two characters", "sep=;;\nnombre;genero;sector;consentimiento\nAna;F;public;si\n", "participants.import.error.separator"},
		{"sep= a control character", "sep=\x01\nnombre\x01genero\x01sector\x01consentimiento\nAna\x01F\x01public\x01si\n", "participants.import.error.separator"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Parse([]byte(tt.data))
			e, ok := model.AsError(err)
			if !ok || e.Msg.Key != tt.key {
				t.Fatalf("err = %v, want %s", err, tt.key)
			}
		})
	}
	_, err := Parse([]byte("nombre,correo\nAna,ana@example.org\n"))
	var mc *MissingColumnsError
	if !errors.As(err, &mc) || fmt.Sprint(mc.Fields) != "[gender sector consent]" {
		t.Errorf("missing columns = %v", err)
	}
}

func TestIgnoredColumnsAreNotRead(t *testing.T) {
	res, err := Parse([]byte("DNI,Nombre,Sexo,Sector,Email,Acepta,Nombre\n12345678,Ana,F,public,ana@example.org,si,Otra\n"))
	if err != nil {
		t.Fatal(err)
	}
	var ignored []string
	for _, c := range res.Columns {
		if c.Field == "" {
			ignored = append(ignored, c.Header)
		}
	}
	if fmt.Sprint(ignored) != "[DNI Nombre]" {
		t.Errorf("ignored columns = %v, want the DNI and the second Nombre", ignored)
	}
	if p := res.Rows[0].Participant; p.Name != "Ana" {
		t.Errorf("name = %q, want the first name column", p.Name)
	}
}

func TestTooManyRows(t *testing.T) {
	var b strings.Builder
	b.WriteString("nombre,genero,sector,correo,consentimiento\n")
	for i := 0; i <= MaxRows; i++ {
		fmt.Fprintf(&b, "P%d,F,public,p%d@example.org,si\n", i, i)
	}
	_, err := Parse([]byte(b.String()))
	if e, ok := model.AsError(err); !ok || e.Msg.Key != "participants.import.error.too_many" {
		t.Fatalf("err = %v", err)
	}
}

func TestUTF16(t *testing.T) {
	s := "nombre\tgénero\tsector\tcorreo\tconsentimiento\nÁngela\tF\tAcademia\ta@example.org\tsí\n"
	u := []byte{0xFF, 0xFE}
	for _, r := range s {
		u = append(u, byte(r), byte(r>>8))
	}
	res, err := Parse(u)
	if err != nil {
		t.Fatal(err)
	}
	if res.Encoding != "utf-16" || res.Separator != '\t' || res.Rows[0].Participant.Name != "Ángela" || len(res.Bad()) != 0 {
		t.Errorf("UTF-16 file: %+v", res)
	}
}

// A process-wide file names each row's workshop by name, city and date,
// matched ignoring case and accents; unknown, ambiguous and undated rows are
// errors on their line.
func TestAssignRowsToWorkshops(t *testing.T) {
	ws := []model.Workshop{
		{ID: "lima", City: "Lima", Date: "2025-05-23"},
		{ID: "piura", City: "Piura", Date: "2025-06-05"},
		{ID: "justicia", City: "Lima", Date: "2025-07-18", Focus: "Justicia Abierta"},
	}
	csv := "nombre;género;sector;correo;consentimiento;taller;ciudad;fecha\n" +
		"Ana;F;público;ana@example.pe;sí;Lima;LIMA;23/05/2025\n" + // line 2
		"Beto;M;público;beto@example.pe;sí;;piura;\n" + // 3: the only Piura
		"Carla;F;público;carla@example.pe;sí;Lima (justicia abierta);;2025-07-18\n" + // 4
		"Dora;F;público;dora@example.pe;sí;Lima;;\n" + // 5: two Limas, no date
		"Eva;F;público;eva@example.pe;sí;Cusco;Cusco;2025-08-01\n" + // 6: unknown
		"Flor;F;público;flor@example.pe;sí;;;\n" + // 7: names none
		"Gina;F;público;gina@example.pe;sí;Lima;Lima;mayo\n" + // 8: no date
		"Hugo;M;público;hugo@example.pe;sí;Taller Piura;Piúra;5/6/2025\n" // 9
	res, err := Parse([]byte(csv))
	if err != nil {
		t.Fatal(err)
	}
	if !res.HasWorkshopColumns() {
		t.Fatal("the workshop columns were not recognized")
	}
	counts := res.Assign(ws)
	if counts["lima"] != 1 || counts["piura"] != 2 || counts["justicia"] != 1 || len(counts) != 3 {
		t.Errorf("counts = %v", counts)
	}
	want := map[int]string{5: "participants.import.error.ambiguous_workshop", 6: "participants.import.error.unknown_workshop",
		7: "participants.import.error.no_workshop", 8: "participants.import.error.bad_date"}
	for _, r := range res.Rows {
		got := r.Errors["workshop"].Key
		if got != want[r.Line] {
			t.Errorf("line %d: workshop error %q, want %q", r.Line, got, want[r.Line])
		}
	}
	if res.Rows[0].Participant.WorkshopID != "lima" || res.Rows[7].Participant.WorkshopID != "piura" {
		t.Errorf("rows = %+v", res.Rows)
	}
}
