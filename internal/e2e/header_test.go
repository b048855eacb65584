package e2e

import (
	"strconv"
	"testing"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"github.com/minka-gob/minka/internal/browsertest"
)

// headerHeight is the height of the site header, in CSS pixels.
func headerHeight(tb *browsertest.Tab) float64 {
	tb.T.Helper()
	h, err := strconv.ParseFloat(tb.Eval(`String(document.querySelector('header.top').getBoundingClientRect().height)`), 64)
	if err != nil {
		tb.Fatalf("header height: %v", err)
	}
	return h
}

// menuLinksShown counts the site menu's links a person can see and tap.
const menuLinksShown = `String(Array.prototype.filter.call(document.querySelectorAll('#site-menu a, #site-menu button'), function (a) {
  var r = a.getBoundingClientRect(); return r.width > 0 && r.height >= 40 && r.right <= window.innerWidth + 1; }).length)`

// On a 360-px phone the site header is one compact bar with a menu button
// (it took ~190 px as a wrapped list of links); the menu opens with a tap
// or the keyboard, closes with Escape, and its links work. Without
// JavaScript the links stay visible; on a laptop they sit in the bar.
func TestCompactPhoneHeader(t *testing.T) {
	w := newWorld(t)
	const maxBar = 64

	ph := w.tab("phone", phone)
	ph.Open(w.url("/?lang=es"))
	if h := headerHeight(ph); h > maxBar {
		ph.Fatalf("the header is %.0f px tall on a %d-px phone, want at most %d", h, phone, maxBar)
	}
	if ph.Eval(`document.querySelector('[data-menu-toggle]').getAttribute('aria-expanded')`) != "false" || ph.Eval(menuLinksShown) != "0" {
		ph.Fatalf("the menu is not closed behind its button")
	}
	check(ph, "home (phone menu closed)")

	// A tap opens it: every link is shown, finger-sized, inside the screen.
	ph.Do(chromedp.Click(chromedp.CSS(`[data-menu-toggle]`)))
	ph.Wait(`document.querySelector('[data-menu-toggle]').getAttribute('aria-expanded') === 'true'`)
	if n := ph.Eval(menuLinksShown); n != ph.Eval(`String(document.querySelectorAll('#site-menu a').length)`) || n == "0" {
		ph.Fatalf("the open menu shows %s links", n)
	}
	ph.DocShot("phone-menu-open")
	ph.CheckAxe("home (phone menu open)", axe(t))
	if errs := ph.Layout(); len(errs) > 0 {
		ph.Fatalf("the open menu: %v", errs)
	}
	// Escape closes it and gives the focus back to the button.
	ph.Do(chromedp.KeyEvent(kb.Escape))
	ph.Wait(`document.querySelector('[data-menu-toggle]').getAttribute('aria-expanded') === 'false' && document.activeElement === document.querySelector('[data-menu-toggle]')`)
	// The keyboard opens it too (Enter on the focused button), and its links work.
	ph.Do(chromedp.KeyEvent(kb.Enter))
	ph.Wait(`document.querySelector('[data-menu-toggle]').getAttribute('aria-expanded') === 'true'`)
	ph.ClickAndLoad(`#site-menu a[href="/stats"]`)
	if p := ph.Path(); p != "/stats" {
		ph.Fatalf("the menu's Estadísticas link led to %s", p)
	}
	if h := headerHeight(ph); h > maxBar {
		ph.Fatalf("on the next page the header is %.0f px tall", h)
	}

	// The Secretariat's longer menu, on a phone: same bar, Salir inside.
	admin := w.tab("admin", laptop)
	loginByKeyboard(w, admin)
	if h := headerHeight(admin); h > maxBar || !admin.True(`getComputedStyle(document.querySelector('[data-menu-toggle]')).display === 'none'`) ||
		admin.Eval(menuLinksShown) == "0" {
		admin.Fatalf("on a laptop the header is %.0f px with the links in the bar and no menu button", h)
	}
	admin.Resize(phone)
	if h := headerHeight(admin); h > maxBar {
		admin.Fatalf("the Secretariat's header is %.0f px tall on a phone", h)
	}
	admin.Do(chromedp.Click(chromedp.CSS(`[data-menu-toggle]`)))
	admin.Wait(`document.querySelector('[data-menu-toggle]').getAttribute('aria-expanded') === 'true'`)
	if !admin.True(`(function () { var b = document.querySelector('#site-menu form[action="/logout"] button'); return b.getBoundingClientRect().height >= 40; })()`) {
		admin.Fatalf("Salir is not in the open menu")
	}
	admin.ClickAndLoad(`#site-menu a[href="/admin/live"]`)
	if p := admin.Path(); p != "/admin/live" {
		admin.Fatalf("the menu's En vivo link led to %s", p)
	}

	// Without JavaScript the links are a visible list and the button stays hidden.
	nojs := w.tab("no-js", phone)
	nojs.DisableScripts()
	nojs.Open(w.url("/?lang=es"))
	if !nojs.True(`document.querySelector('[data-menu-toggle]').hidden`) || nojs.Eval(menuLinksShown) == "0" {
		nojs.Fatalf("without JavaScript the menu's links are not shown")
	}
}
