package store

import (
	"context"
	"database/sql"
	"errors"

	"github.com/minka-gob/minka/internal/model"
)

const forumMemberColumns = `id, name, organization, sector, link_created_at, created_at, updated_at`

func scanForumMember(row interface{ Scan(...any) error }) (model.ForumMember, error) {
	var m model.ForumMember
	var link, created, updated string
	err := row.Scan(&m.ID, &m.Name, &m.Organization, &m.Sector, &link, &created, &updated)
	m.LinkCreatedAt, m.CreatedAt, m.UpdatedAt = parseTime(link), parseTime(created), parseTime(updated)
	return m, err
}

// ForumMembers lists the Forum members by organization and name.
func (s *Store) ForumMembers(ctx context.Context) ([]model.ForumMember, error) {
	return queryForumMembers(ctx, s.read)
}

func queryForumMembers(ctx context.Context, q querier) ([]model.ForumMember, error) {
	rows, err := q.QueryContext(ctx, `SELECT `+forumMemberColumns+` FROM forum_members ORDER BY organization, name, id`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var ms []model.ForumMember
	for rows.Next() {
		m, err := scanForumMember(rows)
		if err != nil {
			return nil, err
		}
		ms = append(ms, m)
	}
	return ms, rows.Err()
}

// ForumMember returns one member.
func (s *Store) ForumMember(ctx context.Context, id string) (model.ForumMember, error) {
	m, err := scanForumMember(s.read.QueryRowContext(ctx, `SELECT `+forumMemberColumns+` FROM forum_members WHERE id = ?`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return m, model.NotFound("forum.error.member_not_found")
	}
	return m, err
}

// ForumMemberByToken finds the member whose personal link carries token.
func (s *Store) ForumMemberByToken(ctx context.Context, token string) (model.ForumMember, error) {
	m, err := scanForumMember(s.read.QueryRowContext(ctx, `SELECT `+forumMemberColumns+` FROM forum_members WHERE token_hash = ?`, HashToken(token)))
	if errors.Is(err, sql.ErrNoRows) {
		return m, model.NotFound("forum.error.link_invalid")
	}
	return m, err
}

// CreateForumMember stores a member and returns the token of their personal
// link. Only its hash is kept: the link can be shown this once.
func (s *Store) CreateForumMember(ctx context.Context, m *model.ForumMember) (string, error) {
	m.Normalize()
	if err := m.Validate(); err != nil {
		return "", err
	}
	token := NewToken()
	err := s.Write(ctx, func(tx *Tx) error {
		now := s.now()
		m.ID = NewID()
		m.CreatedAt, m.UpdatedAt, m.LinkCreatedAt = now, now, now
		_, err := tx.Exec(`INSERT INTO forum_members(id, name, organization, sector, token_hash, link_created_at, created_at, updated_at)
			VALUES (?,?,?,?,?,?,?,?)`, m.ID, m.Name, m.Organization, m.Sector, HashToken(token), formatTime(now), formatTime(now), formatTime(now))
		return err
	})
	return token, err
}

// UpdateForumMember saves a member's name, organization and sector.
func (s *Store) UpdateForumMember(ctx context.Context, m *model.ForumMember) error {
	m.Normalize()
	if err := m.Validate(); err != nil {
		return err
	}
	return s.Write(ctx, func(tx *Tx) error {
		now := s.now()
		res, err := tx.Exec(`UPDATE forum_members SET name = ?, organization = ?, sector = ?, updated_at = ? WHERE id = ?`,
			m.Name, m.Organization, m.Sector, formatTime(now), m.ID)
		if err != nil {
			return err
		}
		if mustAffect(res) != nil {
			return model.NotFound("forum.error.member_not_found")
		}
		m.UpdatedAt = now
		return nil
	})
}

// RenewForumLink gives a member a new personal link: the old link stops
// working and the sessions it opened end. It returns the new token.
func (s *Store) RenewForumLink(ctx context.Context, id string) (string, error) {
	token := NewToken()
	err := s.Write(ctx, func(tx *Tx) error {
		now := formatTime(s.now())
		res, err := tx.Exec(`UPDATE forum_members SET token_hash = ?, link_created_at = ?, updated_at = ? WHERE id = ?`, HashToken(token), now, now, id)
		if err != nil {
			return err
		}
		if mustAffect(res) != nil {
			return model.NotFound("forum.error.member_not_found")
		}
		_, err = tx.Exec(`DELETE FROM sessions WHERE role = 'forum' AND forum_member_id = ?`, id)
		return err
	})
	return token, err
}
