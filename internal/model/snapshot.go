package model

// A Snapshot is every record the plan's tables, the Forum's ranking and the
// reasoned response matrix are computed from, read by the store in one read
// transaction. It holds rows only: internal/report computes every figure from
// it, and the pages, the API, the plenary screen and the workbooks present
// what internal/report computed (docs/ARCHITECTURE.md).
type Snapshot struct {
	// Workshops in the process's order: by date, city, creation.
	Workshops []WorkshopRow
	// Tables is every workshop table.
	Tables []TableRef
	// Participants is every registered participant, reduced to what the
	// statistics count (no personal data).
	Participants []Attendee
	// Ideas is every idea recorded at a table, deleted ones included (Deleted),
	// each with its own idea sheet when it has one (SheetID), in workshop,
	// table and recording order.
	Ideas []IdeaOrigin
	Forum ForumRecords
}

// TableRef is a workshop table.
type TableRef struct {
	ID         string
	WorkshopID string
	Number     int
}

// Attendee is a registration as the statistics see it.
type Attendee struct {
	WorkshopID string
	TableID    string // "" when not seated
	Gender     string
	Sector     string
	CheckedIn  bool
}

// ForumRecords are the internal review's and the Forum's rows.
type ForumRecords struct {
	State    ForumState
	Criteria []Criterion
	// Sheets is every idea sheet by number, merged ones included.
	Sheets []Sheet
	// Scores is what the ranking counts: submitted scores and recusals on the
	// sheets being scored (drafts never count).
	Scores    []ForumScore
	Decisions map[string]ForumDecision
	// Members is every Forum member (names only reach the full workbook).
	Members []ForumMember
}

// Workshop returns the workshop with id and whether the snapshot has it.
func (s *Snapshot) Workshop(id string) (WorkshopRow, bool) {
	for _, w := range s.Workshops {
		if w.ID == id {
			return w, true
		}
	}
	return WorkshopRow{}, false
}

// ForumSlice is what a page or API answer about one sheet or one idea is
// computed from (store.SheetLineage, store.IdeaTrace; internal/report
// computes): far less than a Snapshot, read in one read transaction.
type ForumSlice struct {
	State ForumState
	// Sheets are the sheets of one sheet's lineage: itself, every sheet
	// merged into it however deep and every sheet it was merged into.
	Sheets []Sheet
	// Ideas are the ideas concerned (those of Sheets, or the one idea traced),
	// in trace order.
	Ideas []IdeaOrigin
	// Ranking, when asked for, is what the ranking is computed from (every
	// sheet, the criteria, the counted scores, the decisions; not the
	// members' names); nil otherwise.
	Ranking *ForumRecords
}
