package store

import (
	"sync"

	"github.com/minka-gob/minka/internal/model"
)

// tableRecords keeps, for each table, the part of its record every reader
// shares (TableRecord without the timer and anyone's own ratings), as read
// at one seq of the table's room. A room of fifty phones joining at once
// then reads it once, not fifty times.
//
// A kept record is right while nothing has changed the table since: every
// live operation on a table appends an event to its room, so a changed table
// has a newer seq; any other write (an admin's edit, a field import) might
// change it without an event, so those are counted by the writer in
// outsideLive, which is odd while such a write runs and grows by two with
// each. A record is kept only if outsideLive was even and the same before
// its snapshot began and after it was read (no such write ran in between),
// and used only by a reader that saw that same even value before its own
// snapshot: the seqlock pattern.
type tableRecords struct {
	mu      sync.Mutex
	byTable map[string]keptRecord
}

type keptRecord struct {
	rec model.TableRecord
	gen uint64 // outsideLive when it was read
}

// maxKeptRecords bounds the memory kept: past it, records are dropped and
// read again as needed.
const maxKeptRecords = 4096

// get returns the record kept for table at seq, read with outsideLive at
// gen; ok is false if there is none (or gen is odd: a write outside the live
// path is running).
func (t *tableRecords) get(table string, seq int64, gen uint64) (model.TableRecord, bool) {
	if gen%2 == 1 {
		return model.TableRecord{}, false
	}
	t.mu.Lock()
	defer t.mu.Unlock()
	k, ok := t.byTable[table]
	if !ok || k.gen != gen || k.rec.Seq != seq {
		return model.TableRecord{}, false
	}
	return k.rec, true
}

// put keeps rec, read by a snapshot that began after outsideLive was
// before and ended before it was after.
func (t *tableRecords) put(table string, rec model.TableRecord, before, after uint64) {
	if before%2 == 1 || before != after {
		return
	}
	t.mu.Lock()
	defer t.mu.Unlock()
	if t.byTable == nil || len(t.byTable) >= maxKeptRecords {
		t.byTable = map[string]keptRecord{}
	}
	t.byTable[table] = keptRecord{rec: rec, gen: before}
}
