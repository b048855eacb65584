package web

import (
	"context"
	"encoding/csv"
	"io"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/minka-gob/minka"
	"github.com/minka-gob/minka/internal/model"
	"github.com/minka-gob/minka/internal/store"
	"github.com/minka-gob/minka/internal/storetest"
)

// adminCtx is a context whose writes are attributed to the test admin.
func (e *testEnv) adminID() string {
	e.t.Helper()
	sess, err := e.store.Session(context.Background(), e.cookies[sessionCookie])
	if err != nil {
		e.t.Fatal(err)
	}
	return sess.AdminID
}

func (e *testEnv) workshopAndTable(city string) (model.Workshop, model.Table) {
	e.t.Helper()
	w := storetest.Workshop(e.t, e.store, model.Workshop{City: city})
	return w, storetest.Table(e.t, e.store, model.Table{WorkshopID: w.ID})
}

func TestAuditPageShowsChangesByTheirAuthors(t *testing.T) {
	e := newTestEnv(t)
	e.loginAdmin()
	// A change made through a request carries the admin as its author.
	_, tb := e.workshopAndTable("Cusco")
	wantStatus(t, e.postForm("/admin/tables/"+tb.ID+"/codes/regenerate", url.Values{"role": {"participant"}}), http.StatusSeeOther)

	resp := e.get("/admin/audit?table=workshop_tables")
	wantStatus(t, resp, http.StatusOK)
	body := readBody(t, resp)
	for _, want := range []string{"Bitácora de cambios", "Modificación", "Creación", "Secretaría · secretaria", "participant_code", store.Changed} {
		if !strings.Contains(body, want) {
			t.Errorf("audit page lacks %q", want)
		}
	}
	if strings.Contains(body, tb.ParticipantCode) {
		t.Error("the audit page shows a join code")
	}
	// The filter by role hides the system's seed.
	body = readBody(t, e.get("/admin/audit?role=system&table=problems"))
	if !strings.Contains(body, "Capacidades ciudadanas") {
		t.Error("system filter lacks the seeded problems")
	}
	body = readBody(t, e.get("/admin/audit?role=admin&table=problems"))
	if strings.Contains(body, "Capacidades ciudadanas") {
		t.Error("role filter did not filter")
	}
	// A bad date is a translated message next to its field, not an error page.
	resp = e.get("/admin/audit?from=2025-02-31")
	wantStatus(t, resp, http.StatusUnprocessableEntity)
	if !strings.Contains(readBody(t, resp), "Use una fecha válida") {
		t.Error("bad date message missing")
	}
}

func TestAuditPaginationAndDates(t *testing.T) {
	e := newTestEnv(t)
	e.loginAdmin()
	for i := 0; i < store.AuditPageSize+1; i++ {
		w := model.Workshop{City: "Lima", Date: "2025-05-23"}
		if err := e.store.CreateWorkshop(context.Background(), &w); err != nil {
			t.Fatal(err)
		}
	}
	body := readBody(t, e.get("/admin/audit?table=workshops"))
	if !strings.Contains(body, "Página 1 de 2") || !strings.Contains(body, `href="/admin/audit?page=2&amp;table=workshops"`) {
		t.Errorf("pagination missing:\n%s", body)
	}
	body = readBody(t, e.get("/admin/audit?table=workshops&page=2"))
	if !strings.Contains(body, "Página 2 de 2") {
		t.Error("page 2 missing")
	}
	body = readBody(t, e.get("/admin/audit?table=workshops&to=2000-01-01"))
	if !strings.Contains(body, "No hay anotaciones") {
		t.Error("date filter did not filter")
	}
}

func TestAuditExportIsSafeCSV(t *testing.T) {
	e := newTestEnv(t)
	e.loginAdmin()
	w := model.Workshop{City: `=HYPERLINK("http://evil.example","x")`, Date: "2025-05-23"}
	if err := e.store.CreateWorkshop(context.Background(), &w); err != nil {
		t.Fatal(err)
	}
	resp := e.get("/admin/audit/export?table=workshops")
	wantStatus(t, resp, http.StatusOK)
	if ct := resp.Header.Get("Content-Type"); !strings.HasPrefix(ct, "text/csv") {
		t.Errorf("content type %q", ct)
	}
	r := csv.NewReader(strings.NewReader(strings.TrimPrefix(readBody(t, resp), "\uFEFF")))
	records, err := r.ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if len(records) != 2 || records[0][0] != "id" || records[1][5] != "workshops" || records[1][6] != w.ID {
		t.Fatalf("records = %q", records)
	}
	for _, rec := range records {
		for _, f := range rec {
			if strings.HasPrefix(f, "=") {
				t.Errorf("a field starts with '=': %q", f)
			}
		}
	}
	// Exporting is itself recorded.
	entries, _, _ := e.store.AuditLog(context.Background(), model.AuditFilter{}, store.AuditRange{})
	if entries[0].Action != model.AuditExport || entries[0].ActorID != e.adminID() {
		t.Errorf("last entry = %+v, want the export by the admin", entries[0])
	}
}

func TestBackupDownload(t *testing.T) {
	e := newTestEnv(t)
	e.loginAdmin()
	w, _ := e.workshopAndTable("Huancayo")
	resp := e.postForm("/admin/backup", nil)
	wantStatus(t, resp, http.StatusOK)
	if cd := resp.Header.Get("Content-Disposition"); !strings.Contains(cd, "attachment") || !strings.Contains(cd, ".sqlite") {
		t.Errorf("Content-Disposition = %q", cd)
	}
	dst := filepath.Join(t.TempDir(), "download.sqlite")
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(dst, b, 0o600); err != nil {
		t.Fatal(err)
	}
	if _, err := store.VerifyBackup(context.Background(), dst, minka.Migrations); err != nil {
		t.Fatalf("downloaded backup does not verify: %v", err)
	}
	st, err := store.Open(dst, minka.Migrations, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	if got, err := st.Workshop(context.Background(), w.ID); err != nil || got.City != "Huancayo" {
		t.Errorf("backup lacks the workshop: %v", err)
	}
	// No copy is left beside the database.
	left, _ := filepath.Glob(filepath.Join(filepath.Dir(e.store.Path()), ".backup-*"))
	if len(left) > 0 {
		t.Errorf("temporary backup left behind: %v", left)
	}
	entries, _, _ := e.store.AuditLog(context.Background(), model.AuditFilter{}, store.AuditRange{})
	if entries[0].Action != model.AuditBackup || entries[0].ActorRole != model.RoleAdmin {
		t.Errorf("the download is not in the audit log: %+v", entries[0])
	}
	// A GET (a link, an image tag on another site) cannot trigger one.
	wantStatus(t, e.get("/admin/backup"), http.StatusNotFound)
}

func TestChangeOwnPassword(t *testing.T) {
	e := newTestEnv(t)
	e.loginAdmin()
	resp := e.postForm("/admin/account/password", url.Values{"current": {"equivocada-123"}, "new": {"nueva-clave-larga"}, "confirm": {"nueva-clave-larga"}})
	wantStatus(t, resp, http.StatusUnprocessableEntity)
	if body := readBody(t, resp); !strings.Contains(body, "La contraseña actual no es correcta.") || !strings.Contains(body, `aria-invalid="true"`) {
		t.Error("wrong current password: message missing")
	}
	resp = e.postForm("/admin/account/password", url.Values{"current": {"contraseña-segura"}, "new": {"corta"}, "confirm": {"corta"}})
	wantStatus(t, resp, http.StatusUnprocessableEntity)
	if !strings.Contains(readBody(t, resp), "al menos 10 caracteres") {
		t.Error("short password: message missing")
	}
	resp = e.postForm("/admin/account/password", url.Values{"current": {"contraseña-segura"}, "new": {"nueva-clave-larga"}, "confirm": {"nueva-clave-larga"}})
	wantStatus(t, resp, http.StatusSeeOther)
	if _, err := e.store.CheckAdminPassword(context.Background(), "secretaria", "nueva-clave-larga"); err != nil {
		t.Error("the new password does not work")
	}
	if body := readBody(t, e.get("/admin/account?done=password")); !strings.Contains(body, "Contraseña cambiada") {
		t.Error("no confirmation shown")
	}
}

func TestCreateAnotherAdmin(t *testing.T) {
	e := newTestEnv(t)
	e.loginAdmin()
	resp := e.postForm("/admin/admins", url.Values{"username": {"secretaria"}, "password": {"otra-clave-larga"}, "confirm": {"otra-clave-larga"}})
	wantStatus(t, resp, http.StatusUnprocessableEntity)
	if !strings.Contains(readBody(t, resp), "Ese nombre de usuario ya existe.") {
		t.Error("duplicate username: message missing")
	}
	resp = e.postForm("/admin/admins", url.Values{"username": {"rocio"}, "password": {"otra-clave-larga"}, "confirm": {"otra-clave-largo"}})
	wantStatus(t, resp, http.StatusUnprocessableEntity)
	if !strings.Contains(readBody(t, resp), "Las dos contraseñas no coinciden.") {
		t.Error("mismatch: message missing")
	}
	resp = e.postForm("/admin/admins", url.Values{"username": {"rocio"}, "password": {"otra-clave-larga"}, "confirm": {"otra-clave-larga"}})
	wantStatus(t, resp, http.StatusSeeOther)
	if _, err := e.store.CheckAdminPassword(context.Background(), "rocio", "otra-clave-larga"); err != nil {
		t.Error("the new account cannot log in")
	}
	if body := readBody(t, e.get("/admin/account")); !strings.Contains(body, "rocio") {
		t.Error("the new account is not listed")
	}
}

// A session opened with a table code ends when the admin regenerates that code.
func TestRegeneratingACodeEndsSessionsMadeWithIt(t *testing.T) {
	e := newTestEnv(t)
	_, tb := e.workshopAndTable("Tacna")
	// Join through the real form, as a rapporteur's tablet would.
	resp := e.postForm("/join", url.Values{"code": {tb.RapporteurCode}})
	wantStatus(t, resp, http.StatusSeeOther)
	var tablet string
	for _, c := range resp.Cookies() {
		if c.Name == sessionCookie {
			tablet = c.Value
		}
	}
	if _, err := e.store.Session(context.Background(), tablet); err != nil {
		t.Fatal("join did not open a session")
	}

	e.loginAdmin()
	resp = e.get("/admin/tables/" + tb.ID + "/codes")
	wantStatus(t, resp, http.StatusOK)
	if body := readBody(t, resp); !strings.Contains(body, tb.RapporteurCode) || !strings.Contains(body, "Generar código nuevo") {
		t.Fatalf("codes page lacks the code or the button: %s", body)
	}
	resp = e.postForm("/admin/tables/"+tb.ID+"/codes/regenerate", url.Values{"role": {"rapporteur"}})
	wantStatus(t, resp, http.StatusSeeOther)
	if loc := resp.Header.Get("Location"); loc != "/admin/tables/"+tb.ID+"/codes?renewed=rapporteur" {
		t.Errorf("redirect = %q", loc)
	}
	// The tablet is out: its cookie is no session any more, and its pages say so.
	if _, err := e.store.Session(context.Background(), tablet); model.KindOf(err) != model.KindNotFound {
		t.Errorf("old session still valid: %v", err)
	}
	e.cookies[sessionCookie] = tablet
	if body := readBody(t, e.get("/")); !strings.Contains(body, `href="/login"`) {
		t.Error("the old session is still logged in on the home page")
	}
	e.logout()
	wantStatus(t, e.postForm("/join", url.Values{"code": {tb.RapporteurCode}}), http.StatusUnprocessableEntity)
	got, _ := e.store.Table(context.Background(), tb.ID)
	wantStatus(t, e.postForm("/join", url.Values{"code": {got.RapporteurCode}}), http.StatusSeeOther)
	if got.FacilitatorCode != tb.FacilitatorCode || got.ParticipantCode != tb.ParticipantCode {
		t.Error("the other codes changed too")
	}
	// A role that has no code is refused.
	e.loginAdminAs("segunda")
	wantStatus(t, e.postForm("/admin/tables/"+tb.ID+"/codes/regenerate", url.Values{"role": {"admin"}}), http.StatusUnprocessableEntity)
}

func TestParticipantErase(t *testing.T) {
	e := newTestEnv(t)
	w, _ := e.workshopAndTable("Puno")
	id := storetest.Participant(t, e.store, model.Participant{WorkshopID: w.ID, Name: "Nilda Condori", Email: "nilda@example.pe"}).ID
	e.loginAdmin()
	resp := e.postForm("/admin/participants/"+id+"/erase", url.Values{"next": {"/admin/workshops/" + w.ID + "/participants"}})
	wantStatus(t, resp, http.StatusSeeOther)
	if loc := resp.Header.Get("Location"); loc != "/admin/workshops/"+w.ID+"/participants" {
		t.Errorf("redirect = %q", loc)
	}
	body := readBody(t, e.get("/admin/audit?table=participants"))
	// The name and e-mail, as typed or folded into the search text and the
	// duplicate key the store derives from them.
	if lower := strings.ToLower(body); strings.Contains(body, "Nilda") || strings.Contains(lower, "nilda") || strings.Contains(lower, "condori") {
		t.Error("the audit page shows the erased participant's data")
	}
	if !strings.Contains(body, "erased_at") {
		t.Error("the erasure is not in the audit log")
	}
	wantStatus(t, e.postForm("/admin/participants/"+store.NewID()+"/erase", nil), http.StatusNotFound)
}
