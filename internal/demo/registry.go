// Package demo fills a database with realistic sample data so that a
// newcomer can explore every screen. Each capability registers its loader;
// loaders run in order over the workshops the first loader made.
//
// (Minimal version from the forum branch; the foundation branch owns the
// full registry and the "minka demo" command.)
package demo

import (
	"context"
	"sort"

	"github.com/minka-gob/minka/internal/model"
	"github.com/minka-gob/minka/internal/store"
)

type loader struct {
	order int
	name  string
	fn    func(ctx context.Context, st *store.Store, ws []model.Workshop) error
}

var loaders []loader

// register adds a loader; lower order runs first.
func register(order int, name string, fn func(ctx context.Context, st *store.Store, ws []model.Workshop) error) {
	loaders = append(loaders, loader{order, name, fn})
	sort.SliceStable(loaders, func(i, j int) bool { return loaders[i].order < loaders[j].order })
}
