package web

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"github.com/gofiber/fiber/v2"

	"github.com/minka-gob/minka"
	"github.com/minka-gob/minka/internal/model"
	"github.com/minka-gob/minka/internal/storetest"
)

func TestLimiterRefillsAndBoundsMemory(t *testing.T) {
	now := time.Date(2025, 5, 23, 9, 0, 0, 0, time.UTC)
	clock := func() time.Time { return now }
	l := newLimiter(RateLimit{Burst: 3, Every: 10 * time.Second}, 100, clock)
	for i := 0; i < 3; i++ {
		if _, ok := l.take("a"); !ok {
			t.Fatalf("attempt %d refused", i)
		}
	}
	// Emptied once: the refill is now twice as slow (20 s a token).
	if w, ok := l.take("a"); ok || w != 20*time.Second {
		t.Fatalf("after the burst: wait = %v ok=%v, want 20s", w, ok)
	}
	if _, ok := l.take("b"); !ok {
		t.Fatal("another client is limited too")
	}
	now = now.Add(10 * time.Second)
	if w, ok := l.take("a"); ok || w != 10*time.Second {
		t.Fatalf("half refilled: wait = %v, want 10s", w)
	}
	now = now.Add(10 * time.Second)
	if _, ok := l.take("a"); !ok {
		t.Fatal("not refilled after the slowed interval")
	}
	// Emptied again: four times as slow.
	if w, _ := l.take("a"); w != 40*time.Second {
		t.Fatalf("second time empty: wait = %v, want 40s (growing delays)", w)
	}
	// Refunded attempts (successes) do not count.
	for i := 0; i < 10; i++ {
		if _, ok := l.take("c"); !ok {
			t.Fatalf("success %d refused", i)
		}
		l.refund("c")
	}
	// A flood of clients never grows the limiter past its bound.
	for i := 0; i < 10000; i++ {
		l.take(fmt.Sprintf("10.0.%d.%d", i/256, i%256))
	}
	if n := l.size(); n > 100 {
		t.Fatalf("limiter remembers %d clients, bound is 100", n)
	}
}

// take checks and counts in one step: however many goroutines try at once,
// no more than the burst get through.
func TestLimiterIsAtomic(t *testing.T) {
	l := newLimiter(RateLimit{Burst: 50, Every: time.Hour}, 1000, nil)
	var wg sync.WaitGroup
	var passed atomic.Int64
	for g := 0; g < 8; g++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; i < 100; i++ {
				if _, ok := l.take("x"); ok {
					passed.Add(1)
				}
			}
		}()
	}
	wg.Wait()
	if n := passed.Load(); n != 50 {
		t.Fatalf("%d of 800 attempts passed a burst of 50", n)
	}
}

// newProxiedEnv is a test server that believes X-Forwarded-For from app.Test's
// address (0.0.0.0), so that a test can speak from many client addresses.
func newProxiedEnv(t *testing.T, limits RateLimits) *testEnv {
	t.Helper()
	st := storetest.Open(t)
	app, srv, err := New(Config{Store: st, Templates: minka.Templates, Static: minka.Static, ExportsDir: t.TempDir(),
		UploadsDir: t.TempDir(), Logger: log.New(io.Discard, "", 0), TrustedProxies: []string{"0.0.0.0"}, RateLimits: limits})
	if err != nil {
		t.Fatal(err)
	}
	return &testEnv{t: t, app: app, srv: srv, store: st, cookies: map[string]string{csrfCookie: testCSRF}}
}

// loginFrom posts a login as the client at ip.
func (e *testEnv) loginFrom(ip, user, password string) int {
	form := url.Values{"_csrf": {testCSRF}, "username": {user}, "password": {password}}
	req := httptest.NewRequest(http.MethodPost, "/login", strings.NewReader(form.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("X-Forwarded-For", ip)
	req.AddCookie(&http.Cookie{Name: csrfCookie, Value: testCSRF})
	resp, err := e.app.Test(req, 60000)
	if err != nil {
		e.t.Error(err)
		return 0
	}
	resp.Body.Close()
	return resp.StatusCode
}

// 150 wrong passwords at once from one address: no more than the limit
// (10) are checked; the rest get 429 without a password check. Over real
// connections (app.Test is not safe for concurrent use).
func TestConcurrentWrongLoginsNeverExceedTheLimit(t *testing.T) {
	e := newTestEnv(t)
	if _, err := e.store.CreateAdmin(context.Background(), "admin", "una-clave-larga"); err != nil {
		t.Fatal(err)
	}
	base := e.serveLoopback()
	client := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	// One wrong login and one error page first: the template engine is not
	// safe while a template renders for the very first time.
	warm := url.Values{"_csrf": {testCSRF}, "username": {"warm"}, "password": {"nope"}}
	req, _ := http.NewRequest(http.MethodPost, base+"/login", strings.NewReader(warm.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.AddCookie(&http.Cookie{Name: csrfCookie, Value: testCSRF})
	for _, r := range []*http.Request{req, httptest.NewRequest(http.MethodGet, base+"/no-such-page", nil)} {
		r.RequestURI = ""
		resp, err := client.Do(r)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
	}
	var wg sync.WaitGroup
	var checked, refused atomic.Int64
	start := make(chan struct{})
	for i := 0; i < 150; i++ {
		wg.Add(1)
		go func(i int) {
			defer wg.Done()
			form := url.Values{"_csrf": {testCSRF}, "username": {fmt.Sprintf("user%d", i%3)}, "password": {"nope"}}
			req, _ := http.NewRequest(http.MethodPost, base+"/login", strings.NewReader(form.Encode()))
			req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
			req.AddCookie(&http.Cookie{Name: csrfCookie, Value: testCSRF})
			<-start
			resp, err := client.Do(req)
			if err != nil {
				t.Error(err)
				return
			}
			resp.Body.Close()
			switch resp.StatusCode {
			case http.StatusUnauthorized:
				checked.Add(1)
			case http.StatusTooManyRequests:
				refused.Add(1)
			}
		}(i)
	}
	close(start)
	wg.Wait()
	if n := checked.Load(); n > int64(defaultRateLimits.LoginIP.Burst-1) || n+refused.Load() != 150 {
		t.Fatalf("%d passwords checked and %d refused of 150; the limit is %d", n, refused.Load(), defaultRateLimits.LoginIP.Burst)
	}
}

// Wrong tries for "admin" from one address never lock the real admin out:
// from another address the right password works at once.
func TestNoLockoutOfAnAccount(t *testing.T) {
	e := newProxiedEnv(t, RateLimits{})
	if _, err := e.store.CreateAdmin(context.Background(), "admin", "una-clave-larga"); err != nil {
		t.Fatal(err)
	}
	for i := 0; i < 50; i++ {
		if st := e.loginFrom("10.0.0.66", "admin", "nope"); st != http.StatusUnauthorized && st != http.StatusTooManyRequests {
			t.Fatalf("attacker try %d: %d", i, st)
		}
	}
	if st := e.loginFrom("10.0.0.66", "admin", "una-clave-larga"); st != http.StatusTooManyRequests {
		t.Fatalf("the guessing address itself: %d, want 429", st)
	}
	// Attackers spread over many addresses do not lock it either.
	for i := 0; i < 40; i++ {
		e.loginFrom(fmt.Sprintf("10.0.1.%d", i), "admin", "nope")
	}
	if st := e.loginFrom("10.0.0.7", "admin", "una-clave-larga"); st != http.StatusSeeOther {
		t.Fatalf("the real admin from another address: %d, want 303", st)
	}
}

// Per address and username: five wrong passwords for one account from one
// address, and that address must wait for that account, not for others.
func TestLoginFailuresPerAddressAndAccount(t *testing.T) {
	e := newProxiedEnv(t, RateLimits{LoginIP: RateLimit{Burst: 1000, Every: time.Second}})
	if _, err := e.store.CreateAdmin(context.Background(), "admin", "una-clave-larga"); err != nil {
		t.Fatal(err)
	}
	for i := 0; i < defaultRateLimits.LoginAccount.Burst; i++ {
		if st := e.loginFrom("10.0.0.5", "Admin ", "nope"); st != http.StatusUnauthorized {
			t.Fatalf("try %d: %d", i, st)
		}
	}
	if st := e.loginFrom("10.0.0.5", "admin", "una-clave-larga"); st != http.StatusTooManyRequests {
		t.Fatalf("after the account's burst: %d, want 429", st)
	}
	if st := e.loginFrom("10.0.0.5", "otra", "nope"); st != http.StatusUnauthorized {
		t.Fatalf("another account from the same address: %d, want 401", st)
	}
}

// Without configured proxies, X-Forwarded-For and X-Forwarded-Host are not
// believed: a guesser cannot pose as many addresses, nor change the host of
// the links Minka prints.
func TestForwardedHeadersIgnoredUnlessConfigured(t *testing.T) {
	e := newTestEnv(t)
	if _, err := e.store.CreateAdmin(context.Background(), "admin", "una-clave-larga"); err != nil {
		t.Fatal(err)
	}
	for i := 0; i < defaultRateLimits.LoginIP.Burst; i++ {
		e.loginFrom(fmt.Sprintf("10.9.0.%d", i), fmt.Sprintf("u%d", i), "nope")
	}
	if st := e.loginFrom("10.9.1.1", "admin", "una-clave-larga"); st != http.StatusTooManyRequests {
		t.Fatalf("a new X-Forwarded-For escaped the limit: %d", st)
	}
	// A forged X-Forwarded-Host equal to a foreign Origin would pass the
	// same-origin check of a cross-site form post.
	form := url.Values{"_csrf": {testCSRF}, "username": {"admin"}, "password": {"nope"}}
	req := httptest.NewRequest(http.MethodPost, "/login", strings.NewReader(form.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Host = "minka.example"
	req.Header.Set("Origin", "http://evil.example")
	req.Header.Set("X-Forwarded-Host", "evil.example")
	req.AddCookie(&http.Cookie{Name: csrfCookie, Value: testCSRF})
	resp, err := e.app.Test(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	wantStatus(t, resp, http.StatusForbidden)
}

// Public registration and survey answers are throttled per address.
func TestPublicFormsAreThrottled(t *testing.T) {
	e := newTestEnv(t)
	// The defaults' bursts, refilling too slowly to matter on a loaded machine.
	e.srv.limits = newRateLimits(RateLimits{Register: RateLimit{Burst: defaultRateLimits.Register.Burst, Every: time.Hour},
		Survey: RateLimit{Burst: defaultRateLimits.Survey.Burst, Every: time.Hour}}, time.Now)
	ctx := context.Background()
	w := model.Workshop{City: "Puno", Date: "2025-09-01", Status: model.WorkshopOpen}
	if err := e.store.CreateWorkshop(ctx, &w); err != nil {
		t.Fatal(err)
	}
	got429 := func(path string, n int) int {
		for i := 0; i < n; i++ {
			if e.postForm(path, url.Values{}).StatusCode == http.StatusTooManyRequests {
				return i
			}
		}
		return -1
	}
	if i := got429("/workshops/"+w.ID+"/register", 100); i != defaultRateLimits.Register.Burst {
		t.Fatalf("registration: first 429 at attempt %d, want %d", i, defaultRateLimits.Register.Burst)
	}
	if i := got429("/workshops/"+w.ID+"/survey", 100); i != defaultRateLimits.Survey.Burst {
		t.Fatalf("survey: first 429 at attempt %d, want %d", i, defaultRateLimits.Survey.Burst)
	}
}

func TestLoginFailuresAreRateLimited(t *testing.T) {
	e := newTestEnv(t)
	if _, err := e.store.CreateAdmin(context.Background(), "admin", "una-clave-larga"); err != nil {
		t.Fatal(err)
	}
	burst := defaultRateLimits.LoginIP.Burst
	for i := 0; i < burst; i++ {
		wantStatus(t, e.postForm("/login", url.Values{"username": {fmt.Sprintf("user%d", i)}, "password": {"nope"}}), http.StatusUnauthorized)
	}
	resp := e.postForm("/login", url.Values{"username": {"admin"}, "password": {"una-clave-larga"}})
	wantStatus(t, resp, http.StatusTooManyRequests)
	if resp.Header.Get("Retry-After") == "" {
		t.Error("no Retry-After header")
	}
	if !strings.Contains(readBody(t, resp), "Demasiados intentos") {
		t.Error("429 page is not the translated message")
	}
	// In English too.
	e.cookies[langCookie] = "en"
	resp = e.postForm("/login", url.Values{"username": {"admin"}, "password": {"una-clave-larga"}})
	if !strings.Contains(readBody(t, resp), "Too many attempts") {
		t.Error("429 page is not translated to English")
	}
}

func TestSuccessfulLoginsAreNotCounted(t *testing.T) {
	e := newTestEnv(t)
	if _, err := e.store.CreateAdmin(context.Background(), "admin", "una-clave-larga"); err != nil {
		t.Fatal(err)
	}
	for i := 0; i < 3*defaultRateLimits.LoginIP.Burst; i++ {
		wantStatus(t, e.postForm("/login", url.Values{"username": {"admin"}, "password": {"una-clave-larga"}}), http.StatusSeeOther)
	}
}

// Guessing table codes is limited; a room full of people joining with the
// right code from one address (a NAT) is not.
func TestJoinCodeGuessesAreRateLimited(t *testing.T) {
	e := newTestEnv(t)
	ctx := context.Background()
	w := model.Workshop{City: "Chiclayo", Date: "2025-08-01"}
	e.store.CreateWorkshop(ctx, &w)
	tb := model.Table{WorkshopID: w.ID, Number: 1}
	if err := e.store.CreateTable(ctx, &tb); err != nil {
		t.Fatal(err)
	}
	for i := 0; i < 60; i++ {
		wantStatus(t, e.postForm("/join", url.Values{"code": {tb.ParticipantCode}}), http.StatusSeeOther)
	}
	for i := 0; i < defaultRateLimits.JoinIP.Burst; i++ {
		wantStatus(t, e.postForm("/join", url.Values{"code": {fmt.Sprintf("GUESS%03d", i)}}), http.StatusUnprocessableEntity)
	}
	// Now even the right code must wait: the guesser cannot tell a hit from a miss.
	wantStatus(t, e.postForm("/join", url.Values{"code": {tb.ParticipantCode}}), http.StatusTooManyRequests)
}

// The Forum's personal links are another part's routes; a stand-in route
// guarded the way they will be shows that unknown links are limited and
// known ones are not.
func TestTokenLinkGuessesAreRateLimited(t *testing.T) {
	e := newTestEnv(t)
	app := fiber.New(fiber.Config{ErrorHandler: e.srv.handleError})
	app.Get("/forum/:token", e.srv.LimitTokenLink, func(c *fiber.Ctx) error {
		if c.Params("token") != "good-token" {
			return model.NotFound("error.not_found")
		}
		return c.SendString("ok")
	})
	get := func(path string) int {
		resp, err := app.Test(httptest.NewRequest(http.MethodGet, path, nil))
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		return resp.StatusCode
	}
	for i := 0; i < 40; i++ {
		if st := get("/forum/good-token"); st != http.StatusOK {
			t.Fatalf("known link: status %d", st)
		}
	}
	for i := 0; i < defaultRateLimits.TokenLink.Burst; i++ {
		if st := get(fmt.Sprintf("/forum/guess-%d", i)); st != http.StatusNotFound {
			t.Fatalf("guess %d: status %d", i, st)
		}
	}
	if st := get("/forum/good-token"); st != http.StatusTooManyRequests {
		t.Fatalf("after the guesses: status %d, want 429", st)
	}
}

// serveLoopback serves the test env's app on a loopback port and returns its base URL.
func (e *testEnv) serveLoopback() string {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		e.t.Fatal(err)
	}
	go e.app.Listener(ln)
	e.t.Cleanup(func() { _ = e.app.ShutdownWithTimeout(2 * time.Second) })
	return "http://" + ln.Addr().String()
}

// Bodies are bounded per route before they are read: a small form refuses a
// 1 MiB body, the participant import accepts it (as far as its size goes).
func TestBodyLimitsPerRoute(t *testing.T) {
	e := newTestEnv(t)
	e.loginAdmin()
	base := e.serveLoopback()
	big := strings.Repeat("a", 1<<20)
	post := func(path string) int {
		req, _ := http.NewRequest(http.MethodPost, base+path, strings.NewReader("_csrf="+testCSRF+"&x="+big))
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		for k, v := range e.cookies {
			req.AddCookie(&http.Cookie{Name: k, Value: v})
		}
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			// The server may answer 413 and close while the body is still
			// being sent: the client then sees the reset, never a read body.
			if errors.Is(err, syscall.ECONNRESET) || errors.Is(err, syscall.EPIPE) {
				return http.StatusRequestEntityTooLarge
			}
			t.Fatalf("POST %s: %v", path, err)
		}
		resp.Body.Close()
		return resp.StatusCode
	}
	for _, path := range []string{"/login", "/join", "/admin/problems", "/workshops/x/survey"} {
		if st := post(path); st != http.StatusRequestEntityTooLarge {
			t.Errorf("POST %s with 1 MiB: %d, want 413", path, st)
		}
	}
	for _, path := range []string{"/admin/workshops/x/import", "/admin/field/import", "/api/v1/field/workshops/x/checkouts/y/photos"} {
		if st := post(path); st == http.StatusRequestEntityTooLarge {
			t.Errorf("POST %s refused 1 MiB", path)
		}
	}
}

// After login (and erasure) the redirect stays on this site, whatever the
// next parameter carries once decoded.
func TestSafeNextStaysLocal(t *testing.T) {
	for _, next := range []string{"//evil.example", "/\t/evil.example", "/\n/evil.example", "/\\evil.example",
		"https://evil.example", "/\r\n/evil.example", " //evil.example", "javascript:alert(1)", "/ /evil.example"} {
		if got := safeNext(next); got != "/admin/" {
			t.Errorf("safeNext(%q) = %q", next, got)
		}
	}
	for _, next := range []string{"/admin/workshops", "/admin/audit?table=participants&page=2", "/tables/x/rapporteur"} {
		if got := safeNext(next); got != next {
			t.Errorf("safeNext(%q) = %q, want it kept", next, got)
		}
	}
	// Through the real form: next=/%09/host from the query.
	e := newTestEnv(t)
	body := readBody(t, e.get("/login?next=/%09/evil.example"))
	if !strings.Contains(body, `name="next" value="/admin/"`) {
		t.Error("the login form carries the foreign next")
	}
}

// Pages with personal data are never stored by a browser or proxy.
func TestPersonalPagesAreNotCached(t *testing.T) {
	e := newTestEnv(t)
	e.loginAdmin()
	for _, path := range []string{"/admin/", "/admin/workshops", "/admin/audit", "/admin/exports/participants.csv"} {
		resp := e.get(path)
		if cc := resp.Header.Get("Cache-Control"); !strings.Contains(cc, "no-store") {
			t.Errorf("GET %s (%d): Cache-Control %q, want no-store", path, resp.StatusCode, cc)
		}
	}
}
