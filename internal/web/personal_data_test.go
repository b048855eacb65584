package web

import (
	"archive/zip"
	"bytes"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

// personalWords are words of the fixture's personal data (authz_test.go),
// each found nowhere else: a participant's name, organization, e-mail and
// phone, the names of a table's facilitator and rapporteur, Forum members'
// names and organizations, a member's observations and declared conflict,
// and the deliberation notes of the validation workshop.
var personalWords = []string{"Canchari", "Únicaxyz", "Únicaorgp", "zoila.unicaxyz", "987 000 111", "987000111",
	"Únicafac", "Únicarap", "Únicaforo", "Únicaorgf", "Únicaobs", "Únicacon", "Únicanota"}

// Public pages, the public API and the public workbook never show personal
// data: every GET route the matrix opens to the public is fetched without a
// session, with the Forum's results published (the most the public ever
// sees), and its body — for a workbook, every part of it — must hold none of
// the fixture's personal words. The routes come from authzMatrix, so a new
// public route is checked without being listed here.
func TestPublicRoutesShowNoPersonalData(t *testing.T) {
	f := newAuthzFixture(t, "results")
	checked := 0
	for _, row := range authzMatrix {
		if row.method != http.MethodGet || !allows(row, rolePublic) || row.path == "/forum/:token" || row.path == "/ws" {
			continue
		}
		u := f.url(row)
		resp, err := f.e.app.Test(httptest.NewRequest(http.MethodGet, u, nil), 30000)
		if err != nil {
			t.Fatal(err)
		}
		body, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if resp.StatusCode != http.StatusOK {
			t.Errorf("%s: status %d, want 200 (the check would prove nothing)", u, resp.StatusCode)
			continue
		}
		text := string(body)
		if strings.Contains(resp.Header.Get("Content-Type"), "spreadsheetml") {
			text = workbookText(t, u, body)
		}
		for _, w := range personalWords {
			if strings.Contains(text, w) {
				t.Errorf("%s shows personal data (%q)", u, w)
			}
		}
		checked++
	}
	if checked < 30 {
		t.Fatalf("only %d public routes checked", checked)
	}
	// The same pages do show the process: the check looks at real content.
	body := readBody(t, f.e.get(f.url(authzRow{url: "/process/ideas/{idea}"})))
	mustContain(t, body, "publicar el presupuesto en quechua", "Alto puntaje")
}

// The Secretariat does see the personal data the public pages hide (else
// the test above could pass on empty pages).
func TestPersonalDataIsThereForTheSecretariat(t *testing.T) {
	f := newAuthzFixture(t, "results")
	f.e.cookies[sessionCookie] = f.sessionFor(t, "admin")
	for path, words := range map[string][]string{
		"/admin/workshops/{workshop}/participants": {"Canchari", "zoila.unicaxyz", "987 000 111", "Únicaorgp"},
		"/admin/workshops/{workshop}":              {"Únicafac", "Únicarap"},
		"/admin/forum/members":                     {"Únicaforo", "Únicaorgf"},
		"/admin/forum/decisions/{sheet}":           {"Únicanota", "Únicaobs"},
	} {
		body := readBody(t, f.e.get(f.expand(path)))
		for _, w := range words {
			if !strings.Contains(body, w) {
				t.Errorf("%s lacks %q", path, w)
			}
		}
	}
}

func allows(row authzRow, role string) bool {
	for _, r := range row.allow {
		if r == role {
			return true
		}
	}
	return false
}

// workbookText is every part of an .xlsx (a zip of XML files) as one text.
func workbookText(t *testing.T, name string, b []byte) string {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(b), int64(len(b)))
	if err != nil {
		t.Fatalf("%s is not a workbook: %v", name, err)
	}
	var sb strings.Builder
	for _, zf := range zr.File {
		r, err := zf.Open()
		if err != nil {
			t.Fatal(err)
		}
		part, _ := io.ReadAll(r)
		r.Close()
		sb.Write(part)
		sb.WriteByte('\n')
	}
	if !strings.Contains(sb.String(), "Ayacucho") {
		t.Fatalf("%s does not even name the workshop: is it empty?", name)
	}
	return sb.String()
}
