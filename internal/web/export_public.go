package web

import (
	"bytes"
	"time"

	"github.com/gofiber/fiber/v2"

	"github.com/minka-gob/minka/internal/export"
	"github.com/minka-gob/minka/internal/model"
)

// publicExports lets one public workbook be built at a time: anyone may ask,
// and a workbook of a large process takes a few seconds of CPU.
var publicExports = make(chan struct{}, 1)

// exportPublic sends the public workbook (no personal data) of the whole
// process or of one workshop. It is built on the fly, never saved.
func (s *Server) exportPublic(c *fiber.Ctx) error {
	form := model.ExportRequest{WorkshopID: c.Query("workshop"), Variant: model.ExportPublic}
	form.Normalize()
	if err := form.Validate(); err != nil {
		return err
	}
	select {
	case publicExports <- struct{}{}:
		defer func() { <-publicExports }()
	default:
		c.Set(fiber.HeaderRetryAfter, "5")
		return fiber.ErrTooManyRequests
	}
	r, err := s.store.Report(c.UserContext(), form.WorkshopID)
	if err != nil {
		return err
	}
	req := export.Request{WorkshopID: form.WorkshopID, Public: true, Lang: lang(c), Now: time.Now()}
	var buf bytes.Buffer
	if err := export.Write(&buf, r, export.Options{Lang: req.Lang, GeneratedAt: req.Now, Public: true}); err != nil {
		return err
	}
	c.Attachment(export.FileName(r, req))
	c.Set(fiber.HeaderContentType, xlsxType)
	c.Set(fiber.HeaderCacheControl, "no-store")
	return c.Send(buf.Bytes())
}
