package store

import (
	"context"
	"database/sql"
	"errors"
	"math"
	"slices"
	"strings"
	"time"

	sqlite3 "github.com/mattn/go-sqlite3"

	"github.com/minka-gob/minka/internal/liveproto"
	"github.com/minka-gob/minka/internal/model"
)

// Contributions captured live at a table: profile notes, user stories, ideas,
// prototypes and feedback. Each change is a live operation (see liveOp): it
// is applied once per client-generated op UUID, appended to the table's room
// and acknowledged only after commit. Edits and deletes name the version the
// client saw; a stale one is refused with the current record, never applied.

// StaleError refuses an edit or delete made on an old version. Current is
// the record as it is now, so the client can show it; it unwraps to a
// model conflict, so every layer maps it like any other conflict.
type StaleError struct {
	Kind    string
	Current any
}

func (e *StaleError) Error() string { return "store: stale " + e.Kind + " version" }

// Unwrap makes a StaleError a model conflict.
func (e *StaleError) Unwrap() error { return model.Conflict("live.error.stale") }

type scanner interface{ Scan(...any) error }

// CreateContribution validates rec and adds it to table tableID. rec's
// client-generated ID names the operation too: sending the same record twice
// stores it once and acknowledges it twice.
func (s *Store) CreateContribution(ctx context.Context, tableID string, rec model.Contribution) (Applied, error) {
	setTable(rec, tableID)
	if err := rec.Validate(); err != nil {
		return Applied{}, err
	}
	return s.liveOp(ctx, tableID, rec.RecordID(), func(ctx context.Context, tx *Tx, now time.Time) (string, any, error) {
		if err := checkParents(ctx, tx, tableID, rec); err != nil {
			return "", nil, err
		}
		if err := insertContribution(tx, rec, now); err != nil {
			return "", nil, err
		}
		return liveproto.EventCreated, liveproto.ContributionChange{TableID: tableID, Kind: rec.ContributionKind(), Record: created(rec, now)}, nil
	})
}

// UpdateContribution replaces the editable fields of a contribution, provided
// the stored version is still version (the one the client edited).
func (s *Store) UpdateContribution(ctx context.Context, op, tableID string, rec model.Contribution, version int) (Applied, error) {
	setTable(rec, tableID)
	if err := rec.Validate(); err != nil {
		return Applied{}, err
	}
	kind := rec.ContributionKind()
	return s.liveOp(ctx, tableID, op, func(ctx context.Context, tx *Tx, now time.Time) (string, any, error) {
		if err := checkVersion(ctx, tx, tableID, kind, rec.RecordID(), version); err != nil {
			return "", nil, err
		}
		if err := checkParents(ctx, tx, tableID, rec); err != nil {
			return "", nil, err
		}
		if err := updateContribution(tx, rec, version, now); err != nil {
			return "", nil, err
		}
		cur, _, _, err := readContribution(ctx, tx, tableID, kind, rec.RecordID())
		return liveproto.EventUpdated, liveproto.ContributionChange{TableID: tableID, Kind: kind, Record: cur}, err
	})
}

// DeleteContribution marks a contribution deleted (it stays traceable),
// provided the stored version is still version.
func (s *Store) DeleteContribution(ctx context.Context, op, tableID, kind, id string, version int) (Applied, error) {
	k, ok := contributionKinds[kind]
	if !ok {
		return Applied{}, model.Invalid(model.FieldErrors{"kind": {Key: "validation.choice"}})
	}
	return s.liveOp(ctx, tableID, op, func(ctx context.Context, tx *Tx, now time.Time) (string, any, error) {
		if err := checkVersion(ctx, tx, tableID, kind, id, version); err != nil {
			return "", nil, err
		}
		if _, err := tx.Exec(`UPDATE `+k.table+` SET deleted_at = ?, version = version + 1, updated_at = ? WHERE id = ? AND version = ?`,
			formatTime(now), formatTime(now), id, version); err != nil {
			return "", nil, err
		}
		cur, _, _, err := readContribution(ctx, tx, tableID, kind, id)
		return liveproto.EventDeleted, liveproto.ContributionChange{TableID: tableID, Kind: kind, Record: cur}, err
	})
}

// SetIdeaChosen marks (or unmarks) an idea as chosen by the table. The
// idea's version counts edits of its text, so it does not change.
func (s *Store) SetIdeaChosen(ctx context.Context, op, tableID, ideaID string, chosen bool) (Applied, error) {
	var v model.Validator
	v.UUID("id", ideaID, true)
	if err := v.Err(); err != nil {
		return Applied{}, err
	}
	return s.liveOp(ctx, tableID, op, func(ctx context.Context, tx *Tx, now time.Time) (string, any, error) {
		res, err := tx.Exec(`UPDATE ideas SET chosen = ?, updated_at = ? WHERE id = ? AND table_id = ? AND deleted_at IS NULL`,
			chosen, formatTime(now), ideaID, tableID)
		if err != nil {
			return "", nil, err
		}
		if mustAffect(res) != nil {
			return "", nil, model.NotFound("live.error.record_not_found")
		}
		cur, _, _, err := readContribution(ctx, tx, tableID, model.KindIdea, ideaID)
		return liveproto.EventUpdated, liveproto.ContributionChange{TableID: tableID, Kind: model.KindIdea, Record: cur}, err
	})
}

// SetPrototypePhoto records the file name of a prototype's photo and returns
// the name it replaces (for the caller to remove once this is durable).
func (s *Store) SetPrototypePhoto(ctx context.Context, op, tableID, prototypeID, photo string) (Applied, string, error) {
	var old string
	a, err := s.liveOp(ctx, tableID, op, func(ctx context.Context, tx *Tx, now time.Time) (string, any, error) {
		err := tx.QueryRow(`SELECT photo_path FROM prototypes WHERE id = ? AND table_id = ? AND deleted_at IS NULL`, prototypeID, tableID).Scan(&old)
		if errors.Is(err, sql.ErrNoRows) {
			return "", nil, model.NotFound("live.error.record_not_found")
		}
		if err != nil {
			return "", nil, err
		}
		if _, err := tx.Exec(`UPDATE prototypes SET photo_path = ?, updated_at = ? WHERE id = ?`, photo, formatTime(now), prototypeID); err != nil {
			return "", nil, err
		}
		cur, _, _, err := readContribution(ctx, tx, tableID, model.KindPrototype, prototypeID)
		return liveproto.EventUpdated, liveproto.ContributionChange{TableID: tableID, Kind: model.KindPrototype, Record: cur}, err
	})
	if a.Dup {
		old = ""
	}
	return a, old, err
}

// PrototypePhoto returns the photo file name of a prototype and its table, for
// serving it only to those who may read that table.
func (s *Store) PrototypePhoto(ctx context.Context, photo string) (tableID string, err error) {
	err = s.read.QueryRowContext(ctx, `SELECT table_id FROM prototypes WHERE photo_path = ? AND photo_path <> '' AND deleted_at IS NULL`, photo).Scan(&tableID)
	if errors.Is(err, sql.ErrNoRows) {
		return "", model.ErrNotFound
	}
	return tableID, err
}

// contributionKind describes one kind of contribution: its SQL table, how a
// record of it is inserted, edited, read back and checked. Every function
// that handles contributions looks the kind up in contributionKinds instead
// of switching on it; a new kind is one more entry. The functions taking a
// model.Contribution are called only with a record of their own kind (the
// entry is found by rec.ContributionKind()).
type contributionKind struct {
	table string // the SQL table
	// insert adds a record; insertArgs are its arguments (now: the stored
	// time of created_at and updated_at).
	insert     string
	insertArgs func(rec model.Contribution, now string) []any
	// update edits the editable columns of the record at the version the
	// client saw; updateArgs are its arguments.
	update     string
	updateArgs func(rec model.Contribution, now string, version int) []any
	// one reads one record (deleted ones too) by id and table id; scan reads
	// its row as it is sent to clients, with its version and deleted mark.
	one  string
	scan func(row scanner) (rec any, version int, deleted bool, err error)
	// created is a new record as stored (and as one would read it back).
	created func(rec model.Contribution, now time.Time) any
	// setTable puts the record on its table (nil: the kind has no table
	// column; feedback belongs to its prototype's table).
	setTable func(rec model.Contribution, tableID string)
	// parent names the record this one points at (table, id, form field),
	// which must be a live record of the same table; nil: none.
	parent func(rec model.Contribution) (table, id, field string)
}

// contributionKinds describes each of model.ContributionKinds.
var contributionKinds = map[string]contributionKind{
	model.KindProfileNote: {
		table:  "profile_notes",
		insert: `INSERT INTO profile_notes(id, table_id, kind, text, created_at, updated_at) VALUES (?,?,?,?,?,?)`,
		insertArgs: func(rec model.Contribution, t string) []any {
			r := rec.(*model.ProfileNote)
			return []any{r.ID, r.TableID, r.Kind, r.Text, t, t}
		},
		update: `UPDATE profile_notes SET kind = ?, text = ?, version = version + 1, updated_at = ? WHERE id = ? AND version = ?`,
		updateArgs: func(rec model.Contribution, t string, version int) []any {
			r := rec.(*model.ProfileNote)
			return []any{r.Kind, r.Text, t, r.ID, version}
		},
		one: `SELECT ` + profileNoteCols + ` FROM profile_notes n WHERE n.id = ? AND n.table_id = ?`,
		scan: func(row scanner) (any, int, bool, error) {
			n, err := scanProfileNote(row)
			return n, n.Version, n.DeletedAt != nil, err
		},
		created: func(rec model.Contribution, t time.Time) any {
			n := *rec.(*model.ProfileNote)
			n.Version, n.CreatedAt, n.UpdatedAt = 1, t, t
			return n
		},
		setTable: func(rec model.Contribution, tableID string) { rec.(*model.ProfileNote).TableID = tableID },
	},
	model.KindUserStory: {
		table:  "user_stories",
		insert: `INSERT INTO user_stories(id, table_id, as_who, want, so_that, created_at, updated_at) VALUES (?,?,?,?,?,?,?)`,
		insertArgs: func(rec model.Contribution, t string) []any {
			r := rec.(*model.UserStory)
			return []any{r.ID, r.TableID, r.AsWho, r.Want, r.SoThat, t, t}
		},
		update: `UPDATE user_stories SET as_who = ?, want = ?, so_that = ?, version = version + 1, updated_at = ? WHERE id = ? AND version = ?`,
		updateArgs: func(rec model.Contribution, t string, version int) []any {
			r := rec.(*model.UserStory)
			return []any{r.AsWho, r.Want, r.SoThat, t, r.ID, version}
		},
		one: `SELECT ` + userStoryCols + ` FROM user_stories u WHERE u.id = ? AND u.table_id = ?`,
		scan: func(row scanner) (any, int, bool, error) {
			u, err := scanUserStory(row)
			return u, u.Version, u.DeletedAt != nil, err
		},
		created: func(rec model.Contribution, t time.Time) any {
			u := *rec.(*model.UserStory)
			u.Version, u.CreatedAt, u.UpdatedAt = 1, t, t
			return u
		},
		setTable: func(rec model.Contribution, tableID string) { rec.(*model.UserStory).TableID = tableID },
	},
	model.KindIdea: {
		table:  "ideas",
		insert: `INSERT INTO ideas(id, table_id, title, description, principle, created_at, updated_at) VALUES (?,?,?,?,?,?,?)`,
		insertArgs: func(rec model.Contribution, t string) []any {
			r := rec.(*model.Idea)
			return []any{r.ID, r.TableID, r.Title, r.Description, nullString(r.Principle), t, t} // no principle yet: NULL
		},
		update: `UPDATE ideas SET title = ?, description = ?, principle = ?, version = version + 1, updated_at = ? WHERE id = ? AND version = ?`,
		updateArgs: func(rec model.Contribution, t string, version int) []any {
			r := rec.(*model.Idea)
			return []any{r.Title, r.Description, nullString(r.Principle), t, r.ID, version}
		},
		one: `SELECT ` + ideaCols + `, ` + ratingAgg + ` FROM ideas i
			LEFT JOIN idea_ratings r ON r.idea_id = i.id WHERE i.id = ? AND i.table_id = ? GROUP BY i.id`,
		scan: func(row scanner) (any, int, bool, error) {
			i, err := scanRatedIdea(row)
			return i, i.Version, i.DeletedAt != nil, err
		},
		created: func(rec model.Contribution, t time.Time) any {
			i := model.RatedIdea{Idea: *rec.(*model.Idea)}
			i.Chosen, i.Version, i.CreatedAt, i.UpdatedAt = false, 1, t, t
			return i
		},
		setTable: func(rec model.Contribution, tableID string) { rec.(*model.Idea).TableID = tableID },
	},
	model.KindPrototype: {
		table:  "prototypes",
		insert: `INSERT INTO prototypes(id, table_id, idea_id, description, iteration, created_at, updated_at) VALUES (?,?,?,?,?,?,?)`,
		insertArgs: func(rec model.Contribution, t string) []any {
			r := rec.(*model.Prototype)
			return []any{r.ID, r.TableID, nullString(r.IdeaID), r.Description, r.Iteration, t, t}
		},
		update: `UPDATE prototypes SET idea_id = ?, description = ?, iteration = ?, version = version + 1, updated_at = ? WHERE id = ? AND version = ?`,
		updateArgs: func(rec model.Contribution, t string, version int) []any {
			r := rec.(*model.Prototype)
			return []any{nullString(r.IdeaID), r.Description, r.Iteration, t, r.ID, version}
		},
		one: `SELECT ` + prototypeCols + ` FROM prototypes p WHERE p.id = ? AND p.table_id = ?`,
		scan: func(row scanner) (any, int, bool, error) {
			p, err := scanPrototype(row)
			return p, p.Version, p.DeletedAt != nil, err
		},
		created: func(rec model.Contribution, t time.Time) any {
			p := *rec.(*model.Prototype)
			p.PhotoPath, p.Version, p.CreatedAt, p.UpdatedAt = "", 1, t, t
			return p
		},
		setTable: func(rec model.Contribution, tableID string) { rec.(*model.Prototype).TableID = tableID },
		parent: func(rec model.Contribution) (string, string, string) {
			return "ideas", rec.(*model.Prototype).IdeaID, "idea_id"
		},
	},
	model.KindFeedback: {
		table:  "feedback",
		insert: `INSERT INTO feedback(id, prototype_id, kind, text, created_at, updated_at) VALUES (?,?,?,?,?,?)`,
		insertArgs: func(rec model.Contribution, t string) []any {
			r := rec.(*model.Feedback)
			return []any{r.ID, r.PrototypeID, r.Kind, r.Text, t, t}
		},
		// A feedback item stays on the prototype it was given to.
		update: `UPDATE feedback SET kind = ?, text = ?, version = version + 1, updated_at = ? WHERE id = ? AND version = ?`,
		updateArgs: func(rec model.Contribution, t string, version int) []any {
			r := rec.(*model.Feedback)
			return []any{r.Kind, r.Text, t, r.ID, version}
		},
		one: `SELECT ` + feedbackCols + ` FROM feedback f
			JOIN prototypes p ON p.id = f.prototype_id WHERE f.id = ? AND p.table_id = ?`,
		scan: func(row scanner) (any, int, bool, error) {
			f, err := scanFeedback(row)
			return f, f.Version, f.DeletedAt != nil, err
		},
		created: func(rec model.Contribution, t time.Time) any {
			f := *rec.(*model.Feedback)
			f.Version, f.CreatedAt, f.UpdatedAt = 1, t, t
			return f
		},
		parent: func(rec model.Contribution) (string, string, string) {
			return "prototypes", rec.(*model.Feedback).PrototypeID, "prototype_id"
		},
	},
}

func setTable(rec model.Contribution, tableID string) {
	if k := contributionKinds[rec.ContributionKind()]; k.setTable != nil {
		k.setTable(rec, tableID)
	}
}

// checkVersion refuses a change to a record that is missing, deleted or at
// another version than the client saw.
func checkVersion(ctx context.Context, tx *Tx, tableID, kind, id string, version int) error {
	cur, curVersion, deleted, err := readContribution(ctx, tx, tableID, kind, id)
	if model.KindOf(err) == model.KindNotFound {
		return model.NotFound("live.error.record_not_found")
	}
	if err != nil {
		return err
	}
	if deleted {
		return model.NotFound("live.error.record_deleted")
	}
	if curVersion != version {
		return &StaleError{Kind: kind, Current: cur}
	}
	return nil
}

// checkParents makes sure a record only points at live records of its own table.
func checkParents(ctx context.Context, tx *Tx, tableID string, rec model.Contribution) error {
	k := contributionKinds[rec.ContributionKind()]
	if k.parent == nil {
		return nil
	}
	table, id, field := k.parent(rec)
	if id == "" {
		return nil
	}
	var one int
	err := tx.QueryRowContext(ctx, `SELECT 1 FROM `+table+` WHERE id = ? AND table_id = ? AND deleted_at IS NULL`, id, tableID).Scan(&one)
	if errors.Is(err, sql.ErrNoRows) {
		return model.Invalid(model.FieldErrors{field: {Key: "validation.reference"}})
	}
	return err
}

// created is a new record as stored (and as readContribution would read it
// back): version 1, both times now at the stored precision, no ratings yet.
func created(rec model.Contribution, now time.Time) any {
	return contributionKinds[rec.ContributionKind()].created(rec, parseTime(formatTime(now)))
}

func insertContribution(tx *Tx, rec model.Contribution, now time.Time) error {
	k := contributionKinds[rec.ContributionKind()]
	_, err := tx.Exec(k.insert, k.insertArgs(rec, formatTime(now))...)
	var se sqlite3.Error
	if errors.As(err, &se) && se.Code == sqlite3.ErrConstraint && strings.Contains(se.Error(), ".id") {
		// The UUID belongs to another record (or another table's): never overwrite it.
		return model.Conflict("live.error.id_taken")
	}
	return err
}

func updateContribution(tx *Tx, rec model.Contribution, version int, now time.Time) error {
	k := contributionKinds[rec.ContributionKind()]
	_, err := tx.Exec(k.update, k.updateArgs(rec, formatTime(now), version)...)
	return err
}

// Column lists and scanners, one per kind.
const (
	profileNoteCols = `n.id, n.table_id, n.kind, n.text, n.version, n.created_at, n.updated_at, n.deleted_at`
	userStoryCols   = `u.id, u.table_id, u.as_who, u.want, u.so_that, u.version, u.created_at, u.updated_at, u.deleted_at`
	ideaCols        = `i.id, i.table_id, i.title, i.description, COALESCE(i.principle, ''), i.chosen, i.version, i.created_at, i.updated_at, i.deleted_at`
	prototypeCols   = `p.id, p.table_id, COALESCE(p.idea_id, ''), p.description, p.iteration, p.photo_path, p.version, p.created_at, p.updated_at, p.deleted_at`
	feedbackCols    = `f.id, f.prototype_id, f.kind, f.text, f.version, f.created_at, f.updated_at, f.deleted_at`
	// ratingAgg follows ideaCols in queries that join idea_ratings r.
	ratingAgg = `COUNT(r.id), COALESCE(AVG(r.impact), 0), COALESCE(AVG(r.feasibility), 0)`
)

type times struct {
	created, updated string
	deleted          sql.NullString
}

func (t times) apply(created, updated *time.Time, deleted **time.Time) {
	*created, *updated, *deleted = parseTime(t.created), parseTime(t.updated), parseNullTime(t.deleted)
}

func scanProfileNote(row scanner) (model.ProfileNote, error) {
	var n model.ProfileNote
	var t times
	err := row.Scan(&n.ID, &n.TableID, &n.Kind, &n.Text, &n.Version, &t.created, &t.updated, &t.deleted)
	t.apply(&n.CreatedAt, &n.UpdatedAt, &n.DeletedAt)
	return n, err
}

func scanUserStory(row scanner) (model.UserStory, error) {
	var u model.UserStory
	var t times
	err := row.Scan(&u.ID, &u.TableID, &u.AsWho, &u.Want, &u.SoThat, &u.Version, &t.created, &t.updated, &t.deleted)
	t.apply(&u.CreatedAt, &u.UpdatedAt, &u.DeletedAt)
	return u, err
}

func scanRatedIdea(row scanner) (model.RatedIdea, error) {
	var i model.RatedIdea
	var t times
	err := row.Scan(&i.ID, &i.TableID, &i.Title, &i.Description, &i.Principle, &i.Chosen, &i.Version, &t.created, &t.updated, &t.deleted,
		&i.Ratings.Count, &i.Ratings.Impact, &i.Ratings.Feasibility)
	t.apply(&i.CreatedAt, &i.UpdatedAt, &i.DeletedAt)
	i.Ratings.Impact, i.Ratings.Feasibility = round2(i.Ratings.Impact), round2(i.Ratings.Feasibility)
	return i, err
}

func scanPrototype(row scanner) (model.Prototype, error) {
	var p model.Prototype
	var t times
	err := row.Scan(&p.ID, &p.TableID, &p.IdeaID, &p.Description, &p.Iteration, &p.PhotoPath, &p.Version, &t.created, &t.updated, &t.deleted)
	t.apply(&p.CreatedAt, &p.UpdatedAt, &p.DeletedAt)
	return p, err
}

func scanFeedback(row scanner) (model.Feedback, error) {
	var f model.Feedback
	var t times
	err := row.Scan(&f.ID, &f.PrototypeID, &f.Kind, &f.Text, &f.Version, &t.created, &t.updated, &t.deleted)
	t.apply(&f.CreatedAt, &f.UpdatedAt, &f.DeletedAt)
	return f, err
}

// round2 keeps two decimals: means are shown and compared as 3.67, not 3.6666….
func round2(x float64) float64 { return math.Round(x*100) / 100 }

// readContribution reads one record of a table (deleted ones too) as it is
// sent to clients, with its version and whether it is deleted.
func readContribution(ctx context.Context, q querier, tableID, kind, id string) (rec any, version int, deleted bool, err error) {
	k, ok := contributionKinds[kind]
	if !ok {
		return nil, 0, false, model.Invalid(model.FieldErrors{"kind": {Key: "validation.choice"}})
	}
	rec, version, deleted, err = k.scan(q.QueryRowContext(ctx, k.one, id, tableID))
	return rec, version, deleted, notFound(err)
}

func notFound(err error) error {
	if errors.Is(err, sql.ErrNoRows) {
		return model.NotFound("live.error.record_not_found")
	}
	return err
}

// TableRecord returns a table's live record (deleted records left out) and
// the seq of its room at that moment, read in one transaction so that the
// record is exactly the sum of events 1…Seq. rater, when set, adds each
// idea's rating by that rater (MyRating). The part every reader shares is
// kept (tableRecords): the phones of a table joining together read it once.
func (s *Store) TableRecord(ctx context.Context, tableID, rater string) (model.TableRecord, error) {
	var rec model.TableRecord
	gen := s.writer.outsideLive.Load() // before the snapshot starts (see tableRecords)
	tx, err := s.read.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		return rec, err
	}
	defer tx.Rollback()
	// The first read starts the snapshot: everything below sees the same state.
	if rec.Seq, err = lastSeq(ctx, tx, liveproto.TableRoom(tableID)); err != nil {
		return rec, err
	}
	if shared, ok := s.records.get(tableID, rec.Seq, gen); ok {
		rec = shared
	} else {
		if rec, err = readTableRecord(ctx, tx, tableID, rec.Seq); err != nil {
			return rec, err
		}
		s.records.put(tableID, rec, gen, s.writer.outsideLive.Load())
	}
	// The timer's remaining time depends on the clock: never kept.
	if rec.Timer, err = readTimer(ctx, tx, tableID, s.now()); err != nil {
		return rec, err
	}
	if rater != "" {
		mine, err := ratingsBy(ctx, tx, tableID, rater)
		if err != nil {
			return rec, err
		}
		rec.Ideas = slices.Clone(rec.Ideas) // the shared ones stay without anyone's rating
		for i := range rec.Ideas {
			if r, ok := mine[rec.Ideas[i].ID]; ok {
				rec.Ideas[i].MyRating = &r
			}
		}
	}
	return rec, nil
}

// readTableRecord reads the part of a table's record that is the same for
// every reader, at seq, inside tx.
func readTableRecord(ctx context.Context, tx *sql.Tx, tableID string, seq int64) (model.TableRecord, error) {
	rec := model.TableRecord{Seq: seq}
	var err error
	if rec.Table, err = tableInfo(ctx, tx, tableID); err != nil {
		return rec, err
	}
	if rec.ProfileNotes, err = collect(ctx, tx, scanProfileNote, `SELECT `+profileNoteCols+` FROM profile_notes n
		WHERE n.table_id = ? AND n.deleted_at IS NULL ORDER BY n.created_at, n.rowid`, tableID); err != nil {
		return rec, err
	}
	if rec.UserStories, err = collect(ctx, tx, scanUserStory, `SELECT `+userStoryCols+` FROM user_stories u
		WHERE u.table_id = ? AND u.deleted_at IS NULL ORDER BY u.created_at, u.rowid`, tableID); err != nil {
		return rec, err
	}
	if rec.Ideas, err = collect(ctx, tx, scanRatedIdea, `SELECT `+ideaCols+`, `+ratingAgg+` FROM ideas i
		LEFT JOIN idea_ratings r ON r.idea_id = i.id
		WHERE i.table_id = ? AND i.deleted_at IS NULL GROUP BY i.id ORDER BY i.created_at, i.rowid`, tableID); err != nil {
		return rec, err
	}
	if rec.Prototypes, err = collect(ctx, tx, scanPrototype, `SELECT `+prototypeCols+` FROM prototypes p
		WHERE p.table_id = ? AND p.deleted_at IS NULL ORDER BY p.created_at, p.rowid`, tableID); err != nil {
		return rec, err
	}
	rec.Feedback, err = collect(ctx, tx, scanFeedback, `SELECT `+feedbackCols+` FROM feedback f
		JOIN prototypes p ON p.id = f.prototype_id
		WHERE p.table_id = ? AND f.deleted_at IS NULL AND p.deleted_at IS NULL ORDER BY f.created_at, f.rowid`, tableID)
	return rec, err
}

// collect runs a query and scans every row with scan; never nil, so JSON shows [].
func collect[T any](ctx context.Context, q querier, scan func(scanner) (T, error), query string, args ...any) ([]T, error) {
	rows, err := q.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := []T{}
	for rows.Next() {
		v, err := scan(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, v)
	}
	return out, rows.Err()
}

// stringSet reads a one-column query into a set.
func stringSet(ctx context.Context, q querier, query string, args ...any) (map[string]bool, error) {
	list, err := collect(ctx, q, func(row scanner) (string, error) {
		var v string
		return v, row.Scan(&v)
	}, query, args...)
	set := make(map[string]bool, len(list))
	for _, v := range list {
		set[v] = true
	}
	return set, err
}

// tableInfo is a table with its problem and profile names.
func tableInfo(ctx context.Context, q querier, tableID string) (model.TableInfo, error) {
	var t model.TableInfo
	var started sql.NullString
	err := q.QueryRowContext(ctx, `SELECT t.id, t.workshop_id, t.number, COALESCE(pr.title, ''), COALESCE(up.name, ''), t.phase, t.phase_started_at
		FROM workshop_tables t
		LEFT JOIN problems pr ON pr.id = t.problem_id
		LEFT JOIN user_profiles up ON up.id = t.profile_id
		WHERE t.id = ?`, tableID).Scan(&t.ID, &t.WorkshopID, &t.Number, &t.Problem, &t.Profile, &t.Phase, &started)
	if errors.Is(err, sql.ErrNoRows) {
		return t, model.NotFound("error.table_not_found")
	}
	t.PhaseStartedAt = parseNullTime(started)
	return t, err
}

// TableInfo returns a table with its problem and profile names.
func (s *Store) TableInfo(ctx context.Context, tableID string) (model.TableInfo, error) {
	return tableInfo(ctx, s.read, tableID)
}
