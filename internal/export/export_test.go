package export_test

import (
	"archive/zip"
	"bytes"
	"io"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/minka-gob/minka/internal/export"
	"github.com/minka-gob/minka/internal/model"
)

var generated = time.Date(2026, 11, 23, 20, 4, 0, 0, time.UTC) // 15:04 in Lima

// workbook writes r and keeps the bytes and the reopened file.
type workbook struct {
	t   *testing.T
	raw []byte
	f   *excelize.File
}

func write(t *testing.T, r *model.Report, o export.Options) *workbook {
	t.Helper()
	if o.GeneratedAt.IsZero() {
		o.GeneratedAt = generated
	}
	var buf bytes.Buffer
	if err := export.Write(&buf, r, o); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(bytes.NewReader(buf.Bytes()))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { f.Close() })
	return &workbook{t: t, raw: buf.Bytes(), f: f}
}

// raw is the cell's stored value (numbers unformatted).
func (w *workbook) raw1(sheet, cell string) string {
	w.t.Helper()
	v, err := w.f.GetCellValue(sheet, cell, excelize.Options{RawCellValue: true})
	if err != nil {
		w.t.Fatalf("%s!%s: %v", sheet, cell, err)
	}
	return v
}

// want checks cells given as "A1", "value" pairs.
func (w *workbook) want(sheet string, pairs ...string) {
	w.t.Helper()
	for i := 0; i+1 < len(pairs); i += 2 {
		if got := w.raw1(sheet, pairs[i]); got != pairs[i+1] {
			w.t.Errorf("%s!%s = %q, want %q", sheet, pairs[i], got, pairs[i+1])
		}
	}
}

// num checks a numeric cell within 1e-6.
func (w *workbook) num(sheet, cell string, want float64) {
	w.t.Helper()
	got, err := strconv.ParseFloat(w.raw1(sheet, cell), 64)
	if err != nil || got-want > 1e-6 || want-got > 1e-6 {
		w.t.Errorf("%s!%s = %q, want %v", sheet, cell, w.raw1(sheet, cell), want)
	}
}

// part returns a file of the .xlsx package.
func (w *workbook) part(name string) string {
	w.t.Helper()
	z, err := zip.NewReader(bytes.NewReader(w.raw), int64(len(w.raw)))
	if err != nil {
		w.t.Fatal(err)
	}
	for _, f := range z.File {
		if f.Name == name {
			rc, err := f.Open()
			if err != nil {
				w.t.Fatal(err)
			}
			defer rc.Close()
			b, _ := io.ReadAll(rc)
			return string(b)
		}
	}
	return ""
}

// everyCell calls fn for each non-empty cell of every sheet.
func (w *workbook) everyCell(fn func(sheet, cell, value string)) {
	w.t.Helper()
	for _, sheet := range w.f.GetSheetList() {
		rows, err := w.f.GetRows(sheet, excelize.Options{RawCellValue: true})
		if err != nil {
			w.t.Fatal(err)
		}
		for r, row := range rows {
			for c, v := range row {
				if v != "" {
					fn(sheet, cellName(c+1, r+1), v)
				}
			}
		}
	}
}

func cellName(col, row int) string {
	c, _ := excelize.CoordinatesToCellName(col, row)
	return c
}

var tabSelected = regexp.MustCompile(`tabSelected="(1|true)"`)

var spanishSheets = []string{"Portada", "Talleres", "Participantes ciudad y género", "Participantes por sector",
	"Ideas por principio y ciudad", "Participantes", "Perfiles de usuario", "Historias de usuario", "Ideas", "Prototipos",
	"Retroalimentación", "Fichas de ideas", "Puntajes", "Ranking", "Matriz de respuesta razonada", "Resultado de la priorización",
	"Satisfacción"}

func TestWorkbookReproducesThePlanTables(t *testing.T) {
	w := write(t, viReport(), export.Options{})
	if got := w.f.GetSheetList(); strings.Join(got, "|") != strings.Join(spanishSheets, "|") {
		t.Fatalf("sheets = %q\nwant     %q", got, spanishSheets)
	}

	// Cover: what, scope, variant, when (a real date-time: 15:04 Lima on 23/11/2026).
	w.want("Portada", "A1", "Minka — VI Plan de Acción de Estado Abierto 2026-2027",
		"A4", "Alcance", "B4", "Todo el proceso", "A7", "Idioma", "B7", "Español",
		"A8", "Etapa del Foro", "B8", "Resultados publicados: el ranking y la matriz de respuesta razonada son públicos.",
		"A16", "Hoja", "A17", "Talleres", "C17", "5")
	w.num("Portada", "B6", 46349+(15*60+4)/1440.0)
	if v, _ := w.f.GetCellValue("Portada", "B6"); v != "23/11/2026 15:04" {
		t.Errorf("generated shows %q, want 23/11/2026 15:04", v)
	}
	if !strings.Contains(w.raw1("Portada", "B5"), "datos personales") {
		t.Errorf("cover variant = %q", w.raw1("Portada", "B5"))
	}
	if ok, target, _ := w.f.GetCellHyperLink("Portada", "A17"); !ok || target != "'Talleres'!A1" {
		t.Errorf("cover link = %v %q", ok, target)
	}

	// Table 1: dates are Excel dates shown as dd/mm/yyyy.
	w.want("Talleres", "A1", "Taller", "B1", "Ciudad", "C1", "Fecha",
		"A2", "Lima", "C2", "45800", "D2", "Centro MAC Lima Norte", "F2", "Cerrado", "G2", "6",
		"A6", "Lima (Justicia Abierta)", "E6", "Justicia Abierta")
	if v, _ := w.f.GetCellValue("Talleres", "C2"); v != "23/05/2025" {
		t.Errorf("Talleres!C2 shows %q, want 23/05/2025", v)
	}

	// Table 2 with its TOTAL line.
	s := "Participantes ciudad y género"
	w.want(s, "A1", "Taller", "C1", "N° de participantes (asistentes)", "D1", "Hombres", "E1", "Mujeres", "G1", "Inscritos (aparte, no se suman)",
		"A2", "Lima", "B2", "45800", "C2", "48", "D2", "19", "E2", "29", "F2", "0", "G2", "51", "H2", "",
		"A3", "Piura", "C3", "29", "D3", "14", "E3", "15",
		"A4", "Iquitos", "C4", "31", "D4", "19", "E4", "12",
		"A5", "Arequipa", "C5", "27", "D5", "14", "E5", "13", "G5", "27",
		"A6", "Lima (Justicia Abierta)", "C6", "32", "D6", "13", "E6", "19",
		"A7", "TOTAL", "C7", "167", "D7", "79", "E7", "88", "F7", "0", "G7", "170")

	// Figure 1: counts, shares as numbers shown as percentages, a pie chart.
	s = "Participantes por sector"
	w.want(s, "A2", "Sector público", "B2", "95", "A3", "Sociedad civil", "B3", "54", "B4", "9", "B5", "7",
		"A6", "Organismos internacionales", "B6", "2", "A7", "TOTAL", "B7", "167", "C7", "1")
	w.num(s, "C2", 0.569) // as the pages round it: 56.9 %
	w.want(s, "D1", "Inscritos (aparte, no se suman)", "D2", "95", "D5", "10", "D6", "2", "D7", "170")
	if v, _ := w.f.GetCellValue(s, "C2"); v != "56.9%" {
		t.Errorf("%s!C2 shows %q, want 56.9%%", s, v)
	}
	pie := w.part("xl/charts/chart1.xml")
	if !strings.Contains(pie, "<pieChart>") || !strings.Contains(pie, "Gráfico N° 1: tipo de participantes") ||
		!strings.Contains(pie, "Participantes por sector&#39;!$B$2:$B$6") {
		t.Errorf("figure 1 chart is not a pie over the sector counts:\n%.600s", pie)
	}

	// Table 3: systematized ideas by their sheet's principle and city,
	// totals, and Figure 2; the other populations below under their own titles.
	s = "Ideas por principio y ciudad"
	w.want(s, "A1", "Cuadro N° 3: ideas de solución sistematizadas en fichas, por principio predominante de la ficha y ciudad", "B2", "Transparencia y acceso a la información pública", "C2", "Participación ciudadana",
		"D2", "Rendición de cuentas", "E2", "Integridad pública", "F2", "TOTAL",
		"A3", "Lima", "B3", "4", "C3", "3", "D3", "1", "E3", "1", "F3", "9",
		"A4", "Piura", "B4", "2", "C4", "2", "D4", "1", "E4", "0", "F4", "5",
		"A7", "Lima (Justicia Abierta)", "B7", "3", "F7", "6",
		"A8", "TOTAL", "B8", "13", "C8", "10", "D8", "4", "E8", "2", "F8", "29",
		// every idea recorded, below
		"A11", "Otra población (no es el Cuadro N° 3): ideas registradas en las mesas, por el principio que les dio la mesa",
		"A18", "TOTAL", "C18", "39", "F12", "Sin principio", "F18", "0", "G18", "58",
		"A21", "Otra población (no es el Cuadro N° 3): ideas elegidas por las mesas, por el principio que les dio la mesa",
		"A28", "TOTAL", "G28", "29")
	bars := w.part("xl/charts/chart2.xml")
	if !strings.Contains(bars, `<barDir val="col">`) || !strings.Contains(bars, `<grouping val="stacked">`) ||
		strings.Count(bars, "<ser>") != 5 {
		t.Errorf("figure 2 is not a stacked column chart with one series per workshop:\n%.600s", bars)
	}

	// Lists: place (workshop, city, table) and time on every contribution.
	w.want("Participantes", "A1", "Taller", "D1", "Nombre", "G1", "Organización", "H1", "Correo electrónico",
		"A2", "Lima", "B2", "Lima", "C2", "1", "D2", injection, "E2", "Hombre", "F2", "Sector público",
		"G2", "+Organización", "I2", "-51 999", "J2", "Formulario")
	w.num("Participantes", "L2", 45800+(9*60+0)/1440.0) // checked in 14:00 UTC = 09:00 Lima
	w.want("Perfiles de usuario", "A2", "Lima", "C2", "1", "D2", "Joven rural", "E2", "Dolor", "F2", "No sabe dónde encontrar becas")
	w.want("Historias de usuario", "D2", "joven rural", "E2", "ver las becas en mi idioma", "F2", "pueda postular a tiempo")
	w.want("Ideas", "D2", "Capacidades ciudadanas", "E2", "Idea Lima 0", "F2", "Una idea larga\ncon dos líneas",
		"G2", "Transparencia y acceso a la información pública", "H2", "Sí", "I2", "4", "J2", "4.25", "K2", "3.5",
		"E3", "Descartada Lima 0", "H3", "No", "I3", "0", "J3", "")
	w.want("Prototipos", "D2", "Idea Lima 0", "E2", "Maqueta de la app", "F2", "Se agregó audio")
	w.want("Retroalimentación", "D2", "Idea Lima 0", "E2", "Sugerencia", "F2", "@todos: agregar quechua")
	w.num("Retroalimentación", "G2", 45800+(13*60+10)/1440.0)

	// Idea sheets: seven fields and lineage, numbers as numbers.
	w.want("Fichas de ideas", "A1", "N° de ficha", "C1", "1. Nombre de la idea", "I1", "7. Posibles responsables",
		"A2", "1", "C2", "Citas en línea", "I2", "MINSA", "J2", "Idea Lima 0 (Lima, mesa 1)", "K2", "", "L2", "",
		"A3", "2", "L3", "4", "A5", "4", "K5", "2", "J5", "Idea Piura 0 (Piura, mesa 2)")

	// Scores: member × sheet, five criteria with weights, recusal marked.
	w.want("Puntajes", "A1", "N° de ficha", "C1", "Miembro del Foro", "E1", "Relevancia pública (peso 1)", "F1", "Impacto (peso 2)",
		"A2", "1", "C2", "Ana Forum", "D2", "Proética", "E2", "5", "F2", "4", "I2", "5", "J2", "=SUM(A1)", "K2", "No",
		"C3", "Beto Forum", "E3", "", "I3", "", "J3", "Conflicto de interés", "K3", "Sí")

	// Ranking: best first whatever the input order, cut-off marked, an
	// unscored sheet without rank, weighted score or means.
	w.want("Ranking", "A1", "Puesto", "B1", "N° de ficha", "D1", "Relevancia pública: promedio (peso 1)", "I1", "Puntaje ponderado",
		"K1", "Inhibiciones", "M1", "En debate (dispersión ≥ 1)", "Q1", "Sobre el corte", "R1", "Corte sensible (pesos ±20 %)",
		"A2", "1", "B2", "1", "D2", "5", "E2", "4", "I2", "4.166667", "J2", "1", "K2", "1", "L2", "0.5", "M2", "No",
		"N2", "1", "O2", "2", "P2", "1–2", "Q2", "Sí", "R2", "Sí",
		"A3", "2", "B3", "3", "I3", "2.833333", "P3", "2", "Q3", "No", "R3", "No",
		"A4", "", "B4", "4", "D4", "", "I4", "", "J4", "0", "P4", "3")

	// Reasoned response matrix: one line per idea, decisions translated.
	w.want("Matriz de respuesta razonada", "A1", "Taller", "D1", "Idea", "J1", "Decisión", "M1", "Fundamento", "N1", "Entidad responsable",
		"A2", "Lima", "C2", "1", "D2", "Idea Lima 0", "F2", "1", "G2", "1", "H2", "1", "J2", "Compromiso 3", "K2", "3", "N2", "MINSA",
		"D3", "Idea Piura 0", "F3", "2", "G3", "4", "H3", "", "J3", "Fusionada en otra idea", "L3", "1",
		"J4", "No priorizada", "M4", "-Baja viabilidad financiera")
	w.want("Resultado de la priorización", "A2", "Ideas priorizadas (incluye las de compromisos)", "B2", "1", "B3", "1", "B4", "1",
		"B5", "1", "B6", "1", "B7", "0", "A8", "TOTAL de ideas", "B8", "3")

	// Satisfaction: averages computed from the distribution, pooled total.
	s = "Satisfacción"
	w.want(s, "A2", "Lima", "C2", "26", "E2", "0", "G2", "1", "H2", "5", "I2", "20", "A7", "TOTAL", "C7", "140")
	w.num(s, "D2", (3+4*5+5*20)/26.0)
	w.num(s, "D7", float64(5*3+4*(5+6+7+8+9)+5*100)/140)
}

// A participant named =HYPERLINK(…) must stay text: no cell anywhere in the
// workbook may hold a formula.
func TestUserTextIsNeverAFormula(t *testing.T) {
	w := write(t, viReport(), export.Options{})
	if got := w.raw1("Participantes", "D2"); got != injection {
		t.Fatalf("name cell = %q", got)
	}
	cells := 0
	w.everyCell(func(sheet, cell, value string) {
		cells++
		if f, err := w.f.GetCellFormula(sheet, cell); err != nil || f != "" {
			t.Errorf("%s!%s holds formula %q (%v)", sheet, cell, f, err)
		}
	})
	if cells < 1000 {
		t.Fatalf("only %d cells checked", cells)
	}
	for i := 1; ; i++ {
		x := w.part("xl/worksheets/sheet" + strconv.Itoa(i) + ".xml")
		if x == "" {
			break
		}
		if strings.Contains(x, "<f>") || strings.Contains(x, "<f ") {
			t.Errorf("sheet%d.xml contains a formula element", i)
		}
	}
}

// Every sheet has a bold, frozen header row with a filter.
func TestSheetsHaveFrozenFilteredHeaders(t *testing.T) {
	w := write(t, viReport(), export.Options{})
	filter := regexp.MustCompile(`<autoFilter ref="\$?A\$?1:\$?[A-Z]+\$?[0-9]+"`)
	for i, sheet := range w.f.GetSheetList() {
		if i == 0 || sheet == "Ideas por principio y ciudad" {
			continue // the cover, and Table 3 whose header is its second row (checked below)
		}
		panes, err := w.f.GetPanes(sheet)
		if err != nil || !panes.Freeze || panes.YSplit != 1 {
			t.Errorf("%s: panes = %+v, %v; want the first row frozen", sheet, panes, err)
		}
		x := w.part("xl/worksheets/sheet" + strconv.Itoa(i+1) + ".xml")
		if !filter.MatchString(x) {
			t.Errorf("%s: no autofilter on the header row", sheet)
		}
		style, err := w.f.GetCellStyle(sheet, "A1")
		if err != nil {
			t.Fatal(err)
		}
		st, err := w.f.GetStyle(style)
		if err != nil || st.Font == nil || !st.Font.Bold {
			t.Errorf("%s!A1 is not bold (style %d: %+v)", sheet, style, st)
		}
	}
	// Only the cover is selected: two selected tabs open grouped in Excel.
	selected := 0
	for i := range w.f.GetSheetList() {
		selected += len(tabSelected.FindAllString(w.part("xl/worksheets/sheet"+strconv.Itoa(i+1)+".xml"), -1))
	}
	if selected != 1 || !tabSelected.MatchString(w.part("xl/worksheets/sheet1.xml")) {
		t.Errorf("%d sheets are selected, want only the cover", selected)
	}
	if panes, _ := w.f.GetPanes("Ideas por principio y ciudad"); !panes.Freeze || panes.YSplit != 2 {
		t.Errorf("table 3 panes = %+v", panes)
	}
	// Long text wraps, dates have a date format, shares a percentage format.
	for _, c := range []struct{ sheet, cell, fmt string }{
		{"Talleres", "C2", "dd/mm/yyyy"},
		{"Ideas", "L2", "dd/mm/yyyy hh:mm"},
		{"Participantes por sector", "C2", "0.0%"},
		{"Ranking", "I2", "0.0000"}, // enough decimals that near-ties do not look equal
		{"Matriz de respuesta razonada", "I2", "0.0000"},
	} {
		id, _ := w.f.GetCellStyle(c.sheet, c.cell)
		st, err := w.f.GetStyle(id)
		if err != nil || st.CustomNumFmt == nil || *st.CustomNumFmt != c.fmt {
			t.Errorf("%s!%s format = %+v, want %s", c.sheet, c.cell, st, c.fmt)
		}
	}
	id, _ := w.f.GetCellStyle("Ideas", "F2")
	if st, _ := w.f.GetStyle(id); st == nil || st.Alignment == nil || !st.Alignment.WrapText {
		t.Errorf("Ideas!F2 (description) does not wrap")
	}
	if width, _ := w.f.GetColWidth("Ideas", "F"); width < 40 {
		t.Errorf("description column width = %v", width)
	}
}

// The public variant has the aggregate tables and the contributions but no
// personal data: no participant list, names, e-mails, phones, organizations
// or Forum member names anywhere.
func TestPublicVariantHasNoPersonalData(t *testing.T) {
	r := viReport()
	w := write(t, r, export.Options{Public: true})
	for _, s := range w.f.GetSheetList() {
		if s == "Participantes" {
			t.Fatal("public workbook has the participant list")
		}
	}
	var personal []string
	for _, p := range r.Participants {
		for _, v := range []string{p.Name, p.Email, p.Phone, p.Organization} {
			if v != "" {
				personal = append(personal, v)
			}
		}
	}
	for _, sc := range r.Scores {
		personal = append(personal, sc.Member)
	}
	w.everyCell(func(sheet, cell, value string) {
		for _, p := range personal {
			if strings.Contains(value, p) {
				t.Errorf("%s!%s = %q reveals %q", sheet, cell, value, p)
			}
		}
		if strings.Contains(value, "@example.pe") {
			t.Errorf("%s!%s = %q holds an e-mail address", sheet, cell, value)
		}
	})
	// The aggregates are the same as in the full workbook.
	w.want("Participantes ciudad y género", "A7", "TOTAL", "C7", "167", "D7", "79", "E7", "88")
	w.want("Participantes por sector", "B2", "95")
	if !strings.Contains(w.raw1("Portada", "B5"), "Pública") {
		t.Errorf("cover variant = %q", w.raw1("Portada", "B5"))
	}
	// The caller's report is left as it was.
	if r.Participants[0].Name != injection || r.Scores[0].Member != "Ana Forum" {
		t.Error("the public variant changed the caller's rows")
	}
}

// The public variant shows the Forum's records only as the public pages do:
// sheets once sent to the Forum, ranking and decisions once the results are
// published, individual scores (members, organizations, observations) never.
func TestPublicVariantFollowsTheForum(t *testing.T) {
	tests := []struct {
		name            string
		forum           model.ForumStatus
		sheets, results bool
		stageOnCover    string
	}{
		{"review", model.ForumStatus{Stage: model.StageReview}, false, false, "Revisión interna"},
		{"scoring", model.ForumStatus{Stage: model.StageScoring, SheetsPublic: true}, true, false, "Calificación del Foro abierta"},
		{"closed", model.ForumStatus{Stage: model.StageClosed, SheetsPublic: true}, true, false, "Calificación cerrada"},
		{"results published", model.ForumStatus{Stage: model.StageClosed, SheetsPublic: true, ResultsPublic: true}, true, true, "Resultados publicados"},
		{"unknown stage", model.ForumStatus{}, false, false, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := viReport()
			r.Forum = tt.forum
			w := write(t, r, export.Options{Public: true})
			has := map[string]bool{}
			for _, s := range w.f.GetSheetList() {
				has[s] = true
			}
			if has["Puntajes"] || has["Participantes"] {
				t.Error("public workbook has individual scores or the participant list")
			}
			if has["Fichas de ideas"] != tt.sheets {
				t.Errorf("idea sheets present = %v, want %v", has["Fichas de ideas"], tt.sheets)
			}
			for _, s := range []string{"Ranking", "Matriz de respuesta razonada", "Resultado de la priorización"} {
				if has[s] != tt.results {
					t.Errorf("%s present = %v, want %v", s, has[s], tt.results)
				}
			}
			if tt.results {
				w.want("Ranking", "A2", "1", "I2", "4.166667")
				w.want("Matriz de respuesta razonada", "J2", "Compromiso 3", "M2", "Alta relevancia y viabilidad")
			}
			w.everyCell(func(sheet, cell, value string) {
				for _, secret := range []string{"Ana Forum", "Beto Forum", "Proética", "PCM", "=SUM(A1)", "Conflicto de interés"} {
					if strings.Contains(value, secret) {
						t.Errorf("%s!%s = %q reveals %q", sheet, cell, value, secret)
					}
				}
				if !tt.sheets && (strings.Contains(value, "Citas por teléfono") || strings.Contains(value, "SENAJU")) {
					t.Errorf("%s!%s = %q shows an unpublished sheet", sheet, cell, value)
				}
			})
			cover := strings.Join(coverText(w), "\n")
			if tt.stageOnCover != "" && !strings.Contains(cover, tt.stageOnCover) {
				t.Errorf("cover lacks the stage %q:\n%s", tt.stageOnCover, cover)
			}
			if !strings.Contains(cover, "no incluye puntajes individuales") {
				t.Errorf("cover does not say what the public version leaves out:\n%s", cover)
			}
		})
	}
}

// coverText is every text cell of the cover.
func coverText(w *workbook) []string {
	rows, err := w.f.GetRows("Portada")
	if err != nil {
		w.t.Fatal(err)
	}
	var out []string
	for _, row := range rows {
		out = append(out, row...)
	}
	return out
}

func TestWorkbookInEnglishAndForOneWorkshop(t *testing.T) {
	r := viReport()
	r.Workshop = &r.Workshops[4]
	w := write(t, r, export.Options{Lang: "en"})
	list := w.f.GetSheetList()
	if list[0] != "Cover" || list[2] != "Participants by city, gender" || list[14] != "Reasoned response matrix" {
		t.Errorf("sheets = %q", list)
	}
	w.want("Cover", "B4", "Workshop Lima (Justicia Abierta) — 18 Jul 2025", "B7", "English")
	w.want("Participants by city, gender", "D1", "Men", "E1", "Women", "A2", "Lima (Justicia Abierta)", "A3", "TOTAL", "C3", "32")
	if v, _ := w.f.GetCellValue("Workshops", "C2"); v != "23 May 2025" {
		t.Errorf("English date shows %q", v)
	}
}

func TestEmptyReportStillMakesAWorkbook(t *testing.T) {
	w := write(t, &model.Report{}, export.Options{})
	w.want("Participantes ciudad y género", "A2", "TOTAL", "C2", "0")
	w.want("Participantes por sector", "B7", "0", "C7", "0")
	w.want("Ranking", "A1", "Puesto", "A2", "")
	if w.part("xl/charts/chart1.xml") != "" {
		t.Error("a chart was drawn over no data")
	}
}

func TestParticipantsCSVNeutralizesFormulas(t *testing.T) {
	var buf bytes.Buffer
	r := viReport()
	if err := export.WriteParticipantsCSV(&buf, r.Participants[:2], "es"); err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimPrefix(buf.String(), "\uFEFF"), "\r\n")
	if !strings.HasPrefix(lines[0], "Taller,Ciudad,Mesa,Nombre,Género,Sector,Organización,Correo electrónico,Teléfono") {
		t.Errorf("header = %q", lines[0])
	}
	want := `Lima,Lima,1,"'=HYPERLINK(""http://x"",""y"")",Hombre,Sector público,'+Organización,persona0@example.pe,'-51 999,Formulario,2025-05-21 09:00,2025-05-23 09:00`
	if lines[1] != want {
		t.Errorf("row = %q\nwant  %q", lines[1], want)
	}
}

// A large list sheet (past excelize's 16 MiB in-memory buffer, so spilled
// to a temporary file) comes out whole: every row, in order.
func TestLargeSheetKeepsEveryRow(t *testing.T) {
	if testing.Short() {
		t.Skip("writes a 20 MiB sheet")
	}
	// 9,000 ideas with the longest descriptions allowed: about 20 MiB of XML.
	r := &model.Report{}
	long := strings.Repeat("Una ventanilla digital única para consultar becas. ", 40)[:2000]
	for i := 0; i < 9000; i++ {
		r.Ideas = append(r.Ideas, model.IdeaRow{Place: model.Place{WorkshopID: "w", Workshop: "Lima", City: "Lima", Table: 1 + i%8},
			Title: "Idea " + strconv.Itoa(i), Description: long, Principle: model.PrincipleTransparency, CreatedAt: generated})
	}
	var buf bytes.Buffer
	if err := export.Write(&buf, r, export.Options{GeneratedAt: generated}); err != nil {
		t.Fatal(err)
	}
	w := &workbook{t: t, raw: buf.Bytes()}
	// Ideas is the 9th sheet created: cover, 4 aggregate sheets, participants,
	// profiles, stories, ideas. Scan its XML rather than parse it (fast under -race).
	x := w.part("xl/worksheets/sheet9.xml")
	if !strings.Contains(x, "<t>Idea</t>") {
		t.Fatalf("sheet9.xml is not the Ideas sheet")
	}
	if n := strings.Count(x, "<row "); n != len(r.Ideas)+1 {
		t.Errorf("Ideas has %d rows, want %d + header", n, len(r.Ideas))
	}
	at := 0
	for i, d := range r.Ideas {
		j := strings.Index(x[at:], "<t>"+d.Title+"</t>")
		if j < 0 {
			t.Fatalf("idea %d (%s) missing or out of order", i, d.Title)
		}
		at += j + 1
	}
	if !strings.HasSuffix(x, "</worksheet>") {
		t.Error("the Ideas sheet is cut short")
	}
	f, err := excelize.OpenReader(bytes.NewReader(buf.Bytes()))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if got, _ := f.GetCellValue("Portada", "C23"); got != "9000" {
		t.Errorf("the cover counts %q ideas", got)
	}
}
