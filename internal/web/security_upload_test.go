package web

import (
	"bytes"
	"context"
	"encoding/binary"
	"hash/crc32"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"net/textproto"
	"os"
	"strings"
	"testing"

	"github.com/minka-gob/minka/internal/model"
)

// Photo uploads take only JPEG, PNG or WebP judged by their bytes, never
// by the name or the browser's word; a file that could carry script (SVG,
// HTML) is refused whatever it claims to be; a rapporteur cannot reach the
// prototype of another table through their own table's address; and a
// refused upload leaves no file behind.
func TestPhotoUploadRefusesWhatIsNotAPhotoOfThisTable(t *testing.T) {
	f := newAuthzFixture(t, "")
	dir := f.e.srv.cfg.UploadsDir
	before, _ := os.ReadDir(dir)
	own := f.expand("/tables/{table}/prototypes/{prototype}/photo")
	tests := []struct {
		name, url, file, contentType string
		content                      []byte
		status                       int
	}{
		{"svg with a script, named .png", own, "foto.png", "image/png",
			[]byte(`<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>`), http.StatusUnprocessableEntity},
		{"html claiming to be a jpeg", own, "foto.jpg", "image/jpeg",
			[]byte(`<!DOCTYPE html><html><script>alert(1)</script></html>`), http.StatusUnprocessableEntity},
		{"gif", own, "foto.gif", "image/gif", []byte("GIF89a\x01\x00\x01\x00\x00\x00\x00;"), http.StatusUnprocessableEntity},
		{"empty", own, "foto.png", "image/png", nil, http.StatusUnprocessableEntity},
		{"just over 5 MB", own, "foto.png", "image/png", append(pngBytes(t), make([]byte, maxPhotoBytes)...), http.StatusUnprocessableEntity},
		{"a 40000×40000 PNG (a few bytes, gigabytes to show)", own, "foto.png", "image/png", hugePNG(40000, 40000), http.StatusUnprocessableEntity},
		{"a 40000×40000 WebP", own, "foto.webp", "image/webp", hugeWebP(40000, 40000), http.StatusUnprocessableEntity},
		{"the other table's prototype", f.expand("/tables/{table}/prototypes/{other_prototype}/photo"), "foto.png", "image/png",
			pngBytes(t), http.StatusNotFound},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var buf bytes.Buffer
			mw := multipart.NewWriter(&buf)
			mw.WriteField("_csrf", testCSRF)
			h := textproto.MIMEHeader{}
			h.Set("Content-Disposition", `form-data; name="photo"; filename="`+tt.file+`"`)
			h.Set("Content-Type", tt.contentType)
			w, _ := mw.CreatePart(h)
			w.Write(tt.content)
			mw.Close()
			req := httptest.NewRequest(http.MethodPost, tt.url, &buf)
			req.Header.Set("Content-Type", mw.FormDataContentType())
			req.AddCookie(&http.Cookie{Name: csrfCookie, Value: testCSRF})
			req.AddCookie(&http.Cookie{Name: sessionCookie, Value: f.sessionFor(t, model.RoleRapporteur)})
			resp, err := f.e.app.Test(req, 30000)
			if err != nil {
				t.Fatal(err)
			}
			resp.Body.Close()
			if resp.StatusCode != tt.status {
				t.Fatalf("status %d, want %d", resp.StatusCode, tt.status)
			}
		})
	}
	after, _ := os.ReadDir(dir)
	if len(after) != len(before) {
		var names []string
		for _, e := range after {
			names = append(names, e.Name())
		}
		t.Fatalf("refused uploads left files: %s", strings.Join(names, ", "))
	}
	// The other table's photo is untouched.
	rec, err := f.e.store.TableRecord(context.Background(), f.vars["other_table"], "")
	if err != nil {
		t.Fatal(err)
	}
	if len(rec.Prototypes) != 1 || rec.Prototypes[0].PhotoPath != f.vars["other_photo"] {
		t.Fatalf("the other table's prototype: %+v", rec.Prototypes)
	}
	// A photo is served as an image that browsers must not sniff into anything else.
	f.e.cookies[sessionCookie] = f.sessionFor(t, model.RoleParticipant)
	resp := f.e.get(f.expand("/uploads/{photo}"))
	if resp.StatusCode != http.StatusOK || resp.Header.Get("Content-Type") != "image/png" || resp.Header.Get("X-Content-Type-Options") != "nosniff" {
		t.Fatalf("photo: %d %s %q", resp.StatusCode, resp.Header.Get("Content-Type"), resp.Header.Get("X-Content-Type-Options"))
	}
}

// hugePNG is the header of a w×h PNG: what DecodeConfig reads.
func hugePNG(w, h uint32) []byte {
	var b bytes.Buffer
	b.WriteString("\x89PNG\r\n\x1a\n")
	ihdr := make([]byte, 17)
	copy(ihdr, "IHDR")
	binary.BigEndian.PutUint32(ihdr[4:], w)
	binary.BigEndian.PutUint32(ihdr[8:], h)
	ihdr[12], ihdr[13] = 8, 2 // 8-bit RGB
	binary.Write(&b, binary.BigEndian, uint32(13))
	b.Write(ihdr)
	binary.Write(&b, binary.BigEndian, crc32.ChecksumIEEE(ihdr))
	b.Write(make([]byte, 600)) // past the 512 bytes sniffed
	return b.Bytes()
}

// hugeWebP is the header of a w×h extended WebP.
func hugeWebP(w, h int) []byte {
	b := make([]byte, 600)
	copy(b, "RIFF")
	binary.LittleEndian.PutUint32(b[4:], uint32(len(b)-8))
	copy(b[8:], "WEBPVP8X")
	binary.LittleEndian.PutUint32(b[16:], 10)
	w, h = w-1, h-1
	b[24], b[25], b[26] = byte(w), byte(w>>8), byte(w>>16)
	b[27], b[28], b[29] = byte(h), byte(h>>8), byte(h>>16)
	return b
}

func TestPhotoSizeReadsHeaders(t *testing.T) {
	for _, tt := range []struct {
		b    []byte
		mime string
		w, h int
	}{{hugePNG(40000, 30000), "image/png", 40000, 30000}, {hugeWebP(4000, 3000), "image/webp", 4000, 3000}, {pngBytes(t), "image/png", 0, 0}} {
		w, h, err := photoSize(bytes.NewReader(tt.b), tt.mime)
		if err != nil || (tt.w != 0 && (w != tt.w || h != tt.h)) {
			t.Errorf("%s: %d×%d %v, want %d×%d", tt.mime, w, h, err, tt.w, tt.h)
		}
		if tt.w == 0 && !photoSizeOK(w, h) {
			t.Errorf("a small photo (%d×%d) is refused", w, h)
		}
	}
}
