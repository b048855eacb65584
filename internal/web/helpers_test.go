package web

import (
	"context"
	"encoding/json"
	"io"
	"log"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"

	"github.com/gofiber/fiber/v2"

	"github.com/minka-gob/minka"
	"github.com/minka-gob/minka/internal/model"
	"github.com/minka-gob/minka/internal/store"
	"github.com/minka-gob/minka/internal/storetest"
)

// testEnv is a server on a fresh database, driven through Fiber's app.Test.
type testEnv struct {
	t     *testing.T
	app   *fiber.App
	srv   *Server
	store *store.Store
	// cookies sent with every request (the session, the CSRF cookie).
	cookies map[string]string
}

const testCSRF = "test-csrf-token"

func newTestEnv(t *testing.T) *testEnv {
	t.Helper()
	return newTestEnvOn(t, storetest.Open(t), t.TempDir())
}

// newTestEnvOn is a server on st keeping uploaded photos in uploads.
func newTestEnvOn(t *testing.T, st *store.Store, uploads string) *testEnv {
	t.Helper()
	app, srv, err := New(Config{Store: st, Templates: minka.Templates, Static: minka.Static,
		ExportsDir: t.TempDir(), UploadsDir: uploads, Logger: log.New(io.Discard, "", 0)})
	if err != nil {
		t.Fatal(err)
	}
	return &testEnv{t: t, app: app, srv: srv, store: st, cookies: map[string]string{csrfCookie: testCSRF}}
}

// testAdminPassword is the password of every admin account the tests create.
const testAdminPassword = "contraseña-segura"

// loginAdmin creates the admin account "secretaria" and keeps its session cookie.
func (e *testEnv) loginAdmin() { e.loginAdminAs("secretaria") }

// loginAdminAs opens a session of the admin account named username,
// creating the account the first time, and keeps its session cookie.
func (e *testEnv) loginAdminAs(username string) {
	e.t.Helper()
	admins, err := e.store.Admins(context.Background())
	if err != nil {
		e.t.Fatal(err)
	}
	for _, a := range admins {
		if a.Username == username {
			token, err := e.store.CreateSession(context.Background(), model.Session{Role: model.RoleAdmin, AdminID: a.ID}, sessionTTL)
			if err != nil {
				e.t.Fatal(err)
			}
			e.cookies[sessionCookie] = token
			return
		}
	}
	_, token := storetest.AdminSession(e.t, e.store, username, testAdminPassword, sessionTTL)
	e.cookies[sessionCookie] = token
}

// joinTable opens a session with the role a table code grants.
func (e *testEnv) joinTable(role, tableID, code string) {
	e.t.Helper()
	token, err := e.store.CreateSession(context.Background(), model.Session{Role: role, TableID: tableID, JoinCode: code}, sessionTTL)
	if err != nil {
		e.t.Fatal(err)
	}
	e.cookies[sessionCookie] = token
}

func (e *testEnv) logout() { delete(e.cookies, sessionCookie) }

func (e *testEnv) do(req *http.Request) *http.Response {
	e.t.Helper()
	for k, v := range e.cookies {
		req.AddCookie(&http.Cookie{Name: k, Value: v})
	}
	resp, err := e.app.Test(req, 30000)
	if err != nil {
		e.t.Fatal(err)
	}
	e.t.Cleanup(func() { resp.Body.Close() })
	return resp
}

// get fetches a page or API resource.
func (e *testEnv) get(path string) *http.Response {
	return e.do(httptest.NewRequest(http.MethodGet, path, nil))
}

// postForm submits a form with the CSRF token.
func (e *testEnv) postForm(path string, form url.Values) *http.Response {
	if form == nil {
		form = url.Values{}
	}
	form.Set("_csrf", testCSRF)
	req := httptest.NewRequest(http.MethodPost, path, strings.NewReader(form.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	return e.do(req)
}

// sendJSON calls the API with a JSON body.
func (e *testEnv) sendJSON(method, path string, body any) *http.Response {
	b, err := json.Marshal(body)
	if err != nil {
		e.t.Fatal(err)
	}
	req := httptest.NewRequest(method, path, strings.NewReader(string(b)))
	req.Header.Set("Content-Type", "application/json")
	return e.do(req)
}

func readBody(t *testing.T, resp *http.Response) string {
	t.Helper()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func decodeJSON(t *testing.T, resp *http.Response, v any) {
	t.Helper()
	if err := json.NewDecoder(resp.Body).Decode(v); err != nil {
		t.Fatal(err)
	}
}

func wantStatus(t *testing.T, resp *http.Response, want int) {
	t.Helper()
	if resp.StatusCode != want {
		t.Fatalf("%s %s: status %d, want %d\n%s", resp.Request.Method, resp.Request.URL, resp.StatusCode, want, readBody(t, resp))
	}
}
