//go:build !unix

package store

// fileLock does nothing where flock(2) is missing: there, stop the server
// before "minka restore" by hand.
type fileLock struct{}

func lockFile(dbPath string, exclusive bool) (*fileLock, error) { return &fileLock{}, nil }

func (l *fileLock) release() error { return nil }
