package web

import (
	"context"
	"net/http"
	"regexp"
	"strings"
	"testing"

	"github.com/minka-gob/minka/internal/model"
	"github.com/minka-gob/minka/internal/storetest"
)

// sheetArticles splits a print page into its idea sheets.
var sheetArticle = regexp.MustCompile(`(?s)<article class="idea-sheet".*?</article>`)

// The Secretariat prints the idea sheets for the validation workshops: all
// the sheets the Forum scores (a merged sheet's ideas printed on the sheet
// they were merged into), a workshop's, or one; each with its seven fields
// and the workshop and table of every idea behind it.
func TestPrintIdeaSheets(t *testing.T) {
	e := newTestEnv(t)
	ctx := context.Background()
	fw := newForumWorld(t, e, 3) // Piura: A (table 1), B (table 2), C (table 1)
	lima := storetest.Workshop(t, e.store, model.Workshop{City: "Lima", Date: "2025-05-23", Status: model.WorkshopClosed})
	limaTable := storetest.Table(t, e.store, model.Table{WorkshopID: lima.ID, Number: 4})
	storetest.Idea(t, e.store, model.Idea{TableID: limaTable.ID, Title: "Idea limeña D", Principle: model.PrincipleIntegrity})
	if _, err := e.store.GenerateSheets(ctx, false); err != nil {
		t.Fatal(err)
	}
	shs, err := e.store.ActiveSheets(ctx)
	if err != nil || len(shs) != 4 {
		t.Fatalf("sheets: %v %v", shs, err)
	}
	byName := map[string]model.Sheet{}
	for _, sh := range shs {
		byName[sh.Name] = sh
	}
	// A and C are merged into a new sheet.
	merged, err := e.store.MergeSheets(ctx, []string{byName["Idea de prueba A"].ID, byName["Idea de prueba C"].ID})
	if err != nil {
		t.Fatal(err)
	}
	storetest.CompleteSheets(t, e.store)

	e.loginAdmin()
	// The sheets' page offers the print buttons: all, and each workshop's.
	list := readBody(t, e.get("/admin/forum/sheets"))
	mustContain(t, list, `href="/admin/forum/sheets/print"`, `href="/admin/forum/sheets/print?workshop=`+fw.workshop.ID+`"`,
		`href="/admin/forum/sheets/print?workshop=`+lima.ID+`"`, "Taller de Piura (fichas: 2)", "Taller de Lima (fichas: 1)")

	all := readBody(t, e.get("/admin/forum/sheets/print"))
	sheets := sheetArticle.FindAllString(all, -1)
	if len(sheets) != 3 { // B, D and the merged sheet; A and C live on in it
		t.Fatalf("printed %d sheets, want 3:\n%s", len(sheets), all)
	}
	mustContain(t, all, `data-print`, "Fichas: 3, una por página A4.")
	for _, html := range sheets {
		if n := strings.Count(html, "<dt>"); n != 7 {
			t.Errorf("a printed sheet has %d fields, want 7:\n%s", n, html)
		}
		mustContain(t, html, "Origen: taller y mesa", "Entidad responsable", "Contribuye a resolver el problema.")
	}
	found := 0
	for _, html := range sheets {
		switch {
		case strings.Contains(html, "«Idea de prueba A»"):
			found++
			mustContain(t, html, `id="is-`+merged.ID+`"`, "«Idea de prueba C»", "Piura</strong>, 05/06/2025 · mesa 1")
			mustNotContain(t, html, "«Idea de prueba B»")
		case strings.Contains(html, "«Idea limeña D»"):
			found++
			mustContain(t, html, "Lima</strong>, 23/05/2025 · mesa 4")
		case strings.Contains(html, "«Idea de prueba B»"):
			found++
			mustContain(t, html, "Piura</strong>, 05/06/2025 · mesa 2")
		}
	}
	if found != 3 {
		t.Fatalf("the printed sheets lack their origins:\n%s", all)
	}
	mustNotContain(t, all, `id="is-`+byName["Idea de prueba A"].ID+`"`)

	// A workshop's sheets: Lima's one only.
	limaPage := readBody(t, e.get("/admin/forum/sheets/print?workshop="+lima.ID))
	if got := sheetArticle.FindAllString(limaPage, -1); len(got) != 1 || !strings.Contains(got[0], "«Idea limeña D»") {
		t.Fatalf("Lima's sheets: %v", got)
	}
	mustContain(t, limaPage, "Fichas de ideas del taller de Lima")

	// One sheet, and a merged one with its own idea and where it went.
	one := readBody(t, e.get("/admin/forum/sheets/"+byName["Idea de prueba B"].ID+"/print"))
	if got := sheetArticle.FindAllString(one, -1); len(got) != 1 || !strings.Contains(got[0], "«Idea de prueba B»") {
		t.Fatalf("one sheet: %v", got)
	}
	mustContain(t, one, `href="/admin/forum/sheets/`+byName["Idea de prueba B"].ID+`"`)
	a := readBody(t, e.get("/admin/forum/sheets/"+byName["Idea de prueba A"].ID+"/print"))
	mustContain(t, a, "Esta ficha se fusionó en", "«Idea de prueba A»")
	mustNotContain(t, a, "«Idea de prueba C»")
	// The edit page links to its print.
	mustContain(t, readBody(t, e.get("/admin/forum/sheets/"+merged.ID)), `href="/admin/forum/sheets/`+merged.ID+`/print"`)

	// Unknown sheet or workshop: a translated 404.
	for _, path := range []string{"/admin/forum/sheets/nope/print", "/admin/forum/sheets/print?workshop=nope"} {
		resp := e.get(path)
		wantStatus(t, resp, http.StatusNotFound)
	}
}
