package web

import (
	"bytes"
	"context"
	"encoding/json"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"net/url"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"golang.org/x/crypto/bcrypt"

	"github.com/minka-gob/minka"
	"github.com/minka-gob/minka/internal/field"
	"github.com/minka-gob/minka/internal/model"
	"github.com/minka-gob/minka/internal/store"
)

var tokenOnPage = regexp.MustCompile(`<code class="token">([^<]+)</code>`)

func (e *testEnv) postBundle(data []byte) *http.Response {
	e.t.Helper()
	var buf bytes.Buffer
	mw := multipart.NewWriter(&buf)
	mw.WriteField("_csrf", testCSRF)
	fw, _ := mw.CreateFormFile("bundle", "taller.minka")
	fw.Write(data)
	mw.Close()
	req := httptest.NewRequest(http.MethodPost, "/admin/field/import", &buf)
	req.Header.Set("Content-Type", mw.FormDataContentType())
	return e.do(req)
}

// The Secretariat's field page: a token shown once, the workshop "en campo"
// and read-only, a bundle uploaded (a tampered one refused whole with a
// translated message), the workshop back, the token revoked.
func TestFieldPageTokenBundleAndReturn(t *testing.T) {
	e := newTestEnv(t)
	e.loginAdmin()
	ctx := context.Background()
	w, tb := e.workshopAndTable("Iquitos")

	resp := e.postForm("/admin/field/tokens", url.Values{"workshop_id": {w.ID}, "label": {"Laptop Iquitos"}})
	wantStatus(t, resp, http.StatusCreated)
	m := tokenOnPage.FindStringSubmatch(readBody(t, resp))
	if m == nil {
		t.Fatal("the new token is not on the page")
	}
	token := m[1]
	if page := e.page("/admin/field"); strings.Contains(page, token) || !strings.Contains(page, "Laptop Iquitos") {
		t.Fatal("the token must be shown once, and listed by its name")
	}
	wantStatus(t, e.postForm("/admin/field/tokens", url.Values{"workshop_id": {"no"}}), http.StatusUnprocessableEntity)

	lap, err := store.Open(filepath.Join(t.TempDir(), "laptop.sqlite"), minka.Migrations, store.Options{PasswordCost: bcrypt.MinCost})
	if err != nil {
		t.Fatal(err)
	}
	defer lap.Close()
	if err := field.PullLocal(ctx, &field.Service{Store: e.store}, lap, "http://national", token, w.ID); err != nil {
		t.Fatal(err)
	}
	if page := e.page("/admin/workshops/" + w.ID); !strings.Contains(page, "En campo") {
		t.Fatal("the workshop page does not say the workshop is in the field")
	}
	idea := &model.Idea{ID: store.NewID(), Title: "¿Cómo podríamos llevar la mesa al río?", Principle: model.PrincipleParticipation}
	if _, err := e.store.CreateContribution(ctx, tb.ID, idea); model.KindOf(err) != model.KindConflict {
		t.Fatalf("a live write here while in the field: %v", err)
	}
	if _, err := lap.CreateContribution(ctx, tb.ID, idea); err != nil {
		t.Fatal(err)
	}
	var bundle bytes.Buffer
	if _, err := field.MakeBundle(ctx, lap, t.TempDir(), &bundle, true); err != nil {
		t.Fatal(err)
	}
	bad := append([]byte(nil), bundle.Bytes()...)
	bad[len(bad)-10] ^= 1
	resp = e.postBundle(bad)
	wantStatus(t, resp, http.StatusForbidden)
	if body := readBody(t, resp); !strings.Contains(body, "La firma del paquete no es válida") {
		t.Fatal("no translated message for a tampered bundle")
	}
	if r, _ := e.store.Report(ctx, w.ID); len(r.Ideas) != 0 {
		t.Fatal("a tampered bundle left records")
	}
	resp = e.postBundle(bundle.Bytes())
	wantStatus(t, resp, http.StatusOK)
	if body := readBody(t, resp); !strings.Contains(body, "Paquete importado y verificado") {
		t.Fatal("no confirmation of the import")
	}
	if r, _ := e.store.Report(ctx, w.ID); len(r.Ideas) != 1 || r.Ideas[0].Title != idea.Title {
		t.Fatalf("ideas after import: %+v", r.Ideas)
	}
	if page := e.page("/admin/workshops/" + w.ID); strings.Contains(page, "En campo") {
		t.Fatal("the workshop is still in the field after a releasing bundle")
	}
	// Revoked, the token opens nothing.
	tokens, _ := e.store.FieldTokens(ctx)
	wantStatus(t, e.postForm("/admin/field/tokens/"+tokens[0].ID+"/revoke", nil), http.StatusSeeOther)
	if _, err := (&field.Service{Store: e.store}).Authenticate(ctx, token, w.ID); model.KindOf(err) != model.KindForbidden {
		t.Fatalf("revoked token: %v", err)
	}
}

// The field API carries large bodies: a photo of up to 5 MiB (base64 in
// JSON) and, at the end of a push, a manifest of about 100 bytes per record
// (1.5 MiB for a 15,000-record workshop). A body limit below that would
// break bringing workshops back: this test says so.
func TestFieldAPIAcceptsAPhotoAndALargeManifest(t *testing.T) {
	e := newTestEnv(t)
	ctx := context.Background()
	w, tb := e.workshopAndTable("Pucallpa")
	id, secret, token := field.NewToken()
	if err := e.store.CreateFieldToken(ctx, &store.FieldToken{ID: id, WorkshopID: w.ID, SecretHash: field.SecretHash(secret), BundleKey: field.BundleKey(secret)}); err != nil {
		t.Fatal(err)
	}
	checkout, push := store.NewID(), store.NewID()
	api := "/api/v1/field/workshops/" + w.ID
	send := func(path string, body any) *http.Response {
		b, _ := json.Marshal(body)
		req := httptest.NewRequest(http.MethodPost, api+path, bytes.NewReader(b))
		req.Header.Set("Content-Type", "application/json")
		req.Header.Set("Authorization", "Bearer "+token)
		return e.do(req)
	}
	wantStatus(t, send("/checkout", field.PullRequest{CheckoutID: checkout}), http.StatusOK)
	photo := store.NewID() + ".png"
	now := "2025-06-12T10:00:00Z"
	batch := field.Batch{Seq: 1, Tables: []store.FieldRows{{Table: "prototypes",
		Cols: []string{"id", "table_id", "description", "photo_path", "created_at", "updated_at"},
		Rows: [][]any{{store.NewID(), tb.ID, "Maqueta", photo, now, now}}}}}
	batch.Digest = field.Digest(batch.Tables)
	wantStatus(t, send("/checkouts/"+checkout+"/pushes/"+push+"/batches", batch), http.StatusOK)

	data := make([]byte, field.MaxPhotoBytes-1024)
	copy(data, pngBytes(t))
	wantStatus(t, send("/checkouts/"+checkout+"/photos", field.Photo{Name: photo, Data: data}), http.StatusOK)

	m := store.FieldManifest{Tables: []store.FieldManifestTable{{Table: "ideas", Cols: []string{"id", "title"}}}}
	for i := 0; i < 15000; i++ {
		m.Tables[0].Keys = append(m.Tables[0].Keys, []any{store.NewID()})
		m.Tables[0].Hashes = append(m.Tables[0].Hashes, "0123456789abcdef0123456789abcdef")
	}
	resp := send("/checkouts/"+checkout+"/pushes/"+push+"/finish", field.FinishRequest{Manifest: m})
	wantStatus(t, resp, http.StatusOK)
	var res field.Result
	decodeJSON(t, resp, &res)
	if res.OK || res.Counts["ideas"] != 15000 || res.Stored["ideas"] != 0 {
		t.Fatalf("15,000 ideas never sent cannot verify: %+v", res.FieldVerification)
	}
}
