package store

import (
	"testing"

	"github.com/minka-gob/minka/internal/model"
)

// The seqlock rules: a record read while a write outside the live path ran,
// or across one, is not kept; none is used while one runs.
func TestTableRecordsKeepOnlyWhatNoOtherWriteCrossed(t *testing.T) {
	rec := model.TableRecord{Seq: 7}
	for _, c := range []struct {
		name                string
		before, after, used uint64
		want                bool
	}{
		{"no write in between", 4, 4, 4, true},
		{"read while one ran", 5, 5, 5, false},
		{"one started after the read began", 4, 5, 5, false},
		{"one ran across the read", 4, 6, 6, false},
		{"one ran since it was kept", 4, 4, 6, false},
		{"one runs now", 4, 4, 5, false},
	} {
		var kept tableRecords
		kept.put("t", rec, c.before, c.after)
		if _, ok := kept.get("t", 7, c.used); ok != c.want {
			t.Errorf("%s: used %v, want %v", c.name, ok, c.want)
		}
	}
	var kept tableRecords
	kept.put("t", rec, 2, 2)
	if _, ok := kept.get("t", 8, 2); ok {
		t.Error("a record kept at seq 7 was used at seq 8")
	}
}
