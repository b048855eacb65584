//go:build unix

package netguard

import "syscall"

// RaiseFileLimit lifts the process's soft limit on open files to its hard
// limit (many systems start processes at 1024, which a few hundred phones
// with a websocket and some page loads each can reach) and returns the limit
// now in force.
func RaiseFileLimit() (uint64, error) {
	var r syscall.Rlimit
	if err := syscall.Getrlimit(syscall.RLIMIT_NOFILE, &r); err != nil {
		return 0, err
	}
	if r.Cur < r.Max {
		want := r
		want.Cur = r.Max
		if err := syscall.Setrlimit(syscall.RLIMIT_NOFILE, &want); err != nil {
			return uint64(r.Cur), err
		}
		r = want
	}
	return uint64(r.Cur), nil
}
