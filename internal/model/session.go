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

// IsAdmin reports whether the caller is a Secretariat admin.
func (p Principal) IsAdmin() bool { return p.Role == RoleAdmin }

// CanWriteTable reports whether the caller may record contributions on table id.
func (p Principal) CanWriteTable(id string) bool {
	return p.Role == RoleAdmin || (p.Role == RoleRapporteur && p.TableID == id)
}

// CanFacilitateTable reports whether the caller may move the phases of table id.
func (p Principal) CanFacilitateTable(id string) bool {
	return p.Role == RoleAdmin || (p.Role == RoleFacilitator && p.TableID == id)
}

// Admin is a Secretariat account.
type Admin struct {
	ID           string
	Username     string
	PasswordHash string
	CreatedAt    time.Time
}
