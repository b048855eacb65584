package web

import (
	"context"
	"crypto/tls"
	"io"
	"log"
	"net"
	"net/http"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/gorilla/websocket"

	"github.com/minka-gob/minka"
	"github.com/minka-gob/minka/internal/model"
	"github.com/minka-gob/minka/internal/netguard"
	"github.com/minka-gob/minka/internal/storetest"
	"github.com/minka-gob/minka/internal/tlsconf"
)

// The server on HTTPS (the generated LAN certificate) and plain HTTP at
// once, as `minka serve -tls-addr` runs it: over HTTPS cookies are Secure
// and HSTS is sent (when configured), the QR sheet links to https:// and
// shows the certificate's fingerprint, and live tables work over wss://.
func TestHTTPSAndPlainHTTPTogether(t *testing.T) {
	setup, err := tlsconf.New(tlsconf.Options{Local: true, Dir: filepath.Join(t.TempDir(), "tls")})
	if err != nil {
		t.Fatal(err)
	}
	st := storetest.Open(t)
	app, srv, err := New(Config{Store: st, Templates: minka.Templates, Static: minka.Static, ExportsDir: t.TempDir(),
		UploadsDir: t.TempDir(), Logger: log.New(io.Discard, "", 0), HSTS: true, TLSFingerprint: setup.Fingerprint})
	if err != nil {
		t.Fatal(err)
	}
	quiet := log.New(io.Discard, "", 0)
	httpsRaw, err := netguard.Listen("127.0.0.1:0", netguard.Limits{}, quiet)
	if err != nil {
		t.Fatal(err)
	}
	plainRaw, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	go app.Listener(netguard.Merge(httpsRaw.Share(plainRaw), tls.NewListener(httpsRaw, setup.Config)))
	t.Cleanup(func() { srv.CloseLive(); _ = app.ShutdownWithTimeout(2 * time.Second) })
	httpsBase, plainBase := "https://"+httpsRaw.Addr().String(), "http://"+plainRaw.Addr().String()

	// The client checks the certificate by its fingerprint, as a careful person would.
	tlsClient := &tls.Config{InsecureSkipVerify: true, VerifyConnection: func(cs tls.ConnectionState) error {
		if tlsconf.Fingerprint(cs.PeerCertificates[0].Raw) != setup.Fingerprint {
			t.Error("served a certificate with another fingerprint")
		}
		return nil
	}}
	client := &http.Client{Transport: &http.Transport{TLSClientConfig: tlsClient},
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	get := func(url, token string) (*http.Response, string) {
		req, _ := http.NewRequest(http.MethodGet, url, nil)
		if token != "" {
			req.AddCookie(&http.Cookie{Name: sessionCookie, Value: token})
		}
		resp, err := client.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		return resp, string(b)
	}

	resp, _ := get(httpsBase+"/login", "")
	wantStatus(t, resp, http.StatusOK)
	if h := resp.Header.Get("Strict-Transport-Security"); !strings.Contains(h, "max-age=") {
		t.Errorf("no HSTS over HTTPS: %q", h)
	}
	if c := resp.Header.Get("Set-Cookie"); !strings.Contains(c, "secure") && !strings.Contains(c, "Secure") {
		t.Errorf("cookie over HTTPS is not Secure: %q", c)
	}
	resp, _ = get(plainBase+"/login", "")
	wantStatus(t, resp, http.StatusOK)
	if h := resp.Header.Get("Strict-Transport-Security"); h != "" {
		t.Errorf("HSTS over plain HTTP: %q", h)
	}
	if c := resp.Header.Get("Set-Cookie"); strings.Contains(strings.ToLower(c), "secure") {
		t.Errorf("cookie over plain HTTP is Secure (the browser would drop it): %q", c)
	}

	ctx := context.Background()
	w := model.Workshop{City: "Cusco", Date: "2025-07-01", Status: model.WorkshopOpen}
	if err := st.CreateWorkshop(ctx, &w); err != nil {
		t.Fatal(err)
	}
	tb := model.Table{WorkshopID: w.ID, Number: 1}
	if err := st.CreateTable(ctx, &tb); err != nil {
		t.Fatal(err)
	}
	a, err := st.CreateAdmin(ctx, "secretaria", "contraseña-segura")
	if err != nil {
		t.Fatal(err)
	}
	adminTok, _ := st.CreateSession(ctx, model.Session{Role: model.RoleAdmin, AdminID: a.ID}, sessionTTL)
	_, body := get(httpsBase+"/admin/tables/"+tb.ID+"/codes/print", adminTok)
	if !strings.Contains(body, setup.Fingerprint) || !strings.Contains(body, "https://") {
		t.Error("the QR sheet over HTTPS lacks the fingerprint or the https:// link")
	}
	_, body = get(plainBase+"/admin/tables/"+tb.ID+"/codes/print", adminTok)
	if strings.Contains(body, setup.Fingerprint) {
		t.Error("the plain-HTTP sheet shows a fingerprint for links that are not HTTPS")
	}

	// A participant's live table over wss://.
	partTok, _ := st.CreateSession(ctx, model.Session{Role: model.RoleParticipant, TableID: tb.ID, JoinCode: tb.ParticipantCode}, sessionTTL)
	d := websocket.Dialer{TLSClientConfig: tlsClient}
	h := http.Header{"Cookie": {sessionCookie + "=" + partTok}}
	conn, _, err := d.Dial("wss://"+httpsRaw.Addr().String()+"/ws", h)
	if err != nil {
		t.Fatalf("wss: %v", err)
	}
	defer conn.Close()
	if err := conn.WriteJSON(map[string]any{"type": "join", "room": "table:" + tb.ID}); err != nil {
		t.Fatal(err)
	}
	for {
		var f frame
		_ = conn.SetReadDeadline(time.Now().Add(10 * time.Second))
		if err := conn.ReadJSON(&f); err != nil {
			t.Fatalf("over wss: %v", err)
		}
		if f.Type == "synced" {
			break
		}
		if f.Type == "error" {
			t.Fatalf("over wss: %+v", f)
		}
	}
}
