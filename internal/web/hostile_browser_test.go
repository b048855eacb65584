package web

import (
	"context"
	"strings"
	"testing"

	"github.com/google/uuid"

	"github.com/minka-gob/minka/internal/browsertest"
	"github.com/minka-gob/minka/internal/model"
	"github.com/minka-gob/minka/internal/store"
)

// Markup that would run if a live screen put it into the page as HTML. The
// CSP would block the inline script anyway; the test looks at the DOM, so it
// fails on unescaped text even where the CSP saves the day.
const (
	hostileImg    = `<img src=x id=pwned-img onerror="window.pwned=1">`
	hostileScript = `<script id=pwned-script>window.pwned=2</script>`
)

// A stored <script> shows as text on the live screens, which build the
// table's record in the browser: contributions in the snapshot (stored
// before the page opened) and in live events (recorded while it is open)
// appear literally on the rapporteur's, participant's and facilitator's
// screens and on the plenary, and no element of them gets into the page.
func TestLiveScreensShowHostileTextAsText(t *testing.T) {
	browser := browsertest.NewBrowser(t)
	e := newLiveEnv(t)
	ctx := context.Background()
	tb := e.tables[0]
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	idea := &model.Idea{ID: store.NewID(), Title: "Antes " + hostileImg, Description: hostileScript, Principle: model.PrincipleIntegrity}
	proto := &model.Prototype{ID: store.NewID(), IdeaID: idea.ID, Description: "Maqueta " + hostileScript}
	for _, rec := range []model.Contribution{
		idea, proto,
		&model.ProfileNote{ID: store.NewID(), Kind: "need", Text: "Necesidad " + hostileImg},
		&model.UserStory{ID: store.NewID(), AsWho: "Como " + hostileImg, Want: "quiero " + hostileScript, SoThat: "para " + hostileImg},
		&model.Feedback{ID: store.NewID(), PrototypeID: proto.ID, Kind: "like", Text: "Me gusta " + hostileImg},
	} {
		_, err := e.store.CreateContribution(ctx, tb.ID, rec)
		must(err)
	}
	// The prioritize phase, where the participant screen lists the ideas to rate.
	_, err := e.store.SetPhase(ctx, store.NewID(), tb.ID, model.PhaseTopic, model.PhasePrioritize)
	must(err)

	screens := map[string]*browsertest.Tab{}
	for role, code := range map[string]string{"rapporteur": tb.RapporteurCode, "participant": tb.ParticipantCode, "facilitator": tb.FacilitatorCode} {
		tab := browsertest.NewTab(t, browser, role, 800)
		tab.Join(e.base, code)
		screens[role] = tab
	}
	// Anyone seated at the workshop may watch its plenary.
	plenary := browsertest.NewTab(t, browser, "plenary", 1280)
	plenary.Join(e.base, tb.ParticipantCode)
	plenary.Open(e.base + "/workshops/" + e.workshop.ID + "/plenary?lang=es")
	plenary.WaitOnline()
	screens["plenary"] = plenary

	// Recorded while the screens are open: an idea through the websocket.
	c := e.dial(e.seat(model.RoleRapporteur, 0))
	c.join(e.room(0))
	live := uuid.NewString()
	c.send(ideaMsg(live, "Durante "+hostileScript, "integrity"))
	c.until("ack")

	for name, tab := range screens {
		// Shown as text, or (the failure) parsed into elements.
		injected := `document.querySelector('#pwned-img, #pwned-script') !== null || `
		tab.Wait(injected + `document.body.innerText.includes('Durante <script id=pwned-script>')`)
		if name != "plenary" {
			tab.Wait(injected + `document.body.innerText.includes('Antes <img src=x id=pwned-img')`)
		}
		got := tab.Eval(`String([document.querySelectorAll('#pwned-img, #pwned-script, img[src="x"]').length, typeof window.pwned].join(' '))`)
		if got != "0 undefined" {
			tab.Shot("hostile")
			t.Errorf("%s screen: hostile markup got into the page (%s)", name, got)
		}
		if text := tab.Eval(`document.body.innerText`); !strings.Contains(text, "window.pwned") {
			t.Errorf("%s screen does not show the hostile text as text", name)
		}
	}
}
