package csvsafe

import (
	"bytes"
	"encoding/csv"
	"strings"
	"testing"
)

func TestNeutralize(t *testing.T) {
	tests := []struct{ in, want string }{
		{"", ""},
		{"Lima", "Lima"},
		{`=HYPERLINK("http://x","y")`, `'=HYPERLINK("http://x","y")`},
		{"+51 999", "'+51 999"},
		{"-1", "'-1"},
		{"@SUM(A1)", "'@SUM(A1)"},
		{"\tx", "'\tx"},
		{"\rx", "'\rx"},
		{"\x00x", "'\x00x"},
		{"a=b", "a=b"},
		// Excel with ';' as the list separator splits here: each piece is a cell.
		{"Ana;=HYPERLINK(\"http://x\")", "Ana;'=HYPERLINK(\"http://x\")"},
		{"Ana; +51 999", "Ana; '+51 999"},
		{"a,-1", "a,-1"}, // quoted (it has the comma): one cell in every locale
		{"a;b", "a;b"},
	}
	for _, tt := range tests {
		if got := Neutralize(tt.in); got != tt.want {
			t.Errorf("Neutralize(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestWriterQuotesAndNeutralizes(t *testing.T) {
	var buf bytes.Buffer
	w, err := NewWriter(&buf)
	if err != nil {
		t.Fatal(err)
	}
	if err := w.Write([]string{`=HYPERLINK("http://x","y")`, "Piura, Perú", "línea 1\nlínea 2"}); err != nil {
		t.Fatal(err)
	}
	if err := w.Flush(); err != nil {
		t.Fatal(err)
	}
	out := buf.String()
	if !strings.HasPrefix(out, "\uFEFF") {
		t.Error("no byte order mark")
	}
	rec, err := csv.NewReader(strings.NewReader(strings.TrimPrefix(out, "\uFEFF"))).Read()
	if err != nil {
		t.Fatal(err)
	}
	want := []string{`'=HYPERLINK("http://x","y")`, "Piura, Perú", "línea 1\nlínea 2"}
	for i := range want {
		if rec[i] != want[i] {
			t.Errorf("field %d = %q, want %q", i, rec[i], want[i])
		}
	}
}
