package web

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log"
	"net"
	"net/http"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/gofiber/fiber/v2"
	"github.com/gorilla/websocket"

	"github.com/minka-gob/minka"
	"github.com/minka-gob/minka/internal/liveproto"
	"github.com/minka-gob/minka/internal/model"
	"github.com/minka-gob/minka/internal/store"
	"github.com/minka-gob/minka/internal/storetest"
)

// liveEnv is the whole server listening on 127.0.0.1 with a real database
// file, so that gorilla/websocket clients talk to it as browsers would.
type liveEnv struct {
	t        testing.TB
	dbPath   string
	uploads  string
	store    *store.Store
	app      *fiber.App
	srv      *Server
	base     string // http://127.0.0.1:port
	workshop model.Workshop
	tables   []model.Table
	adminTok string
	// configure, when set, adjusts the server's Config before each start.
	configure func(*Config)
	// listen, when set, wraps the listener (connection limits).
	listen func(net.Listener) net.Listener
}

// newLiveEnv starts a server with one workshop of two tables.
func newLiveEnv(tb testing.TB) *liveEnv { return newLiveEnvWith(tb, nil) }

// newLiveEnvWith is newLiveEnv with a server configured by configure.
func newLiveEnvWith(tb testing.TB, configure func(*Config)) *liveEnv {
	tb.Helper()
	dir := tb.TempDir()
	e := &liveEnv{t: tb, dbPath: filepath.Join(dir, "minka.sqlite"), uploads: filepath.Join(dir, "uploads"), configure: configure}
	e.start()
	e.workshop = storetest.Workshop(tb, e.store, model.Workshop{City: "Iquitos", Date: "2025-06-12", Status: model.WorkshopOpen})
	for n := 1; n <= 2; n++ {
		e.tables = append(e.tables, storetest.Table(tb, e.store, model.Table{WorkshopID: e.workshop.ID, Number: n}))
	}
	_, e.adminTok = storetest.AdminSession(tb, e.store, "secretaria", testAdminPassword, sessionTTL)
	return e
}

// start opens the database and serves the app on a free loopback port.
func (e *liveEnv) start() {
	st, err := store.Open(e.dbPath, minka.Migrations, store.Options{})
	if err != nil {
		e.t.Fatal(err)
	}
	if err := st.Seed(context.Background()); err != nil {
		e.t.Fatal(err)
	}
	cfg := Config{Store: st, Templates: minka.Templates, Static: minka.Static,
		ExportsDir: e.t.TempDir(), UploadsDir: e.uploads, Logger: log.New(io.Discard, "", 0)}
	if e.configure != nil {
		e.configure(&cfg)
	}
	app, srv, err := New(cfg)
	if err != nil {
		e.t.Fatal(err)
	}
	addr := "127.0.0.1:0"
	if e.base != "" {
		addr = strings.TrimPrefix(e.base, "http://") // a restart keeps the address
	}
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		e.t.Fatal(err)
	}
	if e.listen != nil {
		ln = e.listen(ln)
	}
	go app.Listener(ln)
	e.store, e.app, e.srv, e.base = st, app, srv, "http://"+ln.Addr().String()
	e.t.Cleanup(e.stop)
}

// stop shuts the server down and closes the database (safe to call twice).
func (e *liveEnv) stop() {
	if e.app == nil {
		return
	}
	e.srv.CloseLive()
	_ = e.app.ShutdownWithTimeout(2 * time.Second)
	e.store.Close()
	e.app = nil
}

// restart is a server restart on the same database file and address.
func (e *liveEnv) restart() {
	e.stop()
	e.start()
}

func (e *liveEnv) token(sess model.Session) string {
	e.t.Helper()
	tok, err := e.store.CreateSession(context.Background(), sess, sessionTTL)
	if err != nil {
		e.t.Fatal(err)
	}
	return tok
}

// seat returns a session token for role at table i (0-based).
func (e *liveEnv) seat(role string, i int) string {
	t := e.tables[i]
	code := map[string]string{model.RoleFacilitator: t.FacilitatorCode, model.RoleRapporteur: t.RapporteurCode, model.RoleParticipant: t.ParticipantCode}[role]
	return e.token(model.Session{Role: role, TableID: t.ID, JoinCode: code})
}

func (e *liveEnv) room(i int) string { return liveproto.TableRoom(e.tables[i].ID) }

// frame is any server frame, decoded loosely for tests.
type frame struct {
	Type    string            `json:"type"`
	Room    string            `json:"room"`
	Seq     int64             `json:"seq"`
	Event   string            `json:"event"`
	Op      string            `json:"op"`
	Dup     bool              `json:"dup"`
	Code    string            `json:"code"`
	Message string            `json:"message"`
	Fields  map[string]string `json:"fields"`
	Role    string            `json:"role"`
	Can     Abilities         `json:"can"`
	Roles   map[string]int    `json:"roles"`
	Reset   bool              `json:"reset"`
	Data    json.RawMessage   `json:"data"`
	State   json.RawMessage   `json:"state"`
	Current json.RawMessage   `json:"current"`
}

// Abilities mirrors live.Abilities for decoding.
type Abilities struct {
	Write, Facilitate, Rate bool
}

// wsClient is a gorilla/websocket client reading frames in the background.
type wsClient struct {
	t      testing.TB
	conn   *websocket.Conn
	frames chan frame
}

// dial connects with a session token ("" for the public).
func (e *liveEnv) dial(token string) *wsClient {
	e.t.Helper()
	h := http.Header{}
	if token != "" {
		h.Set("Cookie", sessionCookie+"="+token)
	}
	url := "ws" + strings.TrimPrefix(e.base, "http") + "/ws"
	conn, resp, err := websocket.DefaultDialer.Dial(url, h)
	if err != nil {
		e.t.Fatalf("dial %s: %v (%v)", url, err, resp)
	}
	c := &wsClient{t: e.t, conn: conn, frames: make(chan frame, 4096)}
	go func() {
		defer close(c.frames)
		for {
			_, b, err := conn.ReadMessage()
			if err != nil {
				return
			}
			var f frame
			if err := json.Unmarshal(b, &f); err != nil {
				panic(fmt.Sprintf("server sent non-JSON %q", b))
			}
			c.frames <- f
		}
	}()
	e.t.Cleanup(func() { conn.Close() })
	return c
}

func (c *wsClient) send(v any) {
	c.t.Helper()
	if err := c.conn.WriteJSON(v); err != nil {
		c.t.Fatal(err)
	}
}

func (c *wsClient) sendRaw(typ int, b []byte) {
	c.t.Helper()
	if err := c.conn.WriteMessage(typ, b); err != nil {
		c.t.Fatal(err)
	}
}

// next returns the next frame that is not presence or pong.
func (c *wsClient) next() frame {
	c.t.Helper()
	timeout := time.After(10 * time.Second)
	for {
		select {
		case f, ok := <-c.frames:
			if !ok {
				c.t.Fatal("connection closed while waiting for a frame")
			}
			if f.Type == "presence" || f.Type == "pong" {
				continue
			}
			return f
		case <-timeout:
			c.t.Fatal("no frame within 10 s")
		}
	}
}

// until returns the first frame of type typ, failing on an unexpected error frame.
func (c *wsClient) until(typ string) frame {
	c.t.Helper()
	for {
		f := c.next()
		if f.Type == typ {
			return f
		}
		if f.Type == "error" && typ != "error" {
			c.t.Fatalf("error frame while waiting for %s: %+v", typ, f)
		}
	}
}

// quiet asserts that no frame other than presence/pong arrives within d.
func (c *wsClient) quiet(d time.Duration) {
	c.t.Helper()
	timeout := time.After(d)
	for {
		select {
		case f, ok := <-c.frames:
			if !ok {
				return
			}
			if f.Type == "presence" || f.Type == "pong" {
				continue
			}
			c.t.Fatalf("unexpected frame %+v", f)
		case <-timeout:
			return
		}
	}
}

// join enters a room for a snapshot and returns the synced seq.
func (c *wsClient) join(room string) int64 {
	c.t.Helper()
	c.send(map[string]any{"type": "join", "room": room})
	c.until("welcome")
	snap := c.until("snapshot")
	synced := c.until("synced")
	if synced.Seq != snap.Seq {
		c.t.Fatalf("synced at %d after a snapshot at %d", synced.Seq, snap.Seq)
	}
	return synced.Seq
}

// resume enters a room from seq since and returns the events up to synced.
func (c *wsClient) resume(room string, since int64) ([]frame, int64) {
	c.t.Helper()
	c.send(map[string]any{"type": "join", "room": room, "since": since})
	c.until("welcome")
	var evs []frame
	for {
		f := c.next()
		switch f.Type {
		case "event":
			evs = append(evs, f)
		case "synced":
			return evs, f.Seq
		default:
			c.t.Fatalf("unexpected frame while resuming: %+v", f)
		}
	}
}

// ideaMsg is a create message for an idea.
func ideaMsg(id, title, principle string) map[string]any {
	return map[string]any{"type": "create", "op": id, "kind": "idea",
		"data": map[string]any{"id": id, "title": title, "principle": principle}}
}
