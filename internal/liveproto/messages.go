package liveproto

import "encoding/json"

// Message types a client sends.
const (
	TypeJoin   = "join"   // enter a room (first message)
	TypePing   = "ping"   // application-level keepalive, answered by pong
	TypeCreate = "create" // add a contribution
	TypeUpdate = "update" // edit a contribution (names the version edited)
	TypeDelete = "delete" // delete a contribution (names the version seen)
	TypeChoose = "choose" // facilitator marks or unmarks a chosen idea
	TypeRate   = "rate"   // rate an idea's impact and feasibility (prioritize phase)
	TypePhase  = "phase"  // facilitator moves the table to another phase
	TypeTimer  = "timer"  // facilitator starts, pauses, resumes or resets the phase timer
)

// Request is every message a client sends. Type says which fields matter:
//
//	join    room, since (omit for a snapshot), lang
//	create  op (= data.id, may be omitted), kind, data
//	update  op, kind, id, version, data
//	delete  op, kind, id, version
//	choose  op, id, chosen
//	rate    op, idea_id, impact, feasibility, rater (rapporteur/admin only)
//	phase   op, from, phase
//	timer   op, action, seconds (start)
type Request struct {
	Type string `json:"type"`
	Op   string `json:"op,omitempty"`

	Room  string `json:"room,omitempty"`
	Since *int64 `json:"since,omitempty"`
	Lang  string `json:"lang,omitempty"`

	Kind    string          `json:"kind,omitempty"`
	ID      string          `json:"id,omitempty"`
	Version int             `json:"version,omitempty"`
	Data    json.RawMessage `json:"data,omitempty"`

	Chosen *bool `json:"chosen,omitempty"`

	IdeaID      string `json:"idea_id,omitempty"`
	Impact      int    `json:"impact,omitempty"`
	Feasibility int    `json:"feasibility,omitempty"`
	Rater       string `json:"rater,omitempty"`

	From  string `json:"from,omitempty"`
	Phase string `json:"phase,omitempty"`

	Action  string `json:"action,omitempty"`
	Seconds int    `json:"seconds,omitempty"`
}
