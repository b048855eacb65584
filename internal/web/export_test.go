package web

import (
	"bytes"
	"context"
	"io"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/minka-gob/minka/internal/model"
	"github.com/minka-gob/minka/internal/storetest"
)

const formulaName = `=HYPERLINK("http://x","y")`

// exportRecords records two workshops with participants (one named with a
// formula, checked in; one only registered) and an idea, through the store.
func exportRecords(t *testing.T, e *testEnv) (lima, piura model.Workshop) {
	t.Helper()
	lima = storetest.Workshop(t, e.store, model.Workshop{City: "Lima", Date: "2025-05-23"})
	piura = storetest.Workshop(t, e.store, model.Workshop{City: "Piura", Date: "2025-06-05"})
	table := storetest.Table(t, e.store, model.Table{WorkshopID: lima.ID, Number: 1})
	ana := storetest.Participant(t, e.store, model.Participant{WorkshopID: lima.ID, Name: formulaName, Gender: "female", Sector: "public",
		Organization: "Municipalidad", Email: "ana@example.pe", Phone: "+51 999 111 222"})
	if _, err := e.store.CheckIn(context.Background(), ana.ID, table.ID); err != nil {
		t.Fatal(err)
	}
	storetest.Participant(t, e.store, model.Participant{WorkshopID: piura.ID, Name: "Beto Piurano", Gender: "male", Sector: "academic", Email: "beto@example.pe"})
	storetest.Idea(t, e.store, model.Idea{TableID: table.ID, Title: "Becas en línea", Principle: model.PrincipleTransparency, Chosen: true})
	return lima, piura
}

func openWorkbook(t *testing.T, b []byte) *excelize.File {
	t.Helper()
	f, err := excelize.OpenReader(bytes.NewReader(b))
	if err != nil {
		t.Fatalf("not a workbook: %v", err)
	}
	t.Cleanup(func() { f.Close() })
	return f
}

func cellOf(t *testing.T, f *excelize.File, sheet, cell string) string {
	t.Helper()
	v, err := f.GetCellValue(sheet, cell, excelize.Options{RawCellValue: true})
	if err != nil {
		t.Fatalf("%s!%s: %v", sheet, cell, err)
	}
	return v
}

var attachment = regexp.MustCompile(`^attachment; filename="(minka-[a-z0-9-]+T[0-9]{6}\.xlsx)"$`)

func TestExportPagesAreForTheSecretariat(t *testing.T) {
	e := newTestEnv(t)
	for _, path := range []string{"/admin/exports/", "/admin/exports/participants.csv", "/admin/exports/files/minka-proceso-2026-11-23T150405.xlsx"} {
		resp := e.get(path)
		if resp.StatusCode != http.StatusFound || !strings.HasPrefix(resp.Header.Get("Location"), "/login") {
			t.Errorf("anonymous GET %s: %d %s", path, resp.StatusCode, resp.Header.Get("Location"))
		}
	}
	resp := e.postForm("/admin/exports/", url.Values{"variant": {"full"}})
	if resp.StatusCode != http.StatusFound {
		t.Errorf("anonymous POST: %d", resp.StatusCode)
	}
	e.joinTable(model.RoleRapporteur, "", "X")
	if resp := e.get("/admin/exports/"); resp.StatusCode != http.StatusFound {
		t.Errorf("rapporteur GET: %d", resp.StatusCode)
	}
}

func TestExportPageShowsChoices(t *testing.T) {
	e := newTestEnv(t)
	lima, _ := exportRecords(t, e)
	e.loginAdmin()
	resp := e.get("/admin/exports/")
	wantStatus(t, resp, http.StatusOK)
	body := readBody(t, resp)
	for _, want := range []string{"Exportar a Excel", `name="_csrf"`, `value="` + lima.ID + `"`, "Lima — 23/05/2025",
		`value="public"`, "Todavía no se generó ningún libro.", "/admin/exports/participants.csv", "/exports/public.xlsx"} {
		if !strings.Contains(body, want) {
			t.Errorf("page lacks %q", want)
		}
	}
	if strings.Contains(body, "style=") || strings.Contains(body, "<script>") {
		t.Error("page has inline style or script")
	}
	if body := readBody(t, e.get("/admin/")); !strings.Contains(body, `href="/admin/exports/"`) {
		t.Error("the admin home does not link to the export page")
	}
}

// "Exportar" writes the workbook to the exports folder and downloads it; the
// page then lists it, and it downloads again, byte for byte.
func TestExportCreateSavesAndDownloads(t *testing.T) {
	e := newTestEnv(t)
	exportRecords(t, e)
	e.loginAdmin()
	resp := e.postForm("/admin/exports/", url.Values{"workshop": {""}, "variant": {"full"}})
	wantStatus(t, resp, http.StatusOK)
	if ct := resp.Header.Get("Content-Type"); ct != xlsxType {
		t.Errorf("Content-Type = %q", ct)
	}
	m := attachment.FindStringSubmatch(resp.Header.Get("Content-Disposition"))
	if m == nil || !strings.HasPrefix(m[1], "minka-proceso-") {
		t.Fatalf("Content-Disposition = %q", resp.Header.Get("Content-Disposition"))
	}
	name := m[1]
	body, _ := io.ReadAll(resp.Body)
	saved, err := os.ReadFile(filepath.Join(e.srv.cfg.ExportsDir, name))
	if err != nil || !bytes.Equal(saved, body) {
		t.Fatalf("saved file %s: %v (same bytes: %v)", name, err, bytes.Equal(saved, body))
	}

	f := openWorkbook(t, body)
	if got := cellOf(t, f, "Participantes", "D2"); got != formulaName {
		t.Errorf("participant name = %q", got)
	}
	if formula, _ := f.GetCellFormula("Participantes", "D2"); formula != "" {
		t.Errorf("participant name became formula %q", formula)
	}
	// Table 2 counts who attended; Piura's registration is apart (no fallback).
	for cell, want := range map[string]string{"A4": "TOTAL", "C4": "1", "D4": "0", "E4": "1", "G4": "2", "C3": "0", "G3": "1",
		"H3": "Sin ingresos registrados: 0 asistentes."} {
		if got := cellOf(t, f, "Participantes ciudad y género", cell); got != want {
			t.Errorf("table 2 %s = %q, want %q", cell, got, want)
		}
	}
	// Table 3 counts ideas with a sheet (none yet); the idea recorded at a
	// table is counted below, under its own title.
	if got := cellOf(t, f, "Ideas por principio y ciudad", "B5"); got != "0" {
		t.Errorf("table 3 transparency total = %q", got)
	}
	if got := cellOf(t, f, "Ideas por principio y ciudad", "B12"); got != "1" {
		t.Errorf("captured ideas transparency total = %q", got)
	}

	page := readBody(t, e.get("/admin/exports/"))
	if !strings.Contains(page, "/admin/exports/files/"+name) {
		t.Errorf("the page does not list %s", name)
	}
	again := e.get("/admin/exports/files/" + name)
	wantStatus(t, again, http.StatusOK)
	if b, _ := io.ReadAll(again.Body); !bytes.Equal(b, saved) {
		t.Error("downloading again gave other bytes")
	}
	if cd := again.Header.Get("Content-Disposition"); !strings.Contains(cd, name) {
		t.Errorf("download Content-Disposition = %q", cd)
	}
}

func TestExportPublicVariantOfOneWorkshop(t *testing.T) {
	e := newTestEnv(t)
	lima, _ := exportRecords(t, e)
	e.loginAdmin()
	resp := e.postForm("/admin/exports/", url.Values{"workshop": {lima.ID}, "variant": {"public"}})
	wantStatus(t, resp, http.StatusOK)
	m := attachment.FindStringSubmatch(resp.Header.Get("Content-Disposition"))
	if m == nil || !strings.HasPrefix(m[1], "minka-taller-lima-publico-") {
		t.Fatalf("Content-Disposition = %q", resp.Header.Get("Content-Disposition"))
	}
	body, _ := io.ReadAll(resp.Body)
	assertNoPersonalData(t, openWorkbook(t, body))
}

// assertNoPersonalData fails if any cell shows a participant's name, e-mail,
// phone or organization.
func assertNoPersonalData(t *testing.T, f *excelize.File) {
	t.Helper()
	for _, sheet := range f.GetSheetList() {
		if sheet == "Participantes" || sheet == "Participants" {
			t.Error("public workbook has the participant list")
		}
		rows, err := f.GetRows(sheet)
		if err != nil {
			t.Fatal(err)
		}
		for _, row := range rows {
			for _, v := range row {
				for _, secret := range []string{"HYPERLINK", "Beto Piurano", "example.pe", "999 111", "Municipalidad"} {
					if strings.Contains(v, secret) {
						t.Errorf("%s shows %q", sheet, v)
					}
				}
			}
		}
	}
}

func TestExportCreateRefusesBadChoices(t *testing.T) {
	e := newTestEnv(t)
	exportRecords(t, e)
	e.loginAdmin()
	tests := []struct {
		form url.Values
		want string
	}{
		{url.Values{"variant": {"everything"}}, "Elija una de las opciones."},
		{url.Values{"workshop": {"../../etc"}, "variant": {"full"}}, "Identificador no válido."},
		{url.Values{"workshop": {"00000000-0000-4000-8000-000000000000"}, "variant": {"full"}}, "Uno de los registros elegidos ya no existe."},
	}
	for _, tt := range tests {
		resp := e.postForm("/admin/exports/", tt.form)
		wantStatus(t, resp, http.StatusUnprocessableEntity)
		if body := readBody(t, resp); !strings.Contains(body, tt.want) || !strings.Contains(body, "Revise los campos marcados.") {
			t.Errorf("%v: page lacks %q", tt.form, tt.want)
		}
	}
	entries, _ := os.ReadDir(e.srv.cfg.ExportsDir)
	if len(entries) != 0 {
		t.Errorf("refused exports left %d files", len(entries))
	}
}

func TestExportDownloadServesOnlyExports(t *testing.T) {
	e := newTestEnv(t)
	e.loginAdmin()
	secret := filepath.Join(filepath.Dir(e.srv.cfg.ExportsDir), "secret.xlsx")
	if err := os.WriteFile(secret, []byte("secret"), 0o600); err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"..%2Fsecret.xlsx", "secret.xlsx", "minka-proceso-2026-11-23T150405.xlsx", "%2E%2E"} {
		resp := e.get("/admin/exports/files/" + name)
		if resp.StatusCode != http.StatusNotFound {
			t.Errorf("GET files/%s: %d, want 404", name, resp.StatusCode)
		}
	}
}

func TestParticipantsCSVIsNeutralized(t *testing.T) {
	e := newTestEnv(t)
	lima, _ := exportRecords(t, e)
	e.loginAdmin()
	resp := e.get("/admin/exports/participants.csv")
	wantStatus(t, resp, http.StatusOK)
	if ct := resp.Header.Get("Content-Type"); !strings.HasPrefix(ct, "text/csv") {
		t.Errorf("Content-Type = %q", ct)
	}
	if cd := resp.Header.Get("Content-Disposition"); !regexp.MustCompile(`filename="minka-participantes-[0-9-]+T[0-9]{6}\.csv"`).MatchString(cd) {
		t.Errorf("Content-Disposition = %q", cd)
	}
	body := readBody(t, resp)
	if !strings.Contains(body, `"'=HYPERLINK(""http://x"",""y"")"`) || !strings.Contains(body, "'+51 999 111 222") {
		t.Errorf("CSV fields are not neutralized:\n%s", body)
	}
	if !strings.Contains(body, "Beto Piurano") {
		t.Error("CSV of the whole process lacks Piura's participant")
	}
	one := readBody(t, e.get("/admin/exports/participants.csv?workshop="+lima.ID))
	if strings.Contains(one, "Beto Piurano") || !strings.Contains(one, "HYPERLINK") {
		t.Errorf("CSV of Lima:\n%s", one)
	}
	if resp := e.get("/admin/exports/participants.csv?workshop=00000000-0000-4000-8000-000000000000"); resp.StatusCode != http.StatusNotFound {
		t.Errorf("unknown workshop: %d", resp.StatusCode)
	}
}

func TestPublicWorkbookForAnyone(t *testing.T) {
	e := newTestEnv(t)
	exportRecords(t, e)
	resp := e.get("/exports/public.xlsx?lang=en")
	wantStatus(t, resp, http.StatusOK)
	m := attachment.FindStringSubmatch(resp.Header.Get("Content-Disposition"))
	if m == nil || !strings.HasPrefix(m[1], "minka-process-public-") {
		t.Fatalf("Content-Disposition = %q", resp.Header.Get("Content-Disposition"))
	}
	body, _ := io.ReadAll(resp.Body)
	f := openWorkbook(t, body)
	if got := cellOf(t, f, "Participants by city, gender", "C4"); got != "1" {
		t.Errorf("public table 2 total = %q", got)
	}
	assertNoPersonalData(t, f)
	if entries, _ := os.ReadDir(e.srv.cfg.ExportsDir); len(entries) != 0 {
		t.Error("the public workbook was saved in the exports folder")
	}
	if resp := e.get("/exports/public.xlsx?workshop=nope"); resp.StatusCode != http.StatusUnprocessableEntity {
		t.Errorf("bad workshop: %d", resp.StatusCode)
	}
}
