// Package export writes Minka's records as Excel workbooks that reproduce the
// action plan's tables and figures (workshops, participants by city and
// gender, participants by sector, ideas by principle and city), list every
// contribution, idea sheet, score, ranking line and decision, and as CSV files.
//
// It is a pure writer over the plain rows of a model.Report: it reads no
// database. Aggregates are computed here from the rows (aggregate.go), so the
// workbook's totals always agree with its lists. User text is always written
// as a value, never as a formula; CSV fields go through csvsafe.
//
// Two variants: the full workbook (the Secretariat's, with participants'
// personal data) and the public one, which has no participant list at all
// (only the aggregate tables) and no Forum member names. See Options.Public.
package export

import (
	"io"
	"time"

	"github.com/minka-gob/minka/internal/i18n"
	"github.com/minka-gob/minka/internal/model"
)

// Options say how to write a report.
type Options struct {
	// Lang is the language of headers, sheet names and labels (i18n.Default if empty).
	Lang string
	// GeneratedAt is shown on the cover (now if zero).
	GeneratedAt time.Time
	// Public writes the variant anyone may receive: no participant list
	// (names, contacts, organizations are personal data, and even a row of
	// workshop + gender + sector + organization can single a person out in a
	// 27-person workshop), no Forum member names (organizations stay: they
	// are public institutions answerable for their scores). The aggregate
	// tables and every contribution are kept.
	Public bool
}

// Write writes r as an .xlsx workbook to w.
func Write(w io.Writer, r *model.Report, o Options) error {
	o.Lang = i18n.Supported(o.Lang)
	if o.GeneratedAt.IsZero() {
		o.GeneratedAt = time.Now()
	}
	if o.Public {
		r = publicCopy(r)
	}
	b, err := newBook(o.Lang)
	if err != nil {
		return err
	}
	defer b.f.Close()
	if err := b.writeAll(r, o); err != nil {
		return err
	}
	return b.writeTo(w)
}

// publicCopy is r without personal data. The writer also leaves those columns
// out in the public variant; blanking them first means that no later change
// to a sheet can leak them by mistake.
func publicCopy(r *model.Report) *model.Report {
	c := *r
	c.Participants = make([]model.ParticipantRow, len(r.Participants))
	for i, p := range r.Participants {
		p.Name, p.Organization, p.Email, p.Phone, p.ID = "", "", "", "", ""
		c.Participants[i] = p
	}
	c.Scores = make([]model.ScoreRow, len(r.Scores))
	for i, s := range r.Scores {
		s.Member = ""
		c.Scores[i] = s
	}
	return &c
}

// writeAll writes every sheet in reading order, the cover last (it lists the
// others) but placed first.
func (b *book) writeAll(r *model.Report, o Options) error {
	steps := []func(*model.Report) error{
		b.workshopsSheet,
		b.genderSheet,
		b.sectorSheet,
		b.principleSheet,
	}
	if !o.Public {
		steps = append(steps, b.participantsSheet)
	}
	steps = append(steps,
		b.profileNotesSheet,
		b.storiesSheet,
		b.ideasSheet,
		b.prototypesSheet,
		b.feedbackSheet,
		b.ideaSheetsSheet,
		func(r *model.Report) error { return b.scoresSheet(r, o.Public) },
		b.rankingSheet,
		b.decisionsSheet,
		b.satisfactionSheet,
	)
	for _, step := range steps {
		if err := step(r); err != nil {
			return err
		}
	}
	return b.coverSheet(r, o)
}
