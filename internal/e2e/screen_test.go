package e2e

import (
	"fmt"
	"strconv"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/minka-gob/minka/internal/browsertest"
)

// screenDeadline is how soon a view switched in the control room must be on
// the projector (the screen polls every 1.5 s).
const screenDeadline = "5s"

// viewShown is a condition: the room screen shows view and no other.
func viewShown(view string) string {
	return `(function () {
		var secs = document.querySelectorAll('section[data-view]');
		for (var i = 0; i < secs.length; i++) {
			if (secs[i].hidden !== (secs[i].getAttribute('data-view') !== ` + js(view) + `)) { return false; }
		}
		return secs.length === 6;
	}())`
}

// fitsJS lists what does not fit the viewport without scrolling: the page
// taller or wider than the window, an element of sel beyond its bottom or
// cutting off its own content.
const fitsJS = `(function (sel) {
	var out = [], h = window.innerHeight, w = window.innerWidth;
	var d = document.documentElement;
	if (d.scrollHeight > h + 1) { out.push('page is ' + d.scrollHeight + ' px tall in ' + h); }
	if (d.scrollWidth > w + 1) { out.push('page is ' + d.scrollWidth + ' px wide in ' + w); }
	document.querySelectorAll(sel).forEach(function (n, i) {
		var r = n.getBoundingClientRect();
		if (r.bottom > h + 1 || r.right > w + 1 || r.height < 20) { out.push(sel + ' #' + (i + 1) + ' at ' + Math.round(r.top) + '..' + Math.round(r.bottom) + ' x ' + Math.round(r.left) + '..' + Math.round(r.right)); }
		if (n.scrollHeight > n.clientHeight + 2) { out.push(sel + ' #' + (i + 1) + ' cuts its content (' + n.scrollHeight + ' px in ' + n.clientHeight + ')'); }
	});
	return out.join('; ');
}(%q))`

// fits fails the test when an element of sel does not show whole.
func fits(tb *browsertest.Tab, what, sel string) {
	tb.T.Helper()
	if p := tb.Eval(fmt.Sprintf(fitsJS, sel)); p != "" {
		tb.Fatalf("%s at %s: does not fit without scrolling: %s", what, tb.Eval(`window.innerWidth + 'x' + window.innerHeight`), p)
	}
}

// apartJS measures how the matrix's dots overlap: the largest share of a
// dot's diameter another dot covers (0: none touches).
const apartJS = `(function () {
	var c = Array.prototype.map.call(document.querySelectorAll('[data-matrix] circle.mx-dot, [data-rs-matrix] circle.mx-dot'), function (n) {
		var r = n.getBoundingClientRect(); return {x: r.left + r.width / 2, y: r.top + r.height / 2, d: r.width};
	});
	var worst = 0;
	for (var i = 0; i < c.length; i++) { for (var j = i + 1; j < c.length; j++) {
		var dist = Math.hypot(c[i].x - c[j].x, c[i].y - c[j].y);
		worst = Math.max(worst, 1 - dist / c[i].d);
	} }
	return String(c.length ? worst : -1);
}())`

// apart fails the test when two dots of the matrix on tab's page cover each
// other (ideas with equal averages must stay individually visible).
func apart(tb *browsertest.Tab, what string) {
	tb.T.Helper()
	if v, _ := strconv.ParseFloat(tb.Eval(apartJS), 64); v > 0 || v < 0 {
		tb.Fatalf("%s: dots overlap (%.2f of a diameter) or are missing", what, v)
	}
}

// switchScreen presses a view's button in the control room.
func switchScreen(admin *browsertest.Tab, wsID, view string) {
	admin.T.Helper()
	admin.ClickAndLoad(`#workshop-` + wsID + ` [data-show-view=` + view + `]`)
	admin.Wait(`document.querySelector('#workshop-` + wsID + ` [data-screen-view]').dataset.screenView === ` + js(view))
}

// The room screen on a projector. The Secretariat's workshop has 12 tables;
// the control room gives the screen's link, which a projector opens with no
// session: no site header, 12 tables without scrolling at 1280×720 and
// 1920×1080. The Secretariat switches the views from the control room and
// the projector follows without a reload: Únanse (12 QR codes, all whole),
// Muro de ideas (titles at least 40 px), a table's Matriz, the room
// Temporizador and the closing Encuesta; the screen survives a server
// restart and follows the next switch.
func TestRoomScreenOnProjector(t *testing.T) {
	w := newWorld(t)
	admin := w.tab("admin", laptop)
	loginByKeyboard(w, admin)
	wsID := createWorkshop(w, admin, "Arequipa", "2025-07-03")
	first := createTable(w, admin, wsID, "1")
	for n := 2; n <= 12; n++ {
		got := admin.Await(`fetch('/api/v1/workshops/` + wsID + `/tables', {method: 'POST', headers: {'Content-Type': 'application/json', 'Accept': 'application/json'},
			body: JSON.stringify({number: ` + strconv.Itoa(n) + `})}).then(r => String(r.status))`)
		if got != "201" {
			t.Fatalf("creating table %d: %s", n, got)
		}
	}
	codes := tableCodes(w, admin, wsID, first)
	rap := w.tab("rapporteur", phone)
	rap.Join(w.srv.Base, codes["rapporteur"])
	fac := w.tab("facilitator", 1024)
	fac.Join(w.srv.Base, codes["facilitator"])
	for _, p := range []string{"needs", "stories", "ideas"} {
		fac.Do(chromedp.Click(chromedp.CSS(`[data-move="1"]`)))
		fac.Wait(`document.querySelector('[data-steps] li.current').dataset.phase === ` + js(p))
	}
	titles := []string{
		"¿Cómo podríamos publicar el avance de cada obra pública del distrito?",
		"¿Cómo podríamos avisar por radio local cuándo hay audiencias?",
	}
	for _, ti := range titles {
		addIdea(rap, ti, "transparency")
		rap.Wait(itemState("idea", ti) + ` === 'guardado'`)
	}

	admin.Open(w.url("/admin/live"))
	check(admin, "control room")
	admin.DocShot("control-room")
	code := admin.Eval(`document.querySelector('#workshop-` + wsID + ` [data-screen-code]').textContent.trim()`)
	if len(code) != 8 {
		admin.Fatalf("no screen code in the control room (%q)", code)
	}
	if !admin.True(`document.querySelector('section.workshop-live').id === 'workshop-` + wsID + `'`) {
		admin.Fatalf("the workshop is not the first of the control room")
	}

	// The projector: a laptop with no session opens the screen link.
	proj := w.tab("projector", laptop)
	proj.Open(w.url("/screen/" + code))
	check(proj, "room screen")
	if proj.True(`document.querySelector('header.top, nav, footer') !== null`) || proj.True(`document.body.textContent.indexOf('Salir') >= 0`) {
		proj.Fatalf("the room screen shows the site's header or menu")
	}
	proj.Wait(viewShown("tables"))
	for _, vp := range [][2]int64{{1280, 720}, {1920, 1080}} {
		proj.Viewport(vp[0], vp[1])
		proj.Wait(`document.querySelectorAll('[data-rs-tables] .rs-card').length === 12`)
		fits(proj, "12 tables", `[data-rs-tables] .rs-card`)
		proj.Snap(fmt.Sprintf("screen-tables-%dx%d", vp[0], vp[1]))
		proj.DocShot(fmt.Sprintf("projector-tables-%dx%d", vp[0], vp[1]))
	}
	if n := proj.Eval(`document.querySelector('[data-table="` + first + `"] [data-count=ideas]').textContent`); n != "2" {
		proj.Fatalf("table 1 shows %s ideas, want 2", n)
	}

	// Únanse: a QR code and the code of every table, whole.
	switchScreen(admin, wsID, "join")
	proj.Viewport(1280, 720)
	if err := proj.WaitWithin(viewShown("join")+` && document.querySelectorAll('[data-rs-join] img.rs-qr').length === 12`, 10e9); err != nil {
		proj.Fatalf("the join view did not come within %s: %v", screenDeadline, err)
	}
	proj.Wait(`Array.prototype.every.call(document.querySelectorAll('[data-rs-join] img.rs-qr'), function (i) { return i.complete && i.naturalWidth > 100; })`)
	if c := proj.Eval(`document.querySelector('[data-table="` + first + `"] .rs-code').dataset.code`); c != codes["participant"] {
		proj.Fatalf("table 1's join code on the screen: %q, want the participants' %q", c, codes["participant"])
	}
	for _, vp := range [][2]int64{{1280, 720}, {1920, 1080}} {
		proj.Viewport(vp[0], vp[1])
		fits(proj, "12 QR codes", `[data-rs-join] .rs-qr`)
		proj.Snap(fmt.Sprintf("screen-join-%dx%d", vp[0], vp[1]))
		proj.DocShot(fmt.Sprintf("projector-join-%dx%d", vp[0], vp[1]))
	}
	check(proj, "room screen: join")

	// Muro de ideas: titles readable from the back of the room.
	switchScreen(admin, wsID, "wall")
	for _, vp := range [][2]int64{{1280, 720}, {1920, 1080}} {
		proj.Viewport(vp[0], vp[1])
		proj.Wait(viewShown("wall") + ` && document.querySelectorAll('[data-rs-wall] .rs-idea-title').length === 2`)
		size := proj.Eval(`String(Math.min.apply(null, Array.prototype.map.call(document.querySelectorAll('[data-rs-wall] .rs-idea-title'), function (n) { return parseFloat(getComputedStyle(n).fontSize); })))`)
		if f, _ := strconv.ParseFloat(size, 64); f < 40 {
			proj.Fatalf("idea titles are %s px at %dx%d, want >= 40", size, vp[0], vp[1])
		}
		fits(proj, "the idea wall", `[data-rs-wall] .rs-idea`)
		proj.Snap(fmt.Sprintf("screen-wall-%dx%d", vp[0], vp[1]))
		proj.DocShot(fmt.Sprintf("projector-wall-%dx%d", vp[0], vp[1]))
	}
	for _, ti := range titles {
		if !proj.True(`document.querySelector('[data-rs-wall]').textContent.indexOf(` + js(ti) + `) >= 0`) {
			proj.Fatalf("the wall lacks %q", ti)
		}
	}
	check(proj, "room screen: wall")

	// Prioritize: the rapporteur records the same rating for both ideas
	// (a table member without a phone), so both sit on one spot of the matrix.
	fac.Do(chromedp.Click(chromedp.CSS(`[data-move="1"]`)))
	fac.Wait(`document.querySelector('[data-steps] li.current').dataset.phase === 'prioritize'`)
	rap.Wait(`document.querySelector('#phase-prioritize').open`)
	for k := 1; k <= 2; k++ {
		id := rap.Eval(`document.querySelector('#rate-idea').options[` + strconv.Itoa(k) + `].value`)
		rap.Do(
			chromedp.SetValue(chromedp.CSS(`#rate-idea`), id),
			chromedp.SendKeys(chromedp.CSS(`#rate-rater`), "Participante 1"),
			chromedp.Click(chromedp.CSS(`form[data-rate-form] fieldset:nth-of-type(1) .scale-option:nth-child(4)`)),
			chromedp.Click(chromedp.CSS(`form[data-rate-form] fieldset:nth-of-type(2) .scale-option:nth-child(3)`)),
			chromedp.Click(chromedp.CSS(`form[data-rate-form] button[type=submit]`)),
		)
		rap.Wait(`document.querySelectorAll('[data-matrix] circle.mx-dot').length === ` + strconv.Itoa(k))
	}
	fac.Wait(`document.querySelectorAll('[data-matrix] circle.mx-dot').length === 2`)
	apart(fac, "the facilitator's matrix")
	check(fac, "facilitator matrix")
	fac.Do(chromedp.ScrollIntoView(chromedp.CSS(`[data-matrix]`)))
	fac.DocShot("facilitator-matrix")

	// The same matrix on the projector.
	admin.Do(chromedp.SetValue(chromedp.CSS(`#mx-`+wsID), first))
	switchScreen(admin, wsID, "matrix")
	proj.Viewport(1280, 720)
	proj.Wait(viewShown("matrix") + ` && document.querySelector('[data-rs-matrix]').textContent.indexOf('Mesa 1') >= 0 && document.querySelectorAll('[data-rs-matrix] circle.mx-dot').length === 2`)
	apart(proj, "the projector's matrix")
	fits(proj, "the matrix", `[data-rs-matrix] svg`)
	proj.Snap("screen-matrix-1280x720")
	proj.DocShot("projector-matrix-1280x720")

	// The room timer.
	admin.Do(chromedp.SetValue(chromedp.CSS(`#tm-`+wsID), "3"))
	admin.ClickAndLoad(`#workshop-` + wsID + ` [data-room-timer=start]`)
	switchScreen(admin, wsID, "timer")
	proj.Wait(viewShown("timer") + ` && /^0[23]:[0-5][0-9]$/.test(document.querySelector('[data-rs-timer]').textContent)`)
	big := proj.Eval(`getComputedStyle(document.querySelector('[data-rs-timer]')).fontSize`)
	if f, _ := strconv.ParseFloat(strings.TrimSuffix(big, "px"), 64); f < 120 {
		proj.Fatalf("the room timer is %s tall", big)
	}
	proj.Snap("screen-timer-1280x720")
	proj.DocShot("projector-timer-1280x720")

	// The server restarts: the screen keeps its picture, says it is
	// reconnecting, and follows the next switch.
	w.srv.Kill()
	proj.Wait(`document.querySelector('[data-status]').classList.contains('on')`)
	if !proj.True(viewShown("timer")) {
		proj.Fatalf("the screen lost its view while the server was down")
	}
	w.srv.Start()
	admin.Open(w.url("/admin/live"))
	switchScreen(admin, wsID, "survey")
	proj.Wait(viewShown("survey") + ` && !document.querySelector('[data-status]').classList.contains('on')`)
	proj.Wait(`(function () { var i = document.querySelector('[data-rs-survey] img.rs-qr'); return i && i.complete && i.naturalWidth > 100; }())`)
	fits(proj, "the survey QR", `[data-rs-survey] img.rs-qr`)
	proj.Snap("screen-survey-1280x720")
	proj.DocShot("projector-survey-1280x720")
	if errs := proj.PageErrors(); len(errs) > 0 {
		proj.Fatalf("the room screen: %s", strings.Join(errs, "; "))
	}
}
