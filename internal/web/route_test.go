package web

import (
	"context"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"

	"github.com/minka-gob/minka/internal/i18n"
	"github.com/minka-gob/minka/internal/model"
	"github.com/minka-gob/minka/internal/store"
	"github.com/minka-gob/minka/internal/storetest"
)

// routeForm is the route editor's form as the page fills it: every field
// with the text the tables see (the standard text in lang) and the minutes.
func routeForm(t *testing.T, e *testEnv, lang string) url.Values {
	t.Helper()
	gs, err := e.store.PhaseGuides(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	f := url.Values{}
	for _, g := range guideViews(lang, gs) {
		f.Set("goal_"+g.Phase, g.Goal)
		f.Set("prompt_"+g.Phase, g.Prompt)
		f.Set("output_"+g.Phase, g.Output)
		f.Set("minutes_"+g.Phase, strconv.Itoa(g.Minutes))
	}
	return f
}

// The Secretariat edits the script of each phase in the process template;
// the tables' screens show it in the phase it belongs to, with the
// profile's description, needs and pains in phase 2 and the problem's
// "¿Cómo podríamos…?" challenge in phase 4. A field left as the standard
// text stays the standard text (in each screen's language); a bad field
// refuses the whole form with a translated message and saves nothing.
func TestRouteContentOnTheTableScreens(t *testing.T) {
	e := newTestEnv(t)
	ctx := context.Background()
	e.loginAdmin()

	// The route editor starts from the standard route: six phases, the texts the tables see, suggested minutes.
	page := readBody(t, e.get("/admin/route"))
	for _, p := range model.Phases {
		for _, f := range guideFields {
			if want := i18n.T("es", "guide."+p+"."+f); !strings.Contains(page, want) {
				t.Errorf("route editor: no standard %s of %s (%q)", f, p, want)
			}
		}
	}
	if !strings.Contains(page, `name="minutes_ideas" type="number" value="25"`) {
		t.Errorf("route editor: suggested minutes of the ideas phase not 25:\n%s", page)
	}

	// Bad input: nothing saved, every message at once, translated.
	bad := routeForm(t, e, "es")
	bad.Set("prompt_needs", "¿Qué le falta a este perfil? (versión nueva)")
	bad.Set("minutes_needs", "veinte")
	bad.Set("goal_ideas", strings.Repeat("x", model.GuideGoalMax+1))
	resp := e.postForm("/admin/route", bad)
	body := readBody(t, resp)
	if resp.StatusCode != http.StatusUnprocessableEntity {
		t.Fatalf("bad route form: status %d", resp.StatusCode)
	}
	for _, want := range []string{i18n.T("es", "validation.range", 0, model.GuideMinutesMax), i18n.T("es", "validation.too_long", model.GuideGoalMax),
		`id="minutes_needs" name="minutes_needs" type="number" value="veinte"`, "(versión nueva)"} {
		if !strings.Contains(body, want) {
			t.Errorf("bad route form: page lacks %q", want)
		}
	}
	gs, err := e.store.PhaseGuides(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for _, g := range gs {
		if g.Goal != "" || g.Prompt != "" || g.Output != "" || g.Minutes != map[string]int{"topic": 10, "needs": 20, "stories": 20, "ideas": 25, "prioritize": 15, "prototype": 30}[g.Phase] {
			t.Errorf("a refused form changed the guide of %s: %+v", g.Phase, g)
		}
	}

	// A good form: one prompt of the Secretariat's own; the rest left as shown.
	good := routeForm(t, e, "es")
	good.Set("prompt_needs", "¿Qué le falta a este perfil? Escriban una necesidad por tarjeta.")
	good.Set("minutes_needs", "18")
	good.Set("output_stories", "") // emptied: back to the standard text
	if loc := location(t, e.postForm("/admin/route", good)); loc != "/admin/route?ok=saved" {
		t.Fatalf("route saved: redirected to %q", loc)
	}
	gs, _ = e.store.PhaseGuides(ctx)
	for _, g := range gs {
		custom := g.Phase == "needs"
		if (g.Prompt != "") != custom || g.Goal != "" || g.Output != "" {
			t.Errorf("saved guide of %s = %+v: only the needs prompt should be the Secretariat's own", g.Phase, g)
		}
		if custom && (g.Minutes != 18 || !strings.HasPrefix(g.Prompt, "¿Qué le falta")) {
			t.Errorf("saved guide of needs = %+v", g)
		}
	}

	// A table with a problem (its challenge) and a profile (description, needs, pains).
	prob := model.Problem{Title: "Trámites lentos", Challenge: "¿Cómo podríamos saber en qué va nuestro trámite sin ir a la oficina?"}
	if err := e.store.CreateProblem(ctx, &prob); err != nil {
		t.Fatal(err)
	}
	prof := model.UserProfile{ProblemID: prob.ID, Name: "Vecina de Belén", Description: "Comerciante del mercado, 45 años.",
		Needs: "Saber cuándo volver.\nNo perder un día de venta.", Pains: "Colas de horas."}
	if err := e.store.CreateProfile(ctx, &prof); err != nil {
		t.Fatal(err)
	}
	ws := storetest.Workshop(t, e.store, model.Workshop{})
	tbl := storetest.Table(t, e.store, model.Table{WorkshopID: ws.ID, ProblemID: prob.ID, ProfileID: prof.ID})

	for _, role := range []string{model.RoleFacilitator, model.RoleRapporteur, model.RoleParticipant} {
		e.joinTable(role, tbl.ID, map[string]string{model.RoleFacilitator: tbl.FacilitatorCode, model.RoleRapporteur: tbl.RapporteurCode, model.RoleParticipant: tbl.ParticipantCode}[role])
		path := map[string]string{model.RoleFacilitator: "/facilitator", model.RoleRapporteur: "/rapporteur", model.RoleParticipant: ""}[role]
		page := readBody(t, e.get("/tables/"+tbl.ID+path))
		for _, want := range []string{"Comerciante del mercado, 45 años.", "Saber cuándo volver.\nNo perder un día de venta.", "Colas de horas.",
			"¿Cómo podríamos saber en qué va nuestro trámite sin ir a la oficina?"} {
			if !strings.Contains(page, want) {
				t.Errorf("%s screen lacks %q", role, want)
			}
		}
		if role == model.RoleRapporteur {
			continue // the rapporteur's sections are the phases themselves
		}
		// The script of every phase is there, the table's (topic) shown, the others hidden until the table moves.
		for _, p := range model.Phases {
			tag := `<div class="guide-phase" data-for-phase="` + p + `"`
			if p != model.PhaseTopic {
				tag += " hidden"
			}
			if !strings.Contains(page, tag+">") {
				t.Errorf("%s screen: no guide part %q>", role, tag)
			}
		}
		if !strings.Contains(page, "¿Qué le falta a este perfil? Escriban una necesidad por tarjeta.") ||
			!strings.Contains(page, i18n.T("es", "guide.stories.output")) {
			t.Errorf("%s screen: the saved script is not shown", role)
		}
		// One tap starts the suggested time — on the facilitator's screen only.
		oneTap := `data-guide-start="1080">` + i18n.T("es", "live.guide.start", 18)
		if got := strings.Contains(page, oneTap); got != (role == model.RoleFacilitator) {
			t.Errorf("%s screen: one-tap timer for 18 min shown = %v", role, got)
		}
	}

	// In English the standard texts are English; the Secretariat's own text stays as typed.
	e.joinTable(model.RoleFacilitator, tbl.ID, tbl.FacilitatorCode)
	page = readBody(t, e.get("/tables/"+tbl.ID+"/facilitator?lang=en"))
	for _, want := range []string{i18n.T("en", "guide.needs.goal"), i18n.T("en", "guide.prioritize.goal"), i18n.T("en", "live.route.profile_title", "Vecina de Belén"),
		"¿Qué le falta a este perfil?"} {
		if !strings.Contains(page, want) {
			t.Errorf("English facilitator screen lacks %q", want)
		}
	}

	// A table without problem or profile says so.
	bare := storetest.Table(t, e.store, model.Table{WorkshopID: ws.ID, Number: 2})
	e.joinTable(model.RoleFacilitator, bare.ID, bare.FacilitatorCode)
	page = readBody(t, e.get("/tables/"+bare.ID+"/facilitator"))
	for _, want := range []string{i18n.T("es", "live.route.no_profile"), i18n.T("es", "live.route.no_challenge")} {
		if !strings.Contains(page, want) {
			t.Errorf("table without problem/profile: page lacks %q", want)
		}
	}
}

// The problem form keeps the challenge; the model refuses one too long.
func TestProblemChallengeIsSavedAndChecked(t *testing.T) {
	e := newTestEnv(t)
	e.loginAdmin()
	resp := e.postForm("/admin/problems", url.Values{"title": {"Datos abiertos"}, "challenge": {strings.Repeat("¿", 301)}})
	if body := readBody(t, resp); resp.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(body, i18n.T("es", "validation.too_long", 300)) {
		t.Fatalf("too long challenge: status %d", resp.StatusCode)
	}
	location(t, e.postForm("/admin/problems", url.Values{"title": {"Datos abiertos"}, "challenge": {"¿Cómo podríamos abrir los datos?"}}))
	ps, err := e.store.Problems(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	var found bool
	for _, p := range ps {
		if p.Title == "Datos abiertos" {
			found = p.Challenge == "¿Cómo podríamos abrir los datos?"
		}
		if p.Title == "Datos abiertos" && p.Challenge == "" {
			t.Errorf("challenge not saved")
		}
	}
	if !found {
		t.Fatalf("problem not saved with its challenge: %+v", ps)
	}
	page := readBody(t, e.get("/admin/problems/"+ps[len(ps)-1].ID+"/edit"))
	if !strings.Contains(page, `value="¿Cómo podríamos abrir los datos?"`) {
		t.Errorf("edit form does not show the challenge")
	}
}

// An idea captured without a principle shows "Sin principio"; sheet
// generation then refuses, naming each such idea with a link to where it is
// classified, and makes nothing; once classified, the sheets are made.
func TestIdeasWithoutPrincipleAreClassifiedBeforeTheSheets(t *testing.T) {
	e := newTestEnv(t)
	ctx := context.Background()
	ws := storetest.Workshop(t, e.store, model.Workshop{City: "Piura"})
	tbl := storetest.Table(t, e.store, model.Table{WorkshopID: ws.ID, Number: 3})
	storetest.Idea(t, e.store, model.Idea{TableID: tbl.ID, Title: "Con principio", Principle: model.PrincipleTransparency})
	loose := model.Idea{ID: store.NewID(), Title: "Alertas por SMS del trámite"}
	if _, err := e.store.CreateContribution(ctx, tbl.ID, &loose); err != nil {
		t.Fatal(err)
	}

	e.joinTable(model.RoleRapporteur, tbl.ID, tbl.RapporteurCode)
	if page := e.page("/api/v1/tables/" + tbl.ID + "/record"); !strings.Contains(page, `"principle":""`) {
		t.Errorf("the record does not carry the empty principle:\n%.400s", page)
	}
	e.loginAdmin()
	page := e.page("/admin/forum/sheets")
	if !strings.Contains(page, i18n.T("es", "forum.unclassified.title", 1)) || !strings.Contains(page, `id="idea-`+loose.ID+`"`) {
		t.Fatalf("sheets page does not list the idea without principle")
	}

	resp := e.postForm("/admin/forum/sheets/generate", url.Values{})
	body := readBody(t, resp)
	if resp.StatusCode != http.StatusConflict || !strings.Contains(body, i18n.T("es", "forum.error.unclassified", 1)) ||
		!strings.Contains(body, `<a href="#idea-`+loose.ID+`">Alertas por SMS del trámite</a>`) {
		t.Fatalf("generation with an idea without principle: status %d", resp.StatusCode)
	}
	if shs, _ := e.store.Sheets(ctx); len(shs) != 0 {
		t.Fatalf("a refused generation made %d sheets", len(shs))
	}
	resp = e.sendJSON(http.MethodPost, "/api/v1/forum/sheets/generate", map[string]bool{"only_chosen": false})
	if body := readBody(t, resp); resp.StatusCode != http.StatusConflict || !strings.Contains(body, `"kind":"conflict"`) || !strings.Contains(body, "1 idea(s)") {
		t.Fatalf("API generation: %d %s", resp.StatusCode, body)
	}

	// No principle chosen: the form says so next to the idea, nothing changes.
	resp = e.postForm("/admin/forum/ideas/"+loose.ID+"/principle", url.Values{"principle": {""}})
	body = readBody(t, resp)
	if resp.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(body, `id="principle_`+loose.ID+`-error"`) {
		t.Fatalf("classify without a choice: status %d", resp.StatusCode)
	}
	if loc := location(t, e.postForm("/admin/forum/ideas/"+loose.ID+"/principle", url.Values{"principle": {"accountability"}})); loc != "/admin/forum/sheets?ok=classified" {
		t.Fatalf("classify: redirected to %q", loc)
	}
	if page := e.page("/admin/forum/sheets"); strings.Contains(page, `id="unclassified"`) {
		t.Errorf("the classified idea is still listed as without principle")
	}
	if loc := location(t, e.postForm("/admin/forum/sheets/generate", url.Values{})); !strings.Contains(loc, "ok=generated") {
		t.Fatalf("generation after classifying: %q", loc)
	}
	shs, _ := e.store.Sheets(ctx)
	if len(shs) != 2 {
		t.Fatalf("sheets made: %d", len(shs))
	}
}

// The Forum's rubric: what 1, 3 and 5 mean for each criterion, edited with
// the criteria (standard texts in grey, own texts saved whole or not at all)
// and shown under each 1–5 scale on the member's scoring page.
func TestCriteriaRubricOnTheScoringPage(t *testing.T) {
	e := newTestEnv(t)
	ctx := context.Background()
	newForumWorld(t, e, 1)
	e.loginAdmin()
	page := e.page("/admin/forum/criteria")
	for _, c := range model.CriterionCodes {
		for _, n := range model.RubricScores {
			f := "rubric" + strconv.Itoa(n) + "_" + c
			if !strings.Contains(page, `id="`+f+`" name="`+f+`" value="" maxlength="300" placeholder="`+i18n.T("es", "criterion."+c+".rubric."+strconv.Itoa(n))+`"`) {
				t.Errorf("criteria editor: no field %s with the standard rubric as placeholder", f)
			}
		}
	}
	form := url.Values{}
	for _, c := range model.CriterionCodes {
		form.Set("weight_"+c, "1")
	}
	form.Set("rubric5_relevance", "Responde a lo que piden las regiones.")
	bad := url.Values{}
	for k, v := range form {
		bad[k] = v
	}
	bad.Set("rubric1_impact", strings.Repeat("x", model.RubricMax+1))
	resp := e.postForm("/admin/forum/criteria", bad)
	body := readBody(t, resp)
	if resp.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(body, `id="rubric1_impact-error"`) ||
		!strings.Contains(body, i18n.T("es", "validation.too_long", model.RubricMax)) {
		t.Fatalf("a too long rubric: status %d", resp.StatusCode)
	}
	if crits, _ := e.store.Criteria(ctx); crits[0].Rubric5 != "" {
		t.Fatalf("a refused form saved a rubric: %+v", crits[0])
	}
	if loc := location(t, e.postForm("/admin/forum/criteria", form)); !strings.Contains(loc, "ok=criteria_saved") {
		t.Fatalf("criteria saved: %q", loc)
	}
	crits, _ := e.store.Criteria(ctx)
	if crits[0].Code != model.CriterionRelevance || crits[0].Rubric5 != "Responde a lo que piden las regiones." || crits[0].Rubric1 != "" || crits[1].Rubric1 != "" {
		t.Fatalf("saved criteria: %+v", crits[:2])
	}

	shs := storetest.Sheets(t, e.store)
	_, token := storetest.Member(t, e.store, model.ForumMember{Name: "Ana Flores", Organization: "Red Ciudadana"})
	e.openLink(token)
	for _, l := range []string{"es", "en"} {
		page := e.page("/forum/sheets/" + shs[0].ID + "?lang=" + l)
		n := strings.Count(page, `<dl class="fo-rubric small">`)
		if n != len(model.CriterionCodes) {
			t.Errorf("%s scoring page: %d rubrics, want one under each of the %d scales", l, n, len(model.CriterionCodes))
		}
		for _, want := range []string{"<dt>5</dt><dd>Responde a lo que piden las regiones.</dd>",
			"<dt>1</dt><dd>" + i18n.T(l, "criterion.relevance.rubric.1") + "</dd>",
			"<dt>3</dt><dd>" + i18n.T(l, "criterion.innovation.rubric.3") + "</dd>"} {
			if !strings.Contains(page, want) {
				t.Errorf("%s scoring page lacks %q", l, want)
			}
		}
	}
}

// The route through the API: read with the texts shown, replaced whole or
// not at all.
func TestRouteAPI(t *testing.T) {
	e := newTestEnv(t)
	var got struct {
		Phases []struct {
			Phase   string                  `json:"phase"`
			Prompt  string                  `json:"prompt"`
			Minutes int                     `json:"minutes"`
			Shown   struct{ Prompt string } `json:"shown"`
		} `json:"phases"`
	}
	resp := e.get("/api/v1/process/route?lang=en")
	decodeJSON(t, resp, &got)
	if len(got.Phases) != 6 || got.Phases[3].Phase != "ideas" || got.Phases[3].Prompt != "" || got.Phases[3].Shown.Prompt != i18n.T("en", "guide.ideas.prompt") || got.Phases[3].Minutes != 25 {
		t.Fatalf("route = %+v", got)
	}
	e.loginAdmin()
	body := []map[string]any{}
	for _, p := range model.Phases {
		body = append(body, map[string]any{"phase": p, "minutes": 10})
	}
	body[1]["prompt"] = "¿Qué le falta al perfil?"
	body[5]["minutes"] = 999
	if resp := e.sendJSON(http.MethodPut, "/api/v1/process/route", body); resp.StatusCode != http.StatusUnprocessableEntity ||
		!strings.Contains(readBody(t, resp), "minutes_prototype") {
		t.Fatalf("a route with 999 minutes: %d", resp.StatusCode)
	}
	if gs, _ := e.store.PhaseGuides(context.Background()); gs[1].Prompt != "" {
		t.Fatalf("a refused route was saved: %+v", gs[1])
	}
	body[5]["minutes"] = 0
	resp = e.sendJSON(http.MethodPut, "/api/v1/process/route", body)
	decodeJSON(t, resp, &got)
	if got.Phases[1].Prompt != "¿Qué le falta al perfil?" || got.Phases[1].Shown.Prompt != "¿Qué le falta al perfil?" || got.Phases[5].Minutes != 0 {
		t.Fatalf("saved route = %+v", got)
	}
	if resp := e.sendJSON(http.MethodPut, "/api/v1/process/route", body[:5]); resp.StatusCode != http.StatusUnprocessableEntity {
		t.Fatalf("a route without its last phase: %d", resp.StatusCode)
	}
}
