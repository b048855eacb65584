package web

import (
	"os"
	"path/filepath"
	"strconv"

	"github.com/gofiber/fiber/v2"

	"github.com/minka-gob/minka/internal/export"
	"github.com/minka-gob/minka/internal/model"
)

// xlsxType is the media type of an .xlsx workbook.
const xlsxType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

// exportCreate generates the workbook asked for, saves it in the exports
// folder and sends it as a download.
func (s *Server) exportCreate(c *fiber.Ctx) error {
	form := model.ExportRequest{WorkshopID: c.FormValue("workshop"), Variant: c.FormValue("variant")}
	form.Normalize()
	err := form.Validate()
	if err == nil {
		var path string
		path, err = export.Save(c.UserContext(), s.store, s.cfg.ExportsDir,
			export.Request{WorkshopID: form.WorkshopID, Public: form.Public(), Lang: lang(c)})
		if err == nil {
			return sendFile(c, path, xlsxType)
		}
	}
	if model.KindOf(err) == model.KindNotFound {
		err = model.Invalid(model.FieldErrors{"workshop": {Key: "validation.reference"}})
	}
	data, perr := s.exportPage(c, form)
	if perr != nil {
		return perr
	}
	return s.renderForm(c, err, "admin/exports", data)
}

// sendFile sends the file at path as a download named after it.
func sendFile(c *fiber.Ctx, path, contentType string) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	info, err := f.Stat()
	if err != nil {
		f.Close()
		return err
	}
	c.Attachment(filepath.Base(path))
	c.Set(fiber.HeaderContentType, contentType)
	c.Set(fiber.HeaderCacheControl, "no-store")
	c.Set(fiber.HeaderContentLength, strconv.FormatInt(info.Size(), 10))
	return c.SendStream(f, int(info.Size())) // fasthttp closes f once sent
}
