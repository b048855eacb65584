package store

import (
	"cmp"
	"context"
	"database/sql"
	"sort"
	"time"

	"github.com/minka-gob/minka/internal/model"
)

// Report reads every record an export needs as plain rows: the whole
// process when workshopID is empty, else that one workshop (not found if it
// does not exist). Deleted contributions are left out. It reads through the
// read pool in one transaction, so the rows form one consistent snapshot
// even while tables keep recording.
//
// The whole process's Snapshot (the rows internal/report computes the plan's
// tables, the ranking and the matrix from, as for the pages) is read in the
// same transaction; Forum member names and observations are in it, and the
// public variant of the workbook leaves them out.
func (s *Store) Report(ctx context.Context, workshopID string) (*model.Report, error) {
	tx, err := s.read.BeginTx(ctx, nil)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	r := &model.Report{}
	q := reportQuery{tx: tx, ctx: ctx, workshop: workshopID}
	err = tx.QueryRowContext(ctx, `SELECT name, period FROM process LIMIT 1`).Scan(&r.ProcessName, &r.Period)
	if err != nil && err != sql.ErrNoRows {
		return nil, err
	}
	// The snapshot first: reading the scores makes garbage, cheapest to
	// collect while the heap is still small (before the contributions).
	if r.Snapshot, err = readSnapshot(ctx, tx, "", true, true); err != nil {
		return nil, err
	}
	steps := []func(*model.Report) error{
		q.workshops, q.satisfaction,
		q.places, q.participants, q.profileNotes, q.stories, q.ideas, q.prototypes, q.feedback,
	}
	for _, step := range steps {
		if err := step(r); err != nil {
			return nil, err
		}
	}
	return r, nil
}

// ReportParticipants reads only the participants (of one workshop, or of all
// when workshopID is empty), for the participant CSV.
func (s *Store) ReportParticipants(ctx context.Context, workshopID string) ([]model.ParticipantRow, error) {
	tx, err := s.read.BeginTx(ctx, nil)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	r := &model.Report{}
	q := reportQuery{tx: tx, ctx: ctx, workshop: workshopID}
	for _, step := range []func(*model.Report) error{q.workshops, q.places, q.participants} {
		if err := step(r); err != nil {
			return nil, err
		}
	}
	return r.Participants, nil
}

// reportQuery reads one report inside a read transaction.
type reportQuery struct {
	ctx      context.Context
	tx       *sql.Tx
	workshop string // "" for the whole process
	// byWorkshop and byTable place records; the strings are shared by every
	// row of a workshop, not copied per row.
	byWorkshop  map[string]model.Place
	workshopPos map[string]int
	byTable     map[string]tablePlace
}

type tablePlace struct {
	model.Place
	Problem string
	Profile string
}

// each runs query and calls scan for every row.
func (q *reportQuery) each(query string, scan func(rows *sql.Rows) error, args ...any) error {
	rows, err := q.tx.QueryContext(q.ctx, query, args...)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		if err := scan(rows); err != nil {
			return err
		}
	}
	return rows.Err()
}

func (q *reportQuery) workshops(r *model.Report) error {
	q.byWorkshop, q.workshopPos = map[string]model.Place{}, map[string]int{}
	err := q.each(`SELECT w.id, w.city, w.date, w.venue, w.focus, w.status,
			(SELECT COUNT(*) FROM workshop_tables t WHERE t.workshop_id = w.id)
		FROM workshops w WHERE ?1 = '' OR w.id = ?1 ORDER BY w.date, w.city, w.created_at`,
		func(rows *sql.Rows) error {
			var w model.WorkshopRow
			if err := rows.Scan(&w.ID, &w.City, &w.Date, &w.Venue, &w.Focus, &w.Status, &w.Tables); err != nil {
				return err
			}
			q.workshopPos[w.ID] = len(r.Workshops)
			r.Workshops = append(r.Workshops, w)
			q.byWorkshop[w.ID] = model.Place{WorkshopID: w.ID, Workshop: w.Label(), City: w.City}
			return nil
		}, q.workshop)
	if err != nil {
		return err
	}
	if q.workshop != "" {
		if len(r.Workshops) == 0 {
			return model.NotFound("error.workshop_not_found")
		}
		r.Workshop = &r.Workshops[0]
	}
	return nil
}

// places reads the tables of the workshops in scope with their problem and user profile.
func (q *reportQuery) places(*model.Report) error {
	q.byTable = map[string]tablePlace{}
	return q.each(`SELECT t.id, t.workshop_id, t.number, COALESCE(p.title, ''), COALESCE(u.name, '')
		FROM workshop_tables t
		LEFT JOIN problems p ON p.id = t.problem_id
		LEFT JOIN user_profiles u ON u.id = t.profile_id
		WHERE ?1 = '' OR t.workshop_id = ?1`, func(rows *sql.Rows) error {
		var id, workshopID string
		var tp tablePlace
		if err := rows.Scan(&id, &workshopID, &tp.Table, &tp.Problem, &tp.Profile); err != nil {
			return err
		}
		w := q.byWorkshop[workshopID]
		tp.WorkshopID, tp.Workshop, tp.City = w.WorkshopID, w.Workshop, w.City
		q.byTable[id] = tp
		return nil
	}, q.workshop)
}

// The contribution queries read rows in storage order and sort them in Go
// as a reader follows the process: workshop by date, then table, then time.
// (An ORDER BY over joined rows made SQLite sort the long texts too, in
// temporary files.) The whole process is one scan per table in storage order
// (looking rows up table by table through the table_id index cost half as
// much again, in random page reads); one workshop keeps the rows of its tables.
const inScope = ` x.deleted_at IS NULL AND (?1 = '' OR x.table_id IN (SELECT id FROM workshop_tables WHERE workshop_id = ?1))`

// sortByPlace orders rows by workshop (in report order), table number, time.
func sortByPlace[T any](q *reportQuery, rows []T, key func(*T) (*model.Place, time.Time)) {
	sort.SliceStable(rows, func(i, j int) bool {
		pa, ta := key(&rows[i])
		pb, tb := key(&rows[j])
		if c := cmp.Compare(q.workshopPos[pa.WorkshopID], q.workshopPos[pb.WorkshopID]); c != 0 {
			return c < 0
		}
		if pa.Table != pb.Table {
			return pa.Table < pb.Table
		}
		return ta.Before(tb)
	})
}

func (q *reportQuery) participants(r *model.Report) error {
	err := q.each(`SELECT p.id, p.workshop_id, COALESCE(p.table_id, ''), p.name, p.gender, p.sector, p.organization,
			p.email, p.phone, p.source, p.registered_at, p.checked_in_at
		FROM participants p WHERE ?1 = '' OR p.workshop_id = ?1`, func(rows *sql.Rows) error {
		var p model.ParticipantRow
		var workshopID, tableID, registered string
		var checkedIn sql.NullString
		if err := rows.Scan(&p.ID, &workshopID, &tableID, &p.Name, &p.Gender, &p.Sector, &p.Organization,
			&p.Email, &p.Phone, &p.Source, &registered, &checkedIn); err != nil {
			return err
		}
		p.Place = q.byWorkshop[workshopID]
		if t, ok := q.byTable[tableID]; ok {
			p.Table = t.Table
		}
		p.RegisteredAt, p.CheckedInAt = parseTime(registered), parseNullTime(checkedIn)
		r.Participants = append(r.Participants, p)
		return nil
	}, q.workshop)
	// Participants in order of registration within their workshop.
	ps := r.Participants
	sort.SliceStable(ps, func(i, j int) bool {
		if c := cmp.Compare(q.workshopPos[ps[i].WorkshopID], q.workshopPos[ps[j].WorkshopID]); c != 0 {
			return c < 0
		}
		return ps[i].RegisteredAt.Before(ps[j].RegisteredAt)
	})
	return err
}

func (q *reportQuery) profileNotes(r *model.Report) error {
	err := q.each(`SELECT x.table_id, x.kind, x.text, x.created_at FROM profile_notes x WHERE`+inScope,
		func(rows *sql.Rows) error {
			var n model.ProfileNoteRow
			var tableID, created string
			if err := rows.Scan(&tableID, &n.Kind, &n.Text, &created); err != nil {
				return err
			}
			t := q.byTable[tableID]
			n.Place, n.Profile, n.CreatedAt = t.Place, t.Profile, parseTime(created)
			r.ProfileNotes = append(r.ProfileNotes, n)
			return nil
		}, q.workshop)
	sortByPlace(q, r.ProfileNotes, func(n *model.ProfileNoteRow) (*model.Place, time.Time) { return &n.Place, n.CreatedAt })
	return err
}

func (q *reportQuery) stories(r *model.Report) error {
	err := q.each(`SELECT x.table_id, x.as_who, x.want, x.so_that, x.created_at FROM user_stories x WHERE`+inScope,
		func(rows *sql.Rows) error {
			var s model.StoryRow
			var tableID, created string
			if err := rows.Scan(&tableID, &s.AsWho, &s.Want, &s.SoThat, &created); err != nil {
				return err
			}
			s.Place, s.CreatedAt = q.byTable[tableID].Place, parseTime(created)
			r.Stories = append(r.Stories, s)
			return nil
		}, q.workshop)
	sortByPlace(q, r.Stories, func(s *model.StoryRow) (*model.Place, time.Time) { return &s.Place, s.CreatedAt })
	return err
}

type reportRatings struct {
	n                   int
	impact, feasibility float64
}

// ideas reads the ideas with their table ratings (count and means).
func (q *reportQuery) ideas(r *model.Report) error {
	ratings := map[string]reportRatings{}
	err := q.each(`SELECT g.idea_id, COUNT(*), AVG(g.impact), AVG(g.feasibility) FROM idea_ratings g
		WHERE g.idea_id IN (SELECT x.id FROM ideas x WHERE`+inScope+`) GROUP BY g.idea_id`,
		func(rows *sql.Rows) error {
			var id string
			var s reportRatings
			err := rows.Scan(&id, &s.n, &s.impact, &s.feasibility)
			ratings[id] = s
			return err
		}, q.workshop)
	if err != nil {
		return err
	}
	err = q.each(`SELECT x.id, x.table_id, x.title, x.description, COALESCE(x.principle, ''), x.chosen, x.created_at FROM ideas x WHERE`+inScope,
		func(rows *sql.Rows) error {
			var d model.IdeaRow
			var id, tableID, created string
			if err := rows.Scan(&id, &tableID, &d.Title, &d.Description, &d.Principle, &d.Chosen, &created); err != nil {
				return err
			}
			t := q.byTable[tableID]
			d.Place, d.Problem, d.CreatedAt = t.Place, t.Problem, parseTime(created)
			g := ratings[id]
			d.Ratings, d.Impact, d.Feasibility = g.n, g.impact, g.feasibility
			r.Ideas = append(r.Ideas, d)
			return nil
		}, q.workshop)
	sortByPlace(q, r.Ideas, func(d *model.IdeaRow) (*model.Place, time.Time) { return &d.Place, d.CreatedAt })
	return err
}

func (q *reportQuery) prototypes(r *model.Report) error {
	err := q.each(`SELECT x.table_id, COALESCE(i.title, ''), x.description, x.iteration, x.created_at
		FROM prototypes x LEFT JOIN ideas i ON i.id = x.idea_id WHERE`+inScope,
		func(rows *sql.Rows) error {
			var p model.PrototypeRow
			var tableID, created string
			if err := rows.Scan(&tableID, &p.Idea, &p.Description, &p.Iteration, &created); err != nil {
				return err
			}
			p.Place, p.CreatedAt = q.byTable[tableID].Place, parseTime(created)
			r.Prototypes = append(r.Prototypes, p)
			return nil
		}, q.workshop)
	sortByPlace(q, r.Prototypes, func(p *model.PrototypeRow) (*model.Place, time.Time) { return &p.Place, p.CreatedAt })
	return err
}

// feedback reads the feedback on prototypes that still exist; each row names
// its prototype by the prototyped idea's title, or by its description.
func (q *reportQuery) feedback(r *model.Report) error {
	err := q.each(`SELECT x.table_id, COALESCE(NULLIF(i.title, ''), x.description), f.kind, f.text, f.created_at
		FROM prototypes x JOIN feedback f ON f.prototype_id = x.id AND f.deleted_at IS NULL
		LEFT JOIN ideas i ON i.id = x.idea_id WHERE`+inScope,
		func(rows *sql.Rows) error {
			var f model.FeedbackRow
			var tableID, created string
			if err := rows.Scan(&tableID, &f.Prototype, &f.Kind, &f.Text, &created); err != nil {
				return err
			}
			f.Place, f.CreatedAt = q.byTable[tableID].Place, parseTime(created)
			r.Feedback = append(r.Feedback, f)
			return nil
		}, q.workshop)
	sortByPlace(q, r.Feedback, func(f *model.FeedbackRow) (*model.Place, time.Time) { return &f.Place, f.CreatedAt })
	return err
}
