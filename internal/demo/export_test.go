package demo_test

import (
	"bytes"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/minka-gob/minka/internal/demo"
	"github.com/minka-gob/minka/internal/export"
	"github.com/minka-gob/minka/internal/store"
	"github.com/minka-gob/minka/internal/storetest"
	"github.com/minka-gob/minka/internal/testenv"
)

// demoWorkbook loads the demo into a new database and exports it as
// `minka export` does.
func demoWorkbook(t *testing.T, public bool) (*store.Store, []byte) {
	t.Helper()
	st := storetest.Open(t)
	ctx := context.Background()
	if _, err := demo.Load(ctx, st); err != nil {
		t.Fatal(err)
	}
	r, err := st.Report(ctx, "")
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := export.Write(&buf, r, export.Options{Public: public, GeneratedAt: time.Date(2026, 11, 23, 20, 0, 0, 0, time.UTC)}); err != nil {
		t.Fatal(err)
	}
	return st, buf.Bytes()
}

func open(t *testing.T, b []byte) *excelize.File {
	t.Helper()
	f, err := excelize.OpenReader(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { f.Close() })
	return f
}

func want(t *testing.T, f *excelize.File, sheet string, pairs ...string) {
	t.Helper()
	for i := 0; i+1 < len(pairs); i += 2 {
		got, err := f.GetCellValue(sheet, pairs[i], excelize.Options{RawCellValue: true})
		if err != nil || got != pairs[i+1] {
			t.Errorf("%s!%s = %q (%v), want %q", sheet, pairs[i], got, err, pairs[i+1])
		}
	}
}

func rows(t *testing.T, f *excelize.File, sheet string) int {
	t.Helper()
	rs, err := f.GetRows(sheet)
	if err != nil {
		t.Fatal(err)
	}
	return len(rs) - 1 // without the header
}

// `minka demo` exported: the VI plan's own numbers come out of the records —
// Table 2 (167 = 79 + 88), Table 3 (29 ideas: 13/10/4/2), 18 of the ideas
// prioritized, 11 commitments, satisfaction 4.7.
func TestDemoWorkbookHasThePlansNumbers(t *testing.T) {
	_, b := demoWorkbook(t, false)
	f := open(t, b)
	want(t, f, "Participantes ciudad y género", "A7", "TOTAL", "C7", "167", "D7", "79", "E7", "88")
	want(t, f, "Ideas por principio y ciudad", "A8", "TOTAL", "B8", "13", "C8", "10", "D8", "4", "E8", "2", "F8", "29")
	want(t, f, "Resultado de la priorización",
		"A2", "Ideas priorizadas (incluye las de compromisos)", "B2", "18",
		"B3", "12", // ideas in the 11 commitments (two merged into commitment 11)
		"A4", "Compromisos (cada uno reúne una o más ideas)", "B4", "11",
		"B5", "1", "B6", "10", "B7", "0", "A8", "TOTAL de ideas", "B8", "29")
	if n := rows(t, f, "Matriz de respuesta razonada"); n != 29 {
		t.Errorf("the matrix has %d lines, want one per idea: 29", n)
	}
	if n := rows(t, f, "Fichas de ideas"); n != 30 {
		t.Errorf("%d idea sheets, want 30 (29 + 1 merged)", n)
	}
	if n := rows(t, f, "Ranking"); n != 28 {
		t.Errorf("%d ranked sheets, want 28", n)
	}
	// The cut-off (18) is marked on the first 18 ranks.
	want(t, f, "Ranking", "A19", "18", "Q19", "Sí", "A20", "19", "Q20", "No")
	// Commitments with their responsible entities; the 11 numbers 1..11.
	commitments := map[string]bool{}
	mrows, _ := f.GetRows("Matriz de respuesta razonada")
	for _, r := range mrows[1:] {
		if len(r) > 10 && r[10] != "" {
			commitments[r[10]] = true
			if len(r) < 14 || r[13] == "" {
				t.Errorf("commitment %s without its responsible entity: %q", r[10], r)
			}
		}
	}
	for i := 1; i <= 11; i++ {
		if !commitments[strconv.Itoa(i)] {
			t.Errorf("commitment %d missing from the matrix (have %v)", i, commitments)
		}
	}
	// Satisfaction: 150 answers averaging the plan's 4.7.
	want(t, f, "Satisfacción", "A7", "TOTAL", "C7", "150")
	if v, _ := f.GetCellValue("Satisfacción", "D7"); v != "4.70" {
		t.Errorf("satisfaction average shows %q, want 4.70", v)
	}
	// Ten members' counted scores (the drafts never count), three recusals.
	srows, _ := f.GetRows("Puntajes")
	recused := 0
	for _, r := range srows[1:] {
		if len(r) > 10 && r[10] == "Sí" {
			recused++
		}
	}
	if recused != 3 {
		t.Errorf("%d recusals in the scores, want 3", recused)
	}
}

// The demo's results are published, so its public workbook has the ranking
// and the matrix, but never member names or observations.
func TestDemoPublicWorkbook(t *testing.T) {
	st, b := demoWorkbook(t, true)
	f := open(t, b)
	has := map[string]bool{}
	for _, s := range f.GetSheetList() {
		has[s] = true
	}
	if has["Puntajes"] || has["Participantes"] || !has["Ranking"] || !has["Matriz de respuesta razonada"] {
		t.Fatalf("public sheets = %v", f.GetSheetList())
	}
	want(t, f, "Resultado de la priorización", "B2", "18", "B4", "11")
	members, err := st.ForumMembers(context.Background())
	if err != nil || len(members) != 10 {
		t.Fatalf("members: %d %v", len(members), err)
	}
	// Organizations are public bodies that may well be responsible parties
	// of a sheet; the members' names and their observations are never shown.
	var secrets []string
	for _, m := range members {
		secrets = append(secrets, m.Name)
	}
	sheets, err := st.ActiveSheets(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	for _, sh := range sheets {
		obs, err := st.SheetObservations(context.Background(), sh.ID)
		if err != nil {
			t.Fatal(err)
		}
		for _, o := range obs {
			secrets = append(secrets, o.Text)
		}
	}
	if len(secrets) < 12 {
		t.Fatalf("only %d names and observations to look for", len(secrets))
	}
	for _, sheet := range f.GetSheetList() {
		rs, _ := f.GetRows(sheet)
		for _, r := range rs {
			for _, v := range r {
				for _, secret := range secrets {
					if strings.Contains(v, secret) {
						t.Errorf("public %s shows %q: %q", sheet, secret, v)
					}
				}
			}
		}
	}
}

// The demo workbook, every Forum sheet filled, opens in LibreOffice Calc
// (scripts/check-xlsx.sh converts it to PDF headless).
func TestDemoWorkbookOpensInLibreOffice(t *testing.T) {
	if testing.Short() {
		t.Skip("LibreOffice takes a while")
	}
	testenv.LookPath(t, "soffice", "libreoffice-calc-nogui")
	dir := t.TempDir()
	for _, v := range []struct {
		name   string
		public bool
	}{{"demo-full.xlsx", false}, {"demo-public.xlsx", true}} {
		_, b := demoWorkbook(t, v.public)
		path := filepath.Join(dir, v.name)
		if err := os.WriteFile(path, b, 0o644); err != nil {
			t.Fatal(err)
		}
		script, _ := filepath.Abs("../../scripts/check-xlsx.sh")
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
		out, err := exec.CommandContext(ctx, "bash", script, path).CombinedOutput()
		cancel()
		if err != nil || !strings.HasPrefix(string(out), "ok ") {
			t.Errorf("check-xlsx.sh %s: %v\n%s", v.name, err, out)
		}
	}
}
