package store

import (
	"context"
	"database/sql"
	"errors"

	"github.com/minka-gob/minka/internal/liveproto"
	"github.com/minka-gob/minka/internal/model"
)

// newestIdeas is how many of the latest ideas the plenary screen lists.
const newestIdeas = 8

// Plenary returns the rows of the projector's view of a workshop, read in one
// transaction together with the seq of the workshop's room. Its counts by
// principle are internal/report's (report.Plenary).
func (s *Store) Plenary(ctx context.Context, workshopID string) (model.Plenary, error) {
	var p model.Plenary
	tx, err := s.read.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		return p, err
	}
	defer tx.Rollback()
	if p.Seq, err = lastSeq(ctx, tx, liveproto.WorkshopRoom(workshopID)); err != nil {
		return p, err
	}
	p.Workshop, err = scanWorkshop(tx.QueryRowContext(ctx, `SELECT `+workshopColumns+` FROM workshops WHERE id = ?`, workshopID))
	if errors.Is(err, sql.ErrNoRows) {
		return p, model.NotFound("error.workshop_not_found")
	}
	if err != nil {
		return p, err
	}
	now := s.now()
	p.Tables, err = collect(ctx, tx, func(row scanner) (model.PlenaryTable, error) {
		var t model.PlenaryTable
		err := row.Scan(&t.ID, &t.Number, &t.Problem, &t.Phase, &t.ProfileNotes, &t.Stories, &t.Ideas, &t.Chosen, &t.Prototypes, &t.Feedback)
		return t, err
	}, `SELECT t.id, t.number, COALESCE(pr.title, ''), t.phase,
		(SELECT COUNT(*) FROM profile_notes WHERE table_id = t.id AND deleted_at IS NULL),
		(SELECT COUNT(*) FROM user_stories WHERE table_id = t.id AND deleted_at IS NULL),
		(SELECT COUNT(*) FROM ideas WHERE table_id = t.id AND deleted_at IS NULL),
		(SELECT COUNT(*) FROM ideas WHERE table_id = t.id AND deleted_at IS NULL AND chosen),
		(SELECT COUNT(*) FROM prototypes WHERE table_id = t.id AND deleted_at IS NULL),
		(SELECT COUNT(*) FROM feedback f JOIN prototypes pt ON pt.id = f.prototype_id
			WHERE pt.table_id = t.id AND f.deleted_at IS NULL AND pt.deleted_at IS NULL)
		FROM workshop_tables t LEFT JOIN problems pr ON pr.id = t.problem_id
		WHERE t.workshop_id = ? ORDER BY t.number`, workshopID)
	if err != nil {
		return p, err
	}
	for i := range p.Tables {
		if p.Tables[i].Timer, err = readTimer(ctx, tx, p.Tables[i].ID, now); err != nil {
			return p, err
		}
	}
	p.NewestIdeas, err = collect(ctx, tx, scanPlenaryIdea, `SELECT `+plenaryIdeaColumns+`
		WHERE t.workshop_id = ? AND i.deleted_at IS NULL
		ORDER BY i.created_at DESC, i.rowid DESC LIMIT ?`, workshopID, newestIdeas)
	if err != nil {
		return p, err
	}
	// The ideas themselves: internal/report counts them (report.Plenary).
	p.Ideas, err = queryIdeaOrigins(ctx, tx, `WHERE w.id = ?`, workshopID)
	return p, err
}

// plenaryIdeaColumns and scanPlenaryIdea read an idea as the plenary and the
// room screen show it (ideas i joined with their table t).
const plenaryIdeaColumns = `i.id, t.number, i.title, i.principle, i.chosen, i.created_at
		FROM ideas i JOIN workshop_tables t ON t.id = i.table_id`

func scanPlenaryIdea(row scanner) (model.PlenaryIdea, error) {
	var i model.PlenaryIdea
	var created string
	err := row.Scan(&i.ID, &i.TableNumber, &i.Title, &i.Principle, &i.Chosen, &created)
	i.CreatedAt = parseTime(created)
	return i, err
}
