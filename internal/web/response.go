package web

import (
	"net/url"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/gofiber/fiber/v2"

	"github.com/minka-gob/minka/internal/i18n"
	"github.com/minka-gob/minka/internal/model"
)

// How a handler answers: a page (render), a form shown again with its errors
// (renderForm), a redirect after a successful POST with a confirmation for
// the next page (seeOther, read back by flash), or a file download
// (sendFile). JSON answers use c.JSON, or created for a new record; errors are
// returned and mapped in errors.go.

// render shows a page inside the main layout. Every page gets the caller's
// language, principal, CSRF token and current path besides its own data.
func (s *Server) render(c *fiber.Ctx, status int, page string, data fiber.Map) error {
	return s.renderLayout(c, status, page, "layouts/main", data)
}

// renderLayout shows a page inside layout (layouts/screen: the projector's
// full screen, without the site's header and footer).
func (s *Server) renderLayout(c *fiber.Ctx, status int, page, layout string, data fiber.Map) error {
	if data == nil {
		data = fiber.Map{}
	}
	data["Lang"] = lang(c)
	data["Me"] = principal(c)
	data["CSRF"] = csrfToken(c)
	data["Path"] = c.Path()
	data["Page"] = page
	data["OtherLangURL"] = otherLangURL(c, lang(c))
	if _, ok := data["Errors"]; !ok {
		data["Errors"] = model.FieldErrors{}
	}
	c.Status(status)
	return c.Render(page, data, layout)
}

// renderForm re-shows a form after bad input: the field errors go next to
// their fields (422); any other error goes to the error page.
func (s *Server) renderForm(c *fiber.Ctx, err error, page string, data fiber.Map) error {
	errs, ok := formErrors(err)
	if !ok {
		return err
	}
	if data == nil {
		data = fiber.Map{}
	}
	data["Errors"] = errs
	e, _ := model.AsError(err)
	data["FormError"] = i18n.T(lang(c), e.Msg.Key, e.Msg.Args...)
	return s.render(c, fiber.StatusUnprocessableEntity, page, data)
}

// formErrors returns the field errors of an invalid-input error (ok is false
// for any other error).
func formErrors(err error) (model.FieldErrors, bool) {
	e, ok := model.AsError(err)
	if !ok || e.Kind != model.KindInvalid {
		return nil, false
	}
	if e.Fields == nil {
		return model.FieldErrors{}, true
	}
	return e.Fields, true
}

// otherLangURL is the current page in the other language, keeping its query
// (a filtered audit log or a search stays as it was).
func otherLangURL(c *fiber.Ctx, current string) string {
	other := "en"
	if current == "en" {
		other = "es"
	}
	q := url.Values{}
	for k, v := range c.Context().QueryArgs().All() {
		q.Add(string(k), string(v))
	}
	q.Set("lang", other)
	return c.Path() + "?" + q.Encode()
}

// flashes are the confirmations a redirect-after-post may ask for with
// ?ok=<name> (and &n= for a count): name → message key. Only these names
// show anything, so a crafted link cannot put other text on a page.
var flashes = map[string]string{
	"saved":             "setup.flash.saved",
	"created":           "setup.flash.created",
	"imported":          "participants.flash.imported",
	"checkedin":         "participants.flash.checked_in",
	"undone":            "participants.flash.undone",
	"registered":        "participants.flash.registered",
	"erased":            "security.erase.done",
	"field_revoked":     "field.flash.revoked",
	"field_returned":    "field.flash.returned",
	"generated":         "forum.ok.generated",
	"none_generated":    "forum.ok.none_generated",
	"merged":            "forum.ok.merged",
	"sheet_saved":       "forum.ok.sheet_saved",
	"published":         "forum.ok.published",
	"closed":            "forum.ok.closed",
	"reopened":          "forum.ok.reopened",
	"results_published": "forum.ok.results_published",
	"criteria_saved":    "forum.ok.criteria_saved",
	"member_created":    "forum.ok.member_created",
	"member_saved":      "forum.ok.member_saved",
	"link_renewed":      "forum.ok.link_renewed",
	"cutoff_saved":      "forum.ok.cutoff_saved",
	"cutoff_invalid":    "forum.ok.cutoff_invalid",
	"decision_saved":    "forum.ok.decision_saved",
	"score_draft":       "forum.ok.score_draft",
	"score_submit":      "forum.ok.score_submit",
	"score_recuse":      "forum.ok.score_recuse",
	"score_unrecuse":    "forum.ok.score_unrecuse",
	"score_submit_next": "forum.ok.score_submit_next",
	"score_all_done":    "forum.ok.score_all_done",
}

// flash is the translated confirmation named by ?ok= (with ?n= for a
// message that counts something), or "".
func flash(c *fiber.Ctx) string {
	key, ok := flashes[c.Query("ok")]
	if !ok {
		return ""
	}
	if strings.Contains(i18n.T(i18n.Default, key), "%d") {
		return i18n.T(lang(c), key, c.QueryInt("n"))
	}
	return i18n.T(lang(c), key)
}

// seeOther redirects after a successful POST, asking the next page to confirm it.
func seeOther(c *fiber.Ctx, path, ok string, extra ...string) error {
	q := url.Values{}
	if ok != "" {
		q.Set("ok", ok)
	}
	for i := 0; i+1 < len(extra); i += 2 {
		if extra[i+1] != "" {
			q.Set(extra[i], extra[i+1])
		}
	}
	if len(q) > 0 {
		path += "?" + q.Encode()
	}
	return c.Redirect(path, fiber.StatusSeeOther)
}

// sendFile sends the file at path as a download named name (after the file
// when name is empty). The file is opened before sendFile returns, so the
// caller may remove it then.
func sendFile(c *fiber.Ctx, path, name, contentType string) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	info, err := f.Stat()
	if err != nil {
		f.Close()
		return err
	}
	if name == "" {
		name = filepath.Base(path)
	}
	c.Attachment(name)
	c.Set(fiber.HeaderContentType, contentType)
	c.Set(fiber.HeaderCacheControl, "no-store")
	c.Set(fiber.HeaderContentLength, strconv.FormatInt(info.Size(), 10))
	return c.SendStream(f, int(info.Size())) // fasthttp closes f once sent
}

// created answers 201 with the new record.
func created(c *fiber.Ctx, v any) error {
	return c.Status(fiber.StatusCreated).JSON(v)
}
