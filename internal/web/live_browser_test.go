package web

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/minka-gob/minka/internal/browsertest"
	"github.com/minka-gob/minka/internal/model"
)

const noHorizontalScroll = `document.documentElement.scrollWidth <= window.innerWidth`

// A workshop table run end to end in real browsers: the facilitator moves
// the phases and runs the timer, the rapporteur records every kind of
// contribution from a 360-px phone (one of them while offline), participants
// rate ideas, the facilitator marks the chosen one, and the plenary screen
// follows without a reload.
func TestLiveBrowserWorkshopEndToEnd(t *testing.T) {
	browser := browsertest.NewBrowser(t)
	e := newLiveEnv(t)
	tb0 := e.tables[0]
	fac := browsertest.NewTab(t, browser, "facilitator", 1024)
	rap := browsertest.NewTab(t, browser, "rapporteur", 360)
	par := browsertest.NewTab(t, browser, "participant", 360)
	plen := browsertest.NewTab(t, browser, "plenary", 1280)

	fac.Join(e.base, tb0.FacilitatorCode)
	rap.Join(e.base, tb0.RapporteurCode)
	par.Join(e.base, tb0.ParticipantCode)
	// The projector shows the plenary of the admin's session.
	plen.SetCookie(e.base, sessionCookie, e.adminTok)
	plen.Do(chromedp.Navigate(e.base + "/workshops/" + e.workshop.ID + "/plenary?lang=es"))
	plen.Wait(`document.querySelector('[data-status]').classList.contains('online')`)

	// Facilitator: to "needs", with a 10-minute timer the whole table sees.
	fac.Do(chromedp.Click(chromedp.CSS(`[data-move="1"]`)), chromedp.Click(chromedp.CSS(`[data-start="600"]`)))
	rap.Wait(`document.querySelector('[data-phase-label]').textContent === 'Identificar necesidades'`)
	rap.Wait(`/^(10:00|09:5\d)/.test(document.querySelector('[data-timer]').textContent)`)
	par.Wait(`/^(10:00|09:5\d)/.test(document.querySelector('[data-timer-big]').textContent)`)
	rap.Wait(`document.querySelector('#phase-needs').open`)
	fac.Wait(`/Relatoría/.test(document.querySelector('[data-presence]').textContent) && /^1/.test(document.querySelector('[data-presence] li:nth-child(2)').textContent)`)

	// Rapporteur, one thumb at 360 px: a pain, a user story and two ideas.
	rap.Do(
		chromedp.Click(chromedp.CSS(`form[data-kind=profile_note] input[value=pain]`)),
		chromedp.SendKeys(chromedp.CSS(`#note-text`), "Las colas en la municipalidad duran horas"),
		chromedp.Click(chromedp.CSS(`form[data-kind=profile_note] [data-submit]`)),
	)
	rap.Wait(`document.querySelectorAll('[data-list=profile_note] .item.saved').length === 1`)
	rap.Do(
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
	rap.Wait(`document.querySelectorAll('[data-list=idea] .item.saved').length === 1`)
	if rap.Eval(`String(`+noHorizontalScroll+`)`) != "true" {
		rap.Fatalf("the rapporteur console scrolls sideways at 360 px")
	}

	// The server goes down (the laptop restarts): the second idea waits in
	// the outbox, shown pending; after a reload of the page it is still
	// there, and it is sent when the server is back.
	e.stop()
	rap.Wait(`!document.querySelector('[data-status]').classList.contains('online')`)
	rap.Do(
		chromedp.SendKeys(chromedp.CSS(`#idea-title`), "¿Cómo podríamos rendir cuentas en quechua?"),
		chromedp.Click(chromedp.CSS(`form[data-kind=idea] input[value=accountability]`)),
		chromedp.Click(chromedp.CSS(`form[data-kind=idea] [data-submit]`)),
	)
	rap.Wait(`document.querySelectorAll('[data-list=idea] .item.pending').length === 1`)
	if rap.Eval(`String(JSON.parse(localStorage.getItem('minka.outbox.table:`+tb0.ID+`')).length)`) != "1" {
		t.Fatal("the pending idea is not in the localStorage outbox")
	}
	rap.Snap("offline")
	e.start()
	rap.Do(chromedp.Reload())
	rap.Wait(`document.querySelectorAll('[data-list=idea] .item.saved').length === 2`)
	par.Wait(`document.querySelectorAll('[data-list=idea] .item').length === 2`)

	// The plenary followed without a reload.
	plen.Wait(`document.querySelector('[data-principle=accountability] [data-n]').textContent === '1' && document.querySelector('[data-total]').textContent === '2'`)

	// Prioritize: participants rate on their phones; the facilitator sees the matrix and marks the chosen idea.
	fac.Do(chromedp.Click(chromedp.CSS(`[data-move="1"]`)))
	fac.Wait(`document.querySelector('[data-steps] li.current').dataset.phase === 'stories'`)
	fac.Do(chromedp.Click(chromedp.CSS(`[data-move="1"]`)))
	fac.Wait(`document.querySelector('[data-steps] li.current').dataset.phase === 'ideas'`)
	fac.Do(chromedp.Click(chromedp.CSS(`[data-move="1"]`)))
	par.Wait(`!document.querySelector('[data-rate-section]').hidden && document.querySelectorAll('.rate-card').length === 2`)
	par.Do(
		chromedp.Click(chromedp.CSS(`.rate-card:nth-child(1) .scale:nth-of-type(1) .scale-option:nth-child(5)`)),
		chromedp.Click(chromedp.CSS(`.rate-card:nth-child(1) .scale:nth-of-type(2) .scale-option:nth-child(4)`)),
		chromedp.Click(chromedp.CSS(`.rate-card:nth-child(1) button[type=submit]`)),
	)
	par.Wait(`document.querySelector('.rate-card:nth-child(1) .state').classList.contains('saved')`)
	if par.Eval(`String(`+noHorizontalScroll+`)`) != "true" {
		par.Fatalf("the participant view scrolls sideways at 360 px")
	}
	fac.Wait(`document.querySelectorAll('[data-matrix] circle').length === 1`)
	fac.Do(chromedp.Click(chromedp.CSS(`[data-list=idea] .item:first-child button`)))
	fac.Wait(`document.querySelector('[data-list=idea] .item:first-child button').getAttribute('aria-pressed') === 'true'`)
	plen.Wait(`document.querySelector('[data-newest]').textContent.includes('elegida')`)

	// Prototype and feedback, then an edit of the idea.
	fac.Do(chromedp.Click(chromedp.CSS(`[data-move="1"]`)))
	rap.Wait(`document.querySelector('#phase-prototype').open`)
	photo := filepath.Join(t.TempDir(), "maqueta.png")
	if err := os.WriteFile(photo, pngBytes(t), 0o644); err != nil {
		t.Fatal(err)
	}
	rap.Do(
		chromedp.SendKeys(chromedp.CSS(`#proto-desc`), "Pantalla en la municipalidad con el estado de cada expediente"),
		chromedp.SetUploadFiles(chromedp.CSS(`#proto-photo`), []string{photo}),
		chromedp.Click(chromedp.CSS(`form[data-kind=prototype] [data-submit]`)),
	)
	rap.Wait(`document.querySelectorAll('[data-list=prototype] .item.saved').length === 1 && document.querySelector('#fb-proto').options.length === 2`)
	// The photo is uploaded once the prototype is durable, and reaches the participants.
	par.Wait(`(function(){ var i = document.querySelector('[data-list=prototype] img.photo'); return !!i && i.complete && i.naturalWidth === 8; })()`)
	rap.Do(
		chromedp.SetValue(chromedp.CSS(`#fb-proto`), rap.Eval(`document.querySelector('#fb-proto').options[1].value`)),
		chromedp.Click(chromedp.CSS(`form[data-kind=feedback] input[value=suggestion]`)),
		chromedp.SendKeys(chromedp.CSS(`#fb-text`), "Que también llegue por SMS"),
		chromedp.Click(chromedp.CSS(`form[data-kind=feedback] [data-submit]`)),
	)
	rap.Wait(`document.querySelectorAll('[data-list=feedback] .item.saved').length === 1`)
	// The ideas phase has folded away (the table is prototyping): one tap
	// opens it. The rapporteur lists the newest on top: the first idea is
	// the last item.
	if rap.True(`!document.querySelector('#phase-ideas').open`) {
		rap.Do(chromedp.Click(chromedp.CSS(`#phase-ideas > summary`)))
	}
	rap.Do(chromedp.Click(chromedp.CSS(`[data-list=idea] .item:last-child button.secondary`)))
	rap.Wait(`document.querySelector('form[data-kind=idea]').classList.contains('editing')`)
	rap.Do(
		chromedp.SetValue(chromedp.CSS(`#idea-title`), "¿Cómo podríamos publicar en línea el estado de cada trámite?"),
		chromedp.Click(chromedp.CSS(`form[data-kind=idea] [data-submit]`)),
	)
	par.Wait(`document.querySelector('[data-list=idea]').textContent.includes('publicar en línea')`)
	rap.Snap("done")
	fac.Snap("done")
	par.Snap("done")
	plen.Snap("done")

	// The participant follows an idea from the table: before the Forum its
	// page shows the idea and where it is on the route, not an error.
	par.ClickAndLoad(`[data-list=idea] .item:first-child a.follow`)
	if !strings.HasPrefix(par.Path(), "/process/ideas/") ||
		!par.True(`document.querySelector('.route-steps [aria-current=step]') !== null && document.body.innerText.includes('Registrada en la mesa de trabajo')`) {
		par.Fatalf("following an idea: %s", par.Eval(`document.body.innerText`))
	}

	rec, err := e.store.TableRecord(context.Background(), tb0.ID, "")
	if err != nil {
		t.Fatal(err)
	}
	if len(rec.ProfileNotes) != 1 || len(rec.UserStories) != 1 || len(rec.Ideas) != 2 || len(rec.Prototypes) != 1 || len(rec.Feedback) != 1 ||
		rec.Table.Phase != model.PhasePrototype || !rec.Ideas[0].Chosen || rec.Ideas[0].Ratings.Count != 1 || rec.Ideas[0].Version != 2 {
		t.Fatalf("stored record: %+v", rec)
	}
}
