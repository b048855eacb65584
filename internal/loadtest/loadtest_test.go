package loadtest

import (
	"context"
	"os"
	"testing"
	"time"

	"github.com/minka-gob/minka/internal/binarytest"
)

func TestMain(m *testing.M) { os.Exit(binarytest.Main(m)) }

// A small room check against the real server: every contribution is
// acknowledged and reaches every phone once, in order, also after everyone
// reconnects with since; the figures are filled in. 32 phones join at once
// from one address, more than the server's guard on table codes lets in
// flight (15), as in make check-room.
func TestRoomCheckAgainstMinka(t *testing.T) {
	m := &Minka{Binary: binarytest.Binary(t), Dir: t.TempDir()}
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	w := RoomCheck(4, 8, 10, 2*time.Second)
	res := Run(ctx, m, w)
	if err := m.Close(); err != nil {
		t.Fatal(err)
	}
	if res.Err != "" {
		t.Fatal(res.Err)
	}
	if res.Sent == 0 || res.Acks != res.Sent || res.Unacked != 0 || res.Errors != 0 {
		t.Errorf("sent %d, acks %d, unacked %d, errors %d", res.Sent, res.Acks, res.Unacked, res.Errors)
	}
	// The 7 readers of each table get every contribution of their table.
	if res.Delivered != 7*res.Acks {
		t.Errorf("delivered %d events, want %d (7 readers × %d)", res.Delivered, 7*res.Acks, res.Acks)
	}
	if res.Lost != 0 || res.Dup != 0 || res.OutOfOrd != 0 || res.Dropped != 0 {
		t.Errorf("lost %d, duplicate %d, out of order %d, disconnected %d", res.Lost, res.Dup, res.OutOfOrd, res.Dropped)
	}
	if res.ReconnectFail != 0 || res.ReconnectWallS <= 0 {
		t.Errorf("reconnect: %d failed in %.2f s", res.ReconnectFail, res.ReconnectWallS)
	}
	if res.AckP99 <= 0 || res.DelivP99 <= 0 || res.ServerRSSMB <= 0 {
		t.Errorf("figures missing: ack p99 %.2f, delivery p99 %.2f, rss %.1f MB", res.AckP99, res.DelivP99, res.ServerRSSMB)
	}
}

// The seq bookkeeping of a reader: a repeat and a gap are both counted.
func TestReaderCountsDuplicatesAndGaps(t *testing.T) {
	var c clientStats
	now := time.Now()
	for _, seq := range []int64{1, 2, 2, 3, 6, 7, 5} {
		c.received(seq, now, now)
	}
	if c.got != 5 || c.dup != 2 || c.skipped != 2 || c.last != 7 {
		t.Fatalf("got %d dup %d skipped %d last %d; want 5, 2, 2, 7", c.got, c.dup, c.skipped, c.last)
	}
}

func TestJudge(t *testing.T) {
	ok := Result{AckP99: 20, DelivP99: 40, ReconnectWallS: 1}
	if v := Judge(ok); !v.Holds {
		t.Fatalf("a good run does not hold: %+v", v.Problems)
	}
	for name, bad := range map[string]Result{
		"lost":      {Lost: 1},
		"duplicate": {Dup: 1},
		"unacked":   {Unacked: 3},
		"slow":      {DelivP99: 900},
		"slow ack":  {AckP99: 1500},
		"reconnect": {ReconnectWallS: 12},
		"dropped":   {Dropped: 2},
		"error":     {Err: "boom"},
	} {
		if v := Judge(bad); v.Holds || len(v.Problems) == 0 {
			t.Errorf("%s: judged as holding", name)
		}
	}
}
