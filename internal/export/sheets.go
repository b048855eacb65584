package export

import (
	"cmp"
	"fmt"
	"sort"
	"strconv"
	"strings"

	"github.com/xuri/excelize/v2"

	"github.com/minka-gob/minka/internal/i18n"
	"github.com/minka-gob/minka/internal/model"
	"github.com/minka-gob/minka/internal/report"
)

// Column widths, in Excel's character units.
const (
	wNarrow = 9
	wShort  = 14
	wLabel  = 24
	wMedium = 32
	wLong   = 60
)

// placeColumns are the first columns of every contribution sheet.
func (b *book) placeColumns() []column {
	return []column{
		{head: b.t("export.col.workshop"), width: wLabel},
		{head: b.t("export.col.city"), width: wShort},
		{head: b.t("export.col.table"), width: wNarrow},
	}
}

func putPlace(row []any, p model.Place) {
	row[0], row[1] = str(p.Workshop), str(p.City)
	if p.Table > 0 {
		row[2] = p.Table
	}
}

// coverSheet is the first sheet: what the workbook holds, its scope, when it
// was made and whether it carries personal data.
func (b *book) coverSheet(r *model.Report, o Options) error {
	name := b.t("export.sheet.cover")
	if err := b.f.SetSheetName("Sheet1", name); err != nil {
		return err
	}
	c := &cells{b: b, sheet: name}
	c.widths(30, 70, 12)
	title := b.t("app.name")
	if r.ProcessName != "" {
		title += " — " + strings.TrimSpace(r.ProcessName+" "+r.Period)
	}
	c.set(1, 1, title, b.st.title)
	c.set(1, 2, b.t("export.cover.subtitle"), b.st.note)
	scope := b.t("export.scope.process")
	if r.Workshop != nil {
		scope = b.t("export.scope.workshop", r.Workshop.Label(), i18n.FormatDate(b.lang, r.Workshop.Date))
	}
	variant := b.t("export.variant.full")
	if o.Public {
		variant = b.t("export.variant.public")
	}
	facts := []struct {
		label string
		value any
		style int
	}{
		{b.t("export.cover.scope"), scope, b.st.wrap},
		{b.t("export.cover.variant"), variant, b.st.wrap},
		{b.t("export.cover.generated"), serial(o.GeneratedAt), b.st.datetime},
		{b.t("export.cover.language"), b.t("lang." + b.lang), 0},
	}
	if stage := b.forumStage(r.Forum); stage != "" {
		facts = append(facts, struct {
			label string
			value any
			style int
		}{b.t("export.cover.forum"), stage, b.st.wrap})
	}
	row := 4
	for _, f := range facts {
		c.set(1, row, f.label, b.st.header)
		c.set(2, row, f.value, f.style)
		row++
	}
	notes := []string{b.t("export.cover.computed"), b.t("export.cover.population.table2"), b.t("export.cover.population.figure1"),
		b.t("export.cover.population.table3"), b.t("export.cover.population.others")}
	if r.Workshop != nil && r.Forum.Stage != "" {
		notes = append(notes, b.t("export.cover.workshop_forum"))
	}
	if o.Public {
		notes = append(notes, b.t("export.cover.public_forum"))
	}
	row++
	for _, n := range notes {
		c.set(1, row, n, b.st.note)
		if c.err == nil {
			c.err = b.f.MergeCell(name, cellName(1, row), cellName(3, row))
		}
		if c.err == nil {
			c.err = b.f.SetRowHeight(name, row, 32)
		}
		row++
	}
	row++
	c.header(row, b.t("export.cover.sheet"), b.t("export.cover.contents"), b.t("export.cover.rows"))
	for _, s := range b.contents {
		row++
		c.set(1, row, s.name, b.st.linkStyle)
		if c.err == nil {
			c.err = b.f.SetCellHyperLink(name, cellName(1, row), "'"+strings.ReplaceAll(s.name, "'", "''")+"'!A1", "Location")
		}
		c.set(2, row, s.desc, b.st.wrap)
		c.set(3, row, s.rows, 0)
	}
	// The cover is the first and active sheet already (it was excelize's
	// Sheet1). Do not call SetActiveSheet: it parses every worksheet back
	// into memory and marshals it again on saving.
	return c.err
}

// forumStage says where the internal review and the Forum stood when the
// report was read ("" when the report says nothing about it).
func (b *book) forumStage(f model.ForumStatus) string {
	switch {
	case f.Stage == "":
		return ""
	case f.ResultsPublic:
		return b.t("export.stage.results")
	}
	return b.code("export.stage.", f.Stage)
}

// workshopsSheet is the plan's Table 1.
func (b *book) workshopsSheet(r *model.Report) error {
	cols := []column{
		{head: b.t("export.col.workshop"), width: wLabel},
		{head: b.t("export.col.city"), width: wShort},
		{head: b.t("export.col.date"), width: wShort, style: b.st.date},
		{head: b.t("export.col.venue"), width: wMedium, style: b.st.wrap},
		{head: b.t("export.col.focus"), width: wLabel},
		{head: b.t("export.col.status"), width: wShort},
		{head: b.t("export.col.tables"), width: wNarrow},
	}
	return b.list(b.t("export.sheet.workshops"), b.t("export.desc.workshops"), cols, len(r.Workshops), func(i int, row []any) {
		w := &r.Workshops[i]
		row[0], row[1], row[2] = w.Label(), str(w.City), dateCell(w.Date)
		row[3], row[4], row[5], row[6] = str(w.Venue), str(w.Focus), b.code("status.", w.Status), w.Tables
	})
}

// genderSheet is the plan's Table 2: people who attended (were checked in),
// by workshop and gender, with the TOTAL line; registrations in their own
// column. A workshop where nobody was checked in attended 0 and says so.
func (b *book) genderSheet(r *model.Report) error {
	t := b.fig.attendance
	c, err := b.small(b.t("export.sheet.by_gender"), b.t("export.desc.by_gender"), len(t.Workshops))
	if err != nil {
		return err
	}
	c.widths(wLabel, wShort, wShort, wNarrow+2, wNarrow+2, wShort, wShort, wMedium)
	c.header(1, b.t("export.col.workshop"), b.t("export.col.date"), b.t("export.col.participants"),
		b.t("export.col.men"), b.t("export.col.women"), b.t("export.col.other"),
		b.t("export.col.registered"), b.t("export.col.note"))
	for i, w := range t.Workshops {
		row := i + 2
		c.set(1, row, w.Label, 0)
		c.set(2, row, dateCell(w.Date), b.st.date)
		c.set(3, row, w.Attended, 0)
		c.set(4, row, w.Men, 0)
		c.set(5, row, w.Women, 0)
		c.set(6, row, w.Other, 0)
		c.set(7, row, w.Registered, 0)
		if w.Attended == 0 && w.Registered > 0 {
			c.set(8, row, b.t("export.note.no_checkins"), b.st.wrap)
		} else {
			c.set(8, row, nil, 0)
		}
	}
	total := len(t.Workshops) + 2
	c.set(1, total, b.t("export.total"), b.st.bold)
	c.set(2, total, nil, b.st.bold)
	c.set(3, total, t.Total.Attended, b.st.bold)
	c.set(4, total, t.Total.Men, b.st.bold)
	c.set(5, total, t.Total.Women, b.st.bold)
	c.set(6, total, t.Total.Other, b.st.bold)
	c.set(7, total, t.Total.Registered, b.st.bold)
	c.set(8, total, nil, b.st.bold)
	c.set(1, total+2, b.t("export.note.basis"), b.st.note)
	c.freeze(1, "A1:"+cellName(8, total-1))
	if c.err == nil {
		c.err = b.f.MergeCell(c.sheet, cellName(1, total+2), cellName(8, total+2))
	}
	if c.err == nil {
		c.err = b.f.SetRowHeight(c.sheet, total+2, 32)
	}
	return c.err
}

// sectorSheet is the plan's Figure 1: attendance by sector, with counts,
// shares (as the pages round them) and a pie chart drawn from those cells;
// registrations in their own column.
func (b *book) sectorSheet(r *model.Report) error {
	t := b.fig.attendance
	rows, total := t.Sectors, t.Total.Attended
	c, err := b.small(b.t("export.sheet.by_sector"), b.t("export.desc.by_sector"), len(rows))
	if err != nil {
		return err
	}
	c.widths(wMedium, wShort, wShort, wShort)
	c.header(1, b.t("export.col.sector"), b.t("export.col.count"), b.t("export.col.share"), b.t("export.col.registered"))
	for i, s := range rows {
		c.set(1, i+2, b.code("sector.", s.Sector), 0)
		c.set(2, i+2, s.Attended, 0)
		c.set(3, i+2, s.Percent/100, b.st.pct)
		c.set(4, i+2, s.Registered, 0)
	}
	last := len(rows) + 1
	c.set(1, last+1, b.t("export.total"), b.st.bold)
	c.set(2, last+1, total, b.st.bold)
	share := 0.0
	if total > 0 {
		share = 1
	}
	c.set(3, last+1, share, b.st.boldPct)
	c.set(4, last+1, t.Total.Registered, b.st.bold)
	c.set(1, last+3, b.t("export.note.basis"), b.st.note)
	c.freeze(1, "A1:"+cellName(4, last))
	if c.err != nil {
		return c.err
	}
	if err := b.f.MergeCell(c.sheet, cellName(1, last+3), cellName(4, last+3)); err != nil {
		return err
	}
	if err := b.f.SetRowHeight(c.sheet, last+3, 48); err != nil {
		return err
	}
	if total == 0 {
		return nil // a pie of nothing is no figure
	}
	return b.f.AddChart(c.sheet, "F2", &excelize.Chart{
		Type: excelize.Pie,
		Series: []excelize.ChartSeries{{
			Name:       ref(c.sheet, 2, 1, 2, 1),
			Categories: ref(c.sheet, 1, 2, 1, last),
			Values:     ref(c.sheet, 2, 2, 2, last),
		}},
		Title:     excelize.ChartTitle{Paragraph: []excelize.RichTextRun{{Text: b.t("export.chart.sectors")}}},
		Legend:    excelize.ChartLegend{Position: "right"},
		PlotArea:  excelize.ChartPlotArea{ShowPercent: true},
		Dimension: excelize.ChartDimension{Width: 560, Height: 340},
	})
}

// principleSheet is the plan's Table 3 and Figure 2 (ideas systematized into
// idea sheets, by the predominant principle of their sheet and workshop, with
// totals; a stacked column per principle, one colour per workshop), then,
// each under its own title, the ideas captured at the tables and the ideas
// the tables chose (by the principle the table gave them; a column "Sin
// principio" counts those captured without one, 0 in Table 3). The public
// workbook shows Table 3 once the sheets went to the Forum, as /process does.
func (b *book) principleSheet(r *model.Report) error {
	c, err := b.small(b.t("export.sheet.by_principle"), b.t("export.desc.by_principle"), len(b.fig.systematized.Rows))
	if err != nil {
		return err
	}
	n := len(model.Principles)
	ws := []float64{wLabel}
	for range model.Principles {
		ws = append(ws, 20)
	}
	c.widths(append(ws, 20, wNarrow+2)...)
	heads := []string{b.t("export.col.workshop")}
	for _, p := range model.Principles {
		heads = append(heads, b.code("principle.", p))
	}
	// Table 3 (sheets always have a principle) keeps the plan's columns; the
	// captured and chosen ideas add "Sin principio" before the total.
	withNone := append(append([]string{}, heads...), b.code("principle.", "none"), b.t("export.total"))
	heads = append(heads, b.t("export.total"))
	block := func(top int, title string, t report.PrincipleTable, none bool) int {
		c.set(1, top, title, b.st.title)
		last := 2 + n // the total's column
		if none {
			last++
			c.header(top+1, withNone...)
		} else {
			c.header(top+1, heads...)
		}
		for i, line := range t.Rows {
			row := top + 2 + i
			c.set(1, row, line.Label, 0)
			for j, v := range line.Counts {
				c.set(2+j, row, v, 0)
			}
			if none {
				c.set(2+n, row, line.Unclassified, 0)
			}
			c.set(last, row, line.Total, b.st.bold)
		}
		total := top + 2 + len(t.Rows)
		c.set(1, total, b.t("export.total"), b.st.bold)
		for j, v := range t.Totals {
			c.set(2+j, total, v, b.st.bold)
		}
		if none {
			c.set(2+n, total, t.Unclassified, b.st.bold)
		}
		c.set(last, total, t.Total, b.st.bold)
		return total
	}
	table3 := b.fig.systematized
	shown := !b.public || r.Forum.SheetsPublic
	var end int
	if shown {
		end = block(1, b.t("export.table3.systematized"), table3, false)
		c.freeze(2, "A2:"+cellName(n+2, end-1))
	} else {
		c.set(1, 1, b.t("export.table3.systematized"), b.st.title)
		c.set(1, 2, b.t("export.table3.not_public"), b.st.note)
		end = 2
	}
	end = block(end+3, b.t("export.table3.captured"), b.fig.captured, true)
	end = block(end+3, b.t("export.table3.chosen"), b.fig.chosen, true)
	if c.err != nil {
		return c.err
	}
	if !shown || table3.Total == 0 {
		return nil
	}
	var series []excelize.ChartSeries
	for i := range table3.Rows {
		row := 3 + i
		series = append(series, excelize.ChartSeries{
			Name:       ref(c.sheet, 1, row, 1, row),
			Categories: ref(c.sheet, 2, 2, n+1, 2),
			Values:     ref(c.sheet, 2, row, n+1, row),
		})
	}
	// The chart starts a printed page of its own (it is shorter than a
	// page), so that it never prints cut across a page break below the
	// tables, however many workshops they list.
	at := cellName(1, end+3)
	if err := b.f.InsertPageBreak(c.sheet, at); err != nil {
		return err
	}
	return b.f.AddChart(c.sheet, at, &excelize.Chart{
		Type:      excelize.ColStacked,
		Series:    series,
		Title:     excelize.ChartTitle{Paragraph: []excelize.RichTextRun{{Text: b.t("export.chart.principles")}}},
		Legend:    excelize.ChartLegend{Position: "bottom"},
		PlotArea:  excelize.ChartPlotArea{ShowVal: true},
		Dimension: excelize.ChartDimension{Width: 720, Height: 400},
	})
}

// participantsSheet lists every participant with their personal data. It is
// only in the Secretariat's full workbook.
func (b *book) participantsSheet(r *model.Report) error {
	cols := append(b.placeColumns(),
		column{head: b.t("export.col.name"), width: wMedium},
		column{head: b.t("export.col.gender"), width: wShort},
		column{head: b.t("export.col.sector"), width: wLabel},
		column{head: b.t("export.col.organization"), width: wMedium, style: b.st.wrap},
		column{head: b.t("export.col.email"), width: wMedium},
		column{head: b.t("export.col.phone"), width: wShort},
		column{head: b.t("export.col.source"), width: wShort},
		column{head: b.t("export.col.registered_at"), width: wLabel - 4, style: b.st.datetime},
		column{head: b.t("export.col.checked_in_at"), width: wLabel - 4, style: b.st.datetime},
	)
	return b.list(b.t("export.sheet.participants"), b.t("export.desc.participants"), cols, len(r.Participants), func(i int, row []any) {
		p := &r.Participants[i]
		putPlace(row, p.Place)
		row[3], row[4], row[5] = str(p.Name), b.code("gender.", p.Gender), b.code("sector.", p.Sector)
		row[6], row[7], row[8] = str(p.Organization), str(p.Email), str(p.Phone)
		row[9], row[10] = b.code("export.source.", p.Source), timeCell(p.RegisteredAt)
		if p.CheckedInAt != nil {
			row[11] = timeCell(*p.CheckedInAt)
		}
	})
}

func (b *book) timeColumn() column {
	return column{head: b.t("export.col.created_at"), width: wLabel - 4, style: b.st.datetime}
}

func (b *book) profileNotesSheet(r *model.Report) error {
	cols := append(b.placeColumns(),
		column{head: b.t("export.col.profile"), width: wLabel, style: b.st.wrap},
		column{head: b.t("export.col.kind"), width: wShort},
		column{head: b.t("export.col.text"), width: wLong, style: b.st.wrap},
		b.timeColumn(),
	)
	return b.list(b.t("export.sheet.profile_notes"), b.t("export.desc.profile_notes"), cols, len(r.ProfileNotes), func(i int, row []any) {
		n := &r.ProfileNotes[i]
		putPlace(row, n.Place)
		row[3], row[4], row[5], row[6] = str(n.Profile), b.code("export.note.", n.Kind), str(n.Text), timeCell(n.CreatedAt)
	})
}

func (b *book) storiesSheet(r *model.Report) error {
	cols := append(b.placeColumns(),
		column{head: b.t("export.col.as_who"), width: wLabel, style: b.st.wrap},
		column{head: b.t("export.col.want"), width: wLong - 15, style: b.st.wrap},
		column{head: b.t("export.col.so_that"), width: wLong - 15, style: b.st.wrap},
		b.timeColumn(),
	)
	return b.list(b.t("export.sheet.stories"), b.t("export.desc.stories"), cols, len(r.Stories), func(i int, row []any) {
		s := &r.Stories[i]
		putPlace(row, s.Place)
		row[3], row[4], row[5], row[6] = str(s.AsWho), str(s.Want), str(s.SoThat), timeCell(s.CreatedAt)
	})
}

func (b *book) ideasSheet(r *model.Report) error {
	cols := append(b.placeColumns(),
		column{head: b.t("export.col.problem"), width: wLabel, style: b.st.wrap},
		column{head: b.t("export.col.idea"), width: wMedium, style: b.st.wrap},
		column{head: b.t("export.col.description"), width: wLong, style: b.st.wrap},
		column{head: b.t("export.col.principle"), width: wLabel, style: b.st.wrap},
		column{head: b.t("export.col.chosen"), width: wShort},
		column{head: b.t("export.col.ratings"), width: wShort},
		column{head: b.t("export.col.impact"), width: wShort, style: b.st.dec2},
		column{head: b.t("export.col.feasibility"), width: wShort, style: b.st.dec2},
		b.timeColumn(),
	)
	return b.list(b.t("export.sheet.ideas"), b.t("export.desc.ideas"), cols, len(r.Ideas), func(i int, row []any) {
		d := &r.Ideas[i]
		putPlace(row, d.Place)
		row[3], row[4], row[5] = str(d.Problem), str(d.Title), str(d.Description)
		row[6], row[7], row[8] = b.code("principle.", cmp.Or(d.Principle, "none")), b.yesNo(d.Chosen), d.Ratings
		if d.Ratings > 0 {
			row[9], row[10] = d.Impact, d.Feasibility
		}
		row[11] = timeCell(d.CreatedAt)
	})
}

func (b *book) prototypesSheet(r *model.Report) error {
	cols := append(b.placeColumns(),
		column{head: b.t("export.col.idea"), width: wMedium, style: b.st.wrap},
		column{head: b.t("export.col.description"), width: wLong, style: b.st.wrap},
		column{head: b.t("export.col.iteration"), width: wLong - 10, style: b.st.wrap},
		b.timeColumn(),
	)
	return b.list(b.t("export.sheet.prototypes"), b.t("export.desc.prototypes"), cols, len(r.Prototypes), func(i int, row []any) {
		p := &r.Prototypes[i]
		putPlace(row, p.Place)
		row[3], row[4], row[5], row[6] = str(p.Idea), str(p.Description), str(p.Iteration), timeCell(p.CreatedAt)
	})
}

func (b *book) feedbackSheet(r *model.Report) error {
	cols := append(b.placeColumns(),
		column{head: b.t("export.col.prototype"), width: wMedium, style: b.st.wrap},
		column{head: b.t("export.col.kind"), width: wShort},
		column{head: b.t("export.col.text"), width: wLong, style: b.st.wrap},
		b.timeColumn(),
	)
	return b.list(b.t("export.sheet.feedback"), b.t("export.desc.feedback"), cols, len(r.Feedback), func(i int, row []any) {
		f := &r.Feedback[i]
		putPlace(row, f.Place)
		row[3], row[4], row[5], row[6] = str(f.Prototype), b.code("export.feedback.", f.Kind), str(f.Text), timeCell(f.CreatedAt)
	})
}

// numberCell is a sheet or commitment number, blank when there is none.
func numberCell(n int) any {
	if n == 0 {
		return nil
	}
	return n
}

// numberList is "3, 5" for sheets 3 and 5.
func numberList(ns []int) any {
	parts := make([]string, len(ns))
	for i, n := range ns {
		parts[i] = strconv.Itoa(n)
	}
	return str(strings.Join(parts, ", "))
}

// ideaSheetsSheet lists the idea sheets with their seven fields and their
// merge lineage, so every original contribution stays traceable.
func (b *book) ideaSheetsSheet(r *model.Report) error {
	cols := []column{
		{head: b.t("export.col.sheet_number"), width: wNarrow},
		{head: b.t("export.col.principle"), width: wLabel, style: b.st.wrap},
		{head: b.t("export.field.name"), width: wMedium, style: b.st.wrap},
		{head: b.t("export.field.place"), width: wLabel, style: b.st.wrap},
		{head: b.t("export.field.problem"), width: wLong - 20, style: b.st.wrap},
		{head: b.t("export.field.description"), width: wLong, style: b.st.wrap},
		{head: b.t("export.field.contribution"), width: wLong - 10, style: b.st.wrap},
		{head: b.t("export.field.relevance"), width: wLong - 10, style: b.st.wrap},
		{head: b.t("export.field.responsible"), width: wMedium, style: b.st.wrap},
		{head: b.t("export.col.source_ideas"), width: wMedium + 8, style: b.st.wrap},
		{head: b.t("export.col.merged_from"), width: wShort + 4, style: b.st.wrap},
		{head: b.t("export.col.merged_into"), width: wShort + 4},
	}
	return b.list(b.t("export.sheet.sheets"), b.t("export.desc.sheets"), cols, len(r.Sheets), func(i int, row []any) {
		s := &r.Sheets[i]
		row[0], row[1], row[2], row[3] = s.Number, b.code("principle.", s.Principle), str(s.Name), str(s.Place)
		row[4], row[5], row[6], row[7], row[8] = str(s.Problem), str(s.Description), str(s.Contribution), str(s.Relevance), str(s.Responsible)
		ideas := make([]string, len(s.SourceIdeas))
		for j, d := range s.SourceIdeas {
			ideas[j] = b.t("export.source_idea", d.Title, d.Workshop, d.Table)
		}
		row[9], row[10], row[11] = str(strings.Join(ideas, "\n")), numberList(s.MergedFrom), numberCell(s.MergedInto)
	})
}

// criterionHeads are the criteria's names with their weights.
func (b *book) criterionHeads(r *model.Report, key string) []string {
	var hs []string
	for _, c := range r.Criteria {
		name := c.Name
		if name == "" {
			name = b.code("criterion.", c.Code)
		}
		hs = append(hs, b.t(key, name, i18n.FormatNumber(c.Weight, weightDecimals(c.Weight))))
	}
	return hs
}

func weightDecimals(w float64) int {
	if w == float64(int(w)) {
		return 0
	}
	return 2
}

// scoresSheet has one row per Forum member and sheet (submitted scores and
// recusals; drafts never count): the five criteria, the observations, and
// whether the member recused themself. Only in the Secretariat's workbook:
// individual scores, member names and observations are never published.
func (b *book) scoresSheet(r *model.Report) error {
	cols := []column{
		{head: b.t("export.col.sheet_number"), width: wNarrow},
		{head: b.t("export.col.sheet"), width: wMedium, style: b.st.wrap},
		{head: b.t("export.col.member"), width: wLabel},
		{head: b.t("export.col.organization"), width: wMedium, style: b.st.wrap},
	}
	first := len(cols)
	for _, h := range b.criterionHeads(r, "export.col.criterion") {
		cols = append(cols, column{head: h, width: wShort + 2})
	}
	k := len(r.Criteria)
	cols = append(cols,
		column{head: b.t("export.col.observations"), width: wLong, style: b.st.wrap},
		column{head: b.t("export.col.recused"), width: wShort},
		column{head: b.t("export.col.submitted_at"), width: wLabel - 4, style: b.st.datetime},
	)
	return b.list(b.t("export.sheet.scores"), b.t("export.desc.scores"), cols, len(r.Scores), func(i int, row []any) {
		s := &r.Scores[i]
		row[0], row[1], row[2], row[3] = s.SheetNumber, str(s.Sheet), str(s.Member), str(s.Organization)
		if !s.Recused {
			for c := 0; c < k && c < len(s.Scores); c++ {
				if s.Scores[c] > 0 {
					row[first+c] = s.Scores[c]
				}
			}
		}
		row[first+k], row[first+k+2] = str(s.Observations), timeCell(s.SubmittedAt)
		if s.Recused {
			row[first+k+1] = excelize.Cell{Value: b.t("export.yes"), StyleID: b.st.mark}
		} else {
			row[first+k+1] = b.t("export.no")
		}
	})
}

// rankingDesc says what the ranking is: the whole process's, where the
// cut-off lies, and whether it is still provisional.
func (b *book) rankingDesc(r *model.Report) string {
	d := b.t("export.desc.ranking", r.Forum.Cutoff, r.Forum.Members) + " " + b.t("forum.ranking.method_tie")
	if r.Forum.Stage == model.StageScoring {
		d += " " + b.t("export.ranking.provisional")
	}
	return d
}

// rankingSheet is the ranking of the whole process, best first, as the
// ranking page shows it: the cut-off marked, contested and cut-sensitive
// sheets flagged. A sheet nobody scored has no rank or weighted score.
func (b *book) rankingSheet(r *model.Report) error {
	ranking := append([]model.RankRow(nil), r.Ranking...)
	sort.SliceStable(ranking, func(i, j int) bool { return ranking[i].Rank < ranking[j].Rank })
	cols := []column{
		{head: b.t("export.col.rank"), width: wNarrow},
		{head: b.t("export.col.sheet_number"), width: wNarrow},
		{head: b.t("export.col.sheet"), width: wMedium, style: b.st.wrap},
	}
	for _, h := range b.criterionHeads(r, "export.col.mean") {
		cols = append(cols, column{head: h, width: wShort + 2, style: b.st.dec2})
	}
	k := len(r.Criteria)
	first := 3
	cols = append(cols,
		column{head: b.t("export.col.weighted"), width: wShort, style: b.st.dec4},
		column{head: b.t("export.col.scorers"), width: wShort},
		column{head: b.t("export.col.recusals"), width: wShort},
		column{head: b.t("export.col.spread"), width: wShort, style: b.st.dec2},
		column{head: b.t("export.col.contested"), width: wShort},
		column{head: b.t("export.col.rank_min"), width: wShort},
		column{head: b.t("export.col.rank_max"), width: wShort},
		column{head: b.t("export.col.rank_range"), width: wShort},
		column{head: b.t("export.col.cutoff"), width: wShort},
		column{head: b.t("export.col.cut_sensitive"), width: wShort + 2},
		column{head: b.t("export.col.tie"), width: wShort + 2},
	)
	return b.list(b.t("export.sheet.ranking"), b.rankingDesc(r), cols, len(ranking), func(i int, row []any) {
		x := &ranking[i]
		scored := x.Scorers > 0
		if scored {
			row[0] = x.Rank
		}
		row[1], row[2] = x.SheetNumber, str(x.Sheet)
		for c := 0; c < k && c < len(x.Means); c++ {
			if c >= len(x.Counts) || x.Counts[c] > 0 {
				row[first+c] = x.Means[c]
			}
		}
		j := first + k
		if scored {
			row[j] = x.Weighted
		}
		row[j+1], row[j+2], row[j+3], row[j+4] = x.Scorers, x.Recusals, x.Spread, b.yesNo(x.Contested)
		row[j+5], row[j+6] = x.RankMin, x.RankMax
		if x.RankMin == x.RankMax {
			row[j+7] = strconv.Itoa(x.RankMin)
		} else {
			row[j+7] = fmt.Sprintf("%d–%d", x.RankMin, x.RankMax)
		}
		row[j+8], row[j+9] = b.t("export.no"), b.yesNo(!x.CutStable)
		if x.Tie {
			row[j+10] = b.t("forum.ranking.tie", x.TieFrom, x.TieTo)
		}
		if x.AboveCutoff {
			if scored {
				row[0] = excelize.Cell{Value: x.Rank, StyleID: b.st.mark}
			}
			row[j+8] = excelize.Cell{Value: b.t("export.yes"), StyleID: b.st.mark}
		}
	})
}

// outcome is a decision as the pages show it: "Compromiso 3", "Priorizada"…
func (b *book) outcome(code string, commitment int) string {
	if code == model.OutcomeCommitment && commitment > 0 {
		return b.t("forum.outcome.commitment_n", commitment)
	}
	return b.code("forum.outcome.", code)
}

// decisionsSheet is the reasoned response matrix: for every idea, where it
// came from, the sheet it ended in and that sheet's rank, the decision, its
// rationale and the responsible entity.
func (b *book) decisionsSheet(r *model.Report) error {
	cols := append(b.placeColumns(),
		column{head: b.t("export.col.idea"), width: wMedium, style: b.st.wrap},
		column{head: b.t("export.col.principle"), width: wLabel, style: b.st.wrap},
		column{head: b.t("export.col.sheet_number"), width: wNarrow},
		column{head: b.t("export.col.final_sheet"), width: wShort},
		column{head: b.t("export.col.rank"), width: wNarrow},
		column{head: b.t("export.col.weighted"), width: wShort, style: b.st.dec4},
		column{head: b.t("export.col.decision"), width: wLabel, style: b.st.wrap},
		column{head: b.t("export.col.commitment"), width: wShort},
		column{head: b.t("export.col.merged_into_decision"), width: wShort + 4},
		column{head: b.t("export.col.rationale"), width: wLong + 10, style: b.st.wrap},
		column{head: b.t("export.col.responsible"), width: wMedium, style: b.st.wrap},
	)
	return b.list(b.t("export.sheet.decisions"), b.t("export.desc.decisions"), cols, len(r.Decisions), func(i int, row []any) {
		d := &r.Decisions[i]
		putPlace(row, d.Place)
		row[3], row[4], row[5], row[6] = str(d.Idea), b.code("principle.", d.Principle), numberCell(d.SheetNumber), numberCell(d.FinalNumber)
		if d.Rank > 0 {
			row[7], row[8] = d.Rank, d.Weighted
		}
		row[9], row[10], row[11] = b.outcome(d.Decision, d.Commitment), numberCell(d.Commitment), numberCell(d.MergedInto)
		row[12], row[13] = str(d.Rationale), str(d.Responsible)
	})
}

// outcomesSheet counts what became of the ideas (the plan's prioritized list
// and commitments), computed from the matrix's lines.
func (b *book) outcomesSheet(r *model.Report) error {
	o := report.CountOutcomes(r.Decisions)
	lines := []struct {
		label string
		n     int
	}{
		{b.t("export.outcome.prioritized"), o.Prioritized},
		{b.t("export.outcome.in_commitments"), o.CommitmentIdeas},
		{b.t("export.outcome.commitments"), o.Commitments},
		{b.t("export.outcome.merged"), o.Merged},
		{b.t("export.outcome.not_prioritized"), o.NotPrioritized},
		{b.t("export.outcome.pending"), o.Pending},
	}
	c, err := b.small(b.t("export.sheet.outcomes"), b.t("export.desc.outcomes"), len(lines))
	if err != nil {
		return err
	}
	c.widths(wLong, wShort)
	c.header(1, b.t("export.col.outcome"), b.t("export.col.ideas"))
	for i, l := range lines {
		c.set(1, i+2, l.label, b.st.wrap)
		c.set(2, i+2, l.n, 0)
	}
	total := len(lines) + 2
	c.set(1, total, b.t("export.outcome.total"), b.st.bold)
	c.set(2, total, o.Ideas, b.st.bold)
	c.set(1, total+2, b.t("export.note.outcomes"), b.st.note)
	if c.err == nil {
		c.err = b.f.MergeCell(c.sheet, cellName(1, total+2), cellName(2, total+2))
	}
	if c.err == nil {
		c.err = b.f.SetRowHeight(c.sheet, total+2, 48)
	}
	c.freeze(1, "A1:"+cellName(2, total-1))
	return c.err
}

// satisfactionSheet is each workshop's survey: responses, average and the
// distribution of answers 1–5, with the process line computed over all.
func (b *book) satisfactionSheet(r *model.Report) error {
	lines, total := report.Satisfaction(r.Satisfaction)
	c, err := b.small(b.t("export.sheet.satisfaction"), b.t("export.desc.satisfaction"), len(lines))
	if err != nil {
		return err
	}
	c.widths(wLabel, wShort, wShort, wShort, wNarrow, wNarrow, wNarrow, wNarrow, wNarrow)
	c.header(1, b.t("export.col.workshop"), b.t("export.col.date"), b.t("export.col.responses"), b.t("export.col.average"),
		b.t("export.col.answer", 1), b.t("export.col.answer", 2), b.t("export.col.answer", 3),
		b.t("export.col.answer", 4), b.t("export.col.answer", 5))
	put := func(row int, l report.SatisfactionLine, label string, style, avgStyle int) {
		c.set(1, row, label, style)
		if l.Date != "" {
			c.set(2, row, dateCell(l.Date), b.st.date)
		} else {
			c.set(2, row, nil, style)
		}
		c.set(3, row, l.Responses, style)
		if l.Responses > 0 {
			c.set(4, row, l.Average, avgStyle)
		} else {
			c.set(4, row, nil, style)
		}
		for i, n := range l.Distribution {
			c.set(5+i, row, n, style)
		}
	}
	for i, l := range lines {
		put(i+2, l, l.Workshop, 0, b.st.dec2)
	}
	put(len(lines)+2, total, b.t("export.total"), b.st.bold, b.st.boldDec2)
	c.freeze(1, "A1:"+cellName(9, len(lines)+1))
	return c.err
}
