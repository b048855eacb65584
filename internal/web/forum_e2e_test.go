package web

import (
	"context"
	"encoding/json"
	"fmt"
	"math"
	"net/http"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/minka-gob/minka/internal/model"
	"github.com/minka-gob/minka/internal/store"
)

// page fetches a page that must render completely (200, no template error).
func (e *testEnv) page(path string) string {
	e.t.Helper()
	resp := e.get(path)
	wantStatus(e.t, resp, http.StatusOK)
	body := readBody(e.t, resp)
	if strings.Contains(body, "executing \"") || strings.Contains(body, "template:") {
		e.t.Fatalf("%s: template error in the page:\n%s", path, body)
	}
	return body
}

// follow fetches the page a redirect points at (after a POST).
func (e *testEnv) follow(resp *http.Response) string {
	e.t.Helper()
	wantStatus(e.t, resp, http.StatusSeeOther)
	return e.page(resp.Header.Get("Location"))
}

func inOrder(t *testing.T, body string, parts ...string) {
	t.Helper()
	rest := body
	for _, p := range parts {
		i := strings.Index(rest, p)
		if i < 0 {
			t.Fatalf("page lacks %q after the parts before it; want order %v", p, parts)
		}
		rest = rest[i+len(p):]
	}
}

// The "done when", end to end through HTTP: ideas captured at tables
// become sheets, two are merged, three members score through their links,
// scoring closes, the ranking and the reasoned response matrix show, and a
// public page traces one contribution from its table to its decision.
func TestForumEndToEnd(t *testing.T) {
	e := newTestEnv(t)
	ctx := context.Background()
	fw := newForumWorld(t, e, 5) // ideas A..E; A, C, E at table 1, B, D at table 2
	story := &model.UserStory{ID: store.NewID(), AsWho: "vecina de Piura", Want: "saber en qué se gasta", SoThat: "vigilar las obras"}
	if _, err := e.store.CreateContribution(ctx, fw.tables[0].ID, story); err != nil {
		t.Fatal(err)
	}
	e.loginAdmin()
	admin := e.session()

	// 1. Sheets, pre-filled from the tables.
	mustContain(t, e.page("/admin/forum/sheets"), "Hay 5 ideas sin ficha")
	body := e.follow(e.postForm("/admin/forum/sheets/generate", nil))
	mustContain(t, body, "Se generaron 5 fichas prellenadas.", "Ficha 3 · Idea de prueba E", "Ficha 4 · Idea de prueba B")
	sheets, _ := e.store.Sheets(ctx)
	if len(sheets) != 5 {
		t.Fatalf("sheets = %d", len(sheets))
	}
	s1 := sheets[0]
	if s1.Place != "Taller de Piura, 05/06/2025 — mesa 1" || !strings.HasPrefix(s1.Problem, "Capacidades ciudadanas: ") ||
		s1.Contribution != "Como vecina de Piura, quiero saber en qué se gasta para vigilar las obras." ||
		s1.Relevance != "Principio predominante: Transparencia y acceso a la información pública." || s1.Description != "Descripción de la idea A" {
		t.Fatalf("pre-filled sheet = %+v", s1)
	}
	mustContain(t, e.follow(e.postForm("/admin/forum/sheets/generate", nil)), "No había ideas nuevas sin ficha.")
	if again, _ := e.store.Sheets(ctx); len(again) != 5 {
		t.Fatalf("generating again made sheets: %d", len(again))
	}

	// Sheets are numbered in table order: A 1, C 2, E 3 (table 1), B 4, D 5 (table 2).
	// 2. Merge sheets 1 and 2 (ideas A and C): a new sheet 6 lists them; they link to it.
	merge := url.Values{"sheet": {sheets[0].ID, sheets[1].ID}}
	wantStatus(t, e.postForm("/admin/forum/sheets/merge", url.Values{"sheet": {sheets[0].ID}}), http.StatusUnprocessableEntity)
	resp := e.postForm("/admin/forum/sheets/merge", merge)
	body = e.follow(resp)
	mustContain(t, body, "Fichas fusionadas. Revise y complete la ficha resultante.", "Ficha 6", "Fichas fusionadas en esta:",
		"Ficha 1 · Idea de prueba A", "Ficha 2 · Idea de prueba C", "Descripción de la idea A", "Descripción de la idea C")
	all, _ := e.store.Sheets(ctx)
	merged := all[5]
	if merged.Kind != model.SheetMerged || all[0].MergedInto != merged.ID || all[1].MergedInto != merged.ID {
		t.Fatalf("merge lineage: %+v", all)
	}
	mustContain(t, e.page("/admin/forum/sheets/"+all[0].ID), "Esta ficha se fusionó en", "Ficha 6")

	// 3. The Secretariat completes the four sheets to score, through the form.
	active, _ := e.store.ActiveSheets(ctx)
	for _, sh := range active {
		f := url.Values{"version": {fmt.Sprint(sh.Version)}, "name": {sh.Name}, "place": {sh.Place}, "problem": {sh.Problem},
			"description": {sh.Description}, "contribution": {"Contribución de " + sh.Name}, "relevance": {sh.Relevance},
			"principle": {sh.Principle}, "responsible": {"Entidad posible de " + sh.Name}}
		if sh.ID == merged.ID {
			f.Set("name", "Portal único de obras de Piura")
		}
		mustContain(t, e.follow(e.postForm("/admin/forum/sheets/"+sh.ID, f)), "Ficha guardada.")
	}

	// 4. Criteria: public relevance weighs double.
	cf := url.Values{}
	for _, c := range model.CriterionCodes {
		cf.Set("weight_"+c, "1")
	}
	cf.Set("weight_relevance", "2")
	mustContain(t, e.follow(e.postForm("/admin/forum/criteria", cf)), "Criterios y pesos guardados.")

	// 5. Three Forum members, each with a personal link.
	var links []string
	for _, m := range []struct{ name, org, sector string }{
		{"Marta Uno", "Colectivo Uno", "civil_society"}, {"Nicolás Dos", "Ministerio Dos", "public"}, {"Olga Tres", "Universidad Tres", "academic"},
	} {
		resp := e.postForm("/admin/forum/members", url.Values{"name": {m.name}, "organization": {m.org}, "sector": {m.sector}})
		wantStatus(t, resp, http.StatusOK)
		match := linkPattern.FindStringSubmatch(readBody(t, resp))
		if match == nil {
			t.Fatal("no link")
		}
		links = append(links, match[1])
	}
	mustContain(t, e.page("/admin/forum/members"), "Marta Uno", "Universidad Tres")

	// 6. Publish: scoring opens.
	mustContain(t, e.follow(e.postForm("/admin/forum/publish", nil)), "Fichas publicadas al Foro", "Puntuación abierta")

	// 7. The members score. Active sheets: 3 (E), 4 (B), 5 (D), 6 (merged A+C).
	byNumber := map[int]model.Sheet{}
	for _, sh := range active {
		byNumber[sh.Number] = sh
	}
	score := func(sheet int, action string, v int) {
		t.Helper()
		f := scoreForm(action, v, "")
		if action == "recuse" {
			f.Set("conflict", "Mi organización ejecutaría esta idea")
		}
		resp := e.postForm("/forum/sheets/"+byNumber[sheet].ID, f)
		wantStatus(t, resp, http.StatusSeeOther)
	}
	// Hand-computed with weights relevance 2, others 1 (every criterion at the same value, so a mean is that value):
	//   sheet 6 (A+C): Marta 5, Nicolás 4          → 4.5, spread 0.5       → rank 1
	//   sheet 4 (B): Marta 3, Nicolás 4, Olga 5  → 4.0 with 3 scorers    → rank 2 (tie with sheet 5, more scorers)
	//   sheet 5 (D): Marta 4, Olga 4, Nicolás recused → 4.0 with 2 scorers → rank 3
	//   sheet 3 (E): Marta 1, Nicolás 3 (Olga only a draft) → 2.0, spread 1.0: contested → rank 4
	e.openLink(links[0])
	mustContain(t, e.page("/forum/"), "Hola, Marta Uno (Colectivo Uno).", "Ha terminado 0 de 4 fichas.")
	score(6, "submit", 5)
	score(4, "submit", 3)
	score(5, "submit", 4)
	score(3, "submit", 1)
	mustContain(t, e.page("/forum/"), "Ha terminado 4 de 4 fichas.")
	marta := e.session()
	e.openLink(links[1])
	score(6, "submit", 4)
	score(4, "submit", 4)
	score(5, "recuse", 0)
	score(3, "submit", 3)
	e.openLink(links[2])
	olga := e.session()
	score(4, "submit", 5)
	score(5, "submit", 4)
	wantStatus(t, e.postForm("/forum/sheets/"+byNumber[3].ID, url.Values{"action": {"draft"}, "score_relevance": {"5"}}), http.StatusSeeOther)

	// 8. Progress, then close.
	e.use(admin)
	body = e.page("/admin/forum/progress")
	mustContain(t, body, "Marta Uno", "4 / 4", "Olga Tres", "2 / 4", "2 de 3 miembros terminaron las 4 fichas.")
	mustContain(t, e.follow(e.postForm("/admin/forum/close", nil)), "Puntuación cerrada: las puntuaciones quedaron congeladas.")
	e.use(olga)
	wantStatus(t, e.postForm("/forum/sheets/"+byNumber[3].ID, scoreForm("submit", 5, "")), http.StatusConflict)
	e.use(marta)
	wantStatus(t, e.postForm("/forum/sheets/"+byNumber[4].ID, scoreForm("submit", 1, "")), http.StatusConflict)

	// 9. The ranking.
	e.use(admin)
	mustContain(t, e.follow(e.postForm("/admin/forum/cutoff", url.Values{"cutoff": {"2"}})), "Línea de corte guardada.")
	body = e.page("/admin/forum/ranking")
	inOrder(t, body, "Ficha 6 · Portal único de obras de Piura", "Ficha 4 · Idea de prueba B", "Línea de corte: las 2 primeras",
		"Ficha 5 · Idea de prueba D", "Ficha 3 · Idea de prueba E")
	mustContain(t, body, "4.50", "4.00", "2.00", "en debate", "(+1 inhib.)")
	var rank struct {
		Rows []apiRankRow `json:"rows"`
	}
	resp = e.get("/api/v1/forum/ranking")
	wantStatus(t, resp, http.StatusOK)
	decodeJSON(t, resp, &rank)
	want := []struct {
		number   int
		weighted float64
		scorers  int
		spread   float64
		contest  bool
	}{{6, 4.5, 2, 0.5, false}, {4, 4, 3, 0.8165, false}, {5, 4, 2, 0, false}, {3, 2, 2, 1, true}}
	for i, w := range want {
		r := rank.Rows[i]
		if r.Number != w.number || r.Weighted == nil || *r.Weighted != w.weighted || r.Scorers != w.scorers || math.Abs(r.Spread-w.spread) > 1e-4 || r.Contested != w.contest || r.Rank != i+1 {
			t.Errorf("rank %d = %+v (weighted %v), want %+v", i+1, r, r.Weighted, w)
		}
	}
	if rank.Rows[2].Recusals != 1 || !rank.Rows[1].AboveCut || rank.Rows[2].AboveCut {
		t.Errorf("recusals / cut-off wrong: %+v", rank.Rows)
	}

	// 10. The validation workshop: a decision with its rationale for every sheet.
	decide := func(sheet int, f url.Values) *http.Response {
		t.Helper()
		d, _ := e.store.ForumDecision(ctx, byNumber[sheet].ID)
		f.Set("version", fmt.Sprint(d.Version))
		return e.postForm("/admin/forum/decisions/"+byNumber[sheet].ID, f)
	}
	resp = decide(6, url.Values{"outcome": {"commitment"}, "commitment_number": {"1"}, "rationale": {"Sin fundamento no vale"}})
	wantStatus(t, resp, http.StatusUnprocessableEntity)
	mustContain(t, readBody(t, resp), `id="responsible_entity-error"`)
	resp = decide(4, url.Values{"outcome": {"prioritized"}, "rationale": {""}})
	wantStatus(t, resp, http.StatusUnprocessableEntity)
	mustContain(t, readBody(t, resp), `id="rationale-error"`)
	mustContain(t, e.page("/admin/forum/decisions/"+byNumber[6].ID), "Observaciones del Foro", "Resultado de la puntuación")

	mustContain(t, e.follow(decide(6, url.Values{"outcome": {"commitment"}, "commitment_number": {"1"},
		"responsible_entity": {"Gobierno Regional de Piura"}, "notes": {"Consenso amplio."},
		"rationale": {"Primer puesto y entidad dispuesta: se convierte en el compromiso 1."}})), "Decisión guardada.")
	// Through the API, a PUT changes only the fields sent.
	before, _ := e.store.ForumDecision(ctx, byNumber[6].ID)
	resp = e.sendJSON(http.MethodPut, "/api/v1/forum/decisions/"+byNumber[6].ID, map[string]any{"notes": "Consenso amplio, con una nota."})
	wantStatus(t, resp, http.StatusOK)
	if after, _ := e.store.ForumDecision(ctx, byNumber[6].ID); after.Notes != "Consenso amplio, con una nota." || after.Outcome != before.Outcome ||
		after.CommitmentNumber != 1 || after.ResponsibleEntity != before.ResponsibleEntity || after.Rationale != before.Rationale || after.Version != before.Version+1 {
		t.Errorf("a partial PUT of a decision: %+v, before %+v", after, before)
	}
	wantStatus(t, e.sendJSON(http.MethodPut, "/api/v1/forum/decisions/"+byNumber[6].ID, map[string]any{"nota": "mal escrito"}), http.StatusUnprocessableEntity)
	resp = e.postForm("/admin/forum/results", nil)
	wantStatus(t, resp, http.StatusConflict)
	mustContain(t, readBody(t, resp), "Faltan decisiones en 3 fichas.")
	e.follow(decide(4, url.Values{"outcome": {"prioritized"}, "rationale": {"Priorizada por su relevancia."}}))
	e.follow(decide(5, url.Values{"outcome": {"merged"}, "merged_into": {byNumber[6].ID}, "rationale": {"Se integra en el portal de obras."}}))
	e.follow(decide(3, url.Values{"outcome": {"not_prioritized"}, "rationale": {"Puntaje bajo y en debate: queda para el próximo plan."}}))
	resp = decide(4, url.Values{"outcome": {"commitment"}, "commitment_number": {"1"}, "responsible_entity": {"Otra"}, "rationale": {"x"}})
	wantStatus(t, resp, http.StatusUnprocessableEntity)
	mustContain(t, readBody(t, resp), "Otra ficha ya es ese compromiso.")

	body = e.page("/admin/forum/decisions")
	mustContain(t, body, "4 de 4 fichas tienen decisión.", "Compromiso 1", "Gobierno Regional de Piura", "Fusionada en otra idea")
	mustContain(t, e.follow(e.postForm("/admin/forum/results", nil)), "Resultados publicados: el ranking y la matriz son públicos.")
	e.use(marta)
	wantStatus(t, e.postForm("/admin/forum/reopen", url.Values{"reason": {"x"}}), http.StatusFound) // not an admin
	e.use(admin)
	resp = e.postForm("/admin/forum/reopen", url.Values{"reason": {"Corregir"}})
	wantStatus(t, resp, http.StatusConflict)

	// 11. Public pages, no login and no personal data.
	e.logout()
	private := []string{"Marta Uno", "Nicolás Dos", "Olga Tres", "Colectivo Uno", "Ministerio Dos", "Universidad Tres",
		"Facilitadora Secreta", "Consenso amplio.", "Mi organización ejecutaría"}
	body = e.page("/process")
	mustContain(t, body, "Cuadro N° 3: ideas de solución sistematizadas en fichas", "Piura", "Ideas priorizadas")
	mustNotContain(t, body, private...)
	body = e.page("/process/matrix")
	mustContain(t, body, "Idea de prueba A", "Idea de prueba C", "Idea de prueba E", "Primer puesto y entidad dispuesta",
		"Se integra en el portal de obras.", "fusionada en la revisión")
	mustNotContain(t, body, private...)
	body = e.page("/process/ranking")
	inOrder(t, body, "Ficha 6", "Ficha 4", "Ficha 5", "Ficha 3")
	mustNotContain(t, body, private...)
	checkScoreBars(t, body, 4)
	// Figure 2 on the public page: numbered, titled, the Table 3 totals.
	mustContain(t, e.page("/process"), `<span class="fig-number">Gráfico N° 2.</span> Ideas de solución sistematizadas en fichas, por principio predominante`,
		`id="chart-principles-title"`)

	// One contribution, idea C: table 1 of the Piura workshop → sheet 2 →
	// merged into sheet 6 → ranked 1st with 4.50 → commitment 1 and its rationale.
	ideaC := fw.ideas[2]
	body = e.page("/process/ideas/" + ideaC)
	inOrder(t, body, "Piura — 05/06/2025", "mesa 1", "Idea de prueba C", "Ficha 2 · Idea de prueba C",
		"se fusionó con ideas similares en", "Ficha 6 · Portal único de obras de Piura", "4.50", "Compromiso 1",
		"Gobierno Regional de Piura", "Primer puesto y entidad dispuesta: se convierte en el compromiso 1.")
	mustNotContain(t, body, private...)
	// Idea D was merged by the validation workshop into sheet 6.
	mustContain(t, e.page("/process/ideas/"+fw.ideas[3]), "Fusionada en otra idea", "Se integró en", "Ficha 6", "Se integra en el portal de obras.")
	body = e.page("/process/sheets/" + merged.ID)
	mustContain(t, body, "Ficha 1 · Idea de prueba A", "Ficha 2 · Idea de prueba C", "Compromiso 1")

	// The same through the API.
	var trace apiTrace
	resp = e.get("/api/v1/forum/ideas/" + ideaC)
	wantStatus(t, resp, http.StatusOK)
	decodeJSON(t, resp, &trace)
	if trace.Origin.TableNumber != 1 || trace.Origin.City != "Piura" || trace.SheetNumber != 2 || trace.FinalSheetID != merged.ID ||
		!trace.MergedAtReview || trace.Ranking == nil || trace.Ranking.Rank != 1 || trace.Decision.Outcome != model.OutcomeCommitment ||
		trace.Decision.CommitmentNumber != 1 || trace.Decision.Notes != "" {
		t.Fatalf("trace = %+v ranking %+v decision %+v", trace, trace.Ranking, trace.Decision)
	}
	resp = e.get("/api/v1/forum/matrix")
	wantStatus(t, resp, http.StatusOK)
	raw := readBody(t, resp)
	mustNotContain(t, raw, private...)
	var matrix struct {
		Rows []apiTrace `json:"rows"`
	}
	if err := json.Unmarshal([]byte(raw), &matrix); err != nil || len(matrix.Rows) != 5 {
		t.Fatalf("matrix: %v %d", err, len(matrix.Rows))
	}
	var stats struct {
		Ideas       int            `json:"ideas"`
		ByPrinciple map[string]int `json:"by_principle"`
		Outcomes    map[string]int `json:"outcomes"`
	}
	resp = e.get("/api/v1/forum/stats")
	wantStatus(t, resp, http.StatusOK)
	decodeJSON(t, resp, &stats)
	// Ideas A, C (merged → commitment), B (prioritized), D (merged into another), E (not prioritized).
	if stats.Ideas != 5 || stats.ByPrinciple["transparency"] != 2 || stats.Outcomes["prioritized"] != 3 ||
		stats.Outcomes["commitments"] != 1 || stats.Outcomes["merged"] != 1 || stats.Outcomes["not_prioritized"] != 1 {
		t.Fatalf("stats = %+v", stats)
	}

	// Every page of the Secretariat renders in English too.
	e.use(admin)
	for _, p := range []string{"/admin/forum/", "/admin/forum/sheets", "/admin/forum/sheets/" + merged.ID, "/admin/forum/criteria",
		"/admin/forum/members", "/admin/forum/progress", "/admin/forum/ranking", "/admin/forum/decisions",
		"/admin/forum/decisions/" + byNumber[4].ID} {
		body := e.page(p + "?lang=en")
		mustNotContain(t, body, "forum.", "public.")
	}
	e.use(olga)
	body = e.page("/forum/sheets/" + byNumber[3].ID + "?lang=en")
	mustContain(t, body, "Scoring is closed", "5 — very high")
}

var scoreBarRow = regexp.MustCompile(`<td class="num fo-weighted"[^>]*><strong>([0-9.]+)</strong><svg class="score-bar"[^>]*data-share="([0-9.]+)"`)

// checkScoreBars checks the ranking's bars: one per scored sheet, each the
// weighted score shown beside it on the 1–5 scale, longest first.
func checkScoreBars(t *testing.T, body string, scored int) {
	t.Helper()
	rows := scoreBarRow.FindAllStringSubmatch(body, -1)
	if len(rows) != scored {
		t.Fatalf("%d score bars, want %d", len(rows), scored)
	}
	prev := 2.0
	for _, r := range rows {
		shown, _ := strconv.ParseFloat(r[1], 64)
		share, _ := strconv.ParseFloat(r[2], 64)
		if math.Abs(share*model.ScoreMax-shown) > 0.006 || share > prev {
			t.Errorf("score %s drawn as a bar of %.4f of the scale (after %.4f)", r[1], share, prev)
		}
		prev = share
	}
}
