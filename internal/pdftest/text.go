package pdftest

import (
	"bytes"
	"compress/zlib"
	"fmt"
	"io"
	"regexp"
	"strconv"
	"strings"
	"unicode/utf16"
)

// Doc is a PDF read for its pages, their text and its outline (the
// bookmarks LibreOffice writes, one per spreadsheet sheet).
type Doc struct {
	objs  map[int]object
	pages []int // page object numbers in page order
}

type object struct {
	dict   []byte // up to "stream" or "endobj"
	stream []byte // raw (still encoded) stream data, if any
}

// Bookmark is a top-level outline entry: its title and the index (from 0)
// of the page it opens.
type Bookmark struct {
	Title string
	Page  int
}

var (
	refRe     = regexp.MustCompile(`(\d+)\s+\d+\s+R\b`)
	rootRe    = regexp.MustCompile(`/Root\s+(\d+)\s+\d+\s+R`)
	pagesRe   = regexp.MustCompile(`/Pages\s+(\d+)\s+\d+\s+R`)
	kidsRe    = regexp.MustCompile(`/Kids\s*\[([^\]]*)\]`)
	fontRefRe = regexp.MustCompile(`/([A-Za-z0-9_.+-]+)\s+(\d+)\s+\d+\s+R`)
)

// Open reads a PDF's objects and its page tree.
func Open(pdf []byte) (*Doc, error) {
	if !bytes.HasPrefix(pdf, []byte("%PDF-")) {
		return nil, fmt.Errorf("not a PDF")
	}
	d := &Doc{objs: map[int]object{}}
	for _, m := range objStart.FindAllSubmatchIndex(pdf, -1) {
		num, _ := strconv.Atoi(string(pdf[m[2]:m[3]]))
		rest := pdf[m[1]:]
		end := bytes.Index(rest, []byte("endobj"))
		if end < 0 {
			continue
		}
		var o object
		st := bytes.Index(rest, []byte("stream"))
		if st >= 0 && st < end && !bytes.HasSuffix(rest[:st], []byte("end")) {
			o.dict = rest[:st]
			data := rest[st+len("stream"):]
			data = bytes.TrimPrefix(data, []byte("\r"))
			data = bytes.TrimPrefix(data, []byte("\n"))
			es := bytes.Index(data, []byte("endstream"))
			if es < 0 {
				return nil, fmt.Errorf("object %d: stream without end", num)
			}
			o.stream = data[:es]
		} else {
			o.dict = rest[:end]
		}
		if objStm.Match(o.dict) {
			return nil, fmt.Errorf("the PDF keeps objects in compressed object streams, which this reader does not open")
		}
		if _, seen := d.objs[num]; !seen { // the first definition (no incremental updates here)
			d.objs[num] = o
		}
	}
	root := -1
	if m := rootRe.FindSubmatch(pdf[bytes.LastIndex(pdf, []byte("trailer"))+1:]); m != nil {
		root, _ = strconv.Atoi(string(m[1]))
	} else {
		for n, o := range d.objs {
			if bytes.Contains(o.dict, []byte("/Catalog")) {
				root = n
			}
		}
	}
	cat, ok := d.objs[root]
	if !ok {
		return nil, fmt.Errorf("no catalog")
	}
	m := pagesRe.FindSubmatch(cat.dict)
	if m == nil {
		return nil, fmt.Errorf("the catalog has no page tree")
	}
	top, _ := strconv.Atoi(string(m[1]))
	if err := d.walk(top, 0); err != nil {
		return nil, err
	}
	if len(d.pages) == 0 {
		return nil, fmt.Errorf("no page objects found")
	}
	return d, nil
}

func (d *Doc) walk(n, depth int) error {
	if depth > 32 {
		return fmt.Errorf("page tree too deep")
	}
	o, ok := d.objs[n]
	if !ok {
		return fmt.Errorf("page tree node %d missing", n)
	}
	if typePags.Match(o.dict) {
		k := kidsRe.FindSubmatch(o.dict)
		if k == nil {
			return fmt.Errorf("page tree node %d has no kids", n)
		}
		for _, r := range refRe.FindAllSubmatch(k[1], -1) {
			kid, _ := strconv.Atoi(string(r[1]))
			if err := d.walk(kid, depth+1); err != nil {
				return err
			}
		}
		return nil
	}
	if typePage.Match(o.dict) {
		d.pages = append(d.pages, n)
	}
	return nil
}

// NumPages is the number of pages.
func (d *Doc) NumPages() int { return len(d.pages) }

// Outline returns the top-level bookmarks in order.
func (d *Doc) Outline() ([]Bookmark, error) {
	index := map[int]int{}
	for i, n := range d.pages {
		index[n] = i
	}
	var cat object
	for _, o := range d.objs {
		if bytes.Contains(o.dict, []byte("/Type/Catalog")) || bytes.Contains(o.dict, []byte("/Type /Catalog")) {
			cat = o
		}
	}
	out, ok := refAfter(cat.dict, "/Outlines")
	if !ok {
		return nil, fmt.Errorf("the PDF has no outline")
	}
	first, ok := refAfter(d.objs[out].dict, "/First")
	var marks []Bookmark
	for n := first; ok && len(marks) <= len(d.objs); n, ok = refAfter(d.objs[n].dict, "/Next") {
		o := d.objs[n].dict
		title, err := pdfString(o, "/Title")
		if err != nil {
			return nil, fmt.Errorf("bookmark %d: %w", n, err)
		}
		page, has := refAfter(o, "/Dest")
		if !has {
			return nil, fmt.Errorf("bookmark %q has no page", title)
		}
		i, found := index[page]
		if !found {
			return nil, fmt.Errorf("bookmark %q opens object %d, not a page", title, page)
		}
		marks = append(marks, Bookmark{Title: title, Page: i})
	}
	if len(marks) == 0 {
		return nil, fmt.Errorf("the outline is empty")
	}
	return marks, nil
}

// refAfter is the object number of the reference that follows key in dict
// (for /Dest, the first element of its array).
func refAfter(dict []byte, key string) (int, bool) {
	re := regexp.MustCompile(regexp.QuoteMeta(key) + `\s*\[?\s*(\d+)\s+\d+\s+R`)
	m := re.FindSubmatch(dict)
	if m == nil {
		return 0, false
	}
	n, _ := strconv.Atoi(string(m[1]))
	return n, true
}

// pdfString reads the text string value of key: <FEFF…> (UTF-16BE hex) or
// (literal).
func pdfString(dict []byte, key string) (string, error) {
	i := bytes.Index(dict, []byte(key))
	if i < 0 {
		return "", fmt.Errorf("no %s", key)
	}
	rest := bytes.TrimLeft(dict[i+len(key):], " \r\n\t")
	if len(rest) == 0 {
		return "", fmt.Errorf("empty %s", key)
	}
	var raw []byte
	switch rest[0] {
	case '<':
		end := bytes.IndexByte(rest, '>')
		if end < 0 {
			return "", fmt.Errorf("bad %s", key)
		}
		raw = hexBytes(rest[1:end])
	case '(':
		s, _ := literal(rest)
		raw = s
	default:
		return "", fmt.Errorf("%s is not a string", key)
	}
	if len(raw) >= 2 && raw[0] == 0xFE && raw[1] == 0xFF {
		return utf16BE(raw[2:]), nil
	}
	return string(raw), nil
}

func hexBytes(h []byte) []byte {
	h = bytes.Map(func(r rune) rune {
		if strings.ContainsRune("0123456789abcdefABCDEF", r) {
			return r
		}
		return -1
	}, h)
	if len(h)%2 == 1 {
		h = append(h, '0')
	}
	out := make([]byte, len(h)/2)
	for i := range out {
		v, _ := strconv.ParseUint(string(h[2*i:2*i+2]), 16, 8)
		out[i] = byte(v)
	}
	return out
}

func utf16BE(b []byte) string {
	u := make([]uint16, len(b)/2)
	for i := range u {
		u[i] = uint16(b[2*i])<<8 | uint16(b[2*i+1])
	}
	return string(utf16.Decode(u))
}

// literal reads a (…) string at the start of b, with its escapes and
// nested parentheses, and returns it and the bytes after it.
func literal(b []byte) ([]byte, []byte) {
	var out []byte
	depth := 0
	for i := 0; i < len(b); i++ {
		c := b[i]
		switch {
		case c == '(':
			if depth > 0 {
				out = append(out, c)
			}
			depth++
		case c == ')':
			depth--
			if depth == 0 {
				return out, b[i+1:]
			}
			out = append(out, c)
		case c == '\\' && i+1 < len(b):
			i++
			switch e := b[i]; e {
			case 'n':
				out = append(out, '\n')
			case 'r':
				out = append(out, '\r')
			case 't':
				out = append(out, '\t')
			case 'b', 'f':
			case '0', '1', '2', '3', '4', '5', '6', '7':
				j := i
				for j < len(b) && j < i+3 && b[j] >= '0' && b[j] <= '7' {
					j++
				}
				v, _ := strconv.ParseUint(string(b[i:j]), 8, 8)
				out = append(out, byte(v))
				i = j - 1
			case '\n', '\r':
			default:
				out = append(out, e)
			}
		default:
			out = append(out, c)
		}
	}
	return out, nil
}

// decoded returns an object's stream, inflated when it is FlateDecode.
func (d *Doc) decoded(n int) ([]byte, error) {
	o, ok := d.objs[n]
	if !ok || o.stream == nil {
		return nil, fmt.Errorf("object %d has no stream", n)
	}
	if !bytes.Contains(o.dict, []byte("/FlateDecode")) {
		return o.stream, nil
	}
	r, err := zlib.NewReader(bytes.NewReader(o.stream))
	if err != nil {
		return nil, fmt.Errorf("object %d: %w", n, err)
	}
	b, err := io.ReadAll(r)
	if err != nil && len(b) == 0 {
		return nil, fmt.Errorf("object %d: %w", n, err)
	}
	return b, nil
}

// dictAfter is the dictionary value of key in dict, inline (<<…>>) or
// through a reference.
func (d *Doc) dictAfter(dict []byte, key string) []byte {
	i := bytes.Index(dict, []byte(key))
	if i < 0 {
		return nil
	}
	rest := bytes.TrimLeft(dict[i+len(key):], " \r\n\t")
	if bytes.HasPrefix(rest, []byte("<<")) {
		depth := 0
		for j := 0; j+1 < len(rest); j++ {
			switch {
			case rest[j] == '<' && rest[j+1] == '<':
				depth++
				j++
			case rest[j] == '>' && rest[j+1] == '>':
				depth--
				j++
				if depth == 0 {
					return rest[:j+1]
				}
			}
		}
		return rest
	}
	if m := regexp.MustCompile(`^(\d+)\s+\d+\s+R`).FindSubmatch(rest); m != nil {
		n, _ := strconv.Atoi(string(m[1]))
		return d.objs[n].dict
	}
	return nil
}

// cmap maps a font's character codes to text (its /ToUnicode).
type cmap struct {
	width int // bytes per code
	m     map[uint32]string
}

var (
	bfchar  = regexp.MustCompile(`(?s)beginbfchar(.*?)endbfchar`)
	bfrange = regexp.MustCompile(`(?s)beginbfrange(.*?)endbfrange`)
	hexTok  = regexp.MustCompile(`<([0-9A-Fa-f]*)>|\[[^\]]*\]`)
)

func (d *Doc) fontCMap(fontObj int) (*cmap, error) {
	tu, ok := refAfter(d.objs[fontObj].dict, "/ToUnicode")
	if !ok {
		return nil, fmt.Errorf("font %d has no /ToUnicode", fontObj)
	}
	b, err := d.decoded(tu)
	if err != nil {
		return nil, err
	}
	cm := &cmap{width: 1, m: map[uint32]string{}}
	code := func(h []byte) uint32 {
		v, _ := strconv.ParseUint(string(h), 16, 32)
		if len(h) > 2 {
			cm.width = len(h) / 2
		}
		return uint32(v)
	}
	for _, blk := range bfchar.FindAllSubmatch(b, -1) {
		toks := hexTok.FindAllSubmatch(blk[1], -1)
		for i := 0; i+1 < len(toks); i += 2 {
			cm.m[code(toks[i][1])] = utf16BE(hexBytes(toks[i+1][1]))
		}
	}
	for _, blk := range bfrange.FindAllSubmatch(b, -1) {
		toks := hexTok.FindAllSubmatch(blk[1], -1)
		for i := 0; i+2 < len(toks); i += 3 {
			lo, hi := code(toks[i][1]), code(toks[i+1][1])
			if bytes.HasPrefix(toks[i+2][0], []byte("[")) {
				list := hexTok.FindAllSubmatch(toks[i+2][0][1:], -1)
				for k, c := 0, lo; c <= hi && k < len(list); k, c = k+1, c+1 {
					cm.m[c] = utf16BE(hexBytes(list[k][1]))
				}
				continue
			}
			dst := []rune(utf16BE(hexBytes(toks[i+2][1])))
			for c := lo; c <= hi && len(dst) > 0; c++ {
				r := append([]rune{}, dst...)
				r[len(r)-1] += rune(c - lo)
				cm.m[c] = string(r)
			}
		}
	}
	return cm, nil
}

func (cm *cmap) decode(s []byte) string {
	var sb strings.Builder
	for i := 0; i+cm.width <= len(s); i += cm.width {
		var c uint32
		for k := 0; k < cm.width; k++ {
			c = c<<8 | uint32(s[i+k])
		}
		if t, ok := cm.m[c]; ok {
			sb.WriteString(t)
		} else {
			sb.WriteRune('\uFFFD')
		}
	}
	return sb.String()
}

// Text returns the text shown on page i (from 0): one line per text-showing
// operator that starts inside the page, decoded through the fonts'
// /ToUnicode maps.
func (d *Doc) Text(i int) (string, error) {
	if i < 0 || i >= len(d.pages) {
		return "", fmt.Errorf("no page %d", i)
	}
	pg := d.objs[d.pages[i]].dict
	fonts := map[string]*cmap{}
	if fd := d.dictAfter(d.dictAfter(pg, "/Resources"), "/Font"); fd != nil {
		for _, m := range fontRefRe.FindAllSubmatch(fd, -1) {
			n, _ := strconv.Atoi(string(m[2]))
			cm, err := d.fontCMap(n)
			if err != nil {
				return "", err
			}
			fonts[string(m[1])] = cm
		}
	}
	var contents []int
	ci := bytes.Index(pg, []byte("/Contents"))
	if ci < 0 {
		return "", nil
	}
	rest := bytes.TrimLeft(pg[ci+len("/Contents"):], " \r\n\t")
	if bytes.HasPrefix(rest, []byte("[")) {
		rest = rest[:bytes.IndexByte(rest, ']')]
		for _, r := range refRe.FindAllSubmatch(rest, -1) {
			n, _ := strconv.Atoi(string(r[1]))
			contents = append(contents, n)
		}
	} else if m := refRe.FindSubmatch(rest); m != nil {
		n, _ := strconv.Atoi(string(m[1]))
		contents = append(contents, n)
	}
	pages, err := d.Pages()
	if err != nil {
		return "", err
	}
	var sb strings.Builder
	for _, n := range contents {
		b, err := d.decoded(n)
		if err != nil {
			return "", err
		}
		if err := showText(b, fonts, pages[i], &sb); err != nil {
			return "", fmt.Errorf("page %d: %w", i+1, err)
		}
	}
	return sb.String(), nil
}

// matrix is a PDF transformation matrix [a b c d e f].
type matrix [6]float64

var identity = matrix{1, 0, 0, 1, 0, 0}

// times is m × n (m applied first).
func (m matrix) times(n matrix) matrix {
	return matrix{
		m[0]*n[0] + m[1]*n[2], m[0]*n[1] + m[1]*n[3],
		m[2]*n[0] + m[3]*n[2], m[2]*n[1] + m[3]*n[3],
		m[4]*n[0] + m[5]*n[2] + n[4], m[4]*n[1] + m[5]*n[3] + n[5],
	}
}

// showText runs the text operators of a content stream into sb, keeping
// the text that starts inside the page: a drawing that reaches past the
// page (a chart anchored on the next page) is written with its text placed
// outside the page, and that text is not shown on it.
func showText(b []byte, fonts map[string]*cmap, page Page, sb *strings.Builder) error {
	var font *cmap
	var strs [][]byte // strings since the last operator
	var names []string
	var nums []float64
	ctm, tm, tlm := identity, identity, identity
	// The clipping rectangle (x0, y0, x1, y1), in page space: LibreOffice
	// draws a sheet's drawings on each of its pages and clips them to the
	// cells that page prints.
	type state struct {
		ctm  matrix
		clip [4]float64
	}
	clip := [4]float64{0, 0, page.Width, page.Height}
	var stack []state
	var rect *[4]float64 // the last rectangle path ("re")
	clipNext := false
	leading := 0.0
	operand := func(k int) float64 { // the k-th of the last 6 numbers
		if len(nums) < 6 {
			return 0
		}
		return nums[len(nums)-6+k]
	}
	last := func(k int) float64 { // k-th from the end (0 = last)
		if k >= len(nums) {
			return 0
		}
		return nums[len(nums)-1-k]
	}
	inside := func() bool {
		m := tm.times(ctm)
		x, y := m[4], m[5]
		return x >= clip[0]-1 && y >= clip[1]-1 && x <= clip[2]+1 && y <= clip[3]+1
	}
	point := func(x, y float64) (float64, float64) {
		return x*ctm[0] + y*ctm[2] + ctm[4], x*ctm[1] + y*ctm[3] + ctm[5]
	}
	for i := 0; i < len(b); {
		c := b[i]
		switch {
		case c == ' ' || c == '\n' || c == '\r' || c == '\t' || c == '\f' || c == 0:
			i++
		case c == '%':
			for i < len(b) && b[i] != '\n' && b[i] != '\r' {
				i++
			}
		case c == '/':
			j := i + 1
			for j < len(b) && !bytes.ContainsRune([]byte(" \n\r\t/[]<>()"), rune(b[j])) {
				j++
			}
			names = append(names, string(b[i+1:j]))
			i = j
		case c == '<' && i+1 < len(b) && b[i+1] == '<':
			i += 2
		case c == '>' && i+1 < len(b) && b[i+1] == '>':
			i += 2
		case c == '<':
			j := bytes.IndexByte(b[i:], '>')
			if j < 0 {
				return fmt.Errorf("unterminated hex string")
			}
			strs = append(strs, hexBytes(b[i+1:i+j]))
			i += j + 1
		case c == '(':
			s, rest := literal(b[i:])
			strs = append(strs, s)
			i = len(b) - len(rest)
		case c == '[' || c == ']':
			i++
		default:
			j := i
			for j < len(b) && !bytes.ContainsRune([]byte(" \n\r\t/[]<>()%"), rune(b[j])) {
				j++
			}
			if j == i {
				j++
			}
			tok := string(b[i:j])
			i = j
			if (tok[0] >= '0' && tok[0] <= '9') || tok[0] == '-' || tok[0] == '.' || tok[0] == '+' {
				if v, err := strconv.ParseFloat(tok, 64); err == nil {
					nums = append(nums, v)
				}
				continue // a number: an operand
			}
			switch tok {
			case "q":
				stack = append(stack, state{ctm, clip})
			case "Q":
				if len(stack) > 0 {
					ctm, clip, stack = stack[len(stack)-1].ctm, stack[len(stack)-1].clip, stack[:len(stack)-1]
				}
			case "re":
				x0, y0 := point(last(3), last(2))
				x1, y1 := point(last(3)+last(1), last(2)+last(0))
				rect = &[4]float64{min(x0, x1), min(y0, y1), max(x0, x1), max(y0, y1)}
			case "W", "W*":
				clipNext = true
			case "n", "f", "f*", "F", "S", "s", "B", "B*", "b", "b*":
				if clipNext && rect != nil {
					clip = [4]float64{max(clip[0], rect[0]), max(clip[1], rect[1]), min(clip[2], rect[2]), min(clip[3], rect[3])}
				}
				clipNext, rect = false, nil
			case "m":
				rect = nil // a path that is not one rectangle: not followed as a clip
			case "cm":
				ctm = matrix{operand(0), operand(1), operand(2), operand(3), operand(4), operand(5)}.times(ctm)
			case "BT":
				tm, tlm = identity, identity
			case "Td", "TD":
				if tok == "TD" {
					leading = -last(0)
				}
				tlm = matrix{1, 0, 0, 1, last(1), last(0)}.times(tlm)
				tm = tlm
			case "Tm":
				tlm = matrix{operand(0), operand(1), operand(2), operand(3), operand(4), operand(5)}
				tm = tlm
			case "TL":
				leading = last(0)
			case "T*":
				tlm = matrix{1, 0, 0, 1, 0, -leading}.times(tlm)
				tm = tlm
			case "Tf":
				if len(names) > 0 {
					font = fonts[names[len(names)-1]]
				}
			case "Tj", "TJ", "'", "\"":
				if font == nil {
					return fmt.Errorf("text shown with no known font")
				}
				if tok == "'" || tok == "\"" {
					tlm = matrix{1, 0, 0, 1, 0, -leading}.times(tlm)
					tm = tlm
				}
				if !inside() {
					break
				}
				for _, s := range strs {
					sb.WriteString(font.decode(s))
				}
				sb.WriteByte('\n')
			case "BI":
				// An inline image: skip to its end.
				k := bytes.Index(b[i:], []byte("EI"))
				if k < 0 {
					return fmt.Errorf("unterminated inline image")
				}
				i += k + 2
			}
			strs, names, nums = strs[:0], names[:0], nums[:0]
		}
	}
	return nil
}

// Pages of an opened document with their sizes.
func (d *Doc) Pages() ([]Page, error) {
	dicts := map[string][]byte{}
	for n, o := range d.objs {
		dicts[strconv.Itoa(n)] = o.dict
	}
	var out []Page
	for _, n := range d.pages {
		p, err := boxOf(dicts, d.objs[n].dict)
		if err != nil {
			return nil, fmt.Errorf("page object %d: %w", n, err)
		}
		out = append(out, p)
	}
	return out, nil
}
