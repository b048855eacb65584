package liveproto

import "testing"

func TestParseRoomReadsBackTheNamesItGives(t *testing.T) {
	const id = "9b1deb4d-3b7d-4bad-9bdd-2b0d7b3dcb6d"
	for _, tc := range []struct{ room, kind string }{{TableRoom(id), "table"}, {WorkshopRoom(id), "workshop"}} {
		kind, got, ok := ParseRoom(tc.room)
		if !ok || kind != tc.kind || got != id {
			t.Errorf("ParseRoom(%q) = %q, %q, %v; want %q, %q, true", tc.room, kind, got, ok, tc.kind, id)
		}
	}
	for _, bad := range []string{"", id, "table:", "table:not-a-uuid", "plenary:" + id, "table" + id, "Table:" + id} {
		if kind, got, ok := ParseRoom(bad); ok {
			t.Errorf("ParseRoom(%q) = %q, %q, true; want refused", bad, kind, got)
		}
	}
}
