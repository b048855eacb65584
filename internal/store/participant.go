package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"sort"
	"strings"
	"time"

	"github.com/minka-gob/minka/internal/model"
)

const participantColumns = `id, workshop_id, name, gender, sector, organization, email, phone, consent_at, source,
	registered_at, checked_in_at, COALESCE(table_id, ''), erased_at`

func scanParticipant(row interface{ Scan(...any) error }) (model.Participant, error) {
	var p model.Participant
	var consent, registered string
	var checked, erased sql.NullString
	err := row.Scan(&p.ID, &p.WorkshopID, &p.Name, &p.Gender, &p.Sector, &p.Organization, &p.Email, &p.Phone,
		&consent, &p.Source, &registered, &checked, &p.TableID, &erased)
	p.Consent = consent != ""
	p.RegisteredAt = parseTime(registered)
	p.CheckedInAt = parseNullTime(checked)
	p.ErasedAt = parseNullTime(erased)
	return p, err
}

// RowsError reports, by position in a batch, every row that cannot be
// stored and why. Nothing of the batch was stored.
type RowsError struct {
	Rows map[int]model.FieldErrors
}

func (e *RowsError) Error() string {
	idx := make([]int, 0, len(e.Rows))
	for i := range e.Rows {
		idx = append(idx, i)
	}
	sort.Ints(idx)
	parts := make([]string, 0, len(idx))
	for _, i := range idx {
		parts = append(parts, fmt.Sprintf("row %d: %v", i, model.Invalid(e.Rows[i])))
	}
	return "store: rows refused: " + strings.Join(parts, "; ")
}

// Unwrap makes a RowsError an invalid-input error for the error mapping.
func (e *RowsError) Unwrap() error {
	return model.InvalidMsg("participants.import.error.rows", len(e.Rows))
}

// CreateParticipant validates and stores one registration. Registrations
// through the public form (Source "form", the default) are refused when the
// workshop is closed; the Secretariat may still add people through the API or
// an import. The same person (same folded name and contact) cannot register
// twice for a workshop.
func (s *Store) CreateParticipant(ctx context.Context, p *model.Participant) error {
	p.Normalize()
	if p.Source == "" {
		p.Source = model.SourceForm
	}
	if err := p.Validate(); err != nil {
		return err
	}
	return s.Write(ctx, func(tx *Tx) error {
		status, err := workshopStatus(tx, p.WorkshopID)
		if err != nil {
			return err
		}
		if p.Source == model.SourceForm && status == model.WorkshopClosed {
			return model.Conflict("participants.error.registration_closed")
		}
		if fields, err := insertParticipant(tx, p, s.stamp()); err != nil || fields != nil {
			if fields != nil {
				return model.Invalid(fields)
			}
			return err
		}
		return nil
	})
}

// ImportParticipants stores every participant of ps for a workshop in ONE
// write: all of them, or — when any row is invalid or a duplicate — none,
// with a *RowsError naming each bad row by its index in ps. On success the
// participants of ps have their IDs and times filled in.
func (s *Store) ImportParticipants(ctx context.Context, workshopID string, ps []model.Participant) error {
	return s.importParticipants(ctx, workshopID, ps, false)
}

// CheckImport runs every check of ImportParticipants — validation,
// duplicates in the file and in the workshop — and stores nothing: the
// preview of an import.
func (s *Store) CheckImport(ctx context.Context, workshopID string, ps []model.Participant) error {
	return s.importParticipants(ctx, workshopID, ps, true)
}

// ImportProcessParticipants stores the participants of a process-wide file,
// each in the workshop its WorkshopID names, in ONE write: all of them or,
// when any row is invalid or a duplicate, none (a *RowsError by index).
func (s *Store) ImportProcessParticipants(ctx context.Context, ps []model.Participant) error {
	return s.importParticipants(ctx, "", ps, false)
}

// CheckProcessImport runs every check of ImportProcessParticipants and
// stores nothing.
func (s *Store) CheckProcessImport(ctx context.Context, ps []model.Participant) error {
	return s.importParticipants(ctx, "", ps, true)
}

// errDryRun rolls back a dry run's write.
var errDryRun = errors.New("store: dry run")

// importParticipants imports ps into workshopID, or, when workshopID is
// "", each into the workshop its WorkshopID names.
func (s *Store) importParticipants(ctx context.Context, workshopID string, ps []model.Participant, dryRun bool) error {
	bad := map[int]model.FieldErrors{}
	for i := range ps {
		p := &ps[i]
		if workshopID != "" {
			p.WorkshopID = workshopID
		}
		p.Normalize()
		if p.Source == "" {
			p.Source = model.SourceImport
		}
		if err := p.Validate(); err != nil {
			e, ok := model.AsError(err)
			if !ok {
				return err
			}
			bad[i] = e.Fields
		}
	}
	// Even when some rows are invalid, the others are tried inside the write
	// (and rolled back) so that duplicates are reported in the same pass.
	err := s.Write(ctx, func(tx *Tx) error {
		checked := map[string]bool{}
		for i := range ps {
			if id := ps[i].WorkshopID; !checked[id] {
				if _, err := workshopStatus(tx, id); err != nil {
					return err
				}
				checked[id] = true
			}
		}
		if workshopID != "" && len(ps) == 0 {
			if _, err := workshopStatus(tx, workshopID); err != nil {
				return err
			}
		}
		now := s.stamp()
		for i := range ps {
			if _, invalid := bad[i]; invalid {
				continue
			}
			fields, err := insertParticipant(tx, &ps[i], now)
			if err != nil {
				return err
			}
			if fields != nil {
				bad[i] = fields
			}
		}
		if len(bad) > 0 {
			return &RowsError{Rows: bad}
		}
		if dryRun {
			return errDryRun
		}
		return nil
	})
	if errors.Is(err, errDryRun) {
		return nil
	}
	return err
}

// insertParticipant stores a validated participant. It returns field errors
// (not an error) for a duplicate or a table of another workshop, so that an
// import can report every bad row.
func insertParticipant(tx *Tx, p *model.Participant, now time.Time) (model.FieldErrors, error) {
	key := dedupeKey(p)
	var other string
	err := tx.QueryRow(`SELECT id FROM participants WHERE workshop_id = ? AND dedupe_key = ?`, p.WorkshopID, key).Scan(&other)
	if err == nil {
		field := "email"
		if p.Email == "" {
			field = "phone"
		}
		return model.FieldErrors{field: {Key: "participants.error.duplicate"}}, nil
	}
	if !errors.Is(err, sql.ErrNoRows) {
		return nil, err
	}
	if p.TableID != "" {
		if fields, err := checkTable(tx, p.TableID, p.WorkshopID); fields != nil || err != nil {
			return fields, err
		}
		if p.CheckedInAt == nil {
			t := now
			p.CheckedInAt = &t // seated means present
		}
	}
	if p.ID == "" {
		p.ID = NewID()
	}
	p.RegisteredAt = now
	var checked sql.NullString
	if p.CheckedInAt != nil {
		checked = nullString(formatTime(*p.CheckedInAt))
	}
	_, err = tx.Exec(`INSERT INTO participants(id, workshop_id, name, gender, sector, organization, email, phone, consent_at,
		source, registered_at, checked_in_at, table_id, search, dedupe_key) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)`,
		p.ID, p.WorkshopID, p.Name, p.Gender, p.Sector, p.Organization, p.Email, p.Phone, formatTime(now),
		p.Source, formatTime(now), checked, nullString(p.TableID), searchText(p), key)
	return nil, err
}

// stamp is the current time at the precision stored (milliseconds), so that
// what a write returns equals what a later read gives.
func (s *Store) stamp() time.Time { return s.now().UTC().Truncate(time.Millisecond) }

// dedupeKey identifies a person within a workshop: folded name and the
// e-mail address, or the phone's digits when there is no e-mail.
func dedupeKey(p *model.Participant) string {
	contact := strings.ToLower(p.Email)
	if contact == "" {
		contact = digits(p.Phone)
	}
	return model.Fold(p.Name) + "|" + contact
}

func digits(s string) string {
	var b strings.Builder
	for _, r := range s {
		if r >= '0' && r <= '9' {
			b.WriteRune(r)
		}
	}
	return b.String()
}

func searchText(p *model.Participant) string {
	return model.Fold(strings.Join([]string{p.Name, p.Organization, p.Email, p.Phone}, " "))
}

// workshopStatus returns the status of a workshop, or not found.
func workshopStatus(tx *Tx, id string) (string, error) {
	var status string
	err := tx.QueryRow(`SELECT status FROM workshops WHERE id = ?`, id).Scan(&status)
	if errors.Is(err, sql.ErrNoRows) {
		return "", model.NotFound("error.workshop_not_found")
	}
	return status, err
}

// checkTable makes sure a table exists and belongs to the workshop.
func checkTable(tx *Tx, tableID, workshopID string) (model.FieldErrors, error) {
	var ws string
	err := tx.QueryRow(`SELECT workshop_id FROM workshop_tables WHERE id = ?`, tableID).Scan(&ws)
	if errors.Is(err, sql.ErrNoRows) {
		return model.FieldErrors{"table_id": {Key: "validation.reference"}}, nil
	}
	if err != nil {
		return nil, err
	}
	if ws != workshopID {
		return model.FieldErrors{"table_id": {Key: "participants.error.table_other_workshop"}}, nil
	}
	return nil, nil
}

// Participants lists a workshop's participants by name. A non-empty query
// keeps those whose name, organization, e-mail or phone contains every word
// of it, ignoring case and accents ("maria" finds "María").
func (s *Store) Participants(ctx context.Context, workshopID, query string) ([]model.Participant, error) {
	q := `SELECT ` + participantColumns + ` FROM participants WHERE workshop_id = ?`
	args := []any{workshopID}
	for _, word := range strings.Fields(model.Fold(query)) {
		q += ` AND search LIKE ? ESCAPE '\'`
		args = append(args, "%"+likeEscape(word)+"%")
	}
	q += ` ORDER BY search, registered_at`
	rows, err := s.read.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var ps []model.Participant
	for rows.Next() {
		p, err := scanParticipant(rows)
		if err != nil {
			return nil, err
		}
		ps = append(ps, p)
	}
	return ps, rows.Err()
}

func likeEscape(s string) string {
	return strings.NewReplacer(`\`, `\\`, `%`, `\%`, `_`, `\_`).Replace(s)
}

// Participant returns one participant.
func (s *Store) Participant(ctx context.Context, id string) (model.Participant, error) {
	p, err := scanParticipant(s.read.QueryRowContext(ctx, `SELECT `+participantColumns+` FROM participants WHERE id = ?`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return p, model.NotFound("participants.error.not_found")
	}
	return p, err
}

// CheckIn marks a participant as present and seats them at tableID (a table
// of the participant's own workshop), or at no table when tableID is empty.
// Checking in again moves the person to another table and keeps the time of
// arrival.
func (s *Store) CheckIn(ctx context.Context, id, tableID string) (model.Participant, error) {
	tableID = model.Clean(tableID)
	var v model.Validator
	v.UUID("table_id", tableID, false)
	if err := v.Err(); err != nil {
		return model.Participant{}, err
	}
	var out model.Participant
	err := s.Write(ctx, func(tx *Tx) error {
		p, err := scanParticipant(tx.QueryRow(`SELECT `+participantColumns+` FROM participants WHERE id = ?`, id))
		if errors.Is(err, sql.ErrNoRows) {
			return model.NotFound("participants.error.not_found")
		}
		if err != nil {
			return err
		}
		if err := refuseInField(tx, p.WorkshopID); err != nil {
			return err
		}
		if tableID != "" {
			if fields, err := checkTable(tx, tableID, p.WorkshopID); fields != nil || err != nil {
				if fields != nil {
					return model.Invalid(fields)
				}
				return err
			}
		}
		now := s.stamp()
		if p.CheckedInAt == nil {
			p.CheckedInAt = &now
		}
		p.TableID = tableID
		_, err = tx.Exec(`UPDATE participants SET checked_in_at = ?, table_id = ? WHERE id = ?`,
			formatTime(*p.CheckedInAt), nullString(tableID), id)
		out = p
		return err
	})
	return out, err
}

// UndoCheckIn clears a participant's attendance and seat (a mistake at the desk).
func (s *Store) UndoCheckIn(ctx context.Context, id string) (model.Participant, error) {
	var out model.Participant
	err := s.Write(ctx, func(tx *Tx) error {
		if err := refuseInField(tx, participantWorkshop(tx, id)); err != nil {
			return err
		}
		res, err := tx.Exec(`UPDATE participants SET checked_in_at = NULL, table_id = NULL WHERE id = ?`, id)
		if err != nil {
			return err
		}
		if err := mustAffect(res); err != nil {
			return model.NotFound("participants.error.not_found")
		}
		out, err = scanParticipant(tx.QueryRow(`SELECT `+participantColumns+` FROM participants WHERE id = ?`, id))
		return err
	})
	return out, err
}
