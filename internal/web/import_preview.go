package web

import (
	"encoding/base64"
	"errors"
	"io"
	"sort"
	"strconv"
	"strings"

	"github.com/gofiber/fiber/v2"

	"github.com/minka-gob/minka/internal/i18n"
	"github.com/minka-gob/minka/internal/importer"
	"github.com/minka-gob/minka/internal/model"
	"github.com/minka-gob/minka/internal/store"
)

// maxImportBytes bounds an uploaded CSV (thousands of rows fit in far less).
const maxImportBytes = 2 << 20

// importPreview reads an uploaded CSV and shows what would be imported:
// the column mapping, every row, and every bad row by line number with its
// reasons. Nothing is stored here; the page's confirm button posts the same
// file back to importConfirm.
func (s *Server) importPreview(c *fiber.Ctx) error {
	w, err := s.store.Workshop(c.UserContext(), c.Params("id"))
	if err != nil {
		return err
	}
	return s.uploadImport(c, &w)
}

// processImportPreview previews a process-wide file: each row goes to the
// workshop it names; the preview counts the rows per workshop.
func (s *Server) processImportPreview(c *fiber.Ctx) error {
	return s.uploadImport(c, nil)
}

func (s *Server) uploadImport(c *fiber.Ctx, w *model.Workshop) error {
	fh, err := c.FormFile("file")
	if err != nil {
		return s.renderImport(c, fiber.StatusUnprocessableEntity, w, tr(c, "participants.import.error.no_file"))
	}
	if fh.Size > maxImportBytes {
		return s.renderImport(c, fiber.StatusUnprocessableEntity, w, tr(c, "participants.import.error.too_big", maxImportBytes>>20))
	}
	f, err := fh.Open()
	if err != nil {
		return err
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, maxImportBytes+1))
	if err != nil {
		return err
	}
	return s.previewImport(c, w, data, false)
}

// importCount is how many rows of a process-wide file go to a workshop.
type importCount struct {
	Workshop model.Workshop
	Rows     int
}

// previewImport parses data, checks it against the workshop (duplicates) and
// shows the preview; with commit it imports when every row is good. With w
// nil the file is the process's: each row goes to the workshop it names
// (importer.Assign), a row naming none is an error on its line. A file for
// one workshop whose rows name another workshop is previewed with a warning
// per such line.
func (s *Server) previewImport(c *fiber.Ctx, w *model.Workshop, data []byte, commit bool) error {
	ctx := c.UserContext()
	l := lang(c)
	res, err := importer.Parse(data)
	if err != nil {
		return s.renderImport(c, fiber.StatusUnprocessableEntity, w, importErrorMessage(l, err))
	}
	workshops, err := s.store.Workshops(ctx)
	if err != nil {
		return err
	}
	labels := map[string]string{}
	for _, x := range workshops {
		labels[x.ID] = x.Label() + " · " + i18n.FormatDate(l, x.Date)
	}
	var perWorkshop []importCount
	var warnings []string
	switch {
	case w == nil && !res.HasWorkshopColumns():
		return s.renderImport(c, fiber.StatusUnprocessableEntity, w, tr(c, "participants.import.error.no_workshop_column"))
	case w == nil:
		counts := res.Assign(workshops)
		for _, x := range workshops {
			if counts[x.ID] > 0 {
				perWorkshop = append(perWorkshop, importCount{Workshop: x, Rows: counts[x.ID]})
			}
		}
	case res.HasWorkshopColumns():
		for _, row := range res.Rows {
			if row.Workshop == "" && row.City == "" {
				continue
			}
			switch id, key, args := importer.Match(workshops, row.Workshop, row.City, row.Date); {
			case key != "":
				warnings = append(warnings, i18n.T(l, "participants.import.line", row.Line)+": "+i18n.T(l, key, args...))
			case id != w.ID:
				warnings = append(warnings, i18n.T(l, "participants.import.warning.other_workshop", row.Line, labels[id]))
			}
		}
	}
	ps := res.Participants()
	if len(res.Bad()) == 0 {
		switch {
		case commit && w == nil:
			if err = s.store.ImportProcessParticipants(ctx, ps); err == nil {
				return seeOther(c, "/admin/workshops", "imported", "n", strconv.Itoa(len(ps)))
			}
		case commit:
			if err = s.store.ImportParticipants(ctx, w.ID, ps); err == nil {
				return seeOther(c, "/admin/workshops/"+w.ID+"/participants", "imported", "n", strconv.Itoa(len(ps)))
			}
		case w == nil:
			err = s.store.CheckProcessImport(ctx, ps)
		default:
			err = s.store.CheckImport(ctx, w.ID, ps)
		}
		var re *store.RowsError
		if errors.As(err, &re) {
			for i, fields := range re.Rows {
				res.Rows[i].Errors = fields
			}
		} else if err != nil {
			return err
		}
	}
	bad := res.Bad()
	status := fiber.StatusOK
	if len(bad) > 0 {
		status = fiber.StatusUnprocessableEntity
	}
	title := tr(c, "participants.import.process_preview_title")
	if w != nil {
		title = tr(c, "participants.import.preview_title", w.Label())
	}
	return s.render(c, status, "admin/import_preview", fiber.Map{
		"Title":       title,
		"Workshop":    w,
		"Action":      importAction(w),
		"PerWorkshop": perWorkshop,
		"Warnings":    warnings,
		"Labels":      labels,
		"Result":      res,
		"Separator":   separatorName(l, res.Separator),
		"BadRows":     rowProblems(l, bad),
		"Data":        base64.StdEncoding.EncodeToString(data),
		"Count":       len(res.Rows),
		"GenderOK":    setOf(model.Genders),
		"SectorOK":    setOf(model.Sectors),
	})
}

// importErrorMessage explains why a file cannot be read at all.
func importErrorMessage(l string, err error) string {
	var mc *importer.MissingColumnsError
	if errors.As(err, &mc) {
		names := make([]string, len(mc.Fields))
		for i, f := range mc.Fields {
			names[i] = i18n.T(l, "participants.import.column."+f)
		}
		return i18n.T(l, "participants.import.error.missing_columns_list", strings.Join(names, "; "))
	}
	return messageOf(l, err)
}

// rowProblem is a bad row as the preview shows it.
type rowProblem struct {
	Line     int
	Name     string
	Problems []string
}

// fieldOrder is the order of the reasons shown for a row: the form's order.
var fieldOrder = []string{"workshop", "name", "gender", "sector", "organization", "email", "phone", "consent", "table_id"}

func rowProblems(l string, rows []importer.Row) []rowProblem {
	out := make([]rowProblem, 0, len(rows))
	for _, r := range rows {
		rp := rowProblem{Line: r.Line, Name: r.Participant.Name}
		fields := make([]string, 0, len(r.Errors))
		for f := range r.Errors {
			fields = append(fields, f)
		}
		sort.Slice(fields, func(i, j int) bool { return indexOf(fieldOrder, fields[i]) < indexOf(fieldOrder, fields[j]) })
		for _, f := range fields {
			m := r.Errors[f]
			msg := i18n.T(l, "participants.field."+f) + ": " + i18n.T(l, m.Key, m.Args...)
			if v := rawValue(r.Participant, f); v != "" && m.Key == "validation.choice" {
				msg += " " + i18n.T(l, "participants.import.value", v)
			}
			rp.Problems = append(rp.Problems, msg)
		}
		out = append(out, rp)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Line < out[j].Line })
	return out
}

// rawValue is what the file said for a field that takes one of a few values.
func rawValue(p model.Participant, field string) string {
	switch field {
	case "gender":
		return p.Gender
	case "sector":
		return p.Sector
	}
	return ""
}

func setOf(list []string) map[string]bool {
	m := make(map[string]bool, len(list))
	for _, v := range list {
		m[v] = true
	}
	return m
}

func indexOf(list []string, s string) int {
	for i, v := range list {
		if v == s {
			return i
		}
	}
	return len(list)
}

func separatorName(l string, r rune) string {
	switch r {
	case ';':
		return i18n.T(l, "participants.import.sep_semicolon")
	case '\t':
		return i18n.T(l, "participants.import.sep_tab")
	}
	return i18n.T(l, "participants.import.sep_comma")
}
