package tlsconf

import (
	"crypto/tls"
	"crypto/x509"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"
)

func TestLocalCertificateIsMadeOnceAndKeptPrivate(t *testing.T) {
	dir := t.TempDir()
	s, err := New(Options{Local: true, Dir: dir, Hosts: []string{"192.168.1.10"}})
	if err != nil {
		t.Fatal(err)
	}
	if s.Mode != ModeLocal || len(s.Fingerprint) != 95 {
		t.Fatalf("mode %s fingerprint %q", s.Mode, s.Fingerprint)
	}
	leaf, err := x509.ParseCertificate(s.Config.Certificates[0].Certificate[0])
	if err != nil {
		t.Fatal(err)
	}
	for _, h := range []string{"192.168.1.10", "localhost", "127.0.0.1"} {
		if err := leaf.VerifyHostname(h); err != nil {
			t.Errorf("certificate does not cover %s: %v", h, err)
		}
	}
	if Fingerprint(leaf.Raw) != s.Fingerprint {
		t.Error("fingerprint is not the certificate's")
	}
	fi, err := os.Stat(filepath.Join(dir, localKeyFile))
	if err != nil {
		t.Fatal(err)
	}
	if fi.Mode().Perm() != 0o600 {
		t.Errorf("key file mode %v, want 0600", fi.Mode().Perm())
	}
	// The next start reuses it: phones that accepted it are not asked again.
	again, err := New(Options{Local: true, Dir: dir, Hosts: []string{"192.168.1.10"}})
	if err != nil {
		t.Fatal(err)
	}
	if again.Fingerprint != s.Fingerprint {
		t.Error("a second start made a new certificate")
	}
	// A new Wi-Fi address, or expiry within 30 days, makes a new one.
	moved, err := New(Options{Local: true, Dir: dir, Hosts: []string{"10.0.0.7"}})
	if err != nil {
		t.Fatal(err)
	}
	if moved.Fingerprint == s.Fingerprint || !slices.Contains(moved.Hosts, "10.0.0.7") {
		t.Error("a new address kept the old certificate")
	}
	later, err := New(Options{Local: true, Dir: dir, Hosts: []string{"10.0.0.7"}, Now: func() time.Time { return time.Now().Add(380 * 24 * time.Hour) }})
	if err != nil {
		t.Fatal(err)
	}
	if later.Fingerprint == moved.Fingerprint {
		t.Error("a certificate about to expire was kept")
	}
}

func TestCertificateFiles(t *testing.T) {
	dir := t.TempDir()
	certPEM, keyPEM, err := generate([]string{"minka.example.org"}, time.Now())
	if err != nil {
		t.Fatal(err)
	}
	cf, kf := filepath.Join(dir, "c.pem"), filepath.Join(dir, "k.pem")
	os.WriteFile(cf, certPEM, 0o644)
	os.WriteFile(kf, keyPEM, 0o600)
	s, err := New(Options{CertFile: cf, KeyFile: kf})
	if err != nil {
		t.Fatal(err)
	}
	if s.Mode != ModeFiles || s.Fingerprint == "" {
		t.Fatalf("%+v", s)
	}
	if _, err := New(Options{CertFile: cf}); err == nil {
		t.Error("a certificate without its key was accepted")
	}
	if _, err := New(Options{CertFile: cf, KeyFile: filepath.Join(dir, "missing.pem")}); err == nil {
		t.Error("a missing key file was accepted")
	}
}

func TestOptionsChooseOneSource(t *testing.T) {
	if _, err := New(Options{}); err != ErrNoMode {
		t.Errorf("no source: %v", err)
	}
	if _, err := New(Options{Local: true, ACMEDomains: []string{"minka.example.org"}, Dir: t.TempDir()}); err == nil {
		t.Error("two sources accepted")
	}
	for _, d := range []string{"192.168.1.10", "localhost"} {
		if _, err := New(Options{ACMEDomains: []string{d}, Dir: t.TempDir()}); err == nil || !strings.Contains(err.Error(), "public name") {
			t.Errorf("ACME for %q: %v", d, err)
		}
	}
}

// ACME answers the tls-alpn-01 challenge on the HTTPS port and keeps its
// account and certificates in Dir (no network is needed to set it up).
func TestACMESetup(t *testing.T) {
	dir := t.TempDir()
	s, err := New(Options{ACMEDomains: []string{"minka.example.org"}, Dir: dir})
	if err != nil {
		t.Fatal(err)
	}
	if s.Mode != ModeACME || s.HTTPHandler == nil || s.Config.GetCertificate == nil {
		t.Fatalf("%+v", s)
	}
	if !slices.Contains(s.Config.NextProtos, "acme-tls/1") {
		t.Errorf("NextProtos %v lack acme-tls/1", s.Config.NextProtos)
	}
	if s.Config.MinVersion < tls.VersionTLS12 {
		t.Error("TLS below 1.2 allowed")
	}
	// A name not in the list gets no certificate (and no request to Let's Encrypt).
	if _, err := s.Config.GetCertificate(&tls.ClientHelloInfo{ServerName: "other.example.org"}); err == nil {
		t.Error("a certificate for a name not configured")
	}
	if fi, err := os.Stat(filepath.Join(dir, "acme")); err != nil || fi.Mode().Perm() != 0o700 {
		t.Errorf("acme cache folder: %v %v", fi, err)
	}
}
