// Package testenv is for tests only: it finds the outside programs some
// tests need (Chromium, LibreOffice) and decides, in one place, what a
// missing one means.
package testenv

import (
	"os"
	"os/exec"
	"testing"
)

// InCI reports whether the tests run in CI, which sets CI=true (as most CI
// systems do) after installing every program the tests need.
func InCI() bool { return os.Getenv("CI") == "true" }

// LookPath returns the path of program. Where it is missing the test is
// skipped with a message, except in CI, where it fails: CI installs the
// program (scripts/install-test-deps.sh), so a missing one there is a broken
// set-up, not a reason to pass. pkg is the Debian package that brings it.
func LookPath(t testing.TB, program, pkg string) string {
	t.Helper()
	path, err := exec.LookPath(program)
	if err == nil {
		return path
	}
	if InCI() {
		t.Fatalf("%s is not installed: CI must run scripts/install-test-deps.sh (Debian package %s) before the tests", program, pkg)
	}
	t.Skipf("%s is not installed; scripts/install-test-deps.sh installs it (Debian package %s): test skipped", program, pkg)
	return ""
}
