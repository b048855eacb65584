package web

import (
	"context"
	"errors"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/google/uuid"
	"github.com/gorilla/websocket"

	"github.com/minka-gob/minka/internal/live"
	"github.com/minka-gob/minka/internal/model"
	"github.com/minka-gob/minka/internal/store"
)

// rawSocket dials /ws with a session token and joins room, keeping the raw
// connection so that the test can read its close code.
func (e *liveEnv) rawSocket(token, room string) *websocket.Conn {
	e.t.Helper()
	h := http.Header{}
	if token != "" {
		h.Set("Cookie", sessionCookie+"="+token)
	}
	conn, _, err := websocket.DefaultDialer.Dial("ws"+strings.TrimPrefix(e.base, "http")+"/ws", h)
	if err != nil {
		e.t.Fatal(err)
	}
	e.t.Cleanup(func() { conn.Close() })
	if err := conn.WriteJSON(map[string]any{"type": "join", "room": room}); err != nil {
		e.t.Fatal(err)
	}
	for {
		var f frame
		_ = conn.SetReadDeadline(time.Now().Add(10 * time.Second))
		if err := conn.ReadJSON(&f); err != nil {
			e.t.Fatalf("joining %s: %v", room, err)
		}
		if f.Type == "synced" {
			return conn
		}
		if f.Type == "error" {
			e.t.Fatalf("joining %s: %+v", room, f)
		}
	}
}

// closedWithin reads conn until it ends and returns the close code (0 when
// the connection was still open after d).
func closedWithin(conn *websocket.Conn, d time.Duration) int {
	_ = conn.SetReadDeadline(time.Now().Add(d))
	for {
		if _, _, err := conn.ReadMessage(); err != nil {
			var ce *websocket.CloseError
			if errors.As(err, &ce) {
				return ce.Code
			}
			return 0
		}
	}
}

// A session that ends — by logout, a regenerated code, a changed password,
// a new login over it, expiry — closes its open websockets with 4401 within
// 5 s, and what they send meanwhile is not stored.
func TestRevokedSessionClosesItsSockets(t *testing.T) {
	// Revalidation every 30 s (the default) is out of the 5 s: each ending
	// must close the sockets itself. Expiry has its own server below.
	e := newLiveEnv(t)
	ctx := context.Background()
	admins, err := e.store.Admins(ctx)
	if err != nil || len(admins) != 1 {
		t.Fatal(admins, err)
	}
	admin := admins[0]
	cases := []struct {
		name   string
		token  func() string
		revoke func(token string)
	}{
		{"regenerated rapporteur code", func() string { return e.seat(model.RoleRapporteur, 0) }, func(string) {
			resp, _ := e.browser(e.adminTok).post("/admin/tables/"+e.tables[0].ID+"/codes/regenerate", url.Values{"role": {model.RoleRapporteur}})
			wantStatus(t, resp, http.StatusSeeOther)
		}},
		{"regenerated facilitator code", func() string { return e.seat(model.RoleFacilitator, 0) }, func(string) {
			resp, _ := e.browser(e.adminTok).post("/admin/tables/"+e.tables[0].ID+"/codes/regenerate", url.Values{"role": {model.RoleFacilitator}})
			wantStatus(t, resp, http.StatusSeeOther)
		}},
		{"admin logout", func() string { return e.token(model.Session{Role: model.RoleAdmin, AdminID: admin.ID}) }, func(tok string) {
			resp, _ := e.browser(tok).post("/logout", url.Values{})
			wantStatus(t, resp, http.StatusSeeOther)
		}},
		{"password changed in another session", func() string { return e.token(model.Session{Role: model.RoleAdmin, AdminID: admin.ID}) }, func(string) {
			resp, body := e.browser(e.adminTok).post("/admin/account/password", url.Values{
				"current": {"contraseña-segura"}, "new": {"otra-contraseña-segura"}, "confirm": {"otra-contraseña-segura"}})
			wantStatus(t, resp, http.StatusSeeOther)
			_ = body
		}},
		{"a new login from the same browser", func() string { return e.token(model.Session{Role: model.RoleAdmin, AdminID: admin.ID}) }, func(tok string) {
			resp, _ := e.browser(tok).post("/join", url.Values{"code": {e.tables[1].ParticipantCode}})
			if resp.StatusCode >= 400 {
				t.Fatalf("join: %d", resp.StatusCode)
			}
		}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			tok := tc.token()
			conn := e.rawSocket(tok, e.room(0))
			bystander := e.rawSocket(e.adminTok, e.room(1)) // another session stays
			tc.revoke(tok)
			if code := closedWithin(conn, 5*time.Second); code != live.CloseSessionEnded {
				t.Fatalf("socket of the ended session: close code %d, want %d within 5 s", code, live.CloseSessionEnded)
			}
			if tc.name != "password changed in another session" {
				if code := closedWithin(bystander, 300*time.Millisecond); code != 0 {
					t.Fatalf("another session's socket was closed too (%d)", code)
				}
			}
			bystander.Close()
		})
	}
}

// An expired session's socket is closed by the periodic revalidation.
func TestExpiredSessionClosesItsSockets(t *testing.T) {
	e := newLiveEnvWith(t, func(c *Config) { c.Sockets = live.Limits{RevalidateEvery: 200 * time.Millisecond} })
	tok, err := e.store.CreateSession(context.Background(), model.Session{Role: model.RoleParticipant,
		TableID: e.tables[1].ID, JoinCode: e.tables[1].ParticipantCode}, 1500*time.Millisecond)
	if err != nil {
		t.Fatal(err)
	}
	conn := e.rawSocket(tok, e.room(1))
	if code := closedWithin(conn, 5*time.Second); code != live.CloseSessionEnded {
		t.Fatalf("socket of the expired session: close code %d, want %d", code, live.CloseSessionEnded)
	}
}

// An operation queued when its session ends is refused inside the write:
// the session is checked in the same transaction.
func TestOperationOfAnEndedSessionIsNotWritten(t *testing.T) {
	e := newLiveEnv(t)
	ctx := context.Background()
	tok := e.seat(model.RoleRapporteur, 0)
	hash := store.HashToken(tok)
	guarded := e.store.RequireSession(ctx, hash)
	idea := &model.Idea{ID: uuid.NewString(), Title: "¿Cómo podríamos abrir los datos?", Principle: "transparency"}
	if _, err := e.store.CreateContribution(guarded, e.tables[0].ID, idea); err != nil {
		t.Fatalf("write of a live session: %v", err)
	}
	resp, _ := e.browser(e.adminTok).post("/admin/tables/"+e.tables[0].ID+"/codes/regenerate", url.Values{"role": {model.RoleRapporteur}})
	wantStatus(t, resp, http.StatusSeeOther)
	idea2 := &model.Idea{ID: uuid.NewString(), Title: "¿Cómo podríamos rendir cuentas?", Principle: "transparency"}
	_, err := e.store.CreateContribution(guarded, e.tables[0].ID, idea2)
	if model.KindOf(err) != model.KindForbidden {
		t.Fatalf("write after the code was regenerated: %v, want forbidden", err)
	}
	rec, err := e.store.TableRecord(ctx, e.tables[0].ID, "")
	if err != nil {
		t.Fatal(err)
	}
	if len(rec.Ideas) != 1 {
		t.Fatalf("%d ideas stored, want only the one written before the revocation", len(rec.Ideas))
	}
}
