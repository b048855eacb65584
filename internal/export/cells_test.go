package export

import (
	"archive/zip"
	"bufio"
	"bytes"
	"io"
	"math"
	"regexp"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

// The row writer must write exactly the XML excelize's StreamWriter writes
// for the same values: text that must stay text, escapes, control
// characters, Excel's own _xHHHH_ escapes, over-long text, numbers, styles.
func TestRowWriterWritesWhatExcelizeWrites(t *testing.T) {
	values := []any{
		`=HYPERLINK("http://x","y")`, "a & <b> \"c\" 'd'", " leading space", "trailing newline\n", "tab\there\r\nCRLF",
		"control \x01\x1f and \ufffe and bad utf-8 \xff end", "_x0041_ and _x005F_x0042_ and _x005F_ and _xZZZZ_", "ñandú — «Perú» 😀",
		strings.Repeat("ab😀", 12000), "", 0, -42, 3.25, 1.0 / 3, 45800.375, math.Inf(1), math.NaN(),
		excelize.Cell{Value: 7, StyleID: 2}, excelize.Cell{Value: "Sí", StyleID: 3}, nil, int64(9), "+51 999", "@todos", "-1",
	}
	cols := make([]column, len(values))
	for i := range cols {
		cols[i] = column{head: "h", width: 10}
		if i%3 == 0 {
			cols[i].style = 1 + i%4
		}
	}

	// excelize's StreamWriter.
	f := excelize.NewFile()
	defer f.Close()
	for i := 0; i < 4; i++ { // styles 1..4 exist
		if _, err := f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: i%2 == 0}, NumFmt: i}); err != nil {
			t.Fatal(err)
		}
	}
	sw, err := f.NewStreamWriter("Sheet1")
	if err != nil {
		t.Fatal(err)
	}
	for i, c := range cols {
		if c.style != 0 {
			if err := sw.SetColStyle(i+1, i+1, c.style); err != nil {
				t.Fatal(err)
			}
		}
	}
	if err := sw.SetRow("A2", values); err != nil {
		t.Fatal(err)
	}
	if err := sw.Flush(); err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if _, err := f.WriteTo(&buf); err != nil {
		t.Fatal(err)
	}
	z, err := zip.NewReader(bytes.NewReader(buf.Bytes()), int64(buf.Len()))
	if err != nil {
		t.Fatal(err)
	}
	var sheet string
	for _, zf := range z.File {
		if zf.Name == "xl/worksheets/sheet1.xml" {
			rc, _ := zf.Open()
			b, _ := io.ReadAll(rc)
			rc.Close()
			sheet = string(b)
		}
	}
	want := regexp.MustCompile(`(?s)<row r="2">.*</row>`).FindString(sheet)
	if want == "" {
		t.Fatalf("no row in excelize's sheet:\n%.2000s", sheet)
	}

	// Ours.
	var out bytes.Buffer
	rw := newRowWriter(&out, cols)
	rw.row(2, values)
	if err := rw.w.Flush(); err != nil {
		t.Fatal(err)
	}
	if got := out.String(); got != want {
		for i := 0; i < len(got) && i < len(want); i++ {
			if got[i] != want[i] {
				t.Fatalf("differs at byte %d:\n ours     …%.300s\n excelize …%.300s", i, got[max(0, i-100):], want[max(0, i-100):])
			}
		}
		t.Fatalf("lengths differ: ours %d, excelize %d", len(got), len(want))
	}
}

// A sequence like _xD800_ names no character: excelize drops it, the row
// writer keeps it as written.
func TestRowWriterKeepsEscapesOfNoCharacter(t *testing.T) {
	var out bytes.Buffer
	w := bufio.NewWriter(&out)
	writeCellText(w, "a_xD800_b")
	w.Flush()
	if out.String() != "a_xD800_b" {
		t.Errorf("got %q", out.String())
	}
}
