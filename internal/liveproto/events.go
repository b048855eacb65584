package liveproto

import (
	"encoding/json"
	"time"

	"github.com/minka-gob/minka/internal/model"
)

// Event types of the live rooms.
const (
	EventCreated = "created" // a contribution was added
	EventUpdated = "updated" // a contribution changed (text, chosen mark, photo)
	EventDeleted = "deleted" // a contribution was deleted
	EventRated   = "rated"   // an idea's ratings changed
	EventPhase   = "phase"   // the table moved to another phase
	EventTimer   = "timer"   // the phase timer was started, paused, resumed or reset
)

// Event is one change of a live room, as stored in live_events.
type Event struct {
	Room      string          `json:"room"`
	Seq       int64           `json:"seq"`
	Type      string          `json:"type"`
	Op        string          `json:"op,omitempty"`
	Payload   json.RawMessage `json:"data"`
	CreatedAt time.Time       `json:"at"`
}

// ContributionChange is the payload of created, updated and deleted events.
type ContributionChange struct {
	TableID string `json:"table_id"`
	Kind    string `json:"kind"`
	Record  any    `json:"record"`
}

// RatingChange is the payload of rated events: the idea's new summary (who
// rated what stays private).
type RatingChange struct {
	TableID string              `json:"table_id"`
	IdeaID  string              `json:"idea_id"`
	Ratings model.RatingSummary `json:"ratings"`
}

// PhaseChange is the payload of phase events.
type PhaseChange struct {
	TableID        string    `json:"table_id"`
	From           string    `json:"from"`
	Phase          string    `json:"phase"`
	PhaseStartedAt time.Time `json:"phase_started_at"`
}

// TimerChange is the payload of timer events.
type TimerChange struct {
	TableID string           `json:"table_id"`
	Action  string           `json:"action"`
	Timer   model.TimerState `json:"timer"`
}
