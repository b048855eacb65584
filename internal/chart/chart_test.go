package chart

import (
	"encoding/xml"
	"regexp"
	"strings"
	"testing"
)

// wellFormed checks that the output parses as XML.
func wellFormed(t *testing.T, s string) {
	t.Helper()
	d := xml.NewDecoder(strings.NewReader(s))
	for {
		_, err := d.Token()
		if err != nil {
			if err.Error() == "EOF" {
				return
			}
			t.Fatalf("not well-formed: %v\n%s", err, s)
		}
	}
}

var widths = regexp.MustCompile(`<rect x="0" y="\d+" width="(\d+)"`)

func TestBarsScaleToTheLargestAndLabelEveryBar(t *testing.T) {
	out := string(Bars("sectors", "Participantes por sector", "Sector público 95 …", []Bar{
		{Label: "Sector público", Value: 95, Note: "56.9 %"},
		{Label: "Sociedad civil", Value: 54, Note: "32.3 %"},
		{Label: "<script>", Value: 0},
	}))
	wellFormed(t, out)
	for _, want := range []string{`role="img"`, `aria-labelledby="sectors-title sectors-desc"`,
		`<title id="sectors-title">Participantes por sector</title>`, "95 (56.9 %)", "54 (32.3 %)", "&lt;script&gt;"} {
		if !strings.Contains(out, want) {
			t.Errorf("chart lacks %q", want)
		}
	}
	if strings.Contains(out, "style=") || strings.Contains(out, "<script>") {
		t.Error("chart has a style attribute or unescaped text")
	}
	m := widths.FindAllStringSubmatch(out, -1)
	if len(m) != 3 || m[0][1] != "310" || m[1][1] != "176" || m[2][1] != "0" {
		t.Errorf("bar widths = %v, want 310 (largest), 176 (54/95 of it), 0", m)
	}
}

func TestGroupedBars(t *testing.T) {
	out := string(GroupedBars("g", "Por ciudad y género", "…", []Series{{Name: "Hombres"}, {Name: "Mujeres"}},
		[]Group{{Label: "Lima", Values: []int{19, 29}}, {Label: "Piura", Values: []int{14, 15}}}))
	wellFormed(t, out)
	for _, want := range []string{"Hombres", "Mujeres", "Lima", "Piura", ">19<", ">29<", ">14<", ">15<"} {
		if !strings.Contains(out, want) {
			t.Errorf("chart lacks %q", want)
		}
	}
	if m := widths.FindAllStringSubmatch(out, -1); len(m) != 5 || m[2][1] != "310" || m[1][1] != "203" { // m[0] is the legend square
		t.Errorf("bar widths = %v", m)
	}
}

func TestEmptyChartDoesNotDivideByZero(t *testing.T) {
	wellFormed(t, string(Bars("e", "t", "d", []Bar{{Label: "a"}})))
	wellFormed(t, string(GroupedBars("e", "t", "d", []Series{{Name: "x"}}, nil)))
}

// A score bar draws the value it is given on its scale, clamped to it.
func TestScoreBar(t *testing.T) {
	for _, c := range []struct {
		v, top float64
		share  string
		width  string
	}{{4.5, 5, `data-share="0.9000"`, `width="90.00"`}, {0, 5, `data-share="0.0000"`, `width="0.00"`}, {7, 5, `data-share="1.0000"`, `width="100.00"`}, {3, 0, `data-share="0.0000"`, `width="0.00"`}} {
		got := string(ScoreBar(c.v, c.top))
		if !strings.Contains(got, c.share) || !strings.Contains(got, c.width) || !strings.Contains(got, `aria-hidden="true"`) || strings.Contains(got, "style=") {
			t.Errorf("ScoreBar(%v, %v) = %s", c.v, c.top, got)
		}
	}
}
