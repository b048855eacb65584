//go:build !unix

package loadtest

// RaiseFileLimit does nothing where there is no rlimit.
func RaiseFileLimit() {}
