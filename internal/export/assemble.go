package export

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"fmt"
	"io"
	"path"
	"strings"

	"github.com/xuri/excelize/v2"
)

// Keeping memory flat.
//
// excelize's StreamWriter keeps each sheet's XML in a memory buffer until the
// buffer passes 16 MiB (then it moves to a temporary file, but the buffer
// keeps its capacity, up to 32 MiB), every streamed sheet stays buffered until
// the workbook is written, and each cell costs it about seven allocations.
// With ten list sheets of a few hundred thousand cells that is ten buffers of
// up to 32 MiB alive at once. So list sheets are written this way instead:
//
//  1. the workbook itself gets each list sheet with its header only, through
//     excelize's StreamWriter: workbook.xml, relationships, content types,
//     styles, column widths and styles, the frozen pane, the header row, the
//     filter and its defined name are all excelize's own;
//  2. when the workbook is zipped, each list sheet's header-only part is
//     copied up to its </sheetData>, the records are written as rows right
//     there, straight into the zip's compressor (rowWriter, cells.go), and
//     the rest of the part follows.
//
// No sheet's XML is ever held in memory or written twice, whatever the number
// of sheets and rows.

// listSheet is a sheet of records written as rows of cells.
type listSheet struct {
	name  string
	cols  []column
	n     int
	fill  func(i int, row []any)
	print *printSpec // its page setup (print.go)
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
	return b.header(l)
}

// header writes l's sheet with its header row only: column widths and
// styles, the frozen pane, the header and a filter over every record to come
// (its range is also the workbook's _FilterDatabase name).
func (b *book) header(l *listSheet) error {
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
	heads, widths := make([]string, len(l.cols)), make([]float64, len(l.cols))
	for i, c := range l.cols {
		heads[i], widths[i] = c.head, c.width
	}
	opts := excelize.RowOpts{StyleID: b.st.header}
	if lines := headerLines(heads, widths); lines > 1 {
		opts.Height = headerHeight(lines)
	}
	if err := sw.SetRow("A1", row, opts); err != nil {
		return err
	}
	// The filter goes in after the head was streamed and before Flush, which
	// writes <autoFilter>.
	if err := b.f.AutoFilter(l.name, "A1:"+cellName(len(l.cols), l.n+1), nil); err != nil {
		return err
	}
	return sw.Flush()
}

// writeTo zips the workbook to w, writing each list sheet's rows into its part.
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
			err = writeList(zw, f, l)
		} else {
			err = zw.Copy(f)
		}
		if err != nil {
			return err
		}
	}
	return zw.Close()
}

var endSheetData = []byte("</sheetData>")

// writeList writes the part f (l's sheet with its header row only) into zw
// with l's records as rows before its </sheetData>.
func writeList(zw *zip.Writer, f *zip.File, l *listSheet) error {
	rc, err := f.Open()
	if err != nil {
		return err
	}
	part, err := io.ReadAll(rc)
	rc.Close()
	if err != nil {
		return err
	}
	if l.print != nil {
		if part, err = l.print.apply(part); err != nil {
			return fmt.Errorf("export: sheet %q: %w", l.name, err)
		}
	}
	end := bytes.LastIndex(part, endSheetData)
	if end < 0 {
		return fmt.Errorf("export: sheet %q has no sheetData", l.name)
	}
	dst, err := zw.CreateHeader(&zip.FileHeader{Name: f.Name, Method: zip.Deflate, Modified: f.Modified})
	if err != nil {
		return err
	}
	rw := newRowWriter(dst, l.cols)
	rw.w.Write(part[:end])
	row := make([]any, len(l.cols))
	for i := 0; i < l.n; i++ {
		clear(row)
		l.fill(i, row)
		rw.row(i+2, row)
	}
	rw.w.Write(part[end:])
	return rw.w.Flush()
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
