//go:build unix

package loadtest

import "syscall"

// RaiseFileLimit lifts this process's open-file limit to its hard limit:
// thousands of connections need thousands of descriptors (the servers it
// starts inherit it).
func RaiseFileLimit() {
	var l syscall.Rlimit
	if syscall.Getrlimit(syscall.RLIMIT_NOFILE, &l) == nil && l.Cur < l.Max {
		l.Cur = l.Max
		syscall.Setrlimit(syscall.RLIMIT_NOFILE, &l)
	}
}
