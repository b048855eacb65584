// Package chart draws small bar charts as inline SVG on the server: no
// JavaScript library, no network, nothing for the Content-Security-Policy to
// refuse (colours are SVG presentation attributes, not style attributes).
// Every chart carries a <title> and <desc> for screen readers and prints its
// numbers as text next to the bars; the page shows the same data as a table.
package chart

import (
	"fmt"
	"html"
	"html/template"
	"strings"
)

// Width is the drawing's coordinate width; the SVG scales to its container.
const Width = 420

// Palette is used in order; colours keep at least 4.5:1 contrast on white.
var Palette = []string{"#8a1c2b", "#0b5d8c", "#17663a", "#8a5a00", "#5b3a8c"}

const (
	textColor = "#1b1b1f"
	font      = `font-family="system-ui, -apple-system, 'Segoe UI', Roboto, Arial, sans-serif"`
	valueRoom = 110 // space kept right of the longest bar for its number
)

// Bar is one bar: its label, its value and an optional note printed after
// the value ("56.9 %").
type Bar struct {
	Label string
	Value int
	Note  string
}

// Series is one colour of a grouped chart (e.g. "Women").
type Series struct {
	Name string
}

// Group is one label of a grouped chart with one value per series.
type Group struct {
	Label  string
	Values []int
}

// Bars draws one horizontal bar per item, the label above its bar. id must
// be unique in the page (it prefixes the title and description ids).
func Bars(id, title, desc string, bars []Bar) template.HTML {
	const row = 50
	h := len(bars)*row + 8
	most := 0
	for _, b := range bars {
		most = max(most, b.Value)
	}
	var sb strings.Builder
	open(&sb, id, title, desc, h)
	for i, b := range bars {
		y := i * row
		fmt.Fprintf(&sb, `<text x="0" y="%d" font-size="14" fill="%s" %s>%s</text>`, y+15, textColor, font, esc(b.Label))
		w := scale(b.Value, most)
		fmt.Fprintf(&sb, `<rect x="0" y="%d" width="%d" height="22" rx="3" fill="%s"/>`, y+21, w, Palette[i%len(Palette)])
		label := fmt.Sprint(b.Value)
		if b.Note != "" {
			label += " (" + b.Note + ")"
		}
		fmt.Fprintf(&sb, `<text x="%d" y="%d" font-size="14" font-weight="700" fill="%s" %s>%s</text>`, w+6, y+37, textColor, font, esc(label))
	}
	sb.WriteString(`</svg>`)
	return template.HTML(sb.String())
}

// GroupedBars draws, for each group, one bar per series, with a legend on top.
func GroupedBars(id, title, desc string, series []Series, groups []Group) template.HTML {
	const legend, bar, gap, label = 30, 18, 3, 20
	groupH := label + len(series)*(bar+gap) + 12
	h := legend + len(groups)*groupH
	most := 0
	for _, g := range groups {
		for _, v := range g.Values {
			most = max(most, v)
		}
	}
	var sb strings.Builder
	open(&sb, id, title, desc, h)
	x := 0
	for i, s := range series {
		fmt.Fprintf(&sb, `<rect x="%d" y="4" width="14" height="14" fill="%s"/>`, x, Palette[i%len(Palette)])
		fmt.Fprintf(&sb, `<text x="%d" y="16" font-size="14" fill="%s" %s>%s</text>`, x+19, textColor, font, esc(s.Name))
		x += 19 + 9*len([]rune(s.Name)) + 16
	}
	for gi, g := range groups {
		y := legend + gi*groupH
		fmt.Fprintf(&sb, `<text x="0" y="%d" font-size="14" font-weight="700" fill="%s" %s>%s</text>`, y+15, textColor, font, esc(g.Label))
		for si := range series {
			v := 0
			if si < len(g.Values) {
				v = g.Values[si]
			}
			by := y + label + si*(bar+gap)
			w := scale(v, most)
			fmt.Fprintf(&sb, `<rect x="0" y="%d" width="%d" height="%d" rx="2" fill="%s"/>`, by, w, bar, Palette[si%len(Palette)])
			fmt.Fprintf(&sb, `<text x="%d" y="%d" font-size="13" fill="%s" %s>%d</text>`, w+5, by+14, textColor, font, v)
		}
	}
	sb.WriteString(`</svg>`)
	return template.HTML(sb.String())
}

func open(sb *strings.Builder, id, title, desc string, h int) {
	id = esc(id)
	fmt.Fprintf(sb, `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 %d %d" width="%d" height="%d" role="img" aria-labelledby="%s-title %s-desc">`,
		Width, h, Width, h, id, id)
	fmt.Fprintf(sb, `<title id="%s-title">%s</title><desc id="%s-desc">%s</desc>`, id, esc(title), id, esc(desc))
}

// scale maps a value to a bar length; a non-zero value is always visible.
func scale(v, max int) int {
	if v <= 0 || max <= 0 {
		return 0
	}
	w := v * (Width - valueRoom) / max
	if w < 2 {
		w = 2
	}
	return w
}

func esc(s string) string { return html.EscapeString(s) }

// ScoreBar draws value on a 0..top scale as a thin horizontal bar beside
// the number it stands for: an inline SVG (CSP-safe), hidden from screen
// readers, which read the number. It draws what it is given and computes
// nothing else; data-share carries the drawn share for tests.
func ScoreBar(value, top float64) template.HTML {
	share := 0.0
	if top > 0 {
		share = min(max(value/top, 0), 1)
	}
	return template.HTML(fmt.Sprintf(`<svg class="score-bar" viewBox="0 0 100 6" preserveAspectRatio="none" aria-hidden="true" focusable="false" data-share="%.4f">`+
		`<rect width="100" height="6" fill="#e8e5df"/><rect width="%.2f" height="6" fill="%s"/></svg>`, share, share*100, Palette[0]))
}
