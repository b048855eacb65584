package liveproto

import (
	"strings"

	"github.com/minka-gob/minka/internal/model"
)

// Live rooms. A table's room carries every change of its record; a
// workshop's room carries the events of all its tables (the plenary screen),
// numbered on their own: one stored row is an event of both rooms.

// TableRoom is the room name of a table.
func TableRoom(tableID string) string { return "table:" + tableID }

// WorkshopRoom is the room name of a workshop.
func WorkshopRoom(workshopID string) string { return "workshop:" + workshopID }

// ParseRoom splits a room name into its kind ("table" or "workshop") and id.
func ParseRoom(room string) (kind, id string, ok bool) {
	kind, id, ok = strings.Cut(room, ":")
	if !ok || (kind != "table" && kind != "workshop") || !model.IsUUID(id) {
		return "", "", false
	}
	return kind, id, true
}
