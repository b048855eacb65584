package export

import (
	"bufio"
	"fmt"
	"io"
	"math"
	"regexp"
	"strconv"
	"strings"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"
)

// rowWriter writes records as <row> elements of a worksheet's sheetData,
// cell by cell, the way excelize's StreamWriter writes them (the same XML
// for the same values), but straight to w, without keeping anything:
//
//   - text is an inline string (t="inlineStr"), never a formula, so text
//     typed by a participant stays inert; it is escaped for XML, characters
//     XML cannot hold become U+FFFD, Excel's own _xHHHH_ escapes in the text
//     are escaped in turn, and text longer than a cell holds (32,767 UTF-16
//     units) is cut there;
//   - ints and floats are numbers (<v>), NaN and ±Inf are text;
//   - a cell takes its column's style unless it is an excelize.Cell with a
//     style of its own; nil leaves the cell out.
type rowWriter struct {
	w      *bufio.Writer
	refs   []string // column letters
	styles []string // ` s="N"` per column, or ""
	num    []byte
}

func newRowWriter(w io.Writer, cols []column) *rowWriter {
	rw := &rowWriter{w: bufio.NewWriterSize(w, 64<<10), refs: make([]string, len(cols)), styles: make([]string, len(cols))}
	for i, c := range cols {
		rw.refs[i], _ = excelize.ColumnNumberToName(i + 1)
		if c.style != 0 {
			rw.styles[i] = ` s="` + strconv.Itoa(c.style) + `"`
		}
	}
	return rw
}

// row writes row number n with values (one per column).
func (rw *rowWriter) row(n int, values []any) {
	w := rw.w
	rw.num = strconv.AppendInt(rw.num[:0], int64(n), 10)
	w.WriteString(`<row r="`)
	w.Write(rw.num)
	w.WriteString(`">`)
	for i, v := range values {
		if v == nil {
			continue
		}
		style := rw.styles[i]
		if c, ok := v.(excelize.Cell); ok {
			if c.StyleID > 0 {
				style = ` s="` + strconv.Itoa(c.StyleID) + `"`
			}
			v = c.Value
		}
		w.WriteString(`<c r="`)
		w.WriteString(rw.refs[i])
		w.Write(rw.num)
		w.WriteString(`"`)
		w.WriteString(style)
		switch x := v.(type) {
		case nil:
			w.WriteString(`></c>`)
		case string:
			rw.text(x)
		case int:
			rw.number(strconv.AppendInt(rw.num[len(rw.num):], int64(x), 10))
		case int64:
			rw.number(strconv.AppendInt(rw.num[len(rw.num):], x, 10))
		case float64:
			if math.IsNaN(x) || math.IsInf(x, 0) {
				rw.text(fmt.Sprint(x))
				break
			}
			rw.number(strconv.AppendFloat(rw.num[len(rw.num):], x, 'f', -1, 64))
		default:
			rw.text(fmt.Sprint(x))
		}
	}
	w.WriteString(`</row>`)
}

// number finishes a cell (after its attributes) holding the number v.
func (rw *rowWriter) number(v []byte) {
	rw.w.WriteString(`><v>`)
	rw.w.Write(v)
	rw.w.WriteString(`</v></c>`)
}

// text finishes a cell (after its attributes) holding s as an inline string.
func (rw *rowWriter) text(s string) {
	w := rw.w
	w.WriteString(` t="inlineStr"><is><t`)
	if s != "" && (spaceByte(s[0]) || spaceByte(s[len(s)-1])) {
		w.WriteString(` xml:space="preserve"`)
	}
	w.WriteString(`>`)
	writeCellText(w, s)
	w.WriteString(`</t></is></c>`)
}

func spaceByte(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\r' }

// maxCellUnits is the most text a cell holds, in UTF-16 units.
const maxCellUnits = 32767

// writeCellText writes s escaped for XML text as excelize does: &, <, >, and
// quotes as entities, tab and CR as character references, newlines as they
// are, anything XML cannot hold as U+FFFD; then Excel's _xHHHH_ escapes.
func writeCellText(w *bufio.Writer, s string) {
	if strings.Contains(s, "_x") {
		var b strings.Builder
		escapeText(&b, s)
		w.WriteString(bstrMarshal(b.String()))
		return
	}
	escapeText(w, s)
}

type stringWriter interface {
	WriteString(string) (int, error)
	WriteRune(rune) (int, error)
}

func escapeText(w stringWriter, s string) {
	units, last, i := 0, 0, 0
	for i < len(s) {
		r, width := utf8.DecodeRuneInString(s[i:])
		if units += utf16.RuneLen(r); units > maxCellUnits {
			break
		}
		var esc string
		switch {
		case r == '&':
			esc = "&amp;"
		case r == '<':
			esc = "&lt;"
		case r == '>':
			esc = "&gt;"
		case r == '"':
			esc = "&#34;"
		case r == '\'':
			esc = "&#39;"
		case r == '\t':
			esc = "&#x9;"
		case r == '\r':
			esc = "&#xD;"
		case r == utf8.RuneError && width == 1, !xmlChar(r):
			esc = "\uFFFD"
		}
		if esc != "" {
			w.WriteString(s[last:i])
			w.WriteString(esc)
			last = i + width
		}
		i += width
	}
	w.WriteString(s[last:i])
}

// xmlChar reports whether r may appear in XML 1.0 text.
func xmlChar(r rune) bool {
	return r == 0x09 || r == 0x0A || r == 0x0D || (r >= 0x20 && r <= 0xD7FF) ||
		(r >= 0xE000 && r <= 0xFFFD) || (r >= 0x10000 && r <= 0x10FFFF)
}

var (
	bstrExp       = regexp.MustCompile(`_x[a-fA-F\d]{4}_`)
	bstrEscapeExp = regexp.MustCompile(`x[a-fA-F\d]{4}_`)
)

// bstrMarshal escapes the _xHHHH_ sequences that Excel would read as a
// character, so that the text reads back as written. It is excelize's own
// (lib.go, BSD-3-Clause), which its StreamWriter applies to every string,
// except that a sequence naming no character is kept (excelize drops it).
func bstrMarshal(s string) (result string) {
	matches, l, cursor := bstrExp.FindAllStringSubmatchIndex(s, -1), len(s), 0
	for _, match := range matches {
		result += s[cursor:match[0]]
		subStr := s[match[0]:match[1]]
		if subStr == "_x005F_" {
			cursor = match[1]
			if match[1]+6 <= l && bstrEscapeExp.MatchString(s[match[1]:match[1]+6]) {
				_, err := strconv.Unquote(`"\u` + s[match[1]+1:match[1]+5] + `"`)
				if err == nil {
					result += subStr + "x005F" + subStr
					continue
				}
			}
			result += subStr + "x005F_"
			continue
		}
		cursor = match[1]
		if _, err := strconv.Unquote(`"\u` + s[match[0]+2:match[1]-1] + `"`); err == nil {
			result += "_x005F" + subStr
			continue
		}
		result += subStr // not a character Excel would read (a lone surrogate): left as it is
	}
	if cursor < l {
		result += s[cursor:]
	}
	return result
}
