package store

import (
	"context"
	"database/sql"

	"github.com/minka-gob/minka/internal/model"
)

// Snapshot reads, in one read transaction, every row internal/report
// computes the published figures from: workshops, tables, registrations,
// ideas with their sheets, and the internal review's and Forum's records.
// It computes nothing.
func (s *Store) Snapshot(ctx context.Context) (*model.Snapshot, error) {
	tx, err := s.read.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	return readSnapshot(ctx, tx, "", true, true)
}

// WorkshopSnapshot reads, in one read transaction, the rows of one workshop
// that its own figures are computed from (report.Attendance and
// report.IdeasByPrinciple's Captured population for that workshop): the
// workshop, its tables, its registrations and its ideas; no other
// workshop's rows and no Forum records. An unknown workshop gives a
// snapshot without workshops (report says not found).
func (s *Store) WorkshopSnapshot(ctx context.Context, workshopID string) (*model.Snapshot, error) {
	tx, err := s.read.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	return readSnapshot(ctx, tx, workshopID, true, false)
}

// AttendanceSnapshot reads only what the participant statistics count
// (workshops, tables, registrations), in one read transaction.
func (s *Store) AttendanceSnapshot(ctx context.Context) (*model.Snapshot, error) {
	tx, err := s.read.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	return readSnapshot(ctx, tx, "", false, false)
}

// readSnapshot reads the rows of every workshop, or of workshopID's only;
// ideas adds the ideas, forum the Forum's records.
func readSnapshot(ctx context.Context, tx *sql.Tx, workshopID string, ideas, forum bool) (*model.Snapshot, error) {
	snap := &model.Snapshot{}
	var err error
	// where restricts a query to workshopID's rows (col names its workshop column).
	where := func(col string) (string, []any) {
		if workshopID == "" {
			return ``, nil
		}
		return ` WHERE ` + col + ` = ?`, []any{workshopID}
	}
	wWhere, wArgs := where("w.id")
	tWhere, tArgs := where("workshop_id")
	pWhere, pArgs := where("workshop_id")
	snap.Workshops, err = collect(ctx, tx, func(row scanner) (model.WorkshopRow, error) {
		var w model.WorkshopRow
		err := row.Scan(&w.ID, &w.City, &w.Date, &w.Venue, &w.Focus, &w.Status, &w.Tables)
		return w, err
	}, `SELECT w.id, w.city, w.date, w.venue, w.focus, w.status,
			(SELECT COUNT(*) FROM workshop_tables t WHERE t.workshop_id = w.id)
		FROM workshops w`+wWhere+` ORDER BY w.date, w.city, w.created_at`, wArgs...)
	if err != nil {
		return nil, err
	}
	snap.Tables, err = collect(ctx, tx, func(row scanner) (model.TableRef, error) {
		var t model.TableRef
		err := row.Scan(&t.ID, &t.WorkshopID, &t.Number)
		return t, err
	}, `SELECT id, workshop_id, number FROM workshop_tables`+tWhere+` ORDER BY workshop_id, number`, tArgs...)
	if err != nil {
		return nil, err
	}
	snap.Participants, err = collect(ctx, tx, func(row scanner) (model.Attendee, error) {
		var a model.Attendee
		err := row.Scan(&a.WorkshopID, &a.TableID, &a.Gender, &a.Sector, &a.CheckedIn)
		return a, err
	}, `SELECT workshop_id, COALESCE(table_id, ''), gender, sector, checked_in_at IS NOT NULL FROM participants`+pWhere, pArgs...)
	if err != nil || !ideas {
		return snap, err
	}
	iWhere, iArgs := where("w.id")
	if snap.Ideas, err = queryIdeaOrigins(ctx, tx, iWhere, iArgs...); err != nil {
		return nil, err
	}
	if !forum {
		return snap, nil
	}
	if snap.Forum, err = readForumRecords(ctx, tx, true); err != nil {
		return nil, err
	}
	return snap, nil
}

// ForumRecords reads, in one read transaction, what the ranking and the
// decisions are computed from (report.NewRanking): the Forum's state, the
// criteria, every sheet, the counted scores and the decisions; not the
// members' names, no idea and no registration.
func (s *Store) ForumRecords(ctx context.Context) (model.ForumRecords, error) {
	tx, err := s.read.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		return model.ForumRecords{}, err
	}
	defer tx.Rollback()
	return readForumRecords(ctx, tx, false)
}

// readForumRecords reads what the ranking and the decisions are computed
// from; members adds the members' names (only the workbook shows them).
func readForumRecords(ctx context.Context, q querier, members bool) (model.ForumRecords, error) {
	var fr model.ForumRecords
	var err error
	if fr.State, err = queryForumState(ctx, q); err != nil {
		return fr, err
	}
	if fr.Criteria, err = queryCriteria(ctx, q); err != nil {
		return fr, err
	}
	if fr.Sheets, err = querySheets(ctx, q, ``); err != nil {
		return fr, err
	}
	if fr.Scores, err = rankingScores(ctx, q); err != nil {
		return fr, err
	}
	if fr.Decisions, err = queryDecisions(ctx, q); err != nil {
		return fr, err
	}
	if members {
		fr.Members, err = queryForumMembers(ctx, q)
	}
	return fr, err
}
