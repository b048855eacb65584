package web

import (
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
			return sendFile(c, path, "", xlsxType)
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
