package store

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"database/sql"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"strings"
	"time"

	"golang.org/x/crypto/bcrypt"

	"github.com/minka-gob/minka/internal/model"
)

// HashToken is how a session token is stored: its SHA-256, so the database
// file alone does not hold usable cookies.
func HashToken(token string) string {
	sum := sha256.Sum256([]byte(token))
	return hex.EncodeToString(sum[:])
}

// NewToken returns a random URL-safe token of 32 bytes.
func NewToken() string {
	b := make([]byte, 32)
	if _, err := rand.Read(b); err != nil {
		panic(err)
	}
	return base64.RawURLEncoding.EncodeToString(b)
}

// CreateSession stores a session for sess and returns the cookie token.
// It runs as a live write: a new session changes nothing the writer keeps
// in memory for live operations (room seqs, field checkouts, the expiry of
// sessions already in use), and a round's phones keep joining while others
// write, which must not make every room read all of it again.
func (s *Store) CreateSession(ctx context.Context, sess model.Session, ttl time.Duration) (string, error) {
	token := NewToken()
	now := s.now()
	err := s.writer.doLive(ctx, guarded(ctx, func(tx *Tx) error {
		_, err := tx.Exec(`INSERT INTO sessions(token_hash, role, admin_id, table_id, forum_member_id, join_code, created_at, expires_at)
			VALUES (?,?,?,?,?,?,?,?)`, HashToken(token), sess.Role, nullString(sess.AdminID), nullString(sess.TableID),
			nullString(sess.ForumMemberID), sess.JoinCode, formatTime(now), formatTime(now.Add(ttl)))
		return err
	}))
	return token, err
}

// Session returns the live session for a cookie token. A session opened with
// a table join code dies when the admin regenerates that code. One query:
// it runs for every request.
func (s *Store) Session(ctx context.Context, token string) (model.Session, error) {
	var sess model.Session
	var adminID, tableID, memberID sql.NullString
	var created, expires string
	var codeCurrent bool
	err := s.read.QueryRowContext(ctx, `SELECT s.token_hash, s.role, s.admin_id, s.table_id, s.forum_member_id, s.join_code,
		s.created_at, s.expires_at, COALESCE(`+joinCodeCurrentSQL+`, 0)
		FROM sessions s LEFT JOIN workshop_tables t ON t.id = s.table_id WHERE s.token_hash = ?`, HashToken(token)).
		Scan(&sess.TokenHash, &sess.Role, &adminID, &tableID, &memberID, &sess.JoinCode, &created, &expires, &codeCurrent)
	if errors.Is(err, sql.ErrNoRows) {
		return sess, model.ErrNotFound
	}
	if err != nil {
		return sess, err
	}
	sess.AdminID, sess.TableID, sess.ForumMemberID = adminID.String, tableID.String, memberID.String
	sess.CreatedAt, sess.ExpiresAt = parseTime(created), parseTime(expires)
	if !s.now().Before(sess.ExpiresAt) || !codeCurrent {
		return sess, model.ErrNotFound
	}
	return sess, nil
}

// DeleteSession ends the session of a cookie token (logout).
func (s *Store) DeleteSession(ctx context.Context, token string) error {
	return s.Write(ctx, func(tx *Tx) error {
		_, err := tx.Exec(`DELETE FROM sessions WHERE token_hash = ?`, HashToken(token))
		return err
	})
}

// AdminCount tells whether any Secretariat account exists yet.
func (s *Store) AdminCount(ctx context.Context) (int, error) {
	var n int
	err := s.read.QueryRowContext(ctx, `SELECT COUNT(*) FROM admins`).Scan(&n)
	return n, err
}

// CreateAdmin stores a Secretariat account with a bcrypt hash of its password.
func (s *Store) CreateAdmin(ctx context.Context, username, password string) (model.Admin, error) {
	username = strings.TrimSpace(username)
	var v model.Validator
	v.Text("username", username, true, 60)
	v.Password("password", password)
	if err := v.Err(); err != nil {
		return model.Admin{}, err
	}
	hash, err := bcrypt.GenerateFromPassword([]byte(password), s.passwordCost())
	if err != nil {
		return model.Admin{}, err
	}
	a := model.Admin{ID: NewID(), Username: username, PasswordHash: string(hash), CreatedAt: s.now()}
	err = s.Write(ctx, func(tx *Tx) error {
		_, err := tx.Exec(`INSERT INTO admins(id, username, password_hash, created_at) VALUES (?,?,?,?)`,
			a.ID, a.Username, a.PasswordHash, formatTime(a.CreatedAt))
		if err != nil && strings.Contains(err.Error(), "UNIQUE") {
			return model.Invalid(model.FieldErrors{"username": {Key: "validation.username_taken"}})
		}
		return err
	})
	return a, err
}

// CheckAdminPassword returns the admin whose username and password match.
// Both "no such user" and "wrong password" give the same error, and a hash
// is compared either way so that timing does not reveal valid usernames.
func (s *Store) CheckAdminPassword(ctx context.Context, username, password string) (model.Admin, error) {
	var a model.Admin
	var created string
	err := s.read.QueryRowContext(ctx, `SELECT id, username, password_hash, created_at FROM admins WHERE username = ?`,
		strings.TrimSpace(username)).Scan(&a.ID, &a.Username, &a.PasswordHash, &created)
	if err != nil && !errors.Is(err, sql.ErrNoRows) {
		return a, err
	}
	hash := a.PasswordHash
	if hash == "" {
		hash = s.dummyHash()
	}
	if bcrypt.CompareHashAndPassword([]byte(hash), []byte(password)) != nil || a.ID == "" {
		return model.Admin{}, model.Forbidden("error.login_failed")
	}
	a.CreatedAt = parseTime(created)
	return a, nil
}

// dummyHash is compared against when the username does not exist; it has
// the same cost as real hashes so that both take as long.
func (s *Store) dummyHash() string {
	s.dummyOnce.Do(func() {
		h, _ := bcrypt.GenerateFromPassword([]byte("minka-no-such-user"), s.passwordCost())
		s.dummy = string(h)
	})
	return s.dummy
}

// passwordCost is the bcrypt cost of new password hashes.
func (s *Store) passwordCost() int {
	if s.pwCost > 0 {
		return s.pwCost
	}
	return bcrypt.DefaultCost
}

// EnsureFirstAdmin creates the Secretariat account "admin" when there is no
// account yet. With an empty password it makes up a random one. It returns
// the password it made up, or "" when it used the one given or an account
// already existed.
func (s *Store) EnsureFirstAdmin(ctx context.Context, password string) (string, error) {
	n, err := s.AdminCount(ctx)
	if err != nil || n > 0 {
		return "", err
	}
	generated := password == ""
	if generated {
		password = NewToken()[:16]
	}
	if _, err := s.CreateAdmin(ctx, "admin", password); err != nil {
		return "", err
	}
	if !generated {
		return "", nil // a password the operator chose is never echoed (logs keep it)
	}
	return password, nil
}
