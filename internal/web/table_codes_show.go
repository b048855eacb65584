package web

import (
	"net/url"
	"strings"

	"github.com/gofiber/fiber/v2"
	qrcode "github.com/skip2/go-qrcode"

	"github.com/minka-gob/minka/internal/i18n"
	"github.com/minka-gob/minka/internal/model"
)

// joinCode is one of a table's three join codes with its link.
type joinCode struct {
	Role string
	Code string
	URL  string
}

// tableCodesShow shows a table's three join codes, each with the QR code of
// its join link on the workshop's LAN.
func (s *Server) tableCodesShow(c *fiber.Ctx) error {
	return s.renderTableCodes(c, "live/codes", "live.codes.title")
}

// tableCodesPrint is a printable sheet with the participants' QR code, to
// leave on the table.
func (s *Server) tableCodesPrint(c *fiber.Ctx) error {
	return s.renderTableCodes(c, "live/codes_print", "live.codes.print_title")
}

func (s *Server) renderTableCodes(c *fiber.Ctx, page, titleKey string) error {
	t, err := s.store.Table(c.UserContext(), c.Params("id"))
	if err != nil {
		return err
	}
	w, err := s.store.Workshop(c.UserContext(), t.WorkshopID)
	if err != nil {
		return err
	}
	base := s.joinBaseURL(c)
	notice := ""
	if r := c.Query("renewed"); r == model.RoleFacilitator || r == model.RoleRapporteur || r == model.RoleParticipant {
		notice = i18n.T(lang(c), "security.code_renewed", i18n.T(lang(c), "role."+r))
	}
	codes := []joinCode{
		{model.RoleFacilitator, t.FacilitatorCode, joinURL(base, t.FacilitatorCode)},
		{model.RoleRapporteur, t.RapporteurCode, joinURL(base, t.RapporteurCode)},
		{model.RoleParticipant, t.ParticipantCode, joinURL(base, t.ParticipantCode)},
	}
	return s.render(c, fiber.StatusOK, page, fiber.Map{
		"Title":    i18n.T(lang(c), titleKey, t.Number),
		"Table":    t,
		"Workshop": &w,
		"Codes":    codes,
		"Base":     base,
		"Detected": s.cfg.PublicURL == "",
		"Notice":   notice,
		// The fingerprint of a certificate phones do not know, to compare
		// with what the phone shows (only on HTTPS links).
		"Fingerprint": fingerprintFor(base, s.cfg.TLSFingerprint),
	})
}

func fingerprintFor(base, fp string) string {
	if strings.HasPrefix(base, "https://") {
		return fp
	}
	return ""
}

func joinURL(base, code string) string { return base + "/join?code=" + url.QueryEscape(code) }

// tableCodeQR is the PNG QR code of a table's join link for one role.
func (s *Server) tableCodeQR(c *fiber.Ctx) error {
	t, err := s.store.Table(c.UserContext(), c.Params("id"))
	if err != nil {
		return err
	}
	code, ok := map[string]string{
		model.RoleFacilitator: t.FacilitatorCode,
		model.RoleRapporteur:  t.RapporteurCode,
		model.RoleParticipant: t.ParticipantCode,
	}[c.Params("role")]
	if !ok {
		return model.ErrNotFound
	}
	return sendQR(c, joinURL(s.joinBaseURL(c), code))
}

// sendQR answers a PNG QR code of text. Join codes can be regenerated, so
// the image is never cached.
func sendQR(c *fiber.Ctx, text string) error {
	png, err := qrcode.Encode(text, qrcode.Medium, 320)
	if err != nil {
		return err
	}
	c.Set(fiber.HeaderContentType, "image/png")
	c.Set(fiber.HeaderCacheControl, "no-store")
	return c.Send(png)
}

// printSheet is one table's participant QR sheet.
type printSheet struct {
	Table model.Table
	URL   string
}

// workshopCodesPrint prints every table's participant QR sheet of a
// workshop at once, one table per page.
func (s *Server) workshopCodesPrint(c *fiber.Ctx) error {
	w, err := s.store.Workshop(c.UserContext(), c.Params("id"))
	if err != nil {
		return err
	}
	ts, err := s.store.Tables(c.UserContext(), w.ID)
	if err != nil {
		return err
	}
	base := s.joinBaseURL(c)
	var sheets []printSheet
	for _, t := range ts {
		sheets = append(sheets, printSheet{Table: t, URL: joinURL(base, t.ParticipantCode)})
	}
	return s.render(c, fiber.StatusOK, "live/codes_print_all", fiber.Map{
		"Title":    i18n.T(lang(c), "live.codes.print_all_title", w.Label()),
		"Workshop": &w,
		"Sheets":   sheets,
	})
}
