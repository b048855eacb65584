package store

import (
	"context"
	"encoding/json"
	"fmt"
	"testing"
	"time"

	"github.com/minka-gob/minka/internal/benchutil"
	"github.com/minka-gob/minka/internal/liveproto"
	"github.com/minka-gob/minka/internal/model"
)

// BenchmarkContributionFloor is what SQLite alone costs for the rows a live
// contribution must write: the idea (and the audit row its trigger adds)
// and its event, with the real schema, 512 contributions to a commit,
// synchronous=FULL, over one table or 50, statements prepared once, from one
// goroutine on the writer's connection. Nothing else of a live operation
// runs (no dedupe lookup, no JSON, no websocket, no Go scheduler between
// writes), so this bounds how many contributions a second one SQLite writer
// can make durable, whatever the rest costs. audit=false drops the ideas'
// audit triggers, to show their share. It reports CPU µs per contribution
// (the process's user+system time) beside the wall time per contribution.
func BenchmarkContributionFloor(b *testing.B) {
	for _, tables := range []int{1, 50} {
		for _, audit := range []bool{true, false} {
			b.Run(fmt.Sprintf("tables=%d/audit=%v", tables, audit), func(b *testing.B) { contributionFloor(b, tables, audit) })
		}
	}
}

func contributionFloor(b *testing.B, tables int, audit bool) {
	const perCommit = 512
	st := openSeeded(b)
	ctx := context.Background()
	w := model.Workshop{City: "Lima", Date: "2025-05-23"}
	if err := st.CreateWorkshop(ctx, &w); err != nil {
		b.Fatal(err)
	}
	tableIDs := make([]string, tables)
	for i := range tableIDs {
		t := model.Table{WorkshopID: w.ID, Number: i + 1}
		if err := st.CreateTable(ctx, &t); err != nil {
			b.Fatal(err)
		}
		tableIDs[i] = t.ID
	}
	conn, err := st.write.Conn(ctx) // the writer's only connection: the writer waits meanwhile
	if err != nil {
		b.Fatal(err)
	}
	defer conn.Close()
	if !audit {
		for _, action := range []string{"insert", "update", "delete"} {
			if _, err := conn.ExecContext(ctx, `DROP TRIGGER `+auditTriggerPrefix+`ideas_`+action); err != nil {
				b.Fatal(err)
			}
		}
	}
	kind := contributionKinds[model.KindIdea]
	insIdea, err := conn.PrepareContext(ctx, kind.insert)
	if err != nil {
		b.Fatal(err)
	}
	defer insIdea.Close()
	insEvent, err := conn.PrepareContext(ctx, insertEventSQL)
	if err != nil {
		b.Fatal(err)
	}
	defer insEvent.Close()
	now := time.Now()
	at := formatTime(now)
	sample := &model.Idea{ID: NewID(), TableID: tableIDs[0], Title: "¿Cómo podríamos medir la idea?", Description: "t=1764190000000000000", Principle: model.PrincipleParticipation}
	payload, err := json.Marshal(liveproto.ContributionChange{TableID: sample.TableID, Kind: model.KindIdea, Record: kind.created(sample, now)})
	if err != nil {
		b.Fatal(err)
	}
	seqs := map[string]int64{}
	var wseq int64
	b.ResetTimer()
	cpu := benchutil.CPUTime()
	for done := 0; done < b.N; {
		if _, err := conn.ExecContext(ctx, `BEGIN IMMEDIATE`); err != nil {
			b.Fatal(err)
		}
		if _, err := conn.ExecContext(ctx, `INSERT OR REPLACE INTO audit_context(id, role, actor_id) VALUES (1, 'rapporteur', 'r')`); err != nil {
			b.Fatal(err)
		}
		for n := 0; n < perCommit && done < b.N; n, done = n+1, done+1 {
			table := tableIDs[done%tables]
			idea := *sample
			idea.ID, idea.TableID = NewID(), table
			if _, err := insIdea.ExecContext(ctx, kind.insertArgs(&idea, at)...); err != nil {
				b.Fatal(err)
			}
			room := liveproto.TableRoom(table)
			seqs[room]++
			wseq++
			if _, err := insEvent.ExecContext(ctx, room, seqs[room], w.ID, wseq, liveproto.EventCreated, idea.ID, "rapporteur", "r", string(payload), at); err != nil {
				b.Fatal(err)
			}
		}
		if _, err := conn.ExecContext(ctx, `DELETE FROM audit_context`); err != nil {
			b.Fatal(err)
		}
		if _, err := conn.ExecContext(ctx, `COMMIT`); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64((benchutil.CPUTime()-cpu).Microseconds())/float64(b.N), "cpu-µs/op")
}
