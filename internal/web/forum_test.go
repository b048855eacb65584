package web

import (
	"context"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"github.com/minka-gob/minka/internal/model"
	"github.com/minka-gob/minka/internal/storetest"
)

// A member can never read or change another member's scores: every score
// route takes the member from the session, whatever the request carries.
func TestForumMemberCannotReadOrChangeAnothersScores(t *testing.T) {
	e := newTestEnv(t)
	ctx := context.Background()
	newForumWorld(t, e, 3)
	sheets := storetest.Sheets(t, e.store)
	sheet := sheets[0]
	aliceID, aliceTok := storetest.Member(t, e.store, model.ForumMember{Name: "Alice Quispe", Organization: "Colectivo A", Sector: "civil_society"})
	bobID, bobTok := storetest.Member(t, e.store, model.ForumMember{Name: "Bob Huamán", Organization: "Ministerio B", Sector: "public"})

	e.openLink(aliceTok)
	alice := e.session()
	resp := e.postForm("/forum/sheets/"+sheet.ID, scoreForm("submit", 5, "Observación privada de Alice"))
	wantStatus(t, resp, http.StatusSeeOther)

	e.openLink(bobTok)
	bob := e.session()
	// Bob's page for the same sheet shows his own (empty) evaluation only.
	body := readBody(t, e.get("/forum/sheets/"+sheet.ID))
	mustContain(t, body, "Por puntuar")
	mustNotContain(t, body, "Observación privada de Alice", "checked")
	// Asking for Alice's scores by id, in the query or the API, gives Bob his own.
	body = readBody(t, e.get("/forum/sheets/"+sheet.ID+"?member="+aliceID))
	mustNotContain(t, body, "Observación privada de Alice")
	resp = e.get("/api/v1/forum/me/scores?member_id=" + aliceID)
	wantStatus(t, resp, http.StatusOK)
	mustNotContain(t, readBody(t, resp), "Observación privada de Alice", aliceID)
	// Bob cannot reach the Secretariat's pages or API either.
	if resp := e.get("/admin/forum/progress"); resp.StatusCode != http.StatusFound {
		t.Errorf("member on admin page: %d", resp.StatusCode)
	}
	wantStatus(t, e.get("/api/v1/forum/progress"), http.StatusForbidden)
	wantStatus(t, e.get("/admin/forum/decisions/"+sheet.ID), http.StatusFound)

	// Bob scores the same sheet, even naming Alice in the form: only his own evaluation changes.
	f := scoreForm("submit", 1, "De Bob")
	f.Set("member_id", aliceID)
	wantStatus(t, e.postForm("/forum/sheets/"+sheet.ID+"?member_id="+aliceID, f), http.StatusSeeOther)
	resp = e.sendJSON(http.MethodPut, "/api/v1/forum/me/scores/"+sheet.ID,
		map[string]any{"action": "submit", "member_id": aliceID, "values": map[string]int{"relevance": 2, "impact": 2, "technical_legal": 2, "financial_operational": 2, "innovation": 2}})
	wantStatus(t, resp, http.StatusUnprocessableEntity) // member_id is no field of a score: refused, not ignored
	resp = e.sendJSON(http.MethodPut, "/api/v1/forum/me/scores/"+sheet.ID,
		map[string]any{"action": "submit", "values": map[string]int{"relevance": 2, "impact": 2, "technical_legal": 2, "financial_operational": 2, "innovation": 2}})
	wantStatus(t, resp, http.StatusOK)

	a, _ := e.store.MyScore(ctx, aliceID, sheet.ID)
	if a.Values["relevance"] != 5 || a.Observations != "Observación privada de Alice" || a.Status != model.ScoreSubmitted {
		t.Fatalf("Alice's score changed: %+v", a)
	}
	b, _ := e.store.MyScore(ctx, bobID, sheet.ID)
	if b.Values["relevance"] != 2 {
		t.Fatalf("Bob's score = %+v", b)
	}

	// Alice still sees her own values.
	e.use(alice)
	body = readBody(t, e.get("/forum/sheets/"+sheet.ID))
	mustContain(t, body, "Observación privada de Alice")
	mustNotContain(t, body, "De Bob")
	e.use(bob)

	// Without a member session nothing of this is reachable.
	e.logout()
	wantStatus(t, e.get("/forum/sheets/"+sheet.ID), http.StatusForbidden)
	wantStatus(t, e.postForm("/forum/sheets/"+sheet.ID, scoreForm("submit", 3, "")), http.StatusForbidden)
	wantStatus(t, e.get("/api/v1/forum/me/scores"), http.StatusForbidden)
}

// After closing, scores are frozen: no form or API call changes them; only
// the admin can reopen, with a reason, and the reopening is recorded.
func TestForumScoringClosedFreezesScores(t *testing.T) {
	e := newTestEnv(t)
	ctx := context.Background()
	newForumWorld(t, e, 2)
	sheets := storetest.Sheets(t, e.store)
	memberID, tok := storetest.Member(t, e.store, model.ForumMember{Name: "Carla Rojas", Organization: "Universidad C", Sector: "academic"})
	e.openLink(tok)
	member := e.session()
	wantStatus(t, e.postForm("/forum/sheets/"+sheets[0].ID, scoreForm("submit", 4, "")), http.StatusSeeOther)

	e.loginAdmin()
	admin := e.session()
	// A member cannot close or reopen.
	e.use(member)
	if resp := e.postForm("/admin/forum/close", nil); resp.StatusCode != http.StatusFound {
		t.Fatalf("member closing: %d", resp.StatusCode)
	}
	e.use(admin)
	wantStatus(t, e.postForm("/admin/forum/close", nil), http.StatusSeeOther)

	e.use(member)
	for _, action := range []string{"submit", "draft", "recuse"} {
		f := scoreForm(action, 1, "tarde")
		f.Set("conflict", "conflicto")
		resp := e.postForm("/forum/sheets/"+sheets[0].ID, f)
		wantStatus(t, resp, http.StatusConflict)
		mustContain(t, readBody(t, resp), "La puntuación está cerrada")
	}
	resp := e.sendJSON(http.MethodPut, "/api/v1/forum/me/scores/"+sheets[1].ID, map[string]any{"action": "draft", "values": map[string]int{"impact": 3}})
	wantStatus(t, resp, http.StatusConflict)
	sc, _ := e.store.MyScore(ctx, memberID, sheets[0].ID)
	if sc.Values["relevance"] != 4 || sc.Status != model.ScoreSubmitted {
		t.Fatalf("frozen score changed: %+v", sc)
	}
	if other, _ := e.store.MyScore(ctx, memberID, sheets[1].ID); other.Status != "" {
		t.Fatalf("a score was created after closing: %+v", other)
	}
	// The closed page shows the member's recorded values read-only.
	body := readBody(t, e.get("/forum/sheets/"+sheets[0].ID))
	mustContain(t, body, "4 — alto")
	mustNotContain(t, body, `name="action"`)

	// Reopening needs a reason, and records who, when and why.
	e.use(admin)
	resp = e.postForm("/admin/forum/reopen", url.Values{"reason": {""}})
	wantStatus(t, resp, http.StatusUnprocessableEntity)
	wantStatus(t, e.postForm("/admin/forum/reopen", url.Values{"reason": {"Un miembro no pudo conectarse"}}), http.StatusSeeOther)
	evs, _ := e.store.ForumEvents(ctx)
	if len(evs) == 0 || evs[0].Action != model.EventReopen || evs[0].Reason != "Un miembro no pudo conectarse" || evs[0].ActorName != "secretaria" {
		t.Fatalf("reopen not recorded: %+v", evs)
	}
	mustContain(t, readBody(t, e.get("/admin/forum/")), "Un miembro no pudo conectarse", "secretaria")
	e.use(member)
	wantStatus(t, e.postForm("/forum/sheets/"+sheets[0].ID, scoreForm("submit", 2, "")), http.StatusSeeOther)
}

func TestForumScoreFormValidation(t *testing.T) {
	e := newTestEnv(t)
	ctx := context.Background()
	newForumWorld(t, e, 1)
	sheet := storetest.Sheets(t, e.store)[0]
	memberID, tok := storetest.Member(t, e.store, model.ForumMember{Name: "Diego Paz", Organization: "Gremio D", Sector: "private"})
	e.openLink(tok)

	// Submitting with a criterion missing: 422, the message by that criterion, nothing saved.
	f := scoreForm("submit", 4, "Algo")
	f.Del(model.ScoreField(model.CriterionInnovation))
	resp := e.postForm("/forum/sheets/"+sheet.ID, f)
	wantStatus(t, resp, http.StatusUnprocessableEntity)
	body := readBody(t, resp)
	mustContain(t, body, `id="score_innovation-error"`, "Elija un valor de 1 a 5 para enviar.", "Algo")
	if sc, _ := e.store.MyScore(ctx, memberID, sheet.ID); sc.Status != "" {
		t.Fatalf("half-saved: %+v", sc)
	}
	// Out of range.
	f = scoreForm("submit", 4, "")
	f.Set(model.ScoreField(model.CriterionImpact), "9")
	wantStatus(t, e.postForm("/forum/sheets/"+sheet.ID, f), http.StatusUnprocessableEntity)

	// A draft may be partial; it never counts in the ranking.
	f = url.Values{"action": {"draft"}, model.ScoreField(model.CriterionRelevance): {"5"}}
	resp = e.postForm("/forum/sheets/"+sheet.ID, f)
	wantStatus(t, resp, http.StatusSeeOther)
	if loc := resp.Header.Get("Location"); loc != "/forum/sheets/"+sheet.ID+"?ok=score_draft" {
		t.Errorf("redirect = %q", loc)
	}
	mustContain(t, readBody(t, e.get(resp.Header.Get("Location"))), "Borrador guardado")
	if sc, _ := e.store.MyScore(ctx, memberID, sheet.ID); sc.Status != model.ScoreDraft || sc.Values["relevance"] != 5 || len(sc.Values) != 1 {
		t.Fatalf("draft = %+v", sc)
	}
	if rs, _ := e.store.RankingScores(ctx); len(rs) != 0 {
		t.Fatalf("a draft counts in the ranking: %+v", rs)
	}

	// Recusal needs the declared conflict; then the values are gone and it counts as a recusal.
	resp = e.postForm("/forum/sheets/"+sheet.ID, url.Values{"action": {"recuse"}})
	wantStatus(t, resp, http.StatusUnprocessableEntity)
	mustContain(t, readBody(t, resp), `id="conflict-error"`)
	wantStatus(t, e.postForm("/forum/sheets/"+sheet.ID, url.Values{"action": {"recuse"}, "conflict": {"Mi gremio ejecutaría la idea"}}), http.StatusSeeOther)
	sc, _ := e.store.MyScore(ctx, memberID, sheet.ID)
	if sc.Status != model.ScoreRecused || len(sc.Values) != 0 || sc.Conflict != "Mi gremio ejecutaría la idea" {
		t.Fatalf("recusal = %+v", sc)
	}
	mustContain(t, readBody(t, e.get("/forum/sheets/"+sheet.ID)), "Se inhibió de esta ficha", "Retirar la inhibición")
	wantStatus(t, e.postForm("/forum/sheets/"+sheet.ID, url.Values{"action": {"unrecuse"}}), http.StatusSeeOther)
	if sc, _ := e.store.MyScore(ctx, memberID, sheet.ID); sc.Status != model.ScoreDraft {
		t.Fatalf("after withdrawing the recusal: %+v", sc)
	}
}

// A stale edit of a sheet is refused with a message; the typed text stays.
func TestSheetEditIsVersionChecked(t *testing.T) {
	e := newTestEnv(t)
	newForumWorld(t, e, 1)
	e.loginAdmin()
	wantStatus(t, e.postForm("/admin/forum/sheets/generate", nil), http.StatusSeeOther)
	shs, _ := e.store.Sheets(context.Background())
	sh := shs[0]
	form := func(name string) url.Values {
		return url.Values{"version": {"1"}, "name": {name}, "principle": {sh.Principle}, "place": {sh.Place}, "problem": {sh.Problem},
			"description": {"d"}, "contribution": {"c"}, "relevance": {"r"}, "responsible": {"x"}}
	}
	resp := e.postForm("/admin/forum/sheets/"+sh.ID, form("Primera edición"))
	wantStatus(t, resp, http.StatusSeeOther)
	mustContain(t, readBody(t, e.get(resp.Header.Get("Location"))), "Ficha guardada.", "Primera edición")
	resp = e.postForm("/admin/forum/sheets/"+sh.ID, form("Edición sobre una copia vieja"))
	wantStatus(t, resp, http.StatusConflict)
	mustContain(t, readBody(t, resp), "Otra persona guardó esta ficha", "Edición sobre una copia vieja", "Ver la versión actual")
	got, _ := e.store.Sheet(context.Background(), sh.ID)
	if got.Name != "Primera edición" || got.Version != 2 {
		t.Fatalf("sheet = %q v%d", got.Name, got.Version)
	}
	// An empty name is refused next to the field, in English too.
	f := form("")
	f.Set("version", "2")
	resp = e.postForm("/admin/forum/sheets/"+sh.ID+"?lang=en", f)
	wantStatus(t, resp, http.StatusUnprocessableEntity)
	mustContain(t, readBody(t, resp), `id="name-error"`, "This field is required.")
}

// Criteria and weights can change during the review only.
func TestCriteriaLockedOnceScoringOpens(t *testing.T) {
	e := newTestEnv(t)
	ctx := context.Background()
	newForumWorld(t, e, 1)
	e.loginAdmin()
	form := url.Values{}
	for _, c := range model.CriterionCodes {
		form.Set("weight_"+c, "1")
	}
	form.Set("weight_relevance", "2,5")
	form.Set("name_impact", "Impacto esperado")
	resp := e.postForm("/admin/forum/criteria", form)
	wantStatus(t, resp, http.StatusSeeOther)
	crits, _ := e.store.Criteria(ctx)
	if crits[0].Weight != 2.5 || crits[1].Name != "Impacto esperado" {
		t.Fatalf("criteria = %+v", crits)
	}
	bad := url.Values{}
	for _, c := range model.CriterionCodes {
		bad.Set("weight_"+c, "0")
	}
	wantStatus(t, e.postForm("/admin/forum/criteria", bad), http.StatusUnprocessableEntity)
	bad.Set("weight_impact", "abc")
	resp = e.postForm("/admin/forum/criteria", bad)
	wantStatus(t, resp, http.StatusUnprocessableEntity)
	mustContain(t, readBody(t, resp), `id="weight_impact-error"`)
	if crits, _ := e.store.Criteria(ctx); crits[0].Weight != 2.5 {
		t.Fatalf("a refused form changed the weights: %+v", crits)
	}

	storetest.Sheets(t, e.store)
	resp = e.postForm("/admin/forum/criteria", form)
	wantStatus(t, resp, http.StatusConflict)
	mustContain(t, readBody(t, resp), "los criterios están bloqueados")
	mustNotContain(t, readBody(t, e.get("/admin/forum/criteria")), `name="weight_relevance"`)
}

// Publishing needs complete sheets; it is refused with the count otherwise.
func TestPublishNeedsCompleteSheets(t *testing.T) {
	e := newTestEnv(t)
	newForumWorld(t, e, 2)
	e.loginAdmin()
	wantStatus(t, e.postForm("/admin/forum/sheets/generate", nil), http.StatusSeeOther)
	resp := e.postForm("/admin/forum/publish", nil)
	wantStatus(t, resp, http.StatusConflict)
	mustContain(t, readBody(t, resp), "Hay 2 fichas con campos vacíos")
	storetest.CompleteSheets(t, e.store)
	resp = e.postForm("/admin/forum/publish", nil)
	wantStatus(t, resp, http.StatusSeeOther)
	mustContain(t, readBody(t, e.get(resp.Header.Get("Location"))), "Fichas publicadas al Foro")
	// Sheets are locked now.
	shs, _ := e.store.Sheets(context.Background())
	resp = e.postForm("/admin/forum/sheets/"+shs[0].ID, url.Values{"version": {"2"}, "name": {"x"}, "principle": {"integrity"}})
	wantStatus(t, resp, http.StatusConflict)
}

// linkPattern finds a personal link (the token is 32 random bytes in base64url).
var linkPattern = regexp.MustCompile(`value="https?://[^"/]+/forum/([A-Za-z0-9_-]{43})"`)

// A personal link opens a Forum session; a renewed link replaces it and
// ends the sessions the old one opened.
func TestForumLinkRenewal(t *testing.T) {
	e := newTestEnv(t)
	newForumWorld(t, e, 1)
	storetest.Sheets(t, e.store)
	e.loginAdmin()
	resp := e.postForm("/admin/forum/members", url.Values{"name": {"Elena Vargas"}, "organization": {"Consorcio E"}, "sector": {"academic"}})
	wantStatus(t, resp, http.StatusOK)
	body := readBody(t, resp)
	mustContain(t, body, "Copie ahora su enlace personal", "/forum/")
	if resp.Header.Get("Cache-Control") != "no-store" {
		t.Error("the link page may be cached")
	}
	m := linkPattern.FindStringSubmatch(body)
	if m == nil {
		t.Fatalf("no personal link on the page:\n%s", body)
	}
	token := m[1]
	admin := e.session()

	e.openLink(token)
	old := e.session()
	mustContain(t, readBody(t, e.get("/forum/")), "Elena Vargas", "Ficha 1")

	e.use(admin)
	members, _ := e.store.ForumMembers(context.Background())
	resp = e.postForm("/admin/forum/members/"+members[0].ID+"/link", nil)
	wantStatus(t, resp, http.StatusOK)
	mustContain(t, readBody(t, resp), "Nuevo enlace generado")

	e.use(old)
	wantStatus(t, e.get("/forum/"), http.StatusForbidden)
	e.logout()
	resp = e.get("/forum/" + token)
	wantStatus(t, resp, http.StatusNotFound)
	mustContain(t, readBody(t, resp), "Ese enlace no es válido")

	// Bad input when adding a member: messages by the fields, nothing stored.
	e.use(admin)
	resp = e.postForm("/admin/forum/members", url.Values{"name": {""}, "organization": {"X"}, "sector": {"martian"}})
	wantStatus(t, resp, http.StatusUnprocessableEntity)
	mustContain(t, readBody(t, resp), `id="name-error"`, `id="sector-error"`)
	if ms, _ := e.store.ForumMembers(context.Background()); len(ms) != 1 {
		t.Fatalf("members = %d", len(ms))
	}
}

// Opening a personal link by GET never ends someone else's session (a link
// preview, a click on the Secretariat's laptop): it asks first, and only the
// confirmation's POST replaces the session.
func TestForumLinkAsksBeforeEndingAnotherSession(t *testing.T) {
	e := newTestEnv(t)
	newForumWorld(t, e, 1)
	storetest.Sheets(t, e.store)
	e.loginAdmin()
	resp := e.postForm("/admin/forum/members", url.Values{"name": {"Elena Vargas"}, "organization": {"Consorcio E"}, "sector": {"academic"}})
	wantStatus(t, resp, http.StatusOK)
	m := linkPattern.FindStringSubmatch(readBody(t, resp))
	if m == nil {
		t.Fatal("no personal link on the page")
	}
	token := m[1]
	admin := e.session()

	resp = e.get("/forum/" + token)
	wantStatus(t, resp, http.StatusOK)
	mustContain(t, readBody(t, resp), "Elena Vargas", "ya tiene una sesión abierta", `action="/forum/`+token+`"`)
	for _, c := range resp.Cookies() {
		if c.Name == sessionCookie {
			t.Fatal("a GET of the link set a session cookie")
		}
	}
	if e.session() != admin {
		t.Fatal("the admin's session cookie changed")
	}
	wantStatus(t, e.get("/admin/forum/members"), http.StatusOK) // still the Secretariat

	resp = e.postForm("/forum/"+token, nil)
	if resp.StatusCode != http.StatusSeeOther || resp.Header.Get("Location") != "/forum/" {
		t.Fatalf("confirm: %d %s", resp.StatusCode, resp.Header.Get("Location"))
	}
	var member string
	for _, c := range resp.Cookies() {
		if c.Name == sessionCookie {
			member = c.Value
		}
	}
	if member == "" || member == admin {
		t.Fatal("the confirmation opened no new session")
	}
	e.use(member)
	mustContain(t, readBody(t, e.get("/forum/")), "Elena Vargas")
	e.use(admin)
	if r := e.get("/admin/forum/members"); r.StatusCode == http.StatusOK {
		t.Fatal("the replaced admin session still works")
	}

	// A member opening their own link again goes straight to their sheets.
	e.use(member)
	resp = e.get("/forum/" + token)
	if resp.StatusCode != http.StatusSeeOther || resp.Header.Get("Location") != "/forum/" {
		t.Fatalf("own link again: %d %s", resp.StatusCode, resp.Header.Get("Location"))
	}
}

// Nothing of the Forum is public before the sheets are published (an idea's
// own link says where the idea is); scores and decisions only after the
// results are.
func TestPublicPagesFollowPublication(t *testing.T) {
	e := newTestEnv(t)
	fw := newForumWorld(t, e, 2)
	mustContain(t, readBody(t, e.get("/process")), "Las ideas se publicarán")
	// An idea's own link shows the idea and where it is on the route
	// (TestIdeaLinkShowsWhereTheIdeaIs), not yet its trace through the Forum.
	early := readBody(t, e.get("/process/ideas/"+fw.ideas[0]))
	mustContain(t, early, "Esta idea está en la revisión interna")
	mustNotContain(t, early, "Facilitadora Secreta", "se publicarán al terminar")
	wantStatus(t, e.get("/api/v1/forum/ideas/"+fw.ideas[0]), http.StatusNotFound)
	if body := readBody(t, e.get("/api/v1/forum/sheets")); !strings.Contains(body, `"sheets":[]`) {
		t.Errorf("sheets before publication: %s", body)
	}
	storetest.Sheets(t, e.store)
	resp := e.get("/process/ideas/" + fw.ideas[0])
	body := readBody(t, resp)
	mustContain(t, body, "Idea de prueba A", "Piura", "mesa 1", "Ficha 1", "se publicarán al terminar")
	mustNotContain(t, body, "Facilitadora Secreta")
	wantStatus(t, e.get("/api/v1/forum/ranking"), http.StatusNotFound)
	mustContain(t, readBody(t, e.get("/process/ranking")), "se publicarán al terminar")
}
