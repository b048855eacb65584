package model

import "time"

// Roles a session can have. The public has no session.
const (
	RoleAdmin       = "admin"
	RoleFacilitator = "facilitator"
	RoleRapporteur  = "rapporteur"
	RoleParticipant = "participant"
	RoleForum       = "forum"
)

// Session is who is behind a cookie: an admin, someone who joined a table
// with its code, or a Forum member with a personal link.
type Session struct {
	TokenHash     string
	Role          string
	AdminID       string
	TableID       string
	ForumMemberID string
	JoinCode      string
	CreatedAt     time.Time
	ExpiresAt     time.Time
}

// Principal is what handlers know of the caller. The zero value is the public.
type Principal struct {
	Role          string
	AdminID       string
	TableID       string
	ForumMemberID string
	SessionID     string // hash of the session token: a stable, non-secret identity (e.g. for table ratings)
}

// What a Principal may do is stated once, in authz.go.

// Admin is a Secretariat account.
type Admin struct {
	ID           string
	Username     string
	PasswordHash string
	CreatedAt    time.Time
}
