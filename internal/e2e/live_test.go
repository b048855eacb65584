package e2e

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"github.com/minka-gob/minka/internal/browsertest"
)

// js quotes s as a JavaScript string literal.
func js(s string) string {
	b, _ := json.Marshal(s)
	return string(b)
}

// itemState is the save state ("guardado", "pendiente") the rapporteur's
// list shows for the record of kind whose text contains text, or "" when
// the list lacks it.
func itemState(kind, text string) string {
	return `(function () {
		var items = document.querySelectorAll('[data-list=` + kind + `] .item');
		for (var i = 0; i < items.length; i++) {
			if (items[i].querySelector('.item-body').textContent.indexOf(` + js(text) + `) >= 0) { return items[i].querySelector('.state').textContent; }
		}
		return '';
	}())`
}

// openSection opens the rapporteur's section of a phase if it is closed.
func openSection(rap *browsertest.Tab, phase string) {
	rap.T.Helper()
	if !rap.True(`document.querySelector('#phase-` + phase + `').open`) {
		rap.Do(chromedp.Click(chromedp.CSS(`#phase-` + phase + ` > summary`)))
	}
}

// addNote records a profile note and returns when its add button was
// pressed (typing is not counted in the time the plenary has).
func addNote(rap *browsertest.Tab, kind, text string) time.Time {
	rap.T.Helper()
	openSection(rap, "needs")
	rap.Do(
		chromedp.Click(chromedp.CSS(`form[data-kind=profile_note] input[value=`+kind+`]`)),
		chromedp.SendKeys(chromedp.CSS(`#note-text`), text),
	)
	return submit(rap, "profile_note")
}

func addStory(rap *browsertest.Tab, as, want, so string) time.Time {
	rap.T.Helper()
	openSection(rap, "stories")
	rap.Do(
		chromedp.SendKeys(chromedp.CSS(`#story-as`), as),
		chromedp.SendKeys(chromedp.CSS(`#story-want`), want),
		chromedp.SendKeys(chromedp.CSS(`#story-so`), so),
	)
	return submit(rap, "user_story")
}

func addIdea(rap *browsertest.Tab, title, principle string) time.Time {
	rap.T.Helper()
	openSection(rap, "ideas")
	rap.Do(
		chromedp.SendKeys(chromedp.CSS(`#idea-title`), title),
		chromedp.Click(chromedp.CSS(`form[data-kind=idea] input[value=`+principle+`]`)),
	)
	return submit(rap, "idea")
}

// submit presses the add button of the form of kind.
func submit(rap *browsertest.Tab, kind string) time.Time {
	rap.T.Helper()
	at := time.Now()
	rap.Do(chromedp.Click(chromedp.CSS(`form[data-kind=` + kind + `] [data-submit]`)))
	return at
}

// addIdeaByKeyboard records an idea with the keyboard alone, from a freshly
// loaded console in the ideas phase: Tab to "＋ detalle", Enter opens it,
// Tab into the description and type it; Tab on to the title and type it;
// Tab into the principle chips, an arrow key to choose the next one; Tab to
// the add button, Enter. It returns the principle chosen.
func addIdeaByKeyboard(rap *browsertest.Tab, title, desc string) string {
	rap.T.Helper()
	rap.Do(chromedp.Reload()) // no focus anywhere yet
	rap.WaitOnline()
	if !rap.True(`document.querySelector('#phase-ideas').open`) {
		rap.Fatalf("in the ideas phase the console does not open the ideas section")
	}
	tabTo(rap, "idea-more", 80)
	rap.Do(chromedp.KeyEvent(kb.Enter), chromedp.KeyEvent(kb.Tab))
	if id := rap.Eval(`document.activeElement.id`); id != "idea-desc" {
		rap.Fatalf("Tab from the open \"＋ detalle\" went to #%s, want #idea-desc", id)
	}
	rap.Do(chromedp.KeyEvent(desc))
	tabTo(rap, "idea-title", 120)
	rap.Do(chromedp.KeyEvent(title), chromedp.KeyEvent(kb.Tab))
	if !rap.True(`document.activeElement.name === 'principle'`) {
		rap.Fatalf("Tab from the title went to %s, want the principle chips", rap.Eval(`document.activeElement.outerHTML.slice(0, 100)`))
	}
	rap.Do(chromedp.KeyEvent(" "), chromedp.KeyEvent(kb.ArrowDown))
	chosen := rap.Eval(`(function(){ var c = document.querySelector('form[data-kind=idea] input[name=principle]:checked'); return c ? c.value : ''; }())`)
	if chosen == "" || !rap.True(`document.activeElement.name === 'principle'`) {
		rap.Fatalf("no principle chosen with Space and an arrow key (focus on %s)", rap.Eval(`document.activeElement.outerHTML.slice(0, 100)`))
	}
	rap.Do(chromedp.KeyEvent(kb.Tab))
	if !rap.True(`document.activeElement.hasAttribute('data-submit') && document.activeElement.closest('form').dataset.kind === 'idea'`) {
		rap.Fatalf("Tab after the principles went to %s, want the add button", rap.Eval(`document.activeElement.outerHTML.slice(0, 100)`))
	}
	rap.Do(chromedp.KeyEvent(kb.Enter))
	return chosen
}

// seen waits until cond holds on another person's screen (the Tab's
// generous step deadline: on a loaded 2-core machine a push can take
// seconds) and logs how long it took after since. Latency is measured by the
// benchmarks and the load tool, not asserted here.
func seen(t *testing.T, tb *browsertest.Tab, what string, since time.Time, cond string) {
	t.Helper()
	if err := tb.WaitWithin(cond, tb.Step); err != nil {
		tb.Fatalf("%s not shown within %v of the save (no reload): %v", what, tb.Step, err)
	}
	t.Logf("%s: %s after %v", tb.Name, what, time.Since(since).Round(time.Millisecond))
}

// plenaryCount is the plenary's count of kind for a table.
func plenaryCount(tableID, kind string) string {
	return `document.querySelector('[data-table="` + tableID + `"] [data-count=` + kind + `]').textContent`
}

// phaseLabels are the phases as the screens name them.
var phaseLabels = map[string]string{
	"topic": "Elegir tema", "needs": "Identificar necesidades", "stories": "Historias de usuario",
	"ideas": "Generar ideas", "prioritize": "Priorizar ideas", "prototype": "Prototipar y evaluar",
}

// movePhase has the facilitator go to the next phase and checks that the
// rapporteur's console and the plenary show it without a reload.
func movePhase(t *testing.T, fac, rap, plen *browsertest.Tab, tableID, phase string) {
	t.Helper()
	start := time.Now()
	fac.Do(chromedp.Click(chromedp.CSS(`[data-move="1"]`)))
	fac.Wait(`document.querySelector('[data-steps] li.current').dataset.phase === ` + js(phase))
	seen(t, rap, "phase "+phase, start, `document.querySelector('[data-phase-label]').textContent === `+js(phaseLabels[phase]))
	seen(t, plen, "phase "+phase, start, `document.querySelector('[data-table="`+tableID+`"] .badge.phase').textContent === `+js(phaseLabels[phase]))
}

// A table at work: the Secretariat logs in (by keyboard), creates a
// workshop and a table and opens the table's codes; the rapporteur joins
// with the code on a 360-px phone and records a profile note, a user story
// and two ideas (one by keyboard alone); the plenary projector shows each
// without a reload (the delay is logged); the facilitator moves the phases and
// the other screens follow.
func TestTableAtWork(t *testing.T) {
	w := newWorld(t)
	admin := w.tab("admin", laptop)
	loginByKeyboard(w, admin)
	wsID := createWorkshop(w, admin, "Iquitos", "2025-06-05")
	tableID := createTable(w, admin, wsID, "1")
	routeContent(w, admin, tableID)
	codes := tableCodes(w, admin, wsID, tableID)

	// The projector shows the plenary of the Secretariat's session.
	plen := w.tab("plenary", laptop)
	share(w, admin, plen)
	plen.Open(w.url("/admin/live"))
	check(plen, "live tables index")
	plen.ClickAndLoad(`a[href="/workshops/` + wsID + `/plenary"]`)
	plen.WaitOnline()
	check(plen, "plenary")

	fac := w.tab("facilitator", 1024)
	fac.Join(w.srv.Base, codes["facilitator"])
	check(fac, "facilitator")
	// The route's script of the table's phase is shown, the others wait for their phase.
	fac.Wait(guideShown("topic"))

	// The rapporteur types the code the Secretariat gave out.
	rap := w.tab("rapporteur", phone)
	rap.Open(w.url("/join"))
	check(rap, "join")
	typeInto(rap, "#code", codes["rapporteur"])
	rap.ClickAndLoad(`form[action="/join"] button[type=submit]`)
	if p := rap.Path(); p != "/tables/"+tableID+"/rapporteur" {
		rap.Fatalf("the rapporteur's code led to %s", p)
	}
	rap.WaitOnline()
	check(rap, "rapporteur")

	movePhase(t, fac, rap, plen, tableID, "needs")
	// Phase 2: the facilitator sees the Secretariat's prompt and the whole profile; one tap starts the suggested 18 minutes.
	fac.Wait(guideShown("needs") + ` && document.querySelector('[data-for-phase=needs]').textContent.indexOf(` + js(routePrompt) + `) >= 0` +
		` && document.querySelector('[data-for-phase=needs] .route-profile').textContent.indexOf(` + js(routePains) + `) >= 0`)
	fac.Do(chromedp.Click(chromedp.CSS(`[data-for-phase=needs] [data-guide-start]`)))
	rap.Wait(`(function () { var tm = document.querySelector('[data-timer]'); return !tm.hidden && /^1[78]:/.test(tm.textContent); }())`)
	check(fac, "facilitator with the route's script")
	start := addNote(rap, "pain", "Las colas en la municipalidad duran horas")
	rap.Wait(itemState("profile_note", "Las colas en la municipalidad") + ` === 'guardado'`)
	seen(t, plen, "the profile note", start, plenaryCount(tableID, "profile_notes")+` === '1'`)

	movePhase(t, fac, rap, plen, tableID, "stories")
	start = addStory(rap, "vecina de Belén", "ver en línea el estado de mi trámite", "no perder un día de trabajo")
	rap.Wait(itemState("user_story", "ver en línea el estado de mi trámite") + ` === 'guardado'`)
	seen(t, plen, "the user story", start, plenaryCount(tableID, "stories")+` === '1'`)

	movePhase(t, fac, rap, plen, tableID, "ideas")
	// Phase 4: the problem's "¿Cómo podríamos…?" challenge, on the rapporteur's phone and the facilitator's tablet.
	rap.Wait(`document.querySelector('#phase-ideas .challenge-text').textContent === ` + js(routeChallenge))
	fac.Wait(guideShown("ideas") + ` && document.querySelector('[data-for-phase=ideas] .challenge-text').textContent === ` + js(routeChallenge))
	first := "¿Cómo podríamos publicar el estado de cada trámite?"
	start = addIdea(rap, first, "transparency")
	rap.Wait(itemState("idea", first) + ` === 'guardado'`)
	seen(t, plen, "the first idea", start, `document.querySelector('[data-newest]').textContent.indexOf(`+js(first)+`) >= 0 && `+plenaryCount(tableID, "ideas")+` === '1'`)

	second := "¿Cómo podríamos avisar por SMS cuando el trámite avanza?"
	principle := addIdeaByKeyboard(rap, second, "Mensajes gratuitos a quien lo pida")
	start = time.Now() // Enter was the last key
	rap.Wait(itemState("idea", second) + ` === 'guardado'`)
	seen(t, plen, "the second idea", start, `document.querySelector('[data-newest]').textContent.indexOf(`+js(second)+`) >= 0 && document.querySelector('[data-total]').textContent === '2'`)
	if n := plen.Eval(`document.querySelector('[data-principle=` + principle + `] [data-n]').textContent`); n != "1" {
		plen.Fatalf("ideas of principle %s on the plenary: %s, want 1", principle, n)
	}
	check(rap, "rapporteur with records")

	movePhase(t, fac, rap, plen, tableID, "prioritize")
	fac.Wait(`document.querySelectorAll('[data-list=idea] .item').length === 2`)
	check(fac, "facilitator with records")
	check(plen, "plenary with records")

	// Nothing was lost or doubled on the way: the stored record, read
	// through the API with the Secretariat's session.
	rec := admin.Await(`fetch('/api/v1/tables/` + tableID + `/record', {headers: {'Accept': 'application/json'}}).then(r => r.text())`)
	var got struct {
		Table        struct{ Phase string }
		ProfileNotes []struct{ Text string } `json:"profile_notes"`
		UserStories  []struct{ Want string } `json:"user_stories"`
		Ideas        []struct{ Title, Principle string }
	}
	if err := json.Unmarshal([]byte(rec), &got); err != nil {
		t.Fatalf("record: %v\n%s", err, rec)
	}
	if got.Table.Phase != "prioritize" || len(got.ProfileNotes) != 1 || len(got.UserStories) != 1 || len(got.Ideas) != 2 ||
		got.Ideas[1].Title != second || got.Ideas[1].Principle != principle {
		t.Fatalf("stored record: %s", rec)
	}
}

// The route's content the Secretariat prepares in routeContent.
const (
	routePrompt    = "¿A quién conocen que viva esto? Una necesidad por tarjeta."
	routePains     = "Perder un día de trabajo en colas."
	routeChallenge = "¿Cómo podríamos saber en qué va un trámite sin ir a la municipalidad?"
)

// routeContent is the Secretariat preparing a table's route: the phase 2
// script (the route editor), a problem with its challenge, a user profile
// with description, needs and pains, both assigned to the table.
func routeContent(w *world, admin *browsertest.Tab, tableID string) {
	admin.T.Helper()
	admin.Open(w.url("/admin/route"))
	check(admin, "route editor")
	admin.Do(chromedp.SetValue(chromedp.CSS("#prompt_needs"), routePrompt), chromedp.SetValue(chromedp.CSS("#minutes_needs"), "18"))
	admin.ClickAndLoad(`form[action="/admin/route"] button[type=submit]`)
	admin.Wait(`document.querySelector('.alert.ok') !== null && document.querySelector('#prompt_needs').value === ` + js(routePrompt))

	admin.Open(w.url("/admin/problems/new"))
	check(admin, "problem form")
	typeInto(admin, "#title", "Trámites municipales lentos")
	typeInto(admin, "#challenge", routeChallenge)
	admin.ClickAndLoad(`form[action="/admin/problems"] button[type=submit]`)

	admin.Open(w.url("/admin/profiles/new"))
	check(admin, "profile form")
	typeInto(admin, "#name", "Vecina de Belén")
	typeInto(admin, "#description", "Comerciante del mercado de Belén, 45 años.")
	typeInto(admin, "#needs", "Saber cuándo volver.")
	typeInto(admin, "#pains", routePains)
	admin.ClickAndLoad(`form[action="/admin/profiles"] button[type=submit]`)

	admin.Open(w.url("/admin/tables/" + tableID + "/edit"))
	admin.Eval(`(function () {
		function pick(sel, text) { var s = document.querySelector(sel); for (var i = 0; i < s.options.length; i++) { if (s.options[i].textContent.indexOf(text) >= 0) { s.selectedIndex = i; return; } } }
		pick('#problem_id', 'Trámites municipales lentos'); pick('#profile_id', 'Vecina de Belén'); return ''; }())`)
	admin.ClickAndLoad(`form[action="/admin/tables/` + tableID + `"] button[type=submit]`)
}

// guideShown is a condition: the route's script of phase is the one shown.
func guideShown(phase string) string {
	return `Array.prototype.every.call(document.querySelectorAll('[data-for-phase]'), function (g) { return g.hidden === (g.dataset.forPhase !== ` + js(phase) + `); })`
}

// newestOnce is a condition: the plenary's newest ideas list each title
// exactly once, and the total is total.
func newestOnce(total int, titles ...string) string {
	c := `(function () {
		var shown = Array.prototype.map.call(document.querySelectorAll('[data-newest] .idea-title'), function (n) { return n.textContent; });
		function once(x) { return shown.filter(function (y) { return y === x; }).length === 1; }
		return document.querySelector('[data-total]').textContent === '` + fmt.Sprint(total) + `'`
	for _, t := range titles {
		c += ` && once(` + js(t) + `)`
	}
	return c + `; }())`
}

// outboxLen is the number of operations in the rapporteur's outbox.
func outboxLen(rap *browsertest.Tab, tableID string) string {
	rap.T.Helper()
	return rap.Eval(`String(JSON.parse(localStorage.getItem('minka.outbox.table:` + tableID + `') || '[]').length)`)
}

// Lossless capture. First the rapporteur's phone leaves the Wi-Fi (network
// cut through the DevTools protocol): an idea typed meanwhile shows
// "pendiente" and the plenary does not have it; when the network returns
// it is "guardado" and on the plenary once. Then the server goes down (the
// Secretariat's laptop loses power): two ideas typed meanwhile wait in the
// outbox as "pendiente"; when the server is back both become "guardado"
// and reach the plenary exactly once.
func TestLosslessCapture(t *testing.T) {
	w := newWorld(t)
	admin := w.tab("admin", laptop)
	loginByKeyboard(w, admin)
	wsID := createWorkshop(w, admin, "Cusco", "2025-06-12")
	tableID := createTable(w, admin, wsID, "2")
	codes := tableCodes(w, admin, wsID, tableID)

	plen := w.tab("plenary", laptop)
	share(w, admin, plen)
	plen.Open(w.url("/workshops/" + wsID + "/plenary"))
	plen.WaitOnline()

	rap := w.tab("rapporteur", phone)
	rap.Join(w.srv.Base, codes["rapporteur"])

	// 1. The phone's network is cut.
	first := "¿Cómo podríamos publicar las actas de cada sesión?"
	rap.Offline(true)
	addIdea(rap, first, "transparency")
	rap.Wait(itemState("idea", first) + ` === 'pendiente'`)
	rap.Do(chromedp.Sleep(time.Second))
	if st := rap.Eval(itemState("idea", first)); st != "pendiente" || outboxLen(rap, tableID) != "1" {
		rap.Fatalf("offline, the idea is %q with %s operations in the outbox", st, outboxLen(rap, tableID))
	}
	check(rap, "rapporteur offline")
	if v := plen.Eval(`document.querySelector('[data-total]').textContent`); v != "0" {
		plen.Fatalf("the plenary counts %s ideas while the rapporteur is offline", v)
	}
	rap.Offline(false)
	rap.Wait(itemState("idea", first) + ` === 'guardado'`)
	plen.Wait(newestOnce(1, first))

	// 2. The server goes down.
	w.srv.Kill()
	rap.Wait(`!document.querySelector('[data-status]').classList.contains('online')`)
	ideas := []struct{ title, principle string }{
		{"¿Cómo podríamos rendir cuentas en quechua?", "accountability"},
		{"¿Cómo podríamos abrir los datos de las obras?", "transparency"},
	}
	for _, i := range ideas {
		addIdea(rap, i.title, i.principle)
	}
	for _, i := range ideas {
		rap.Wait(itemState("idea", i.title) + ` === 'pendiente'`)
	}
	if n := outboxLen(rap, tableID); n != "2" {
		rap.Fatalf("outbox holds %s operations, want 2", n)
	}
	rap.Snap("server-down")

	w.srv.Start()
	for _, i := range ideas {
		rap.Wait(itemState("idea", i.title) + ` === 'guardado'`)
	}
	if n := outboxLen(rap, tableID); n != "0" {
		rap.Fatalf("outbox still holds %s operations", n)
	}
	all := newestOnce(3, first, ideas[0].title, ideas[1].title)
	plen.Wait(all)
	// A resend after the reconnection must not add them again later.
	plen.Do(chromedp.Sleep(1500 * time.Millisecond))
	if !plen.True(all) {
		plen.Fatalf("the plenary lists: %s", plen.Eval(`document.querySelector('[data-newest]').textContent`))
	}
	plen.Do(chromedp.Reload())
	if !plen.True(all) {
		plen.Fatalf("after a reload the plenary lists: %s", plen.Eval(`document.querySelector('[data-newest]').textContent`))
	}
	rec := admin.Await(`fetch('/api/v1/tables/` + tableID + `/record', {headers: {'Accept': 'application/json'}}).then(r => r.text())`)
	for _, title := range []string{first, ideas[0].title, ideas[1].title} {
		if strings.Count(rec, js(title)) != 1 {
			t.Fatalf("stored record has %q %d times: %s", title, strings.Count(rec, js(title)), rec)
		}
	}
}
