package web

import (
	"context"
	"net/http"
	"net/http/httptest"
	"net/url"
	"sort"
	"strings"
	"testing"

	"github.com/minka-gob/minka/internal/model"
	"github.com/minka-gob/minka/internal/store"
)

// The authorization matrix: every route of the application × every role,
// and whether that role may use it. TestAuthorizationMatrix enumerates the
// routes Fiber actually has, so a new route without a row here FAILS the
// test; each row is then called as each role and must be allowed or refused
// exactly as written.
//
// To add a route: add a row to authzMatrix with the method and path exactly
// as registered (Fiber's pattern, e.g. "/tables/:id/rapporteur"), the roles
// allowed, a concrete URL (placeholders: {workshop}, {table}, {other_table},
// {participant}; the table roles belong to {table}), the form a POST needs to
// pass validation (the CSRF token is added), and how a refusal looks. A route
// scoped to one table can get a second row with {other_table} to prove that
// the rapporteur of table 1 is refused on table 2. Websocket message types get
// the same treatment in the live part's matrix: one row per type, the roles
// that may send it, reusing authzRoles and authzFixture.sessionFor.

// Roles of the matrix. "public" is a visitor without a session.
const (
	rolePublic = "public"
)

var authzRoles = []string{rolePublic, model.RoleParticipant, model.RoleRapporteur, model.RoleFacilitator, model.RoleForum, model.RoleAdmin}

// refusal is how a route says no.
type refusal int

const (
	toLogin   refusal = iota // a redirect to /login (pages for the Secretariat)
	forbidden                // 403 (the API, table and Forum pages)
	notFound                 // 404 (a record the role may not know exists)
)

type authzRow struct {
	method, path string
	allow        []string
	url          string     // concrete URL; defaults to path
	form         url.Values // body of a POST
	refusal      refusal
}

var (
	everyone  = authzRoles
	adminOnly = []string{model.RoleAdmin}
)

var authzMatrix = []authzRow{
	// Public pages and actions.
	{method: "GET", path: "/", allow: everyone},
	{method: "GET", path: "/login", allow: everyone},
	{method: "POST", path: "/login", allow: everyone, form: url.Values{"username": {"nobody"}, "password": {"wrong"}}},
	{method: "POST", path: "/logout", allow: everyone},
	{method: "GET", path: "/join", allow: everyone},
	{method: "POST", path: "/join", allow: everyone, form: url.Values{"code": {"NOPE2345"}}},
	{method: "GET", path: "/api/v1/health", allow: everyone},

	// The Secretariat.
	{method: "GET", path: "/admin/", allow: adminOnly},
	{method: "GET", path: "/admin/security", allow: adminOnly},
	{method: "GET", path: "/admin/audit", allow: adminOnly},
	{method: "GET", path: "/admin/audit/export", allow: adminOnly},
	{method: "POST", path: "/admin/backup", allow: adminOnly},
	{method: "GET", path: "/admin/account", allow: adminOnly},
	{method: "POST", path: "/admin/account/password", allow: adminOnly,
		form: url.Values{"current": {authzAdminPassword}, "new": {"otra-clave-larga"}, "confirm": {"otra-clave-larga"}}},
	{method: "POST", path: "/admin/admins", allow: adminOnly,
		form: url.Values{"username": {"nueva"}, "password": {"otra-clave-larga"}, "confirm": {"otra-clave-larga"}}},
	{method: "GET", path: "/admin/tables/:id/codes", allow: adminOnly, url: "/admin/tables/{table}/codes"},
	// A facilitator may not renew the codes of their own table.
	{method: "POST", path: "/admin/tables/:id/codes/regenerate", allow: adminOnly, url: "/admin/tables/{table}/codes/regenerate",
		form: url.Values{"role": {"participant"}}},
	{method: "POST", path: "/admin/participants/:id/erase", allow: adminOnly, url: "/admin/participants/{participant}/erase"},
}

const authzAdminPassword = "clave-de-la-matriz"

// authzFixture is the data every row runs against.
type authzFixture struct {
	e                              *testEnv
	workshop, table, otherTable    string
	participant, adminID, memberID string
}

func newAuthzFixture(t *testing.T) *authzFixture {
	e := newTestEnv(t)
	ctx := context.Background()
	w := model.Workshop{City: "Ayacucho", Date: "2025-09-10"}
	if err := e.store.CreateWorkshop(ctx, &w); err != nil {
		t.Fatal(err)
	}
	t1 := model.Table{WorkshopID: w.ID, Number: 1}
	t2 := model.Table{WorkshopID: w.ID, Number: 2}
	if err := e.store.CreateTable(ctx, &t1); err != nil {
		t.Fatal(err)
	}
	if err := e.store.CreateTable(ctx, &t2); err != nil {
		t.Fatal(err)
	}
	pid := store.NewID()
	err := e.store.Write(ctx, func(tx *store.Tx) error {
		_, err := tx.Exec(`INSERT INTO participants(id, workshop_id, name, gender, sector, email, consent_at, registered_at, table_id)
			VALUES (?,?,?,?,?,?,?,?,?)`, pid, w.ID, "Ana Huamán", "female", "academic", "ana@example.pe", "2025-09-01T00:00:00Z", "2025-09-01T00:00:00Z", t1.ID)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	a, err := e.store.CreateAdmin(ctx, "matriz", authzAdminPassword)
	if err != nil {
		t.Fatal(err)
	}
	return &authzFixture{e: e, workshop: w.ID, table: t1.ID, otherTable: t2.ID, participant: pid, adminID: a.ID, memberID: store.NewID()}
}

// sessionFor opens a session of role ("" for public) and returns its cookie
// value. Table roles join {table} with its current code, read just now (an
// earlier row may have renewed it).
func (f *authzFixture) sessionFor(t *testing.T, role string) string {
	t.Helper()
	ctx := context.Background()
	sess := model.Session{Role: role}
	switch role {
	case rolePublic:
		return ""
	case model.RoleAdmin:
		sess.AdminID = f.adminID
	case model.RoleForum:
		sess.ForumMemberID = f.memberID
	default:
		tb, err := f.e.store.Table(ctx, f.table)
		if err != nil {
			t.Fatal(err)
		}
		sess.TableID = tb.ID
		sess.JoinCode = map[string]string{model.RoleFacilitator: tb.FacilitatorCode, model.RoleRapporteur: tb.RapporteurCode,
			model.RoleParticipant: tb.ParticipantCode}[role]
	}
	token, err := f.e.store.CreateSession(ctx, sess, sessionTTL)
	if err != nil {
		t.Fatal(err)
	}
	return token
}

func (f *authzFixture) url(row authzRow) string {
	u := row.url
	if u == "" {
		u = row.path
	}
	return strings.NewReplacer("{workshop}", f.workshop, "{table}", f.table, "{other_table}", f.otherTable,
		"{participant}", f.participant).Replace(u)
}

// call makes the row's request as role.
func (f *authzFixture) call(t *testing.T, row authzRow, role string) *http.Response {
	t.Helper()
	var req *http.Request
	if row.method == http.MethodGet {
		req = httptest.NewRequest(row.method, f.url(row), nil)
	} else {
		form := url.Values{}
		for k, v := range row.form {
			form[k] = v
		}
		form.Set("_csrf", testCSRF)
		req = httptest.NewRequest(row.method, f.url(row), strings.NewReader(form.Encode()))
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	}
	req.AddCookie(&http.Cookie{Name: csrfCookie, Value: testCSRF})
	if token := f.sessionFor(t, role); token != "" {
		req.AddCookie(&http.Cookie{Name: sessionCookie, Value: token})
	}
	resp, err := f.e.app.Test(req, 30000)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	return resp
}

// isRefusal reports whether resp is the way row refuses.
func isRefusal(resp *http.Response, how refusal) bool {
	switch how {
	case toLogin:
		return (resp.StatusCode == http.StatusFound || resp.StatusCode == http.StatusSeeOther) &&
			strings.HasPrefix(resp.Header.Get("Location"), "/login")
	case forbidden:
		return resp.StatusCode == http.StatusForbidden
	case notFound:
		return resp.StatusCode == http.StatusNotFound
	}
	return false
}

// looksRefused is any kind of refusal, which an allowed role must never get.
func looksRefused(resp *http.Response) bool {
	return isRefusal(resp, toLogin) || resp.StatusCode == http.StatusForbidden
}

func TestAuthorizationMatrix(t *testing.T) {
	rows := map[string][]authzRow{}
	for _, r := range authzMatrix {
		key := r.method + " " + r.path
		rows[key] = append(rows[key], r)
	}
	// Every route of the application must have a row.
	e := newTestEnv(t)
	routes := map[string]bool{}
	for _, r := range e.app.GetRoutes(true) {
		routes[r.Method+" "+r.Path] = true
	}
	var keys []string
	for k := range routes {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		method, path, _ := strings.Cut(k, " ")
		if method == http.MethodHead {
			if !routes["GET "+path] {
				t.Errorf("route %s has no GET twin", k)
			}
			continue // HEAD runs the GET handler
		}
		if len(rows[k]) == 0 {
			t.Errorf("route %s has no row in authzMatrix (internal/web/authz_test.go): say which roles may use it", k)
		}
	}
	for k := range rows {
		if !routes[k] {
			t.Errorf("authzMatrix has a row for %s, which is not a route (renamed or removed?)", k)
		}
	}

	for _, row := range authzMatrix {
		row := row
		t.Run(strings.ReplaceAll(row.method+" "+row.path, "/", "_"), func(t *testing.T) {
			f := newAuthzFixture(t)
			allowed := map[string]bool{}
			for _, r := range row.allow {
				allowed[r] = true
			}
			// Refused roles first: a refused request must change nothing,
			// and an allowed one (e.g. renewing a code) may change state.
			order := append([]string{}, authzRoles...)
			sort.SliceStable(order, func(i, j int) bool { return !allowed[order[i]] && allowed[order[j]] })
			for _, role := range order {
				resp := f.call(t, row, role)
				switch {
				case resp.StatusCode >= 500:
					t.Errorf("%s as %s: status %d", f.url(row), role, resp.StatusCode)
				case allowed[role] && looksRefused(resp):
					t.Errorf("%s %s as %s: refused (%d %s), want allowed", row.method, f.url(row), role, resp.StatusCode, resp.Header.Get("Location"))
				case allowed[role] && row.refusal == notFound && resp.StatusCode == http.StatusNotFound:
					t.Errorf("%s %s as %s: 404, want allowed", row.method, f.url(row), role)
				case !allowed[role] && !isRefusal(resp, row.refusal):
					t.Errorf("%s %s as %s: status %d %s, want refused", row.method, f.url(row), role, resp.StatusCode, resp.Header.Get("Location"))
				}
			}
		})
	}
}
