package e2e

import (
	"context"
	"os"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"github.com/minka-gob/minka/internal/binarytest"
	"github.com/minka-gob/minka/internal/browsertest"
)

// Widths every page is checked at: a small phone and a laptop.
const (
	phone  = 360
	laptop = 1280
)

// world is one scenario: a fresh server, one browser, and the people's tabs.
type world struct {
	t       *testing.T
	srv     *binarytest.Server
	browser context.Context
}

func newWorld(t *testing.T) *world {
	t.Helper()
	browser := browsertest.NewBrowser(t) // skips (or fails under CI) without Chromium
	return &world{t: t, srv: startServer(t), browser: browser}
}

// tab opens one person's screen, width pixels wide.
func (w *world) tab(name string, width int64) *browsertest.Tab {
	return browsertest.NewTab(w.t, w.browser, name, width)
}

// url is the address of path on the test server.
func (w *world) url(path string) string { return w.srv.Base + path }

var (
	axeOnce   sync.Once
	axeScript string

	checkedMu sync.Mutex
	checked   = map[string]bool{}
)

// axe is the vendored axe-core script (testdata/axe.min.js).
func axe(t *testing.T) string {
	t.Helper()
	axeOnce.Do(func() {
		b, err := os.ReadFile("testdata/axe.min.js")
		if err == nil {
			axeScript = string(b)
		}
	})
	if axeScript == "" {
		t.Fatal("testdata/axe.min.js is missing (see testdata/README.md)")
	}
	return axeScript
}

// check looks at the page the tab shows, once per run for each page name:
// Spanish lang attribute, no CSP violation or JavaScript error, no sideways scroll and finger-sized controls at
// 360 and 1280 px, and no serious or critical axe-core violation. Failures
// are reported (with screenshots under testout/) and the scenario goes on.
func check(tb *browsertest.Tab, page string) {
	tb.T.Helper()
	checkedMu.Lock()
	done := checked[page]
	checked[page] = true
	checkedMu.Unlock()
	if done {
		return
	}
	defer func(t0 time.Time) { tb.T.Logf("checked %s in %v", page, time.Since(t0).Round(time.Millisecond)) }(time.Now())
	if lang := tb.Eval(`document.documentElement.lang`); lang != "es" {
		tb.T.Errorf("%s: <html lang=%q>, want \"es\"", page, lang)
	}
	if errs := tb.PageErrors(); len(errs) > 0 {
		tb.T.Errorf("%s (%s):\n  %s", page, tb.Path(), strings.Join(errs, "\n  "))
	}
	tb.CheckWidths(page, phone, laptop)
	tb.CheckAxe(page, axe(tb.T.(*testing.T)))
}

// ------------------------------------------------------------ the admin

// loginByKeyboard opens the login page and signs in as the first admin
// using only the keyboard: Tab until the username field has the focus,
// type, Tab to the password, type, Enter.
func loginByKeyboard(w *world, tb *browsertest.Tab) {
	tb.T.Helper()
	tb.Open(w.url("/login"))
	check(tb, "login")
	tabTo(tb, "username", 25)
	tb.Do(chromedp.KeyEvent("admin"))
	tabTo(tb, "password", 3)
	tb.Do(chromedp.KeyEvent(adminPassword))
	tb.Follow(chromedp.KeyEvent(kb.Enter))
	if p := tb.Path(); !strings.HasPrefix(p, "/admin/") {
		tb.Fatalf("after logging in the admin is on %s, want /admin/", p)
	}
}

// tabTo presses Tab until the element with id has the focus (at most max
// presses); the focus must be visible there.
func tabTo(tb *browsertest.Tab, id string, max int) {
	tb.T.Helper()
	for i := 0; i < max; i++ {
		tb.Do(chromedp.KeyEvent(kb.Tab))
		if tb.Eval(`document.activeElement ? document.activeElement.id : ''`) == id {
			// The focus must show: an outline (or a ring drawn as a shadow).
			if !tb.True(`(function (s) { return (s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0) || s.boxShadow !== 'none'; }(getComputedStyle(document.activeElement)))`) {
				tb.Fatalf("#%s has the keyboard focus but shows no focus ring", id)
			}
			return
		}
	}
	tb.Fatalf("#%s not reached with %d Tab presses (focus on %s)", id, max,
		tb.Eval(`document.activeElement ? document.activeElement.outerHTML.slice(0, 120) : 'nothing'`))
}

// typeInto focuses the field and types text into it as keys.
func typeInto(tb *browsertest.Tab, sel, text string) {
	tb.T.Helper()
	tb.Do(chromedp.SendKeys(chromedp.CSS(sel), text))
}

var idInPath = regexp.MustCompile(`^/admin/workshops/([0-9a-f-]{36})`)

// createWorkshop creates a workshop through the admin pages and returns its id.
func createWorkshop(w *world, tb *browsertest.Tab, city, date string) string {
	tb.T.Helper()
	tb.Open(w.url("/admin/"))
	check(tb, "admin home")
	tb.ClickAndLoad(`a.button[href="/admin/workshops/new"]`)
	check(tb, "workshop form")
	typeInto(tb, "#city", city)
	tb.Do(chromedp.SetValue(chromedp.CSS("#date"), date))
	typeInto(tb, "#venue", "Auditorio municipal")
	typeInto(tb, "#focus", "Servicios públicos")
	tb.Do(chromedp.SetValue(chromedp.CSS("#status"), "open"))
	tb.ClickAndLoad(`form[action="/admin/workshops"] button[type=submit]`)
	m := idInPath.FindStringSubmatch(tb.Path())
	if m == nil {
		tb.Fatalf("after creating a workshop the admin is on %s", tb.Path())
	}
	tb.Wait(`document.querySelector('.alert.ok') !== null`)
	check(tb, "workshop page")
	return m[1]
}

var tableEditLink = regexp.MustCompile(`^/admin/tables/([0-9a-f-]{36})/edit$`)

// createTable adds table number to the workshop through its page and
// returns the table's id.
func createTable(w *world, tb *browsertest.Tab, workshopID, number string) string {
	tb.T.Helper()
	tb.Open(w.url("/admin/workshops/" + workshopID))
	tb.ClickAndLoad(`a.button[href="/admin/workshops/` + workshopID + `/tables/new"]`)
	check(tb, "table form")
	tb.Do(chromedp.SetValue(chromedp.CSS("#number"), number))
	typeInto(tb, "#facilitator", "Rosa Quispe")
	typeInto(tb, "#rapporteur", "Luis Mamani")
	tb.ClickAndLoad(`form[action="/admin/workshops/` + workshopID + `/tables"] button[type=submit]`)
	href := tb.Eval(`(function(){ var cards = document.querySelectorAll('.card'); for (var i = 0; i < cards.length; i++) {
		var h = cards[i].querySelector('h3'); if (h && h.textContent.trim() === 'Mesa ` + number + `') { return cards[i].querySelector('a[href$="/edit"]').getAttribute('href'); } } return ''; })()`)
	m := tableEditLink.FindStringSubmatch(href)
	if m == nil {
		tb.Fatalf("table %s not listed on the workshop page (edit link %q)", number, href)
	}
	check(tb, "workshop page with a table")
	return m[1]
}

// tableCodes opens the table's codes page from its card on the workshop
// page and returns the join code of each role.
func tableCodes(w *world, tb *browsertest.Tab, workshopID, tableID string) map[string]string {
	tb.T.Helper()
	tb.Open(w.url("/admin/workshops/" + workshopID))
	tb.ClickAndLoad(`.card a[href="/admin/tables/` + tableID + `/codes"]`)
	check(tb, "table codes")
	codes := map[string]string{}
	for _, role := range []string{"facilitator", "rapporteur", "participant"} {
		codes[role] = tb.Eval(`(function(){ var f = document.querySelector('input[name=role][value=` + role + `]');
			return f ? f.closest('.code-card').querySelector('.join-code').textContent.trim() : ''; })()`)
		if codes[role] == "" {
			tb.Fatalf("no %s code on the codes page", role)
		}
	}
	return codes
}

// share gives tab the admin's session (the projector of the plenary is the
// Secretariat's laptop).
func share(w *world, from, to *browsertest.Tab) {
	to.T.Helper()
	tok := from.Cookie(w.srv.Base, "minka_session")
	if tok == "" {
		from.Fatalf("no session cookie")
	}
	to.SetCookie(w.srv.Base, "minka_session", tok)
}
