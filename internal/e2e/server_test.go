// Package e2e holds Minka's end-to-end tests: the real minka binary, built
// once per run, serves a fresh database on a loopback port, and headless
// Chromium (internal/browsertest) plays the Secretariat, the rapporteur, the
// facilitator, the plenary projector and the Forum members. Every page the
// scenarios pass through is checked at 360 and 1280 px and with axe-core.
package e2e

import (
	"bytes"
	"context"
	"fmt"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"sync"
	"syscall"
	"testing"
	"time"
)

// adminPassword is the first admin account's password in every test server.
const adminPassword = "clave-de-prueba-e2e-2025"

var (
	buildOnce sync.Once
	buildDir  string
	binary    string
	buildErr  error
)

func TestMain(m *testing.M) {
	code := m.Run()
	if buildDir != "" {
		os.RemoveAll(buildDir)
	}
	os.Exit(code)
}

// minkaBinary builds ./cmd/minka once per run (only when a test needs it, so
// a run without Chromium pays nothing).
func minkaBinary(t *testing.T) string {
	t.Helper()
	buildOnce.Do(func() {
		buildDir, buildErr = os.MkdirTemp("", "minka-e2e-")
		if buildErr != nil {
			return
		}
		binary = filepath.Join(buildDir, "minka")
		goTool := filepath.Join(runtime.GOROOT(), "bin", "go")
		if _, err := os.Stat(goTool); err != nil {
			goTool = "go"
		}
		cmd := exec.Command(goTool, "build", "-o", binary, "github.com/minka-gob/minka/cmd/minka")
		var out bytes.Buffer
		cmd.Stdout, cmd.Stderr = &out, &out
		if err := cmd.Run(); err != nil {
			buildErr = fmt.Errorf("go build ./cmd/minka: %v\n%s", err, out.String())
		}
	})
	if buildErr != nil {
		t.Fatal(buildErr)
	}
	return binary
}

// server is one minka process with its own database, exports and uploads.
type server struct {
	t    *testing.T
	bin  string
	dir  string
	addr string
	Base string
	cmd  *exec.Cmd
	log  *syncBuffer
	done chan struct{}
}

// startServer starts minka on a free 127.0.0.1 port with a fresh database
// and waits until it answers. It stops with the test; its log is printed
// when the test fails.
func startServer(t *testing.T) *server {
	t.Helper()
	s := &server{t: t, bin: minkaBinary(t), dir: t.TempDir(), log: &syncBuffer{}}
	s.addr = freeAddr(t)
	s.Base = "http://" + s.addr
	s.start()
	t.Cleanup(func() {
		s.stop()
		if t.Failed() {
			t.Logf("minka log:\n%s", s.log.String())
		}
	})
	return s
}

func freeAddr(t *testing.T) string {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	return l.Addr().String()
}

// start runs the binary (again, after stop: same port, same database).
func (s *server) start() {
	s.t.Helper()
	cmd := exec.Command(s.bin, "serve", "-addr", s.addr,
		"-db", filepath.Join(s.dir, "minka.sqlite"),
		"-exports", filepath.Join(s.dir, "exports"),
		"-uploads", filepath.Join(s.dir, "uploads"),
		"-public-url", s.Base)
	cmd.Env = append(os.Environ(), "MINKA_ADMIN_PASSWORD="+adminPassword)
	cmd.Stdout, cmd.Stderr = s.log, s.log
	if err := cmd.Start(); err != nil {
		s.t.Fatal(err)
	}
	s.cmd = cmd
	s.done = make(chan struct{})
	go func(done chan struct{}) { cmd.Wait(); close(done) }(s.done)

	deadline := time.Now().Add(20 * time.Second)
	for {
		resp, err := http.Get(s.Base + "/api/v1/health")
		if err == nil {
			resp.Body.Close()
			if resp.StatusCode == http.StatusOK {
				return
			}
		}
		select {
		case <-s.done:
			s.t.Fatalf("minka exited at start:\n%s", s.log.String())
		default:
		}
		if time.Now().After(deadline) {
			s.t.Fatalf("minka did not answer on %s within 20 s:\n%s", s.addr, s.log.String())
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// stop ends the server gracefully (SIGTERM), or kills it after 10 s.
func (s *server) stop() {
	if s.cmd == nil {
		return
	}
	s.cmd.Process.Signal(syscall.SIGTERM)
	select {
	case <-s.done:
	case <-time.After(10 * time.Second):
		s.cmd.Process.Kill()
		<-s.done
	}
	s.cmd = nil
}

// kill ends the server at once (SIGKILL), as when the Secretariat's laptop
// loses power: nothing is flushed or closed politely.
func (s *server) kill() {
	s.t.Helper()
	if s.cmd == nil {
		return
	}
	s.cmd.Process.Kill()
	<-s.done
	s.cmd = nil
}

// syncBuffer is a bytes.Buffer safe for the process's two output streams.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.b.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.b.String()
}

// ctxTimeout is a context for one HTTP request the test makes itself.
func ctxTimeout(t *testing.T) context.Context {
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	t.Cleanup(cancel)
	return ctx
}
