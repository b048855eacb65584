package export_test

import (
	"strconv"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/minka-gob/minka/internal/export"
)

// checkPrintSetup checks that every sheet of f prints as an annex: A4,
// scaled to one page wide (as many tall as needed), landscape when wide,
// a footer with the process and the page number, and the header row
// repeated on every page of the list sheets.
func checkPrintSetup(t *testing.T, f *excelize.File, who string) {
	t.Helper()
	titles := map[string]bool{}
	for _, dn := range f.GetDefinedName() {
		if dn.Name == "_xlnm.Print_Titles" && strings.HasSuffix(dn.RefersTo, "!$1:$1") {
			titles[dn.Scope] = true
		}
	}
	for _, name := range f.GetSheetList() {
		pl, err := f.GetPageLayout(name)
		if err != nil {
			t.Fatalf("%s %s: %v", who, name, err)
		}
		if pl.FitToWidth == nil || *pl.FitToWidth != 1 || pl.FitToHeight == nil || *pl.FitToHeight != 0 {
			t.Errorf("%s %s: not fitted to one page wide (%v × %v)", who, name, deref(pl.FitToWidth), deref(pl.FitToHeight))
		}
		if pl.Size == nil || *pl.Size != 9 {
			t.Errorf("%s %s: paper size %v, want A4 (9)", who, name, deref(pl.Size))
		}
		props, err := f.GetSheetProps(name)
		if err != nil || props.FitToPage == nil || !*props.FitToPage {
			t.Errorf("%s %s: fit to page is off", who, name)
		}
		hf, err := f.GetHeaderFooter(name)
		if err != nil || hf == nil || !strings.Contains(hf.OddFooter, "&P") || !strings.Contains(hf.OddFooter, "Minka") {
			t.Errorf("%s %s: footer %+v (%v), want the process and the page number", who, name, hf, err)
		}
	}
	for _, list := range []string{"Participantes", "Ideas", "Puntajes"} {
		if !titles[list] {
			t.Errorf("%s %s: the header row is not repeated on every page (print titles %v)", who, list, titles)
		}
		pl, _ := f.GetPageLayout(list)
		if pl.Orientation == nil || *pl.Orientation != "landscape" {
			t.Errorf("%s %s: a wide list prints %v, want landscape", who, list, pl.Orientation)
		}
	}
}

func deref(p *int) any {
	if p == nil {
		return nil
	}
	return *p
}

func TestEverySheetPrintsAsAnAnnex(t *testing.T) {
	wb := write(t, viReport(), export.Options{GeneratedAt: generated})
	checkPrintSetup(t, wb.f, "Minka's workbook")
	// The list sheets keep their rows under the page setup.
	rows, err := wb.f.GetRows("Participantes")
	if err != nil || len(rows) < 100 {
		t.Fatalf("Participantes has %d rows (%v)", len(rows), err)
	}
}

// A header title that wraps in its column gets a row tall enough for it:
// printed, "Participación ciudadana" must not cover the first number below.
func TestWrappedHeadersHaveRoom(t *testing.T) {
	wb := write(t, viReport(), export.Options{GeneratedAt: generated})
	headerStyle, err := wb.f.GetCellStyle("Participantes", "A1")
	if err != nil {
		t.Fatal(err)
	}
	found := 0
	for _, sheet := range wb.f.GetSheetList() {
		rows, err := wb.f.GetRows(sheet)
		if err != nil {
			t.Fatal(err)
		}
		for r, row := range rows {
			for c, v := range row {
				if v != "Participación ciudadana" {
					continue
				}
				col, _ := excelize.ColumnNumberToName(c + 1)
				if st, _ := wb.f.GetCellStyle(sheet, col+strconv.Itoa(r+1)); st != headerStyle {
					continue // a value, not a header
				}
				w, _ := wb.f.GetColWidth(sheet, col)
				if float64(len([]rune(v)))*1.15 <= w-1 {
					continue // fits on one line
				}
				found++
				h, _ := wb.f.GetRowHeight(sheet, r+1)
				if h < 30 {
					t.Errorf("%s!%s%d: %q wraps in a %.0f-wide column but its row is %.0f pt tall", sheet, col, r+1, v, w, h)
				}
			}
		}
	}
	if found == 0 {
		t.Fatal("no wrapped \"Participación ciudadana\" header in the workbook: the test proves nothing")
	}
}
