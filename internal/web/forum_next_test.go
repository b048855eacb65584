package web

import (
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/minka-gob/minka/internal/model"
	"github.com/minka-gob/minka/internal/storetest"
)

// Scoring 30 sheets on a phone: Continuar on the member's home opens the
// first sheet still to score; "Enviar y seguir" submits and goes on to the
// next pending sheet (skipping those already done), and after the last back
// home; a refused submission keeps the member on the sheet with the focus
// on the first criterion missing.
func TestScoreAndGoToTheNextPendingSheet(t *testing.T) {
	e := newTestEnv(t)
	newForumWorld(t, e, 3)
	shs := storetest.Sheets(t, e.store)
	_, token := storetest.Member(t, e.store, model.ForumMember{Name: "Ana Forista", Organization: "Colegio", Sector: "civil_society"})
	e.openLink(token)

	home := readBody(t, e.get("/forum/"))
	if !strings.Contains(home, `href="/forum/sheets/`+shs[0].ID+`" data-continue`) {
		t.Fatal("Continuar does not open the first sheet")
	}
	// The second sheet is done first, out of order.
	wantStatus(t, e.postForm("/forum/sheets/"+shs[1].ID, scoreForm(model.ScoreActionSubmit, 4, "")), http.StatusSeeOther)
	home = readBody(t, e.get("/forum/"))
	if !strings.Contains(home, `href="/forum/sheets/`+shs[0].ID+`" data-continue`) {
		t.Fatal("Continuar does not open the first pending sheet")
	}

	// A submission missing a criterion stays on the sheet, focus on it.
	f := scoreForm(model.ScoreActionSubmit, 3, "")
	missing := model.ScoreField(model.CriterionCodes[2])
	f.Del(missing)
	resp := e.postForm("/forum/sheets/"+shs[0].ID+"?next=1", f)
	body := readBody(t, resp)
	if resp.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(body, `id="`+missing+`-1" name="`+missing+`" value="1" required autofocus`) {
		t.Fatalf("refused submission: %d, first error not focused", resp.StatusCode)
	}
	if strings.Count(body, "autofocus") != 1 {
		t.Fatalf("autofocus on %d controls", strings.Count(body, "autofocus"))
	}

	next := func(sheet string) string {
		t.Helper()
		resp := e.postForm("/forum/sheets/"+sheet+"?next=1", scoreForm(model.ScoreActionSubmit, 5, ""))
		if resp.StatusCode != http.StatusSeeOther {
			t.Fatalf("submit and next: %d", resp.StatusCode)
		}
		u, _ := url.Parse(resp.Header.Get("Location"))
		return u.Path
	}
	// Sheet 1 → sheet 3 (sheet 2 is done) → home.
	if p := next(shs[0].ID); p != "/forum/sheets/"+shs[2].ID {
		t.Fatalf("after sheet 1: %s, want sheet 3", p)
	}
	if p := next(shs[2].ID); p != "/forum/" {
		t.Fatalf("after the last pending sheet: %s, want home", p)
	}
	home = readBody(t, e.get("/forum/"))
	if strings.Contains(home, "data-continue") {
		t.Fatal("Continuar is offered with nothing left to score")
	}
	// One row of five segments, each with its meaning for screen readers.
	page := readBody(t, e.get("/forum/sheets/"+shs[0].ID))
	if !strings.Contains(page, `class="fo-scale-options fo-segments"`) || !strings.Contains(page, `<span class="visually-hidden">5 — muy alto</span>`) {
		t.Fatal("the scale is not the segmented one")
	}
}
