package live

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io"
	"log"
	"reflect"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"github.com/minka-gob/minka/internal/liveproto"
	"github.com/minka-gob/minka/internal/model"
	"github.com/minka-gob/minka/internal/store"
	"github.com/minka-gob/minka/internal/storetest"
)

// Hostile input on the websocket: whatever bytes a client sends, decoding
// never panics, gives a typed error or a message that survives a round trip,
// and a contribution that passes validation holds only clean text.

const (
	fuzzOp    = "5f0c9a3e-2b4d-4c6e-8f10-123456789abc"
	fuzzIdea  = "0e9a1b2c-3d4e-4f50-8a6b-7c8d9e0f1a2b"
	fuzzProto = "7d1e2f30-4a5b-4c6d-9e7f-8091a2b3c4d5"
)

// seedMessages are realistic messages of every type, and some broken ones.
var seedMessages = []string{
	`{"type":"join","room":"table:9b1d4e2a-1c3f-4a5b-8c7d-0e1f2a3b4c5d","since":41,"lang":"es"}`,
	`{"type":"ping"}`,
	`{"type":"create","op":"` + fuzzOp + `","kind":"idea","data":{"id":"` + fuzzOp + `","title":"¿Cómo podríamos publicar el presupuesto en quechua?","description":"","principle":"transparency"}}`,
	`{"type":"create","kind":"profile_note","data":{"id":"` + fuzzOp + `","kind":"pain","text":"Las oficinas cierran\na las 4 p. m."}}`,
	`{"type":"create","kind":"user_story","data":{"id":"` + fuzzOp + `","as_who":"Como madre","want":"quiero saber","so_that":"para decidir"}}`,
	`{"type":"create","kind":"prototype","data":{"id":"` + fuzzOp + `","idea_id":"` + fuzzIdea + `","description":"Maqueta","iteration":"v2"}}`,
	`{"type":"create","kind":"feedback","data":{"id":"` + fuzzOp + `","prototype_id":"` + fuzzProto + `","kind":"doubt","text":"¿Y sin internet?"}}`,
	`{"type":"update","op":"` + fuzzOp + `","kind":"idea","id":"` + fuzzIdea + `","version":1,"data":{"title":"¿Cómo podríamos…?","principle":"participation"}}`,
	`{"type":"delete","op":"` + fuzzOp + `","kind":"idea","id":"` + fuzzIdea + `","version":1}`,
	`{"type":"choose","op":"` + fuzzOp + `","id":"` + fuzzIdea + `","chosen":true}`,
	`{"type":"rate","op":"` + fuzzOp + `","idea_id":"` + fuzzIdea + `","impact":4,"feasibility":3}`,
	`{"type":"rate","op":"` + fuzzOp + `","idea_id":"` + fuzzIdea + `","impact":9,"feasibility":0,"rater":"Participante 3"}`,
	`{"type":"phase","op":"` + fuzzOp + `","from":"topic","phase":"needs"}`,
	`{"type":"timer","op":"` + fuzzOp + `","action":"start","seconds":600}`,
	`{"type":"timer","op":"` + fuzzOp + `","action":"pause"}`,
	`{"type":"create","op":"` + fuzzOp + `","kind":"idea","data":{"id":"` + fuzzIdea + `","title":"<script>alert(1)</script>","principle":"integrity"}}`,
	`{"type":"create","kind":"idea","data":{"title":"\u0000nul","principle":"integrity"}}`,
	`{"type":"create","op":"` + fuzzOp + `","kind":"idea","data":{"title":"\u001b[31mrojo\u001b[0m","description":"fin\u0000oculto","principle":"integrity"}}`,
	`{"type":"update","op":"` + fuzzOp + `","kind":"user_story","id":"` + fuzzIdea + `","version":2,"data":{"as_who":"Como\u0085 vecino","want":"quiero\u2028ver","so_that":"para\tsaber"}}`,
	`{"type":"create","kind":"idea","data":[1,2,3]}`,
	`{"type":"update","kind":"feedback","id":"x","version":-1,"data":null}`,
	`{"type":42}`,
	`{"type":"create","data":"` + strings.Repeat("a", 300) + `"}`,
	`[]`, `null`, `{`, "\xff\xfe",
}

func FuzzDecodeMessage(f *testing.F) {
	for _, s := range seedMessages {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		req, err := decodeRequest(data)
		if err != nil {
			if req != nil || !errors.Is(err, errBadMessage) {
				t.Fatalf("decodeRequest: %v, %v", req, err)
			}
			return
		}
		if req.Type == "" {
			t.Fatal("a message without a type was accepted")
		}
		// A decoded message encodes and decodes to itself.
		b1, err := json.Marshal(req)
		if err != nil {
			t.Fatalf("encoding %+v: %v", req, err)
		}
		again, err := decodeRequest(b1)
		if err != nil {
			t.Fatalf("re-decoding %s: %v", b1, err)
		}
		if b2, _ := json.Marshal(again); !bytes.Equal(b1, b2) {
			t.Fatalf("round trip changed the message:\n%s\n%s", b1, b2)
		}
		if req.Type != liveproto.TypeCreate && req.Type != liveproto.TypeUpdate {
			return
		}
		// The contribution, as handle decodes it.
		id := req.ID
		if req.Type == liveproto.TypeCreate {
			id = req.Op
			if id == "" {
				id = createID(req.Data)
			}
		}
		rec, err := decodeContribution(req.Kind, req.Data, id)
		if err != nil {
			if !errors.Is(err, errBadData) && model.KindOf(err) != model.KindInvalid {
				t.Fatalf("decodeContribution: untyped error %v", err)
			}
			return
		}
		if err := rec.Validate(); err != nil {
			if model.KindOf(err) != model.KindInvalid {
				t.Fatalf("Validate: untyped error %v", err)
			}
			return
		}
		if rec.ContributionKind() != req.Kind {
			t.Fatalf("kind %q decoded as %q", req.Kind, rec.ContributionKind())
		}
		if id != "" && rec.RecordID() != id {
			t.Fatalf("record id %q, want %q", rec.RecordID(), id)
		}
		if !model.IsUUID(rec.RecordID()) {
			t.Fatalf("a valid record with id %q", rec.RecordID())
		}
		checkCleanText(t, reflect.ValueOf(rec).Elem())
		// Validation is idempotent, and a valid record survives a round trip.
		b, _ := json.Marshal(rec)
		if err := rec.Validate(); err != nil {
			t.Fatalf("validating twice: %v", err)
		}
		if b2, _ := json.Marshal(rec); !bytes.Equal(b, b2) {
			t.Fatalf("validating twice changed the record:\n%s\n%s", b, b2)
		}
		rec2, err := decodeContribution(req.Kind, b, rec.RecordID())
		if err != nil {
			t.Fatalf("re-decoding %s: %v", b, err)
		}
		if err := rec2.Validate(); err != nil {
			t.Fatalf("re-validating %s: %v", b, err)
		}
		if b2, _ := json.Marshal(rec2); !bytes.Equal(b, b2) {
			t.Fatalf("round trip changed the record:\n%s\n%s", b, b2)
		}
	})
}

// checkCleanText asserts every string field of a validated record is
// trimmed UTF-8 without control characters (but newlines and tabs), and of
// bounded length.
func checkCleanText(t *testing.T, v reflect.Value) {
	t.Helper()
	for i := 0; i < v.NumField(); i++ {
		fv := v.Field(i)
		if fv.Kind() != reflect.String {
			continue
		}
		s, name := fv.String(), v.Type().Field(i).Name
		switch {
		case !utf8.ValidString(s):
			t.Fatalf("%s is not UTF-8: %q", name, s)
		case strings.TrimSpace(s) != s:
			t.Fatalf("%s is not trimmed: %q", name, s)
		case utf8.RuneCountInString(s) > 4000:
			t.Fatalf("%s has %d characters", name, utf8.RuneCountInString(s))
		}
		for _, r := range s {
			if unicode.IsControl(r) && r != '\n' && r != '\r' && r != '\t' {
				t.Fatalf("%s holds control character %U", name, r)
			}
		}
	}
}

// knownCodes are the error codes of the protocol (docs/PROTOCOL.md).
var knownCodes = map[string]bool{liveproto.CodeBadMessage: true, liveproto.CodeTooLarge: true, liveproto.CodeNotJoined: true, liveproto.CodeAlreadyJoined: true,
	liveproto.CodeInvalid: true, liveproto.CodeForbidden: true, liveproto.CodeNotFound: true, liveproto.CodeStale: true, liveproto.CodeConflict: true}

// Every message, however hostile, gets exactly one answer from the real
// handler over a real database: an ack, a pong, or an error frame with a
// code of the protocol and a translated message — never "internal", which
// would mean an error nobody anticipated.
func FuzzHandleMessage(f *testing.F) {
	st := storetest.Open(f)
	ctx := context.Background()
	w := model.Workshop{City: "Puno", Date: "2025-08-01", Status: model.WorkshopOpen}
	if err := st.CreateWorkshop(ctx, &w); err != nil {
		f.Fatal(err)
	}
	tb := model.Table{WorkshopID: w.ID, Number: 1}
	if err := st.CreateTable(ctx, &tb); err != nil {
		f.Fatal(err)
	}
	if _, err := st.CreateContribution(ctx, tb.ID, &model.Idea{ID: fuzzIdea, Title: "¿Cómo podríamos?", Principle: model.PrincipleIntegrity}); err != nil {
		f.Fatal(err)
	}
	if _, err := st.CreateContribution(ctx, tb.ID, &model.Prototype{ID: fuzzProto, IdeaID: fuzzIdea, Description: "Maqueta"}); err != nil {
		f.Fatal(err)
	}
	s := NewServer(st, Options{Hub: HubOptions{Logger: log.New(io.Discard, "", 0)}})
	f.Cleanup(s.Close)
	admin := model.Principal{Role: model.RoleAdmin, AdminID: store.NewID()}
	for _, m := range seedMessages {
		f.Add([]byte(m))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		req, err := decodeRequest(data)
		if err != nil || req.Type == liveproto.TypeJoin {
			return // decoding is FuzzDecodeMessage's; joining needs a hub member
		}
		c := newClient(nil, Identity{Principal: admin, Lang: "es"}, 8)
		c.room, c.roomName, c.tableID, c.workshop = &room{}, liveproto.TableRoom(tb.ID), tb.ID, w.ID
		c.can = liveproto.Abilities{Write: true, Facilitate: true, Rate: true, ProxyRate: true}
		c.raterBase = RaterOf(admin, "")
		s.handle(c, req)
		c.drain() // every answer handed to the write side
		out := c.take()
		if len(out) != 1 {
			t.Fatalf("%d answers to %s", len(out), data)
		}
		var fr struct {
			Type, Op, Code, Message string
			Seq                     int64
		}
		if err := json.Unmarshal(out[0].raw, &fr); err != nil {
			t.Fatal(err)
		}
		switch fr.Type {
		case liveproto.FramePong:
			if req.Type != liveproto.TypePing {
				t.Fatalf("pong to %s", data)
			}
		case liveproto.FrameAck:
			if fr.Seq < 1 || !model.IsUUID(fr.Op) {
				t.Fatalf("ack %s to %s", out[0].raw, data)
			}
		case liveproto.FrameError:
			if !knownCodes[fr.Code] || fr.Message == "" || strings.HasPrefix(fr.Message, "live.") {
				t.Fatalf("error frame %s to %s", out[0].raw, data)
			}
		default:
			t.Fatalf("frame %s to %s", out[0].raw, data)
		}
	})
}
