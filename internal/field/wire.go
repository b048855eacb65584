package field

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"io"
	"strconv"
	"strings"

	"github.com/minka-gob/minka/internal/model"
	"github.com/minka-gob/minka/internal/store"
)

// PullRequest asks to check a workshop out; the laptop chooses the
// checkout's id, so that asking again after a lost answer is the same checkout.
type PullRequest struct {
	CheckoutID string `json:"checkout_id"`
}

// PullResponse is the process template and the workshop's records.
type PullResponse struct {
	WorkshopID string            `json:"workshop_id"`
	CheckoutID string            `json:"checkout_id"`
	Template   []store.FieldRows `json:"template"`
	Workshop   []store.FieldRows `json:"workshop"`
}

// Batch is one numbered part of a push: some rows of some tables, applied
// whole on the national instance.
type Batch struct {
	Seq    int64             `json:"seq"`
	Digest string            `json:"digest"`
	Tables []store.FieldRows `json:"tables"`
}

// StateResponse is the last batch of a push the national instance applied.
type StateResponse struct {
	LastSeq int64 `json:"last_seq"`
}

// Photo is a prototype photo, by file name.
type Photo struct {
	Name string `json:"name"`
	Data []byte `json:"data"` // base64 in JSON
}

// FinishRequest ends a push: what was sent, to be compared with what is stored.
type FinishRequest struct {
	Manifest store.FieldManifest `json:"manifest"`
	Photos   map[string]string   `json:"photos"` // file name → SHA-256
	Release  bool                `json:"release"`
}

// Result is the comparison of what a laptop sent with what the national
// instance stores, rows and photos.
type Result struct {
	store.FieldVerification
	Photos        int  `json:"photos"`
	PhotosStored  int  `json:"photos_stored"`
	Released      bool `json:"released"`
	Batches       int  `json:"batches"`
	ResentBatches int  `json:"resent_batches"`
}

// DefaultBatchRows is how many rows a push batch carries at most.
const DefaultBatchRows = 500

// MaxBatchBytes bounds a batch's rows as JSON: small batches resume with
// little to resend on a poor link and stay well under request size limits.
const MaxBatchBytes = 128 << 10

// Split cuts a workshop's rows into numbered batches of at most n rows and
// about MaxBatchBytes, in table order (a row's references travel before it).
func Split(tables []store.FieldRows, n int) []Batch {
	if n <= 0 {
		n = DefaultBatchRows
	}
	var out []Batch
	var cur []store.FieldRows
	rows, bytes := 0, 0
	flush := func() {
		if rows == 0 {
			return
		}
		b := Batch{Seq: int64(len(out) + 1), Tables: cur}
		b.Digest = Digest(b.Tables)
		out = append(out, b)
		cur, rows, bytes = nil, 0, 0
	}
	for _, t := range tables {
		start := 0
		for i, r := range t.Rows {
			size := rowSize(r)
			if rows > 0 && (rows >= n || bytes+size > MaxBatchBytes) {
				if i > start {
					cur = append(cur, store.FieldRows{Table: t.Table, Cols: t.Cols, Rows: t.Rows[start:i]})
				}
				start = i
				flush()
			}
			rows++
			bytes += size
		}
		if len(t.Rows) > start {
			cur = append(cur, store.FieldRows{Table: t.Table, Cols: t.Cols, Rows: t.Rows[start:]})
		}
	}
	flush()
	return out
}

// rowSize is a row's size as JSON.
func rowSize(r []any) int {
	b, _ := json.Marshal(r)
	return len(b) + 1
}

// Digest is the SHA-256 of rows in their canonical JSON form.
func Digest(tables []store.FieldRows) string {
	h := sha256.New()
	for _, t := range tables {
		for _, r := range t.Rows {
			h.Write([]byte(store.FieldRowHash(t.Table, t.Cols, r)))
		}
	}
	return hex.EncodeToString(h.Sum(nil))
}

// Decode reads JSON into v and turns the numbers of every row into int64
// or float64, as the database gives them, so hashes agree on both sides.
func Decode(r io.Reader, v any) error {
	dec := json.NewDecoder(r)
	dec.UseNumber()
	if err := dec.Decode(v); err != nil {
		return model.InvalidMsg("field.error.bad_request")
	}
	switch x := v.(type) {
	case *PullResponse:
		normalizeTables(x.Template)
		normalizeTables(x.Workshop)
	case *Batch:
		normalizeTables(x.Tables)
	case *FinishRequest:
		normalizeManifest(&x.Manifest)
	case *Bundle:
		normalizeTables(x.Tables)
		normalizeManifest(&x.Manifest)
	}
	return nil
}

// DecodeBytes is Decode of a byte slice.
func DecodeBytes(b []byte, v any) error { return Decode(bytes.NewReader(b), v) }

func normalizeTables(ts []store.FieldRows) {
	for _, t := range ts {
		for _, r := range t.Rows {
			normalizeValues(r)
		}
	}
}

func normalizeManifest(m *store.FieldManifest) {
	for _, t := range m.Tables {
		for _, k := range t.Keys {
			normalizeValues(k)
		}
	}
}

func normalizeValues(r []any) {
	for i, v := range r {
		n, ok := v.(json.Number)
		if !ok {
			continue
		}
		s := n.String()
		if !strings.ContainsAny(s, ".eE") {
			if x, err := strconv.ParseInt(s, 10, 64); err == nil {
				r[i] = x
				continue
			}
		}
		if f, err := n.Float64(); err == nil {
			r[i] = f
		}
	}
}
