package pdftest

import (
	"strings"
	"testing"
)

const twoPages = `%PDF-1.4
1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj
2 0 obj << /Type /Pages /Kids [3 0 R 4 0 R] /Count 2 /MediaBox [0 0 595.28 841.89] >> endobj
3 0 obj << /Type /Page /Parent 2 0 R >> endobj
4 0 obj << /Type /Page /Parent 2 0 R /MediaBox [0 0 841.89 595.28] /Contents 5 0 R >> endobj
5 0 obj << /Length 20 >> stream
/Type /Page endobj
endstream endobj
trailer << /Root 1 0 R >>
%%EOF`

func TestPages(t *testing.T) {
	pages, err := Pages([]byte(twoPages))
	if err != nil {
		t.Fatal(err)
	}
	if len(pages) != 2 || !pages[0].IsA4() || pages[0].Landscape() || !pages[1].IsA4() || !pages[1].Landscape() {
		t.Fatalf("pages: %+v", pages)
	}
	for name, bad := range map[string]string{
		"not a PDF":  "hello",
		"no pages":   "%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj",
		"miscounted": "%PDF-1.4\n2 0 obj << /Type /Pages /Count 3 >> endobj\n3 0 obj << /Type /Page /Parent 2 0 R /MediaBox [0 0 10 10] >> endobj",
		"no box":     "%PDF-1.4\n2 0 obj << /Type /Pages /Count 1 >> endobj\n3 0 obj << /Type /Page /Parent 2 0 R >> endobj",
		"obj stream": "%PDF-1.5\n7 0 obj << /Type /ObjStm /N 3 >> stream\nxx\nendstream endobj",
	} {
		if _, err := Pages([]byte(bad)); err == nil {
			t.Errorf("%s: no error", name)
		}
	}
}

// Text clipped away (a drawing LibreOffice draws on every page of a sheet
// and clips to the cells each page prints) is not shown on the page.
func TestShowTextKeepsWhatTheClipShows(t *testing.T) {
	fonts := map[string]*cmap{"F1": {width: 1, m: map[uint32]string{1: "A", 2: "B", 3: " "}}}
	content := []byte(`q 0 500 595 300 re W* n
BT 50 700 Td /F1 10 Tf <0102>Tj ET
BT 50 300 Td /F1 10 Tf [<02>-20<01>]TJ ET
Q
q 1 0 0 1 0 -400 cm BT 50 700 Td /F1 10 Tf <010301>Tj ET Q`)
	var sb strings.Builder
	if err := showText(content, fonts, Page{Width: 595, Height: 842}, &sb); err != nil {
		t.Fatal(err)
	}
	if got := sb.String(); got != "AB\nA A\n" {
		t.Fatalf("shown %q, want the first and the last run (the second is clipped)", got)
	}
}
