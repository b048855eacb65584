package web

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/minka-gob/minka/internal/model"
	"github.com/minka-gob/minka/internal/ranking"
	"github.com/minka-gob/minka/internal/store"
	"github.com/minka-gob/minka/internal/storetest"
)

// The Excel export of the Forum's records, from real records: ideas at
// tables in two workshops become sheets, two of them (one from each
// workshop) are merged, three members score (a recusal, a draft that never
// counts), scoring closes, the validation workshop decides, the results are
// published. The workbook is reopened with excelize and its cells compared
// with the records, with internal/ranking run on the same scores, and with
// what the ranking page shows.

// exportForum is that process and what the test needs to check it.
type exportForum struct {
	e         *testEnv
	piura     forumWorld
	lima      model.Workshop
	number    map[string]int // sheet id → number
	byNumber  map[int]model.Sheet
	members   []string // ids of Ana, Beto, Carla
	crits     []model.Criterion
	scores    []ranking.Score // what was submitted and recused, as the test knows it
	admin     context.Context
	secrets   []string // what the public variant must never show
	formulaOb string
	adminSess string
}

var exportMembers = []struct{ name, org, sector string }{
	{"Ana Miembro", "Proética", "civil_society"},
	{"Beto Miembro", "PCM", "public"},
	{"Carla Miembro", "Universidad del Pacífico", "academic"},
}

// newExportForum records the process up to scoring open, with every score in.
func newExportForum(t *testing.T) *exportForum {
	t.Helper()
	e := newTestEnv(t)
	ctx := context.Background()
	x := &exportForum{e: e, admin: store.WithActor(ctx, store.Actor{Role: model.RoleAdmin, ID: "admin-test"}), formulaOb: "=1+1"}
	e.loginAdmin()
	x.adminSess = e.session()
	x.piura = newForumWorld(t, e, 5) // ideas A..E: A, C, E at table 1, B, D at table 2 → sheets 1..5
	x.lima = model.Workshop{City: "Lima", Date: "2025-07-18", Focus: "Justicia Abierta", Status: model.WorkshopClosed}
	if err := e.store.CreateWorkshop(ctx, &x.lima); err != nil {
		t.Fatal(err)
	}
	tb := model.Table{WorkshopID: x.lima.ID, Number: 1}
	if err := e.store.CreateTable(ctx, &tb); err != nil {
		t.Fatal(err)
	}
	storetest.Idea(t, e.store, model.Idea{TableID: tb.ID, Title: "Idea F de Lima", Description: "Descripción de la idea F", Principle: model.PrincipleTransparency, Chosen: true}) // sheet 6
	if n, err := e.store.GenerateSheets(ctx, false); err != nil || n != 6 {
		t.Fatalf("generated %d sheets: %v", n, err)
	}
	x.reloadSheets(t)
	if _, err := e.store.MergeSheets(ctx, []string{x.byNumber[6].ID, x.byNumber[1].ID}); err != nil { // → sheet 7
		t.Fatal(err)
	}
	x.reloadSheets(t)
	storetest.CompleteSheets(t, e.store)
	crits, err := e.store.Criteria(ctx)
	if err != nil {
		t.Fatal(err)
	}
	crits[1].Weight, crits[4].Weight = 2, 0.5 // impact counts double, innovation half
	if err := e.store.UpdateCriteria(ctx, crits); err != nil {
		t.Fatal(err)
	}
	x.crits, _ = e.store.Criteria(ctx)
	if err := e.store.SetCutoff(ctx, 2); err != nil {
		t.Fatal(err)
	}
	if err := e.store.PublishSheets(ctx); err != nil {
		t.Fatal(err)
	}
	for _, m := range exportMembers {
		id, _ := storetest.Member(t, e.store, model.ForumMember{Name: m.name, Organization: m.org, Sector: m.sector})
		x.members = append(x.members, id)
		x.secrets = append(x.secrets, m.name, m.org)
	}
	ana, beto, carla := x.members[0], x.members[1], x.members[2]
	x.submit(t, ana, 7, []int{5, 5, 4, 4, 5}, "Muy pertinente")
	x.submit(t, beto, 7, []int{4, 5, 4, 3, 4}, "")
	x.recuse(t, carla, 7, "Trabajo en la entidad responsable")
	x.submit(t, ana, 2, []int{3, 3, 3, 3, 3}, "")
	x.submit(t, beto, 2, []int{2, 4, 3, 2, 2}, "")
	x.submit(t, carla, 2, []int{4, 4, 4, 4, 4}, "")
	x.submit(t, ana, 3, []int{4, 3, 5, 2, 3}, x.formulaOb)
	x.submit(t, beto, 3, []int{3, 3, 3, 3, 3}, "")
	x.submit(t, ana, 4, []int{4, 4, 4, 4, 4}, "")
	x.submit(t, beto, 4, []int{5, 5, 5, 5, 5}, "")
	x.submit(t, ana, 5, []int{1, 2, 2, 1, 1}, "")
	// Carla's draft on sheet 4 never counts.
	if _, err := e.store.SaveScore(ctx, carla, x.byNumber[4].ID, model.ScoreInput{Action: model.ScoreActionDraft,
		Values: map[string]int{x.crits[0].Code: 1}, Observations: "Borrador sin enviar"}); err != nil {
		t.Fatal(err)
	}
	x.secrets = append(x.secrets, "Muy pertinente", x.formulaOb, "Trabajo en la entidad responsable", "Borrador sin enviar",
		"Facilitadora Secreta", "Nota interna del debate")
	// Satisfaction in Piura: r0 answers 2, then changes to 5; five answers in all.
	for _, a := range []model.SurveyAnswer{{Respondent: "r0", Score: 2}, {Respondent: "r1", Score: 5}, {Respondent: "r2", Score: 4},
		{Respondent: "r3", Score: 3}, {Respondent: "r4", Score: 4}, {Respondent: "r0", Score: 5}} {
		a.WorkshopID = x.piura.workshop.ID
		if err := e.store.SaveSurveyAnswer(ctx, &a); err != nil {
			t.Fatal(err)
		}
	}
	return x
}

func (x *exportForum) reloadSheets(t *testing.T) {
	t.Helper()
	all, err := x.e.store.Sheets(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	x.number, x.byNumber = map[string]int{}, map[int]model.Sheet{}
	for _, sh := range all {
		x.number[sh.ID], x.byNumber[sh.Number] = sh.Number, sh
	}
}

func (x *exportForum) values(v []int) map[string]int {
	m := map[string]int{}
	for i, c := range x.crits {
		m[c.Code] = v[i]
	}
	return m
}

func (x *exportForum) submit(t *testing.T, member string, sheet int, v []int, observations string) {
	t.Helper()
	in := model.ScoreInput{Action: model.ScoreActionSubmit, Values: x.values(v), Observations: observations}
	if _, err := x.e.store.SaveScore(context.Background(), member, x.byNumber[sheet].ID, in); err != nil {
		t.Fatal(err)
	}
	x.scores = append(x.scores, ranking.Score{Sheet: x.byNumber[sheet].ID, Member: member, Values: x.values(v)})
}

func (x *exportForum) recuse(t *testing.T, member string, sheet int, conflict string) {
	t.Helper()
	in := model.ScoreInput{Action: model.ScoreActionRecuse, Conflict: conflict}
	if _, err := x.e.store.SaveScore(context.Background(), member, x.byNumber[sheet].ID, in); err != nil {
		t.Fatal(err)
	}
	x.scores = append(x.scores, ranking.Score{Sheet: x.byNumber[sheet].ID, Member: member, Recused: true})
}

// decide closes scoring and records the validation workshop's decisions.
func (x *exportForum) decide(t *testing.T) {
	t.Helper()
	if err := x.e.store.CloseScoring(context.Background()); err != nil {
		t.Fatal(err)
	}
	for _, d := range []model.ForumDecision{
		{SheetID: x.byNumber[7].ID, Outcome: model.OutcomeCommitment, CommitmentNumber: 1, ResponsibleEntity: "Defensoría del Pueblo",
			Rationale: "Alta relevancia pública y viabilidad.", Notes: "Nota interna del debate"},
		{SheetID: x.byNumber[4].ID, Outcome: model.OutcomePrioritized, Rationale: "Priorizada por el Foro."},
		{SheetID: x.byNumber[2].ID, Outcome: model.OutcomeMerged, MergedInto: x.byNumber[7].ID, Rationale: "Es la misma propuesta que la ficha 7."},
		{SheetID: x.byNumber[3].ID, Outcome: model.OutcomeNotPrioritized, Rationale: "-Baja viabilidad financiera."},
		{SheetID: x.byNumber[5].ID, Outcome: model.OutcomeNotPrioritized, Rationale: "Puntaje bajo."},
	} {
		if err := x.e.store.SaveDecision(x.admin, &d); err != nil {
			t.Fatal(err)
		}
	}
}

// fullWorkbook asks the export page for the Secretariat's workbook.
func (x *exportForum) fullWorkbook(t *testing.T, workshopID string) *excelize.File {
	t.Helper()
	x.e.use(x.adminSess)
	resp := x.e.postForm("/admin/exports/", url.Values{"workshop": {workshopID}, "variant": {"full"}})
	wantStatus(t, resp, http.StatusOK)
	body, _ := io.ReadAll(resp.Body)
	return openWorkbook(t, body)
}

// publicWorkbook downloads the public workbook as anyone would.
func (x *exportForum) publicWorkbook(t *testing.T) *excelize.File {
	t.Helper()
	x.e.logout()
	resp := x.e.get("/exports/public.xlsx")
	wantStatus(t, resp, http.StatusOK)
	body, _ := io.ReadAll(resp.Body)
	return openWorkbook(t, body)
}

// sheetSet lists a workbook's sheets.
func sheetSet(f *excelize.File) map[string]bool {
	has := map[string]bool{}
	for _, s := range f.GetSheetList() {
		has[s] = true
	}
	return has
}

// assertPublic checks a public workbook: never individual scores, member
// names, organizations, observations, conflicts or deliberation notes;
// ranking and decisions only when results is true.
func (x *exportForum) assertPublic(t *testing.T, f *excelize.File, results bool) {
	t.Helper()
	has := sheetSet(f)
	if has["Puntajes"] || has["Participantes"] {
		t.Error("the public workbook has individual scores or the participant list")
	}
	if !has["Fichas de ideas"] {
		t.Error("the public workbook lacks the idea sheets, public since they went to the Forum")
	}
	for _, s := range []string{"Ranking", "Matriz de respuesta razonada", "Resultado de la priorización"} {
		if has[s] != results {
			t.Errorf("public %s present = %v, want %v", s, has[s], results)
		}
	}
	for _, sheet := range f.GetSheetList() {
		rows, err := f.GetRows(sheet)
		if err != nil {
			t.Fatal(err)
		}
		for _, row := range rows {
			for _, v := range row {
				for _, secret := range x.secrets {
					if strings.Contains(v, secret) {
						t.Errorf("public %s shows %q in %q", sheet, secret, v)
					}
				}
			}
		}
	}
}

func rawCell(t *testing.T, f *excelize.File, sheet, cell string) string {
	t.Helper()
	return cellOf(t, f, sheet, cell)
}

func wantCells(t *testing.T, f *excelize.File, sheet string, pairs ...string) {
	t.Helper()
	for i := 0; i+1 < len(pairs); i += 2 {
		if got := rawCell(t, f, sheet, pairs[i]); got != pairs[i+1] {
			t.Errorf("%s!%s = %q, want %q", sheet, pairs[i], got, pairs[i+1])
		}
	}
}

func wantNum(t *testing.T, f *excelize.File, sheet, cell string, want float64) {
	t.Helper()
	raw := rawCell(t, f, sheet, cell)
	got, err := strconv.ParseFloat(raw, 64)
	if err != nil || got-want > 1e-9 || want-got > 1e-9 {
		t.Errorf("%s!%s = %q, want %v", sheet, cell, raw, want)
	}
}

func cellAt(col, row int) string {
	c, _ := excelize.CoordinatesToCellName(col, row)
	return c
}

func yesNo(b bool) string {
	if b {
		return "Sí"
	}
	return "No"
}

func TestForumWorkbookFromRealRecords(t *testing.T) {
	x := newExportForum(t)
	ctx := context.Background()

	// While scoring is open the public workbook has the sheets only.
	x.assertPublic(t, x.publicWorkbook(t), false)

	x.decide(t)
	// Closed, decided, results not yet published: still no ranking or decisions.
	x.assertPublic(t, x.publicWorkbook(t), false)

	f := x.fullWorkbook(t, "")

	// Idea sheets: every sheet by number, seven fields, merge lineage both ways.
	s := "Fichas de ideas"
	wantCells(t, f, s, "A1", "N° de ficha", "J1", "Ideas de origen", "K1", "Fusiona las fichas", "L1", "Fusionada en",
		"A2", "1", "C2", "Idea de prueba A", "I8", "Entidad responsable", "J2", "Idea de prueba A (Piura, mesa 1)", "L2", "7",
		"A3", "2", "B3", "Rendición de cuentas", "C3", "Idea de prueba C", "L3", "",
		"A7", "6", "C7", "Idea F de Lima", "J7", "Idea F de Lima (Lima (Justicia Abierta), mesa 1)", "L7", "7",
		"A8", "7", "C8", "Idea de prueba A", "K8", "1, 6", "L8", "",
		"J8", "Idea de prueba A (Piura, mesa 1)\nIdea F de Lima (Lima (Justicia Abierta), mesa 1)", "A9", "")
	if place := rawCell(t, f, s, "D2"); !strings.Contains(place, "Piura") || !strings.Contains(place, "05/06/2025") {
		t.Errorf("sheet 1's place of ideation = %q", place)
	}

	// Scores: submitted and recused only (Carla's draft is not there), by
	// sheet and organization; the recusal marked, without values.
	s = "Puntajes"
	wantCells(t, f, s, "A1", "N° de ficha", "C1", "Miembro del Foro", "E1", "Relevancia pública (peso 1)", "F1", "Impacto (peso 2)",
		"I1", "Innovación (peso 0.50)", "K1", "Se inhibió",
		"A2", "2", "C2", "Beto Miembro", "D2", "PCM", "E2", "2", "F2", "4", "I2", "2", "K2", "No",
		"C3", "Ana Miembro", "C4", "Carla Miembro", "E4", "4",
		"A6", "3", "C6", "Ana Miembro", "E6", "4", "G6", "5", "J6", x.formulaOb,
		"A9", "5", "C9", "Ana Miembro", "E9", "1",
		"A12", "7", "C12", "Carla Miembro", "D12", "Universidad del Pacífico", "E12", "", "I12", "", "K12", "Sí",
		"A11", "7", "J11", "Muy pertinente", "A13", "")
	if formula, _ := f.GetCellFormula(s, "J6"); formula != "" {
		t.Errorf("an observation became the formula %q", formula)
	}
	if v, _ := f.GetCellValue(s, "L2"); !strings.Contains(v, "/") {
		t.Errorf("submitted at shows %q, not a date", v)
	}

	// Ranking: what internal/ranking computes from the scores the members
	// gave, and what the ranking page shows, row for row.
	rc := make([]ranking.Criterion, len(x.crits))
	for i, c := range x.crits {
		rc[i] = ranking.Criterion{Code: c.Code, Weight: c.Weight}
	}
	var rs []ranking.Sheet
	for _, n := range []int{2, 3, 4, 5, 7} {
		rs = append(rs, ranking.Sheet{ID: x.byNumber[n].ID, Key: fmt.Sprintf("%06d", n)})
	}
	want := ranking.Compute(rc, rs, x.scores, ranking.Options{Cutoff: 2})
	rv, err := x.e.srv.buildRanking(ctx, "es")
	if err != nil {
		t.Fatal(err)
	}
	if len(want.Rows) != 5 || len(rv.Rows) != 5 {
		t.Fatalf("ranking rows: computed %d, page %d", len(want.Rows), len(rv.Rows))
	}
	page := x.e.page("/admin/forum/ranking")
	var order []string
	s = "Ranking"
	wantCells(t, f, s, "A1", "Puesto", "D1", "Relevancia pública: promedio (peso 1)", "I1", "Puntaje ponderado", "J1", "N° de evaluadores",
		"K1", "Inhibiciones", "L1", "Dispersión (desv. estándar)", "N1", "Mejor puesto posible", "O1", "Peor puesto posible",
		"P1", "Rango de puestos", "Q1", "Sobre el corte", "A7", "")
	for i, w := range want.Rows {
		row := i + 2
		n := x.number[w.Sheet]
		if rv.Rows[i].Sheet.Number != n || rv.Rows[i].R.Weighted != w.Weighted || rv.Rows[i].R.RankMax != w.RankMax {
			t.Errorf("page row %d = sheet %d %+v, computed sheet %d %+v", i+1, rv.Rows[i].Sheet.Number, rv.Rows[i].R, n, w)
		}
		wantCells(t, f, s, cellAt(1, row), strconv.Itoa(w.Rank), cellAt(2, row), strconv.Itoa(n),
			cellAt(3, row), x.byNumber[n].Name, cellAt(10, row), strconv.Itoa(w.Scorers), cellAt(11, row), strconv.Itoa(w.Recusals),
			cellAt(13, row), yesNo(w.Contested), cellAt(14, row), strconv.Itoa(w.RankMin), cellAt(15, row), strconv.Itoa(w.RankMax),
			cellAt(17, row), yesNo(w.AboveCut), cellAt(18, row), yesNo(!w.CutStable))
		for ci, c := range x.crits {
			wantNum(t, f, s, cellAt(4+ci, row), w.Means[c.Code])
		}
		wantNum(t, f, s, cellAt(9, row), w.Weighted)
		wantNum(t, f, s, cellAt(12, row), w.Spread)
		// The page shows the same weighted score, rounded to two decimals.
		order = append(order, fmt.Sprintf("Ficha %d · %s", n, x.byNumber[n].Name), fmt.Sprintf("%.2f", w.Weighted))
	}
	inOrder(t, page, order...)
	if w := want.Rows[0]; x.number[w.Sheet] != 4 || w.Recusals != 0 || want.Rows[1].Recusals != 1 || x.number[want.Rows[1].Sheet] != 7 {
		t.Errorf("the records should rank sheet 4 first and sheet 7 (one recusal) second: %+v", want.Rows[:2])
	}
	if rawCell(t, f, s, "Q3") != "Sí" || rawCell(t, f, s, "Q4") != "No" {
		t.Error("the cut-off (2) is not marked after the second rank")
	}

	// The reasoned response matrix: one line per idea, in workshop and table order.
	s = "Matriz de respuesta razonada"
	rank7 := strconv.Itoa(rv.BySheet[x.byNumber[7].ID].R.Rank)
	wantCells(t, f, s, "A1", "Taller", "D1", "Idea", "F1", "N° de ficha", "G1", "Ficha evaluada", "J1", "Decisión",
		"K1", "N° de compromiso", "L1", "Fusionada en la ficha (validación)", "M1", "Fundamento", "N1", "Entidad responsable",
		"A2", "Piura", "C2", "1", "D2", "Idea de prueba A", "F2", "1", "G2", "7", "H2", rank7, "J2", "Compromiso 1", "K2", "1",
		"M2", "Alta relevancia pública y viabilidad.", "N2", "Defensoría del Pueblo",
		"D3", "Idea de prueba C", "F3", "2", "G3", "2", "J3", "Fusionada en otra idea", "L3", "7", "M3", "Es la misma propuesta que la ficha 7.",
		"D4", "Idea de prueba E", "J4", "No priorizada", "M4", "-Baja viabilidad financiera.",
		"D5", "Idea de prueba B", "C5", "2", "J5", "Priorizada", "H5", "1",
		"D6", "Idea de prueba D", "J6", "No priorizada",
		"A7", "Lima (Justicia Abierta)", "D7", "Idea F de Lima", "F7", "6", "G7", "7", "J7", "Compromiso 1", "N7", "Defensoría del Pueblo",
		"A8", "")
	wantNum(t, f, s, "I2", rv.BySheet[x.byNumber[7].ID].R.Weighted)

	// Outcomes, counted from the matrix, agree with the public process page.
	mv, err := x.e.srv.buildMatrix(ctx, "es")
	if err != nil {
		t.Fatal(err)
	}
	stats := buildStats(mv)
	s = "Resultado de la priorización"
	wantCells(t, f, s, "B2", strconv.Itoa(stats.Prioritized), "B3", strconv.Itoa(stats.CommitmentIdeas), "B4", strconv.Itoa(stats.Commitments),
		"B5", strconv.Itoa(stats.MergedInto), "B6", strconv.Itoa(stats.NotPrioritized), "B7", "0", "B8", strconv.Itoa(stats.Total))
	wantCells(t, f, s, "B2", "3", "B3", "2", "B4", "1", "B5", "1", "B6", "2", "B8", "6")

	// Satisfaction: Piura's five answers (one replaced), Lima unanswered.
	s = "Satisfacción"
	wantCells(t, f, s, "A2", "Piura", "C2", "5", "E2", "0", "F2", "0", "G2", "1", "H2", "2", "I2", "2",
		"A3", "Lima (Justicia Abierta)", "C3", "0", "D3", "", "A4", "TOTAL", "C4", "5")
	wantNum(t, f, s, "D2", 4.2)

	// The cover says where the Forum stands.
	if v := rawCell(t, f, "Portada", "B8"); !strings.Contains(v, "Calificación cerrada") {
		t.Errorf("cover stage = %q", v)
	}

	// Results published: the public workbook now has the ranking and the
	// matrix, with the same numbers, and still no individual scores.
	if err := x.e.store.PublishResults(x.admin); err != nil {
		t.Fatal(err)
	}
	pub := x.publicWorkbook(t)
	x.assertPublic(t, pub, true)
	for _, cell := range []string{"A2", "B2", "I2", "L2", "P2", "A3", "B3", "I3"} {
		if got, full := rawCell(t, pub, "Ranking", cell), rawCell(t, f, "Ranking", cell); got != full {
			t.Errorf("public Ranking!%s = %q, full %q", cell, got, full)
		}
	}
	wantCells(t, pub, "Matriz de respuesta razonada", "J2", "Compromiso 1", "M2", "Alta relevancia pública y viabilidad.", "N2", "Defensoría del Pueblo")
	wantCells(t, pub, "Fichas de ideas", "A8", "7", "K8", "1, 6")
}

// A workshop's workbook has that workshop's ideas: the sheets they lead to
// (their own and the merged one, with every source listed), the scores on
// those sheets, one matrix line per idea, and the whole process's ranking.
func TestForumWorkbookOfOneWorkshop(t *testing.T) {
	x := newExportForum(t)
	x.decide(t)
	f := x.fullWorkbook(t, x.lima.ID)
	wantCells(t, f, "Fichas de ideas", "A2", "6", "A3", "7", "K3", "1, 6", "A4", "",
		"J3", "Idea de prueba A (Piura, mesa 1)\nIdea F de Lima (Lima (Justicia Abierta), mesa 1)")
	wantCells(t, f, "Puntajes", "A2", "7", "A3", "7", "A4", "7", "K4", "Sí", "A5", "")
	wantCells(t, f, "Matriz de respuesta razonada", "D2", "Idea F de Lima", "J2", "Compromiso 1", "A3", "")
	for row := 2; row <= 6; row++ {
		if rawCell(t, f, "Ranking", cellAt(2, row)) == "" {
			t.Errorf("the workshop's ranking lacks row %d: the ranking is the whole process's", row)
		}
	}
	wantCells(t, f, "Satisfacción", "A2", "Lima (Justicia Abierta)", "C2", "0", "A3", "TOTAL")
	found := false
	rows, _ := f.GetRows("Portada")
	for _, r := range rows {
		for _, v := range r {
			found = found || strings.Contains(v, "El ranking es el de todo el proceso")
		}
	}
	if !found {
		t.Error("the cover does not say that the ranking is the whole process's")
	}
}

// Where the Secretariat and the public find the workbooks.
func TestExportLinksOnForumAndPublicPages(t *testing.T) {
	x := newExportForum(t)
	x.decide(t)
	if err := x.e.store.PublishResults(x.admin); err != nil {
		t.Fatal(err)
	}
	x.e.use(x.adminSess)
	for _, path := range []string{"/admin/forum/", "/admin/forum/ranking"} {
		body := x.e.page(path)
		mustContain(t, body, `action="/admin/exports/"`, `name="variant" value="full"`, "Descargar libro Excel", `name="_csrf"`)
	}
	// The button downloads the workbook.
	resp := x.e.postForm("/admin/exports/", url.Values{"workshop": {""}, "variant": {"full"}})
	wantStatus(t, resp, http.StatusOK)
	if ct := resp.Header.Get("Content-Type"); ct != xlsxType {
		t.Errorf("the button's answer is %q", ct)
	}
	x.e.logout()
	for _, path := range []string{"/process", "/process/ranking", "/process/matrix"} {
		body := x.e.page(path)
		mustContain(t, body, `href="/exports/public.xlsx"`, "Descargar datos (Excel)")
		mustNotContain(t, body, "style=")
	}
	if body := x.e.page("/process?lang=en"); !strings.Contains(body, "Download data (Excel)") {
		t.Error("the public link is not translated")
	}
}
