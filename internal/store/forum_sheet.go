package store

import (
	"context"
	"database/sql"
	"errors"
	"strings"
	"time"

	"github.com/minka-gob/minka/internal/liveproto"
	"github.com/minka-gob/minka/internal/model"
	"github.com/minka-gob/minka/internal/report"
)

const sheetColumns = `id, number, kind, COALESCE(idea_id, ''), COALESCE(merged_into, ''), name, place, problem, description,
	contribution, relevance, principle, responsible, version, created_at, updated_at`

func querySheets(ctx context.Context, q querier, where string, args ...any) ([]model.Sheet, error) {
	rows, err := q.QueryContext(ctx, `SELECT `+sheetColumns+` FROM sheets `+where+` ORDER BY number`, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []model.Sheet
	for rows.Next() {
		var sh model.Sheet
		var created, updated string
		if err := rows.Scan(&sh.ID, &sh.Number, &sh.Kind, &sh.IdeaID, &sh.MergedInto, &sh.Name, &sh.Place, &sh.Problem,
			&sh.Description, &sh.Contribution, &sh.Relevance, &sh.Principle, &sh.Responsible, &sh.Version, &created, &updated); err != nil {
			return nil, err
		}
		sh.CreatedAt, sh.UpdatedAt = parseTime(created), parseTime(updated)
		out = append(out, sh)
	}
	return out, rows.Err()
}

// Sheets lists every idea sheet by number, merged ones included.
func (s *Store) Sheets(ctx context.Context) ([]model.Sheet, error) {
	return querySheets(ctx, s.read, ``)
}

// ActiveSheets lists the sheets the Forum scores: those not merged into another.
func (s *Store) ActiveSheets(ctx context.Context) ([]model.Sheet, error) {
	return querySheets(ctx, s.read, `WHERE merged_into IS NULL`)
}

// Sheet returns one sheet.
func (s *Store) Sheet(ctx context.Context, id string) (model.Sheet, error) {
	return sheetByID(ctx, s.read, id)
}

func sheetByID(ctx context.Context, q querier, id string) (model.Sheet, error) {
	shs, err := querySheets(ctx, q, `WHERE id = ?`, id)
	if err != nil {
		return model.Sheet{}, err
	}
	if len(shs) == 0 {
		return model.Sheet{}, model.NotFound("forum.error.sheet_not_found")
	}
	return shs[0], nil
}

// The merges of the review, followed in SQL to choose which rows to read
// (internal/report computes the lineage from them): tree is a sheet and
// every sheet merged into it however deep, chain a sheet and every sheet it
// was merged into; each takes the sheet's id as its argument.
const (
	treeCTE  = `tree(id) AS (SELECT ? UNION SELECT c.id FROM sheets c JOIN tree ON c.merged_into = tree.id)`
	chainCTE = `chain(id) AS (SELECT ? UNION SELECT s.merged_into FROM sheets s JOIN chain ON s.id = chain.id WHERE s.merged_into IS NOT NULL)`
)

// SheetLineage reads one sheet and what its lineage is computed from
// (report.Lineages), in one read transaction: the Forum's state, the sheet,
// every sheet merged into it however deep, every sheet it was merged into,
// and the ideas of the sheets merged into it, in trace order. ranking adds
// what the ranking is computed from (report.NewRanking). Nothing else is
// read: no other sheet's ideas, no registrations.
func (s *Store) SheetLineage(ctx context.Context, id string, ranking bool) (model.ForumSlice, error) {
	var fs model.ForumSlice
	tx, err := s.read.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		return fs, err
	}
	defer tx.Rollback()
	if fs.State, err = queryForumState(ctx, tx); err != nil {
		return fs, err
	}
	if fs.Sheets, err = querySheets(ctx, tx, `WHERE id IN (WITH RECURSIVE `+treeCTE+`, `+chainCTE+`
		SELECT id FROM tree UNION SELECT id FROM chain)`, id, id); err != nil {
		return fs, err
	}
	found := false
	for _, sh := range fs.Sheets {
		found = found || sh.ID == id
	}
	if !found {
		return fs, model.NotFound("forum.error.sheet_not_found")
	}
	if fs.Ideas, err = queryIdeaOrigins(ctx, tx, `WHERE sh.id IN (WITH RECURSIVE `+treeCTE+` SELECT id FROM tree)`, id); err != nil {
		return fs, err
	}
	if ranking {
		fr, err := readForumRecords(ctx, tx, false)
		if err != nil {
			return fs, err
		}
		fs.Ranking = &fr
	}
	return fs, nil
}

// GenerateSheets makes one pre-filled sheet for every idea (not deleted at
// its table) that has none yet, numbered after the existing sheets in
// workshop and table order. onlyChosen limits it to the ideas each table
// chose in its prioritization. It returns how many sheets it made; running
// it again makes sheets only for new ideas. An idea still without its
// principle (captured "sin principio") stops it with nothing made:
// model.Conflict "forum.error.unclassified" with their number; the
// Secretariat classifies them (UnclassifiedIdeas, ClassifyIdea) first.
func (s *Store) GenerateSheets(ctx context.Context, onlyChosen bool) (int, error) {
	made := 0
	err := s.Write(ctx, func(tx *Tx) error {
		made = 0
		if _, err := requireStage(tx, model.StageReview); err != nil {
			return err
		}
		origins, err := queryIdeaOrigins(ctx, tx, sheetScope(onlyChosen))
		if err != nil {
			return err
		}
		if n := countUnclassified(origins); n > 0 {
			return model.Conflict("forum.error.unclassified", n)
		}
		stories, err := tableStories(ctx, tx)
		if err != nil {
			return err
		}
		next, err := nextSheetNumber(tx)
		if err != nil {
			return err
		}
		now := s.now()
		for _, o := range origins {
			o.Stories = stories[o.TableID]
			sh := report.PrefillSheet(o)
			sh.Number = next
			if err := insertSheet(tx, &sh, now); err != nil {
				return err
			}
			next++
			made++
		}
		return nil
	})
	return made, err
}

func nextSheetNumber(tx *Tx) (int, error) {
	var n int
	err := tx.QueryRow(`SELECT COALESCE(MAX(number), 0) + 1 FROM sheets`).Scan(&n)
	return n, err
}

func insertSheet(tx *Tx, sh *model.Sheet, now time.Time) error {
	sh.Normalize()
	if err := sh.Validate(); err != nil {
		return err
	}
	sh.ID = NewID()
	sh.Version = 1
	sh.CreatedAt, sh.UpdatedAt = now, now
	_, err := tx.Exec(`INSERT INTO sheets(id, number, kind, idea_id, merged_into, name, place, problem, description, contribution,
		relevance, principle, responsible, version, created_at, updated_at) VALUES (?,?,?,?,NULL,?,?,?,?,?,?,?,?,1,?,?)`,
		sh.ID, sh.Number, sh.Kind, nullString(sh.IdeaID), sh.Name, sh.Place, sh.Problem, sh.Description, sh.Contribution,
		sh.Relevance, sh.Principle, sh.Responsible, formatTime(sh.CreatedAt), formatTime(sh.UpdatedAt))
	return err
}

// UpdateSheet saves the Secretariat's edit of a sheet if nobody changed it
// meanwhile: sh.Version must be the version the editor started from. A
// sheet can be edited during the review only, and a merged (source) sheet
// stays as it was.
func (s *Store) UpdateSheet(ctx context.Context, sh *model.Sheet) error {
	sh.Normalize()
	if err := sh.Validate(); err != nil {
		return err
	}
	return s.Write(ctx, func(tx *Tx) error {
		if _, err := requireStage(tx, model.StageReview); err != nil {
			return err
		}
		cur, err := sheetByID(ctx, tx, sh.ID)
		if err != nil {
			return err
		}
		if !cur.Active() {
			return model.Conflict("forum.error.sheet_merged")
		}
		if cur.Version != sh.Version {
			return model.Conflict("forum.error.sheet_stale")
		}
		now := s.now()
		_, err = tx.Exec(`UPDATE sheets SET name=?, place=?, problem=?, description=?, contribution=?, relevance=?, principle=?,
			responsible=?, version = version + 1, updated_at=? WHERE id = ? AND version = ?`,
			sh.Name, sh.Place, sh.Problem, sh.Description, sh.Contribution, sh.Relevance, sh.Principle, sh.Responsible,
			formatTime(now), sh.ID, sh.Version)
		if err != nil {
			return err
		}
		sh.Version++
		sh.UpdatedAt = now
		sh.Number, sh.Kind, sh.IdeaID, sh.CreatedAt = cur.Number, cur.Kind, cur.IdeaID, cur.CreatedAt
		return nil
	})
}

// MergeSheets gathers redundant sheets into a new merged sheet, pre-filled
// with their texts for the Secretariat to edit. The sources keep their text
// and point at the merged sheet, so every original idea stays traceable.
func (s *Store) MergeSheets(ctx context.Context, ids []string) (model.Sheet, error) {
	var merged model.Sheet
	seen := map[string]bool{}
	var uniq []string
	for _, id := range ids {
		if id = model.Clean(id); id != "" && !seen[id] {
			seen[id] = true
			uniq = append(uniq, id)
		}
	}
	if len(uniq) < 2 {
		return merged, model.InvalidMsg("forum.error.merge_two")
	}
	err := s.Write(ctx, func(tx *Tx) error {
		if _, err := requireStage(tx, model.StageReview); err != nil {
			return err
		}
		var sources []model.Sheet
		for _, id := range uniq {
			sh, err := sheetByID(ctx, tx, id)
			if err != nil {
				return err
			}
			if !sh.Active() {
				return model.Conflict("forum.error.sheet_merged")
			}
			sources = append(sources, sh)
		}
		sortSheets(sources)
		merged = mergeTexts(sources)
		n, err := nextSheetNumber(tx)
		if err != nil {
			return err
		}
		merged.Number = n
		now := s.now()
		if err := insertSheet(tx, &merged, now); err != nil {
			return err
		}
		for _, src := range sources {
			if _, err := tx.Exec(`UPDATE sheets SET merged_into = ?, version = version + 1, updated_at = ? WHERE id = ?`,
				merged.ID, formatTime(now), src.ID); err != nil {
				return err
			}
		}
		return nil
	})
	return merged, err
}

func sortSheets(shs []model.Sheet) {
	for i := 1; i < len(shs); i++ {
		for j := i; j > 0 && shs[j].Number < shs[j-1].Number; j-- {
			shs[j], shs[j-1] = shs[j-1], shs[j]
		}
	}
}

// mergeTexts pre-fills a merged sheet: the first source's name and
// principle, every distinct place, problem, relevance and responsible party,
// and the descriptions and contributions one after another.
func mergeTexts(sources []model.Sheet) model.Sheet {
	m := model.Sheet{Kind: model.SheetMerged, Name: sources[0].Name, Principle: sources[0].Principle}
	join := func(get func(model.Sheet) string, sep string) string {
		var parts []string
		seen := map[string]bool{}
		for _, s := range sources {
			v := get(s)
			if v != "" && !seen[v] {
				seen[v] = true
				parts = append(parts, v)
			}
		}
		return strings.Join(parts, sep)
	}
	m.Place = join(func(s model.Sheet) string { return s.Place }, "\n")
	m.Problem = join(func(s model.Sheet) string { return s.Problem }, "\n")
	m.Description = join(func(s model.Sheet) string { return s.Description }, "\n\n")
	m.Contribution = join(func(s model.Sheet) string { return s.Contribution }, "\n\n")
	m.Relevance = join(func(s model.Sheet) string { return s.Relevance }, "\n")
	m.Responsible = join(func(s model.Sheet) string { return s.Responsible }, "; ")
	return m
}

// sheetScope is the ideas GenerateSheets(onlyChosen) makes sheets of.
func sheetScope(onlyChosen bool) string {
	where := `WHERE i.deleted_at IS NULL AND sh.id IS NULL`
	if onlyChosen {
		where += ` AND i.chosen = 1`
	}
	return where
}

func countUnclassified(origins []model.IdeaOrigin) int {
	n := 0
	for _, o := range origins {
		if o.Principle == "" {
			n++
		}
	}
	return n
}

// UnclassifiedIdeas lists the ideas still without a principle that sheet
// generation would take (onlyChosen: the chosen ones only), in workshop and
// table order.
func (s *Store) UnclassifiedIdeas(ctx context.Context, onlyChosen bool) ([]model.IdeaOrigin, error) {
	return queryIdeaOrigins(ctx, s.read, sheetScope(onlyChosen)+` AND i.principle IS NULL`)
}

// ClassifyIdea gives an idea its principle in the review. It is an update
// of the idea like the rapporteur's (a new version, announced to the table's
// screens as the returned events), made by the Secretariat.
func (s *Store) ClassifyIdea(ctx context.Context, op, ideaID, principle string) (Applied, error) {
	if err := model.ValidatePrinciple(principle); err != nil {
		return Applied{}, err
	}
	var tableID string
	err := s.read.QueryRowContext(ctx, `SELECT table_id FROM ideas WHERE id = ? AND deleted_at IS NULL`, ideaID).Scan(&tableID)
	if errors.Is(err, sql.ErrNoRows) {
		return Applied{}, model.NotFound("forum.error.idea_not_found")
	}
	if err != nil {
		return Applied{}, err
	}
	return s.liveOp(ctx, tableID, op, func(ctx context.Context, tx *Tx, now time.Time) (string, any, error) {
		res, err := tx.Exec(`UPDATE ideas SET principle = ?, version = version + 1, updated_at = ? WHERE id = ? AND deleted_at IS NULL`,
			principle, formatTime(now), ideaID)
		if err != nil {
			return "", nil, err
		}
		if err := mustAffect(res); err != nil {
			return "", nil, model.NotFound("forum.error.idea_not_found")
		}
		cur, _, _, err := readContribution(ctx, tx, tableID, model.KindIdea, ideaID)
		return liveproto.EventUpdated, liveproto.ContributionChange{TableID: tableID, Kind: model.KindIdea, Record: cur}, err
	})
}
