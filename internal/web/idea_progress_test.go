package web

import (
	"context"
	"net/http"
	"testing"

	"github.com/minka-gob/minka/internal/model"
	"github.com/minka-gob/minka/internal/store"
	"github.com/minka-gob/minka/internal/storetest"
)

// A participant follows an idea's link from the table: before its sheet
// reaches the Forum the page shows the idea and where it is on the route —
// not an error page — and, once the sheets are public, the full trace; an
// idea that did not become a sheet says so.
func TestIdeaLinkShowsWhereTheIdeaIs(t *testing.T) {
	e := newTestEnv(t)
	ctx := context.Background()
	fw := newForumWorld(t, e, 3) // Piura: A and C at table 1, B at table 2, all chosen
	other := storetest.Idea(t, e.store, model.Idea{TableID: fw.tables[0].ID, Title: "Idea no elegida", Description: "Quedó en el acta. <script>alert(1)</script>"})
	gone := storetest.Idea(t, e.store, model.Idea{TableID: fw.tables[0].ID, Title: "Idea borrada"})
	if _, err := e.store.DeleteContribution(ctx, store.NewID(), fw.tables[0].ID, "idea", gone.ID, 1); err != nil {
		t.Fatal(err)
	}
	page := func(id string, noindex bool) string {
		t.Helper()
		resp := e.get("/process/ideas/" + id + "?lang=es")
		wantStatus(t, resp, http.StatusOK)
		if got := resp.Header.Get("X-Robots-Tag") == "noindex"; got != noindex {
			t.Errorf("idea %s: X-Robots-Tag noindex = %v, want %v", id, got, noindex)
		}
		return readBody(t, resp)
	}

	// Recorded at the table; no sheet yet.
	a := page(fw.ideas[0], true)
	mustContain(t, a, "<h1>Idea de prueba A</h1>", "Descripción de la idea A", "Piura, 05/06/2025 · mesa 1",
		"la Secretaría sistematiza las ideas de los talleres en fichas",
		`class="step-done"`, "Registrada en la mesa de trabajo", `class="step-current" aria-current="step"`,
		"Revisión interna: ficha de la idea", `class="step-todo"`, "Puntuación del Foro", "Decisión y respuesta razonada")
	mustNotContain(t, a, "Algo salió mal")

	// The review makes sheets of the chosen ideas only (numbered by
	// table: A 1, C 2, B 3), then merges A and C.
	if _, err := e.store.GenerateSheets(ctx, true); err != nil {
		t.Fatal(err)
	}
	mustContain(t, page(fw.ideas[1], true), "Esta idea está en la revisión interna, en la ficha 3.", "Ficha 3 · Idea de prueba B (aún en revisión).")
	shs, err := e.store.ActiveSheets(ctx)
	if err != nil || len(shs) != 3 {
		t.Fatalf("sheets %v %v", shs, err)
	}
	merged, err := e.store.MergeSheets(ctx, []string{shs[0].ID, shs[1].ID})
	if err != nil {
		t.Fatal(err)
	}
	mustContain(t, page(fw.ideas[2], true), "Se fusionó con ideas similares en la ficha 4")
	mustContain(t, page(other.ID, true), "la Secretaría sistematiza las ideas de los talleres en fichas", "&lt;script&gt;alert(1)&lt;/script&gt;")

	// The sheets go to the Forum: the full trace for ideas on a sheet, and
	// the idea left without one says where it stopped.
	storetest.CompleteSheets(t, e.store)
	if err := e.store.PublishSheets(ctx); err != nil {
		t.Fatal(err)
	}
	mustContain(t, page(fw.ideas[0], false), "/process/sheets/"+merged.ID)
	left := page(other.ID, true)
	mustContain(t, left, "Idea no elegida", "Quedó en el acta.", "no pasó a una ficha del Foro", `class="step-stopped"`, "no continuó")
	mustNotContain(t, left, "Puntuación del Foro")

	// Deleted at its table, or unknown: not found.
	for _, id := range []string{gone.ID, "no-such-idea"} {
		wantStatus(t, e.get("/process/ideas/"+id), http.StatusNotFound)
	}
}
