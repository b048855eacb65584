package web

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"

	"github.com/minka-gob/minka/internal/model"
)

// newBrowser starts headless Chromium (skipping the test where it is not
// installed; scripts/install-test-deps.sh installs it for `make test`).
func newBrowser(t *testing.T) context.Context {
	t.Helper()
	if _, err := exec.LookPath("chromium"); err != nil {
		t.Skip("chromium not installed (scripts/install-test-deps.sh installs it)")
	}
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.Flag("disable-gpu", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.UserDataDir(filepath.Join(t.TempDir(), "chromium")),
	)
	alloc, cancel := chromedp.NewExecAllocator(context.Background(), opts...)
	t.Cleanup(cancel)
	ctx, cancel2 := chromedp.NewContext(alloc)
	t.Cleanup(cancel2)
	if err := chromedp.Do(ctx); err != nil { // start the browser
		t.Fatal(err)
	}
	return ctx
}

// tab is one person's screen: its own browser context (cookies, storage), 360 px wide.
type tab struct {
	t    *testing.T
	ctx  context.Context
	name string
}

func newTab(t *testing.T, browser context.Context, name string, width int64) *tab {
	ctx, cancel := chromedp.NewContext(browser, chromedp.WithNewBrowserContext())
	t.Cleanup(cancel)
	ctx, cancel = context.WithTimeout(ctx, 90*time.Second)
	t.Cleanup(cancel)
	tb := &tab{t: t, ctx: ctx, name: name}
	tb.do(chromedp.EmulateViewport(width, 740))
	return tb
}

func (tb *tab) do(actions ...chromedp.Action[chromedp.Void]) {
	tb.t.Helper()
	if err := chromedp.Do(tb.ctx, actions...); err != nil {
		tb.shot("failure")
		tb.t.Fatal(err)
	}
}

// wait polls a JavaScript condition until it holds.
func (tb *tab) wait(cond string) {
	tb.t.Helper()
	if _, err := chromedp.Run(tb.ctx, chromedp.Poll[bool](cond, chromedp.WithPollingTimeout(30*time.Second))); err != nil {
		tb.shot("failure")
		tb.t.Fatalf("waiting for %s: %v", cond, err)
	}
}

func (tb *tab) eval(js string) string {
	tb.t.Helper()
	v, err := chromedp.Run(tb.ctx, chromedp.Evaluate[string](js))
	if err != nil {
		tb.t.Fatalf("%s: %v", js, err)
	}
	return v
}

// shot saves a screenshot under testout/ when MINKA_SCREENSHOTS is set.
func (tb *tab) shot(name string) {
	dir := os.Getenv("MINKA_SCREENSHOTS")
	if dir == "" {
		return
	}
	b, err := chromedp.Run(tb.ctx, chromedp.FullScreenshot(100))
	if err == nil {
		os.MkdirAll(dir, 0o755)
		os.WriteFile(filepath.Join(dir, strings.ReplaceAll(tb.t.Name(), "/", "_")+"-"+tb.name+"-"+name+".png"), b, 0o644)
	}
}

// join opens /join?code=… and submits the form, as a phone that scanned the QR code.
func (tb *tab) join(base, code string) {
	tb.do(chromedp.Navigate(base + "/join?lang=es&code=" + code))
	if _, err := chromedp.Run(tb.ctx, chromedp.WaitEvent(page.LoadEventFired, nil,
		chromedp.Click(chromedp.CSS(`form[action="/join"] button[type=submit]`)))); err != nil {
		tb.t.Fatal(err)
	}
	tb.wait(`document.querySelector('#live') !== null`)
	tb.wait(`document.querySelector('[data-status]').classList.contains('online')`)
}

const noHorizontalScroll = `document.documentElement.scrollWidth <= window.innerWidth`

// A workshop table run end to end in real browsers: the facilitator moves
// the phases and runs the timer, the rapporteur records every kind of
// contribution from a 360-px phone (one of them while offline), participants
// rate ideas, the facilitator marks the chosen one, and the plenary screen
// follows without a reload.
func TestLiveBrowserWorkshopEndToEnd(t *testing.T) {
	browser := newBrowser(t)
	e := newLiveEnv(t)
	tb0 := e.tables[0]
	fac := newTab(t, browser, "facilitator", 1024)
	rap := newTab(t, browser, "rapporteur", 360)
	par := newTab(t, browser, "participant", 360)
	plen := newTab(t, browser, "plenary", 1280)

	fac.join(e.base, tb0.FacilitatorCode)
	rap.join(e.base, tb0.RapporteurCode)
	par.join(e.base, tb0.ParticipantCode)
	// The projector shows the plenary of the admin's session.
	plen.do(chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
		_, err := cdp.Call(ctx, tg, network.SetCookie, network.SetCookieParams{Name: sessionCookie, Value: e.adminTok, URL: e.base})
		return err
	}), chromedp.Navigate(e.base+"/workshops/"+e.workshop.ID+"/plenary?lang=es"))
	plen.wait(`document.querySelector('[data-status]').classList.contains('online')`)

	// Facilitator: to "needs", with a 10-minute timer the whole table sees.
	fac.do(chromedp.Click(chromedp.CSS(`[data-move="1"]`)), chromedp.Click(chromedp.CSS(`[data-start="600"]`)))
	rap.wait(`document.querySelector('[data-phase-label]').textContent === 'Identificar necesidades'`)
	rap.wait(`/^(10:00|09:5\d)/.test(document.querySelector('[data-timer]').textContent)`)
	par.wait(`/^(10:00|09:5\d)/.test(document.querySelector('[data-timer-big]').textContent)`)
	rap.wait(`document.querySelector('#phase-needs').open`)
	fac.wait(`/Relatoría/.test(document.querySelector('[data-presence]').textContent) && /^1/.test(document.querySelector('[data-presence] li:nth-child(2)').textContent)`)

	// Rapporteur, one thumb at 360 px: a pain, a user story and two ideas.
	rap.do(
		chromedp.Click(chromedp.CSS(`form[data-kind=profile_note] input[value=pain]`)),
		chromedp.SendKeys(chromedp.CSS(`#note-text`), "Las colas en la municipalidad duran horas"),
		chromedp.Click(chromedp.CSS(`form[data-kind=profile_note] [data-submit]`)),
	)
	rap.wait(`document.querySelectorAll('[data-list=profile_note] .item.saved').length === 1`)
	rap.do(
		chromedp.Click(chromedp.CSS(`#phase-stories > summary`)),
		chromedp.SendKeys(chromedp.CSS(`#story-as`), "vecina de Belén"),
		chromedp.SendKeys(chromedp.CSS(`#story-want`), "ver en línea el estado de mi trámite"),
		chromedp.SendKeys(chromedp.CSS(`#story-so`), "no perder un día de trabajo"),
		chromedp.Click(chromedp.CSS(`form[data-kind=user_story] [data-submit]`)),
		chromedp.Click(chromedp.CSS(`#phase-ideas > summary`)),
		chromedp.SendKeys(chromedp.CSS(`#idea-title`), "¿Cómo podríamos publicar el estado de cada trámite?"),
		chromedp.Click(chromedp.CSS(`form[data-kind=idea] input[value=transparency]`)),
		chromedp.Click(chromedp.CSS(`form[data-kind=idea] [data-submit]`)),
	)
	rap.wait(`document.querySelectorAll('[data-list=idea] .item.saved').length === 1`)
	if rap.eval(`String(`+noHorizontalScroll+`)`) != "true" {
		rap.shot("scroll")
		t.Fatal("the rapporteur console scrolls sideways at 360 px")
	}

	// The server goes down (the laptop restarts): the second idea waits in
	// the outbox, shown pending; after a reload of the page it is still
	// there, and it is sent when the server is back.
	e.stop()
	rap.wait(`!document.querySelector('[data-status]').classList.contains('online')`)
	rap.do(
		chromedp.SendKeys(chromedp.CSS(`#idea-title`), "¿Cómo podríamos rendir cuentas en quechua?"),
		chromedp.Click(chromedp.CSS(`form[data-kind=idea] input[value=accountability]`)),
		chromedp.Click(chromedp.CSS(`form[data-kind=idea] [data-submit]`)),
	)
	rap.wait(`document.querySelectorAll('[data-list=idea] .item.pending').length === 1`)
	if rap.eval(`String(JSON.parse(localStorage.getItem('minka.outbox.table:`+tb0.ID+`')).length)`) != "1" {
		t.Fatal("the pending idea is not in the localStorage outbox")
	}
	rap.shot("offline")
	e.start()
	rap.do(chromedp.Reload())
	rap.wait(`document.querySelectorAll('[data-list=idea] .item.saved').length === 2`)
	par.wait(`document.querySelectorAll('[data-list=idea] .item').length === 2`)

	// The plenary followed without a reload.
	plen.wait(`document.querySelector('[data-principle=accountability] [data-n]').textContent === '1' && document.querySelector('[data-total]').textContent === '2'`)

	// Prioritize: participants rate on their phones; the facilitator sees the matrix and marks the chosen idea.
	fac.do(chromedp.Click(chromedp.CSS(`[data-move="1"]`)))
	fac.wait(`document.querySelector('[data-steps] li.current').dataset.phase === 'stories'`)
	fac.do(chromedp.Click(chromedp.CSS(`[data-move="1"]`)))
	fac.wait(`document.querySelector('[data-steps] li.current').dataset.phase === 'ideas'`)
	fac.do(chromedp.Click(chromedp.CSS(`[data-move="1"]`)))
	par.wait(`!document.querySelector('[data-rate-section]').hidden && document.querySelectorAll('.rate-card').length === 2`)
	par.do(
		chromedp.Click(chromedp.CSS(`.rate-card:nth-child(1) .scale:nth-of-type(1) .scale-option:nth-child(5)`)),
		chromedp.Click(chromedp.CSS(`.rate-card:nth-child(1) .scale:nth-of-type(2) .scale-option:nth-child(4)`)),
		chromedp.Click(chromedp.CSS(`.rate-card:nth-child(1) button[type=submit]`)),
	)
	par.wait(`document.querySelector('.rate-card:nth-child(1) .state').classList.contains('saved')`)
	if par.eval(`String(`+noHorizontalScroll+`)`) != "true" {
		par.shot("scroll")
		t.Fatal("the participant view scrolls sideways at 360 px")
	}
	fac.wait(`document.querySelectorAll('[data-matrix] circle').length === 1`)
	fac.do(chromedp.Click(chromedp.CSS(`[data-list=idea] .item:first-child button`)))
	fac.wait(`document.querySelector('[data-list=idea] .item:first-child button').getAttribute('aria-pressed') === 'true'`)
	plen.wait(`document.querySelector('[data-newest]').textContent.includes('elegida')`)

	// Prototype and feedback, then an edit of the idea.
	fac.do(chromedp.Click(chromedp.CSS(`[data-move="1"]`)))
	rap.wait(`document.querySelector('#phase-prototype').open`)
	photo := filepath.Join(t.TempDir(), "maqueta.png")
	if err := os.WriteFile(photo, pngBytes(t), 0o644); err != nil {
		t.Fatal(err)
	}
	rap.do(
		chromedp.SendKeys(chromedp.CSS(`#proto-desc`), "Pantalla en la municipalidad con el estado de cada expediente"),
		chromedp.SetUploadFiles(chromedp.CSS(`#proto-photo`), []string{photo}),
		chromedp.Click(chromedp.CSS(`form[data-kind=prototype] [data-submit]`)),
	)
	rap.wait(`document.querySelectorAll('[data-list=prototype] .item.saved').length === 1 && document.querySelector('#fb-proto').options.length === 2`)
	// The photo is uploaded once the prototype is durable, and reaches the participants.
	par.wait(`(function(){ var i = document.querySelector('[data-list=prototype] img.photo'); return !!i && i.complete && i.naturalWidth === 8; })()`)
	rap.do(
		chromedp.SetValue(chromedp.CSS(`#fb-proto`), rap.eval(`document.querySelector('#fb-proto').options[1].value`)),
		chromedp.Click(chromedp.CSS(`form[data-kind=feedback] input[value=suggestion]`)),
		chromedp.SendKeys(chromedp.CSS(`#fb-text`), "Que también llegue por SMS"),
		chromedp.Click(chromedp.CSS(`form[data-kind=feedback] [data-submit]`)),
	)
	rap.wait(`document.querySelectorAll('[data-list=feedback] .item.saved').length === 1`)
	rap.do(chromedp.Click(chromedp.CSS(`[data-list=idea] .item:first-child button.secondary`)))
	rap.wait(`document.querySelector('form[data-kind=idea]').classList.contains('editing')`)
	rap.do(
		chromedp.SetValue(chromedp.CSS(`#idea-title`), "¿Cómo podríamos publicar en línea el estado de cada trámite?"),
		chromedp.Click(chromedp.CSS(`form[data-kind=idea] [data-submit]`)),
	)
	par.wait(`document.querySelector('[data-list=idea]').textContent.includes('publicar en línea')`)
	rap.shot("done")
	fac.shot("done")
	par.shot("done")
	plen.shot("done")

	rec, err := e.store.TableRecord(context.Background(), tb0.ID, "")
	if err != nil {
		t.Fatal(err)
	}
	if len(rec.ProfileNotes) != 1 || len(rec.UserStories) != 1 || len(rec.Ideas) != 2 || len(rec.Prototypes) != 1 || len(rec.Feedback) != 1 ||
		rec.Table.Phase != model.PhasePrototype || !rec.Ideas[0].Chosen || rec.Ideas[0].Ratings.Count != 1 || rec.Ideas[0].Version != 2 {
		t.Fatalf("stored record: %+v", rec)
	}
}
