package web

import (
	"bytes"
	"context"
	"fmt"
	"html"
	"io"
	"math/rand"
	"net/http"
	"net/url"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/minka-gob/minka/internal/i18n"
	"github.com/minka-gob/minka/internal/model"
	"github.com/minka-gob/minka/internal/store"
	"github.com/minka-gob/minka/internal/storetest"
)

// One set of books: for many randomly generated processes, every surface
// that states a figure of the plan states the same figure. The surfaces are
// read as a reader would (HTML pages, JSON answers, the workbooks read back
// from the .xlsx) and reduced to "table|row|column" → value; then each pair of
// surfaces that show a table must agree on every cell of it, and a few cells
// are checked against what the generator knows it recorded.

// books is one surface's figures: "table|row|column" → value.
type books map[string]string

func (b books) set(table, row, col string, v any) {
	b[table+"|"+row+"|"+col] = fmt.Sprint(v)
}

// only keeps the cells of the given tables.
func (b books) only(tables ...string) books {
	out := books{}
	for k, v := range b {
		for _, t := range tables {
			if strings.HasPrefix(k, t+"|") {
				out[k] = v
			}
		}
	}
	return out
}

// agree fails when two surfaces differ on a table both must show.
func agree(t *testing.T, seed int64, what string, a, b books, nameA, nameB string) {
	t.Helper()
	a, b = a.only(what), b.only(what)
	if len(a) == 0 {
		t.Errorf("seed %d: %s shows no %s", seed, nameA, what)
	}
	keys := map[string]bool{}
	for k := range a {
		keys[k] = true
	}
	for k := range b {
		keys[k] = true
	}
	var diff []string
	for k := range keys {
		if a[k] != b[k] {
			diff = append(diff, fmt.Sprintf("%s: %s=%q %s=%q", k, nameA, a[k], nameB, b[k]))
		}
	}
	sort.Strings(diff)
	if len(diff) > 0 {
		t.Errorf("seed %d: %s disagrees between %s and %s:\n  %s", seed, what, nameA, nameB, strings.Join(diff, "\n  "))
	}
}

// world is what the generator recorded, to check a few cells independently.
type world struct {
	workshops  []model.Workshop
	attended   map[string]int // by workshop label
	registered map[string]int
	captured   map[string]int // ideas not deleted, by workshop label
	systemized int            // ideas with a sheet
	stage      int
	published  bool // sheets public
	results    bool // results public
}

const (
	stageNoSheets = iota
	stageSheets
	stageScoring
	stageClosed
	stageDecided
	stageResults
)

var agreementCities = []string{"Lima", "Piura", "Iquitos", "Arequipa", "Cusco"}

// randomProcess records a random process through the store, as far as stage.
func randomProcess(t *testing.T, e *testEnv, rng *rand.Rand, stage int) world {
	t.Helper()
	ctx := context.Background()
	w := world{attended: map[string]int{}, registered: map[string]int{}, captured: map[string]int{}}
	problems, err := e.store.Problems(ctx)
	if err != nil || len(problems) == 0 {
		t.Fatalf("problems: %v", err)
	}
	var tables []model.Table
	tableLabel := map[string]string{}
	nw := 2 + rng.Intn(3)
	for i := 0; i < nw; i++ {
		ws := model.Workshop{City: agreementCities[i], Date: fmt.Sprintf("2025-0%d-1%d", 5+i, rng.Intn(10)), Status: model.WorkshopClosed}
		if i == nw-1 && rng.Intn(2) == 0 {
			ws.City, ws.Focus = "Lima", "Justicia Abierta" // a second Lima, labelled by its focus
		}
		if err := e.store.CreateWorkshop(ctx, &ws); err != nil {
			t.Fatal(err)
		}
		w.workshops = append(w.workshops, ws)
		label := ws.Label()
		var wt []model.Table
		for n := 1; n <= 1+rng.Intn(3); n++ {
			tb := model.Table{WorkshopID: ws.ID, Number: n, ProblemID: problems[rng.Intn(len(problems))].ID}
			if err := e.store.CreateTable(ctx, &tb); err != nil {
				t.Fatal(err)
			}
			wt = append(wt, tb)
			tableLabel[tb.ID] = label
		}
		tables = append(tables, wt...)

		// Registrations; some workshops record no check-in at all.
		var ps []model.Participant
		for k := 0; k < rng.Intn(9); k++ {
			ps = append(ps, model.Participant{Name: fmt.Sprintf("Persona %d-%d", i, k), Gender: model.Genders[rng.Intn(len(model.Genders))],
				Sector: model.Sectors[rng.Intn(len(model.Sectors))], Email: fmt.Sprintf("p%d-%d@example.pe", i, k), Consent: true})
		}
		if len(ps) > 0 {
			if err := e.store.ImportParticipants(ctx, ws.ID, ps); err != nil {
				t.Fatal(err)
			}
		}
		w.registered[label] = len(ps)
		// Check-ins (some seated); some workshops record none.
		checkins := rng.Intn(3) > 0
		for _, p := range ps {
			if !checkins || rng.Intn(3) == 0 {
				continue
			}
			seat := ""
			if rng.Intn(2) == 0 {
				seat = wt[rng.Intn(len(wt))].ID
			}
			if _, err := e.store.CheckIn(ctx, p.ID, seat); err != nil {
				t.Fatal(err)
			}
			w.attended[label]++
		}
	}

	// Ideas at the tables: chosen or not, some deleted there.
	for k := 0; k < 3+rng.Intn(12); k++ {
		tb := tables[rng.Intn(len(tables))]
		deleted := rng.Intn(6) == 0
		if !deleted {
			w.captured[tableLabel[tb.ID]]++
		}
		idea := storetest.Idea(t, e.store, model.Idea{TableID: tb.ID, Title: fmt.Sprintf("Idea %d", k), Description: "Descripción",
			Principle: model.Principles[rng.Intn(len(model.Principles))], Chosen: rng.Intn(3) > 0})
		if deleted {
			if _, err := e.store.DeleteContribution(ctx, store.NewID(), tb.ID, model.KindIdea, idea.ID, 1); err != nil {
				t.Fatal(err)
			}
		}
	}
	if err := e.store.SetCutoff(ctx, 1+rng.Intn(4)); err != nil {
		t.Fatal(err)
	}

	w.stage = stage
	if w.stage == stageNoSheets {
		return w
	}
	made, err := e.store.GenerateSheets(ctx, rng.Intn(2) == 0)
	if err != nil {
		t.Fatal(err)
	}
	w.systemized = made
	if made == 0 {
		w.stage = stageNoSheets
		return w
	}
	// The Secretariat re-classifies some sheets, merges some, completes all.
	shs, err := e.store.ActiveSheets(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for i := range shs {
		if rng.Intn(3) == 0 {
			shs[i].Principle = model.Principles[rng.Intn(len(model.Principles))]
			if err := e.store.UpdateSheet(ctx, &shs[i]); err != nil {
				t.Fatal(err)
			}
		}
	}
	for m := 0; m < rng.Intn(3) && len(shs) >= 3; m++ {
		shs, _ = e.store.ActiveSheets(ctx)
		rng.Shuffle(len(shs), func(i, j int) { shs[i], shs[j] = shs[j], shs[i] })
		if _, err := e.store.MergeSheets(ctx, []string{shs[0].ID, shs[1].ID}); err != nil {
			t.Fatal(err)
		}
	}
	storetest.CompleteSheets(t, e.store)
	if w.stage == stageSheets {
		return w
	}
	if err := e.store.PublishSheets(ctx); err != nil {
		t.Fatal(err)
	}
	w.published = true
	shs, err = e.store.ActiveSheets(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for m := 0; m < 2+rng.Intn(2); m++ {
		id, _ := storetest.Member(t, e.store, model.ForumMember{Name: fmt.Sprintf("Miembro %d", m), Organization: fmt.Sprintf("Org %d", m), Sector: model.ForumSectors[m%len(model.ForumSectors)]})
		for _, sh := range shs {
			in := model.ScoreInput{Action: model.ScoreActionSubmit, Values: map[string]int{}}
			switch r := rng.Intn(10); {
			case r < 1:
				in = model.ScoreInput{Action: model.ScoreActionRecuse, Conflict: "Trabajo en la entidad."}
			case r < 3:
				continue
			case r < 5: // the same values everywhere: ties between sheets
				for _, c := range model.CriterionCodes {
					in.Values[c] = 4
				}
			default:
				for _, c := range model.CriterionCodes {
					in.Values[c] = 1 + rng.Intn(5)
				}
			}
			if _, err := e.store.SaveScore(ctx, id, sh.ID, in); err != nil {
				t.Fatal(err)
			}
		}
	}
	if w.stage == stageScoring {
		return w
	}
	if err := e.store.CloseScoring(ctx); err != nil {
		t.Fatal(err)
	}
	targets, merged := map[string]bool{}, map[string]bool{}
	var decided []string
	commitment := 0
	for i, sh := range shs {
		if w.stage == stageClosed && rng.Intn(2) == 0 {
			continue // not decided yet
		}
		d := model.ForumDecision{SheetID: sh.ID, Rationale: "Fundamento."}
		switch r := rng.Intn(4); {
		case r == 0:
			commitment++
			d.Outcome, d.CommitmentNumber, d.ResponsibleEntity = model.OutcomeCommitment, commitment, "PCM"
		case r == 1:
			d.Outcome = model.OutcomePrioritized
		case r == 2 && len(decided) > 0:
			target := decided[rng.Intn(len(decided))]
			d.Outcome, d.MergedInto = model.OutcomeMerged, target
			targets[target] = true
		default:
			d.Outcome = model.OutcomeNotPrioritized
		}
		if err := e.store.SaveDecision(ctx, &d); err != nil {
			t.Fatalf("decision %d: %v", i, err)
		}
		if d.Outcome == model.OutcomeMerged {
			merged[sh.ID] = true
		} else {
			decided = append(decided, sh.ID)
		}
	}
	if w.stage == stageResults {
		if err := e.store.PublishResults(ctx); err != nil {
			t.Fatal(err)
		}
		w.results = true
	}
	return w
}

// --- reading the surfaces ---

var (
	tableRE = regexp.MustCompile(`(?s)<table[^>]*>(.*?)</table>`)
	rowRE   = regexp.MustCompile(`(?s)<tr[^>]*>(.*?)</tr>`)
	cellRE  = regexp.MustCompile(`(?s)<t[hd][^>]*>(.*?)</t[hd]>`)
	tagRE   = regexp.MustCompile(`(?s)<[^>]*>`)
	ddRE    = regexp.MustCompile(`(?s)<dd>(.*?)</dd>`)
)

// htmlTables returns the page's tables as rows of cell texts (a cell's
// <small> aside dropped).
func htmlTables(page string) [][][]string {
	var out [][][]string
	for _, tm := range tableRE.FindAllStringSubmatch(page, -1) {
		var rows [][]string
		for _, rm := range rowRE.FindAllStringSubmatch(tm[1], -1) {
			var cells []string
			for _, cm := range cellRE.FindAllStringSubmatch(rm[1], -1) {
				c := cm[1]
				if i := strings.Index(c, "<small"); i >= 0 {
					c = c[:i]
				}
				c = strings.TrimSpace(html.UnescapeString(tagRE.ReplaceAllString(c, "")))
				cells = append(cells, strings.ReplaceAll(c, "\u00a0", " "))
			}
			rows = append(rows, cells)
		}
		out = append(out, rows)
	}
	return out
}

// pct is a percentage as the pages show it ("56,9 %" or "56.9 %") → "56.9".
func pct(s string) string {
	s = strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(s), "%"))
	return strings.ReplaceAll(s, ",", ".")
}

func pct1(x float64) string { return strconv.FormatFloat(x, 'f', 1, 64) }

var sectorOf = func() map[string]string {
	m := map[string]string{}
	for _, s := range model.Sectors {
		m[i18n.T("es", "sector."+s)] = s
	}
	return m
}()

// statsPage reads Table 2 and Figure 1 from /stats.
func statsPage(t *testing.T, e *testEnv) books {
	b := books{}
	tables := htmlTables(e.page("/stats"))
	if len(tables) < 2 {
		t.Fatalf("/stats has %d tables", len(tables))
	}
	for _, r := range tables[0][1:] { // header first
		row := r[0]
		if row == i18n.T("es", "stats.total") {
			row = "TOTAL"
		}
		b.set("t2", row, "attended", r[2])
		b.set("t2", row, "men", r[3])
		b.set("t2", row, "women", r[4])
		b.set("t2", row, "other", r[5])
		b.set("t2", row, "registered", r[6])
	}
	for _, r := range tables[1][1:] {
		row, ok := sectorOf[r[0]]
		if !ok {
			row = "TOTAL"
		}
		b.set("f1", row, "attended", r[1])
		b.set("f1", row, "percent", pct(r[2]))
		b.set("f1", row, "registered", r[3])
	}
	return b
}

// statsAPI reads the same from /api/v1/stats.
func statsAPI(t *testing.T, e *testEnv) books {
	var st model.Stats
	resp := e.get("/api/v1/stats")
	wantStatus(t, resp, http.StatusOK)
	decodeJSON(t, resp, &st)
	b := books{}
	add := func(row string, r model.WorkshopStats) {
		b.set("t2", row, "attended", r.Attended)
		b.set("t2", row, "men", r.Men)
		b.set("t2", row, "women", r.Women)
		b.set("t2", row, "other", r.Other)
		b.set("t2", row, "registered", r.Registered)
	}
	for _, r := range st.Workshops {
		add(r.Label, r)
	}
	add("TOTAL", st.Total)
	for _, s := range st.Sectors {
		b.set("f1", s.Sector, "attended", s.Attended)
		b.set("f1", s.Sector, "percent", pct1(s.Percent))
		b.set("f1", s.Sector, "registered", s.Registered)
	}
	b.set("f1", "TOTAL", "attended", st.Total.Attended)
	b.set("f1", "TOTAL", "registered", st.Total.Registered)
	b.set("f1", "TOTAL", "percent", map[bool]string{true: "100.0", false: "0.0"}[st.Total.Attended > 0])
	return b
}

// workshopStatsOf reads each workshop's own statistics page and API answer
// (its Table 2 line) and checks its seats per table add up to its seated.
func workshopStatsOf(t *testing.T, e *testEnv, seed int64, w world) (fromPage, fromAPI books) {
	fromPage, fromAPI = books{}, books{}
	for _, ws := range w.workshops {
		label := ws.Label()
		var st model.Stats
		resp := e.get("/api/v1/workshops/" + ws.ID + "/stats")
		wantStatus(t, resp, http.StatusOK)
		decodeJSON(t, resp, &st)
		if len(st.Workshops) != 1 {
			t.Fatalf("seed %d: %s stats has %d rows", seed, label, len(st.Workshops))
		}
		r := st.Workshops[0]
		for col, v := range map[string]int{"attended": r.Attended, "men": r.Men, "women": r.Women, "other": r.Other, "registered": r.Registered} {
			fromAPI.set("t2", label, col, v)
		}
		seated := 0
		for _, tb := range st.Tables {
			seated += tb.Seated
		}
		if seated != r.Seated {
			t.Errorf("seed %d: %s seats per table add up to %d, seated %d", seed, label, seated, r.Seated)
		}
		tables := htmlTables(e.page("/workshops/" + ws.ID + "/stats"))
		if len(tables) == 0 || len(tables[0]) < 2 {
			t.Fatalf("seed %d: %s stats page has no Table 2", seed, label)
		}
		c := tables[0][1]
		for i, col := range []string{"attended", "men", "women", "other", "registered"} {
			fromPage.set("t2", c[0], col, c[2+i])
		}
	}
	return fromPage, fromAPI
}

// processPage reads Table 3 and the outcome counts from /process (as anyone).
func processPage(t *testing.T, e *testEnv) books {
	b := books{}
	page := e.page("/process")
	for _, tb := range htmlTables(page) {
		if len(tb) == 0 {
			continue
		}
		switch {
		case len(tb[0]) == len(model.Principles)+2: // Table 3: workshop, principles, total
			for _, r := range tb[1:] {
				row := r[0]
				if row == i18n.T("es", "public.total") {
					row = "TOTAL"
				}
				for j, p := range model.Principles {
					b.set("t3", row, p, r[1+j])
				}
				b.set("t3", row, "total", r[len(r)-1])
			}
		case len(tb[0]) == 2: // outcomes: commitment ideas, other prioritized, merged, not prioritized, [pending], total
			n := func(i int) int { v, _ := strconv.Atoi(tb[i][1]); return v }
			pending := 0
			if len(tb) == 6 {
				pending = n(4)
			}
			b.set("out", "commitment_ideas", "n", n(0))
			b.set("out", "prioritized", "n", n(0)+n(1))
			b.set("out", "merged", "n", n(2))
			b.set("out", "not_prioritized", "n", n(3))
			b.set("out", "pending", "n", pending)
			b.set("out", "ideas", "n", n(len(tb)-1))
		}
	}
	if dds := ddRE.FindAllStringSubmatch(page, -1); len(dds) == 5 {
		b.set("out", "commitments", "n", strings.TrimSpace(dds[4][1]))
	}
	return b
}

// forumStatsAPI reads /api/v1/forum/stats.
func forumStatsAPI(t *testing.T, e *testEnv) books {
	var st struct {
		Ideas      int `json:"ideas"`
		ByWorkshop []struct {
			Workshop string         `json:"workshop"`
			Ideas    map[string]int `json:"ideas_by_principle"`
			Total    int            `json:"total"`
		} `json:"by_workshop"`
		ByPrinciple map[string]int  `json:"by_principle"`
		Outcomes    *map[string]int `json:"outcomes"`
	}
	resp := e.get("/api/v1/forum/stats")
	wantStatus(t, resp, http.StatusOK)
	decodeJSON(t, resp, &st)
	b := books{}
	for _, w := range st.ByWorkshop {
		for _, p := range model.Principles {
			b.set("t3", w.Workshop, p, w.Ideas[p])
		}
		b.set("t3", w.Workshop, "total", w.Total)
	}
	for _, p := range model.Principles {
		b.set("t3", "TOTAL", p, st.ByPrinciple[p])
	}
	b.set("t3", "TOTAL", "total", st.Ideas)
	if st.Outcomes != nil {
		o := *st.Outcomes
		b.set("out", "ideas", "n", st.Ideas)
		for _, k := range []string{"prioritized", "commitment_ideas", "commitments", "merged", "not_prioritized", "pending"} {
			b.set("out", k, "n", o[k])
		}
	}
	return b
}

// rankingAPI reads the scored rows of /api/v1/forum/ranking.
func rankingAPI(t *testing.T, e *testEnv) books {
	var rk struct {
		Rows []struct {
			Rank     int      `json:"rank"`
			Number   int      `json:"number"`
			Weighted *float64 `json:"weighted"`
			TieRanks []int    `json:"tie_ranks"`
		} `json:"rows"`
	}
	resp := e.get("/api/v1/forum/ranking")
	wantStatus(t, resp, http.StatusOK)
	decodeJSON(t, resp, &rk)
	b := books{}
	for _, r := range rk.Rows {
		if r.Weighted != nil {
			b.set("rank", strconv.Itoa(r.Number), "rank", r.Rank)
			b.set("rank", strconv.Itoa(r.Number), "weighted", strconv.FormatFloat(*r.Weighted, 'f', 9, 64))
			tie := ""
			if len(r.TieRanks) == 2 {
				tie = i18n.T("es", "forum.ranking.tie", r.TieRanks[0], r.TieRanks[1])
			}
			b.set("rank", strconv.Itoa(r.Number), "tie", tie)
		}
	}
	return b
}

var sheetNumberRE = regexp.MustCompile(`(\d+) · `)

// rankingPage reads the scored rows of a ranking page: rank, tie mark, and
// the weighted score as shown; two rows ranked apart and not tied must not
// show the same score.
func rankingPage(t *testing.T, e *testEnv, seed int64, path string) books {
	b := books{}
	tieRE := regexp.MustCompile(regexp.QuoteMeta(i18n.T("es", "forum.ranking.tie", 0, 0)[:6]) + `\S*`)
	var prev, prevTie string
	for _, tb := range htmlTables(e.page(path)) {
		for _, r := range tb {
			if len(r) < 4 || strings.HasPrefix(r[0], "—") {
				continue
			}
			m := sheetNumberRE.FindStringSubmatch(r[1])
			if m == nil {
				continue
			}
			rank, tie := r[0], ""
			if i := strings.Index(rank, " "); i >= 0 {
				rank, tie = rank[:i], strings.TrimSpace(rank[i:])
			}
			if tie != "" && !tieRE.MatchString(tie) {
				t.Errorf("seed %d: %s: rank cell %q", seed, path, r[0])
			}
			b.set("rank", m[1], "rank", rank)
			b.set("rank", m[1], "tie", tie)
			if r[2] == prev && (tie == "" || tie != prevTie) {
				t.Errorf("seed %d: %s shows %s for two sheets ranked apart and not tied", seed, path, r[2])
			}
			prev, prevTie = r[2], tie
		}
	}
	return b
}

// plenary reads each workshop's count by principle from the plenary's
// JSON, its page and /api/v1/workshops/{id}/ideas-by-principle.
func plenary(t *testing.T, e *testEnv, w world) (fromJSON, fromPage, fromAPI books) {
	fromJSON, fromPage, fromAPI = books{}, books{}, books{}
	nRE := regexp.MustCompile(`data-principle="(\w+)">.*?data-n>(\d+)<`)
	totalRE := regexp.MustCompile(`data-total>(\d+)<`)
	for _, ws := range w.workshops {
		label := ws.Label()
		var p model.Plenary
		resp := e.get("/api/v1/workshops/" + ws.ID + "/plenary")
		wantStatus(t, resp, http.StatusOK)
		decodeJSON(t, resp, &p)
		for _, c := range p.ByPrinciple.Principles {
			fromJSON.set("cap", label, c.Principle, c.Ideas)
		}
		fromJSON.set("cap", label, "total", p.ByPrinciple.Total)
		chosen := 0
		for _, tb := range p.Tables {
			chosen += tb.Chosen
		}
		fromJSON.set("chosen", label, "total", chosen)

		var api model.IdeasByPrinciple
		resp = e.get("/api/v1/workshops/" + ws.ID + "/ideas-by-principle")
		wantStatus(t, resp, http.StatusOK)
		decodeJSON(t, resp, &api)
		for _, c := range api.Principles {
			fromAPI.set("cap", label, c.Principle, c.Ideas)
		}
		fromAPI.set("cap", label, "total", api.Total)

		page := e.page("/workshops/" + ws.ID + "/plenary")
		for _, m := range nRE.FindAllStringSubmatch(page, -1) {
			fromPage.set("cap", label, m[1], m[2])
		}
		if m := totalRE.FindStringSubmatch(page); m != nil {
			fromPage.set("cap", label, "total", m[1])
		}
	}
	// The process line is the workshops' lines added up.
	for _, b := range []books{fromJSON, fromPage, fromAPI} {
		for _, col := range append(append([]string{}, model.Principles...), "total") {
			sum := 0
			for _, ws := range w.workshops {
				n, _ := strconv.Atoi(b["cap|"+ws.Label()+"|"+col])
				sum += n
			}
			b.set("cap", "TOTAL", col, sum)
		}
	}
	return fromJSON, fromPage, fromAPI
}

// workbook reads the plan's tables back from an .xlsx.
func workbook(t *testing.T, raw []byte) books {
	f, err := excelize.OpenReader(bytes.NewReader(raw))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows := func(sheet string) [][]string {
		rs, err := f.GetRows(sheet, excelize.Options{RawCellValue: true})
		if err != nil {
			return nil
		}
		for i := range rs {
			for len(rs[i]) < 24 {
				rs[i] = append(rs[i], "")
			}
		}
		return rs
	}
	tr := func(key string) string { return i18n.T("es", key) }
	body := func(sheet string) [][]string { // below the header
		if rs := rows(sheet); len(rs) > 1 {
			return rs[1:]
		}
		return nil
	}
	b := books{}
	for _, r := range body(tr("export.sheet.by_gender")) {
		if r[0] == "" {
			break
		}
		b.set("t2", r[0], "attended", r[2])
		b.set("t2", r[0], "men", r[3])
		b.set("t2", r[0], "women", r[4])
		b.set("t2", r[0], "other", r[5])
		b.set("t2", r[0], "registered", r[6])
	}
	for _, r := range body(tr("export.sheet.by_sector")) {
		if r[0] == "" {
			break
		}
		row, ok := sectorOf[r[0]]
		if !ok {
			row = "TOTAL"
		}
		share, _ := strconv.ParseFloat(r[2], 64)
		b.set("f1", row, "attended", r[1])
		b.set("f1", row, "percent", pct1(share*100))
		b.set("f1", row, "registered", r[3])
	}
	blocks := map[string]string{tr("export.table3.systematized"): "t3", tr("export.table3.captured"): "cap", tr("export.table3.chosen"): "chosen"}
	ps := rows(tr("export.sheet.by_principle"))
	for i := 0; i < len(ps); i++ {
		table, ok := blocks[ps[i][0]]
		if !ok || i+1 >= len(ps) || ps[i+1][0] != tr("export.col.workshop") {
			continue
		}
		for _, r := range ps[i+2:] {
			if r[0] == "" {
				break
			}
			if table == "chosen" { // only its totals are stated elsewhere
				b.set(table, r[0], "total", r[len(model.Principles)+1])
				continue
			}
			for j, p := range model.Principles {
				b.set(table, r[0], p, r[1+j])
			}
			b.set(table, r[0], "total", r[len(model.Principles)+1])
		}
	}
	if out := rows(tr("export.sheet.outcomes")); out != nil {
		for i, k := range []string{"prioritized", "commitment_ideas", "commitments", "merged", "not_prioritized", "pending", "ideas"} {
			b.set("out", k, "n", out[1+i][1])
		}
	}
	for _, r := range body(tr("export.sheet.ranking")) {
		if r[0] == "" || r[8] == "" { // unscored: no rank of its own
			continue
		}
		w, _ := strconv.ParseFloat(r[8], 64)
		b.set("rank", r[1], "rank", r[0])
		b.set("rank", r[1], "weighted", strconv.FormatFloat(w, 'f', 9, 64))
		b.set("rank", r[1], "tie", r[3+len(model.CriterionCodes)+10])
	}
	return b
}

func (e *testEnv) fullWorkbook() []byte {
	resp := e.postForm("/admin/exports/", url.Values{"workshop": {""}, "variant": {"full"}})
	wantStatus(e.t, resp, http.StatusOK)
	raw, _ := io.ReadAll(resp.Body)
	return raw
}

func (e *testEnv) publicWorkbook() []byte {
	resp := e.get("/exports/public.xlsx")
	wantStatus(e.t, resp, http.StatusOK)
	raw, _ := io.ReadAll(resp.Body)
	return raw
}

func TestEverySurfaceStatesTheSameFigures(t *testing.T) {
	seeds := 12
	if testing.Short() {
		seeds = 4
	}
	seen := map[int]int{}
	for seed := int64(1); seed <= int64(seeds); seed++ {
		rng := rand.New(rand.NewSource(seed))
		e := newTestEnv(t)
		w := randomProcess(t, e, rng, int(seed)%(stageResults+1))
		seen[w.stage]++

		// As anyone: the public surfaces.
		page, api := statsPage(t, e), statsAPI(t, e)
		public := workbook(t, e.publicWorkbook())
		proc := processPage(t, e)

		// As the Secretariat: everything, published or not.
		e.loginAdmin()
		full := workbook(t, e.fullWorkbook())
		forumAPI := forumStatsAPI(t, e)
		plJSON, plPage, plAPI := plenary(t, e, w)

		wsPage, wsAPI := workshopStatsOf(t, e, seed, w)
		agree(t, seed, "t2", wsPage, wsAPI, "/workshops/{id}/stats", "/api/v1/workshops/{id}/stats")
		for k, v := range wsAPI {
			if api[k] != v {
				t.Errorf("seed %d: %s: /api/v1/workshops/{id}/stats %q, /api/v1/stats %q", seed, k, v, api[k])
			}
		}
		for _, tb := range []string{"t2", "f1"} {
			agree(t, seed, tb, page, api, "/stats", "/api/v1/stats")
			agree(t, seed, tb, api, full, "/api/v1/stats", "full workbook")
			agree(t, seed, tb, api, public, "/api/v1/stats", "public workbook")
		}
		agree(t, seed, "t3", forumAPI, full, "/api/v1/forum/stats", "full workbook")
		if w.published {
			agree(t, seed, "t3", proc, forumAPI, "/process", "/api/v1/forum/stats")
			agree(t, seed, "t3", proc, public, "/process", "public workbook")
		} else if len(proc.only("t3")) > 0 || len(public.only("t3")) > 0 {
			t.Errorf("seed %d: Table 3 is public before the sheets went to the Forum", seed)
		}
		agree(t, seed, "cap", plJSON, full, "plenary JSON", "full workbook")
		agree(t, seed, "cap", plPage, full, "plenary screen", "full workbook")
		agree(t, seed, "cap", plAPI, full, "ideas-by-principle API", "full workbook")
		agree(t, seed, "cap", full, public, "full workbook", "public workbook")
		for _, ws := range w.workshops { // the plenary's chosen counts, per table, add up to the workbook's
			label := ws.Label()
			if k := "chosen|" + label + "|total"; plJSON[k] != full[k] {
				t.Errorf("seed %d: chosen ideas of %s: plenary %s, workbook %s", seed, label, plJSON[k], full[k])
			}
		}
		if w.stage >= stageScoring {
			agree(t, seed, "out", forumAPI, full, "/api/v1/forum/stats", "full workbook")
			rank := rankingAPI(t, e)
			if len(rank) > 0 {
				agree(t, seed, "rank", rank, full, "/api/v1/forum/ranking", "full workbook")
			}
			if len(rank) > 0 {
				pageRank := rankingPage(t, e, seed, "/admin/forum/ranking")
				for k, v := range rank.only("rank") {
					if strings.HasSuffix(k, "|weighted") {
						continue
					}
					if pageRank[k] != v {
						t.Errorf("seed %d: %s: ranking page %q, API %q", seed, k, pageRank[k], v)
					}
				}
			}
			if w.results {
				agree(t, seed, "out", proc, forumAPI, "/process", "/api/v1/forum/stats")
				agree(t, seed, "out", proc, public, "/process", "public workbook")
				if len(rank) > 0 {
					agree(t, seed, "rank", rank, public, "/api/v1/forum/ranking", "public workbook")
				}
			}
		}

		// And the figures are the records: who attended (never the
		// registrations in their place), what was captured, what was systematized.
		for _, ws := range w.workshops {
			label := ws.Label()
			if got, want := api["t2|"+label+"|attended"], strconv.Itoa(w.attended[label]); got != want {
				t.Errorf("seed %d: %s attended %s, recorded %s", seed, label, got, want)
			}
			if got, want := api["t2|"+label+"|registered"], strconv.Itoa(w.registered[label]); got != want {
				t.Errorf("seed %d: %s registered %s, recorded %s", seed, label, got, want)
			}
			if got, want := full["cap|"+label+"|total"], strconv.Itoa(w.captured[label]); got != want {
				t.Errorf("seed %d: %s captured %s, recorded %s", seed, label, got, want)
			}
		}
		if got := full["t3|TOTAL|total"]; got != strconv.Itoa(w.systemized) {
			t.Errorf("seed %d: Table 3 total %s, %d ideas have a sheet", seed, got, w.systemized)
		}
		if t.Failed() {
			t.Fatalf("seed %d failed (stage %d)", seed, w.stage)
		}
	}
	// The seeds reach every stage, so every table is compared somewhere.
	if !testing.Short() {
		for st := stageNoSheets; st <= stageResults; st++ {
			if seen[st] == 0 {
				t.Errorf("no seed reached stage %d (stages reached: %v)", st, seen)
			}
		}
	}
}
