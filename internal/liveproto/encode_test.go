package liveproto

import (
	"encoding/json"
	"testing"
	"time"
)

// The hand-written frames are the bytes json.Marshal writes, for payloads
// as the store writes them (json.Marshal output).
func TestHandWrittenFramesAreWhatJSONMarshalWrites(t *testing.T) {
	payload := func(v any) json.RawMessage {
		b, err := json.Marshal(v)
		if err != nil {
			t.Fatal(err)
		}
		return b
	}
	rec := payload(map[string]any{"table_id": "9b1d", "kind": "idea",
		"record": map[string]any{"title": "¿Cómo <b>podríamos</b> & \"más\"?\n\u2028", "version": 3, "chosen": false}})
	at := time.Date(2025, 6, 12, 15, 4, 6, 1000, time.UTC)
	frames := []any{
		EventFrame{Type: FrameEvent, Room: "table:9b1d4e2a-1c3f-4a5b-8c7d-0e1f2a3b4c5d", Seq: 42, Event: EventCreated, Op: "5f0c9a3e-2b4d-4c6e-8f10-123456789abc", At: at, Data: rec},
		EventFrame{Type: FrameEvent, Room: "workshop:x", Seq: 1, Event: EventTimer, At: at.In(time.FixedZone("PET", -5*3600)), Data: payload(map[string]int{"a": 1})},
		EventFrame{Type: FrameEvent, Room: "table:<odd>\"room\"\u00e9", Seq: 7, Event: EventRated, Op: "x&y", At: time.Time{}},
		Ack{Type: FrameAck, Op: "5f0c9a3e-2b4d-4c6e-8f10-123456789abc", Seq: 42, Data: rec},
		Ack{Type: FrameAck, Op: "5f0c9a3e-2b4d-4c6e-8f10-123456789abc", Seq: 9, Dup: true, Data: payload([]int{1, 2})},
		Ack{Type: FrameAck, Op: "", Seq: 0},
	}
	for i, f := range frames {
		want, err := json.Marshal(f)
		if err != nil {
			t.Fatal(err)
		}
		var got []byte
		switch f := f.(type) {
		case EventFrame:
			got, err = f.AppendJSON([]byte("prefix"))
		case Ack:
			got, err = f.AppendJSON([]byte("prefix"))
		}
		if err != nil || string(got) != "prefix"+string(want) {
			t.Errorf("frame %d:\n got %s (%v)\nwant prefix%s", i, got, err, want)
		}
	}
}

// Data that is not JSON is refused, not sent.
func TestHandWrittenFramesRefuseBrokenData(t *testing.T) {
	if _, err := (EventFrame{Type: FrameEvent, Data: json.RawMessage(`{"a":`)}).AppendJSON(nil); err == nil {
		t.Error("event frame with broken data encoded")
	}
	if _, err := (Ack{Type: FrameAck, Data: json.RawMessage(`nul`)}).AppendJSON(nil); err == nil {
		t.Error("ack with broken data encoded")
	}
}

// go test -run '^$' -bench Frame -benchmem ./internal/liveproto/
func BenchmarkEventFrame(b *testing.B) {
	data, _ := json.Marshal(map[string]any{"table_id": "9b1d4e2a-1c3f-4a5b-8c7d-0e1f2a3b4c5d", "kind": "idea",
		"record": map[string]any{"id": "5f0c9a3e-2b4d-4c6e-8f10-123456789abc", "title": "¿Cómo podríamos medir la idea 12345?",
			"description": "t=1795726038000000000", "principle": "participation", "version": 1, "chosen": false,
			"created_at": time.Now(), "updated_at": time.Now()}})
	f := EventFrame{Type: FrameEvent, Room: "table:9b1d4e2a-1c3f-4a5b-8c7d-0e1f2a3b4c5d", Seq: 4242, Event: EventCreated,
		Op: "5f0c9a3e-2b4d-4c6e-8f10-123456789abc", At: time.Now(), Data: data}
	b.Run("json.Marshal", func(b *testing.B) {
		for b.Loop() {
			if _, err := json.Marshal(f); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("AppendJSON", func(b *testing.B) {
		for b.Loop() {
			if _, err := f.AppendJSON(nil); err != nil {
				b.Fatal(err)
			}
		}
	})
}
