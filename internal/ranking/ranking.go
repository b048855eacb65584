// Package ranking is the Forum's scoring math: pure functions, no I/O.
//
// Given the criteria (with weights), the idea sheets and the Forum members'
// submitted scores (1–5 per criterion), Compute gives for every sheet:
//
//   - the mean of each criterion over the members who gave that criterion a
//     value. Recusals and missing values are left out; they never count as 0;
//   - the weighted score Σ wᶜ·meanᶜ / Σ wᶜ, where both sums run over the
//     criteria that have at least one value on that sheet. A criterion nobody
//     scored on a sheet is left out of numerator and denominator alike (the
//     weights of the others are renormalized), so a gap neither drags the
//     sheet down nor lifts it up. If the weights of the scored criteria add up
//     to 0, the weighted score is 0;
//   - the number of scorers: members with at least one value on the sheet
//     (recused members are counted apart, in Recusals);
//   - the spread: the POPULATION standard deviation (divide by n, not n−1) of
//     the scorers' own weighted totals. A member's total is Σ wᶜ·vᶜ / Σ wᶜ over
//     the criteria that member scored. The population form is used because the
//     scorers are the whole Forum, not a sample of it; with one scorer the
//     spread is 0. A sheet is Contested when at least two members scored it
//     and its spread is at least Options.ContestedSpread (default 1.0 point
//     on the 1–5 scale): the members disagree by about a full scale step, so
//     the validation workshop should deliberate on it;
//   - the rank, with a deterministic tie-break (see Less), and whether it is
//     above the cut-off (the first Cutoff ranks: the proposed prioritized list);
//   - the rank range when the weights vary: see Stability.
//
// Sheets nobody scored have no weighted score (Scored is false); they rank
// after every scored sheet, in key order.
package ranking

import (
	"math"
	"slices"
	"sort"
)

// Defaults.
const (
	// DefaultContestedSpread is the spread (in scale points) from which a sheet is contested.
	DefaultContestedSpread = 1.0
	// DefaultVariation is how much each weight varies in the stability analysis: ±20%.
	DefaultVariation = 0.20
	// DefaultTieCriterion is the criterion whose mean breaks ties (public relevance).
	DefaultTieCriterion = "relevance"
	// MaxCornerCriteria bounds the corner scenarios: with more weighted
	// criteria than this only the one-at-a-time scenarios are computed
	// (2^k corners would explode).
	MaxCornerCriteria = 10
	// epsilon is how close two scores must be to count as equal: the same
	// mathematical value computed through different weights may differ in
	// the last bits of a float64.
	epsilon = 1e-9
)

// Criterion is a scoring criterion and its weight (≥ 0).
type Criterion struct {
	Code   string
	Weight float64
}

// Sheet is an idea sheet to rank. Key orders sheets as a last resort in the
// tie-break (e.g. the zero-padded sheet number) and must be unique.
type Sheet struct {
	ID  string
	Key string
}

// Score is one member's evaluation of one sheet. Values maps a criterion
// code to 1–5; a criterion absent from Values is a missing score. A recused
// score's values are ignored. Callers pass submitted scores only (drafts are
// not scores); if a member appears twice for a sheet, the last one wins.
type Score struct {
	Sheet   string
	Member  string
	Values  map[string]int
	Recused bool
}

// Options tune Compute; the zero value means the defaults.
type Options struct {
	// Cutoff is how many top ranks form the proposed prioritized list.
	Cutoff int
	// ContestedSpread is the spread from which a sheet is flagged; 0 means the default.
	ContestedSpread float64
	// TieCriterion is the criterion code whose mean breaks ties; "" means "relevance".
	TieCriterion string
	// Variation is the relative weight change of the stability analysis; 0 means ±20%.
	Variation float64
	// NoStability skips the stability analysis (RankMin = RankMax = Rank).
	NoStability bool
}

// Row is the ranking of one sheet.
type Row struct {
	Sheet string
	Key   string
	// Means and Counts hold, per criterion code, the mean and the number of
	// values; criteria without any value on this sheet are absent.
	Means  map[string]float64
	Counts map[string]int
	// Weighted is Σ wᶜ·meanᶜ / Σ wᶜ over the scored criteria; valid when Scored.
	Weighted float64
	Scored   bool
	Scorers  int
	Recusals int
	// Spread is the population standard deviation of the scorers' weighted totals.
	Spread    float64
	Contested bool
	Rank      int
	// RankMin and RankMax are the best and worst rank over every weight scenario (base included).
	RankMin, RankMax int
	// AboveCut is Rank ≤ Cutoff; CutStable says the sheet stays on the same
	// side of the cut-off in every weight scenario.
	AboveCut  bool
	CutStable bool
}

// Result is the ranked list (best first) and how many weight scenarios were tried.
type Result struct {
	Rows      []Row
	Scenarios int
}

// sheetData is what Compute keeps per sheet: the means do not depend on the
// weights, the members' value vectors are needed for the spread.
type sheetData struct {
	sums    []float64
	counts  []int
	members [][]int // per scorer, the value per criterion index (0 = missing)
	recused int
}

// Compute ranks sheets from scores. It is deterministic: the same input
// gives the same output whatever the order of scores.
func Compute(criteria []Criterion, sheets []Sheet, scores []Score, opt Options) Result {
	if opt.ContestedSpread == 0 {
		opt.ContestedSpread = DefaultContestedSpread
	}
	if opt.TieCriterion == "" {
		opt.TieCriterion = DefaultTieCriterion
	}
	if opt.Variation == 0 {
		opt.Variation = DefaultVariation
	}
	k := len(criteria)
	critIdx := make(map[string]int, k)
	for i, c := range criteria {
		critIdx[c.Code] = i
	}
	tieIdx, hasTie := critIdx[opt.TieCriterion]
	if !hasTie {
		tieIdx = -1
	}

	sheetIdx := make(map[string]int, len(sheets))
	data := make([]sheetData, len(sheets))
	for i, sh := range sheets {
		sheetIdx[sh.ID] = i
		data[i] = sheetData{sums: make([]float64, k), counts: make([]int, k)}
	}

	// The last score per (sheet, member) wins; then members are taken in
	// name order so that float sums never depend on the input order.
	type pair struct{ sheet, member string }
	last := map[pair]int{}
	for i, sc := range scores {
		if _, ok := sheetIdx[sc.Sheet]; ok {
			last[pair{sc.Sheet, sc.Member}] = i
		}
	}
	order := make([]int, 0, len(last))
	for _, i := range last {
		order = append(order, i)
	}
	sort.Slice(order, func(a, b int) bool {
		x, y := scores[order[a]], scores[order[b]]
		if x.Sheet != y.Sheet {
			return x.Sheet < y.Sheet
		}
		return x.Member < y.Member
	})
	for _, i := range order {
		sc := scores[i]
		d := &data[sheetIdx[sc.Sheet]]
		if sc.Recused {
			d.recused++
			continue
		}
		vec := make([]int, k)
		n := 0
		for code, v := range sc.Values {
			ci, ok := critIdx[code]
			if !ok || v < 1 {
				continue
			}
			vec[ci] = v
			n++
		}
		if n == 0 {
			continue
		}
		for ci, v := range vec {
			if v > 0 {
				d.sums[ci] += float64(v)
				d.counts[ci]++
			}
		}
		d.members = append(d.members, vec)
	}

	rows := make([]Row, len(sheets))
	for i, sh := range sheets {
		d := data[i]
		r := Row{Sheet: sh.ID, Key: sh.Key, Means: map[string]float64{}, Counts: map[string]int{},
			Scorers: len(d.members), Recusals: d.recused, Scored: len(d.members) > 0}
		for ci, c := range criteria {
			if d.counts[ci] > 0 {
				r.Means[c.Code] = d.sums[ci] / float64(d.counts[ci])
				r.Counts[c.Code] = d.counts[ci]
			}
		}
		rows[i] = r
	}

	base := make([]float64, k)
	for i, c := range criteria {
		base[i] = c.Weight
	}
	ev := evaluator{data: data, rows: rows, tieMean: make([]float64, len(sheets))}
	if tieIdx >= 0 {
		for i := range data {
			ev.tieMean[i] = mean(&data[i], tieIdx)
		}
	}
	ranks := ev.rank(base)
	for i := range rows {
		rows[i].Weighted = ev.weighted[i]
		rows[i].Spread = ev.spread[i]
		rows[i].Contested = rows[i].Scorers >= 2 && rows[i].Spread >= opt.ContestedSpread-epsilon
		rows[i].Rank = ranks[i]
		rows[i].RankMin, rows[i].RankMax = ranks[i], ranks[i]
		rows[i].AboveCut = ranks[i] <= opt.Cutoff
		rows[i].CutStable = true
	}
	scenarios := 1
	if !opt.NoStability {
		for _, w := range Scenarios(base, opt.Variation) {
			scenarios++
			rs := ev.rank(w)
			for i := range rows {
				if rs[i] < rows[i].RankMin {
					rows[i].RankMin = rs[i]
				}
				if rs[i] > rows[i].RankMax {
					rows[i].RankMax = rs[i]
				}
				if (rs[i] <= opt.Cutoff) != rows[i].AboveCut {
					rows[i].CutStable = false
				}
			}
		}
	}
	sort.Slice(rows, func(a, b int) bool { return rows[a].Rank < rows[b].Rank })
	return Result{Rows: rows, Scenarios: scenarios}
}

// Scenarios lists the weight vectors of the stability analysis, besides the
// base weights themselves:
//
//   - one at a time: each positive weight times (1−v) and times (1+v), the
//     others unchanged (2k scenarios);
//   - corners: every combination of (1−v) and (1+v) over the positive
//     weights (2^k scenarios), when there are at most MaxCornerCriteria of them.
//
// A weight of 0 stays 0 (±20% of nothing is nothing). The rank range of a
// sheet is its best and worst rank over the base and all these scenarios.
func Scenarios(base []float64, v float64) [][]float64 {
	var pos []int
	for i, w := range base {
		if w > 0 {
			pos = append(pos, i)
		}
	}
	var out [][]float64
	for _, i := range pos {
		for _, f := range []float64{1 - v, 1 + v} {
			w := append([]float64(nil), base...)
			w[i] *= f
			out = append(out, w)
		}
	}
	if len(pos) > 0 && len(pos) <= MaxCornerCriteria {
		for mask := 0; mask < 1<<len(pos); mask++ {
			w := append([]float64(nil), base...)
			for bit, i := range pos {
				if mask&(1<<bit) != 0 {
					w[i] *= 1 + v
				} else {
					w[i] *= 1 - v
				}
			}
			out = append(out, w)
		}
	}
	return out
}

// evaluator ranks the sheets under one weight vector, reusing its buffers.
type evaluator struct {
	data     []sheetData
	rows     []Row
	tieMean  []float64 // per sheet, the mean of the tie criterion (weight-independent)
	weighted []float64
	spread   []float64
	idx      []int
	totals   []float64
}

// rank returns the rank of every sheet (by input position) under weights w.
func (e *evaluator) rank(w []float64) []int {
	n := len(e.data)
	if e.weighted == nil {
		e.weighted, e.spread, e.idx = make([]float64, n), make([]float64, n), make([]int, n)
	}
	for i := range e.data {
		e.weighted[i], e.spread[i] = e.score(&e.data[i], w)
		e.idx[i] = i
	}
	slices.SortFunc(e.idx, func(a, b int) int {
		switch {
		case e.less(a, b):
			return -1
		case e.less(b, a):
			return 1
		}
		return 0
	})
	ranks := make([]int, n)
	for pos, i := range e.idx {
		ranks[i] = pos + 1
	}
	return ranks
}

// score is a sheet's weighted score and spread under weights w.
func (e *evaluator) score(d *sheetData, w []float64) (weighted, spread float64) {
	var num, den float64
	for ci, c := range d.counts {
		if c > 0 {
			num += w[ci] * d.sums[ci] / float64(c)
			den += w[ci]
		}
	}
	if den > 0 {
		weighted = num / den
	}
	if len(d.members) < 2 {
		return weighted, 0
	}
	e.totals = e.totals[:0]
	var mean float64
	for _, vec := range d.members {
		var mn, md float64
		for ci, v := range vec {
			if v > 0 {
				mn += w[ci] * float64(v)
				md += w[ci]
			}
		}
		t := 0.0
		if md > 0 {
			t = mn / md
		}
		e.totals = append(e.totals, t)
		mean += t
	}
	mean /= float64(len(e.totals))
	var ss float64
	for _, t := range e.totals {
		ss += (t - mean) * (t - mean)
	}
	return weighted, math.Sqrt(ss / float64(len(e.totals)))
}

// less is the tie-break, documented and deterministic. Sheet a ranks before b when, in this order:
//
//  1. a has scores and b has none;
//  2. a's weighted score is higher (scores within 1e-9 are equal);
//  3. more members scored a (a broader basis);
//  4. a's mean on the tie criterion (public relevance) is higher;
//  5. a's spread is lower (more consensus);
//  6. a's key is smaller (e.g. the lower sheet number: the order of the sheets).
func (e *evaluator) less(a, b int) bool {
	ra, rb := &e.rows[a], &e.rows[b]
	if ra.Scored != rb.Scored {
		return ra.Scored
	}
	if ra.Scored {
		if d := e.weighted[a] - e.weighted[b]; math.Abs(d) > epsilon {
			return d > 0
		}
		if ra.Scorers != rb.Scorers {
			return ra.Scorers > rb.Scorers
		}
		if d := e.tieMean[a] - e.tieMean[b]; math.Abs(d) > epsilon {
			return d > 0
		}
		if d := e.spread[a] - e.spread[b]; math.Abs(d) > epsilon {
			return d < 0
		}
	}
	return ra.Key < rb.Key
}

// mean of criterion ci on a sheet; a criterion nobody scored counts as 0 here
// (it only matters in the tie-break, where "no relevance score" is lowest).
func mean(d *sheetData, ci int) float64 {
	if d.counts[ci] == 0 {
		return 0
	}
	return d.sums[ci] / float64(d.counts[ci])
}

// SameScore reports whether two weighted scores count as equal (within the
// epsilon the tie-break uses): such sheets are tied, and only the tie-break
// (scorers, public relevance, spread, sheet number) orders them.
func SameScore(a, b float64) bool { return math.Abs(a-b) <= epsilon }
