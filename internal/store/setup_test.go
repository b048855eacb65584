package store_test

import (
	"context"
	"testing"

	"github.com/minka-gob/minka/internal/model"
	"github.com/minka-gob/minka/internal/storetest"
)

func TestProblemsCRUD(t *testing.T) {
	st := storetest.Open(t)
	ctx := context.Background()
	ps, err := st.Problems(ctx)
	if err != nil || len(ps) != 5 {
		t.Fatalf("seeded problems = %d, %v; want 5", len(ps), err)
	}
	p := model.Problem{Title: "  Justicia abierta  ", Description: "Acceso a la justicia"}
	if err := st.CreateProblem(ctx, &p); err != nil {
		t.Fatal(err)
	}
	if p.Position != 6 || p.Title != "Justicia abierta" {
		t.Errorf("new problem = %+v, want position 6 and trimmed title", p)
	}
	p.Title = "Justicia abierta y transparente"
	if err := st.UpdateProblem(ctx, &p); err != nil {
		t.Fatal(err)
	}
	got, err := st.Problem(ctx, p.ID)
	if err != nil || got.Title != "Justicia abierta y transparente" {
		t.Fatalf("Problem = %+v, %v", got, err)
	}
	bad := model.Problem{Title: ""}
	if err := st.CreateProblem(ctx, &bad); model.KindOf(err) != model.KindInvalid {
		t.Errorf("empty title: err = %v, want invalid", err)
	}
	for _, id := range []string{"not-a-uuid", model.Fold("00000000-0000-0000-0000-000000000000")} {
		if _, err := st.Problem(ctx, id); model.KindOf(err) != model.KindNotFound {
			t.Errorf("Problem(%q): err = %v, want not found", id, err)
		}
		ghost := model.Problem{ID: id, Title: "x"}
		if err := st.UpdateProblem(ctx, &ghost); model.KindOf(err) != model.KindNotFound {
			t.Errorf("UpdateProblem(%q): err = %v, want not found", id, err)
		}
	}
}

func TestProfilesCRUD(t *testing.T) {
	st := storetest.Open(t)
	ctx := context.Background()
	ps, _ := st.Problems(ctx)
	p := model.UserProfile{Name: "Lideresa comunal", Description: "Dirige un comedor popular", Needs: "Información clara",
		Pains: "Trámites largos", ProblemID: ps[0].ID}
	if err := st.CreateProfile(ctx, &p); err != nil {
		t.Fatal(err)
	}
	p.Needs = "Información clara y a tiempo"
	p.ProblemID = ""
	if err := st.UpdateProfile(ctx, &p); err != nil {
		t.Fatal(err)
	}
	got, err := st.Profile(ctx, p.ID)
	if err != nil || got.Needs != "Información clara y a tiempo" || got.ProblemID != "" {
		t.Fatalf("Profile = %+v, %v", got, err)
	}
	ghost := model.UserProfile{Name: "X", ProblemID: "5f0c2a43-4e7b-4a3f-9d0e-0d6f6b9b2c11"}
	err = st.CreateProfile(ctx, &ghost)
	if e, ok := model.AsError(err); !ok || e.Fields["problem_id"].Key != "validation.reference" {
		t.Errorf("unknown problem: err = %v, want a problem_id field error", err)
	}
	all, _ := st.Profiles(ctx)
	if len(all) != 1 {
		t.Errorf("profiles = %d, want 1 (the refused one must not be stored)", len(all))
	}
}
