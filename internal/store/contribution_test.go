package store_test

import (
	"context"
	"encoding/json"
	"errors"
	"testing"

	"github.com/minka-gob/minka/internal/liveproto"
	"github.com/minka-gob/minka/internal/model"
	"github.com/minka-gob/minka/internal/store"
	"github.com/minka-gob/minka/internal/storetest"
)

// The live path of every contribution kind: create, edit, a stale edit,
// delete, and a parent on another table. What each acknowledgement carries
// must be what the table's record reads back.
func TestEveryContributionKindIsCreatedEditedAndDeleted(t *testing.T) {
	ctx := context.Background()
	st := storetest.Open(t)
	w := storetest.Workshop(t, st, model.Workshop{})
	tb := storetest.Table(t, st, model.Table{WorkshopID: w.ID, Number: 1})
	other := storetest.Table(t, st, model.Table{WorkshopID: w.ID, Number: 2})
	idea := storetest.Idea(t, st, model.Idea{TableID: tb.ID, Title: "Mesa de partes digital"})
	otherIdea := storetest.Idea(t, st, model.Idea{TableID: other.ID, Title: "Otra mesa"})
	proto := &model.Prototype{ID: store.NewID(), IdeaID: idea.ID, Description: "Maqueta"}
	if _, err := st.CreateContribution(ctx, tb.ID, proto); err != nil {
		t.Fatal(err)
	}
	otherProto := &model.Prototype{ID: store.NewID(), IdeaID: otherIdea.ID, Description: "Otra maqueta"}
	if _, err := st.CreateContribution(ctx, other.ID, otherProto); err != nil {
		t.Fatal(err)
	}

	cases := []struct {
		kind         string
		rec, edit    func(id string) model.Contribution
		foreign      model.Contribution // points at a record of the other table; nil: no parent
		foreignField string
	}{
		{kind: model.KindProfileNote,
			rec: func(id string) model.Contribution {
				return &model.ProfileNote{ID: id, Kind: "need", Text: "Trámites en quechua"}
			},
			edit: func(id string) model.Contribution {
				return &model.ProfileNote{ID: id, Kind: "pain", Text: "Colas largas"}
			}},
		{kind: model.KindUserStory,
			rec: func(id string) model.Contribution {
				return &model.UserStory{ID: id, AsWho: "vecina", Want: "pagar en línea", SoThat: "no viajar"}
			},
			edit: func(id string) model.Contribution {
				return &model.UserStory{ID: id, AsWho: "vecino", Want: "ver el estado", SoThat: "planificar"}
			}},
		{kind: model.KindIdea,
			rec: func(id string) model.Contribution {
				return &model.Idea{ID: id, Title: "Ventanilla única", Principle: model.PrincipleParticipation}
			},
			edit: func(id string) model.Contribution {
				return &model.Idea{ID: id, Title: "Ventanilla única móvil", Description: "En las ferias", Principle: model.PrincipleParticipation}
			}},
		{kind: model.KindPrototype,
			rec: func(id string) model.Contribution {
				return &model.Prototype{ID: id, IdeaID: idea.ID, Description: "Guion"}
			},
			edit: func(id string) model.Contribution {
				return &model.Prototype{ID: id, Description: "Guion 2", Iteration: "tras la prueba"}
			},
			foreign:      &model.Prototype{ID: store.NewID(), IdeaID: otherIdea.ID, Description: "x"},
			foreignField: "idea_id"},
		{kind: model.KindFeedback,
			rec: func(id string) model.Contribution {
				return &model.Feedback{ID: id, PrototypeID: proto.ID, Kind: "like", Text: "Claro"}
			},
			edit: func(id string) model.Contribution {
				return &model.Feedback{ID: id, PrototypeID: proto.ID, Kind: "doubt", Text: "¿Y sin internet?"}
			},
			foreign:      &model.Feedback{ID: store.NewID(), PrototypeID: otherProto.ID, Kind: "like", Text: "x"},
			foreignField: "prototype_id"},
	}
	if len(cases) != len(model.ContributionKinds) {
		t.Fatalf("%d cases for %d kinds", len(cases), len(model.ContributionKinds))
	}
	for _, tc := range cases {
		t.Run(tc.kind, func(t *testing.T) {
			id := store.NewID()
			a, err := st.CreateContribution(ctx, tb.ID, tc.rec(id))
			if err != nil {
				t.Fatal(err)
			}
			sent := change(t, a, liveproto.EventCreated, tc.kind)
			if got := stored(t, st, tb.ID, tc.kind, id); got == nil || string(got) != string(sent) {
				t.Fatalf("created: the event says\n%s\nthe table's record reads\n%s", sent, got)
			}
			if version(t, sent) != 1 {
				t.Fatalf("created at version %d", version(t, sent))
			}

			a, err = st.UpdateContribution(ctx, store.NewID(), tb.ID, tc.edit(id), 1)
			if err != nil {
				t.Fatal(err)
			}
			sent = change(t, a, liveproto.EventUpdated, tc.kind)
			got := stored(t, st, tb.ID, tc.kind, id)
			if string(got) != string(sent) || version(t, got) != 2 {
				t.Fatalf("edited: the event says\n%s\nthe table's record reads\n%s", sent, got)
			}
			want, _ := json.Marshal(tc.edit(id))
			for field, v := range fields(t, want) {
				if field == "version" || field == "created_at" || field == "updated_at" || field == "table_id" {
					continue
				}
				if fields(t, got)[field] != v {
					t.Errorf("edited %s: %s = %v, want %v", tc.kind, field, fields(t, got)[field], v)
				}
			}

			_, err = st.UpdateContribution(ctx, store.NewID(), tb.ID, tc.rec(id), 1)
			var stale *store.StaleError
			if !errors.As(err, &stale) || stale.Kind != tc.kind {
				t.Fatalf("edit of version 1 after an edit: %v, want a stale error", err)
			}
			if cur, _ := json.Marshal(stale.Current); string(cur) != string(got) {
				t.Fatalf("stale error holds\n%s\nwant the current record\n%s", cur, got)
			}

			a, err = st.DeleteContribution(ctx, store.NewID(), tb.ID, tc.kind, id, 2)
			if err != nil {
				t.Fatal(err)
			}
			if sent = change(t, a, liveproto.EventDeleted, tc.kind); fields(t, sent)["deleted_at"] == nil {
				t.Fatalf("deleted record without deleted_at: %s", sent)
			}
			if got := stored(t, st, tb.ID, tc.kind, id); got != nil {
				t.Fatalf("deleted record still in the table's record: %s", got)
			}
			if _, err := st.UpdateContribution(ctx, store.NewID(), tb.ID, tc.edit(id), 3); model.KindOf(err) != model.KindNotFound {
				t.Fatalf("edit of a deleted record: %v, want not found", err)
			}

			if tc.foreign != nil {
				_, err := st.CreateContribution(ctx, tb.ID, tc.foreign)
				var me *model.Error
				if !errors.As(err, &me) || me.Kind != model.KindInvalid || me.Fields[tc.foreignField].Key != "validation.reference" {
					t.Fatalf("%s pointing at another table's record: %v, want %s refused", tc.kind, err, tc.foreignField)
				}
			}
		})
	}
	if _, err := st.DeleteContribution(ctx, store.NewID(), tb.ID, "poem", idea.ID, 1); model.KindOf(err) != model.KindInvalid {
		t.Fatalf("delete of an unknown kind: %v, want invalid", err)
	}
}

// change checks the table room's event of a and returns its record.
func change(t *testing.T, a store.Applied, typ, kind string) json.RawMessage {
	t.Helper()
	if a.Dup || len(a.Events) != 2 || a.Events[0].Type != typ || a.Events[1].Type != typ {
		t.Fatalf("applied %+v, want a %s event in the table's and the workshop's rooms", a, typ)
	}
	var c struct {
		Kind   string          `json:"kind"`
		Record json.RawMessage `json:"record"`
	}
	if err := json.Unmarshal(a.Data, &c); err != nil || c.Kind != kind {
		t.Fatalf("payload %s (%v), want kind %s", a.Data, err, kind)
	}
	return c.Record
}

// stored is the record id of kind as the table's live record reads it (nil when absent).
func stored(t *testing.T, st *store.Store, tableID, kind, id string) json.RawMessage {
	t.Helper()
	rec, err := st.TableRecord(context.Background(), tableID, "")
	if err != nil {
		t.Fatal(err)
	}
	var list any
	switch kind {
	case model.KindProfileNote:
		list = rec.ProfileNotes
	case model.KindUserStory:
		list = rec.UserStories
	case model.KindIdea:
		list = rec.Ideas
	case model.KindPrototype:
		list = rec.Prototypes
	case model.KindFeedback:
		list = rec.Feedback
	}
	b, _ := json.Marshal(list)
	var recs []json.RawMessage
	if err := json.Unmarshal(b, &recs); err != nil {
		t.Fatal(err)
	}
	for _, r := range recs {
		if fields(t, r)["id"] == id {
			return r
		}
	}
	return nil
}

func fields(t *testing.T, b []byte) map[string]any {
	t.Helper()
	var m map[string]any
	if err := json.Unmarshal(b, &m); err != nil {
		t.Fatal(err)
	}
	return m
}

func version(t *testing.T, b []byte) int {
	t.Helper()
	v, _ := fields(t, b)["version"].(float64)
	return int(v)
}
