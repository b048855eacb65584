package pdftest

import "testing"

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
