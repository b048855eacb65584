package store

import (
	"context"

	"github.com/minka-gob/minka/internal/model"
)

type actorKey struct{}

// Actor is who makes a change, for the audit log.
type Actor struct {
	Role string // a model.Role*, ActorPublic for a visitor without session, or "" for the system
	ID   string // admin id, forum member id, or session id hash
}

// ActorPublic is the role recorded for changes made by a visitor without a
// session (e.g. a public registration form).
const ActorPublic = "public"

// WithActor returns ctx carrying who acts; the web layer sets it on every
// request so that every write knows its author without passing it around.
func WithActor(ctx context.Context, a Actor) context.Context {
	return context.WithValue(ctx, actorKey{}, a)
}

// ActorFrom returns the actor in ctx (the zero Actor when none was set).
func ActorFrom(ctx context.Context) Actor {
	a, _ := ctx.Value(actorKey{}).(Actor)
	return a
}

// ActorOf is the actor for a principal.
func ActorOf(p model.Principal) Actor {
	switch p.Role {
	case model.RoleAdmin:
		return Actor{Role: p.Role, ID: p.AdminID}
	case model.RoleForum:
		return Actor{Role: p.Role, ID: p.ForumMemberID}
	case "":
		return Actor{Role: ActorPublic}
	default:
		return Actor{Role: p.Role, ID: p.SessionID}
	}
}
