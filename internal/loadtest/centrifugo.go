package loadtest

import (
	"bytes"
	"compress/gzip"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"sync"
	"syscall"
	"time"

	"github.com/gorilla/websocket"
)

// Centrifugo is the anchor (../shared/anchors/README.md): Centrifugo's
// binary with its memory engine, started on a free 127.0.0.1 port, driven
// through its JSON client protocol with the same workload. It keeps nothing
// on disk.
type Centrifugo struct {
	// Binary is the centrifugo executable, or its .gz (unpacked to a temp file).
	Binary string
	// Config is the anchor's centrifugo.json; the port is replaced by a free one.
	Config string
	Log    io.Writer

	dir    string
	addr   string
	cmd    *exec.Cmd
	exited chan struct{}
}

// Name implements Target.
func (c *Centrifugo) Name() string { return "centrifugo" }

// PID implements Target.
func (c *Centrifugo) PID() int {
	if c.cmd == nil || c.cmd.Process == nil {
		return 0
	}
	return c.cmd.Process.Pid
}

// Prepare starts Centrifugo: channels need no preparing.
func (c *Centrifugo) Prepare(ctx context.Context, _ Workload) error {
	dir, err := os.MkdirTemp("", "minka-centrifugo-")
	if err != nil {
		return err
	}
	c.dir = dir
	bin := c.Binary
	if filepath.Ext(bin) == ".gz" {
		bin = filepath.Join(dir, "centrifugo")
		if err := gunzip(c.Binary, bin); err != nil {
			return err
		}
	}
	raw, err := os.ReadFile(c.Config)
	if err != nil {
		return err
	}
	var cfg map[string]any
	if err := json.Unmarshal(raw, &cfg); err != nil {
		return fmt.Errorf("%s: %w", c.Config, err)
	}
	c.addr, err = freeAddr()
	if err != nil {
		return err
	}
	_, port, _ := net.SplitHostPort(c.addr)
	p, _ := strconv.Atoi(port)
	cfg["http_server"] = map[string]any{"address": "127.0.0.1", "port": p}
	out, _ := json.Marshal(cfg)
	conf := filepath.Join(dir, "centrifugo.json")
	if err := os.WriteFile(conf, out, 0o600); err != nil {
		return err
	}
	cmd := exec.Command(bin, "--config", conf)
	cmd.Dir = dir
	if c.Log != nil {
		cmd.Stdout, cmd.Stderr = c.Log, c.Log
	}
	if err := cmd.Start(); err != nil {
		return err
	}
	c.cmd, c.exited = cmd, make(chan struct{})
	go func() { cmd.Wait(); close(c.exited) }()
	return waitListening(ctx, c.addr, c.exited)
}

func gunzip(src, dst string) error {
	f, err := os.Open(src)
	if err != nil {
		return err
	}
	defer f.Close()
	zr, err := gzip.NewReader(f)
	if err != nil {
		return err
	}
	out, err := os.OpenFile(dst, os.O_CREATE|os.O_WRONLY|os.O_TRUNC, 0o755)
	if err != nil {
		return err
	}
	if _, err := io.Copy(out, zr); err != nil {
		out.Close()
		return err
	}
	return out.Close()
}

// Close stops Centrifugo and removes its folder.
func (c *Centrifugo) Close() error {
	if c.cmd != nil && c.cmd.Process != nil {
		c.cmd.Process.Signal(syscall.SIGTERM)
		select {
		case <-c.exited:
		case <-time.After(10 * time.Second):
			c.cmd.Process.Kill()
			<-c.exited
		}
	}
	if c.dir != "" {
		return os.RemoveAll(c.dir)
	}
	return nil
}

// Dial implements Target: connect, subscribe to room-<n>.
func (c *Centrifugo) Dial(ctx context.Context, i int, writer bool) (Conn, error) {
	r, st := statsOf(ctx)
	cc := &centConn{c: c, run: r, st: st, channel: fmt.Sprintf("room-%d", st.room), ws: newWriterState(), sentAt: map[int64]time.Time{}}
	if err := cc.connect(ctx); err != nil {
		return nil, err
	}
	return cc, nil
}

type centConn struct {
	c       *Centrifugo
	run     *run
	st      *clientStats
	channel string
	ws      *writerState

	mu      sync.Mutex
	conn    *websocket.Conn
	nextID  int64
	sentAt  map[int64]time.Time // command id → send time
	closing bool
	readers sync.WaitGroup
}

func (cc *centConn) state() *writerState { return cc.ws }

func (cc *centConn) connect(ctx context.Context) error {
	conn, _, err := dialer.DialContext(ctx, "ws://"+cc.c.addr+"/connection/websocket", nil)
	if err != nil {
		return err
	}
	msg := fmt.Appendf(nil, "{\"id\":1,\"connect\":{}}\n{\"id\":2,\"subscribe\":{\"channel\":%q}}", cc.channel)
	if err := conn.WriteMessage(websocket.TextMessage, msg); err != nil {
		conn.Close()
		return err
	}
	conn.SetReadDeadline(time.Now().Add(30 * time.Second))
	subscribed := false
	for !subscribed {
		_, b, err := conn.ReadMessage()
		if err != nil {
			conn.Close()
			return fmt.Errorf("waiting for the subscription: %w", err)
		}
		for _, line := range bytes.Split(b, []byte("\n")) {
			if id, ok := numAfter(line, `"id":`); ok && id == 2 {
				if bytes.Contains(line, []byte(`"error"`)) {
					conn.Close()
					return fmt.Errorf("subscribe refused: %s", line)
				}
				subscribed = true
			}
		}
	}
	conn.SetReadDeadline(time.Time{})
	cc.mu.Lock()
	cc.conn, cc.closing, cc.nextID = conn, false, 2
	cc.mu.Unlock()
	cc.readers.Add(1)
	go cc.read(conn)
	return nil
}

func (cc *centConn) read(conn *websocket.Conn) {
	defer cc.readers.Done()
	for {
		_, b, err := conn.ReadMessage()
		if err != nil {
			cc.mu.Lock()
			closing := cc.closing
			cc.mu.Unlock()
			if !closing {
				cc.st.gone.Store(true)
				cc.run.dropped.Add(1)
			}
			return
		}
		for _, line := range bytes.Split(b, []byte("\n")) {
			switch {
			case len(line) == 0:
			case bytes.Equal(line, []byte("{}")): // application ping
				cc.mu.Lock()
				cc.conn.WriteMessage(websocket.TextMessage, []byte("{}"))
				cc.mu.Unlock()
			case bytes.HasPrefix(line, []byte(`{"push"`)):
				n, _ := numAfter(line, `"n":`)
				var sent time.Time
				if t, ok := numAfter(line, `"t":`); ok && !cc.st.writer {
					sent = time.Unix(0, t)
				}
				cc.st.received(n, sent, time.Now())
			default:
				id, ok := numAfter(line, `"id":`)
				if !ok {
					continue
				}
				cc.mu.Lock()
				sent, known := cc.sentAt[id]
				delete(cc.sentAt, id)
				cc.mu.Unlock()
				if !known {
					continue
				}
				if bytes.Contains(line, []byte(`"error"`)) {
					cc.run.errs.Add(1)
				} else {
					cc.run.ack(cc.st.room, time.Since(sent))
				}
				cc.ws.done()
			}
		}
	}
}

// Send implements Conn: a publication of about the size of a Minka idea.
func (cc *centConn) Send(n int64, sent time.Time) error {
	cc.ws.sent()
	cc.mu.Lock()
	defer cc.mu.Unlock()
	cc.nextID++
	id := cc.nextID
	cc.sentAt[id] = sent
	msg := fmt.Appendf(nil, `{"id":%d,"publish":{"channel":%q,"data":{"n":%d,"t":%d,"title":"¿Cómo podríamos medir la idea %d?","principle":"participation"}}}`,
		id, cc.channel, n, sent.UnixNano(), n)
	cc.conn.SetWriteDeadline(time.Now().Add(10 * time.Second))
	return cc.conn.WriteMessage(websocket.TextMessage, msg)
}

// Resume implements Conn: reconnect and subscribe again (Centrifugo keeps
// no history here, so there is nothing to resume from).
func (cc *centConn) Resume(ctx context.Context) error {
	cc.Close()
	return cc.connect(ctx)
}

// Close implements Conn.
func (cc *centConn) Close() error {
	cc.mu.Lock()
	cc.closing = true
	conn := cc.conn
	cc.mu.Unlock()
	var err error
	if conn != nil {
		err = conn.Close()
	}
	cc.readers.Wait()
	return err
}

// waitListening waits until addr accepts connections (Centrifugo's health
// endpoint is off in the anchor's config).
func waitListening(ctx context.Context, addr string, exited chan struct{}) error {
	deadline := time.Now().Add(30 * time.Second)
	for time.Now().Before(deadline) && ctx.Err() == nil {
		if conn, err := net.DialTimeout("tcp", addr, time.Second); err == nil {
			conn.Close()
			return nil
		}
		select {
		case <-exited:
			return fmt.Errorf("centrifugo exited at start")
		case <-time.After(20 * time.Millisecond):
		}
	}
	return fmt.Errorf("%s did not accept connections within 30 s", addr)
}
