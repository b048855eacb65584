package loadtest

import (
	"fmt"
	"time"
)

// Scenarios are the workloads of BENCHMARKS.md (issue 16), by name.
var Scenarios = []Workload{
	{Name: "fanout-2000", Clients: 2000, Rooms: 40, Rate: 400, Duration: 30 * time.Second},
	{Name: "fanout-10000", Clients: 10000, Rooms: 200, Rate: 1000, Duration: 30 * time.Second},
	{Name: "ceiling-1room", Clients: 50, Rooms: 1, Writers: 50, Window: 16, Duration: 10 * time.Second},
	{Name: "ceiling-50rooms", Clients: 50, Rooms: 50, Window: 16, Duration: 10 * time.Second},
	{Name: "connect-10000", Clients: 10000, Rooms: 200, Idle: true, Reconnect: true},
}

// Scenario returns the named workload.
func Scenario(name string) (Workload, error) {
	for _, w := range Scenarios {
		if w.Name == name {
			return w, nil
		}
	}
	return Workload{}, fmt.Errorf("unknown scenario %q", name)
}

// RoomCheck is the pre-workshop check: tables of phones, one rapporteur
// per table writing at perTable contributions a second for d, every phone
// reading; then every phone reconnects at once (a Wi-Fi blip).
func RoomCheck(tables, phones int, perTable float64, d time.Duration) Workload {
	return Workload{Name: "check-room", Clients: tables * phones, Rooms: tables, Rate: perTable * float64(tables),
		Duration: d, Reconnect: true}
}

// Verdict is what the room check concludes; Problems are i18n keys with
// their arguments, empty when the room holds.
type Verdict struct {
	Holds    bool
	Problems []Problem
}

// Problem is one reason the room does not hold (an i18n key and its arguments).
type Problem struct {
	Key  string
	Args []any
}

// Limits a workshop room must stay within to hold.
const (
	CheckDeliveryP99 = 500 * time.Millisecond // a contribution shows on every phone within half a second
	CheckAckP99      = time.Second            // the rapporteur sees "saved" within a second
	CheckReconnect   = 10 * time.Second       // every phone back after a Wi-Fi blip
)

// Judge turns a room check's result into a verdict.
func Judge(r Result) Verdict {
	var v Verdict
	add := func(key string, args ...any) { v.Problems = append(v.Problems, Problem{key, args}) }
	if r.Err != "" {
		add("load.check.failed", r.Err)
		return v
	}
	if r.Lost > 0 || r.Dup > 0 || r.OutOfOrd > 0 {
		add("load.check.lost", r.Lost, r.Dup, r.OutOfOrd)
	}
	if r.Unacked > 0 || r.Errors > 0 {
		add("load.check.unacked", r.Unacked+r.Errors)
	}
	if r.Dropped > 0 {
		add("load.check.dropped", r.Dropped)
	}
	if r.DelivP99 > ms(CheckDeliveryP99) {
		add("load.check.slow_delivery", r.DelivP99, ms(CheckDeliveryP99))
	}
	if r.AckP99 > ms(CheckAckP99) {
		add("load.check.slow_ack", r.AckP99, ms(CheckAckP99))
	}
	if r.ReconnectFail > 0 || r.ReconnectWallS > CheckReconnect.Seconds() {
		add("load.check.reconnect", r.ReconnectFail, r.ReconnectWallS)
	}
	v.Holds = len(v.Problems) == 0
	return v
}

func ms(d time.Duration) float64 { return float64(d) / float64(time.Millisecond) }
