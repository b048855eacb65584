package e2e

import (
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
)

// visibleJS lists the elements of sel that are not whole in the part of
// the window the sticky bar leaves free.
const visibleJS = `(function (sels) {
	var bar = document.querySelector('.live-bar').getBoundingClientRect();
	var out = [];
	sels.forEach(function (sel) {
		var n = document.querySelector(sel);
		if (!n) { out.push(sel + ' missing'); return; }
		var r = n.getBoundingClientRect();
		if (r.top < bar.bottom - 1 || r.bottom > window.innerHeight + 1) {
			out.push(sel + ' at ' + Math.round(r.top) + '..' + Math.round(r.bottom) + ' (free: ' + Math.round(bar.bottom) + '..' + window.innerHeight + ')');
		}
	});
	return out.join('; ');
}(%s))`

// One-step capture on a 360-px phone. In the ideas phase the earlier
// phases are folded. With the on-screen keyboard open (the window 440 px
// tall) the title, the principle chips and the add button are all in
// sight below the sticky bar. The principle is optional: the first idea is
// typing and Enter alone (saved "Sin principio", classified later in the
// review); the next is one tap on a chip, typing and Enter; the one after is
// typing and Enter (the chip stays), and tapping the chosen chip again clears
// it. The newest is on top, a toast says "Agregado" with "Deshacer", which
// takes the idea back; no item carries a red delete button.
func TestOneStepCapture(t *testing.T) {
	w := newWorld(t)
	admin := w.tab("admin", laptop)
	loginByKeyboard(w, admin)
	wsID := createWorkshop(w, admin, "Piura", "2025-07-15")
	tableID := createTable(w, admin, wsID, "1")
	codes := tableCodes(w, admin, wsID, tableID)
	fac := w.tab("facilitator", 1024)
	fac.Join(w.srv.Base, codes["facilitator"])
	rap := w.tab("rapporteur", phone)
	rap.Join(w.srv.Base, codes["rapporteur"])
	for _, p := range []string{"needs", "stories", "ideas"} {
		fac.Do(chromedp.Click(chromedp.CSS(`[data-move="1"]`)))
		fac.Wait(`document.querySelector('[data-steps] li.current').dataset.phase === ` + js(p))
	}
	rap.Wait(`document.querySelector('#phase-ideas').open`)
	if rap.True(`document.querySelector('#phase-needs').open || document.querySelector('#phase-stories').open || document.querySelector('#phase-topic').open`) {
		rap.Fatalf("in the ideas phase the earlier phases stay open")
	}

	// The keyboard takes the lower half of the screen.
	rap.Viewport(phone, 440)
	rap.Do(chromedp.Focus(chromedp.CSS(`#idea-title`)))
	sels := "['#idea-title', 'form[data-kind=idea] .pchips', 'form[data-kind=idea] [data-submit]']"
	inSight := strings.Replace(visibleJS, "%s", sels, 1)
	if err := rap.WaitWithin(inSight+` === ''`, 5*time.Second); err != nil {
		rap.Fatalf("with the keyboard open, hidden: %s", rap.Eval(inSight))
	}

	// The first idea: typing and Enter, no principle.
	loose := "¿Cómo podríamos contar el presupuesto en quechua?"
	rap.Do(chromedp.SendKeys(chromedp.CSS(`#idea-title`), loose+kb.Enter))
	rap.Wait(itemState("idea", loose) + ` === 'guardado'`)
	itemTag := `(function () { var it = Array.prototype.find.call(document.querySelectorAll('[data-list=idea] .item'), function (li) {
		return li.querySelector('.idea-title').textContent === %s; }); return it ? it.querySelector('.tag').textContent : ''; }())`
	if tag := rap.Eval(strings.Replace(itemTag, "%s", js(loose), 1)); tag != "Sin principio" {
		rap.Fatalf("an idea saved without principle is tagged %q", tag)
	}
	// The next: one tap, typing, Enter.
	first := "¿Cómo podríamos publicar las licitaciones en la radio?"
	rap.Do(chromedp.Click(chromedp.CSS(`form[data-kind=idea] input[value=participation]`)))
	rap.Do(chromedp.SendKeys(chromedp.CSS(`#idea-title`), first+kb.Enter))
	rap.Wait(itemState("idea", first) + ` === 'guardado'`)
	// The one after: typing and Enter.
	second := "¿Cómo podríamos abrir las sesiones del concejo?"
	rap.Do(chromedp.SendKeys(chromedp.CSS(`#idea-title`), second+kb.Enter))
	rap.Wait(itemState("idea", second) + ` === 'guardado'`)
	if top := rap.Eval(`document.querySelector('[data-list=idea] .item .idea-title').textContent`); top != second {
		rap.Fatalf("the newest idea is not on top (top: %q)", top)
	}
	if tag := rap.Eval(strings.Replace(itemTag, "%s", js(second), 1)); tag != "Participación ciudadana" {
		rap.Fatalf("the chip did not stay for the next idea (tag %q)", tag)
	}
	if rap.Eval(`document.activeElement.id`) != "idea-title" {
		rap.Fatalf("after Enter the focus left the title (on %s)", rap.Eval(`document.activeElement.outerHTML.slice(0, 80)`))
	}
	rap.Wait(`!document.querySelector('[data-toast]').hidden && document.querySelector('[data-toast]').textContent.indexOf('Agregado') >= 0`)
	if n := rap.Eval(`String(document.querySelectorAll('[data-list=idea] .item button.danger').length)`); n != "0" {
		rap.Fatalf("%s red delete buttons on the list", n)
	}
	rap.DocShot("rapporteur-capture-keyboard-open")

	// Deshacer (within the toast's 8 s) takes the second idea back.
	rap.Do(chromedp.Click(chromedp.CSS(`[data-toast] [data-undo]`)))
	rap.Wait(`document.querySelectorAll('[data-list=idea] .item').length === 2 && ` + itemState("idea", first) + ` === 'guardado'`)
	// Tapping the chosen chip again clears it.
	rap.Do(chromedp.Click(chromedp.CSS(`form[data-kind=idea] input[value=participation]`)))
	rap.Wait(`!document.querySelector('form[data-kind=idea] input[name=principle]:checked')`)
	rap.Viewport(phone, 740)
	check(rap, "rapporteur capture")
	rec := admin.Await(`fetch('/api/v1/tables/` + tableID + `/record', {headers: {'Accept': 'application/json'}}).then(r => r.text())`)
	if !strings.Contains(rec, js(first)) || strings.Contains(rec, js(second)) || !strings.Contains(rec, `"principle":"participation"`) {
		t.Fatalf("stored record after Deshacer: %s", rec)
	}
	if strings.Count(rec, `"principle":"participation"`) != 1 || strings.Count(rec, `"principle":""`) != 1 || !strings.Contains(rec, js(loose)) {
		t.Fatalf("stored record: %s", rec)
	}
}
