package liveproto

import (
	"encoding/json"
	"time"

	"github.com/minka-gob/minka/internal/model"
)

// Frame types the server sends.
const (
	FrameWelcome  = "welcome"  // answer to join: who you are in this room
	FrameSnapshot = "snapshot" // the room's whole state at a seq (join without since)
	FrameEvent    = "event"    // one change of the room, with its seq
	FrameSynced   = "synced"   // every event up to seq has been sent; live events follow
	FrameAck      = "ack"      // an operation is durable (or was already: dup)
	FrameError    = "error"    // a message was refused; op names which, when known
	FramePresence = "presence" // who is connected, by role
	FramePong     = "pong"     // answer to ping
)

// Error codes of error frames. Codes marked final mean the operation will
// never succeed as sent: a client drops it from its outbox and shows the
// message; internal means "try again later".
const (
	CodeBadMessage    = "bad_message"    // not JSON, unknown type, missing field (final)
	CodeTooLarge      = "too_large"      // message above MaxMessageBytes (final)
	CodeNotJoined     = "not_joined"     // a room message before join (final)
	CodeAlreadyJoined = "already_joined" // a second join on one connection (final)
	CodeInvalid       = "invalid"        // a field failed validation; see fields (final)
	CodeForbidden     = "forbidden"      // your role may not do this here (final)
	CodeNotFound      = "not_found"      // the room or record does not exist (final)
	CodeStale         = "stale"          // edit/delete of an old version; current holds the record now (final)
	CodeConflict      = "conflict"       // clashes with the current state (phase moved, timer state …) (final)
	CodeInternal      = "internal"       // server trouble; resend later
)

// Abilities says what the connection's principal may do in its room.
type Abilities struct {
	Write      bool `json:"write"`      // create, update, delete contributions
	Facilitate bool `json:"facilitate"` // phase, timer, choose
	Rate       bool `json:"rate"`       // rate ideas in the prioritize phase
	ProxyRate  bool `json:"proxy_rate"` // rate on behalf of a named table member
}

// Welcome answers join.
type Welcome struct {
	Type       string    `json:"type"`
	Protocol   int       `json:"protocol"`
	Room       string    `json:"room"`
	Role       string    `json:"role"`
	Can        Abilities `json:"can"`
	ServerTime time.Time `json:"server_time"`
}

// Snapshot is a room's whole state at Seq: a model.TableRecord for a table
// room, a model.Plenary for a workshop room. Reset is set when the client
// asked to resume from a seq the room never reached (its database was
// replaced): it must drop what it holds and start from this snapshot.
type Snapshot struct {
	Type  string `json:"type"`
	Room  string `json:"room"`
	Seq   int64  `json:"seq"`
	Reset bool   `json:"reset,omitempty"`
	State any    `json:"state"`
}

// EventFrame is one change of a room. Event is an Event* type
// (created, updated, deleted, rated, phase, timer); Data its payload.
type EventFrame struct {
	Type  string          `json:"type"`
	Room  string          `json:"room"`
	Seq   int64           `json:"seq"`
	Event string          `json:"event"`
	Op    string          `json:"op,omitempty"`
	At    time.Time       `json:"at"`
	Data  json.RawMessage `json:"data"`
}

// Synced says that every event up to Seq has been sent.
type Synced struct {
	Type string `json:"type"`
	Room string `json:"room"`
	Seq  int64  `json:"seq"`
}

// Ack confirms that operation Op is durable. Seq is the seq of its event in
// the table room; Dup is set when the operation had been applied before (the
// same op sent again), in which case nothing changed now. Data is the
// event's payload (for create/update/delete: the record as stored).
type Ack struct {
	Type string          `json:"type"`
	Op   string          `json:"op"`
	Seq  int64           `json:"seq"`
	Dup  bool            `json:"dup,omitempty"`
	Data json.RawMessage `json:"data,omitempty"`
}

// ErrorFrame refuses a message. Message is translated into the connection's
// language; Fields holds a translated message per invalid field; for a stale
// edit Current holds the record as it is now (Kind names its kind).
type ErrorFrame struct {
	Type    string            `json:"type"`
	Op      string            `json:"op,omitempty"`
	Code    string            `json:"code"`
	Message string            `json:"message"`
	Fields  map[string]string `json:"fields,omitempty"`
	Kind    string            `json:"kind,omitempty"`
	Current any               `json:"current,omitempty"`
}

// Presence counts the people connected to a room by role (a person with two
// open screens counts once) and the connections.
type Presence struct {
	Type        string         `json:"type"`
	Room        string         `json:"room"`
	Roles       map[string]int `json:"roles"`
	Connections int            `json:"connections"`
}

// Pong answers ping.
type Pong struct {
	Type       string    `json:"type"`
	ServerTime time.Time `json:"server_time"`
}

// PresenceRoles are always present in a presence frame, even at zero.
var PresenceRoles = []string{model.RoleAdmin, model.RoleFacilitator, model.RoleRapporteur, model.RoleParticipant}
