// Package binarytest runs the real minka binary for tests that need whole
// processes: the end-to-end scenarios (internal/e2e), the kill -9 crash test
// (internal/crashtest) and any test with several servers. It builds
// ./cmd/minka once per test process, starts it on a free 127.0.0.1 port with
// its own database and folders, waits until it answers, and stops it
// (SIGTERM), kills it (SIGKILL) or starts it again on the same port and
// database. The process's output is kept and printed when the test fails.
//
// A package using it calls Main from its TestMain, so the built binary is
// removed at the end:
//
//	func TestMain(m *testing.M) { os.Exit(binarytest.Main(m)) }
package binarytest

import (
	"bytes"
	"fmt"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"sync"
	"syscall"
	"testing"
	"time"
)

// AdminPassword is the first admin account's password of every test server
// unless Options.AdminPassword says otherwise.
const AdminPassword = "clave-de-prueba-binaria-2025"

// startTimeout bounds how long a server may take to answer its health check.
const startTimeout = 30 * time.Second

var (
	buildOnce sync.Once
	buildDir  string
	binary    string
	buildErr  error
)

// Main runs the package's tests and then removes the built binary. Use it as
// os.Exit(binarytest.Main(m)) in TestMain.
func Main(m *testing.M) int {
	code := m.Run()
	if buildDir != "" {
		os.RemoveAll(buildDir)
	}
	return code
}

// Binary builds ./cmd/minka the first time a test asks (a run whose tests
// all skip pays nothing) and returns its path.
func Binary(tb testing.TB) string {
	tb.Helper()
	buildOnce.Do(func() {
		buildDir, buildErr = os.MkdirTemp("", "minka-bin-")
		if buildErr != nil {
			return
		}
		binary = filepath.Join(buildDir, "minka")
		goTool, err := exec.LookPath("go")
		if err != nil {
			buildErr = fmt.Errorf("binarytest: the go tool is not on PATH: %w", err)
			return
		}
		cmd := exec.Command(goTool, "build", "-o", binary, "github.com/minka-gob/minka/cmd/minka")
		var out bytes.Buffer
		cmd.Stdout, cmd.Stderr = &out, &out
		if err := cmd.Run(); err != nil {
			buildErr = fmt.Errorf("binarytest: go build ./cmd/minka: %v\n%s", err, out.String())
		}
	})
	if buildErr != nil {
		tb.Fatal(buildErr)
	}
	return binary
}

// FreeAddr returns a 127.0.0.1 address with a port free at the time of the call.
func FreeAddr(tb testing.TB) string {
	tb.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		tb.Fatal(err)
	}
	defer l.Close()
	return l.Addr().String()
}

// Options describe one server. Every field is optional.
type Options struct {
	Dir           string   // folder of the database, exports and uploads (default: a new t.TempDir())
	DB            string   // database file (default: Dir/minka.sqlite), may be prepared before Start
	Addr          string   // 127.0.0.1:port (default: FreeAddr)
	AdminPassword string   // the first admin's password (default: AdminPassword)
	Args          []string // more flags for `minka serve`, such as -public-url
	Env           []string // more environment variables, NAME=value
}

// Server is one minka process with its own database, exports and uploads. It
// keeps its address and database across Stop/Kill and Start.
type Server struct {
	Addr string // 127.0.0.1:port
	Base string // http://127.0.0.1:port
	Dir  string // the server's folder
	DB   string // the database file

	tb   testing.TB
	bin  string
	args []string
	env  []string
	log  LockedBuffer
	mu   sync.Mutex // guards cmd and done
	cmd  *exec.Cmd
	done chan struct{}
}

// New prepares a server without starting it (the test may first write its
// database at s.DB). It is stopped when the test ends, and its output is
// logged if the test failed.
func New(tb testing.TB, o Options) *Server {
	tb.Helper()
	s := &Server{tb: tb, bin: Binary(tb), Dir: o.Dir, DB: o.DB, Addr: o.Addr}
	if s.Dir == "" {
		s.Dir = tb.TempDir()
	}
	if s.DB == "" {
		s.DB = filepath.Join(s.Dir, "minka.sqlite")
	}
	if s.Addr == "" {
		s.Addr = FreeAddr(tb)
	}
	s.Base = "http://" + s.Addr
	password := o.AdminPassword
	if password == "" {
		password = AdminPassword
	}
	s.args = append([]string{"serve", "-addr", s.Addr, "-db", s.DB,
		"-exports", filepath.Join(s.Dir, "exports"),
		"-uploads", filepath.Join(s.Dir, "uploads")}, o.Args...)
	s.env = append(append(os.Environ(), "MINKA_ADMIN_PASSWORD="+password), o.Env...)
	tb.Cleanup(func() {
		s.Stop()
		if tb.Failed() {
			tb.Logf("minka log (%s):\n%s", s.Addr, s.Logs())
		}
	})
	return s
}

// Start is New followed by s.Start.
func Start(tb testing.TB, o Options) *Server {
	tb.Helper()
	s := New(tb, o)
	s.Start()
	return s
}

// Start runs the binary (again, after Stop or Kill: same port, same
// database) and waits until GET /api/v1/health answers 200.
func (s *Server) Start() {
	s.tb.Helper()
	cmd := exec.Command(s.bin, s.args...)
	cmd.Env = s.env
	cmd.Stdout, cmd.Stderr = &s.log, &s.log
	if err := cmd.Start(); err != nil {
		s.tb.Fatal(err)
	}
	done := make(chan struct{})
	go func() { cmd.Wait(); close(done) }()
	s.mu.Lock()
	s.cmd, s.done = cmd, done
	s.mu.Unlock()

	deadline := time.Now().Add(startTimeout)
	for {
		resp, err := http.Get(s.Base + "/api/v1/health")
		if err == nil {
			resp.Body.Close()
			if resp.StatusCode == http.StatusOK {
				return
			}
		}
		select {
		case <-done:
			s.tb.Fatalf("minka exited at start:\n%s", s.Logs())
		case <-time.After(20 * time.Millisecond):
		}
		if time.Now().After(deadline) {
			s.tb.Fatalf("minka did not answer on %s within %v:\n%s", s.Addr, startTimeout, s.Logs())
		}
	}
}

// take returns the running process and forgets it (nil if none).
func (s *Server) take() (*exec.Cmd, chan struct{}) {
	s.mu.Lock()
	defer s.mu.Unlock()
	cmd, done := s.cmd, s.done
	s.cmd, s.done = nil, nil
	return cmd, done
}

// Stop ends the server gracefully (SIGTERM) and waits, killing it after 15 s.
// Stopping a stopped server does nothing.
func (s *Server) Stop() {
	cmd, done := s.take()
	if cmd == nil {
		return
	}
	cmd.Process.Signal(syscall.SIGTERM)
	select {
	case <-done:
	case <-time.After(15 * time.Second):
		cmd.Process.Kill()
		<-done
	}
}

// Kill ends the server at once (SIGKILL, kill -9), as when the laptop loses
// power: nothing is flushed or closed politely.
func (s *Server) Kill() {
	cmd, done := s.take()
	if cmd == nil {
		return
	}
	cmd.Process.Kill()
	<-done
}

// Freeze stops the server's process (SIGSTOP) or lets it go on (SIGCONT).
// While frozen its connections stay open but nothing answers — what a
// phone sees when the Wi-Fi drops silently: no close, no error, just
// silence.
func (s *Server) Freeze(stop bool) {
	s.mu.Lock()
	cmd := s.cmd
	s.mu.Unlock()
	if cmd == nil {
		return
	}
	sig := syscall.SIGCONT
	if stop {
		sig = syscall.SIGSTOP
	}
	cmd.Process.Signal(sig)
}

// Logs is everything the process (all its runs) wrote to stdout and stderr.
func (s *Server) Logs() string { return s.log.String() }

// LockedBuffer is a bytes.Buffer safe for concurrent writers, such as a
// process's two output streams.
type LockedBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (b *LockedBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.b.Write(p)
}

func (b *LockedBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.b.String()
}
