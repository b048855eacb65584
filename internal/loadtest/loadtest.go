// Package loadtest drives a live server the way a room of phones does and
// measures it: `minka load` (the scenarios of BENCHMARKS.md, Minka and
// Centrifugo interleaved in one run) and `minka check-room` (can this laptop
// hold a workshop?) are built on it.
//
// A Target is a server this process started on 127.0.0.1 (Minka: a scratch
// database with a workshop and its tables, a session per client opened with
// the table's join code, the live protocol of docs/PROTOCOL.md; Centrifugo:
// its JSON client protocol). A Workload is N clients over R rooms: one
// writer per room sending contributions at a fixed rate (or as fast as a
// window of unacknowledged ones allows), every other client reading. Each
// run is bounded in time and in count and reports one Result (a JSON line).
package loadtest

import (
	"context"
	"fmt"
	"os"
	"runtime"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"time"
)

// Workload is what one run does.
type Workload struct {
	Name    string `json:"scenario"`
	Clients int    `json:"clients"` // connections in all, writers included
	Rooms   int    `json:"rooms"`
	// Writers per room (default 1). Writers are counted in Clients.
	Writers int `json:"writers_per_room"`
	// Rate is the contributions per second of the whole run, spread over the
	// writers; 0 means as fast as Window allows (the write ceiling).
	Rate float64 `json:"rate"`
	// Window is how many unacknowledged contributions a writer keeps in
	// flight at most (default 1 at a fixed rate: no limit but the rate).
	Window   int           `json:"window"`
	Duration time.Duration `json:"-"`
	// Reconnect: after the writing phase, every client disconnects and
	// reconnects at once, resuming where it was (Minka: join with since).
	Reconnect bool `json:"reconnect"`
	// Idle: measure the server's memory per connection after connecting.
	Idle bool `json:"idle"`
}

// Result is one run's figures.
type Result struct {
	Target string `json:"target"`
	Workload
	DurationS float64 `json:"duration_s"`

	ConnectWallS float64 `json:"connect_wall_s"`
	ConnectCPUS  float64 `json:"connect_cpu_s"`

	Sent      int64   `json:"sent"`
	Acks      int64   `json:"acks"`
	AcksPerS  float64 `json:"acks_per_s"`
	Unacked   int64   `json:"unacked"`
	Errors    int64   `json:"errors"`
	AckP50    float64 `json:"ack_p50_ms"`
	AckP99    float64 `json:"ack_p99_ms"`
	AckMax    float64 `json:"ack_max_ms"`
	Delivered int64   `json:"delivered"`
	DelivP50  float64 `json:"delivery_p50_ms"`
	DelivP99  float64 `json:"delivery_p99_ms"`
	DelivMax  float64 `json:"delivery_max_ms"`
	Lost      int64   `json:"lost"`
	Dup       int64   `json:"duplicate"`
	OutOfOrd  int64   `json:"out_of_order"`
	Dropped   int64   `json:"disconnected"` // connections the server closed during the run

	ReconnectWallS float64 `json:"reconnect_wall_s,omitempty"`
	ReconnectCPUS  float64 `json:"reconnect_cpu_s,omitempty"`
	ReconnectFail  int64   `json:"reconnect_failed,omitempty"`

	ServerCPUS   float64 `json:"server_cpu_s"` // during the writing phase
	ServerCPUPct float64 `json:"server_cpu_pct"`
	ServerRSSMB  float64 `json:"server_rss_mb"`
	IdleKBPerCon float64 `json:"idle_kb_per_conn,omitempty"`
	Load1        float64 `json:"load1"`
	Cores        int     `json:"cores"`
	Err          string  `json:"error,omitempty"`
}

// Target is a server under test, started by this process.
type Target interface {
	Name() string
	// Prepare makes rooms and whatever credentials clients need.
	Prepare(ctx context.Context, w Workload) error
	// Dial opens client i (of room i%rooms; writer when writer is set),
	// joined to its room and ready to receive.
	Dial(ctx context.Context, i int, writer bool) (Conn, error)
	// PID is the server process, for its CPU time and memory.
	PID() int
	Close() error
}

// Conn is one client connection.
type Conn interface {
	// Send sends contribution n of this writer stamped with sent.
	Send(n int64, sent time.Time) error
	// Resume reconnects, continuing from what the client holds.
	Resume(ctx context.Context) error
	Close() error
}

// clientStats is one reader's view of its room.
type clientStats struct {
	room    int
	writer  bool
	mu      sync.Mutex
	last    int64 // newest seq (or counter) received
	got     int64 // distinct in-order events
	dup     int64
	skipped int64
	lat     []uint32 // delivery latencies in µs
	gone    atomic.Bool
}

// run collects what every connection reports.
type run struct {
	start   time.Time
	acks    atomic.Int64
	sent    atomic.Int64
	errs    atomic.Int64
	dropped atomic.Int64
	ackMu   sync.Mutex
	ackLat  []uint32
	clients []*clientStats
	// perRoom counts the contributions acknowledged per room.
	perRoom []atomic.Int64
}

// ack records an acknowledged contribution of room.
func (r *run) ack(room int, lat time.Duration) {
	r.acks.Add(1)
	r.perRoom[room].Add(1)
	r.ackMu.Lock()
	r.ackLat = append(r.ackLat, us(lat))
	r.ackMu.Unlock()
}

func us(d time.Duration) uint32 {
	if d < 0 {
		return 0
	}
	if d > time.Hour {
		d = time.Hour
	}
	return uint32(d / time.Microsecond)
}

// received records event seq (1, 2, 3 … per room) at a reader.
func (c *clientStats) received(seq int64, sent time.Time, now time.Time) {
	c.mu.Lock()
	defer c.mu.Unlock()
	switch {
	case seq <= c.last:
		c.dup++
		return
	case seq > c.last+1:
		c.skipped += seq - c.last - 1
	}
	c.last = seq
	c.got++
	if !sent.IsZero() {
		c.lat = append(c.lat, us(now.Sub(sent)))
	}
}

// percentiles of µs samples, in ms.
func percentiles(s []uint32) (p50, p99, max float64) {
	if len(s) == 0 {
		return 0, 0, 0
	}
	slices.Sort(s)
	at := func(q float64) float64 {
		i := int(q * float64(len(s)-1))
		return float64(s[i]) / 1000
	}
	return at(0.50), at(0.99), float64(s[len(s)-1]) / 1000
}

// Run performs w against t and returns its figures. The context bounds it.
func Run(ctx context.Context, t Target, w Workload) (res Result) {
	if w.Writers <= 0 {
		w.Writers = 1
	}
	if w.Rooms <= 0 {
		w.Rooms = 1
	}
	if w.Clients < w.Rooms*w.Writers {
		w.Clients = w.Rooms * w.Writers
	}
	res = Result{Target: t.Name(), Workload: w, Cores: runtime.NumCPU()}
	fail := func(err error) Result {
		res.Err = err.Error()
		return res
	}
	if err := t.Prepare(ctx, w); err != nil {
		return fail(fmt.Errorf("prepare: %w", err))
	}
	r := &run{perRoom: make([]atomic.Int64, w.Rooms)}
	pid := t.PID()
	before := readProc(pid)

	// Connect every client: readers first, then the writers.
	t0 := time.Now()
	conns := make([]Conn, w.Clients)
	nWriters := w.Rooms * w.Writers
	r.clients = make([]*clientStats, w.Clients)
	for i := range r.clients {
		r.clients[i] = &clientStats{room: i % w.Rooms, writer: i < nWriters}
	}
	var dialErr atomic.Value
	dial := func(i int) {
		ctx := withStats(ctx, r, r.clients[i])
		c, err := t.Dial(ctx, i, i < nWriters)
		if err != nil {
			dialErr.CompareAndSwap(nil, fmt.Errorf("client %d: %w", i, err))
			return
		}
		conns[i] = c
	}
	parallel(w.Clients, 64, dial)
	if err, _ := dialErr.Load().(error); err != nil {
		closeAll(conns)
		return fail(err)
	}
	res.ConnectWallS = time.Since(t0).Seconds()
	afterConnect := readProc(pid)
	res.ConnectCPUS = afterConnect.cpu - before.cpu
	if w.Idle {
		time.Sleep(2 * time.Second)
		idle := readProc(pid)
		res.IdleKBPerCon = (idle.rssKB - before.rssKB) / float64(w.Clients)
		afterConnect = idle
	}

	// Write.
	start := readProc(pid)
	r.start = time.Now()
	if w.Duration > 0 {
		writeFor(ctx, r, conns[:nWriters], w)
	}
	elapsed := time.Since(r.start)
	// Let acks and deliveries arrive (bounded).
	drain := time.Now().Add(10 * time.Second)
	for time.Now().Before(drain) && ctx.Err() == nil {
		if r.acks.Load()+r.errs.Load() >= r.sent.Load() && r.caughtUp() {
			break
		}
		time.Sleep(20 * time.Millisecond)
	}
	end := readProc(pid)
	res.DurationS = elapsed.Seconds()
	res.ServerCPUS = end.cpu - start.cpu
	if elapsed > 0 {
		res.ServerCPUPct = 100 * res.ServerCPUS / elapsed.Seconds()
	}
	res.ServerRSSMB = end.rssKB / 1024

	if w.Reconnect {
		t1 := time.Now()
		var failed atomic.Int64
		parallel(len(conns), 256, func(i int) {
			if err := conns[i].Resume(ctx); err != nil {
				failed.Add(1)
			}
		})
		res.ReconnectWallS = time.Since(t1).Seconds()
		res.ReconnectCPUS = readProc(pid).cpu - end.cpu
		res.ReconnectFail = failed.Load()
	}
	closeAll(conns)

	res.Sent, res.Acks, res.Errors = r.sent.Load(), r.acks.Load(), r.errs.Load()
	res.Unacked = res.Sent - res.Acks - res.Errors
	if elapsed > 0 {
		res.AcksPerS = float64(res.Acks) / elapsed.Seconds()
	}
	res.AckP50, res.AckP99, res.AckMax = percentiles(r.ackLat)
	var lat []uint32
	for _, c := range r.clients {
		if c.writer {
			continue
		}
		c.mu.Lock()
		lat = append(lat, c.lat...)
		res.Delivered += c.got
		res.Dup += c.dup
		res.OutOfOrd += c.skipped
		if want := r.perRoom[c.room].Load(); c.last < want {
			res.Lost += want - c.last
		}
		c.mu.Unlock()
	}
	res.DelivP50, res.DelivP99, res.DelivMax = percentiles(lat)
	res.Dropped = r.dropped.Load()
	res.Load1 = load1()
	return res
}

// caughtUp: every reader holds the last contribution acknowledged in its room.
func (r *run) caughtUp() bool {
	for _, c := range r.clients {
		if c.writer || c.gone.Load() {
			continue
		}
		c.mu.Lock()
		behind := c.last < r.perRoom[c.room].Load()
		c.mu.Unlock()
		if behind {
			return false
		}
	}
	return true
}

// writeFor runs the writers for w.Duration: at w.Rate in all, or as fast
// as each writer's window allows.
func writeFor(ctx context.Context, r *run, writers []Conn, w Workload) {
	ctx, cancel := context.WithTimeout(ctx, w.Duration)
	defer cancel()
	var wg sync.WaitGroup
	for i, c := range writers {
		wg.Add(1)
		go func(i int, c Conn) {
			defer wg.Done()
			st := writerOf(c)
			if w.Rate > 0 {
				every := time.Duration(float64(time.Second) * float64(len(writers)) / w.Rate)
				// Spread the writers over the interval.
				time.Sleep(every * time.Duration(i) / time.Duration(len(writers)))
				tick := time.NewTicker(every)
				defer tick.Stop()
				for n := int64(1); ; n++ {
					if w.Window > 0 {
						st.waitWindow(ctx, w.Window)
					}
					if ctx.Err() != nil {
						return
					}
					r.sent.Add(1)
					if err := c.Send(n, time.Now()); err != nil {
						r.errs.Add(1)
						return
					}
					select {
					case <-tick.C:
					case <-ctx.Done():
						return
					}
				}
			}
			window := max(w.Window, 1)
			for n := int64(1); ; n++ {
				st.waitWindow(ctx, window)
				if ctx.Err() != nil {
					return
				}
				r.sent.Add(1)
				if err := c.Send(n, time.Now()); err != nil {
					r.errs.Add(1)
					return
				}
			}
		}(i, c)
	}
	wg.Wait()
}

// writerState counts a writer's contributions in flight.
type writerState struct {
	mu       sync.Mutex
	cond     *sync.Cond
	inflight int
}

func newWriterState() *writerState {
	s := &writerState{}
	s.cond = sync.NewCond(&s.mu)
	return s
}

func (s *writerState) sent() {
	s.mu.Lock()
	s.inflight++
	s.mu.Unlock()
}

func (s *writerState) done() {
	s.mu.Lock()
	s.inflight--
	s.mu.Unlock()
	s.cond.Broadcast()
}

// waitWindow waits until fewer than window are in flight, or ctx ends.
func (s *writerState) waitWindow(ctx context.Context, window int) {
	stop := context.AfterFunc(ctx, s.cond.Broadcast)
	defer stop()
	s.mu.Lock()
	for s.inflight >= window && ctx.Err() == nil {
		s.cond.Wait()
	}
	s.mu.Unlock()
}

// writerConn is what a target's writer connection exposes to writeFor.
type writerConn interface{ state() *writerState }

func writerOf(c Conn) *writerState {
	if wc, ok := c.(writerConn); ok {
		return wc.state()
	}
	return newWriterState()
}

type statsKey struct{}

type statsCtx struct {
	r *run
	c *clientStats
}

func withStats(ctx context.Context, r *run, c *clientStats) context.Context {
	return context.WithValue(ctx, statsKey{}, statsCtx{r, c})
}

func statsOf(ctx context.Context) (*run, *clientStats) {
	s, _ := ctx.Value(statsKey{}).(statsCtx)
	if s.r == nil {
		s.r, s.c = &run{perRoom: make([]atomic.Int64, 1)}, &clientStats{}
	}
	return s.r, s.c
}

// parallel runs f(0…n-1) on at most width goroutines.
func parallel(n, width int, f func(i int)) {
	var next atomic.Int64
	var wg sync.WaitGroup
	for range min(width, n) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				i := int(next.Add(1) - 1)
				if i >= n {
					return
				}
				f(i)
			}
		}()
	}
	wg.Wait()
}

func closeAll(conns []Conn) {
	for _, c := range conns {
		if c != nil {
			c.Close()
		}
	}
}

// procStat is a process's CPU time (user + system, s) and resident memory.
type procStat struct {
	cpu   float64
	rssKB float64
}

// readProc reads /proc/<pid> (Linux); zero elsewhere.
func readProc(pid int) procStat {
	var p procStat
	if pid <= 0 {
		return p
	}
	if b, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", pid)); err == nil {
		s := string(b)
		if i := strings.LastIndexByte(s, ')'); i > 0 {
			f := strings.Fields(s[i+1:])
			// fields after the name: state(0) … utime(11) stime(12), in clock ticks (100 Hz on Linux)
			if len(f) > 12 {
				var ut, st float64
				fmt.Sscan(f[11], &ut)
				fmt.Sscan(f[12], &st)
				p.cpu = (ut + st) / 100
			}
		}
	}
	if b, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", pid)); err == nil {
		for _, line := range strings.Split(string(b), "\n") {
			if v, ok := strings.CutPrefix(line, "VmRSS:"); ok {
				fmt.Sscan(strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(v), "kB")), &p.rssKB)
			}
		}
	}
	return p
}

// load1 is the machine's load average over the last minute.
func load1() float64 {
	b, err := os.ReadFile("/proc/loadavg")
	if err != nil {
		return 0
	}
	var l float64
	fmt.Sscan(string(b), &l)
	return l
}
