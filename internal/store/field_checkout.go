package store

import (
	"context"
	"database/sql"
	"errors"
	"time"

	"github.com/minka-gob/minka/internal/model"
)

// FieldToken lets one field laptop check out one workshop and bring it back.
// Only hashes of its secret are stored.
type FieldToken struct {
	ID         string
	WorkshopID string
	Workshop   string // city and date, for the admin page
	Label      string
	SecretHash string
	BundleKey  string
	CreatedAt  time.Time
	RevokedAt  *time.Time
	CheckoutID string // the active checkout made with it, if any
	CheckedOut *time.Time
	LastPushAt *time.Time
	LastVerify bool
	PushedRows int
	ReturnedAt *time.Time
}

// FieldCheckout is a workshop checked out to a field laptop.
type FieldCheckout struct {
	ID         string
	WorkshopID string
	TokenID    string
	CreatedAt  time.Time
	ReturnedAt *time.Time
}

// FieldOrigin is, on a field laptop, where its workshop came from.
type FieldOrigin struct {
	NationalURL string
	WorkshopID  string
	TokenID     string
	TokenSecret string
	CheckoutID  string
	PulledAt    time.Time
	PushedAt    *time.Time
	ReturnedAt  *time.Time
}

// CreateFieldToken stores a token for a workshop (its secret already hashed).
func (s *Store) CreateFieldToken(ctx context.Context, t *FieldToken) error {
	t.Label = trimLabel(t.Label)
	return s.Write(ctx, func(tx *Tx) error {
		if err := requireWorkshop(tx, t.WorkshopID); err != nil {
			return err
		}
		if t.ID == "" {
			t.ID = NewID()
		}
		now := s.now()
		t.CreatedAt = parseTime(formatTime(now))
		_, err := tx.Exec(`INSERT INTO field_tokens(id, workshop_id, label, secret_hash, bundle_key_secret, created_at) VALUES (?,?,?,?,?,?)`,
			t.ID, t.WorkshopID, t.Label, t.SecretHash, t.BundleKey, formatTime(now))
		return err
	})
}

func trimLabel(s string) string {
	r := []rune(s)
	if len(r) > 100 {
		r = r[:100]
	}
	return string(r)
}

const fieldTokenQuery = `SELECT t.id, t.workshop_id, w.city || ' ' || w.date, t.label, t.secret_hash, t.bundle_key_secret, t.created_at, t.revoked_at,
	COALESCE(c.id, ''), c.created_at, c.returned_at,
	(SELECT MAX(p.updated_at) FROM field_pushes p JOIN field_checkouts pc ON pc.id = p.checkout_id WHERE pc.token_id = t.id),
	COALESCE((SELECT p.verified_at IS NOT NULL FROM field_pushes p JOIN field_checkouts pc ON pc.id = p.checkout_id WHERE pc.token_id = t.id ORDER BY p.updated_at DESC LIMIT 1), 0),
	COALESCE((SELECT SUM(p.rows) FROM field_pushes p JOIN field_checkouts pc ON pc.id = p.checkout_id WHERE pc.token_id = t.id), 0)
	FROM field_tokens t JOIN workshops w ON w.id = t.workshop_id
	LEFT JOIN field_checkouts c ON c.id = (SELECT id FROM field_checkouts WHERE token_id = t.id ORDER BY created_at DESC LIMIT 1)`

func scanFieldToken(row interface{ Scan(...any) error }) (FieldToken, error) {
	var t FieldToken
	var created string
	var revoked, checked, returned, pushed sql.NullString
	err := row.Scan(&t.ID, &t.WorkshopID, &t.Workshop, &t.Label, &t.SecretHash, &t.BundleKey, &created, &revoked,
		&t.CheckoutID, &checked, &returned, &pushed, &t.LastVerify, &t.PushedRows)
	t.CreatedAt = parseTime(created)
	t.RevokedAt, t.CheckedOut, t.ReturnedAt, t.LastPushAt = parseNullTime(revoked), parseNullTime(checked), parseNullTime(returned), parseNullTime(pushed)
	return t, err
}

// FieldTokens lists every token, newest first.
func (s *Store) FieldTokens(ctx context.Context) ([]FieldToken, error) {
	rows, err := s.read.QueryContext(ctx, fieldTokenQuery+` ORDER BY t.created_at DESC, t.id`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []FieldToken
	for rows.Next() {
		t, err := scanFieldToken(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, t)
	}
	return out, rows.Err()
}

// FieldTokenByID returns one token (model.NotFound when unknown).
func (s *Store) FieldTokenByID(ctx context.Context, id string) (FieldToken, error) {
	t, err := scanFieldToken(s.read.QueryRowContext(ctx, fieldTokenQuery+` WHERE t.id = ?`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return t, model.NotFound("field.error.token_unknown")
	}
	return t, err
}

// RevokeFieldToken stops a token from pulling and pushing.
func (s *Store) RevokeFieldToken(ctx context.Context, id string) error {
	return s.Write(ctx, func(tx *Tx) error {
		res, err := tx.Exec(`UPDATE field_tokens SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL`, s.nowText(), id)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return model.NotFound("field.error.token_unknown")
		}
		return nil
	})
}

// CheckoutWorkshop checks a workshop out to the laptop that chose
// checkoutID. Asking again with the same id is answered the same (a lost
// answer can be asked for again); any other checkout of a workshop already
// in the field is refused.
func (s *Store) CheckoutWorkshop(ctx context.Context, tokenID, workshopID, checkoutID string) error {
	if !model.IsUUID(checkoutID) {
		return model.InvalidMsg("field.error.bad_request")
	}
	return s.Write(ctx, func(tx *Tx) error {
		var id, tok string
		err := tx.QueryRow(`SELECT id, token_id FROM field_checkouts WHERE workshop_id = ? AND returned_at IS NULL`, workshopID).Scan(&id, &tok)
		switch {
		case err == nil && id == checkoutID && tok == tokenID:
			return nil
		case err == nil:
			return model.Conflict("field.error.checked_out")
		case !errors.Is(err, sql.ErrNoRows):
			return err
		}
		var n int
		if err := tx.QueryRow(`SELECT COUNT(*) FROM field_checkouts WHERE id = ?`, checkoutID).Scan(&n); err != nil {
			return err
		}
		if n > 0 {
			return model.Conflict("field.error.returned")
		}
		_, err = tx.Exec(`INSERT INTO field_checkouts(id, workshop_id, token_id, created_at) VALUES (?,?,?,?)`,
			checkoutID, workshopID, tokenID, s.nowText())
		return err
	})
}

// ActiveFieldCheckout returns the checkout a workshop is in the field
// under, or nil when it is not in the field.
func (s *Store) ActiveFieldCheckout(ctx context.Context, workshopID string) (*FieldCheckout, error) {
	c := FieldCheckout{WorkshopID: workshopID}
	var created string
	err := s.read.QueryRowContext(ctx, `SELECT id, token_id, created_at FROM field_checkouts WHERE workshop_id = ? AND returned_at IS NULL`,
		workshopID).Scan(&c.ID, &c.TokenID, &created)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, nil
	}
	c.CreatedAt = parseTime(created)
	return &c, err
}

// WorkshopsInField returns the ids of the workshops in the field.
func (s *Store) WorkshopsInField(ctx context.Context) (map[string]bool, error) {
	return stringSet(ctx, s.read, `SELECT workshop_id FROM field_checkouts WHERE returned_at IS NULL`)
}

// ReturnFieldCheckout ends a workshop's checkout from the national side
// (a laptop lost or broken): the workshop is editable here again and that
// laptop can no longer push.
func (s *Store) ReturnFieldCheckout(ctx context.Context, workshopID string) error {
	return s.Write(ctx, func(tx *Tx) error {
		res, err := tx.Exec(`UPDATE field_checkouts SET returned_at = ? WHERE workshop_id = ? AND returned_at IS NULL`, s.nowText(), workshopID)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return model.NotFound("field.error.not_in_field")
		}
		return nil
	})
}

// refuseInField refuses a change on this instance to a workshop checked
// out to a field laptop: the laptop holds it until it is brought back.
func refuseInField(tx *Tx, workshopID string) error {
	in, err := workshopInField(tx, workshopID)
	if err == nil && in {
		err = model.Conflict("field.error.in_field")
	}
	return err
}

// workshopInField reports whether the workshop is checked out to a field laptop.
func workshopInField(tx *Tx, workshopID string) (bool, error) {
	var n int
	err := tx.QueryRow(`SELECT COUNT(*) FROM field_checkouts WHERE workshop_id = ? AND returned_at IS NULL`, workshopID).Scan(&n)
	return n > 0, err
}

// refuseTableInField is refuseInField for a workshop table.
func refuseTableInField(tx *Tx, tableID string) error {
	var n int
	if err := tx.QueryRow(`SELECT COUNT(*) FROM field_checkouts c JOIN workshop_tables t ON t.workshop_id = c.workshop_id
		WHERE t.id = ? AND c.returned_at IS NULL`, tableID).Scan(&n); err != nil {
		return err
	}
	if n > 0 {
		return model.Conflict("field.error.in_field")
	}
	return nil
}

// FieldBatch is one numbered batch of a push.
type FieldBatch struct {
	TokenID    string
	CheckoutID string
	PushID     string
	Kind       string // "push" or "bundle"
	Seq        int64
	Digest     string
	Tables     []FieldRows
}

// FieldAck answers a batch: the push's last applied seq and whether this
// batch had been applied before.
type FieldAck struct {
	Seq     int64 `json:"seq"`
	LastSeq int64 `json:"last_seq"`
	Dup     bool  `json:"dup"`
}

// activeCheckout loads the checkout a push names and checks that the token
// made it and that it is still out.
func activeCheckout(tx querier, tokenID, checkoutID string) (FieldCheckout, error) {
	c := FieldCheckout{ID: checkoutID}
	var returned sql.NullString
	err := tx.QueryRowContext(context.Background(), `SELECT workshop_id, token_id, returned_at FROM field_checkouts WHERE id = ?`, checkoutID).
		Scan(&c.WorkshopID, &c.TokenID, &returned)
	if errors.Is(err, sql.ErrNoRows) {
		return c, model.Conflict("field.error.not_checked_out")
	}
	if err != nil {
		return c, err
	}
	if c.TokenID != tokenID {
		return c, model.Forbidden("field.error.other_workshop")
	}
	if returned.Valid {
		return c, model.Conflict("field.error.returned")
	}
	return c, nil
}

// ApplyFieldBatch applies one batch of a push, whole or not at all, in the
// order of seq: a batch already applied is acknowledged again (dup) and
// changes nothing; a batch after a gap is refused with the last seq applied,
// from which the laptop resumes.
func (s *Store) ApplyFieldBatch(ctx context.Context, b FieldBatch) (FieldAck, error) {
	ack := FieldAck{Seq: b.Seq}
	if !model.IsUUID(b.PushID) || b.Seq < 1 {
		return ack, model.InvalidMsg("field.error.bad_request")
	}
	err := s.Write(ctx, func(tx *Tx) error {
		c, err := activeCheckout(tx, b.TokenID, b.CheckoutID)
		if err != nil {
			return err
		}
		last, digest, err := fieldPush(tx, c.ID, b.PushID, b.Kind, s.nowText())
		if err != nil {
			return err
		}
		ack.LastSeq = last
		switch {
		case b.Seq < last || (b.Seq == last && digest == b.Digest):
			ack.Dup = true
			return nil
		case b.Seq != last+1:
			return model.Conflict("field.error.gap", last)
		}
		rows := 0
		for _, fr := range b.Tables {
			if err := s.applyFieldRows(tx, fr, FieldWorkshopTables, c.WorkshopID); err != nil {
				return err
			}
			rows += len(fr.Rows)
		}
		if _, err := tx.Exec(`UPDATE field_pushes SET last_seq = ?, last_digest = ?, rows = rows + ?, updated_at = ? WHERE id = ?`,
			b.Seq, b.Digest, rows, s.nowText(), b.PushID); err != nil {
			return err
		}
		ack.LastSeq = b.Seq
		return nil
	})
	return ack, err
}

// fieldPush returns the push's last seq and digest, creating it at its first batch.
func fieldPush(tx *Tx, checkoutID, pushID, kind, now string) (int64, string, error) {
	if kind == "" {
		kind = "push"
	}
	var last int64
	var digest, owner string
	err := tx.QueryRow(`SELECT checkout_id, last_seq, last_digest FROM field_pushes WHERE id = ?`, pushID).Scan(&owner, &last, &digest)
	if errors.Is(err, sql.ErrNoRows) {
		_, err = tx.Exec(`INSERT INTO field_pushes(id, checkout_id, kind, created_at, updated_at) VALUES (?,?,?,?,?)`, pushID, checkoutID, kind, now, now)
		return 0, "", err
	}
	if err == nil && owner != checkoutID {
		return 0, "", model.Forbidden("field.error.other_workshop")
	}
	return last, digest, err
}

// FieldPushState returns the last seq applied of a push (0 if none yet).
func (s *Store) FieldPushState(ctx context.Context, tokenID, checkoutID, pushID string) (int64, error) {
	if _, err := activeCheckout(s.read, tokenID, checkoutID); err != nil {
		return 0, err
	}
	var last int64
	err := s.read.QueryRowContext(ctx, `SELECT last_seq FROM field_pushes WHERE id = ? AND checkout_id = ?`, pushID, checkoutID).Scan(&last)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, nil
	}
	return last, err
}

// FinishFieldPush compares what the laptop sent (the manifest) with what is
// stored. When they agree the push is marked verified and, with release,
// the checkout ends (the workshop is editable here again).
func (s *Store) FinishFieldPush(ctx context.Context, tokenID, checkoutID, pushID string, m FieldManifest, release bool) (FieldVerification, error) {
	var v FieldVerification
	err := s.Write(ctx, func(tx *Tx) error {
		c, err := activeCheckout(tx, tokenID, checkoutID)
		if err != nil {
			return err
		}
		if _, _, err := fieldPush(tx, c.ID, pushID, "push", s.nowText()); err != nil {
			return err
		}
		if v, err = verifyField(ctx, tx, m); err != nil {
			return err
		}
		if !v.OK {
			return nil
		}
		return s.markVerified(tx, c.ID, pushID, release)
	})
	return v, err
}

func (s *Store) markVerified(tx *Tx, checkoutID, pushID string, release bool) error {
	now := s.nowText()
	if _, err := tx.Exec(`UPDATE field_pushes SET verified_at = ?, updated_at = ? WHERE id = ?`, now, now, pushID); err != nil {
		return err
	}
	if release {
		_, err := tx.Exec(`UPDATE field_checkouts SET returned_at = ? WHERE id = ?`, now, checkoutID)
		return err
	}
	return nil
}

// ImportFieldBundle applies a whole bundle in one transaction and verifies
// it before committing: a bundle is stored entirely and exactly, or not at
// all. Importing the same bundle again changes nothing.
func (s *Store) ImportFieldBundle(ctx context.Context, tokenID, checkoutID, pushID string, tables []FieldRows, m FieldManifest, release bool) (FieldVerification, error) {
	var v FieldVerification
	if !model.IsUUID(pushID) {
		return v, model.InvalidMsg("field.error.bad_request")
	}
	err := s.Write(ctx, func(tx *Tx) error {
		c, err := activeCheckout(tx, tokenID, checkoutID)
		if err != nil {
			return err
		}
		if _, _, err := fieldPush(tx, c.ID, pushID, "bundle", s.nowText()); err != nil {
			return err
		}
		rows := 0
		for _, fr := range tables {
			if err := s.applyFieldRows(tx, fr, FieldWorkshopTables, c.WorkshopID); err != nil {
				return err
			}
			rows += len(fr.Rows)
		}
		if v, err = verifyField(ctx, tx, m); err != nil {
			return err
		}
		if !v.OK {
			return model.Conflict("field.error.verify_failed")
		}
		if _, err := tx.Exec(`UPDATE field_pushes SET last_seq = 1, rows = ?, updated_at = ? WHERE id = ?`, rows, s.nowText(), pushID); err != nil {
			return err
		}
		return s.markVerified(tx, c.ID, pushID, release)
	})
	return v, err
}

// ApplyFieldPull stores, on a field laptop, the process template and the
// workshop copied from the national instance, and where they came from. The
// laptop's database must be new (no process yet) or hold the same process.
func (s *Store) ApplyFieldPull(ctx context.Context, o FieldOrigin, template, workshop []FieldRows) error {
	return s.Write(ctx, func(tx *Tx) error {
		var n int
		if err := tx.QueryRow(`SELECT COUNT(*) FROM field_origin WHERE workshop_id <> ?`, o.WorkshopID).Scan(&n); err != nil {
			return err
		}
		if n > 0 {
			return model.Conflict("field.error.laptop_has_other")
		}
		var pid string
		err := tx.QueryRow(`SELECT id FROM process`).Scan(&pid)
		if err != nil && !errors.Is(err, sql.ErrNoRows) {
			return err
		}
		for _, fr := range template {
			if fr.Table == "process" && pid != "" {
				for _, r := range fr.Rows {
					if i := indexOf(fr.Cols, "id"); i >= 0 && r[i] != pid {
						return model.Conflict("field.error.other_process")
					}
				}
			}
			if err := s.applyFieldRows(tx, fr, FieldTemplateTables, ""); err != nil {
				return err
			}
		}
		for _, fr := range workshop {
			if err := s.applyFieldRows(tx, fr, FieldWorkshopTables, o.WorkshopID); err != nil {
				return err
			}
		}
		now := s.nowText()
		_, err = tx.Exec(`INSERT INTO field_origin(id, national_url, workshop_id, token_id, token_secret, checkout_id, pulled_at)
			VALUES (1,?,?,?,?,?,?) ON CONFLICT(id) DO UPDATE SET national_url = excluded.national_url, token_id = excluded.token_id,
			token_secret = excluded.token_secret, checkout_id = excluded.checkout_id`,
			o.NationalURL, o.WorkshopID, o.TokenID, o.TokenSecret, o.CheckoutID, now)
		return err
	})
}

// Origin returns, on a field laptop, where its workshop came from
// (model.NotFound on a laptop that pulled nothing).
func (s *Store) Origin(ctx context.Context) (FieldOrigin, error) {
	var o FieldOrigin
	var pulled string
	var pushed, returned sql.NullString
	err := s.read.QueryRowContext(ctx, `SELECT national_url, workshop_id, token_id, token_secret, checkout_id, pulled_at, pushed_at, returned_at
		FROM field_origin WHERE id = 1`).Scan(&o.NationalURL, &o.WorkshopID, &o.TokenID, &o.TokenSecret, &o.CheckoutID, &pulled, &pushed, &returned)
	if errors.Is(err, sql.ErrNoRows) {
		return o, model.NotFound("field.error.no_origin")
	}
	o.PulledAt, o.PushedAt, o.ReturnedAt = parseTime(pulled), parseNullTime(pushed), parseNullTime(returned)
	return o, err
}

// MarkOriginPushed records, on a field laptop, a verified push or bundle.
func (s *Store) MarkOriginPushed(ctx context.Context, returned bool) error {
	return s.Write(ctx, func(tx *Tx) error {
		now := s.nowText()
		q := `UPDATE field_origin SET pushed_at = ? WHERE id = 1`
		if returned {
			q = `UPDATE field_origin SET pushed_at = ?1, returned_at = ?1 WHERE id = 1`
		}
		_, err := tx.Exec(q, now)
		return err
	})
}

// participantWorkshop is the workshop of a participant ("" when unknown).
func participantWorkshop(tx *Tx, id string) string {
	var w string
	_ = tx.QueryRow(`SELECT workshop_id FROM participants WHERE id = ?`, id).Scan(&w)
	return w
}

// MarkOriginBundled records, on a field laptop, that a bundle was written
// (the audit log keeps when).
func (s *Store) MarkOriginBundled(ctx context.Context) error {
	return s.Write(ctx, func(tx *Tx) error {
		_, err := tx.Exec(`UPDATE field_origin SET pushed_at = ? WHERE id = 1`, s.nowText())
		return err
	})
}
