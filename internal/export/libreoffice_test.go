package export_test

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/minka-gob/minka/internal/export"
	"github.com/minka-gob/minka/internal/pdftest"
	"github.com/minka-gob/minka/internal/testenv"
)

// soffice finds LibreOffice (see testenv.LookPath for what a missing one means).
func soffice(t *testing.T) string {
	t.Helper()
	return testenv.LookPath(t, "soffice", "libreoffice-calc-nogui")
}

// convert runs LibreOffice headless with a fresh profile, converting files
// into outDir with the given filter.
func convert(t *testing.T, bin, profile, outDir, to string, files ...string) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 4*time.Minute)
	defer cancel()
	args := append([]string{"--headless", "--norestore", "--nolockcheck",
		"-env:UserInstallation=file://" + profile, "--convert-to", to, "--outdir", outDir}, files...)
	cmd := exec.CommandContext(ctx, bin, args...)
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	if err := cmd.Run(); err != nil {
		t.Fatalf("soffice --convert-to %s: %v\n%s", to, err, out.String())
	}
	if strings.Contains(out.String(), "Error:") {
		t.Fatalf("soffice reported an error converting to %s:\n%s", to, out.String())
	}
}

// LibreOffice Calc, a real spreadsheet program, must open both variants and
// read the same numbers Minka wrote.
func TestLibreOfficeOpensTheWorkbooks(t *testing.T) {
	bin := soffice(t)
	dir := t.TempDir()
	var files []string
	books := map[string][]byte{}
	for _, v := range []struct {
		name   string
		public bool
	}{{"full.xlsx", false}, {"public.xlsx", true}} {
		var buf bytes.Buffer
		if err := export.Write(&buf, viReport(), export.Options{GeneratedAt: generated, Public: v.public}); err != nil {
			t.Fatal(err)
		}
		path := filepath.Join(dir, v.name)
		if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
		files = append(files, path)
		books[v.name] = buf.Bytes()
	}
	// The control: the full workbook with the wide Ranking sheet no longer
	// fitted to the page, which LibreOffice then prints cut across pages
	// sideways. The check below must see it, or it proves nothing.
	control := unfitted(t, books["full.xlsx"], "Ranking")
	books["control.xlsx"] = control
	files = append(files, filepath.Join(dir, "control.xlsx"))
	if err := os.WriteFile(files[len(files)-1], control, 0o644); err != nil {
		t.Fatal(err)
	}
	profile := filepath.Join(dir, "profile")

	pdfDir := filepath.Join(dir, "pdf")
	convert(t, bin, profile, pdfDir, "pdf", files...)
	pdfs := map[string][]byte{}
	for _, name := range []string{"full", "public", "control"} {
		b, err := os.ReadFile(filepath.Join(pdfDir, name+".pdf"))
		if err != nil {
			t.Fatalf("no PDF from LibreOffice: %v", err)
		}
		if !bytes.HasPrefix(b, []byte("%PDF")) || len(b) < 20_000 {
			t.Errorf("%s.pdf: %d bytes, not a full PDF", name, len(b))
		}
		pdfs[name] = b
	}
	// Each sheet of both workbooks is no wider than one page: measured on
	// the PDF's pages, where each sheet's widest row prints whole.
	for _, name := range []string{"full", "public"} {
		pages, cuts := printedCuts(t, books[name+".xlsx"], pdfs[name])
		t.Logf("%s.pdf: %d pages", name, pages)
		for sheet, why := range cuts {
			t.Errorf("%s workbook, sheet %q prints cut across pages sideways: %s", name, sheet, why)
		}
	}
	if _, cuts := printedCuts(t, control, pdfs["control"]); cuts["Ranking"] == "" || len(cuts) != 1 {
		t.Errorf("the check did not see the control's Ranking sheet printed at full size across pages: %v", cuts)
	}
	checkChartsPrintWhole(t, pdfs["full"])

	// Round trip through Calc's own .xlsx writer: what Calc read is what we wrote.
	backDir := filepath.Join(dir, "back")
	convert(t, bin, profile, backDir, "xlsx:Calc MS Excel 2007 XML", files[0])
	raw, err := os.ReadFile(filepath.Join(backDir, "full.xlsx"))
	if err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(bytes.NewReader(raw))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	back := &workbook{t: t, raw: raw, f: f}
	// Calc read the page setup: each sheet fitted to one page wide (the PDF
	// above has no table cut across pages sideways), landscape where wide,
	// header rows repeated, the footer with the process and page number.
	checkPrintSetup(t, f, "after Calc")
	if !strings.Contains(back.part("xl/charts/chart1.xml"), "<c:pieChart>") ||
		!strings.Contains(back.part("xl/charts/chart2.xml"), `<c:grouping val="stacked"/>`) {
		t.Error("Calc did not keep the two charts (Figure 1 pie, Figure 2 stacked columns)")
	}
	if got := f.GetSheetList(); len(got) != len(spanishSheets) || got[2] != spanishSheets[2] {
		t.Errorf("Calc sees sheets %q", got)
	}
	for _, c := range []struct{ sheet, cell, want string }{
		{"Participantes ciudad y género", "C7", "167"},
		{"Participantes ciudad y género", "E7", "88"},
		{"Ideas por principio y ciudad", "F8", "29"},
		{"Participantes", "D2", injection},
		{"Ranking", "I2", "4.1667"},
		{"Ranking", "P2", "1–2"},
		{"Fichas de ideas", "L3", "4"},
		{"Puntajes", "J2", "=SUM(A1)"},
		{"Matriz de respuesta razonada", "J2", "Compromiso 3"},
		{"Resultado de la priorización", "B8", "3"},
		{"Satisfacción", "C7", "140"},
	} {
		v, err := f.GetCellValue(c.sheet, c.cell)
		if err != nil || v != c.want {
			t.Errorf("after Calc, %s!%s = %q (%v), want %q", c.sheet, c.cell, v, err, c.want)
		}
		if formula, _ := f.GetCellFormula(c.sheet, c.cell); formula != "" {
			t.Errorf("after Calc, %s!%s became formula %q", c.sheet, c.cell, formula)
		}
	}
}

// unfitted returns the workbook with sheet printed at full size, portrait:
// not fitted to the page's width.
func unfitted(t *testing.T, book []byte, sheet string) []byte {
	t.Helper()
	f, err := excelize.OpenReader(bytes.NewReader(book))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	off, portrait, full := false, "portrait", uint(100)
	if err := f.SetSheetProps(sheet, &excelize.SheetPropsOptions{FitToPage: &off}); err != nil {
		t.Fatal(err)
	}
	if err := f.SetPageLayout(sheet, &excelize.PageLayoutOptions{Orientation: &portrait, AdjustTo: &full}); err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := f.Write(&buf); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// squeeze drops all white space, so that a cell's text matches however
// LibreOffice wrapped it into lines.
func squeeze(s string) string {
	return strings.Join(strings.Fields(s), "")
}

// printedCuts reads the PDF LibreOffice made of book and returns its page
// count and, for each sheet printed cut across pages sideways, why. Each
// sheet's pages are those from its bookmark (LibreOffice writes one per
// sheet) to the next. A sheet is whole in width when its widest row (the
// row with the most cells filled among the first 30: the table's header)
// prints on one page — its first and its last cell on the same page — and,
// for a list sheet whose header row repeats on every page, when every page
// shows the header's first and last cell.
func printedCuts(t *testing.T, book, pdf []byte) (int, map[string]string) {
	t.Helper()
	f, err := excelize.OpenReader(bytes.NewReader(book))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	doc, err := pdftest.Open(pdf)
	if err != nil {
		t.Fatal(err)
	}
	marks, err := doc.Outline()
	if err != nil {
		t.Fatal(err)
	}
	sheets := f.GetSheetList()
	var titles []string
	for _, m := range marks {
		titles = append(titles, m.Title)
	}
	if strings.Join(titles, "|") != strings.Join(sheets, "|") {
		t.Fatalf("the PDF's bookmarks %q are not the sheets %q", titles, sheets)
	}
	repeated := map[string]bool{}
	for _, dn := range f.GetDefinedName() {
		if dn.Name == "_xlnm.Print_Titles" {
			repeated[dn.Scope] = true
		}
	}
	text := make([]string, doc.NumPages())
	for i := range text {
		s, err := doc.Text(i)
		if err != nil {
			t.Fatal(err)
		}
		text[i] = squeeze(s)
	}
	cuts := map[string]string{}
	for k, sheet := range sheets {
		from, to := marks[k].Page, doc.NumPages()
		if k+1 < len(marks) {
			to = marks[k+1].Page
		}
		rows, err := f.GetRows(sheet)
		if err != nil {
			t.Fatal(err)
		}
		var widest []string
		for _, row := range rows[:min(len(rows), 30)] {
			var filled []string
			for _, v := range row {
				if squeeze(v) != "" {
					filled = append(filled, squeeze(v))
				}
			}
			if len(filled) > len(widest) {
				widest = filled
			}
		}
		if len(widest) < 2 {
			continue
		}
		first, last := widest[0], widest[len(widest)-1]
		seen := false
		for p := from; p < to; p++ {
			hasFirst, hasLast := strings.Contains(text[p], first), strings.Contains(text[p], last)
			switch {
			case hasFirst && !hasLast && !seen:
				cuts[sheet] = fmt.Sprintf("page %d shows %q but not %q, of the same row", p+1, first, last)
			case repeated[sheet] && !(hasFirst && hasLast):
				cuts[sheet] = fmt.Sprintf("page %d lacks the header row's %q or %q", p+1, first, last)
			}
			seen = seen || hasFirst
		}
		if !seen && cuts[sheet] == "" {
			cuts[sheet] = fmt.Sprintf("no page of the sheet (pages %d–%d) shows %q", from+1, to, first)
		}
	}
	return doc.NumPages(), cuts
}

// checkChartsPrintWhole checks that each chart of the full workbook prints
// whole on one page: its title is on one page of its sheet only, followed
// there by its whole legend (a chart cut by a page break would leave the legend, drawn
// last, on the next page, or repeat the title on both).
func checkChartsPrintWhole(t *testing.T, pdf []byte) {
	t.Helper()
	doc, err := pdftest.Open(pdf)
	if err != nil {
		t.Fatal(err)
	}
	pages := make([]string, doc.NumPages())
	for i := range pages {
		s, err := doc.Text(i)
		if err != nil {
			t.Fatal(err)
		}
		pages[i] = squeeze(s)
	}
	marks, err := doc.Outline()
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		sheet, title string
		legend       []string
	}{
		{"Participantes por sector", "Gráfico N° 1: tipo de participantes", []string{"Sector público", "Sociedad civil", "Academia", "Sector privado", "Organismos internacionales"}},
		{"Ideas por principio y ciudad", "Gráfico N° 2: ideas de solución por principio predominante", []string{"Lima", "Piura", "Iquitos", "Arequipa", "Lima (Justicia Abierta)"}},
	} {
		from, to := -1, len(pages)
		for k, m := range marks {
			if m.Title == c.sheet {
				from = m.Page
				if k+1 < len(marks) {
					to = marks[k+1].Page
				}
			}
		}
		if from < 0 {
			t.Fatalf("no bookmark for sheet %q", c.sheet)
		}
		title := squeeze(c.title)
		var on []int
		for i := from; i < to; i++ {
			if strings.Contains(pages[i], title) {
				on = append(on, i+1)
			}
		}
		if len(on) != 1 {
			t.Errorf("chart %q: its title prints on pages %v, want one", c.title, on)
			continue
		}
		page := pages[on[0]-1]
		after := page[strings.Index(page, title)+len(title):]
		if legend := squeeze(strings.Join(c.legend, "")); !strings.HasPrefix(after, legend) {
			t.Errorf("chart %q on page %d: its legend does not follow its title there: %.80q…", c.title, on[0], after)
		}
	}
}
