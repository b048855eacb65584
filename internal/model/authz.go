package model

// Authorization: what each caller may do, stated once. The pages, the API
// and the websocket rooms (internal/web, internal/live) all ask these
// methods; none writes a role rule of its own.

// IsAdmin reports whether the caller is a Secretariat admin.
func (p Principal) IsAdmin() bool { return p.Role == RoleAdmin }

// seatedAt reports whether the caller joined table id with one of its codes.
func (p Principal) seatedAt(id string) bool {
	switch p.Role {
	case RoleFacilitator, RoleRapporteur, RoleParticipant:
		return p.TableID != "" && p.TableID == id
	}
	return false
}

// CanReadTable reports whether the caller may see table id's live record:
// its own facilitator, rapporteur and participants, and the Secretariat.
func (p Principal) CanReadTable(id string) bool { return p.IsAdmin() || p.seatedAt(id) }

// CanWriteTable reports whether the caller may record contributions on table
// id (and rate on behalf of the people at it): its rapporteur and the Secretariat.
func (p Principal) CanWriteTable(id string) bool {
	return p.IsAdmin() || (p.Role == RoleRapporteur && p.TableID == id)
}

// CanFacilitateTable reports whether the caller may move the phases of table
// id: its facilitator and the Secretariat.
func (p Principal) CanFacilitateTable(id string) bool {
	return p.IsAdmin() || (p.Role == RoleFacilitator && p.TableID == id)
}

// CanRateTable reports whether the caller may rate the ideas of table id with
// their own vote: its participants and rapporteur, and the Secretariat.
func (p Principal) CanRateTable(id string) bool {
	return p.IsAdmin() || (p.TableID == id && (p.Role == RoleParticipant || p.Role == RoleRapporteur))
}

// CanReadWorkshop reports whether the caller may see workshop id's live
// screens (the plenary): the Secretariat, and anyone seated at one of its
// tables. seatWorkshop is the workshop of the caller's table ("" if none).
func (p Principal) CanReadWorkshop(id, seatWorkshop string) bool {
	return p.IsAdmin() || (p.TableID != "" && seatWorkshop != "" && seatWorkshop == id)
}

// CanScore reports whether the caller may score the Forum's sheets: a Forum
// member who opened their personal link. Whether a sheet is open to scoring
// is the store's rule (the Forum's stage).
func (p Principal) CanScore() bool { return p.Role == RoleForum && p.ForumMemberID != "" }
