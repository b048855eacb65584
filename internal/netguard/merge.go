package netguard

import (
	"net"
	"sync"
)

// Merge serves several listeners (plain HTTP on the LAN and HTTPS, say) as
// one, so that one server accepts from all: Accept returns the next
// connection of any; Close closes them all. Addr is the first one's.
func Merge(lns ...net.Listener) net.Listener {
	m := &merged{lns: lns, conns: make(chan net.Conn), errs: make(chan error, len(lns)), done: make(chan struct{})}
	for _, ln := range lns {
		go m.pump(ln)
	}
	return m
}

type merged struct {
	lns   []net.Listener
	conns chan net.Conn
	errs  chan error
	done  chan struct{}
	once  sync.Once
}

func (m *merged) pump(ln net.Listener) {
	for {
		c, err := ln.Accept()
		if err != nil {
			select {
			case m.errs <- err:
			case <-m.done:
			}
			return
		}
		select {
		case m.conns <- c:
		case <-m.done:
			c.Close()
			return
		}
	}
}

func (m *merged) Accept() (net.Conn, error) {
	select {
	case c := <-m.conns:
		return c, nil
	case err := <-m.errs:
		// One listener failed for good (the wrapped ones retry what can
		// be retried): stop serving, as a single listener would.
		m.Close()
		return nil, err
	case <-m.done:
		return nil, net.ErrClosed
	}
}

func (m *merged) Close() error {
	var err error
	m.once.Do(func() {
		close(m.done)
		for _, ln := range m.lns {
			if e := ln.Close(); e != nil && err == nil {
				err = e
			}
		}
	})
	return err
}

func (m *merged) Addr() net.Addr { return m.lns[0].Addr() }
