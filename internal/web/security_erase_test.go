package web

import (
	"context"
	"fmt"
	"net/http"
	"strings"
	"testing"

	"github.com/minka-gob/minka/internal/model"
	"github.com/minka-gob/minka/internal/storetest"
)

// The Secretariat erases a person from the participant list: a button, a
// page that says what goes and what stays, a confirmation; afterwards the
// list says so, the name is gone and the workshop's counts are unchanged.
func TestParticipantEraseFromTheList(t *testing.T) {
	e := newTestEnv(t)
	ctx := context.Background()
	w, tb := e.workshopAndTable("Huancavelica")
	p := model.Participant{WorkshopID: w.ID, Name: "Nilda Condori", Gender: "female", Sector: "public", Email: "nilda@example.pe", Consent: true}
	if err := e.store.CreateParticipant(ctx, &p); err != nil {
		t.Fatal(err)
	}
	if _, err := e.store.CheckIn(ctx, p.ID, tb.ID); err != nil {
		t.Fatal(err)
	}
	before, err := e.srv.attendance(ctx, w.ID)
	if err != nil {
		t.Fatal(err)
	}
	e.loginAdmin()
	list := "/admin/workshops/" + w.ID + "/participants"
	confirm := "/admin/participants/" + p.ID + "/erase"
	body := readBody(t, e.get(list))
	mustContain(t, body, `href="`+confirm+`"`, "Nilda Condori")

	resp := e.get(confirm)
	wantStatus(t, resp, http.StatusOK)
	body = readBody(t, resp)
	mustContain(t, body, "Nilda Condori", `action="`+confirm+`"`, `name="_csrf"`, "Sí, borrar sus datos")
	checkCSP(t, "erase confirmation", body)

	resp = e.postForm(confirm, nil)
	wantStatus(t, resp, http.StatusSeeOther)
	if loc := resp.Header.Get("Location"); loc != list+"?ok=erased" {
		t.Fatalf("after erasing: redirect to %q", loc)
	}
	body = readBody(t, e.get(list+"?ok=erased"))
	mustContain(t, body, "Datos personales borrados", "Datos borrados")
	mustNotContain(t, body, "Nilda", "nilda@", `href="`+confirm+`"`)

	got, err := e.store.Participant(ctx, p.ID)
	if err != nil {
		t.Fatal(err)
	}
	if got.ErasedAt == nil || got.Name != "" || got.Email != "" || got.Gender != "female" || got.TableID != tb.ID {
		t.Fatalf("after erasing: %+v", got)
	}
	after, err := e.srv.attendance(ctx, w.ID)
	if err != nil {
		t.Fatal(err)
	}
	if fmt.Sprint(after.Total) != fmt.Sprint(before.Total) {
		t.Fatalf("counts changed: %+v, were %+v", after.Total, before.Total)
	}
	// The confirmation page of an erased person offers nothing more to erase.
	body = readBody(t, e.get(confirm))
	mustContain(t, body, "ya se borraron")
	mustNotContain(t, body, `action="`+confirm+`"`)
}

// Guessing Forum members' personal links is rate limited on the real route:
// after the allowed failures even a valid link waits.
func TestForumLinkRouteIsRateLimited(t *testing.T) {
	e := newTestEnv(t)
	_, token := storetest.Member(t, e.store, model.ForumMember{Name: "Carmen Rojas", Organization: "Proética", Sector: "civil_society"})
	for i := 0; i < defaultRateLimits.TokenLink.Burst; i++ {
		if resp := e.get(fmt.Sprintf("/forum/adivinanza-%d", i)); resp.StatusCode != http.StatusNotFound {
			t.Fatalf("guess %d: status %d", i, resp.StatusCode)
		}
	}
	resp := e.get("/forum/" + token)
	if resp.StatusCode != http.StatusTooManyRequests || resp.Header.Get("Retry-After") == "" {
		t.Fatalf("after %d guesses: status %d, want 429 with Retry-After", defaultRateLimits.TokenLink.Burst, resp.StatusCode)
	}
	if body := readBody(t, resp); !strings.Contains(body, "<html") {
		t.Fatal("the 429 answer is not a page")
	}
}
