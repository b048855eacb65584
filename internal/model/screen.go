package model

import (
	"sort"
	"time"
)

// Views of a workshop's room screen (the projector), switched live by the
// Secretariat from the control room.
const (
	ScreenJoin   = "join"   // Únanse: a big QR code and code per table
	ScreenTables = "tables" // Mesas en vivo: every table's phase and counts
	ScreenWall   = "wall"   // Muro de ideas: newest and chosen ideas
	ScreenMatrix = "matrix" // one table's impact × feasibility matrix
	ScreenTimer  = "timer"  // the room timer
	ScreenSurvey = "survey" // the closing survey's QR code
)

// ScreenViews lists the room screen's views in the control room's order.
var ScreenViews = []string{ScreenJoin, ScreenTables, ScreenWall, ScreenMatrix, ScreenTimer, ScreenSurvey}

// Screen is what a workshop's room screen shows. Code is its read-only
// screen code: whoever has it sees the screen, nothing else.
type Screen struct {
	WorkshopID string     `json:"workshop_id"`
	Code       string     `json:"-"`
	View       string     `json:"view"`
	TableID    string     `json:"table_id,omitempty"`
	Timer      TimerState `json:"timer"`
	Version    int        `json:"version"`
	UpdatedAt  time.Time  `json:"updated_at"`
}

// ValidateScreenView checks a view switch: the matrix names a table.
func ValidateScreenView(view, tableID string) error {
	var v Validator
	v.OneOf("view", view, ScreenViews)
	if view == ScreenMatrix {
		v.UUID("table_id", tableID, true)
	}
	return v.Err()
}

// NextTimer is the timer after action at now: start (for seconds), pause,
// resume or reset. Pausing a paused timer or resuming a running one is a
// conflict, so two screens cannot fight over a timer unseen. Tables' phase
// timers and the room screen's timer follow the same rules.
func NextTimer(cur TimerState, action string, seconds int, now time.Time) (TimerState, error) {
	if err := ValidateTimerAction(action, seconds); err != nil {
		return cur, err
	}
	next := cur
	switch action {
	case TimerStart:
		end := now.Add(time.Duration(seconds) * time.Second)
		next = TimerState{DurationS: seconds, Running: true, EndsAt: &end, RemainingMS: int64(seconds) * 1000}
	case TimerPause:
		if !cur.Running {
			return cur, Conflict("live.error.timer_state")
		}
		if cur.EndsAt != nil {
			next.RemainingMS = max(0, cur.EndsAt.Sub(now).Milliseconds())
		}
		next.Running, next.EndsAt = false, nil
	case TimerResume:
		if cur.Running || cur.DurationS == 0 {
			return cur, Conflict("live.error.timer_state")
		}
		end := now.Add(time.Duration(cur.RemainingMS) * time.Millisecond)
		next.Running, next.EndsAt = true, &end
	case TimerReset:
		next = TimerState{}
	}
	return next, nil
}

// WorkshopsForDay orders workshops for the day's control room: today's
// first, then the coming ones (soonest first), then the past ones (latest
// first). today is YYYY-MM-DD. The input is not changed.
func WorkshopsForDay(ws []Workshop, today string) []Workshop {
	out := append([]Workshop(nil), ws...)
	rank := func(w Workshop) int {
		switch {
		case w.Date == today:
			return 0
		case w.Date > today:
			return 1
		}
		return 2
	}
	sort.SliceStable(out, func(i, j int) bool {
		ri, rj := rank(out[i]), rank(out[j])
		if ri != rj {
			return ri < rj
		}
		if ri == 2 {
			return out[i].Date > out[j].Date
		}
		return out[i].Date < out[j].Date
	})
	return out
}
