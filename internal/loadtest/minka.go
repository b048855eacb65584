package loadtest

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"net"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"time"

	"github.com/google/uuid"
	"github.com/gorilla/websocket"

	"github.com/minka-gob/minka"
	"github.com/minka-gob/minka/internal/liveproto"
	"github.com/minka-gob/minka/internal/model"
	"github.com/minka-gob/minka/internal/store"
)

// Minka is the minka binary serving a scratch database on 127.0.0.1.
type Minka struct {
	// Binary is the minka executable (the running one for `minka load`).
	Binary string
	// Dir holds the scratch database; removed by Close when this made it.
	Dir string
	// Log receives the server's output (default: discarded).
	Log io.Writer

	ownDir bool
	addr   string
	cmd    *exec.Cmd
	exited chan struct{}
	tables []model.Table
	http   *http.Client
	joins  chan struct{} // joins in flight (see session)
}

// joinsInFlight stays under the server's guard on table codes (web's
// JoinIP burst, 15): the load comes from one address, where a crowd of
// phones would come from many.
const joinsInFlight = 12

// Name implements Target.
func (m *Minka) Name() string { return "minka" }

// PID implements Target.
func (m *Minka) PID() int {
	if m.cmd == nil || m.cmd.Process == nil {
		return 0
	}
	return m.cmd.Process.Pid
}

// Prepare creates a database with one workshop and a table per room and
// starts the server on it.
func (m *Minka) Prepare(ctx context.Context, w Workload) error {
	if m.Dir == "" {
		d, err := os.MkdirTemp("", "minka-load-")
		if err != nil {
			return err
		}
		m.Dir, m.ownDir = d, true
	}
	db := filepath.Join(m.Dir, "minka.sqlite")
	tables, err := prepareDB(ctx, db, w.Rooms)
	if err != nil {
		return err
	}
	m.tables = tables
	m.addr, err = freeAddr()
	if err != nil {
		return err
	}
	m.joins = make(chan struct{}, joinsInFlight)
	m.http = &http.Client{Timeout: 30 * time.Second,
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
		Transport:     &http.Transport{MaxIdleConnsPerHost: 64}}
	return m.start(ctx, db)
}

func prepareDB(ctx context.Context, path string, rooms int) ([]model.Table, error) {
	st, err := store.Open(path, minka.Migrations, store.Options{})
	if err != nil {
		return nil, err
	}
	defer st.Close()
	if err := st.Seed(ctx); err != nil {
		return nil, err
	}
	// A workshop has at most 99 tables: more rooms take more workshops.
	var out []model.Table
	var w model.Workshop
	for n := 0; n < rooms; n++ {
		if n%99 == 0 {
			w = model.Workshop{City: "Huancayo", Date: time.Now().Format("2006-01-02"), Status: model.WorkshopOpen}
			if err := st.CreateWorkshop(ctx, &w); err != nil {
				return nil, err
			}
		}
		tb := model.Table{WorkshopID: w.ID, Number: n%99 + 1}
		if err := st.CreateTable(ctx, &tb); err != nil {
			return nil, err
		}
		out = append(out, tb)
	}
	return out, nil
}

func freeAddr() (string, error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return "", err
	}
	defer ln.Close()
	return ln.Addr().String(), nil
}

func (m *Minka) start(ctx context.Context, db string) error {
	cmd := exec.Command(m.Binary, "serve", "-addr", m.addr, "-db", db,
		"-uploads", filepath.Join(m.Dir, "uploads"), "-exports", filepath.Join(m.Dir, "exports"),
		"-admin-password", "clave-de-la-prueba-de-carga",
		// The scenarios go beyond a workshop's default caps (4,096 connections, 2,000 websockets).
		"-max-conns", "30000", "-max-ws", "30000")
	if m.Log != nil {
		cmd.Stdout, cmd.Stderr = m.Log, m.Log
	}
	if err := cmd.Start(); err != nil {
		return err
	}
	m.cmd, m.exited = cmd, make(chan struct{})
	go func() { cmd.Wait(); close(m.exited) }()
	return waitHealthy(ctx, "http://"+m.addr+"/api/v1/health", m.exited)
}

func waitHealthy(ctx context.Context, url string, exited chan struct{}) error {
	deadline := time.Now().Add(30 * time.Second)
	for time.Now().Before(deadline) && ctx.Err() == nil {
		resp, err := http.Get(url)
		if err == nil {
			resp.Body.Close()
			if resp.StatusCode == http.StatusOK {
				return nil
			}
		}
		select {
		case <-exited:
			return errors.New("the server exited at start")
		case <-time.After(20 * time.Millisecond):
		}
	}
	return fmt.Errorf("%s did not answer within 30 s", url)
}

// Close stops the server (SIGTERM, then SIGKILL after 10 s) and removes
// the scratch folder it made.
func (m *Minka) Close() error {
	if m.cmd != nil && m.cmd.Process != nil {
		m.cmd.Process.Signal(syscall.SIGTERM)
		select {
		case <-m.exited:
		case <-time.After(10 * time.Second):
			m.cmd.Process.Kill()
			<-m.exited
		}
	}
	if m.ownDir {
		return os.RemoveAll(m.Dir)
	}
	return nil
}

// session posts a table's join code, as a phone does, and returns the session cookie.
// The load comes from one address: joins in flight from one client count
// against the server's guard on table codes until each one succeeds (see
// web/ratelimit.go), so at most joinsInFlight are sent at once, and a join
// still refused with 429 is tried again shortly, as a person would tap again.
func (m *Minka) session(ctx context.Context, code string) (string, error) {
	select {
	case m.joins <- struct{}{}:
		defer func() { <-m.joins }()
	case <-ctx.Done():
		return "", ctx.Err()
	}
	for {
		sess, status, err := m.postJoin(ctx, code)
		if err != nil || sess != "" {
			return sess, err
		}
		if status != http.StatusTooManyRequests {
			return "", fmt.Errorf("join with a table code: status %d, no session", status)
		}
		select {
		case <-ctx.Done():
			return "", fmt.Errorf("join with a table code: still refused (429) when the run ended: %w", ctx.Err())
		case <-time.After(time.Duration(10+rand.IntN(40)) * time.Millisecond):
		}
	}
}

// postJoin is one join attempt: the session cookie, or the status without one.
func (m *Minka) postJoin(ctx context.Context, code string) (string, int, error) {
	form := url.Values{"code": {code}, "_csrf": {"load-csrf"}}
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, "http://"+m.addr+"/join", strings.NewReader(form.Encode()))
	if err != nil {
		return "", 0, err
	}
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.AddCookie(&http.Cookie{Name: "minka_csrf", Value: "load-csrf"})
	resp, err := m.http.Do(req)
	if err != nil {
		return "", 0, err
	}
	io.Copy(io.Discard, resp.Body)
	resp.Body.Close()
	for _, c := range resp.Cookies() {
		if c.Name == "minka_session" {
			return c.Value, resp.StatusCode, nil
		}
	}
	return "", resp.StatusCode, nil
}

// Dial implements Target: a session from the table's rapporteur code
// (writer) or participant code (reader), then /ws and join.
func (m *Minka) Dial(ctx context.Context, i int, writer bool) (Conn, error) {
	r, st := statsOf(ctx)
	tb := m.tables[st.room]
	code := tb.ParticipantCode
	if writer {
		code = tb.RapporteurCode
	}
	sess, err := m.session(ctx, code)
	if err != nil {
		return nil, err
	}
	c := &minkaConn{m: m, run: r, st: st, session: sess, room: liveproto.TableRoom(tb.ID), ws: newWriterState(), sentAt: map[string]time.Time{}}
	if err := c.connect(ctx, false); err != nil {
		return nil, err
	}
	return c, nil
}

type minkaConn struct {
	m       *Minka
	run     *run
	st      *clientStats
	session string
	room    string
	ws      *writerState

	mu      sync.Mutex // guards conn writes and sentAt
	conn    *websocket.Conn
	sentAt  map[string]time.Time
	closing bool
	readers sync.WaitGroup
}

func (c *minkaConn) state() *writerState { return c.ws }

var dialer = websocket.Dialer{HandshakeTimeout: 30 * time.Second, ReadBufferSize: 4096, WriteBufferSize: 4096}

// connect opens /ws and joins the room (with since when resume is set),
// returning once synced arrived; frames are then read in the background.
func (c *minkaConn) connect(ctx context.Context, resume bool) error {
	h := http.Header{}
	h.Set("Cookie", "minka_session="+c.session)
	// frames=lines: a burst comes in one message, a frame per line, as the browser asks.
	conn, _, err := dialer.DialContext(ctx, "ws://"+c.m.addr+"/ws?frames=lines", h)
	if err != nil {
		return err
	}
	join := map[string]any{"type": "join", "room": c.room}
	if resume {
		c.st.mu.Lock()
		join["since"] = c.st.last
		c.st.mu.Unlock()
	}
	if err := conn.WriteJSON(join); err != nil {
		conn.Close()
		return err
	}
	conn.SetReadDeadline(time.Now().Add(30 * time.Second))
	for synced := false; !synced; {
		_, msg, err := conn.ReadMessage()
		if err != nil {
			conn.Close()
			return fmt.Errorf("waiting for synced: %w", err)
		}
		for _, b := range bytes.Split(msg, []byte("\n")) {
			switch frameType(b) {
			case "error":
				conn.Close()
				return fmt.Errorf("join refused: %s", b)
			case "snapshot":
				if seq, ok := numAfter(b, `"seq":`); ok {
					c.st.mu.Lock()
					c.st.last = seq
					c.st.mu.Unlock()
				}
			case "event":
				c.event(b)
			case "synced":
				// What follows synced in this message is live: read on.
				synced = true
			case "ack":
				c.ack(b)
			}
		}
	}
	conn.SetReadDeadline(time.Time{})
	c.mu.Lock()
	c.conn, c.closing = conn, false
	c.mu.Unlock()
	c.readers.Add(1)
	go c.read(conn)
	return nil
}

func (c *minkaConn) read(conn *websocket.Conn) {
	defer c.readers.Done()
	for {
		_, msg, err := conn.ReadMessage()
		if err != nil {
			c.mu.Lock()
			closing := c.closing
			c.mu.Unlock()
			if !closing {
				c.st.gone.Store(true)
				c.run.dropped.Add(1)
			}
			return
		}
		for _, b := range bytes.Split(msg, []byte("\n")) {
			switch frameType(b) {
			case "event":
				c.event(b)
			case "ack":
				c.ack(b)
			case "error":
				c.run.errs.Add(1)
				c.ws.done()
			}
		}
	}
}

func (c *minkaConn) event(b []byte) {
	seq, _ := numAfter(b, `"seq":`)
	var sent time.Time
	if t, ok := numAfter(b, `t=`); ok && !c.st.writer {
		sent = time.Unix(0, t)
	}
	c.st.received(seq, sent, time.Now())
}

func (c *minkaConn) ack(b []byte) {
	op, ok := strAfter(b, `"op":"`)
	if !ok {
		return
	}
	c.mu.Lock()
	sent, known := c.sentAt[op]
	delete(c.sentAt, op)
	c.mu.Unlock()
	if known {
		c.run.ack(c.st.room, time.Since(sent))
		c.ws.done()
	}
}

// Send implements Conn: one idea, its description carrying the send time.
func (c *minkaConn) Send(n int64, sent time.Time) error {
	op := uuid.Must(uuid.NewV7()).String() // as the browser makes them (static/js/live.js)
	msg := fmt.Appendf(nil, `{"type":"create","op":%q,"kind":"idea","data":{"id":%q,"title":"¿Cómo podríamos medir la idea %d?","description":"t=%d","principle":"participation"}}`,
		op, op, n, sent.UnixNano())
	c.ws.sent()
	c.mu.Lock()
	defer c.mu.Unlock()
	c.sentAt[op] = sent
	c.conn.SetWriteDeadline(time.Now().Add(10 * time.Second))
	return c.conn.WriteMessage(websocket.TextMessage, msg)
}

// Resume implements Conn: close, reconnect, join with since.
func (c *minkaConn) Resume(ctx context.Context) error {
	c.Close()
	return c.connect(ctx, true)
}

// Close implements Conn.
func (c *minkaConn) Close() error {
	c.mu.Lock()
	c.closing = true
	conn := c.conn
	c.mu.Unlock()
	var err error
	if conn != nil {
		err = conn.Close()
	}
	c.readers.Wait()
	return err
}

// frameType reads a frame's "type" without decoding the whole frame.
func frameType(b []byte) string {
	s, _ := strAfter(b, `"type":"`)
	return s
}

// strAfter returns the JSON string value that follows key.
func strAfter(b []byte, key string) (string, bool) {
	i := bytes.Index(b, []byte(key))
	if i < 0 {
		return "", false
	}
	rest := b[i+len(key):]
	j := bytes.IndexByte(rest, '"')
	if j < 0 {
		return "", false
	}
	return string(rest[:j]), true
}

// numAfter returns the integer that follows key.
func numAfter(b []byte, key string) (int64, bool) {
	i := bytes.Index(b, []byte(key))
	if i < 0 {
		return 0, false
	}
	rest := b[i+len(key):]
	j := 0
	for j < len(rest) && rest[j] >= '0' && rest[j] <= '9' {
		j++
	}
	n, err := strconv.ParseInt(string(rest[:j]), 10, 64)
	return n, err == nil
}

var _ = json.Marshal
