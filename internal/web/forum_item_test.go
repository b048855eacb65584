package web

import (
	"bytes"
	"context"
	"encoding/json"
	"math/rand"
	"net/http"
	"testing"
)

// One sheet and one idea are read alone (store.SheetLineage, store.IdeaTrace)
// but must answer exactly what the lists computed from the whole snapshot
// say of them: the same sheet, lineage and ideas; the same trace, ranking
// figures and decision. Random processes at every stage, with merges of
// merged sheets, as the public and as the Secretariat.
func TestOneSheetAndOneIdeaAnswerWhatTheListsSay(t *testing.T) {
	seeds := 6
	if testing.Short() {
		seeds = 3
	}
	for seed := int64(1); seed <= int64(seeds); seed++ {
		rng := rand.New(rand.NewSource(100 + seed))
		e := newTestEnv(t)
		stage := stageSheets + int(seed)%(stageResults-stageSheets+1)
		w := randomProcess(t, e, rng, stage)
		if w.stage == stageNoSheets {
			continue
		}
		withoutSheet := ""
		origins, err := e.store.IdeaOrigins(context.Background(), false)
		if err != nil {
			t.Fatal(err)
		}
		for _, o := range origins {
			if o.SheetID == "" {
				withoutSheet = o.IdeaID
			}
		}
		for _, admin := range []bool{false, true} {
			if admin {
				e.loginAdmin()
			}
			var sheets struct{ Sheets []json.RawMessage }
			resp := e.get("/api/v1/forum/sheets")
			wantStatus(t, resp, http.StatusOK)
			decodeJSON(t, resp, &sheets)
			if want := w.published || admin; want != (len(sheets.Sheets) > 0) {
				t.Fatalf("seed %d admin %v: %d sheets listed (published %v)", seed, admin, len(sheets.Sheets), w.published)
			}
			for _, raw := range sheets.Sheets {
				var sh struct{ ID string }
				if err := json.Unmarshal(raw, &sh); err != nil {
					t.Fatal(err)
				}
				sameJSON(t, seed, "/api/v1/forum/sheets/"+sh.ID, raw, e.getJSON(t, "/api/v1/forum/sheets/"+sh.ID))
			}

			var matrix struct{ Rows []json.RawMessage }
			resp = e.get("/api/v1/forum/matrix")
			if resp.StatusCode != http.StatusOK {
				continue // results not visible: the traces are checked as the Secretariat
			}
			decodeJSON(t, resp, &matrix)
			if len(matrix.Rows) != w.systemized {
				t.Fatalf("seed %d: %d matrix rows, %d ideas with a sheet", seed, len(matrix.Rows), w.systemized)
			}
			for _, raw := range matrix.Rows {
				var tr struct {
					IdeaID  string `json:"idea_id"`
					Ranking any    `json:"ranking"`
				}
				if err := json.Unmarshal(raw, &tr); err != nil {
					t.Fatal(err)
				}
				if w.stage >= stageScoring && tr.Ranking == nil {
					t.Errorf("seed %d: idea %s has no ranking line in the matrix", seed, tr.IdeaID)
				}
				sameJSON(t, seed, "/api/v1/forum/ideas/"+tr.IdeaID, raw, e.getJSON(t, "/api/v1/forum/ideas/"+tr.IdeaID))
			}
		}
		if withoutSheet != "" {
			wantStatus(t, e.get("/api/v1/forum/ideas/"+withoutSheet), http.StatusNotFound)
		}
	}
	e := newTestEnv(t)
	e.loginAdmin()
	wantStatus(t, e.get("/api/v1/forum/sheets/9b1deb4d-3b7d-4bad-9bdd-2b0d7b3dcb6d"), http.StatusNotFound)
	wantStatus(t, e.get("/api/v1/forum/ideas/9b1deb4d-3b7d-4bad-9bdd-2b0d7b3dcb6d"), http.StatusNotFound)
}

func (e *testEnv) getJSON(t *testing.T, path string) []byte {
	t.Helper()
	resp := e.get(path)
	wantStatus(t, resp, http.StatusOK)
	return []byte(readBody(t, resp))
}

func sameJSON(t *testing.T, seed int64, path string, want, got []byte) {
	t.Helper()
	var a, b bytes.Buffer
	if err := json.Compact(&a, want); err != nil {
		t.Fatal(err)
	}
	if err := json.Compact(&b, got); err != nil {
		t.Fatal(err)
	}
	if a.String() != b.String() {
		t.Errorf("seed %d: %s answers\n%s\nthe list says\n%s", seed, path, b.String(), a.String())
	}
}
