package web

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/gofiber/fiber/v2"

	"github.com/minka-gob/minka/internal/model"
)

func TestLimiterRefillsAndBoundsMemory(t *testing.T) {
	now := time.Date(2025, 5, 23, 9, 0, 0, 0, time.UTC)
	clock := func() time.Time { return now }
	l := newLimiter(RateLimit{Burst: 3, Every: 10 * time.Second}, 100, clock)
	for i := 0; i < 3; i++ {
		if l.wait("a") != 0 {
			t.Fatalf("attempt %d refused", i)
		}
		l.fail("a")
	}
	if w := l.wait("a"); w != 10*time.Second {
		t.Fatalf("after the burst: wait = %v, want 10s", w)
	}
	if l.wait("b") != 0 {
		t.Fatal("another client is limited too")
	}
	now = now.Add(5 * time.Second)
	if w := l.wait("a"); w != 5*time.Second {
		t.Fatalf("half refilled: wait = %v, want 5s", w)
	}
	now = now.Add(5 * time.Second)
	if l.wait("a") != 0 {
		t.Fatal("not refilled after Every")
	}
	l.fail("a")
	if l.wait("a") == 0 {
		t.Fatal("one token refilled, used, and still allowed")
	}
	// A flood of clients never grows the limiter past its bound.
	for i := 0; i < 10000; i++ {
		l.fail(fmt.Sprintf("10.0.%d.%d", i/256, i%256))
	}
	if n := l.size(); n > 100 {
		t.Fatalf("limiter remembers %d clients, bound is 100", n)
	}
}

func TestLimiterIsSafeForConcurrentUse(t *testing.T) {
	l := newLimiter(RateLimit{Burst: 50, Every: time.Hour}, 1000, nil)
	var wg sync.WaitGroup
	for g := 0; g < 8; g++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; i < 100; i++ {
				l.wait("x")
				l.fail("x")
			}
		}()
	}
	wg.Wait()
	if l.wait("x") == 0 {
		t.Fatal("800 failures and still allowed")
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

// Failures for one username are limited across client IPs: app.Test always
// comes from the same address, so the per-IP limit is set high here.
func TestLoginFailuresPerUsername(t *testing.T) {
	e := newTestEnv(t)
	e.srv.limits = newRateLimits(RateLimits{LoginIP: RateLimit{Burst: 1000, Every: time.Second}, LoginUser: RateLimit{Burst: 3, Every: time.Hour}}, time.Now)
	if _, err := e.store.CreateAdmin(context.Background(), "admin", "una-clave-larga"); err != nil {
		t.Fatal(err)
	}
	for i := 0; i < 3; i++ {
		wantStatus(t, e.postForm("/login", url.Values{"username": {"Admin "}, "password": {"nope"}}), http.StatusUnauthorized)
	}
	wantStatus(t, e.postForm("/login", url.Values{"username": {"admin"}, "password": {"una-clave-larga"}}), http.StatusTooManyRequests)
	wantStatus(t, e.postForm("/login", url.Values{"username": {"otra"}, "password": {"nope"}}), http.StatusUnauthorized)
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
