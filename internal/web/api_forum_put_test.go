package web

import (
	"context"
	"net/http"
	"testing"
)

// PUT changes only the fields sent; a misspelt field is refused (422) and
// nothing is saved — the same strict decoding as the rest of /api/v1.
func TestForumPutChangesOnlyTheFieldsSent(t *testing.T) {
	e := newTestEnv(t)
	ctx := context.Background()
	newForumWorld(t, e, 2)
	e.loginAdmin()
	wantStatus(t, e.sendJSON(http.MethodPost, "/api/v1/forum/sheets/generate", map[string]any{}), http.StatusCreated)
	shs, err := e.store.ActiveSheets(ctx)
	if err != nil || len(shs) != 2 {
		t.Fatalf("sheets: %v %v", shs, err)
	}
	before := shs[0]

	resp := e.sendJSON(http.MethodPut, "/api/v1/forum/sheets/"+before.ID, map[string]any{"responsible": "MINEDU", "version": before.Version})
	wantStatus(t, resp, http.StatusOK)
	after, _ := e.store.Sheet(ctx, before.ID)
	if after.Responsible != "MINEDU" || after.Name != before.Name || after.Description != before.Description ||
		after.Principle != before.Principle || after.Place != before.Place || after.Version != before.Version+1 {
		t.Errorf("after a partial PUT: %+v\nbefore: %+v", after, before)
	}

	resp = e.sendJSON(http.MethodPut, "/api/v1/forum/sheets/"+before.ID, map[string]any{"responsable": "Otro", "name": "Cambiado"})
	wantStatus(t, resp, http.StatusUnprocessableEntity)
	if again, _ := e.store.Sheet(ctx, before.ID); again.Name != after.Name || again.Version != after.Version {
		t.Errorf("a refused PUT changed the sheet: %+v", again)
	}
	for _, path := range []string{"/api/v1/forum/sheets/merge", "/api/v1/forum/cutoff", "/api/v1/forum/members"} {
		method := http.MethodPost
		if path == "/api/v1/forum/cutoff" {
			method = http.MethodPut
		}
		if resp := e.sendJSON(method, path, map[string]any{"nombre": "x"}); resp.StatusCode != http.StatusUnprocessableEntity {
			t.Errorf("%s %s with an unknown field: %d, want 422", method, path, resp.StatusCode)
		}
	}
	if ms, _ := e.store.ForumMembers(ctx); len(ms) != 0 {
		t.Errorf("a refused body created members: %+v", ms)
	}
	if st, _ := e.store.ForumState(ctx); st.Cutoff != 18 {
		t.Errorf("a refused body changed the cut-off to %d", st.Cutoff)
	}
}
