package web

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/http"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/google/uuid"
	"github.com/gorilla/websocket"
)

// BenchmarkLiveRoundTrip measures a contribution's round trip — a client
// sends a create, the server commits it (group commit, synchronous=FULL),
// broadcasts it to the room and acknowledges it — with N clients writing
// at once over loopback, split over the workshop's two tables. Every
// client also receives every event of its table. ns/op is wall time per
// contribution over all clients; p50/p99 are per-client send → ack latency;
// deliveries/s counts the event frames the server wrote to the clients.
//
//	go test -run '^$' -bench LiveRoundTrip -benchtime 2000x ./internal/web/
func BenchmarkLiveRoundTrip(b *testing.B) {
	for _, n := range []int{1, 8, 32, 128} {
		b.Run(fmt.Sprintf("clients=%d", n), func(b *testing.B) { benchRoundTrip(b, n) })
	}
}

type benchClient struct {
	conn *websocket.Conn
	acks chan struct{}
}

func dialBench(b *testing.B, e *liveEnv, room string) *benchClient {
	h := http.Header{}
	h.Set("Cookie", sessionCookie+"="+e.adminTok)
	conn, _, err := websocket.DefaultDialer.Dial("ws"+strings.TrimPrefix(e.base, "http")+"/ws", h)
	if err != nil {
		b.Fatal(err)
	}
	c := &benchClient{conn: conn, acks: make(chan struct{}, 16)}
	synced := make(chan struct{})
	go func() {
		ackType := []byte(`"type":"ack"`)
		syncedType := []byte(`"type":"synced"`)
		for {
			_, msg, err := conn.ReadMessage()
			if err != nil {
				return
			}
			switch {
			case bytes.Contains(msg, ackType):
				c.acks <- struct{}{}
			case bytes.Contains(msg, syncedType):
				close(synced)
			case bytes.Contains(msg, []byte(`"type":"error"`)):
				panic(string(msg))
			}
		}
	}()
	if err := conn.WriteJSON(map[string]any{"type": "join", "room": room}); err != nil {
		b.Fatal(err)
	}
	<-synced
	b.Cleanup(func() { conn.Close() })
	return c
}

func benchRoundTrip(b *testing.B, n int) {
	e := newLiveEnv(b)
	clients := make([]*benchClient, n)
	for i := range clients {
		clients[i] = dialBench(b, e, e.room(i%2))
	}
	// Pre-encode the messages so the clients measure the server, not JSON.
	msgs := make([][]byte, b.N)
	for i := range msgs {
		id := uuid.NewString()
		msgs[i], _ = json.Marshal(ideaMsg(id, "¿Cómo podríamos publicar el presupuesto "+id[:8]+"?", "transparency"))
	}
	lat := make([][]time.Duration, n)
	var wg sync.WaitGroup
	b.ResetTimer()
	start := time.Now()
	for ci, c := range clients {
		wg.Add(1)
		go func(ci int, c *benchClient) {
			defer wg.Done()
			for i := ci; i < b.N; i += n {
				t0 := time.Now()
				if err := c.conn.WriteMessage(websocket.TextMessage, msgs[i]); err != nil {
					b.Error(err)
					return
				}
				<-c.acks
				lat[ci] = append(lat[ci], time.Since(t0))
			}
		}(ci, c)
	}
	wg.Wait()
	elapsed := time.Since(start)
	b.StopTimer()
	var all []time.Duration
	for _, l := range lat {
		all = append(all, l...)
	}
	sort.Slice(all, func(i, j int) bool { return all[i] < all[j] })
	if len(all) > 0 {
		b.ReportMetric(float64(all[len(all)/2].Microseconds()), "p50-µs")
		b.ReportMetric(float64(all[len(all)*99/100].Microseconds()), "p99-µs")
		b.ReportMetric(float64(len(all))/elapsed.Seconds(), "acks/s")
		// Each contribution reaches every client of its table (half of them).
		perRoom := float64((n + 1) / 2)
		b.ReportMetric(perRoom*float64(len(all))/elapsed.Seconds(), "deliveries/s")
	}
}
