package store

import (
	"context"
	"database/sql"

	"github.com/minka-gob/minka/internal/model"
)

const ideaOriginQuery = `SELECT i.id, i.title, i.description, i.principle, i.chosen, i.deleted_at IS NOT NULL,
	t.id, t.number, w.id, w.city, w.date, w.focus, COALESCE(p.title, ''), COALESCE(p.description, ''),
	COALESCE(sh.id, ''), COALESCE(sh.number, 0)
	FROM ideas i
	JOIN workshop_tables t ON t.id = i.table_id
	JOIN workshops w ON w.id = t.workshop_id
	LEFT JOIN problems p ON p.id = t.problem_id
	LEFT JOIN sheets sh ON sh.idea_id = i.id `

const ideaOriginOrder = ` ORDER BY w.date, w.city, w.created_at, t.number, i.created_at, i.rowid`

func queryIdeaOrigins(ctx context.Context, q querier, where string, args ...any) ([]model.IdeaOrigin, error) {
	rows, err := q.QueryContext(ctx, ideaOriginQuery+where+ideaOriginOrder, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []model.IdeaOrigin
	for rows.Next() {
		var o model.IdeaOrigin
		if err := rows.Scan(&o.IdeaID, &o.Title, &o.Description, &o.Principle, &o.Chosen, &o.Deleted,
			&o.TableID, &o.TableNumber, &o.WorkshopID, &o.City, &o.Date, &o.Focus, &o.ProblemTitle, &o.ProblemDescription,
			&o.SheetID, &o.SheetNumber); err != nil {
			return nil, err
		}
		out = append(out, o)
	}
	return out, rows.Err()
}

// IdeaOrigins lists the ideas captured at the tables with their table,
// workshop and problem, in workshop and table order. withSheet keeps only
// the ideas that have an idea sheet (the systematized solution ideas);
// otherwise every idea not deleted at its table is listed.
func (s *Store) IdeaOrigins(ctx context.Context, withSheet bool) ([]model.IdeaOrigin, error) {
	if withSheet {
		return queryIdeaOrigins(ctx, s.read, `WHERE sh.id IS NOT NULL`)
	}
	return queryIdeaOrigins(ctx, s.read, `WHERE i.deleted_at IS NULL`)
}

// IdeaOrigin returns one idea with its origin.
func (s *Store) IdeaOrigin(ctx context.Context, ideaID string) (model.IdeaOrigin, error) {
	os, err := queryIdeaOrigins(ctx, s.read, `WHERE i.id = ?`, ideaID)
	if err != nil {
		return model.IdeaOrigin{}, err
	}
	if len(os) == 0 {
		return model.IdeaOrigin{}, model.NotFound("forum.error.idea_not_found")
	}
	return os[0], nil
}

// IdeaTrace reads one idea and what its trace is computed from
// (report.NewRanking, Forum.Follow), in one read transaction: the idea with
// its origin and sheet, and what the ranking is computed from. No other
// idea and no registration is read.
func (s *Store) IdeaTrace(ctx context.Context, ideaID string) (model.ForumSlice, error) {
	var fs model.ForumSlice
	tx, err := s.read.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		return fs, err
	}
	defer tx.Rollback()
	if fs.Ideas, err = queryIdeaOrigins(ctx, tx, `WHERE i.id = ?`, ideaID); err != nil {
		return fs, err
	}
	if len(fs.Ideas) == 0 {
		return fs, model.NotFound("forum.error.idea_not_found")
	}
	fr, err := readForumRecords(ctx, tx, false)
	if err != nil {
		return fs, err
	}
	fs.State, fs.Ranking = fr.State, &fr
	return fs, nil
}

// tableStories returns the user stories recorded at each table, by table id.
func tableStories(ctx context.Context, q querier) (map[string][]model.UserStory, error) {
	rows, err := q.QueryContext(ctx, `SELECT id, table_id, as_who, want, so_that FROM user_stories WHERE deleted_at IS NULL ORDER BY created_at, rowid`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[string][]model.UserStory{}
	for rows.Next() {
		var us model.UserStory
		if err := rows.Scan(&us.ID, &us.TableID, &us.AsWho, &us.Want, &us.SoThat); err != nil {
			return nil, err
		}
		out[us.TableID] = append(out[us.TableID], us)
	}
	return out, rows.Err()
}
