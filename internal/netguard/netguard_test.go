package netguard

import (
	"errors"
	"io"
	"log"
	"net"
	"os"
	"syscall"
	"testing"
	"time"
)

var quiet = log.New(io.Discard, "", 0)

// failingListener returns EMFILE n times before each real connection.
type failingListener struct {
	net.Listener
	fails int
}

func (f *failingListener) Accept() (net.Conn, error) {
	if f.fails > 0 {
		f.fails--
		return nil, &net.OpError{Op: "accept", Net: "tcp", Err: os.NewSyscallError("accept4", syscall.EMFILE)}
	}
	return f.Listener.Accept()
}

// Out of file descriptors, the accept loop waits and accepts again: the
// error never reaches the server (fasthttp ends Serve on it).
func TestAcceptSurvivesEMFILE(t *testing.T) {
	raw, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer raw.Close()
	ln := Wrap(&failingListener{Listener: raw, fails: 5}, Limits{}, quiet)
	go func() {
		c, err := net.Dial("tcp", raw.Addr().String())
		if err == nil {
			defer c.Close()
			time.Sleep(2 * time.Second)
		}
	}()
	c, err := ln.Accept()
	if err != nil {
		t.Fatalf("Accept returned %v after EMFILE; the server would stop", err)
	}
	c.Close()
	// A closed listener still ends the loop.
	raw.Close()
	if _, err := ln.Accept(); !errors.Is(err, net.ErrClosed) {
		t.Fatalf("Accept on a closed listener: %v, want net.ErrClosed", err)
	}
}

func dialFrom(t *testing.T, src, addr string) net.Conn {
	t.Helper()
	d := net.Dialer{LocalAddr: &net.TCPAddr{IP: net.ParseIP(src)}, Timeout: 5 * time.Second}
	c, err := d.Dial("tcp", addr)
	if err != nil {
		t.Fatalf("dial from %s: %v", src, err)
	}
	return c
}

// closedByServer reports whether the server ends c within the deadline.
func closedByServer(c net.Conn, within time.Duration) bool {
	_ = c.SetReadDeadline(time.Now().Add(within))
	_, err := c.Read(make([]byte, 1))
	var ne net.Error
	return err != nil && !(errors.As(err, &ne) && ne.Timeout())
}

func TestCapsPerAddressAndInTotal(t *testing.T) {
	ln, err := Listen("127.0.0.1:0", Limits{MaxConns: 6, MaxConnsPerIP: 3, HandshakeTimeout: time.Minute, CapLoopback: true}, quiet)
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	var served []net.Conn
	go func() {
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			served = append(served, c) // held open, like idle keep-alive connections
		}
	}()
	addr := ln.Addr().String()
	var clients []net.Conn
	defer func() {
		for _, c := range clients {
			c.Close()
		}
	}()
	// 3 from 127.0.0.1 are kept; the 4th and 5th are closed at once.
	for i := 0; i < 3; i++ {
		clients = append(clients, dialFrom(t, "127.0.0.1", addr))
	}
	waitFor(t, func() bool { return ln.Open() == 3 })
	for i := 0; i < 2; i++ {
		// The reset may reach the dial itself.
		d := net.Dialer{LocalAddr: &net.TCPAddr{IP: net.ParseIP("127.0.0.1")}, Timeout: 5 * time.Second}
		if c, err := d.Dial("tcp", addr); err == nil {
			clients = append(clients, c)
			if !closedByServer(c, 2*time.Second) {
				t.Error("a 4th connection from the same address was kept")
			}
		}
	}
	waitFor(t, func() bool { return ln.Open() == 3 && ln.Refused() == 2 })
	for i, c := range clients[:3] {
		if closedByServer(c, 100*time.Millisecond) {
			t.Errorf("connection %d within the limit was closed", i)
		}
	}
	// Another address still gets in, up to the total.
	for _, src := range []string{"127.0.0.2", "127.0.0.3", "127.0.0.4"} {
		clients = append(clients, dialFrom(t, src, addr))
	}
	waitFor(t, func() bool { return ln.Open() == 6 })
	// The 7th, from a new address, is beyond the total: reset at once (the
	// reset may even reach the dial).
	d := net.Dialer{LocalAddr: &net.TCPAddr{IP: net.ParseIP("127.0.0.5")}, Timeout: 5 * time.Second}
	if c, err := d.Dial("tcp", addr); err == nil {
		clients = append(clients, c)
		if !closedByServer(c, 2*time.Second) {
			t.Error("the connection beyond the total was kept")
		}
	}
	waitFor(t, func() bool { return ln.Open() == 6 && ln.Refused() == 3 })
	// Closing frees the slots.
	clients[0].Close()
	waitFor(t, func() bool { return ln.OpenFrom("127.0.0.1") == 3 })
}

// A connection that says nothing is closed after the handshake timeout.
func TestHandshakeTimeout(t *testing.T) {
	ln, err := Listen("127.0.0.1:0", Limits{HandshakeTimeout: 300 * time.Millisecond}, quiet)
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	go func() {
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			go func() { _, _ = io.Copy(io.Discard, c); c.Close() }()
		}
	}()
	c := dialFrom(t, "127.0.0.1", ln.Addr().String())
	defer c.Close()
	if !closedByServer(c, 10*time.Second) {
		t.Fatal("a silent connection was kept past the handshake timeout")
	}
	waitFor(t, func() bool { return ln.Open() == 0 })
}

func TestRaiseFileLimit(t *testing.T) {
	n, err := RaiseFileLimit()
	if err != nil {
		t.Fatal(err)
	}
	var r syscall.Rlimit
	if err := syscall.Getrlimit(syscall.RLIMIT_NOFILE, &r); err != nil {
		t.Fatal(err)
	}
	if r.Cur != r.Max || n != r.Cur {
		t.Fatalf("limit %d of %d (reported %d), want the hard limit", r.Cur, r.Max, n)
	}
}

func waitFor(t *testing.T, ok func() bool) {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for !ok() {
		if time.Now().After(deadline) {
			t.Fatal("condition not reached in 10 s")
		}
		time.Sleep(10 * time.Millisecond)
	}
}

// Loopback clients (the laptop itself, a local proxy) are exempt from the
// per-address cap unless CapLoopback, but not from the total.
func TestLoopbackExemptByDefault(t *testing.T) {
	ln, err := Listen("127.0.0.1:0", Limits{MaxConns: 5, MaxConnsPerIP: 2, HandshakeTimeout: time.Minute}, quiet)
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	go func() {
		var held []net.Conn // kept open (and reachable) until the listener closes
		defer func() {
			for _, c := range held {
				c.Close()
			}
		}()
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			held = append(held, c)
		}
	}()
	for i := 0; i < 4; i++ {
		c := dialFrom(t, "127.0.0.1", ln.Addr().String())
		defer c.Close()
	}
	waitFor(t, func() bool { return ln.Open() == 4 && ln.Refused() == 0 })
}
