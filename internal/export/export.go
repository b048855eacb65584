// Package export writes Minka's records as Excel workbooks that reproduce the
// action plan's tables and figures (workshops, participants by city and
// gender, participants by sector, ideas by principle and city), list every
// contribution, idea sheet, score, ranking line and decision, and as CSV files.
//
// It is a pure writer over the plain rows of a model.Report: it reads no
// database and computes no figure. The plan's tables, the Forum's lines and
// the outcome counts are internal/report's, computed from the report's
// Snapshot exactly as for the pages and the API (figures.go). User text is always written
// as a value, never as a formula; CSV fields go through csvsafe.
//
// Two variants: the full workbook (the Secretariat's, with participants'
// personal data, Forum member names, individual scores and observations)
// and the public one, which shows what the public pages show and nothing
// more: no participant list, no individual scores, and the Forum's sheets,
// ranking and decisions only once they are public. See Options.Public.
package export

import (
	"io"
	"strings"
	"time"

	"github.com/minka-gob/minka/internal/i18n"
	"github.com/minka-gob/minka/internal/model"
	"github.com/minka-gob/minka/internal/report"
)

// Options say how to write a report.
type Options struct {
	// Lang is the language of headers, sheet names and labels (i18n.Default if empty).
	Lang string
	// GeneratedAt is shown on the cover (now if zero).
	GeneratedAt time.Time
	// Public writes the variant anyone may receive. It follows what the
	// public pages show (docs/FORUM.md):
	//   - no participant list (names, contacts, organizations are personal
	//     data, and even a row of workshop + gender + sector + organization can
	//     single a person out in a 27-person workshop); the aggregate tables
	//     and every contribution are kept;
	//   - no individual scores at all: no Forum member names or organizations,
	//     no observations (only means, counts and spread are public);
	//   - the idea sheets once they went to the Forum (Forum.SheetsPublic);
	//   - the ranking, the reasoned response matrix and the outcome counts
	//     once the results are published (Forum.ResultsPublic).
	Public bool
}

// Write writes r as an .xlsx workbook to w.
func Write(w io.Writer, r *model.Report, o Options) error {
	o.Lang = i18n.Supported(o.Lang)
	if o.GeneratedAt.IsZero() {
		o.GeneratedAt = time.Now()
	}
	r = report.Complete(r)
	b, err := newBook(o.Lang)
	if err != nil {
		return err
	}
	b.fig, b.public = figuresOf(r), o.Public
	if o.Public {
		r = publicCopy(r)
	}
	defer b.f.Close()
	if err := b.writeAll(r, o); err != nil {
		return err
	}
	process := b.t("app.name")
	if r.ProcessName != "" {
		process += " — " + strings.TrimSpace(r.ProcessName+" "+r.Period)
	}
	if err := b.printSetup(process); err != nil {
		return err
	}
	return b.writeTo(w)
}

// publicCopy is r with only what may be published. The writer also leaves
// those sheets out of the public variant; emptying the rows first means that
// no later change to a sheet can leak them by mistake.
func publicCopy(r *model.Report) *model.Report {
	c := *r
	c.Participants = make([]model.ParticipantRow, len(r.Participants))
	for i, p := range r.Participants {
		p.Name, p.Organization, p.Email, p.Phone, p.ID = "", "", "", "", ""
		c.Participants[i] = p
	}
	c.Scores, c.Snapshot = nil, nil
	if !r.Forum.SheetsPublic {
		c.Sheets = nil
	}
	if !r.Forum.ResultsPublic {
		c.Ranking, c.Decisions = nil, nil
	}
	return &c
}

// writeAll writes every sheet in reading order, the cover last (it lists the
// others) but placed first.
func (b *book) writeAll(r *model.Report, o Options) error {
	full := !o.Public
	steps := []func(*model.Report) error{
		b.workshopsSheet,
		b.genderSheet,
		b.sectorSheet,
		b.principleSheet,
	}
	if full {
		steps = append(steps, b.participantsSheet)
	}
	steps = append(steps,
		b.profileNotesSheet,
		b.storiesSheet,
		b.ideasSheet,
		b.prototypesSheet,
		b.feedbackSheet,
	)
	if full || r.Forum.SheetsPublic {
		steps = append(steps, b.ideaSheetsSheet)
	}
	if full {
		steps = append(steps, b.scoresSheet)
	}
	if full || r.Forum.ResultsPublic {
		steps = append(steps, b.rankingSheet, b.decisionsSheet, b.outcomesSheet)
	}
	steps = append(steps, b.satisfactionSheet)
	for _, step := range steps {
		if err := step(r); err != nil {
			return err
		}
	}
	return b.coverSheet(r, o)
}
