package web

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/minka-gob/minka/internal/model"
)

func TestHomeIsSpanishByDefault(t *testing.T) {
	e := newTestEnv(t)
	resp := e.get("/")
	wantStatus(t, resp, http.StatusOK)
	body := readBody(t, resp)
	for _, want := range []string{`<html lang="es">`, "Inicio", "VI Plan de Acción de Estado Abierto"} {
		if !strings.Contains(body, want) {
			t.Errorf("home page lacks %q", want)
		}
	}
	if csp := resp.Header.Get("Content-Security-Policy"); !strings.Contains(csp, "script-src 'self'") {
		t.Errorf("CSP = %q", csp)
	}
	resp = e.get("/?lang=en")
	if body := readBody(t, resp); !strings.Contains(body, `<html lang="en">`) || !strings.Contains(body, "Home") {
		t.Error("?lang=en did not switch to English")
	}
}

func TestUnknownPathIsTranslated404(t *testing.T) {
	e := newTestEnv(t)
	resp := e.get("/no/such/page")
	wantStatus(t, resp, http.StatusNotFound)
	if !strings.Contains(readBody(t, resp), "No encontramos lo que busca.") {
		t.Error("404 page is not the translated message")
	}
	resp = e.get("/api/v1/no-such")
	wantStatus(t, resp, http.StatusNotFound)
	var body APIError
	decodeJSON(t, resp, &body)
	if body.Error.Message == "" {
		t.Error("API 404 has no message")
	}
}

func TestAdminPagesNeedLogin(t *testing.T) {
	e := newTestEnv(t)
	resp := e.get("/admin/")
	if resp.StatusCode != http.StatusFound || !strings.HasPrefix(resp.Header.Get("Location"), "/login") {
		t.Fatalf("anonymous /admin/: %d %s", resp.StatusCode, resp.Header.Get("Location"))
	}
	e.loginAdmin()
	wantStatus(t, e.get("/admin/"), http.StatusOK)
}

func TestLoginFlow(t *testing.T) {
	e := newTestEnv(t)
	if _, err := e.store.CreateAdmin(context.Background(), "admin", "una-clave-larga"); err != nil {
		t.Fatal(err)
	}
	resp := e.postForm("/login", url.Values{"username": {"admin"}, "password": {"equivocada"}})
	wantStatus(t, resp, http.StatusUnauthorized)
	if !strings.Contains(readBody(t, resp), "Usuario o contraseña incorrectos.") {
		t.Error("failed login lacks the message")
	}
	resp = e.postForm("/login", url.Values{"username": {"admin"}, "password": {"una-clave-larga"}, "next": {"//evil.example/"}})
	wantStatus(t, resp, http.StatusSeeOther)
	if loc := resp.Header.Get("Location"); loc != "/admin/" {
		t.Errorf("redirect after login = %q, want /admin/ (open redirect refused)", loc)
	}
	var session string
	for _, c := range resp.Cookies() {
		if c.Name == sessionCookie {
			session = c.Value
			if !c.HttpOnly {
				t.Error("session cookie is not HttpOnly")
			}
		}
	}
	if session == "" {
		t.Fatal("no session cookie")
	}
	e.cookies[sessionCookie] = session
	wantStatus(t, e.get("/admin/"), http.StatusOK)
}

func TestFormWithoutCSRFTokenIsRefused(t *testing.T) {
	e := newTestEnv(t)
	req, _ := http.NewRequest(http.MethodPost, "/login", strings.NewReader("username=a&password=b"))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	resp := e.do(req)
	wantStatus(t, resp, http.StatusForbidden)
}

func TestJoinWithTableCode(t *testing.T) {
	e := newTestEnv(t)
	ctx := context.Background()
	w := model.Workshop{City: "Arequipa", Date: "2025-06-20"}
	if err := e.store.CreateWorkshop(ctx, &w); err != nil {
		t.Fatal(err)
	}
	tb := model.Table{WorkshopID: w.ID, Number: 2}
	if err := e.store.CreateTable(ctx, &tb); err != nil {
		t.Fatal(err)
	}
	resp := e.postForm("/join", url.Values{"code": {"WRONG123"}})
	wantStatus(t, resp, http.StatusUnprocessableEntity)
	resp = e.postForm("/join", url.Values{"code": {strings.ToLower(tb.RapporteurCode)}})
	wantStatus(t, resp, http.StatusSeeOther)
	if loc := resp.Header.Get("Location"); loc != "/tables/"+tb.ID+"/rapporteur" {
		t.Errorf("join redirect = %q", loc)
	}
}

func TestLanguageLinkKeepsTheQuery(t *testing.T) {
	e := newTestEnv(t)
	body := readBody(t, e.get("/stats?x=1"))
	if !strings.Contains(body, `href="/stats?lang=en&amp;x=1"`) {
		t.Errorf("language link does not keep the page and its query")
	}
	body = readBody(t, e.get("/stats?lang=en"))
	if !strings.Contains(body, `href="/stats?lang=es"`) {
		t.Errorf("English page has no link back to Spanish")
	}
}
