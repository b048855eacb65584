package binarytest_test

import (
	"net/http"
	"os"
	"path/filepath"
	"testing"

	"github.com/minka-gob/minka/internal/binarytest"
)

func TestMain(m *testing.M) { os.Exit(binarytest.Main(m)) }

func healthy(s *binarytest.Server) bool {
	resp, err := http.Get(s.Base + "/api/v1/health")
	if err != nil {
		return false
	}
	resp.Body.Close()
	return resp.StatusCode == http.StatusOK
}

// A server answers after Start, is gone after Kill, comes back on the same
// address and database, and is gone after Stop; its output is captured.
func TestServerStartKillRestartStop(t *testing.T) {
	s := binarytest.Start(t, binarytest.Options{})
	if !healthy(s) {
		t.Fatal("not answering after Start")
	}
	if filepath.Dir(s.DB) != s.Dir {
		t.Errorf("database %s is not in the server's folder %s", s.DB, s.Dir)
	}
	s.Kill()
	if healthy(s) {
		t.Fatal("still answering after Kill")
	}
	s.Start()
	if !healthy(s) {
		t.Fatal("not answering after a restart")
	}
	s.Stop()
	if healthy(s) {
		t.Fatal("still answering after Stop")
	}
	s.Stop() // stopping twice does nothing
	if s.Logs() == "" {
		t.Error("no output captured from two runs of minka")
	}
	if _, err := os.Stat(s.DB); err != nil {
		t.Errorf("database file: %v", err)
	}
}

// Two servers run side by side on their own ports and databases.
func TestTwoServersRunSideBySide(t *testing.T) {
	a := binarytest.Start(t, binarytest.Options{})
	b := binarytest.Start(t, binarytest.Options{})
	if a.Addr == b.Addr || a.DB == b.DB {
		t.Fatalf("servers share %s / %s", a.Addr, a.DB)
	}
	if !healthy(a) || !healthy(b) {
		t.Fatal("both servers should answer")
	}
}
