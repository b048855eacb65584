package web

import (
	"context"
	"encoding/base64"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"github.com/minka-gob/minka/internal/model"
)

// A process-wide registration file: each row goes to the workshop it names
// (city and date, ignoring case and accents); the preview counts the rows per
// workshop; a line naming no known workshop blocks the whole import.
func TestProcessImportByWorkshopColumn(t *testing.T) {
	e := newTestEnv(t)
	ctx := context.Background()
	lima := model.Workshop{City: "Lima", Date: "2025-05-23", Status: model.WorkshopOpen}
	piura := model.Workshop{City: "Piura", Date: "2025-06-05", Status: model.WorkshopOpen}
	justicia := model.Workshop{City: "Lima", Date: "2025-07-18", Focus: "Justicia Abierta", Status: model.WorkshopOpen}
	for _, w := range []*model.Workshop{&lima, &piura, &justicia} {
		if err := e.store.CreateWorkshop(ctx, w); err != nil {
			t.Fatal(err)
		}
	}
	e.loginAdmin()
	head := "Nombres;Sexo;Sector;Correo;Consentimiento;Taller;Ciudad;Fecha\n"
	good := head +
		"Ana;F;Estado;ana@example.pe;sí;;LIMA;23/05/2025\n" +
		"Beto;M;Academia;beto@example.pe;sí;;piura;\n" +
		"Carla;F;ONG;carla@example.pe;sí;Lima (Justicia Abierta);Lima;18/07/2025\n" +
		"Dina;F;ONG;dina@example.pe;sí;Piúra;;2025-06-05\n"

	// One bad line: the preview names it, and nothing can be imported.
	bad := good + "Eva;F;ONG;eva@example.pe;sí;;Cusco;01/08/2025\n"
	resp := e.postFile("/admin/import", "inscritos.csv", []byte(bad))
	wantStatus(t, resp, http.StatusUnprocessableEntity)
	body := readBody(t, resp)
	mustContain(t, body, "Línea 6", "ningún taller coincide con «Cusco 01/08/2025»", "No se importará nada")
	if strings.Contains(body, "/admin/import/confirm") {
		t.Error("a file with a bad line can be confirmed")
	}
	resp = e.postForm("/admin/import/confirm", url.Values{"data": {base64.StdEncoding.EncodeToString([]byte(bad))}})
	wantStatus(t, resp, http.StatusUnprocessableEntity)
	for _, w := range []model.Workshop{lima, piura, justicia} {
		if ps, _ := e.store.Participants(ctx, w.ID, ""); len(ps) != 0 {
			t.Fatalf("%s got %d participants from a refused file", w.Label(), len(ps))
		}
	}

	// The good file: counts per workshop, then one import into each.
	resp = e.postFile("/admin/import", "inscritos.csv", []byte(good))
	wantStatus(t, resp, http.StatusOK)
	body = readBody(t, resp)
	counts := map[string]string{}
	table := regexp.MustCompile(`(?s)<table class="compact import-per-workshop">.*?</table>`).FindString(body)
	for _, m := range regexp.MustCompile(`(?s)<th scope="row">([^<]*?) <small.*?<td class="num">(\d+)</td>`).FindAllStringSubmatch(table, -1) {
		counts[m[1]] = m[2]
	}
	if counts["Lima"] != "1" || counts["Piura"] != "2" || counts["Lima (Justicia Abierta)"] != "1" || len(counts) != 3 {
		t.Errorf("counts per workshop = %v", counts)
	}
	resp = e.postForm("/admin/import/confirm", url.Values{"data": {base64.StdEncoding.EncodeToString([]byte(good))}})
	wantStatus(t, resp, http.StatusSeeOther)
	for w, want := range map[*model.Workshop][]string{&lima: {"Ana"}, &piura: {"Beto", "Dina"}, &justicia: {"Carla"}} {
		ps, err := e.store.Participants(ctx, w.ID, "")
		if err != nil {
			t.Fatal(err)
		}
		var names []string
		for _, p := range ps {
			names = append(names, p.Name)
		}
		if strings.Join(names, ",") != strings.Join(want, ",") {
			t.Errorf("%s: %v, want %v", w.Label(), names, want)
		}
	}

	// A file without a workshop or city column cannot go to the process.
	resp = e.postFile("/admin/import", "inscritos.csv", []byte("Nombres;Sexo;Sector;Correo;Consentimiento\nFeli;F;ONG;feli@example.pe;sí\n"))
	wantStatus(t, resp, http.StatusUnprocessableEntity)
	mustContain(t, readBody(t, resp), "no tiene columna «taller» ni «ciudad»")

	// Into one workshop, rows naming another workshop are warned about.
	other := head + "Gabi;F;ONG;gabi@example.pe;sí;;Piura;\nHugo;M;ONG;hugo@example.pe;sí;;Lima;23/05/2025\n"
	resp = e.postFile("/admin/workshops/"+lima.ID+"/import", "inscritos.csv", []byte(other))
	wantStatus(t, resp, http.StatusOK)
	body = readBody(t, resp)
	mustContain(t, body, "Atención: 1 fila(s) nombran otro taller.", "Línea 2: nombra el taller Piura")
	mustNotContain(t, body, "Línea 3: nombra")
}
