package web

import (
	"context"
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/google/uuid"

	"github.com/minka-gob/minka/internal/model"
	"github.com/minka-gob/minka/internal/store"
	"github.com/minka-gob/minka/internal/storetest"
)

// The websocket half of the authorization matrix: every message type a
// client may send (the Type* constants of internal/liveproto) × every role, over
// a real gorilla/websocket connection to the whole server. A new message
// type without a row here FAILS TestWebsocketAuthorizationMatrix.
//
// Each row says which roles may send the type in the room of table 1 and
// builds a valid message of that type against the room's current state (so
// an allowed role gets an ack, not a validation error). Roles: the public,
// the participant, rapporteur and facilitator of table 1, the rapporteur of
// table 2, a Forum member and an admin. A role that may not join table 1's
// room gets not_joined for anything it sends; one that may join but not do
// this gets forbidden. Refused messages must leave the audit log unchanged.
// The rapporteur of table 2 also tries, from its own room, to act on table
// 1's records; and nobody may change anything through a workshop room.

const roleOtherRapporteur = "rapporteur of table 2"

var wsRoles = []string{rolePublic, model.RoleParticipant, model.RoleRapporteur, roleOtherRapporteur, model.RoleFacilitator, model.RoleForum, model.RoleAdmin}

type wsRow struct {
	typ   string
	allow []string
	// msg builds a valid message against table 1's current state.
	msg func(t *testing.T, w *wsWorld) map[string]any
}

var (
	wsEveryone = wsRoles
	wsReaders  = []string{model.RoleParticipant, model.RoleRapporteur, model.RoleFacilitator, model.RoleAdmin}
	wsWriters  = []string{model.RoleRapporteur, model.RoleAdmin}
	wsFacil    = []string{model.RoleFacilitator, model.RoleAdmin}
	wsRaters   = []string{model.RoleParticipant, model.RoleRapporteur, model.RoleAdmin}
)

var wsMatrix = []wsRow{
	{typ: "join", allow: wsReaders, msg: func(t *testing.T, w *wsWorld) map[string]any {
		return map[string]any{"type": "join", "room": w.room(0)}
	}},
	{typ: "ping", allow: wsEveryone, msg: func(t *testing.T, w *wsWorld) map[string]any {
		return map[string]any{"type": "ping"}
	}},
	{typ: "create", allow: wsWriters, msg: func(t *testing.T, w *wsWorld) map[string]any {
		return ideaMsg(uuid.NewString(), "¿Cómo podríamos rendir cuentas en quechua?", "accountability")
	}},
	{typ: "update", allow: wsWriters, msg: func(t *testing.T, w *wsWorld) map[string]any {
		id := w.newIdea(t)
		return map[string]any{"type": "update", "op": uuid.NewString(), "kind": "idea", "id": id, "version": 1,
			"data": map[string]any{"title": "¿Cómo podríamos publicar las compras?", "principle": "transparency"}}
	}},
	{typ: "delete", allow: wsWriters, msg: func(t *testing.T, w *wsWorld) map[string]any {
		return map[string]any{"type": "delete", "op": uuid.NewString(), "kind": "idea", "id": w.newIdea(t), "version": 1}
	}},
	{typ: "choose", allow: wsFacil, msg: func(t *testing.T, w *wsWorld) map[string]any {
		return map[string]any{"type": "choose", "op": uuid.NewString(), "id": w.idea, "chosen": true}
	}},
	{typ: "rate", allow: wsRaters, msg: func(t *testing.T, w *wsWorld) map[string]any {
		return map[string]any{"type": "rate", "op": uuid.NewString(), "idea_id": w.idea, "impact": 4, "feasibility": 3}
	}},
	{typ: "phase", allow: wsFacil, msg: func(t *testing.T, w *wsWorld) map[string]any {
		tb, err := w.e.store.TableInfo(context.Background(), w.e.tables[0].ID)
		if err != nil {
			t.Fatal(err)
		}
		to := model.PhasePrioritize
		if tb.Phase == to {
			to = model.PhaseIdeas
		}
		return map[string]any{"type": "phase", "op": uuid.NewString(), "from": tb.Phase, "phase": to}
	}},
	{typ: "timer", allow: wsFacil, msg: func(t *testing.T, w *wsWorld) map[string]any {
		return map[string]any{"type": "timer", "op": uuid.NewString(), "action": "start", "seconds": 600}
	}},
}

// wsWorld is a running server (newLiveEnv: one workshop, two tables) whose
// table 1 is in the prioritize phase with an idea to rate, and a Forum member.
type wsWorld struct {
	e      *liveEnv
	idea   string
	tokens map[string]string
}

func newWSWorld(t *testing.T) *wsWorld {
	t.Helper()
	e := newLiveEnv(t)
	ctx := context.Background()
	w := &wsWorld{e: e}
	w.idea = w.newIdea(t)
	if _, err := e.store.SetPhase(ctx, store.NewID(), e.tables[0].ID, model.PhaseTopic, model.PhasePrioritize); err != nil {
		t.Fatal(err)
	}
	m := model.ForumMember{Name: "Carmen Rojas", Organization: "Proética", Sector: "civil_society"}
	if _, err := e.store.CreateForumMember(ctx, &m); err != nil {
		t.Fatal(err)
	}
	w.tokens = map[string]string{
		rolePublic:            "",
		model.RoleParticipant: e.seat(model.RoleParticipant, 0),
		model.RoleRapporteur:  e.seat(model.RoleRapporteur, 0),
		roleOtherRapporteur:   e.seat(model.RoleRapporteur, 1),
		model.RoleFacilitator: e.seat(model.RoleFacilitator, 0),
		model.RoleForum:       e.token(model.Session{Role: model.RoleForum, ForumMemberID: m.ID}),
		model.RoleAdmin:       e.adminTok,
	}
	return w
}

func (w *wsWorld) room(i int) string { return w.e.room(i) }

// newIdea stores an idea at table 1, as its rapporteur would.
func (w *wsWorld) newIdea(t *testing.T) string {
	t.Helper()
	return storetest.Idea(t, w.e.store, model.Idea{TableID: w.e.tables[0].ID, Title: "¿Cómo podríamos abrir los datos de obras?",
		Principle: model.PrincipleTransparency}).ID
}

// changes counts the audit log's entries since a moment (just before the
// message: a refused one must add none).
func (w *wsWorld) changes(t *testing.T, since time.Time) int {
	t.Helper()
	_, n, err := w.e.store.AuditLog(context.Background(), model.AuditFilter{Page: 1}, store.AuditRange{From: since})
	if err != nil {
		t.Fatal(err)
	}
	return n
}

// answer is the first frame that answers a message: anything but presence
// and events (which may come before an ack).
func answer(t *testing.T, c *wsClient) frame {
	t.Helper()
	timeout := time.After(10 * time.Second)
	for {
		select {
		case f, ok := <-c.frames:
			if !ok {
				t.Fatal("connection closed while waiting for an answer")
			}
			if f.Type == "presence" || f.Type == "event" || f.Type == "snapshot" || f.Type == "synced" {
				continue
			}
			return f
		case <-timeout:
			t.Fatal("no answer within 10 s")
		}
	}
}

// clientMessageTypes are the values of the Type* constants of
// internal/liveproto (the live protocol's vocabulary):
// the message types a client may send, read from the source so that a new
// type cannot be forgotten here.
func clientMessageTypes(t *testing.T) []string {
	t.Helper()
	dir := filepath.Join("..", "liveproto")
	fset := token.NewFileSet()
	names, err := filepath.Glob(filepath.Join(dir, "*.go"))
	if err != nil || len(names) == 0 {
		t.Fatalf("sources of internal/liveproto: %v %v", names, err)
	}
	var types []string
	for _, name := range names {
		if strings.HasSuffix(name, "_test.go") {
			continue
		}
		file, err := parser.ParseFile(fset, name, nil, 0)
		if err != nil {
			t.Fatal(err)
		}
		for _, decl := range file.Decls {
			gd, ok := decl.(*ast.GenDecl)
			if !ok || gd.Tok != token.CONST {
				continue
			}
			for _, spec := range gd.Specs {
				vs := spec.(*ast.ValueSpec)
				for i, name := range vs.Names {
					if !strings.HasPrefix(name.Name, "Type") || i >= len(vs.Values) {
						continue
					}
					lit, ok := vs.Values[i].(*ast.BasicLit)
					if !ok || lit.Kind != token.STRING {
						t.Fatalf("liveproto.%s is not a string literal", name.Name)
					}
					v, _ := strconv.Unquote(lit.Value)
					types = append(types, v)
				}
			}
		}
	}
	sort.Strings(types)
	if len(types) < 5 {
		t.Fatalf("found only %v in internal/liveproto: has the protocol moved?", types)
	}
	return types
}

func TestWebsocketAuthorizationMatrix(t *testing.T) {
	rows := map[string]wsRow{}
	for _, r := range wsMatrix {
		rows[r.typ] = r
	}
	known := map[string]bool{}
	doc, err := os.ReadFile(filepath.Join("..", "..", "docs", "PROTOCOL.md"))
	if err != nil {
		t.Fatal(err)
	}
	for _, typ := range clientMessageTypes(t) {
		known[typ] = true
		if _, ok := rows[typ]; !ok {
			t.Errorf("message type %q has no row in wsMatrix (internal/web/authz_ws_test.go): say which roles may send it", typ)
		}
		if !strings.Contains(string(doc), "### `"+typ+"`") {
			t.Errorf("message type %q is not documented in docs/PROTOCOL.md", typ)
		}
	}
	for typ := range rows {
		if !known[typ] {
			t.Errorf("wsMatrix has a row for %q, which is not a message type of internal/liveproto", typ)
		}
	}
	if t.Failed() {
		return
	}

	for _, row := range wsMatrix {
		row := row
		t.Run(row.typ, func(t *testing.T) {
			w := newWSWorld(t)
			allowed := map[string]bool{}
			for _, r := range row.allow {
				allowed[r] = true
			}
			order := append([]string{}, wsRoles...)
			sort.SliceStable(order, func(i, j int) bool { return !allowed[order[i]] && allowed[order[j]] })
			for _, role := range order {
				checkWSCell(t, w, row, role, allowed[role])
			}
			if row.typ == "join" || row.typ == "ping" {
				return
			}
			// From its own room, the rapporteur of table 2 cannot reach table 1's records.
			if row.typ != "create" {
				c := w.e.dial(w.tokens[roleOtherRapporteur])
				c.join(w.room(1))
				m := row.msg(t, w)
				since := time.Now().Add(-time.Second)
				before := w.changes(t, since)
				c.send(m)
				if f := answer(t, c); f.Type != "error" || f.Op != m["op"] {
					t.Errorf("%s from table 2's room naming table 1's record: %s, want an error", row.typ, brief(f))
				}
				if w.changes(t, since) != before {
					t.Errorf("%s from table 2's room changed something", row.typ)
				}
				c.conn.Close()
			}
			// A workshop room is read-only, even for an admin.
			c := w.e.dial(w.e.adminTok)
			c.send(map[string]any{"type": "join", "room": "workshop:" + w.e.workshop.ID})
			if f := answer(t, c); f.Type != "welcome" {
				t.Fatalf("admin joining the workshop room: %s", brief(f))
			}
			m := row.msg(t, w)
			since := time.Now().Add(-time.Second)
			before := w.changes(t, since)
			c.send(m)
			if f := answer(t, c); f.Type != "error" || f.Code != "forbidden" {
				t.Errorf("%s in a workshop room: %s, want forbidden", row.typ, brief(f))
			}
			if w.changes(t, since) != before {
				t.Errorf("%s in a workshop room changed something", row.typ)
			}
			c.conn.Close()
		})
	}
}

// checkWSCell sends row's message as role in table 1's room and checks the answer.
func checkWSCell(t *testing.T, w *wsWorld, row wsRow, role string, allowed bool) {
	t.Helper()
	c := w.e.dial(w.tokens[role])
	defer c.conn.Close()
	mayJoin := false
	for _, r := range wsReaders {
		mayJoin = mayJoin || r == role
	}
	if row.typ != "join" && row.typ != "ping" {
		c.send(map[string]any{"type": "join", "room": w.room(0)})
		f := answer(t, c)
		switch {
		case mayJoin && f.Type != "welcome":
			t.Fatalf("%s joining table 1: %s", role, brief(f))
		case !mayJoin && (f.Type != "error" || f.Code != "forbidden"):
			t.Fatalf("%s joining table 1: %s, want forbidden", role, brief(f))
		}
	}
	m := row.msg(t, w) // may store a record to act on
	since := time.Now().Add(-time.Second)
	before := w.changes(t, since)
	c.send(m)
	f := answer(t, c)
	wantOK := map[string]string{"join": "welcome", "ping": "pong"}[row.typ]
	if wantOK == "" {
		wantOK = "ack"
	}
	if allowed {
		if f.Type != wantOK || (wantOK == "ack" && f.Op != m["op"]) {
			t.Errorf("%s as %s: %s, want %s", row.typ, role, brief(f), wantOK)
		}
		return
	}
	wantCode := "forbidden"
	if !mayJoin && row.typ != "join" {
		wantCode = "not_joined"
	}
	if f.Type != "error" || f.Code != wantCode || f.Message == "" {
		t.Errorf("%s as %s: %s, want error %s", row.typ, role, brief(f), wantCode)
	}
	if w.changes(t, since) != before {
		t.Errorf("%s as %s: refused, yet something changed (see the audit log)", row.typ, role)
	}
}

// brief is a frame in a few words, for failure messages.
func brief(f frame) string {
	s := f.Type
	if f.Code != "" {
		s += " " + f.Code + " (" + f.Message + ")"
	}
	if f.Op != "" {
		s += " op " + f.Op
	}
	return s
}
