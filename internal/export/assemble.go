package export

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"fmt"
	"io"
	"os"
	"path"
	"runtime"
	"strings"

	"github.com/xuri/excelize/v2"
)

// Keeping memory flat.
//
// excelize's StreamWriter keeps each sheet's XML in a memory buffer until the
// buffer passes 16 MiB (then it moves to a temporary file, but the buffer
// keeps its capacity), and every streamed sheet stays buffered until the
// workbook is written. With ten list sheets of a few hundred thousand cells
// that is ten buffers of up to 32 MiB alive at once. So list sheets are
// written one at a time instead:
//
//  1. the workbook itself gets each list sheet with its header only (so that
//     workbook.xml, relationships, content types and the filter's defined
//     name are excelize's own);
//  2. when the workbook is zipped, each list sheet is streamed, alone, into a
//     scratch workbook with the same styles (hence the same style ids), which
//     is written to a temporary file and closed; its compressed sheet part is
//     then copied, as is, over the header-only part.
//
// At most one StreamWriter buffer is alive at any time, whatever the number
// of sheets, and nothing is compressed twice.

// bigSheet is the number of records from which a list sheet's buffer is
// worth collecting at once (a few MiB of XML).
const bigSheet = 5000

// listSheet is a sheet of records written through a StreamWriter.
type listSheet struct {
	name string
	cols []column
	n    int
	fill func(i int, row []any)
}

// list adds a sheet of n records with a bold, frozen, filterable header row.
// fill puts record i's cells into row (cleared before each call).
func (b *book) list(name, desc string, cols []column, n int, fill func(i int, row []any)) error {
	if _, err := b.f.NewSheet(name); err != nil {
		return err
	}
	b.contents = append(b.contents, sheetInfo{name: name, desc: desc, rows: n})
	l := &listSheet{name: name, cols: cols, n: n, fill: fill}
	b.lists = append(b.lists, l)
	return b.stream(l, false)
}

// stream writes l to the book's sheet of that name: the header, then the
// records when withRows, rows in ascending order, then Flush.
func (b *book) stream(l *listSheet, withRows bool) error {
	sw, err := b.f.NewStreamWriter(l.name)
	if err != nil {
		return err
	}
	for i, c := range l.cols {
		if err := sw.SetColWidth(i+1, i+1, c.width); err != nil {
			return err
		}
		if c.style != 0 {
			if err := sw.SetColStyle(i+1, i+1, c.style); err != nil {
				return err
			}
		}
	}
	if err := sw.SetPanes(frozenHeader(1)); err != nil {
		return err
	}
	row := make([]any, len(l.cols))
	for i, c := range l.cols {
		row[i] = c.head
	}
	if err := sw.SetRow("A1", row, excelize.RowOpts{StyleID: b.st.header}); err != nil {
		return err
	}
	for i := 0; withRows && i < l.n; i++ {
		clear(row)
		l.fill(i, row)
		cell, err := excelize.CoordinatesToCellName(1, i+2)
		if err != nil {
			return err
		}
		if err := sw.SetRow(cell, row); err != nil {
			return err
		}
	}
	// The filter covers every record even on the header-only sheet (its range
	// is also the workbook's _FilterDatabase name). It goes in after the head
	// was streamed and before Flush, which writes <autoFilter>.
	if err := b.f.AutoFilter(l.name, "A1:"+cellName(len(l.cols), l.n+1), nil); err != nil {
		return err
	}
	return sw.Flush()
}

// writeTo zips the workbook to w, streaming each list sheet in its turn.
func (b *book) writeTo(w io.Writer) error {
	var skeleton bytes.Buffer
	if _, err := b.f.WriteTo(&skeleton); err != nil {
		return err
	}
	zr, err := zip.NewReader(bytes.NewReader(skeleton.Bytes()), int64(skeleton.Len()))
	if err != nil {
		return err
	}
	parts, err := sheetParts(zr)
	if err != nil {
		return err
	}
	byPart := map[string]*listSheet{}
	for _, l := range b.lists {
		p, ok := parts[l.name]
		if !ok {
			return fmt.Errorf("export: sheet %q missing from the workbook", l.name)
		}
		byPart[p] = l
	}
	zw := zip.NewWriter(w)
	for _, f := range zr.File {
		if l, ok := byPart[f.Name]; ok {
			err = b.copyList(zw, f.Name, l)
			if l.n >= bigSheet {
				// The sheet's buffer (up to 32 MiB) is garbage now: collect
				// it before the next sheet grows its own, so they never add up.
				runtime.GC()
			}
		} else {
			err = zw.Copy(f)
		}
		if err != nil {
			return err
		}
	}
	return zw.Close()
}

// copyList streams l into a scratch workbook with the same styles, writes that
// to a temporary file, and copies its compressed sheet part into zw as part.
func (b *book) copyList(zw *zip.Writer, part string, l *listSheet) error {
	scratch, err := newBook(b.lang)
	if err != nil {
		return err
	}
	defer scratch.f.Close()
	if scratch.st != b.st {
		return fmt.Errorf("export: scratch workbook styles differ")
	}
	// A second sheet, not excelize's first one: the first is the selected tab,
	// and two selected tabs would open grouped in Excel.
	if _, err := scratch.f.NewSheet(l.name); err != nil {
		return err
	}
	if err := scratch.stream(l, true); err != nil {
		return err
	}
	tmp, err := os.CreateTemp("", "minka-sheet-*.xlsx")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name())
	defer tmp.Close()
	if _, err := scratch.f.WriteTo(tmp); err != nil {
		return err
	}
	scratch.f.Close() // frees the StreamWriter's buffer before the copy
	size, err := tmp.Seek(0, io.SeekCurrent)
	if err != nil {
		return err
	}
	zr, err := zip.NewReader(tmp, size)
	if err != nil {
		return err
	}
	parts, err := sheetParts(zr)
	if err != nil {
		return err
	}
	for _, f := range zr.File {
		if f.Name != parts[l.name] {
			continue
		}
		raw, err := f.OpenRaw()
		if err != nil {
			return err
		}
		h := f.FileHeader
		h.Name = part
		dst, err := zw.CreateRaw(&h)
		if err != nil {
			return err
		}
		_, err = io.Copy(dst, raw)
		return err
	}
	return fmt.Errorf("export: scratch sheet %q not found", l.name)
}

// sheetParts maps each sheet's name to its part in the package, through
// xl/workbook.xml and its relationships.
func sheetParts(zr *zip.Reader) (map[string]string, error) {
	var wb struct {
		Sheets []struct {
			Name string `xml:"name,attr"`
			RID  string `xml:"http://schemas.openxmlformats.org/officeDocument/2006/relationships id,attr"`
		} `xml:"sheets>sheet"`
	}
	var rels struct {
		Rels []struct {
			ID     string `xml:"Id,attr"`
			Target string `xml:"Target,attr"`
		} `xml:"Relationship"`
	}
	if err := readXML(zr, "xl/workbook.xml", &wb); err != nil {
		return nil, err
	}
	if err := readXML(zr, "xl/_rels/workbook.xml.rels", &rels); err != nil {
		return nil, err
	}
	targets := map[string]string{}
	for _, r := range rels.Rels {
		if strings.HasPrefix(r.Target, "/") {
			targets[r.ID] = strings.TrimPrefix(r.Target, "/")
		} else {
			targets[r.ID] = path.Join("xl", r.Target)
		}
	}
	parts := map[string]string{}
	for _, s := range wb.Sheets {
		parts[s.Name] = targets[s.RID]
	}
	return parts, nil
}

func readXML(zr *zip.Reader, name string, v any) error {
	f, err := zr.Open(name)
	if err != nil {
		return err
	}
	defer f.Close()
	return xml.NewDecoder(f).Decode(v)
}
