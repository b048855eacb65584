package export

import (
	"fmt"
	"strings"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/minka-gob/minka/internal/i18n"
)

// book is a workbook being written: the excelize file, the language of its
// headers and the few styles every sheet shares (created once: a style per
// cell would bloat styles.xml and slow Excel down).
type book struct {
	f    *excelize.File
	lang string
	st   styles
	// contents lists the sheets written, for the cover.
	contents []sheetInfo
	// lists are the list sheets, written one at a time at the end (assemble.go).
	lists []*listSheet
	// fig is the plan's tables computed by internal/report; public is the variant.
	fig    figures
	public bool
}

type sheetInfo struct {
	name string
	desc string
	rows int
}

type styles struct {
	header, title, note, wrap                int
	date, datetime, pct, dec2, dec4          int
	bold, boldPct, boldDec2, mark, linkStyle int
}

func newBook(lang string) (*book, error) {
	b := &book{f: excelize.NewFile(), lang: lang}
	dateFmt, datetimeFmt := "dd/mm/yyyy", "dd/mm/yyyy hh:mm"
	if lang == "en" {
		dateFmt, datetimeFmt = "d mmm yyyy", "d mmm yyyy hh:mm"
	}
	pctFmt, dec2Fmt, dec4Fmt := "0.0%", "0.00", "0.0000"
	top := &excelize.Alignment{Vertical: "top"}
	specs := []struct {
		id *int
		s  excelize.Style
	}{
		{&b.st.header, excelize.Style{
			Font:      &excelize.Font{Bold: true},
			Fill:      excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"E9E4DC"}},
			Alignment: &excelize.Alignment{Vertical: "center", WrapText: true},
			Border:    []excelize.Border{{Type: "bottom", Color: "8A1C2B", Style: 2}},
		}},
		{&b.st.title, excelize.Style{Font: &excelize.Font{Bold: true, Size: 14, Color: "8A1C2B"}}},
		{&b.st.note, excelize.Style{Font: &excelize.Font{Italic: true, Color: "555A64"}, Alignment: &excelize.Alignment{WrapText: true, Vertical: "top"}}},
		{&b.st.wrap, excelize.Style{Alignment: &excelize.Alignment{WrapText: true, Vertical: "top"}}},
		{&b.st.date, excelize.Style{CustomNumFmt: &dateFmt, Alignment: top}},
		{&b.st.datetime, excelize.Style{CustomNumFmt: &datetimeFmt, Alignment: top}},
		{&b.st.pct, excelize.Style{CustomNumFmt: &pctFmt}},
		{&b.st.dec2, excelize.Style{CustomNumFmt: &dec2Fmt, Alignment: top}},
		{&b.st.dec4, excelize.Style{CustomNumFmt: &dec4Fmt, Alignment: top}},
		{&b.st.bold, excelize.Style{Font: &excelize.Font{Bold: true}, Border: []excelize.Border{{Type: "top", Color: "1B1B1F", Style: 1}}}},
		{&b.st.boldPct, excelize.Style{Font: &excelize.Font{Bold: true}, CustomNumFmt: &pctFmt, Border: []excelize.Border{{Type: "top", Color: "1B1B1F", Style: 1}}}},
		{&b.st.boldDec2, excelize.Style{Font: &excelize.Font{Bold: true}, CustomNumFmt: &dec2Fmt, Border: []excelize.Border{{Type: "top", Color: "1B1B1F", Style: 1}}}},
		{&b.st.mark, excelize.Style{Font: &excelize.Font{Bold: true, Color: "0E4D2A"}, Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"D9EFE2"}}, Alignment: top}},
		{&b.st.linkStyle, excelize.Style{Font: &excelize.Font{Color: "0B5D8C", Underline: "single"}}},
	}
	for _, sp := range specs {
		id, err := b.f.NewStyle(&sp.s)
		if err != nil {
			return nil, err
		}
		*sp.id = id
	}
	return b, nil
}

func (b *book) t(key string, args ...any) string { return i18n.T(b.lang, key, args...) }

// code translates a stored code (gender, sector, principle…) through
// prefix+code, showing the code itself when no translation exists.
func (b *book) code(prefix, code string) string {
	if code == "" {
		return ""
	}
	if i18n.Has(b.lang, prefix+code) {
		return i18n.T(b.lang, prefix+code)
	}
	return code
}

func (b *book) yesNo(v bool) string {
	if v {
		return b.t("export.yes")
	}
	return b.t("export.no")
}

// excelEpoch is day 0 of Excel's 1900 date system as Excel counts it (it
// believes 1900 was a leap year, so serial 60 is a 29 February that never was;
// from March 1900 on, counting from 30 December 1899 gives Excel's serials).
var excelEpoch = time.Date(1899, 12, 30, 0, 0, 0, 0, time.UTC)

// serial is t as an Excel date-time number in Lima wall-clock time, the time
// the workshops lived in. Computed here rather than by excelize, which looks
// the workbook's date system up again for every cell.
func serial(t time.Time) float64 {
	l := t.In(i18n.Lima)
	y, m, d := l.Date()
	wall := time.Date(y, m, d, l.Hour(), l.Minute(), l.Second(), l.Nanosecond(), time.UTC)
	return wall.Sub(excelEpoch).Hours() / 24
}

// dateSerial turns a YYYY-MM-DD date into an Excel date number; ok is false
// for anything else (which is then written as text).
func dateSerial(date string) (float64, bool) {
	t, err := time.Parse("2006-01-02", date)
	if err != nil {
		return 0, false
	}
	return t.Sub(excelEpoch).Hours() / 24, true
}

// dateCell is a date written as a real Excel date when it parses.
func dateCell(date string) any {
	if v, ok := dateSerial(date); ok {
		return v
	}
	return str(date)
}

// timeCell is an instant as an Excel date-time, or blank when unknown.
func timeCell(t time.Time) any {
	if t.IsZero() {
		return nil
	}
	return serial(t)
}

// str leaves empty text out of the file instead of writing an empty string.
// Text is always a value: excelize writes it as an inline string, never as a
// formula, so "=HYPERLINK(…)" typed by a participant stays inert text.
func str(s string) any {
	if s == "" {
		return nil
	}
	return s
}

// column describes a column of a list sheet.
type column struct {
	head  string // translated header
	width float64
	style int // style of the column's data cells (0: none)
}

// frozenHeader keeps the first rows rows visible while scrolling.
func frozenHeader(rows int) *excelize.Panes {
	top := cellName(1, rows+1)
	return &excelize.Panes{Freeze: true, YSplit: rows, TopLeftCell: top, ActivePane: "bottomLeft",
		Selection: []excelize.Selection{{SQRef: top, ActiveCell: top, Pane: "bottomLeft"}}}
}

// cellName is "B7" for column 2, row 7.
func cellName(col, row int) string {
	c, err := excelize.CoordinatesToCellName(col, row)
	if err != nil {
		panic(err) // only called with positive coordinates inside the sheet
	}
	return c
}

// ref is an absolute reference to a range of sheet, for charts.
func ref(sheet string, col1, row1, col2, row2 int) string {
	abs := func(col, row int) string {
		name, _ := excelize.ColumnNumberToName(col)
		return fmt.Sprintf("$%s$%d", name, row)
	}
	return "'" + strings.ReplaceAll(sheet, "'", "''") + "'!" + abs(col1, row1) + ":" + abs(col2, row2)
}

// cells is a small sheet written cell by cell (the aggregate tables): the
// ordinary excelize API, fine for a few dozen rows, and needed for charts.
type cells struct {
	b     *book
	sheet string
	err   error
}

func (b *book) small(name, desc string, rows int) (*cells, error) {
	if _, err := b.f.NewSheet(name); err != nil {
		return nil, err
	}
	b.contents = append(b.contents, sheetInfo{name: name, desc: desc, rows: rows})
	return &cells{b: b, sheet: name}, nil
}

// set writes v (nil leaves the cell blank) with style (0: none) at col,row.
func (c *cells) set(col, row int, v any, style int) {
	if c.err != nil {
		return
	}
	cell := cellName(col, row)
	if v != nil {
		c.err = c.b.f.SetCellValue(c.sheet, cell, v)
	}
	if c.err == nil && style != 0 {
		c.err = c.b.f.SetCellStyle(c.sheet, cell, cell, style)
	}
}

// header writes a header row at row from col 1, tall enough for its
// wrapped titles (so that no title covers the first data row when printed).
func (c *cells) header(row int, heads ...string) {
	widths := make([]float64, len(heads))
	for i, h := range heads {
		c.set(i+1, row, h, c.b.st.header)
		col, _ := excelize.ColumnNumberToName(i + 1)
		widths[i], _ = c.b.f.GetColWidth(c.sheet, col)
	}
	if lines := headerLines(heads, widths); lines > 1 && c.err == nil {
		c.err = c.b.f.SetRowHeight(c.sheet, row, headerHeight(lines))
	}
}

// headerLines is how many lines the tallest of heads takes wrapped in its
// column (widths in characters; a bold character is taken as 1.15 wide).
func headerLines(heads []string, widths []float64) int {
	most := 1
	for i, h := range heads {
		w := 8.43
		if i < len(widths) && widths[i] > 1 {
			w = widths[i] - 1
		}
		lines := int(float64(len([]rune(h)))*1.15/w) + 1
		if lines > most {
			most = lines
		}
	}
	return most
}

// headerHeight is the row height, in points, of lines lines of 11-pt text.
func headerHeight(lines int) float64 { return float64(lines)*15 + 3 }

// widths sets the column widths from column 1 on.
func (c *cells) widths(ws ...float64) {
	for i, w := range ws {
		if c.err == nil {
			col, _ := excelize.ColumnNumberToName(i + 1)
			c.err = c.b.f.SetColWidth(c.sheet, col, col, w)
		}
	}
}

// freeze keeps the first rows rows visible and filters the range given.
func (c *cells) freeze(rows int, filter string) {
	if c.err == nil {
		c.err = c.b.f.SetPanes(c.sheet, frozenHeader(rows))
	}
	if c.err == nil && filter != "" {
		c.err = c.b.f.AutoFilter(c.sheet, filter, nil)
	}
}

// csvTime is an instant in Lima time as a spreadsheet-readable text.
func csvTime(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.In(i18n.Lima).Format("2006-01-02 15:04")
}
