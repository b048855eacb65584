// Package demo loads the VI Open State Action Plan's co-creation workshops
// with generated sample participants, so that a newcomer can look around and
// see the plan's own tables (Table 2, Figure 1) come out of the data.
//
// # Extending the demo
//
// Load runs the foundation's own steps first (workshops, user profiles,
// tables, participants), then each step of steps in order. A capability that
// adds sample records writes its loader (a StepFunc) in its own file of this
// package and adds one line to steps. A step's error stops the demo.
package demo

import (
	"context"
	"errors"
	"fmt"

	"github.com/minka-gob/minka/internal/model"
	"github.com/minka-gob/minka/internal/store"
)

// StepFunc adds demo records for the demo's workshops (by date);
// st.Tables(ctx, w.ID) gives their tables, st.Participants(ctx, w.ID, "")
// their checked-in, seated participants.
type StepFunc func(ctx context.Context, st *store.Store, ws []model.Workshop) error

// step is one named loader run after the foundation.
type step struct {
	name string
	fn   StepFunc
}

// steps are the demo's loaders after the foundation, in the order they run:
// the satisfaction survey, then the Forum (ideas, sheets, scores, decisions).
var steps = []step{
	{"survey", loadSurvey},
	{"forum", loadForum},
}

// ErrNotEmpty is returned when the database already has workshops: the demo
// never mixes sample records with real ones, nor loads itself twice.
var ErrNotEmpty = errors.New("the database already has workshops; the demo loads only into a database without workshops (use a new -db file)")

// Summary says what Load created.
type Summary struct {
	Workshops    []model.Workshop
	Tables       int
	Participants int
	Extensions   []string // names of the steps that ran after the foundation
}

// Load fills an empty database (no workshops yet) with the demo.
func Load(ctx context.Context, st *store.Store) (Summary, error) {
	return load(ctx, st, steps)
}

// load is Load with the steps to run after the foundation.
func load(ctx context.Context, st *store.Store, steps []step) (Summary, error) {
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
	for _, l := range steps {
		if err := l.fn(ctx, st, ws); err != nil {
			return sum, fmt.Errorf("demo: %s: %w", l.name, err)
		}
		sum.Extensions = append(sum.Extensions, l.name)
	}
	return sum, nil
}
