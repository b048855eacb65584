// Package liveproto is the vocabulary of Minka's live protocol
// (docs/PROTOCOL.md), in one place: the room names (rooms.go), the events a
// room carries and their payloads (events.go), the messages a client sends
// (messages.go) and the frames the server sends (frames.go).
//
// The store writes events in these terms (internal/store/live_event.go) and
// the websocket server speaks them (internal/live); both import this package,
// which imports only internal/model.
package liveproto

// ProtocolVersion is sent in the welcome frame; it changes only when an
// existing client would misread the new protocol.
const ProtocolVersion = 1

// Limits of a connection. Messages above MaxMessageBytes get a too_large
// error frame and the connection stays usable; a message above
// HardLimitBytes closes the connection (it is not even read into memory).
const (
	MaxMessageBytes = 64 << 10
	HardLimitBytes  = 1 << 20
)
