package web

import (
	"context"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"

	"github.com/valyala/fasthttp"

	"github.com/minka-gob/minka/internal/model"
)

const hostile = `<script>alert("minka")</script>`

// Text typed by anyone is shown as text on every page, never run. Each page
// here shows user text; pages added later belong in this list.
func TestStoredScriptIsShownAsText(t *testing.T) {
	e := newTestEnv(t)
	ctx := context.Background()
	p, err := e.store.Process(ctx)
	if err != nil {
		t.Fatal(err)
	}
	p.Name = "Plan " + hostile
	if err := e.store.UpdateProcess(ctx, &p); err != nil {
		t.Fatal(err)
	}
	w := model.Workshop{City: "Lima " + hostile, Date: "2025-05-23", Venue: `"><img src=x onerror=alert(1)>`}
	if err := e.store.CreateWorkshop(ctx, &w); err != nil {
		t.Fatal(err)
	}
	tb := model.Table{WorkshopID: w.ID, Number: 1}
	if err := e.store.CreateTable(ctx, &tb); err != nil {
		t.Fatal(err)
	}
	pages := []struct {
		path  string
		admin bool
	}{
		{"/", false},
		{"/admin/", true},
		{"/admin/audit", true},
		{"/admin/audit?actor=" + url.QueryEscape(`"><script>alert(2)</script>`), true},
		{"/admin/tables/" + tb.ID + "/codes", true},
	}
	for _, pg := range pages {
		e.logout()
		if pg.admin {
			e.loginAdmin()
		}
		body := readBody(t, e.get(pg.path))
		if strings.Contains(body, "<script>alert") || strings.Contains(body, "<img src=x") {
			t.Errorf("%s: user text is not escaped", pg.path)
		}
		if !strings.Contains(body, "&lt;script&gt;alert(") {
			t.Errorf("%s: the hostile text is not shown at all (the test would prove nothing)", pg.path)
		}
	}
}

// Request bodies are bounded: an oversized one is refused before any handler
// reads it. A form's bound is small (TestBodyLimitsPerRoute checks the routes
// that take files); nothing takes more than the import's 12 MiB.
func TestRequestBodyIsLimited(t *testing.T) {
	e := newTestEnv(t)
	if max := e.app.Config().BodyLimit; max <= 0 || max > 12<<20 {
		t.Fatalf("body limit %d, want at most 12 MiB", max)
	}
	limit := bodyLimitFor(loginHeader()).MaxRequestBodySize
	if limit <= 0 || limit > 1<<20 {
		t.Fatalf("body limit of POST /login %d, want at most 1 MiB", limit)
	}
	big := strings.Repeat("a", limit+1)
	req := httptest.NewRequest(http.MethodPost, "/login", strings.NewReader("_csrf="+testCSRF+"&username="+big))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	for k, v := range e.cookies {
		req.AddCookie(&http.Cookie{Name: k, Value: v})
	}
	resp, err := e.app.Test(req, -1)
	switch {
	case err != nil:
		// fasthttp refuses while reading the request and closes the connection.
		if !strings.Contains(err.Error(), "body size exceeds") {
			t.Fatalf("oversized body: %v", err)
		}
	default:
		defer resp.Body.Close()
		if resp.StatusCode != http.StatusRequestEntityTooLarge {
			t.Fatalf("oversized body: status %d, want 413", resp.StatusCode)
		}
	}
}

func loginHeader() *fasthttp.RequestHeader {
	var h fasthttp.RequestHeader
	h.SetMethod("POST")
	h.SetRequestURI("/login")
	return &h
}
