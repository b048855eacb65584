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

// previewImport parses data, checks it against the workshop (duplicates) and
// shows the preview; with commit it imports when every row is good.
func (s *Server) previewImport(c *fiber.Ctx, w model.Workshop, data []byte, commit bool) error {
	res, err := importer.Parse(data)
	if err != nil {
		return s.renderImport(c, fiber.StatusUnprocessableEntity, w, importErrorMessage(lang(c), err))
	}
	ps := res.Participants()
	if len(res.Bad()) == 0 {
		if commit {
			err = s.store.ImportParticipants(c.UserContext(), w.ID, ps)
			if err == nil {
				return seeOther(c, "/admin/workshops/"+w.ID+"/participants", "imported", "n", strconv.Itoa(len(ps)))
			}
		} else {
			err = s.store.CheckImport(c.UserContext(), w.ID, ps)
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
	l := lang(c)
	bad := res.Bad()
	status := fiber.StatusOK
	if len(bad) > 0 {
		status = fiber.StatusUnprocessableEntity
	}
	return s.render(c, status, "admin/import_preview", fiber.Map{
		"Title":     tr(c, "participants.import.preview_title", w.Label()),
		"Workshop":  &w,
		"Result":    res,
		"Separator": separatorName(l, res.Separator),
		"BadRows":   rowProblems(l, bad),
		"Data":      base64.StdEncoding.EncodeToString(data),
		"Count":     len(res.Rows),
		"GenderOK":  setOf(model.Genders),
		"SectorOK":  setOf(model.Sectors),
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
var fieldOrder = []string{"name", "gender", "sector", "organization", "email", "phone", "consent", "table_id"}

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
