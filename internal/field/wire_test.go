package field

import (
	"reflect"
	"strings"
	"testing"

	"github.com/minka-gob/minka/internal/store"
)

// Split keeps every row once, in order, and bounds batches by rows and bytes.
func TestSplitKeepsEveryRowInOrderWithinBounds(t *testing.T) {
	big := strings.Repeat("x", 50<<10)
	tables := []store.FieldRows{
		{Table: "ideas", Cols: []string{"id", "title"}, Rows: [][]any{{"1", "a"}, {"2", big}, {"3", big}, {"4", big}, {"5", "b"}}},
		{Table: "feedback", Cols: []string{"id"}, Rows: [][]any{}},
		{Table: "live_events", Cols: []string{"room", "seq"}, Rows: [][]any{{"r", int64(1)}, {"r", int64(2)}, {"r", int64(3)}}},
	}
	batches := Split(tables, 100)
	var got []store.FieldRows
	for i, b := range batches {
		if b.Seq != int64(i+1) || b.Digest != Digest(b.Tables) {
			t.Fatalf("batch %d: seq %d, digest %q", i, b.Seq, b.Digest)
		}
		rows, size := 0, 0
		for _, tb := range b.Tables {
			rows += len(tb.Rows)
			for _, r := range tb.Rows {
				size += rowSize(r)
			}
			if n := len(got); n > 0 && got[n-1].Table == tb.Table {
				got[n-1].Rows = append(got[n-1].Rows, tb.Rows...)
			} else {
				got = append(got, store.FieldRows{Table: tb.Table, Cols: tb.Cols, Rows: append([][]any(nil), tb.Rows...)})
			}
		}
		if rows == 0 || rows > 100 || (size > MaxBatchBytes && rows > 1) {
			t.Fatalf("batch %d: %d rows, %d bytes", i, rows, size)
		}
	}
	want := []store.FieldRows{tables[0], tables[2]}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("rows after split:\n%v\nwant\n%v", got, want)
	}
	if len(batches) < 2 {
		t.Fatalf("%d batches: the byte bound did not cut", len(batches))
	}
}

// Numbers come back as the database gives them, so hashes agree.
func TestDecodeGivesIntegersAndFloats(t *testing.T) {
	var b Batch
	if err := DecodeBytes([]byte(`{"seq":1,"tables":[{"table":"t","cols":["a","b","c","d"],"rows":[[1,2.5,null,"x"]]}]}`), &b); err != nil {
		t.Fatal(err)
	}
	if got := b.Tables[0].Rows[0]; !reflect.DeepEqual(got, []any{int64(1), 2.5, nil, "x"}) {
		t.Fatalf("%#v", got)
	}
}
