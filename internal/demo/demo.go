// Package demo loads the VI Open State Action Plan's co-creation workshops
// with generated sample participants, so that a newcomer can look around and
// see the plan's own tables (Table 2, Figure 1) come out of the data.
//
// # Extending the demo
//
// Other capabilities add their own sample records WITHOUT editing this file:
// in a new file of this package, register a loader from init():
//
//	func init() {
//		register(100, "ideas", func(ctx context.Context, st *store.Store, ws []model.Workshop) error {
//			// ws are the demo's workshops, by date; st.Tables(ctx, w.ID) gives their tables,
//			// st.Participants(ctx, w.ID, "") their (checked-in, seated) participants.
//			return nil
//		})
//	}
//
// Load runs the foundation's own steps first (workshops, user profiles,
// tables, participants), then every registered loader in ascending order
// (ties by name). Suggested orders: 100 ideas and table records, 200 internal
// review, 300 Forum scores, 400 decisions. A loader's error stops the demo.
package demo

import (
	"context"
	"errors"
	"fmt"
	"sort"
	"sync"

	"github.com/minka-gob/minka/internal/model"
	"github.com/minka-gob/minka/internal/store"
)

// LoaderFunc adds demo records for the demo's workshops.
type LoaderFunc func(ctx context.Context, st *store.Store, ws []model.Workshop) error

type loader struct {
	order int
	name  string
	fn    LoaderFunc
}

var (
	mu      sync.Mutex
	loaders []loader
)

// register adds a loader run after the foundation's steps, in ascending
// order. Call it from init() in your own file of this package.
func register(order int, name string, fn LoaderFunc) {
	mu.Lock()
	defer mu.Unlock()
	loaders = append(loaders, loader{order: order, name: name, fn: fn})
}

func registered() []loader {
	mu.Lock()
	defer mu.Unlock()
	out := append([]loader(nil), loaders...)
	sort.SliceStable(out, func(i, j int) bool {
		if out[i].order != out[j].order {
			return out[i].order < out[j].order
		}
		return out[i].name < out[j].name
	})
	return out
}

// ErrNotEmpty is returned when the database already has workshops: the demo
// never mixes sample records with real ones, nor loads itself twice.
var ErrNotEmpty = errors.New("the database already has workshops; the demo loads only into a database without workshops (use a new -db file)")

// Summary says what Load created.
type Summary struct {
	Workshops    []model.Workshop
	Tables       int
	Participants int
	Extensions   []string // names of the registered loaders that ran
}

// Load fills an empty database (no workshops yet) with the demo.
func Load(ctx context.Context, st *store.Store) (Summary, error) {
	var sum Summary
	existing, err := st.Workshops(ctx)
	if err != nil {
		return sum, err
	}
	if len(existing) > 0 {
		return sum, ErrNotEmpty
	}
	ws, err := createWorkshops(ctx, st)
	if err != nil {
		return sum, fmt.Errorf("demo: workshops: %w", err)
	}
	sum.Workshops = ws
	profiles, err := createProfiles(ctx, st)
	if err != nil {
		return sum, fmt.Errorf("demo: user profiles: %w", err)
	}
	tables, err := createTables(ctx, st, ws, profiles)
	if err != nil {
		return sum, fmt.Errorf("demo: tables: %w", err)
	}
	for _, ts := range tables {
		sum.Tables += len(ts)
	}
	n, err := createParticipants(ctx, st, ws, tables)
	if err != nil {
		return sum, fmt.Errorf("demo: participants: %w", err)
	}
	sum.Participants = n
	for _, l := range registered() {
		if err := l.fn(ctx, st, ws); err != nil {
			return sum, fmt.Errorf("demo: %s: %w", l.name, err)
		}
		sum.Extensions = append(sum.Extensions, l.name)
	}
	return sum, nil
}
