package ranking

import (
	"fmt"
	"math"
	"testing"
)

func near(a, b float64) bool { return math.Abs(a-b) < 1e-9 }

// The hand-computed example. Criteria: relevance (weight 2), impact (1),
// feasibility (1); Σw = 4. Members m1, m2, m3.
//
//	S1: m1 r5 i4 f3 · m2 r4 i4 f4 · m3 recused
//	    means r 4.5, i 4, f 3.5 → (2·4.5 + 4 + 3.5)/4 = 16.5/4 = 4.125
//	    totals m1 (10+4+3)/4 = 4.25, m2 (8+4+4)/4 = 4.0 → spread √((.125²+.125²)/2) = 0.125
//	S2: m1 r3 i5 f5 · m2 r3 i3 (feasibility missing) · m3 r3 i4 f4
//	    means r 3, i 4, f 4.5 (two values) → (6 + 4 + 4.5)/4 = 14.5/4 = 3.625
//	    totals m1 16/4 = 4.0, m2 (6+3)/3 = 3.0 (over its own criteria), m3 14/4 = 3.5
//	    → mean 3.5, spread √((.25+.25+0)/3) = √(1/6) ≈ 0.408248
//	S3: m1 r4 i4 f3 · m2 r4 i3 f3 · m3 recused
//	    means r 4, i 3.5, f 3 → (8 + 3.5 + 3)/4 = 14.5/4 = 3.625: a TIE with S2
//	    totals 15/4 = 3.75 and 14/4 = 3.5 → spread 0.125
//	    tie-break: S2 has 3 scorers, S3 has 2 → S2 before S3
//	S4: nobody scored (m1, m2 missing) → unscored, ranks last
//	S5: m1 r5 i5 f5 · m2 r1 i1 f1 → means 3,3,3 → 3.0; totals 5 and 1 → spread 2 → contested
//
// Ranks: S1 1, S2 2, S3 3, S5 4, S4 5. Cut-off 2: S1 and S2.
//
// Stability (each weight ±20%, one at a time and all corners):
// S1 − S2 = 1.5·wr − 1·wf > 0 for wr ≥ 1.6, wf ≤ 1.2: S1 is always first.
// S2 − S3 ∝ −wr + 0.5·wi + 1.5·wf, 0 at the base weights: lowering
// relevance (wr = 1.6) puts S2 ahead, raising it (wr = 2.4) puts S3 ahead,
// so both range over ranks 2–3 and neither is stably above the cut.
// S3 ≥ 3 + something > 3 = S5 under any positive weights: S5 is always 4th.
func example() ([]Criterion, []Sheet, []Score) {
	crit := []Criterion{{"relevance", 2}, {"impact", 1}, {"feasibility", 1}}
	sheets := []Sheet{{"S1", "01"}, {"S2", "02"}, {"S3", "03"}, {"S4", "04"}, {"S5", "05"}}
	v := func(r, i, f int) map[string]int {
		m := map[string]int{}
		if r > 0 {
			m["relevance"] = r
		}
		if i > 0 {
			m["impact"] = i
		}
		if f > 0 {
			m["feasibility"] = f
		}
		return m
	}
	scores := []Score{
		{Sheet: "S1", Member: "m1", Values: v(5, 4, 3)},
		{Sheet: "S1", Member: "m2", Values: v(4, 4, 4)},
		{Sheet: "S1", Member: "m3", Recused: true, Values: v(1, 1, 1)}, // ignored: recused
		{Sheet: "S2", Member: "m1", Values: v(3, 5, 5)},
		{Sheet: "S2", Member: "m2", Values: v(3, 3, 0)},
		{Sheet: "S2", Member: "m3", Values: v(3, 4, 4)},
		{Sheet: "S3", Member: "m1", Values: v(4, 4, 3)},
		{Sheet: "S3", Member: "m2", Values: v(4, 3, 3)},
		{Sheet: "S3", Member: "m3", Recused: true},
		{Sheet: "S5", Member: "m1", Values: v(5, 5, 5)},
		{Sheet: "S5", Member: "m2", Values: v(1, 1, 1)},
	}
	return crit, sheets, scores
}

func TestComputeHandExample(t *testing.T) {
	crit, sheets, scores := example()
	res := Compute(crit, sheets, scores, Options{Cutoff: 2})
	type want struct {
		sheet              string
		rank               int
		weighted           float64
		scored             bool
		scorers, recusals  int
		means              map[string]float64
		spread             float64
		contested          bool
		rankMin, rankMax   int
		aboveCut, cutStabl bool
	}
	wants := []want{
		{"S1", 1, 4.125, true, 2, 1, map[string]float64{"relevance": 4.5, "impact": 4, "feasibility": 3.5}, 0.125, false, 1, 1, true, true},
		{"S2", 2, 3.625, true, 3, 0, map[string]float64{"relevance": 3, "impact": 4, "feasibility": 4.5}, math.Sqrt(1.0 / 6), false, 2, 3, true, false},
		{"S3", 3, 3.625, true, 2, 1, map[string]float64{"relevance": 4, "impact": 3.5, "feasibility": 3}, 0.125, false, 2, 3, false, false},
		{"S5", 4, 3.0, true, 2, 0, map[string]float64{"relevance": 3, "impact": 3, "feasibility": 3}, 2, true, 4, 4, false, true},
		{"S4", 5, 0, false, 0, 0, map[string]float64{}, 0, false, 5, 5, false, true},
	}
	if len(res.Rows) != len(wants) {
		t.Fatalf("rows = %d", len(res.Rows))
	}
	// 1 base + 3 criteria × 2 one-at-a-time + 2³ corners.
	if res.Scenarios != 1+6+8 {
		t.Errorf("scenarios = %d, want 15", res.Scenarios)
	}
	for i, w := range wants {
		r := res.Rows[i]
		t.Run(w.sheet, func(t *testing.T) {
			if r.Sheet != w.sheet || r.Rank != w.rank {
				t.Fatalf("row %d = %s rank %d, want %s rank %d", i, r.Sheet, r.Rank, w.sheet, w.rank)
			}
			if r.Scored != w.scored || !near(r.Weighted, w.weighted) {
				t.Errorf("weighted = %v (scored %v), want %v (%v)", r.Weighted, r.Scored, w.weighted, w.scored)
			}
			if r.Scorers != w.scorers || r.Recusals != w.recusals {
				t.Errorf("scorers/recusals = %d/%d, want %d/%d", r.Scorers, r.Recusals, w.scorers, w.recusals)
			}
			if len(r.Means) != len(w.means) {
				t.Errorf("means = %v, want %v", r.Means, w.means)
			}
			for c, m := range w.means {
				if !near(r.Means[c], m) {
					t.Errorf("mean %s = %v, want %v", c, r.Means[c], m)
				}
			}
			if !near(r.Spread, w.spread) || r.Contested != w.contested {
				t.Errorf("spread = %v contested %v, want %v %v", r.Spread, r.Contested, w.spread, w.contested)
			}
			if r.RankMin != w.rankMin || r.RankMax != w.rankMax {
				t.Errorf("rank range = %d–%d, want %d–%d", r.RankMin, r.RankMax, w.rankMin, w.rankMax)
			}
			if r.AboveCut != w.aboveCut || r.CutStable != w.cutStabl {
				t.Errorf("above cut %v stable %v, want %v %v", r.AboveCut, r.CutStable, w.aboveCut, w.cutStabl)
			}
		})
	}
	if res.Rows[1].Counts["feasibility"] != 2 {
		t.Errorf("S2 feasibility count = %d, want 2 (one missing)", res.Rows[1].Counts["feasibility"])
	}
}

// The result must not depend on the order scores arrive in.
func TestComputeIsOrderIndependent(t *testing.T) {
	crit, sheets, scores := example()
	a := Compute(crit, sheets, scores, Options{Cutoff: 2})
	rev := make([]Score, len(scores))
	for i, s := range scores {
		rev[len(scores)-1-i] = s
	}
	b := Compute(crit, sheets, rev, Options{Cutoff: 2})
	if fmt.Sprint(a) != fmt.Sprint(b) {
		t.Fatalf("order changed the result:\n%v\n%v", a, b)
	}
}

func TestTieBreak(t *testing.T) {
	two := []Criterion{{"relevance", 1}, {"impact", 1}}
	sh := []Sheet{{"A", "2"}, {"B", "1"}} // B has the smaller key
	val := func(r, i int) map[string]int { return map[string]int{"relevance": r, "impact": i} }
	tests := []struct {
		name   string
		scores []Score
		first  string
	}{
		{
			// Both 3.0; A scored by two members, B by one.
			name: "more scorers first",
			scores: []Score{
				{Sheet: "A", Member: "m1", Values: val(3, 3)}, {Sheet: "A", Member: "m2", Values: val(3, 3)},
				{Sheet: "B", Member: "m1", Values: val(3, 3)}, {Sheet: "B", Member: "m2", Recused: true},
			},
			first: "A",
		},
		{
			// Both 3.0 with one scorer; A's relevance 5 > B's 1.
			name:   "higher relevance first",
			scores: []Score{{Sheet: "A", Member: "m1", Values: val(5, 1)}, {Sheet: "B", Member: "m1", Values: val(1, 5)}},
			first:  "A",
		},
		{
			// Both 3.0, two scorers, relevance 3; A's totals 3 and 3 (spread 0), B's 4 and 2 (spread 1).
			name: "lower spread first",
			scores: []Score{
				{Sheet: "A", Member: "m1", Values: val(3, 3)}, {Sheet: "A", Member: "m2", Values: val(3, 3)},
				{Sheet: "B", Member: "m1", Values: val(3, 5)}, {Sheet: "B", Member: "m2", Values: val(3, 1)},
			},
			first: "A",
		},
		{
			name:   "identical: smaller key first",
			scores: []Score{{Sheet: "A", Member: "m1", Values: val(4, 2)}, {Sheet: "B", Member: "m1", Values: val(4, 2)}},
			first:  "B",
		},
		{
			name:   "unscored after scored, even a low score",
			scores: []Score{{Sheet: "A", Member: "m1", Values: val(1, 1)}, {Sheet: "B", Member: "m1", Recused: true}},
			first:  "A",
		},
		{
			name:   "higher weighted wins over everything else",
			scores: []Score{{Sheet: "A", Member: "m1", Values: val(4, 4)}, {Sheet: "B", Member: "m1", Values: val(4, 3)}, {Sheet: "B", Member: "m2", Values: val(4, 3)}},
			first:  "A",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res := Compute(two, sh, tt.scores, Options{Cutoff: 1})
			if got := res.Rows[0].Sheet; got != tt.first {
				t.Fatalf("first = %s, want %s (%+v)", got, tt.first, res.Rows)
			}
			if !res.Rows[0].AboveCut || res.Rows[1].AboveCut {
				t.Error("cut-off 1 must keep exactly the first row")
			}
		})
	}
}

// A criterion nobody scored on a sheet is left out of both sums: a sheet
// scored r4 i2 with feasibility never scored is (2·4 + 1·2)/(2+1) = 10/3,
// not (8+2+0)/4 = 2.5.
func TestCriterionWithoutScoresIsLeftOut(t *testing.T) {
	crit := []Criterion{{"relevance", 2}, {"impact", 1}, {"feasibility", 1}}
	res := Compute(crit, []Sheet{{"S", "1"}}, []Score{
		{Sheet: "S", Member: "m1", Values: map[string]int{"relevance": 4, "impact": 2}},
	}, Options{})
	r := res.Rows[0]
	if !near(r.Weighted, 10.0/3) {
		t.Fatalf("weighted = %v, want 10/3", r.Weighted)
	}
	if _, ok := r.Means["feasibility"]; ok {
		t.Error("feasibility has a mean without any score")
	}
}

func TestZeroWeightsAndUnknownCriteria(t *testing.T) {
	crit := []Criterion{{"relevance", 0}, {"impact", 1}}
	res := Compute(crit, []Sheet{{"S", "1"}, {"T", "2"}}, []Score{
		{Sheet: "S", Member: "m1", Values: map[string]int{"relevance": 5, "impact": 2, "nonsense": 5}},
		{Sheet: "T", Member: "m1", Values: map[string]int{"relevance": 1, "impact": 3}},
		{Sheet: "nowhere", Member: "m1", Values: map[string]int{"impact": 5}},
	}, Options{Cutoff: 1})
	// Relevance weighs nothing: S = 2, T = 3. The unknown criterion and sheet are ignored.
	if res.Rows[0].Sheet != "T" || !near(res.Rows[0].Weighted, 3) || !near(res.Rows[1].Weighted, 2) {
		t.Fatalf("rows = %+v", res.Rows)
	}
	// Only the impact weight varies: 1 base + 2 one-at-a-time + 2 corners.
	if res.Scenarios != 5 {
		t.Errorf("scenarios = %d, want 5", res.Scenarios)
	}
}

func TestScenarios(t *testing.T) {
	s := Scenarios([]float64{2, 1}, 0.2)
	want := [][]float64{{1.6, 1}, {2.4, 1}, {2, 0.8}, {2, 1.2}, {1.6, 0.8}, {2.4, 0.8}, {1.6, 1.2}, {2.4, 1.2}}
	if len(s) != len(want) {
		t.Fatalf("scenarios = %v", s)
	}
	for i := range want {
		for j := range want[i] {
			if !near(s[i][j], want[i][j]) {
				t.Fatalf("scenario %d = %v, want %v", i, s[i], want[i])
			}
		}
	}
	many := make([]float64, MaxCornerCriteria+1)
	for i := range many {
		many[i] = 1
	}
	if n := len(Scenarios(many, 0.2)); n != 2*len(many) {
		t.Errorf("with %d criteria: %d scenarios, want only the %d one-at-a-time", len(many), n, 2*len(many))
	}
}

// A sheet whose members agree less than a full step is not contested; one
// scorer is never contested whatever the threshold.
func TestContestedThreshold(t *testing.T) {
	crit := []Criterion{{"relevance", 1}}
	res := Compute(crit, []Sheet{{"A", "1"}, {"B", "2"}, {"C", "3"}}, []Score{
		{Sheet: "A", Member: "m1", Values: map[string]int{"relevance": 5}},
		{Sheet: "A", Member: "m2", Values: map[string]int{"relevance": 3}}, // spread 1.0
		{Sheet: "B", Member: "m1", Values: map[string]int{"relevance": 4}},
		{Sheet: "B", Member: "m2", Values: map[string]int{"relevance": 3}}, // spread 0.5
		{Sheet: "C", Member: "m1", Values: map[string]int{"relevance": 1}},
	}, Options{ContestedSpread: 1})
	got := map[string]bool{}
	for _, r := range res.Rows {
		got[r.Sheet] = r.Contested
	}
	if !got["A"] || got["B"] || got["C"] {
		t.Fatalf("contested = %v, want only A", got)
	}
}

// BenchmarkCompute100x30 ranks 100 sheets scored by 30 members on the five
// criteria (unequal weights, some recusals and gaps), with the stability
// analysis (1 + 10 + 32 = 43 weight scenarios).
func BenchmarkCompute100x30(b *testing.B) {
	codes := []string{"relevance", "impact", "technical_legal", "financial_operational", "innovation"}
	crit := make([]Criterion, len(codes))
	for i, c := range codes {
		crit[i] = Criterion{c, float64(1 + i%3)}
	}
	var sheets []Sheet
	var scores []Score
	seed := uint32(12345)
	next := func() int { seed = seed*1664525 + 1013904223; return int(seed>>16) % 5 }
	for s := 0; s < 100; s++ {
		id := fmt.Sprintf("s%03d", s)
		sheets = append(sheets, Sheet{id, id})
		for m := 0; m < 30; m++ {
			sc := Score{Sheet: id, Member: fmt.Sprintf("m%02d", m), Values: map[string]int{}}
			if (s+m)%29 == 0 {
				sc.Recused = true
			}
			for ci, c := range codes {
				if (s*7+m*3+ci)%41 == 0 {
					continue // a missing value
				}
				sc.Values[c] = 1 + next()
			}
			scores = append(scores, sc)
		}
	}
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		res := Compute(crit, sheets, scores, Options{Cutoff: 18})
		if res.Scenarios != 43 {
			b.Fatal(res.Scenarios)
		}
	}
}
