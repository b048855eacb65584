package e2e

import (
	"strings"
	"testing"
	"time"
)

// pill is the rapporteur's connection pill: its class and its text.
const pill = `(function () { var n = document.querySelector('[data-status]'); return n.className + ' | ' + n.textContent; }())`

// An honest connection pill. Online, a saved idea shows "último guardado
// hh:mm:ss". Then the server stops answering without closing anything
// (frozen, as when a phone's Wi-Fi drops silently): an idea typed meanwhile
// turns the pill amber "Sin confirmar · 1 pendientes" within 5 s — not
// green, and not red, since the socket is not known to be down. When the
// server answers again the idea is saved and the pill is green. Then the
// phone's network is cut: the browser knows, and the pill leaves green
// within 5 s.
func TestHonestConnectionPill(t *testing.T) {
	w := newWorld(t)
	admin := w.tab("admin", laptop)
	loginByKeyboard(w, admin)
	wsID := createWorkshop(w, admin, "Tumbes", "2025-07-10")
	tableID := createTable(w, admin, wsID, "1")
	codes := tableCodes(w, admin, wsID, tableID)
	rap := w.tab("rapporteur", phone)
	rap.Join(w.srv.Base, codes["rapporteur"])

	first := "¿Cómo podríamos publicar los horarios de atención?"
	addIdea(rap, first, "transparency")
	rap.Wait(itemState("idea", first) + ` === 'guardado'`)
	rap.Wait(`/^En línea · último guardado [0-2][0-9]:[0-5][0-9]:[0-5][0-9]$/.test(document.querySelector('[data-status]').textContent)`)

	// The server goes silent: connections stay open, nothing answers.
	t.Cleanup(func() { w.srv.Freeze(false) })
	w.srv.Freeze(true)
	second := "¿Cómo podríamos avisar los cortes de agua?"
	at := addIdea(rap, second, "participation")
	if err := rap.WaitWithin(`document.querySelector('[data-status]').classList.contains('unconfirmed')`, 5*time.Second-time.Since(at)); err != nil {
		rap.Fatalf("5 s after a save the server never confirmed, the pill still says %q", rap.Eval(pill))
	}
	t.Logf("amber after %v: %s", time.Since(at).Round(100*time.Millisecond), rap.Eval(pill))
	if got := rap.Eval(`document.querySelector('[data-status]').textContent`); !strings.HasPrefix(got, "Sin confirmar · 1 pendientes") {
		rap.Fatalf("the amber pill says %q, want \"Sin confirmar · 1 pendientes\"", got)
	}
	check(rap, "rapporteur unconfirmed")
	rap.DocShot("rapporteur-unconfirmed")
	w.srv.Freeze(false)
	rap.Wait(itemState("idea", second) + ` === 'guardado'`)
	rap.Wait(`document.querySelector('[data-status]').classList.contains('online')`)

	// The phone's network is cut.
	rap.Offline(true)
	cut := time.Now()
	if err := rap.WaitWithin(`!document.querySelector('[data-status]').classList.contains('online')`, 5*time.Second); err != nil {
		rap.Fatalf("5 s after the network was cut the pill says %q", rap.Eval(pill))
	}
	t.Logf("network cut: %s after %v", rap.Eval(pill), time.Since(cut).Round(100*time.Millisecond))
	rap.Offline(false)
	rap.WaitOnline()
}
