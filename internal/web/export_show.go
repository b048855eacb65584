package web

import (
	"time"

	"github.com/gofiber/fiber/v2"

	"github.com/minka-gob/minka/internal/export"
	"github.com/minka-gob/minka/internal/i18n"
	"github.com/minka-gob/minka/internal/model"
)

// exportShow is the export page: choose a scope and a variant, download the
// workbooks generated before, the participant CSV, the public link.
func (s *Server) exportShow(c *fiber.Ctx) error {
	data, err := s.exportPage(c, model.ExportRequest{Variant: model.ExportFull})
	if err != nil {
		return err
	}
	return s.render(c, fiber.StatusOK, "admin/exports", data)
}

// exportFile is a generated workbook as the page lists it.
type exportFile struct {
	Name    string
	Size    string
	ModTime time.Time
}

// exportPage gathers what the export page shows, with form's choices selected.
func (s *Server) exportPage(c *fiber.Ctx, form model.ExportRequest) (fiber.Map, error) {
	ws, err := s.store.Workshops(c.UserContext())
	if err != nil {
		return nil, err
	}
	files, err := export.List(s.cfg.ExportsDir)
	if err != nil {
		return nil, err
	}
	views := make([]exportFile, len(files))
	for i, f := range files {
		views[i] = exportFile{Name: f.Name, Size: byteSize(f.Size), ModTime: f.ModTime}
	}
	return fiber.Map{
		"Title":     i18n.T(lang(c), "export.title"),
		"Workshops": ws,
		"Files":     views,
		"Form":      form,
		"PublicURL": c.BaseURL() + "/exports/public.xlsx",
	}, nil
}

// byteSize shows a file size in kB or MB.
func byteSize(n int64) string {
	if n < 1<<20 {
		return i18n.FormatNumber(float64(n)/1024, 0) + " kB"
	}
	return i18n.FormatNumber(float64(n)/(1<<20), 1) + " MB"
}
