package export

import (
	"bytes"
	"encoding/xml"
	"fmt"
	"strings"

	"github.com/xuri/excelize/v2"
)

// portraitWidth is the widest a sheet may be, in Excel's column-width units
// (about one character each), to print upright on A4; wider sheets print
// landscape.
const portraitWidth = 100

// printSetup makes every sheet print as an annex: on A4, landscape when it
// is wide, scaled to the page's width (as many pages tall as it needs, never
// a table cut across pages sideways), the header row repeated on every page
// of a list sheet, and a footer with the process and "page N of M".
func (b *book) printSetup(process string) error {
	a4 := 9
	one, tall := 1, 0
	fit := true
	footer := "&L&8" + footerText(process) + "&R&8" + footerText(b.t("export.print.page"))
	byName := map[string]*listSheet{}
	for _, l := range b.lists {
		byName[l.name] = l
	}
	for _, name := range b.f.GetSheetList() {
		orient := "portrait"
		if b.sheetWidth(name) > portraitWidth {
			orient = "landscape"
		}
		if l := byName[name]; l != nil {
			// A list sheet's part is written by writeList, which puts these
			// settings in (excelize's setters do not reach streamed sheets).
			l.print = &printSpec{orientation: orient, footer: footer}
			if err := b.f.SetDefinedName(&excelize.DefinedName{Name: "_xlnm.Print_Titles", RefersTo: "'" + strings.ReplaceAll(name, "'", "''") + "'!$1:$1", Scope: name}); err != nil {
				return err
			}
			continue
		}
		if err := b.f.SetPageLayout(name, &excelize.PageLayoutOptions{Size: &a4, Orientation: &orient, FitToWidth: &one, FitToHeight: &tall}); err != nil {
			return err
		}
		if err := b.f.SetSheetProps(name, &excelize.SheetPropsOptions{FitToPage: &fit}); err != nil {
			return err
		}
		if err := b.f.SetHeaderFooter(name, &excelize.HeaderFooterOptions{OddFooter: footer}); err != nil {
			return err
		}
	}
	return nil
}

// sheetWidth is the sum of the widths of the sheet's used columns.
func (b *book) sheetWidth(name string) float64 {
	for _, l := range b.lists {
		if l.name == name {
			w := 0.0
			for _, c := range l.cols {
				w += c.width
			}
			return w
		}
	}
	dim, err := b.f.GetSheetDimension(name)
	if err != nil || dim == "" {
		return 0
	}
	last := dim
	if i := strings.IndexByte(dim, ':'); i >= 0 {
		last = dim[i+1:]
	}
	col, _, err := excelize.CellNameToCoordinates(last)
	if err != nil {
		return 0
	}
	w := 0.0
	for i := 1; i <= col; i++ {
		cn, _ := excelize.ColumnNumberToName(i)
		cw, err := b.f.GetColWidth(name, cn)
		if err != nil {
			return 0
		}
		w += cw
	}
	return w
}

// footerText escapes & for a header/footer string ("&&" prints one &) and
// keeps the page codes of export.print.page ("&P", "&N") working.
func footerText(s string) string {
	s = strings.ReplaceAll(s, "&", "&&")
	s = strings.ReplaceAll(s, "&&P", "&P")
	return strings.ReplaceAll(s, "&&N", "&N")
}

// printSpec is a list sheet's page setup, written into its part.
type printSpec struct {
	orientation string
	footer      string
}

// Elements a worksheet may have after headerFooter (ECMA-376 CT_Worksheet):
// the page setup goes before the first of them, or before </worksheet>.
var afterFooter = [][]byte{[]byte("<rowBreaks"), []byte("<colBreaks"), []byte("<customProperties"), []byte("<cellWatches"),
	[]byte("<ignoredErrors"), []byte("<smartTags"), []byte("<drawing"), []byte("<legacyDrawing"), []byte("<picture"),
	[]byte("<oleObjects"), []byte("<controls"), []byte("<webPublishItems"), []byte("<tableParts"), []byte("<extLst"), []byte("</worksheet>")}

// apply puts p into a worksheet part written by excelize's StreamWriter:
// fit-to-page in its sheetPr (the first element) and the margins, page
// setup and footer after its other elements.
func (p *printSpec) apply(part []byte) ([]byte, error) {
	open := bytes.Index(part, []byte("<worksheet"))
	if open < 0 {
		return nil, fmt.Errorf("export: not a worksheet")
	}
	first := bytes.IndexByte(part[open:], '>')
	if first < 0 || bytes.Contains(part, []byte("<sheetPr")) || bytes.Contains(part, []byte("<pageSetup")) {
		return nil, fmt.Errorf("export: unexpected worksheet head")
	}
	first += open + 1
	end := bytes.LastIndex(part, endSheetData)
	if end < 0 {
		return nil, fmt.Errorf("export: no sheetData")
	}
	at := -1
	for _, tag := range afterFooter {
		if i := bytes.Index(part[end:], tag); i >= 0 && (at < 0 || end+i < at) {
			at = end + i
		}
	}
	if at < 0 {
		return nil, fmt.Errorf("export: no end of worksheet")
	}
	var footer bytes.Buffer
	if err := xml.EscapeText(&footer, []byte(p.footer)); err != nil {
		return nil, err
	}
	setup := `<pageMargins left="0.5" right="0.5" top="0.6" bottom="0.7" header="0.3" footer="0.3"/>` +
		`<pageSetup paperSize="9" orientation="` + p.orientation + `" fitToWidth="1" fitToHeight="0"/>` +
		`<headerFooter><oddFooter>` + footer.String() + `</oddFooter></headerFooter>`
	out := make([]byte, 0, len(part)+len(setup)+64)
	out = append(out, part[:first]...)
	out = append(out, `<sheetPr><pageSetUpPr fitToPage="1"/></sheetPr>`...)
	out = append(out, part[first:at]...)
	out = append(out, setup...)
	out = append(out, part[at:]...)
	return out, nil
}
