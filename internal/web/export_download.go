package web

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"

	"github.com/gofiber/fiber/v2"

	"github.com/minka-gob/minka/internal/export"
	"github.com/minka-gob/minka/internal/model"
)

// exportDownload sends a workbook generated earlier. Only names that the
// exporter gives are served, so no path can leave the exports folder.
func (s *Server) exportDownload(c *fiber.Ctx) error {
	name := c.Params("name")
	if !export.ValidName(name) {
		return model.NotFound("export.error.file_not_found")
	}
	path := filepath.Join(s.cfg.ExportsDir, name)
	if _, err := os.Stat(path); errors.Is(err, fs.ErrNotExist) {
		return model.NotFound("export.error.file_not_found")
	}
	return sendFile(c, path, "", xlsxType)
}
