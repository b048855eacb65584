//go:build unix

package live

import (
	"errors"
	"net"
	"os"
	"syscall"
)

// rawConnOf finds the TCP socket under nc through wrappers that expose it
// (Unwrap: netguard's). TLS has no such method: its bytes are not ours to
// write, and a TLS connection gets nil (every frame goes through a pump).
func rawConnOf(nc net.Conn) syscall.RawConn {
	for {
		switch v := nc.(type) {
		case *net.TCPConn:
			rc, err := v.SyscallConn()
			if err != nil {
				return nil
			}
			return rc
		case interface{ Unwrap() net.Conn }:
			nc = v.Unwrap()
		default:
			return nil
		}
	}
}

// tryWrite writes as much of buf as the socket takes now, without waiting:
// n < len(buf) with a nil error means the socket's buffer is full.
func tryWrite(rc syscall.RawConn, buf []byte) (n int, err error) {
	var werr error
	err = rc.Write(func(fd uintptr) bool {
		for n < len(buf) {
			m, e := syscall.Write(int(fd), buf[n:])
			if m > 0 {
				n += m
			}
			switch {
			case e == syscall.EINTR:
				continue
			case e == syscall.EAGAIN:
				return true
			case e != nil:
				werr = e
				return true
			case m <= 0:
				return true
			}
		}
		return true
	})
	if errors.Is(err, os.ErrDeadlineExceeded) {
		err = nil // a pump's deadline left on the socket: the pump takes over
	}
	if err == nil {
		err = werr
	}
	return n, err
}
