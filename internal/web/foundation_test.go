package web

import (
	"bytes"
	"context"
	"fmt"
	"html"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"github.com/minka-gob/minka/internal/model"
)

// postFile uploads a file as the "file" field of a multipart form, with the CSRF token.
func (e *testEnv) postFile(path, filename string, data []byte) *http.Response {
	e.t.Helper()
	var buf bytes.Buffer
	mw := multipart.NewWriter(&buf)
	if err := mw.WriteField("_csrf", testCSRF); err != nil {
		e.t.Fatal(err)
	}
	fw, err := mw.CreateFormFile("file", filename)
	if err != nil {
		e.t.Fatal(err)
	}
	fw.Write(data)
	mw.Close()
	req := httptest.NewRequest(http.MethodPost, path, &buf)
	req.Header.Set("Content-Type", mw.FormDataContentType())
	return e.do(req)
}

// location returns the redirect target of a 303.
func location(t *testing.T, resp *http.Response) string {
	t.Helper()
	wantStatus(t, resp, http.StatusSeeOther)
	return resp.Header.Get("Location")
}

var hiddenData = regexp.MustCompile(`name="data" value="([^"]+)"`)

// The "done when": a workshop, two tables, three people registered
// through the public form, twenty imported from a CSV, fifteen checked in and
// seated — and the Table-2-style counts are right on the pages and in the API.
func TestWorkshopFromSetupToStatistics(t *testing.T) {
	e := newTestEnv(t)
	e.loginAdmin()
	adminSession := e.cookies[sessionCookie]

	// A workshop and two tables, through the Secretariat's forms.
	loc := location(t, e.postForm("/admin/workshops", url.Values{"city": {"Lima"}, "date": {"2025-05-23"},
		"venue": {"Centro MAC Lima"}, "status": {"open"}}))
	m := regexp.MustCompile(`^/admin/workshops/([0-9a-f-]{36})\?ok=created$`).FindStringSubmatch(loc)
	if m == nil {
		t.Fatalf("redirect after create = %q", loc)
	}
	wid := m[1]
	for _, n := range []string{"1", "2"} {
		location(t, e.postForm("/admin/workshops/"+wid+"/tables", url.Values{"number": {n}, "facilitator": {"Facilitadora " + n}}))
	}
	tables, _ := e.store.Tables(context.Background(), wid)
	if len(tables) != 2 {
		t.Fatalf("tables = %d", len(tables))
	}

	// Three people register through the public form (no session).
	e.logout()
	registrations := []url.Values{
		{"name": {"Rosa Quispe"}, "gender": {"female"}, "sector": {"civil_society"}, "email": {"rosa@example.org"}, "consent": {"1"}},
		{"name": {"Carmen Díaz"}, "gender": {"female"}, "sector": {"public"}, "phone": {"987 654 321"}, "consent": {"1"}},
		{"name": {"Luis Tello"}, "gender": {"male"}, "sector": {"academic"}, "email": {"luis@example.org"}, "consent": {"1"}},
	}
	for _, form := range registrations {
		if loc := location(t, e.postForm("/workshops/"+wid+"/register", form)); loc != "/workshops/"+wid+"/register/thanks" {
			t.Fatalf("after registering: %q", loc)
		}
	}
	wantStatus(t, e.get("/workshops/"+wid+"/register/thanks"), http.StatusOK)

	// Twenty imported from a CSV (semicolons, Spanish headers and values).
	e.cookies[sessionCookie] = adminSession
	var csv strings.Builder
	csv.WriteString("Nombre;Sexo;Sector;Organización;Correo;Consentimiento\r\n")
	for i := 1; i <= 20; i++ {
		name, gender, sector := fmt.Sprintf("Importada %02d", i), "Femenino", "Sector público"
		switch {
		case i > 11 && i <= 19:
			name, gender, sector = fmt.Sprintf("Importado %02d", i), "Masculino", "Sociedad civil"
		case i == 20:
			name, gender, sector = "Persona 20", "Otro", "Academia"
		}
		fmt.Fprintf(&csv, "%s;%s;%s;Institución %d;p%d@example.org;Sí\r\n", name, gender, sector, i, i)
	}
	resp := e.postFile("/admin/workshops/"+wid+"/import", "inscritos.csv", []byte(csv.String()))
	wantStatus(t, resp, http.StatusOK)
	body := readBody(t, resp)
	if !strings.Contains(body, "Importar 20 inscripciones") {
		t.Fatal("preview lacks the confirm button for 20")
	}
	if n, _ := e.store.Participants(context.Background(), wid, ""); len(n) != 3 {
		t.Fatalf("the preview stored something: %d participants", len(n))
	}
	data := hiddenData.FindStringSubmatch(body)
	if data == nil {
		t.Fatal("preview lacks the file to confirm")
	}
	loc = location(t, e.postForm("/admin/workshops/"+wid+"/import/confirm", url.Values{"data": {html.UnescapeString(data[1])}}))
	if loc != "/admin/workshops/"+wid+"/participants?n=20&ok=imported" {
		t.Fatalf("after import: %q", loc)
	}
	if body := readBody(t, e.get(loc)); !strings.Contains(body, "Se importaron 20 inscripciones.") {
		t.Error("participants page lacks the import confirmation")
	}

	// Fifteen checked in and seated: 9 women, 5 men, 1 other; 8 at table 1, 7 at table 2.
	// Half through the check-in desk's form, half through the API the desk's script uses.
	var people []model.Participant
	resp = e.get("/api/v1/workshops/" + wid + "/participants")
	wantStatus(t, resp, http.StatusOK)
	decodeJSON(t, resp, &people)
	if len(people) != 23 {
		t.Fatalf("participants = %d, want 23", len(people))
	}
	chosen := map[string]bool{"Rosa Quispe": true, "Carmen Díaz": true, "Luis Tello": true, "Persona 20": true}
	for i := 1; i <= 7; i++ {
		chosen[fmt.Sprintf("Importada %02d", i)] = true
	}
	for i := 12; i <= 15; i++ {
		chosen[fmt.Sprintf("Importado %02d", i)] = true
	}
	n := 0
	for _, p := range people {
		if !chosen[p.Name] {
			continue
		}
		table := tables[n%2].ID
		if n%2 == 0 {
			location(t, e.postForm("/admin/participants/"+p.ID+"/checkin", url.Values{"table_id": {table}}))
		} else {
			resp := e.sendJSON(http.MethodPost, "/api/v1/participants/"+p.ID+"/checkin", map[string]string{"table_id": table})
			wantStatus(t, resp, http.StatusOK)
			var got model.Participant
			decodeJSON(t, resp, &got)
			if got.CheckedInAt == nil || got.TableID != table {
				t.Fatalf("API check-in answered %+v", got)
			}
		}
		n++
	}
	if n != 15 {
		t.Fatalf("checked in %d, want 15", n)
	}

	// By page: the public statistics show the Table 2 row and the sectors.
	for _, path := range []string{"/stats", "/workshops/" + wid + "/stats"} {
		e.logout()
		body := readBody(t, e.get(path))
		row := regexp.MustCompile(`<a href="/workshops/` + wid + `/stats">Lima</a></th>\s*<td>23/05/2025</td>\s*` +
			`<td class="num">15</td>\s*<td class="num">5</td>\s*<td class="num">9</td>\s*<td class="num">1</td>\s*<td class="num">23</td>`)
		if !row.MatchString(body) {
			t.Errorf("%s lacks the row Lima 23/05/2025: 15 participants, 5 men, 9 women, 1 other, 23 registered", path)
		}
		// Sectors among the 15: public 8 (Carmen + 7 Importada), civil society 5 (Rosa + 4 Importado), academic 2.
		for _, want := range []string{
			`Sector público</th>\s*<td class="num">8</td>\s*<td class="num">53.3&nbsp;%</td>\s*<td class="num">12</td>`,
			`Sociedad civil</th>\s*<td class="num">5</td>\s*<td class="num">33.3&nbsp;%</td>\s*<td class="num">9</td>`,
			`Academia</th>\s*<td class="num">2</td>\s*<td class="num">13.3&nbsp;%</td>\s*<td class="num">2</td>`,
		} {
			if !regexp.MustCompile(want).MatchString(body) {
				t.Errorf("%s lacks the sector row %s", path, want)
			}
		}
		if strings.Contains(body, "Rosa Quispe") || strings.Contains(body, "rosa@example.org") {
			t.Errorf("%s shows personal data", path)
		}
	}
	body = readBody(t, e.get("/workshops/"+wid+"/stats"))
	if !regexp.MustCompile(`Mesa 1</th><td class="num">8</td>`).MatchString(body) || !regexp.MustCompile(`Mesa 2</th><td class="num">7</td>`).MatchString(body) {
		t.Error("workshop statistics lack 8 seated at table 1 and 7 at table 2")
	}

	// By API.
	var ws model.Stats
	resp = e.get("/api/v1/workshops/" + wid + "/stats")
	wantStatus(t, resp, http.StatusOK)
	decodeJSON(t, resp, &ws)
	r := ws.Workshops[0]
	if r.Attended != 15 || r.Men != 5 || r.Women != 9 || r.Other != 1 || r.Registered != 23 || r.Seated != 15 || ws.Basis != "attended" {
		t.Errorf("API workshop stats = %+v", r)
	}
	if len(ws.Tables) != 2 || ws.Tables[0].Seated != 8 || ws.Tables[1].Seated != 7 {
		t.Errorf("API tables = %+v", ws.Tables)
	}
	var ps model.Stats
	resp = e.get("/api/v1/stats")
	wantStatus(t, resp, http.StatusOK)
	decodeJSON(t, resp, &ps)
	if ps.Total.Attended != 15 || ps.Total.Registered != 23 || ps.Sectors[0].Attended != 8 || ps.Sectors[0].Percent != 53.3 {
		t.Errorf("API process stats = %+v", ps)
	}

	// The Secretariat's pages agree.
	e.cookies[sessionCookie] = adminSession
	body = readBody(t, e.get("/admin/workshops/"+wid))
	for _, want := range []string{`<span class="figure">23</span> inscritos`, `<span class="figure">15</span> asistentes`, `<span class="figure">15</span> sentados`} {
		if !strings.Contains(body, want) {
			t.Errorf("workshop page lacks %q", want)
		}
	}
	for _, tb := range tables {
		if !strings.Contains(body, tb.FacilitatorCode) || !strings.Contains(body, tb.RapporteurCode) || !strings.Contains(body, tb.ParticipantCode) {
			t.Errorf("workshop page lacks the join codes of table %d", tb.Number)
		}
	}
}

func TestCSVWithOneBadRowImportsNothing(t *testing.T) {
	e := newTestEnv(t)
	e.loginAdmin()
	w := model.Workshop{City: "Piura", Date: "2025-06-05"}
	if err := e.store.CreateWorkshop(context.Background(), &w); err != nil {
		t.Fatal(err)
	}
	good := "nombre,genero,sector,correo,consentimiento\n" +
		"Ana Torres,F,Academia,ana@example.org,si\n" +
		"Luis Rojas,M,Sector público,luis@example.org,si\n"
	bad := good + "Rosa Mamani,F,Gobierno local,rosa@example.org,si\n" + // line 4: unknown sector
		"Pedro Ruiz,M,Academia,pedro@example.org,si\n"
	resp := e.postFile("/admin/workshops/"+w.ID+"/import", "bad.csv", []byte(bad))
	wantStatus(t, resp, http.StatusUnprocessableEntity)
	body := readBody(t, resp)
	for _, want := range []string{"No se importará nada: 1 fila(s) tienen errores.", "Línea 4", "Sector: Elija una de las opciones. (el archivo dice «Gobierno local»)"} {
		if !strings.Contains(body, want) {
			t.Errorf("preview lacks %q", want)
		}
	}
	if strings.Contains(body, "/import/confirm") {
		t.Error("a file with a bad row offers to import")
	}
	// Even posted straight to the confirm step, nothing is imported.
	resp = e.postForm("/admin/workshops/"+w.ID+"/import/confirm", url.Values{"data": {b64(bad)}})
	wantStatus(t, resp, http.StatusUnprocessableEntity)
	if !strings.Contains(readBody(t, resp), "Línea 4") {
		t.Error("confirm of a bad file does not name the line")
	}
	if ps, _ := e.store.Participants(context.Background(), w.ID, ""); len(ps) != 0 {
		t.Fatalf("imported %d participants from a file with a bad row", len(ps))
	}

	// A row that duplicates a registration already stored is named too.
	p := model.Participant{WorkshopID: w.ID, Name: "Ana Torres", Gender: "female", Sector: "academic", Email: "ana@example.org", Consent: true}
	if err := e.store.CreateParticipant(context.Background(), &p); err != nil {
		t.Fatal(err)
	}
	resp = e.postFile("/admin/workshops/"+w.ID+"/import", "dup.csv", []byte(good))
	wantStatus(t, resp, http.StatusUnprocessableEntity)
	body = readBody(t, resp)
	if !strings.Contains(body, "Línea 2") || !strings.Contains(body, "ya está inscrita") {
		t.Error("duplicate of a stored registration is not reported on its line")
	}

	// A file without the required columns says which.
	resp = e.postFile("/admin/workshops/"+w.ID+"/import", "cols.csv", []byte("nombre,correo\nAna,ana@example.org\n"))
	wantStatus(t, resp, http.StatusUnprocessableEntity)
	if body := readBody(t, resp); !strings.Contains(body, "Faltan columnas obligatorias: Género; Sector; Consentimiento de datos personales.") {
		t.Errorf("missing columns message not shown")
	}
}

func b64(s string) string {
	return base64Std([]byte(s))
}

func TestRegistrationFormErrorsAndClosedWorkshop(t *testing.T) {
	e := newTestEnv(t)
	ctx := context.Background()
	w := model.Workshop{City: "Iquitos", Date: "2025-06-12", Venue: "Centro MAC Iquitos", Status: model.WorkshopOpen}
	if err := e.store.CreateWorkshop(ctx, &w); err != nil {
		t.Fatal(err)
	}
	body := readBody(t, e.get("/workshops/"+w.ID+"/register"))
	for _, want := range []string{"12/06/2025", "Centro MAC Iquitos", "Ley N.° 29733", `name="consent"`} {
		if !strings.Contains(body, want) {
			t.Errorf("form lacks %q", want)
		}
	}
	resp := e.postForm("/workshops/"+w.ID+"/register", url.Values{"name": {"Ana"}, "gender": {"female"}, "sector": {"public"}, "email": {"ana@example.org"}})
	wantStatus(t, resp, http.StatusUnprocessableEntity)
	body = readBody(t, resp)
	if !strings.Contains(body, `id="consent-error">Debe aceptar el tratamiento de sus datos personales para inscribirse.`) {
		t.Error("consent error not next to the checkbox")
	}
	if !strings.Contains(body, `value="Ana"`) {
		t.Error("the form lost what was typed")
	}
	resp = e.postForm("/workshops/"+w.ID+"/register?lang=en", url.Values{"gender": {"female"}, "sector": {"public"}, "consent": {"1"}})
	body = readBody(t, resp)
	if !strings.Contains(body, `id="name-error">This field is required.`) || !strings.Contains(body, `id="email-error">Give an e-mail address or a phone number.`) {
		t.Error("English errors not shown next to the fields")
	}

	w.Status = model.WorkshopClosed
	if err := e.store.UpdateWorkshop(ctx, &w); err != nil {
		t.Fatal(err)
	}
	body = readBody(t, e.get("/workshops/"+w.ID+"/register?lang=es"))
	if !strings.Contains(body, "Las inscripciones para este taller están cerradas.") || strings.Contains(body, `name="consent"`) {
		t.Error("closed workshop still shows the form")
	}
	resp = e.postForm("/workshops/"+w.ID+"/register", url.Values{"name": {"Ana"}, "gender": {"female"}, "sector": {"public"}, "email": {"ana@example.org"}, "consent": {"1"}})
	wantStatus(t, resp, http.StatusConflict)
	if ps, _ := e.store.Participants(ctx, w.ID, ""); len(ps) != 0 {
		t.Fatal("a closed workshop took a registration")
	}
}

func TestUnknownAndMalformedIDsAre404(t *testing.T) {
	e := newTestEnv(t)
	e.loginAdmin()
	unknown := "4b2a1c3d-0000-4000-8000-000000000000"
	for _, id := range []string{unknown, "not-a-uuid", "1%27%20OR%201%3D1"} {
		pages := []string{"/workshops/%s/register", "/workshops/%s/register/thanks", "/workshops/%s/stats",
			"/admin/workshops/%s", "/admin/workshops/%s/edit", "/admin/workshops/%s/participants", "/admin/workshops/%s/checkin",
			"/admin/workshops/%s/import", "/admin/workshops/%s/tables/new", "/admin/tables/%s/edit",
			"/admin/problems/%s/edit", "/admin/profiles/%s/edit"}
		for _, p := range pages {
			path := fmt.Sprintf(p, id)
			resp := e.get(path)
			if resp.StatusCode != http.StatusNotFound {
				t.Errorf("GET %s: %d, want 404", path, resp.StatusCode)
			} else if body := readBody(t, resp); !strings.Contains(body, "<h1>") {
				t.Errorf("GET %s: not an HTML page", path)
			}
		}
		posts := []string{"/workshops/%s/register", "/admin/workshops/%s", "/admin/workshops/%s/tables", "/admin/tables/%s",
			"/admin/problems/%s", "/admin/profiles/%s", "/admin/participants/%s/checkin", "/admin/participants/%s/checkin/undo"}
		for _, p := range posts {
			path := fmt.Sprintf(p, id)
			if resp := e.postForm(path, url.Values{"name": {"x"}}); resp.StatusCode != http.StatusNotFound {
				t.Errorf("POST %s: %d, want 404", path, resp.StatusCode)
			}
		}
		apis := []string{"/api/v1/workshops/%s", "/api/v1/workshops/%s/tables", "/api/v1/workshops/%s/participants",
			"/api/v1/workshops/%s/stats", "/api/v1/tables/%s", "/api/v1/participants/%s", "/api/v1/problems/%s", "/api/v1/profiles/%s"}
		for _, p := range apis {
			path := fmt.Sprintf(p, id)
			resp := e.get(path)
			var body APIError
			if resp.StatusCode != http.StatusNotFound {
				t.Errorf("GET %s: %d, want 404", path, resp.StatusCode)
				continue
			}
			decodeJSON(t, resp, &body)
			if body.Error.Kind != "not_found" || body.Error.Message == "" {
				t.Errorf("GET %s: body %+v", path, body)
			}
		}
	}
}

func TestAPIAccessAndValidation(t *testing.T) {
	e := newTestEnv(t)
	// The public may read aggregates and the set-up, not write nor read people.
	wantStatus(t, e.get("/api/v1/workshops"), http.StatusOK)
	wantStatus(t, e.get("/api/v1/stats"), http.StatusOK)
	wantStatus(t, e.get("/api/v1/problems"), http.StatusOK)
	wantStatus(t, e.sendJSON(http.MethodPost, "/api/v1/workshops", map[string]string{"city": "Lima", "date": "2025-05-23"}), http.StatusForbidden)

	e.loginAdmin()
	resp := e.sendJSON(http.MethodPost, "/api/v1/workshops", map[string]string{"city": "", "date": "23/05/2025"})
	wantStatus(t, resp, http.StatusUnprocessableEntity)
	var apiErr APIError
	decodeJSON(t, resp, &apiErr)
	if apiErr.Error.Kind != "invalid" || apiErr.Error.Fields["city"] != "Este campo es obligatorio." || apiErr.Error.Fields["date"] != "Use una fecha válida (AAAA-MM-DD)." {
		t.Errorf("invalid workshop: %+v", apiErr)
	}
	resp = e.sendJSON(http.MethodPost, "/api/v1/workshops", map[string]string{"city": "Lima", "date": "2025-05-23", "citty": "x"})
	wantStatus(t, resp, http.StatusUnprocessableEntity)

	var w model.Workshop
	resp = e.sendJSON(http.MethodPost, "/api/v1/workshops", map[string]string{"city": "Lima", "date": "2025-05-23", "venue": "Centro MAC Lima"})
	wantStatus(t, resp, http.StatusCreated)
	decodeJSON(t, resp, &w)
	resp = e.sendJSON(http.MethodPut, "/api/v1/workshops/"+w.ID, map[string]string{"status": "open"})
	wantStatus(t, resp, http.StatusOK)
	decodeJSON(t, resp, &w)
	if w.Status != "open" || w.Venue != "Centro MAC Lima" {
		t.Errorf("partial PUT = %+v: omitted fields must keep their value", w)
	}

	var tb apiTable
	resp = e.sendJSON(http.MethodPost, "/api/v1/workshops/"+w.ID+"/tables", map[string]any{"number": 1, "facilitator": "Ana Ruiz"})
	wantStatus(t, resp, http.StatusCreated)
	decodeJSON(t, resp, &tb)
	if tb.Codes == nil || tb.Codes.Rapporteur == "" || tb.Facilitator != "Ana Ruiz" {
		t.Errorf("admin table view = %+v", tb)
	}
	wantStatus(t, e.sendJSON(http.MethodPost, "/api/v1/workshops/"+w.ID+"/tables", map[string]any{"number": 1}), http.StatusUnprocessableEntity)

	var p model.Participant
	resp = e.sendJSON(http.MethodPost, "/api/v1/workshops/"+w.ID+"/participants", map[string]any{
		"name": "Rosa Quispe", "gender": "female", "sector": "public", "email": "rosa@example.org", "consent": true})
	wantStatus(t, resp, http.StatusCreated)
	decodeJSON(t, resp, &p)
	if p.Source != model.SourceAPI || p.CheckedInAt != nil {
		t.Errorf("API participant = %+v", p)
	}
	resp = e.sendJSON(http.MethodPost, "/api/v1/workshops/"+w.ID+"/participants", map[string]any{
		"name": "Sin consentimiento", "gender": "female", "sector": "public", "email": "s@example.org"})
	wantStatus(t, resp, http.StatusUnprocessableEntity)

	// A table of another workshop is refused at check-in.
	other := model.Workshop{City: "Piura", Date: "2025-06-05"}
	e.store.CreateWorkshop(context.Background(), &other)
	ot := model.Table{WorkshopID: other.ID, Number: 1}
	e.store.CreateTable(context.Background(), &ot)
	resp = e.sendJSON(http.MethodPost, "/api/v1/participants/"+p.ID+"/checkin", map[string]string{"table_id": ot.ID})
	wantStatus(t, resp, http.StatusUnprocessableEntity)
	decodeJSON(t, resp, &apiErr)
	if apiErr.Error.Fields["table_id"] != "Esa mesa es de otro taller." {
		t.Errorf("other workshop's table: %+v", apiErr)
	}
	wantStatus(t, e.sendJSON(http.MethodPost, "/api/v1/participants/"+p.ID+"/checkin", map[string]string{"table_id": tb.ID}), http.StatusOK)
	req := httptest.NewRequest(http.MethodDelete, "/api/v1/participants/"+p.ID+"/checkin", nil)
	req.Header.Set("X-CSRF-Token", testCSRF)
	resp = e.do(req)
	wantStatus(t, resp, http.StatusOK)
	decodeJSON(t, resp, &p)
	if p.CheckedInAt != nil || p.TableID != "" {
		t.Errorf("after undo: %+v", p)
	}

	// Personal data and join codes are for the Secretariat only.
	e.logout()
	wantStatus(t, e.get("/api/v1/workshops/"+w.ID+"/participants"), http.StatusForbidden)
	wantStatus(t, e.get("/api/v1/participants/"+p.ID), http.StatusForbidden)
	wantStatus(t, e.sendJSON(http.MethodPost, "/api/v1/participants/"+p.ID+"/checkin", map[string]string{}), http.StatusForbidden)
	resp = e.get("/api/v1/tables/" + tb.ID)
	wantStatus(t, resp, http.StatusOK)
	raw := readBody(t, resp)
	if strings.Contains(raw, tb.Codes.Rapporteur) || strings.Contains(raw, "Ana Ruiz") || strings.Contains(raw, "codes") {
		t.Errorf("public table view leaks codes or names: %s", raw)
	}
}

func TestAdminFormsShowErrorsAndConfirmSaves(t *testing.T) {
	e := newTestEnv(t)
	e.loginAdmin()
	resp := e.postForm("/admin/workshops", url.Values{"city": {""}, "date": {"mañana"}, "status": {"open"}})
	wantStatus(t, resp, http.StatusUnprocessableEntity)
	body := readBody(t, resp)
	for _, want := range []string{`id="city-error">Este campo es obligatorio.`, `id="date-error">Use una fecha válida`, `aria-invalid="true"`} {
		if !strings.Contains(body, want) {
			t.Errorf("workshop form lacks %q", want)
		}
	}
	if ws, _ := e.store.Workshops(context.Background()); len(ws) != 0 {
		t.Fatal("an invalid workshop was stored")
	}
	loc := location(t, e.postForm("/admin/process", url.Values{"name": {"VI Plan de Acción de Estado Abierto"}, "period": {"2026-2027"}}))
	if body := readBody(t, e.get(loc)); !strings.Contains(body, "Cambios guardados.") {
		t.Error("no confirmation after saving the process")
	}
	loc = location(t, e.postForm("/admin/problems", url.Values{"title": {"Justicia abierta"}, "description": {"Acceso a la justicia"}}))
	if body := readBody(t, e.get(loc)); !strings.Contains(body, "Registro creado.") || !strings.Contains(body, "Justicia abierta") {
		t.Error("no confirmation or new problem after creating it")
	}
	problems, _ := e.store.Problems(context.Background())
	loc = location(t, e.postForm("/admin/profiles", url.Values{"name": {"Lideresa comunal"}, "problem_id": {problems[0].ID}, "needs": {"Información"}}))
	if body := readBody(t, e.get(loc)); !strings.Contains(body, "Lideresa comunal") || !strings.Contains(body, problems[0].Title) {
		t.Error("the new profile is not listed with its problem")
	}
	wantStatus(t, e.postForm("/admin/profiles", url.Values{"name": {"X"}, "problem_id": {"4b2a1c3d-0000-4000-8000-000000000000"}}), http.StatusUnprocessableEntity)
}

func TestCheckinDeskPage(t *testing.T) {
	e := newTestEnv(t)
	e.loginAdmin()
	ctx := context.Background()
	w := model.Workshop{City: "Arequipa", Date: "2025-06-20"}
	e.store.CreateWorkshop(ctx, &w)
	t1 := model.Table{WorkshopID: w.ID, Number: 1}
	e.store.CreateTable(ctx, &t1)
	people := []model.Participant{
		{Name: "María Ñañez", Gender: "female", Sector: "public", Email: "maria@example.org", Consent: true},
		{Name: "José Pérez", Gender: "male", Sector: "private", Email: "jose@example.org", Consent: true},
	}
	if err := e.store.ImportParticipants(ctx, w.ID, people); err != nil {
		t.Fatal(err)
	}
	body := readBody(t, e.get("/admin/workshops/"+w.ID+"/checkin"))
	for _, want := range []string{`data-search="maria nanez maria@example.org"`, `/static/js/checkin.js?v=`, `id="q"`, `action="/admin/participants/` + people[0].ID + `/checkin"`} {
		if !strings.Contains(body, want) {
			t.Errorf("desk lacks %q", want)
		}
	}
	// The server-side search works without JavaScript, ignoring accents.
	body = readBody(t, e.get("/admin/workshops/"+w.ID+"/checkin?q=jose"))
	if !strings.Contains(body, "José Pérez") || strings.Contains(body, "María Ñañez") {
		t.Error("?q=jose does not filter the desk")
	}
	loc := location(t, e.postForm("/admin/participants/"+people[1].ID+"/checkin", url.Values{"table_id": {t1.ID}, "q": {"jose"}}))
	if loc != "/admin/workshops/"+w.ID+"/checkin?ok=checkedin&q=jose#p-"+people[1].ID {
		t.Errorf("back to desk = %q", loc)
	}
	body = readBody(t, e.get("/admin/workshops/"+w.ID+"/checkin"))
	if !strings.Contains(body, "✔ Asistió · Mesa 1") || !strings.Contains(body, `<span id="checkin-attended">1</span>`) {
		t.Error("desk does not show the check-in")
	}
	location(t, e.postForm("/admin/participants/"+people[1].ID+"/checkin/undo", nil))
	if p, _ := e.store.Participant(ctx, people[1].ID); p.CheckedInAt != nil {
		t.Error("undo did not clear the check-in")
	}
}

// Every page of the foundation must respect the Content-Security-Policy:
// no inline script, no event-handler attributes, no style attributes.
func TestFoundationPagesAreCSPSafe(t *testing.T) {
	e := newTestEnv(t)
	e.loginAdmin()
	ctx := context.Background()
	w := model.Workshop{City: "Lima", Date: "2025-05-23", Focus: "Justicia Abierta"}
	e.store.CreateWorkshop(ctx, &w)
	tb := model.Table{WorkshopID: w.ID, Number: 1}
	e.store.CreateTable(ctx, &tb)
	p := model.Participant{WorkshopID: w.ID, Name: "Ana <b>Torres</b>", Gender: "female", Sector: "public", Email: "ana@example.org", Consent: true}
	e.store.CreateParticipant(ctx, &p)
	e.store.CheckIn(ctx, p.ID, tb.ID)
	problems, _ := e.store.Problems(ctx)
	pages := []string{"/admin/", "/admin/process", "/admin/problems", "/admin/problems/new", "/admin/problems/" + problems[0].ID + "/edit",
		"/admin/profiles", "/admin/profiles/new", "/admin/workshops", "/admin/workshops/new", "/admin/workshops/" + w.ID,
		"/admin/workshops/" + w.ID + "/edit", "/admin/workshops/" + w.ID + "/tables/new", "/admin/tables/" + tb.ID + "/edit",
		"/admin/workshops/" + w.ID + "/participants", "/admin/workshops/" + w.ID + "/checkin", "/admin/workshops/" + w.ID + "/import",
		"/workshops/" + w.ID + "/register", "/workshops/" + w.ID + "/register/thanks", "/stats", "/workshops/" + w.ID + "/stats"}
	inline := regexp.MustCompile(`<script(?:\s[^>]*)?>[^<]|<script>|\son[a-z]+=|\sstyle=`)
	for _, lang := range []string{"es", "en"} {
		for _, path := range pages {
			resp := e.get(path + "?lang=" + lang)
			wantStatus(t, resp, http.StatusOK)
			body := readBody(t, resp)
			if m := inline.FindString(body); m != "" {
				t.Errorf("%s (%s): CSP-unsafe markup %q", path, lang, m)
			}
			if strings.Contains(body, "<b>Torres</b>") {
				t.Errorf("%s: participant name not escaped", path)
			}
			// No untranslated key leaks into a page.
			if k := regexp.MustCompile(`>(setup|participants|stats)\.[a-z_.]+<`).FindString(body); k != "" {
				t.Errorf("%s (%s): untranslated key %s", path, lang, k)
			}
		}
	}
	body := readBody(t, e.get("/workshops/"+w.ID+"/stats?lang=en"))
	if !strings.Contains(body, "Lima (Justicia Abierta)") || !strings.Contains(body, "23 May 2025") || !strings.Contains(body, `role="img"`) {
		t.Error("English statistics page lacks the label, the date or the chart")
	}
}

// Browsers send "Origin: null" on form posts when the page's Referrer-Policy
// is no-referrer, and the CSRF check refuses a null origin: the policy must
// let a same-origin form post carry its origin (found with a real browser).
func TestReferrerPolicyKeepsFormPostsWorking(t *testing.T) {
	e := newTestEnv(t)
	resp := e.get("/login")
	if p := resp.Header.Get("Referrer-Policy"); p != "same-origin" && p != "strict-origin" && p != "strict-origin-when-cross-origin" {
		t.Errorf("Referrer-Policy = %q: browsers would send Origin: null on form posts", p)
	}
}

// A Windows-1252 file (Excel's "CSV" on Spanish Windows) with accents is
// previewed and imported with its accents intact.
func TestImportWindows1252(t *testing.T) {
	e := newTestEnv(t)
	e.loginAdmin()
	w := model.Workshop{City: "Arequipa", Date: "2025-06-20"}
	if err := e.store.CreateWorkshop(context.Background(), &w); err != nil {
		t.Fatal(err)
	}
	text := "Nombre;Género;Sector;Organización;Teléfono;Consentimiento\r\nÁngela Núñez;Mujer;Academia;Universidad Nacional de San Agustín;959 123 456;Sí\r\n"
	var data []byte
	for _, r := range text { // every rune here is in Latin-1, which Windows-1252 extends
		data = append(data, byte(r))
	}
	resp := e.postFile("/admin/workshops/"+w.ID+"/import", "excel.csv", data)
	wantStatus(t, resp, http.StatusOK)
	body := readBody(t, resp)
	if !strings.Contains(body, "windows-1252") || !strings.Contains(body, "Ángela Núñez") || !strings.Contains(body, "punto y coma") {
		t.Fatal("preview does not show the decoded file")
	}
	m := hiddenData.FindStringSubmatch(body)
	location(t, e.postForm("/admin/workshops/"+w.ID+"/import/confirm", url.Values{"data": {html.UnescapeString(m[1])}}))
	ps, _ := e.store.Participants(context.Background(), w.ID, "angela")
	if len(ps) != 1 || ps[0].Name != "Ángela Núñez" || ps[0].Organization != "Universidad Nacional de San Agustín" || ps[0].Source != model.SourceImport {
		t.Fatalf("imported %+v", ps)
	}
}
