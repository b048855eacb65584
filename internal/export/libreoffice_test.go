package export_test

import (
	"bytes"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/minka-gob/minka/internal/export"
	"github.com/minka-gob/minka/internal/testenv"
)

// pdfPage finds a page object of a PDF.
var pdfPage = regexp.MustCompile(`/Type\s*/Page[^s]`)

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
	}
	profile := filepath.Join(dir, "profile")

	pdfDir := filepath.Join(dir, "pdf")
	convert(t, bin, profile, pdfDir, "pdf", files...)
	for _, name := range []string{"full.pdf", "public.pdf"} {
		b, err := os.ReadFile(filepath.Join(pdfDir, name))
		if err != nil {
			t.Fatalf("no PDF from LibreOffice: %v", err)
		}
		if !bytes.HasPrefix(b, []byte("%PDF")) || len(b) < 20_000 {
			t.Errorf("%s: %d bytes, not a full PDF", name, len(b))
		}
		t.Logf("%s: %d pages", name, len(pdfPage.FindAll(b, -1)))
	}

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
