//go:build unix

package store

import (
	"errors"
	"os"
	"syscall"
)

// fileLock is an advisory lock on "<database>.lock". A running server holds
// it shared; restore needs it exclusive, so it cannot replace the database
// under a running server. The kernel releases it when the process dies, even
// by kill -9, so a crash never leaves a stale lock.
type fileLock struct{ f *os.File }

func lockFile(dbPath string, exclusive bool) (*fileLock, error) {
	f, err := os.OpenFile(dbPath+".lock", os.O_RDWR|os.O_CREATE, 0o600)
	if err != nil {
		return nil, err
	}
	how := syscall.LOCK_SH
	if exclusive {
		how = syscall.LOCK_EX
	}
	for {
		err = syscall.Flock(int(f.Fd()), how|syscall.LOCK_NB)
		if !errors.Is(err, syscall.EINTR) {
			break
		}
	}
	if err != nil {
		f.Close()
		if errors.Is(err, syscall.EWOULDBLOCK) {
			return nil, ErrDatabaseInUse
		}
		return nil, err
	}
	return &fileLock{f: f}, nil
}

func (l *fileLock) release() error {
	if l == nil {
		return nil
	}
	return l.f.Close() // closing the file releases the lock
}
