package main

import (
	"crypto/tls"
	"errors"
	"flag"
	"fmt"
	"log"
	"net"
	"net/http"
	"strings"
	"time"

	"github.com/minka-gob/minka/internal/netguard"
	"github.com/minka-gob/minka/internal/tlsconf"
)

// tlsFlags are serve's HTTPS flags.
type tlsFlags struct {
	addr, cert, key, acmeDomains, acmeEmail, dir string
}

func tlsFlagsOf(fs *flag.FlagSet) *tlsFlags {
	f := &tlsFlags{}
	fs.StringVar(&f.addr, "tls-addr", env("MINKA_TLS_ADDR", ""), "HTTPS listen address (e.g. :8443 on the LAN, :443 on the internet); empty: no HTTPS")
	fs.StringVar(&f.cert, "tls-cert", env("MINKA_TLS_CERT", ""), "certificate file (PEM) for HTTPS; with -tls-key")
	fs.StringVar(&f.key, "tls-key", env("MINKA_TLS_KEY", ""), "private key file (PEM) for HTTPS")
	fs.StringVar(&f.acmeDomains, "acme-domain", env("MINKA_ACME_DOMAIN", ""), "public name(s), comma-separated: get certificates from Let's Encrypt (ports 80 and 443 must reach this server)")
	fs.StringVar(&f.acmeEmail, "acme-email", env("MINKA_ACME_EMAIL", ""), "e-mail for Let's Encrypt's expiry notices (optional)")
	fs.StringVar(&f.dir, "tls-dir", env("MINKA_TLS_DIR", "db/tls"), "folder for the generated local certificate and the ACME account")
	return f
}

// setup builds the TLS configuration the flags ask for: nil without
// -tls-addr; a certificate generated for the LAN unless -tls-cert/-tls-key
// or -acme-domain say otherwise.
func (f *tlsFlags) setup() (*tlsconf.Setup, error) {
	if f.addr == "" {
		if f.cert != "" || f.key != "" || f.acmeDomains != "" {
			return nil, errors.New("-tls-cert, -tls-key and -acme-domain need -tls-addr (e.g. -tls-addr :8443)")
		}
		return nil, nil
	}
	domains := splitList(f.acmeDomains)
	s, err := tlsconf.New(tlsconf.Options{CertFile: f.cert, KeyFile: f.key, ACMEDomains: domains, ACMEEmail: f.acmeEmail,
		Local: f.cert == "" && f.key == "" && len(domains) == 0, Dir: f.dir})
	if err != nil {
		return nil, err
	}
	switch s.Mode {
	case tlsconf.ModeLocal:
		log.Printf("HTTPS with this laptop's own certificate (for %s), valid until %s", strings.Join(s.Hosts, ", "), s.NotAfter.Format("2006-01-02"))
		log.Printf("phones will warn that it is not trusted; its SHA-256 fingerprint, also on the QR sheets, is %s", s.Fingerprint)
	case tlsconf.ModeFiles:
		log.Printf("HTTPS with the certificate of %s (fingerprint %s), valid until %s", f.cert, s.Fingerprint, s.NotAfter.Format("2006-01-02"))
	case tlsconf.ModeACME:
		log.Printf("HTTPS with certificates from Let's Encrypt for %s (kept in %s)", strings.Join(s.Hosts, ", "), f.dir)
	}
	return s, nil
}

func localFingerprint(s *tlsconf.Setup) string {
	if s != nil && s.Mode == tlsconf.ModeLocal {
		return s.Fingerprint
	}
	return ""
}

// listen opens the listeners the app serves: plain HTTP on addr and HTTPS
// on tlsAddr, both under the connection limits. With ACME, addr does not
// serve the app: it answers Let's Encrypt's challenges and redirects to
// HTTPS (closeExtra stops that server).
func listen(addr, tlsAddr string, s *tlsconf.Setup, lim netguard.Limits) (ln net.Listener, closeExtra func(), err error) {
	closeExtra = func() {}
	if s == nil {
		if addr == "" {
			return nil, closeExtra, errors.New("nothing to listen on: give -addr or -tls-addr")
		}
		l, err := netguard.Listen(addr, lim, nil)
		return l, closeExtra, err
	}
	raw, err := netguard.Listen(tlsAddr, lim, nil)
	if err != nil {
		return nil, closeExtra, err
	}
	httpsLn := tls.NewListener(raw, s.Config)
	if addr == "" {
		return httpsLn, closeExtra, nil
	}
	plainRaw, err := net.Listen("tcp", addr)
	if err != nil {
		raw.Close()
		return nil, closeExtra, err
	}
	// Both ports count against the same limits: one flood cannot take
	// twice the quota.
	plain := raw.Share(plainRaw)
	if s.Mode == tlsconf.ModeACME {
		srv := &http.Server{Handler: s.HTTPHandler(nil), ReadHeaderTimeout: 10 * time.Second, IdleTimeout: time.Minute}
		go func() { _ = srv.Serve(plain) }()
		return httpsLn, func() { srv.Close() }, nil
	}
	return netguard.Merge(plain, httpsLn), closeExtra, nil
}

// listening describes the addresses for the start-up line.
func listening(addr, tlsAddr string, s *tlsconf.Setup) string {
	switch {
	case s == nil:
		return "http " + addr
	case addr == "":
		return "https " + tlsAddr
	case s.Mode == tlsconf.ModeACME:
		return fmt.Sprintf("https %s (http %s redirects)", tlsAddr, addr)
	}
	return fmt.Sprintf("http %s and https %s", addr, tlsAddr)
}
