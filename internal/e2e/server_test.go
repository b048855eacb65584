// Package e2e holds Minka's end-to-end tests: the real minka binary, built
// once per run (internal/binarytest), serves a fresh database on a loopback
// port, and headless Chromium (internal/browsertest) plays the Secretariat,
// the rapporteur, the facilitator, the plenary projector and the Forum
// members. Every page the scenarios pass through is checked at 360 and
// 1280 px and with axe-core.
package e2e

import (
	"os"
	"testing"

	"github.com/minka-gob/minka/internal/binarytest"
)

// adminPassword is the first admin account's password in every test server.
const adminPassword = binarytest.AdminPassword

func TestMain(m *testing.M) { os.Exit(binarytest.Main(m)) }

// startServer starts minka on a free 127.0.0.1 port with a fresh database,
// its join links pointing at that address, and waits until it answers. It
// stops with the test; its log is printed when the test fails.
func startServer(t *testing.T) *binarytest.Server {
	t.Helper()
	addr := binarytest.FreeAddr(t)
	return binarytest.Start(t, binarytest.Options{Addr: addr, Args: []string{"-public-url", "http://" + addr}})
}
