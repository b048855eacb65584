package crashtest

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"math/rand/v2"
	"net/http"
	"net/url"
	"os"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/google/uuid"
	"github.com/gorilla/websocket"

	"github.com/minka-gob/minka"
	"github.com/minka-gob/minka/internal/binarytest"
	"github.com/minka-gob/minka/internal/liveproto"
	"github.com/minka-gob/minka/internal/model"
	"github.com/minka-gob/minka/internal/store"
)

// The crash test. In `make test` it runs small (20 clients, one kill, a few
// seconds); MINKA_CRASH_LONG=1 runs the long mode by hand (100 clients,
// several kills). Every connection goes to 127.0.0.1, every loop is bounded
// in count and time.

// crashSize is one mode of the test.
type crashSize struct {
	clients, tables, perClient, kills int
	readers                           int           // participant screens per table that only read, resuming with since
	window                            int           // unacknowledged ideas a client keeps in flight
	pace                              time.Duration // pause between two new ideas of a client
	deadline                          time.Duration // the whole run, kills and restarts included
}

// idleLimit is how long a connected client waits for any frame before it
// treats the connection as dead and reconnects: generous, so that a loaded
// 2-core machine running the race detector is not mistaken for a hang.
const idleLimit = 30 * time.Second

var (
	smallRun = crashSize{readers: 2, clients: 20, tables: 4, perClient: 15, kills: 1, window: 4, pace: 3 * time.Millisecond, deadline: 4 * time.Minute}
	longRun  = crashSize{readers: 4, clients: 100, tables: 8, perClient: 80, kills: 3, window: 8, pace: 2 * time.Millisecond, deadline: 10 * time.Minute}
)

func TestMain(m *testing.M) { os.Exit(binarytest.Main(m)) }

// prepare creates the database the server will serve: a workshop and its tables.
func prepare(t *testing.T, path string, tables int) []model.Table {
	t.Helper()
	st, err := store.Open(path, minka.Migrations, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	ctx := context.Background()
	if err := st.Seed(ctx); err != nil {
		t.Fatal(err)
	}
	w := model.Workshop{City: "Iquitos", Date: "2025-06-12", Status: model.WorkshopOpen}
	if err := st.CreateWorkshop(ctx, &w); err != nil {
		t.Fatal(err)
	}
	var out []model.Table
	for n := 1; n <= tables; n++ {
		tb := model.Table{WorkshopID: w.ID, Number: n}
		if err := st.CreateTable(ctx, &tb); err != nil {
			t.Fatal(err)
		}
		out = append(out, tb)
	}
	return out
}

// joinTable opens a rapporteur session the way a tablet does: POST /join
// with the table's code. It returns the session cookie's value.
func joinTable(t *testing.T, addr, code string) string {
	t.Helper()
	form := url.Values{"code": {code}, "_csrf": {"crash-csrf"}}
	req, _ := http.NewRequest(http.MethodPost, "http://"+addr+"/join", strings.NewReader(form.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.AddCookie(&http.Cookie{Name: "minka_csrf", Value: "crash-csrf"})
	client := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	resp, err := client.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	for _, c := range resp.Cookies() {
		if c.Name == "minka_session" {
			return c.Value
		}
	}
	t.Fatalf("join with code %s: status %d, no session", code, resp.StatusCode)
	return ""
}

// ledger is what every client saw, for the checks at the end.
type ledger struct {
	mu        sync.Mutex
	generated map[string]string // op → title
	acked     map[string]ackRec // op → first ack
	refused   []string
	problems  []string // acks that contradict an earlier one
	// seqProblems are events a reader got twice, or a seq it never got.
	seqProblems []string
	acks        atomic.Int64
	dups        atomic.Int64
	resent      atomic.Int64
	reconnect   atomic.Int64
	// crossed is signalled (once per threshold) when acks pass the next kill point.
	killAt  []int64
	crossed chan int
}

type ackRec struct {
	room string
	seq  int64
	kill int // how many kills had happened when the ack arrived
}

type crashFrame struct {
	Type    string `json:"type"`
	Op      string `json:"op"`
	Seq     int64  `json:"seq"`
	Dup     bool   `json:"dup"`
	Code    string `json:"code"`
	Message string `json:"message"`
}

// client is one tablet: a rapporteur session at a table and an outbox.
type client struct {
	id      int
	session string
	room    string
	addr    string
	size    crashSize
	l       *ledger
	kills   *atomic.Int32
	until   time.Time

	outbox  []outItem // in order of creation; removed when acknowledged
	recent  []outItem // the last ideas acknowledged
	made    int
	lastSeq int64
	joined  bool
}

type outItem struct {
	op  string
	msg []byte
}

func (c *client) newIdea() outItem {
	op := uuid.NewString()
	title := fmt.Sprintf("¿Cómo podríamos lograr el objetivo %d-%d?", c.id, c.made)
	c.made++
	c.l.mu.Lock()
	c.l.generated[op] = title
	c.l.mu.Unlock()
	b, _ := json.Marshal(map[string]any{"type": "create", "op": op, "kind": "idea",
		"data": map[string]any{"id": op, "title": title, "principle": "participation"}})
	return outItem{op: op, msg: b}
}

// run records the client's ideas until every one is acknowledged, riding
// out server crashes by reconnecting and resending the outbox.
func (c *client) run() error {
	backoff := 20 * time.Millisecond
	for {
		if time.Now().After(c.until) {
			return fmt.Errorf("client %d: out of time with %d ideas made, %d unacknowledged", c.id, c.made, len(c.outbox))
		}
		done, err := c.session1()
		if done {
			return nil
		}
		if err != nil && errors.Is(err, errFatal) {
			return err
		}
		c.l.reconnect.Add(1)
		time.Sleep(backoff + time.Duration(rand.Int64N(int64(backoff))))
		backoff = min(backoff*2, 400*time.Millisecond)
	}
}

var errFatal = errors.New("fatal")

// session1 is one connection: join, resend the outbox, record new ideas.
// It returns done when every idea is made and acknowledged.
func (c *client) session1() (bool, error) {
	h := http.Header{}
	h.Set("Cookie", "minka_session="+c.session)
	d := websocket.Dialer{HandshakeTimeout: 2 * time.Second}
	conn, _, err := d.Dial("ws://"+c.addr+"/ws", h)
	if err != nil {
		return false, err
	}
	defer conn.Close()
	frames := make(chan crashFrame, 256)
	go func() {
		defer close(frames)
		for {
			_, b, err := conn.ReadMessage()
			if err != nil {
				return
			}
			var f crashFrame
			if json.Unmarshal(b, &f) == nil {
				frames <- f
			}
		}
	}()
	join := map[string]any{"type": "join", "room": c.room}
	if c.joined {
		join["since"] = c.lastSeq
	}
	if err := conn.WriteJSON(join); err != nil {
		return false, err
	}
	synced := false
	inflight := map[string]bool{}
	send := func(it outItem) error {
		inflight[it.op] = true
		conn.SetWriteDeadline(time.Now().Add(5 * time.Second))
		return conn.WriteMessage(websocket.TextMessage, it.msg)
	}
	next := time.Now()
	for {
		if synced {
			if c.made == c.size.perClient && len(c.outbox) == 0 {
				return true, nil
			}
			if c.made < c.size.perClient && len(inflight) < c.size.window && !time.Now().Before(next) {
				it := c.newIdea()
				c.outbox = append(c.outbox, it)
				if err := send(it); err != nil {
					return false, err
				}
				next = time.Now().Add(c.size.pace)
				continue
			}
		}
		wait := idleLimit
		if synced && c.made < c.size.perClient && len(inflight) < c.size.window {
			wait = time.Until(next)
		}
		var f crashFrame
		var ok bool
		select {
		case f, ok = <-frames:
			if !ok {
				return false, errors.New("connection lost")
			}
		case <-time.After(wait):
			if wait == idleLimit {
				return false, fmt.Errorf("no frame for %v", idleLimit)
			}
			continue
		}
		switch f.Type {
		case "event", "snapshot":
			c.lastSeq = max(c.lastSeq, f.Seq)
		case "synced":
			again := c.joined
			c.lastSeq, c.joined, synced = f.Seq, true, true
			// Resend everything not acknowledged, in order: what reached
			// the database before a crash is acknowledged as a duplicate.
			// After a reconnection, also resend the last ideas acknowledged,
			// as a tablet would whose acks were lost in the crash: they
			// must come back as duplicates and change nothing.
			resend := c.outbox
			if again {
				resend = append(append([]outItem{}, c.recent...), c.outbox...)
			}
			for _, it := range resend {
				c.l.resent.Add(1)
				if err := send(it); err != nil {
					return false, err
				}
			}
		case "ack":
			c.acked(f)
			delete(inflight, f.Op)
		case "error":
			if f.Op == "" || f.Code == "internal" {
				return false, fmt.Errorf("error frame %s: %s", f.Code, f.Message)
			}
			c.l.mu.Lock()
			c.l.refused = append(c.l.refused, fmt.Sprintf("client %d op %s: %s %s", c.id, f.Op, f.Code, f.Message))
			c.l.mu.Unlock()
			return false, fmt.Errorf("%w: op %s refused: %s %s", errFatal, f.Op, f.Code, f.Message)
		}
	}
}

// acked records an ack and takes the op out of the outbox.
func (c *client) acked(f crashFrame) {
	for i, it := range c.outbox {
		if it.op == f.Op {
			c.outbox = append(c.outbox[:i], c.outbox[i+1:]...)
			c.recent = append(c.recent, it)
			if len(c.recent) > 2 {
				c.recent = c.recent[1:]
			}
			break
		}
	}
	if f.Dup {
		c.l.dups.Add(1)
	}
	c.l.mu.Lock()
	if first, seen := c.l.acked[f.Op]; !seen {
		c.l.acked[f.Op] = ackRec{room: c.room, seq: f.Seq, kill: int(c.kills.Load())}
	} else if !f.Dup || first.seq != f.Seq {
		c.l.problems = append(c.l.problems, fmt.Sprintf("op %s acknowledged again with seq %d dup %v, first with seq %d", f.Op, f.Seq, f.Dup, first.seq))
	}
	c.l.mu.Unlock()
	n := c.l.acks.Add(1)
	for i, at := range c.l.killAt {
		if n == at {
			select {
			case c.l.crossed <- i:
			default:
			}
		}
	}
}

// reader is a participant's screen (its table's room) or a plenary screen
// (the workshop's room): it only reads, and reconnects often (besides the
// crashes), each time resuming with since.
// Every event it is sent must be the next seq after the last one it holds:
// a seq seen twice or skipped is a protocol violation.
type reader struct {
	id      int
	session string
	room    string
	addr    string
	l       *ledger
	stop    chan struct{} // closed when the writers are done
	want    func() int64  // the room's final seq, valid once stop is closed
	until   time.Time
	lastSeq int64
	joined  bool
	events  int
	resumes int
}

func (r *reader) problem(format string, args ...any) {
	r.l.mu.Lock()
	r.l.seqProblems = append(r.l.seqProblems, fmt.Sprintf("reader %d (%s): ", r.id, r.room)+fmt.Sprintf(format, args...))
	r.l.mu.Unlock()
}

// run reads until the writers are done and it holds the room's last seq.
func (r *reader) run() error {
	for {
		if time.Now().After(r.until) {
			return fmt.Errorf("reader %d: out of time at seq %d", r.id, r.lastSeq)
		}
		select {
		case <-r.stop:
			if r.lastSeq == r.want() {
				return nil
			}
		default:
		}
		if err := r.session1(); err != nil && errors.Is(err, errFatal) {
			return err
		}
		time.Sleep(time.Duration(5+rand.IntN(30)) * time.Millisecond)
	}
}

// session1 is one connection, closed by the reader itself after a random
// number of frames, or by a crash.
func (r *reader) session1() error {
	h := http.Header{}
	h.Set("Cookie", "minka_session="+r.session)
	d := websocket.Dialer{HandshakeTimeout: 2 * time.Second}
	conn, _, err := d.Dial("ws://"+r.addr+"/ws", h)
	if err != nil {
		return err
	}
	defer conn.Close()
	join := map[string]any{"type": "join", "room": r.room}
	if r.joined {
		join["since"] = r.lastSeq
		r.resumes++
	}
	if err := conn.WriteJSON(join); err != nil {
		return err
	}
	budget := 5 + rand.IntN(40)
	for n := 0; n < budget; n++ {
		conn.SetReadDeadline(time.Now().Add(2 * time.Second))
		_, b, err := conn.ReadMessage()
		if err != nil {
			return err
		}
		var f crashFrame
		if err := json.Unmarshal(b, &f); err != nil {
			return fmt.Errorf("%w: reader %d: bad frame %q", errFatal, r.id, b)
		}
		switch f.Type {
		case "snapshot":
			if r.joined {
				r.problem("a snapshot (seq %d) after resuming from %d", f.Seq, r.lastSeq)
			}
			r.lastSeq, r.joined = f.Seq, true
		case "event":
			switch {
			case f.Seq <= r.lastSeq:
				r.problem("seq %d received again (holds %d)", f.Seq, r.lastSeq)
			case f.Seq > r.lastSeq+1:
				r.problem("seq %d after %d: skipped %d", f.Seq, r.lastSeq, f.Seq-r.lastSeq-1)
			}
			r.lastSeq = max(r.lastSeq, f.Seq)
			r.events++
		case "synced":
			if f.Seq != r.lastSeq {
				r.problem("synced at %d while holding %d", f.Seq, r.lastSeq)
			}
			r.joined = true
		case "error":
			return fmt.Errorf("%w: reader %d: error frame %s: %s", errFatal, r.id, f.Code, f.Message)
		}
		select {
		case <-r.stop:
			if r.lastSeq == r.want() {
				return nil
			}
		default:
		}
	}
	return nil
}

func TestCrashRecoveryKeepsEveryAcknowledgedIdea(t *testing.T) {
	size := smallRun
	if os.Getenv("MINKA_CRASH_LONG") == "1" {
		size = longRun
	}
	s := binarytest.New(t, binarytest.Options{})
	tables := prepare(t, s.DB, size.tables)
	s.Start()

	total := size.clients * size.perClient
	l := &ledger{generated: map[string]string{}, acked: map[string]ackRec{}, crossed: make(chan int, size.kills)}
	for k := 1; k <= size.kills; k++ {
		// Kill points spread over the run: a third of the way, and so on.
		l.killAt = append(l.killAt, int64(total*k/(size.kills+2)))
	}
	var kills atomic.Int32
	until := time.Now().Add(size.deadline)
	var clients []*client
	for i := 0; i < size.clients; i++ {
		tb := tables[i%len(tables)]
		clients = append(clients, &client{id: i, session: joinTable(t, s.Addr, tb.RapporteurCode), room: liveproto.TableRoom(tb.ID),
			addr: s.Addr, size: size, l: l, kills: &kills, until: until})
	}
	// The readers: participants' screens, each table's seqs checked one by one.
	writersDone := make(chan struct{})
	perTable := map[string]int64{} // room → ideas its clients make
	for _, c := range clients {
		perTable[c.room] += int64(size.perClient)
	}
	var readers []*reader
	for _, tb := range tables {
		room := liveproto.TableRoom(tb.ID)
		for i := 0; i < size.readers; i++ {
			readers = append(readers, &reader{id: len(readers), session: joinTable(t, s.Addr, tb.ParticipantCode), room: room,
				addr: s.Addr, l: l, stop: writersDone, want: func() int64 { return perTable[room] }, until: until})
		}
	}
	// The plenary screens: the workshop's room numbers every table's events
	// on its own, and is checked seq by seq the same way.
	workshopRoom := liveproto.WorkshopRoom(tables[0].WorkshopID)
	for i := 0; i < size.readers; i++ {
		readers = append(readers, &reader{id: len(readers), session: joinTable(t, s.Addr, tables[i%len(tables)].ParticipantCode), room: workshopRoom,
			addr: s.Addr, l: l, stop: writersDone, want: func() int64 { return int64(total) }, until: until})
	}
	readerErrs := make(chan error, len(readers))
	for _, r := range readers {
		go func(r *reader) { readerErrs <- r.run() }(r)
	}
	errs := make(chan error, len(clients))
	for _, c := range clients {
		go func(c *client) { errs <- c.run() }(c)
	}

	// The crashes: kill -9 when the acks reach each kill point, restart at once.
	ackedAtKill := make([]map[string]bool, 0, size.kills)
	for k := 0; k < size.kills; k++ {
		select {
		case <-l.crossed:
		case <-time.After(time.Until(until)):
			t.Fatalf("kill %d: only %d of %d ideas acknowledged before the deadline", k+1, l.acks.Load(), total)
		}
		s.Kill()
		kills.Add(1)
		l.mu.Lock()
		snapshot := map[string]bool{}
		for op := range l.acked {
			snapshot[op] = true
		}
		unacked := len(l.generated) - len(l.acked)
		l.mu.Unlock()
		ackedAtKill = append(ackedAtKill, snapshot)
		t.Logf("kill -9 number %d: %d ideas acknowledged, %d made but not acknowledged", k+1, len(snapshot), unacked)
		time.Sleep(100 * time.Millisecond) // clients notice and start reconnecting
		s.Start()
	}
	for range clients {
		if err := <-errs; err != nil {
			t.Fatal(err)
		}
	}
	close(writersDone)
	events, resumes := 0, 0
	for range readers {
		if err := <-readerErrs; err != nil {
			t.Fatal(err)
		}
	}
	for _, r := range readers {
		events, resumes = events+r.events, resumes+r.resumes
	}
	s.Stop()

	// The verdict, from the database as the restarted server left it.
	st, err := store.Open(s.DB, minka.Migrations, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	stored := map[string]int{}   // title → records
	storedID := map[string]int{} // id → records
	for _, tb := range tables {
		rec, err := st.TableRecord(context.Background(), tb.ID, "")
		if err != nil {
			t.Fatal(err)
		}
		for _, idea := range rec.Ideas {
			stored[idea.Title]++
			storedID[idea.ID]++
		}
		// One event per idea: a resent idea added no second event.
		if rec.Seq != int64(len(rec.Ideas)) {
			t.Errorf("table %d: %d events for %d ideas", tb.Number, rec.Seq, len(rec.Ideas))
		}
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	if len(l.refused) > 0 {
		t.Errorf("refused operations: %v", l.refused)
	}
	for _, p := range l.problems {
		t.Error(p)
	}
	for i, p := range l.seqProblems {
		if i == 20 {
			t.Errorf("… and %d more seq problems", len(l.seqProblems)-20)
			break
		}
		t.Error(p)
	}
	if len(readers) > 0 && resumes == 0 {
		t.Error("no reader ever resumed with since: the resume path was not exercised")
	}
	if size.kills > 0 && l.dups.Load() == 0 {
		t.Error("no duplicate acks: the resending of acknowledged ideas after a crash was not exercised")
	}
	if len(l.generated) != total || len(l.acked) != total {
		t.Fatalf("%d ideas made and %d acknowledged, want %d of each", len(l.generated), len(l.acked), total)
	}
	for k, snap := range ackedAtKill {
		for op := range snap {
			if storedID[op] != 1 {
				t.Errorf("idea %s, acknowledged before kill %d, is stored %d times", op, k+1, storedID[op])
			}
		}
	}
	seqs := map[string]string{}
	for op, title := range l.generated {
		if stored[title] != 1 || storedID[op] != 1 {
			t.Errorf("idea %s (%q): stored %d times by title, %d by id; want exactly once", op, title, stored[title], storedID[op])
		}
		a := l.acked[op]
		key := a.room + "#" + strconv.FormatInt(a.seq, 10)
		if other, dup := seqs[key]; dup {
			t.Errorf("ops %s and %s were acknowledged with the same seq %s", op, other, key)
		}
		seqs[key] = op
	}
	if len(storedID) != total {
		t.Errorf("%d ideas stored, want %d", len(storedID), total)
	}
	t.Logf("%d clients, %d ideas, %d kills: %d acks (%d duplicates after resending), %d resent, %d reconnections",
		size.clients, total, size.kills, l.acks.Load(), l.dups.Load(), l.resent.Load(), l.reconnect.Load())
	t.Logf("%d readers: %d events checked in seq order, %d resumes with since", len(readers), events, resumes)
}
