// Package pdftest reads what tests need from a PDF — its pages and their
// sizes — with the standard library only, so that a test can check how
// Chromium or LibreOffice paginated a document without a PDF tool installed.
//
// It reads the objects written in the clear, as Chromium (Skia) and
// LibreOffice write their page tree; a PDF whose page objects hide in
// compressed object streams gives an error rather than a wrong count.
//
// Only tests import this package.
package pdftest

import (
	"bytes"
	"fmt"
	"regexp"
	"strconv"
)

// Page is one page of a PDF: its media box in points (1/72 inch).
type Page struct {
	Width, Height float64
}

// A4 in points, and how far a page may differ from it (rounding).
const (
	A4Short   = 595.28
	A4Long    = 841.89
	Tolerance = 2.0
)

// IsA4 tells whether the page is A4, portrait or landscape.
func (p Page) IsA4() bool {
	near := func(a, b float64) bool { return a-b < Tolerance && b-a < Tolerance }
	return (near(p.Width, A4Short) && near(p.Height, A4Long)) || (near(p.Width, A4Long) && near(p.Height, A4Short))
}

// Landscape tells whether the page is wider than tall.
func (p Page) Landscape() bool { return p.Width > p.Height }

var (
	objStart = regexp.MustCompile(`(?m)(\d+)\s+(\d+)\s+obj\b`)
	typePage = regexp.MustCompile(`/Type\s*/Page\b`)
	typePags = regexp.MustCompile(`/Type\s*/Pages\b`)
	mediaBox = regexp.MustCompile(`/MediaBox\s*\[\s*([-\d.]+)\s+([-\d.]+)\s+([-\d.]+)\s+([-\d.]+)\s*\]`)
	parent   = regexp.MustCompile(`/Parent\s+(\d+)\s+\d+\s+R`)
	count    = regexp.MustCompile(`/Count\s+(\d+)`)
	objStm   = regexp.MustCompile(`/Type\s*/ObjStm\b`)
)

// Pages returns the pages of the PDF in file order with their sizes (a
// media box inherited from the page tree counts). It fails when it finds no
// page, or not as many as the page tree's root says.
func Pages(pdf []byte) ([]Page, error) {
	if !bytes.HasPrefix(pdf, []byte("%PDF-")) {
		return nil, fmt.Errorf("not a PDF")
	}
	dicts := map[string][]byte{} // object number → its dictionary (up to "stream" or "endobj")
	var order []string
	for _, m := range objStart.FindAllSubmatchIndex(pdf, -1) {
		num := string(pdf[m[2]:m[3]])
		rest := pdf[m[1]:]
		end := len(rest)
		for _, stop := range [][]byte{[]byte("endobj"), []byte("stream")} {
			if i := bytes.Index(rest, stop); i >= 0 && i < end {
				end = i
			}
		}
		dicts[num] = rest[:end]
		order = append(order, num)
	}
	var pages []Page
	maxCount := 0
	for _, num := range order {
		d := dicts[num]
		if objStm.Match(d) {
			return nil, fmt.Errorf("the PDF keeps objects in compressed object streams, which this reader does not open")
		}
		if typePags.Match(d) {
			if m := count.FindSubmatch(d); m != nil {
				n, _ := strconv.Atoi(string(m[1]))
				maxCount = max(maxCount, n)
			}
			continue
		}
		if !typePage.Match(d) {
			continue
		}
		box, err := boxOf(dicts, d)
		if err != nil {
			return nil, fmt.Errorf("page object %s: %w", num, err)
		}
		pages = append(pages, box)
	}
	if len(pages) == 0 {
		return nil, fmt.Errorf("no page objects found")
	}
	if maxCount != len(pages) {
		return nil, fmt.Errorf("found %d page objects but the page tree counts %d", len(pages), maxCount)
	}
	return pages, nil
}

// boxOf returns the media box of a page dictionary, looking up the page
// tree when the page inherits it.
func boxOf(dicts map[string][]byte, d []byte) (Page, error) {
	for range 32 {
		if m := mediaBox.FindSubmatch(d); m != nil {
			var v [4]float64
			for i := range v {
				f, err := strconv.ParseFloat(string(m[i+1]), 64)
				if err != nil {
					return Page{}, err
				}
				v[i] = f
			}
			return Page{Width: v[2] - v[0], Height: v[3] - v[1]}, nil
		}
		p := parent.FindSubmatch(d)
		if p == nil {
			break
		}
		d = dicts[string(p[1])]
	}
	return Page{}, fmt.Errorf("no /MediaBox")
}
