// Package tlsconf gives `minka serve` its HTTPS: a certificate and key from
// files, a certificate generated and kept on this machine for the workshop's
// Wi-Fi (phones warn about it once; its fingerprint lets people check they
// reached the right laptop), or certificates from Let's Encrypt (ACME) when
// the server has a public name.
package tlsconf

import (
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/sha256"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/pem"
	"errors"
	"fmt"
	"math/big"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"golang.org/x/crypto/acme/autocert"
)

// Mode says where the certificate comes from.
type Mode string

const (
	ModeFiles Mode = "files" // -tls-cert and -tls-key
	ModeLocal Mode = "local" // generated on this machine for the LAN
	ModeACME  Mode = "acme"  // Let's Encrypt, for a public name
)

// Options choose the certificate. Exactly one of CertFile+KeyFile, Local or
// ACMEDomains.
type Options struct {
	CertFile, KeyFile string
	// Local generates (once, then reuses) a certificate for this machine's
	// names and addresses, kept in Dir.
	Local bool
	// ACMEDomains are the public names to get certificates for; ACMEEmail
	// is given to Let's Encrypt for expiry notices (optional).
	ACMEDomains []string
	ACMEEmail   string
	// ACMEDirectory replaces Let's Encrypt's directory URL (tests, staging).
	ACMEDirectory string
	// Dir keeps the local certificate and the ACME account and certificates.
	Dir string
	// Hosts are extra names or IPs for the local certificate (the LAN
	// addresses of this machine, "localhost" and the host name are added).
	Hosts []string
	// Now replaces the clock (tests).
	Now func() time.Time
}

// Setup is a ready TLS configuration.
type Setup struct {
	Mode   Mode
	Config *tls.Config
	// Fingerprint is the SHA-256 of the certificate (files and local
	// modes), as browsers show it: "AB:CD:…".
	Fingerprint string
	// Hosts are the names and addresses the certificate covers (local mode).
	Hosts []string
	// NotAfter is when the certificate expires (files and local modes).
	NotAfter time.Time
	// HTTPHandler, in ACME mode, answers Let's Encrypt's http-01 challenges
	// on port 80 and sends everything else to fallback.
	HTTPHandler func(fallback http.Handler) http.Handler
}

// ErrNoMode means no certificate source was chosen.
var ErrNoMode = errors.New("tlsconf: choose a certificate and key, a local certificate or ACME domains")

// New prepares the TLS configuration o asks for.
func New(o Options) (*Setup, error) {
	if o.Now == nil {
		o.Now = time.Now
	}
	n := 0
	if o.CertFile != "" || o.KeyFile != "" {
		n++
	}
	if o.Local {
		n++
	}
	if len(o.ACMEDomains) > 0 {
		n++
	}
	switch {
	case n == 0:
		return nil, ErrNoMode
	case n > 1:
		return nil, errors.New("tlsconf: choose only one of a certificate and key, a local certificate or ACME domains")
	}
	switch {
	case o.CertFile != "" || o.KeyFile != "":
		if o.CertFile == "" || o.KeyFile == "" {
			return nil, errors.New("tlsconf: a certificate needs both -tls-cert and -tls-key")
		}
		cert, err := tls.LoadX509KeyPair(o.CertFile, o.KeyFile)
		if err != nil {
			return nil, fmt.Errorf("tlsconf: %w", err)
		}
		return fromCert(ModeFiles, cert, nil)
	case o.Local:
		cert, hosts, err := localCert(o)
		if err != nil {
			return nil, err
		}
		return fromCert(ModeLocal, cert, hosts)
	}
	return acmeSetup(o)
}

func baseConfig() *tls.Config {
	return &tls.Config{MinVersion: tls.VersionTLS12, NextProtos: []string{"http/1.1"}}
}

func fromCert(mode Mode, cert tls.Certificate, hosts []string) (*Setup, error) {
	leaf, err := x509.ParseCertificate(cert.Certificate[0])
	if err != nil {
		return nil, fmt.Errorf("tlsconf: %w", err)
	}
	cfg := baseConfig()
	cfg.Certificates = []tls.Certificate{cert}
	return &Setup{Mode: mode, Config: cfg, Fingerprint: Fingerprint(leaf.Raw), Hosts: hosts, NotAfter: leaf.NotAfter}, nil
}

// Fingerprint is the SHA-256 of a DER certificate as "AB:CD:…".
func Fingerprint(der []byte) string {
	sum := sha256.Sum256(der)
	parts := make([]string, len(sum))
	for i, b := range sum {
		parts[i] = fmt.Sprintf("%02X", b)
	}
	return strings.Join(parts, ":")
}

// Local certificate files inside Options.Dir.
const (
	localCertFile = "local-cert.pem"
	localKeyFile  = "local-key.pem"
	localValidity = 398 * 24 * time.Hour // the longest browsers accept
	renewBefore   = 30 * 24 * time.Hour
)

// localCert reuses the local certificate in o.Dir while it is valid for
// another 30 days and covers every host; otherwise it makes a new one.
func localCert(o Options) (tls.Certificate, []string, error) {
	hosts := LocalHosts(o.Hosts)
	certPath, keyPath := filepath.Join(o.Dir, localCertFile), filepath.Join(o.Dir, localKeyFile)
	if cert, err := tls.LoadX509KeyPair(certPath, keyPath); err == nil {
		if leaf, err := x509.ParseCertificate(cert.Certificate[0]); err == nil &&
			o.Now().Add(renewBefore).Before(leaf.NotAfter) && covers(leaf, hosts) {
			return cert, certHosts(leaf), nil
		}
	}
	if err := os.MkdirAll(o.Dir, 0o700); err != nil {
		return tls.Certificate{}, nil, err
	}
	certPEM, keyPEM, err := generate(hosts, o.Now())
	if err != nil {
		return tls.Certificate{}, nil, err
	}
	if err := os.WriteFile(keyPath, keyPEM, 0o600); err != nil {
		return tls.Certificate{}, nil, err
	}
	if err := os.WriteFile(certPath, certPEM, 0o644); err != nil {
		return tls.Certificate{}, nil, err
	}
	cert, err := tls.X509KeyPair(certPEM, keyPEM)
	return cert, hosts, err
}

// LocalHosts are the names a local certificate covers: extra, "localhost",
// the machine's host name and every non-loopback address of its interfaces
// that are up (the Wi-Fi address phones will use), plus 127.0.0.1 and ::1.
func LocalHosts(extra []string) []string {
	hosts := append([]string{}, extra...)
	hosts = append(hosts, "localhost", "127.0.0.1", "::1")
	if h, err := os.Hostname(); err == nil && h != "" {
		hosts = append(hosts, h)
	}
	if ifaces, err := net.Interfaces(); err == nil {
		for _, ifc := range ifaces {
			if ifc.Flags&net.FlagUp == 0 {
				continue
			}
			addrs, _ := ifc.Addrs()
			for _, a := range addrs {
				if ipn, ok := a.(*net.IPNet); ok && !ipn.IP.IsLinkLocalUnicast() {
					hosts = append(hosts, ipn.IP.String())
				}
			}
		}
	}
	slices.Sort(hosts)
	return slices.Compact(hosts)
}

func certHosts(leaf *x509.Certificate) []string {
	hosts := append([]string{}, leaf.DNSNames...)
	for _, ip := range leaf.IPAddresses {
		hosts = append(hosts, ip.String())
	}
	return hosts
}

func covers(leaf *x509.Certificate, hosts []string) bool {
	for _, h := range hosts {
		if leaf.VerifyHostname(h) != nil {
			return false
		}
	}
	return true
}

// generate makes a self-signed ECDSA P-256 certificate for hosts.
func generate(hosts []string, now time.Time) (certPEM, keyPEM []byte, err error) {
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		return nil, nil, err
	}
	serial, err := rand.Int(rand.Reader, new(big.Int).Lsh(big.NewInt(1), 127))
	if err != nil {
		return nil, nil, err
	}
	name, _ := os.Hostname()
	tmpl := &x509.Certificate{
		SerialNumber:          serial,
		Subject:               pkix.Name{Organization: []string{"Minka"}, CommonName: "Minka " + name},
		NotBefore:             now.Add(-time.Hour),
		NotAfter:              now.Add(localValidity),
		KeyUsage:              x509.KeyUsageDigitalSignature,
		ExtKeyUsage:           []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth},
		BasicConstraintsValid: true,
	}
	for _, h := range hosts {
		if ip := net.ParseIP(h); ip != nil {
			tmpl.IPAddresses = append(tmpl.IPAddresses, ip)
		} else {
			tmpl.DNSNames = append(tmpl.DNSNames, h)
		}
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	if err != nil {
		return nil, nil, err
	}
	keyDER, err := x509.MarshalECPrivateKey(key)
	if err != nil {
		return nil, nil, err
	}
	return pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: der}),
		pem.EncodeToMemory(&pem.Block{Type: "EC PRIVATE KEY", Bytes: keyDER}), nil
}

// acmeSetup gets and renews certificates from Let's Encrypt for the public
// names, answering the tls-alpn-01 challenge on the HTTPS port itself and
// the http-01 challenge through HTTPHandler on port 80.
func acmeSetup(o Options) (*Setup, error) {
	for _, d := range o.ACMEDomains {
		if net.ParseIP(d) != nil || !strings.Contains(d, ".") {
			return nil, fmt.Errorf("tlsconf: %q is not a public name (ACME needs a domain such as minka.example.org)", d)
		}
	}
	if err := os.MkdirAll(filepath.Join(o.Dir, "acme"), 0o700); err != nil {
		return nil, err
	}
	m := &autocert.Manager{
		Prompt:     autocert.AcceptTOS,
		HostPolicy: autocert.HostWhitelist(o.ACMEDomains...),
		Cache:      autocert.DirCache(filepath.Join(o.Dir, "acme")),
		Email:      o.ACMEEmail,
	}
	if o.ACMEDirectory != "" {
		m.Client = newACMEClient(o.ACMEDirectory)
	}
	cfg := m.TLSConfig()
	cfg.MinVersion = tls.VersionTLS12
	return &Setup{Mode: ModeACME, Config: cfg, Hosts: o.ACMEDomains, HTTPHandler: m.HTTPHandler}, nil
}
