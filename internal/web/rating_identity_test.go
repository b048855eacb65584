package web

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/google/uuid"
	"github.com/gorilla/websocket"

	"github.com/minka-gob/minka/internal/model"
	"github.com/minka-gob/minka/internal/storetest"
)

// cookiesOf returns the browser's cookies for the server as one header.
func (b *browser) cookieHeader() string {
	var parts []string
	for _, c := range b.client.Jar.Cookies(mustURL(b.e.t.(*testing.T), b.e.base)) {
		parts = append(parts, c.Name+"="+c.Value)
	}
	return strings.Join(parts, "; ")
}

// socketOf dials /ws with the browser's cookies and joins room.
func (b *browser) socketOf(room string) *websocket.Conn {
	t := b.e.t
	conn, _, err := websocket.DefaultDialer.Dial("ws"+strings.TrimPrefix(b.e.base, "http")+"/ws", http.Header{"Cookie": {b.cookieHeader()}})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { conn.Close() })
	conn.WriteJSON(map[string]any{"type": "join", "room": room})
	for {
		var f frame
		_ = conn.SetReadDeadline(time.Now().Add(10 * time.Second))
		if err := conn.ReadJSON(&f); err != nil {
			t.Fatal(err)
		}
		if f.Type == "synced" {
			return conn
		}
		if f.Type == "error" {
			t.Fatalf("join: %+v", f)
		}
	}
}

// answerTo sends msg and returns the ack or error frame for its op.
func answerTo(t *testing.T, conn *websocket.Conn, msg map[string]any) frame {
	t.Helper()
	op := uuid.NewString()
	msg["op"] = op
	if err := conn.WriteJSON(msg); err != nil {
		t.Fatal(err)
	}
	for {
		var f frame
		_ = conn.SetReadDeadline(time.Now().Add(10 * time.Second))
		if err := conn.ReadJSON(&f); err != nil {
			t.Fatal(err)
		}
		if (f.Type == "ack" || f.Type == "error") && f.Op == op {
			return f
		}
	}
}

// One person, one rating per idea: a participant who joins again with the
// shared code (a new session) is still the same rater, another phone is
// another; a rapporteur records members without a phone, but not more of
// them than the table has people.
func TestRatingsCountOncePerPerson(t *testing.T) {
	e := newLiveEnv(t)
	ctx := context.Background()
	tb := e.tables[0]
	for _, p := range [][2]string{{"topic", "needs"}, {"needs", "stories"}, {"stories", "ideas"}, {"ideas", "prioritize"}} {
		if _, err := e.store.SetPhase(ctx, uuid.NewString(), tb.ID, p[0], p[1]); err != nil {
			t.Fatal(err)
		}
	}
	idea := storetest.Idea(t, e.store, model.Idea{TableID: tb.ID, Title: "¿Cómo podríamos publicar los contratos?", Principle: "transparency"})
	count := func() int {
		rec, err := e.store.TableRecord(ctx, tb.ID, "")
		if err != nil {
			t.Fatal(err)
		}
		return rec.Ideas[0].Ratings.Count
	}
	rate := func(b *browser, extra map[string]any) frame {
		conn := b.socketOf(e.room(0))
		msg := map[string]any{"type": "rate", "idea_id": idea.ID, "impact": 5, "feasibility": 5}
		for k, v := range extra {
			msg[k] = v
		}
		f := answerTo(t, conn, msg)
		conn.Close()
		return f
	}
	phone := e.browser("")
	for i := 0; i < 5; i++ {
		// Join again each time, as the stuffing did: a new session every time.
		resp, _ := phone.post("/join", url.Values{"code": {tb.ParticipantCode}})
		wantStatus(t, resp, http.StatusSeeOther)
		if f := rate(phone, nil); f.Type != "ack" {
			t.Fatalf("rating %d: %+v", i, f)
		}
	}
	if n := count(); n != 1 {
		t.Fatalf("one phone joining five times counts as %d raters", n)
	}
	other := e.browser("")
	resp, _ := other.post("/join", url.Values{"code": {tb.ParticipantCode}})
	wantStatus(t, resp, http.StatusSeeOther)
	rate(other, nil)
	if n := count(); n != 2 {
		t.Fatalf("a second phone: %d raters, want 2", n)
	}

	rapporteur := e.browser("")
	resp, _ = rapporteur.post("/join", url.Values{"code": {tb.RapporteurCode}})
	wantStatus(t, resp, http.StatusSeeOther)
	conn := rapporteur.socketOf(e.room(0))
	for i := 1; i <= maxProxyDefaultForTest; i++ {
		f := answerTo(t, conn, map[string]any{"type": "rate", "idea_id": idea.ID, "impact": 3, "feasibility": 3, "rater": "Participante " + string(rune('A'+i))})
		if f.Type != "ack" {
			t.Fatalf("member %d without a phone: %+v", i, f)
		}
	}
	// The same member again replaces; a new one beyond the table's size is refused.
	if f := answerTo(t, conn, map[string]any{"type": "rate", "idea_id": idea.ID, "impact": 1, "feasibility": 1, "rater": "participante b"}); f.Type != "ack" {
		t.Fatalf("correcting a member's rating: %+v", f)
	}
	if f := answerTo(t, conn, map[string]any{"type": "rate", "idea_id": idea.ID, "impact": 5, "feasibility": 5, "rater": "Invented 99"}); f.Type != "error" || f.Code != "forbidden" {
		t.Fatalf("an eleventh member at a table of ten: %+v", f)
	}
	if n := count(); n != 2+maxProxyDefaultForTest {
		t.Fatalf("%d raters, want %d", n, 2+maxProxyDefaultForTest)
	}
}

// maxProxyDefaultForTest is store's maxProxyDefault (a table seats ten).
const maxProxyDefaultForTest = 10
