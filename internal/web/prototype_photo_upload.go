package web

import (
	"io"
	"net/http"
	"os"
	"path/filepath"

	"github.com/gofiber/fiber/v2"

	"github.com/minka-gob/minka/internal/model"
	"github.com/minka-gob/minka/internal/store"
)

// maxPhotoBytes bounds a prototype photo: a phone photo, not a RAW file.
const maxPhotoBytes = 5 << 20

// photoTypes are the accepted photo formats, recognised by their content
// (never by the file name or the browser's word), and their file extensions.
var photoTypes = map[string]string{"image/jpeg": ".jpg", "image/png": ".png", "image/webp": ".webp"}

// prototypePhotoUpload stores the photo of a prototype, durably (the file is
// synced before the record points at it), and announces it to the table.
// Answers JSON to the console's fetch, or redirects back without JavaScript.
func (s *Server) prototypePhotoUpload(c *fiber.Ctx) error {
	tableID, protoID := c.Params("id"), c.Params("pid")
	if _, err := s.store.TableInfo(c.UserContext(), tableID); err != nil {
		return err
	}
	if !principal(c).CanWriteTable(tableID) {
		return model.Forbidden("live.error.forbidden")
	}
	name, err := s.savePhoto(c)
	if err != nil {
		return s.photoError(c, err)
	}
	op := c.FormValue("op")
	if !model.IsUUID(op) {
		op = store.NewID()
	}
	path := filepath.Join(s.cfg.UploadsDir, name)
	a, old, err := s.store.SetPrototypePhoto(c.UserContext(), op, tableID, protoID, name)
	if err != nil || a.Dup {
		os.Remove(path)
		if err != nil {
			return s.photoError(c, err)
		}
	}
	if old != "" && old != name {
		os.Remove(filepath.Join(s.cfg.UploadsDir, filepath.Base(old)))
	}
	if c.Get(fiber.HeaderAccept) == fiber.MIMEApplicationJSON {
		return c.JSON(fiber.Map{"op": op, "seq": a.Seq, "dup": a.Dup})
	}
	return c.Redirect(tableScreenURL(model.RoleRapporteur, tableID)+"#phase-prototype", fiber.StatusSeeOther)
}

// savePhoto checks the uploaded file and writes it under a fresh name.
func (s *Server) savePhoto(c *fiber.Ctx) (string, error) {
	fh, err := c.FormFile("photo")
	if err != nil {
		return "", model.Invalid(model.FieldErrors{"photo": {Key: "validation.required"}})
	}
	if fh.Size > maxPhotoBytes {
		return "", model.Invalid(model.FieldErrors{"photo": {Key: "live.error.photo_size", Args: []any{maxPhotoBytes >> 20}}})
	}
	f, err := fh.Open()
	if err != nil {
		return "", err
	}
	defer f.Close()
	head := make([]byte, 512)
	n, _ := io.ReadFull(f, head)
	ext, ok := photoTypes[http.DetectContentType(head[:n])]
	if !ok {
		return "", model.Invalid(model.FieldErrors{"photo": {Key: "live.error.photo_type"}})
	}
	if _, err := f.Seek(0, io.SeekStart); err != nil {
		return "", err
	}
	if w, h, err := photoSize(f, http.DetectContentType(head[:n])); err != nil || !photoSizeOK(w, h) {
		return "", model.Invalid(model.FieldErrors{"photo": {Key: "live.error.photo_pixels", Args: []any{maxPhotoSide}}})
	}
	if _, err := f.Seek(0, io.SeekStart); err != nil {
		return "", err
	}
	if err := os.MkdirAll(s.cfg.UploadsDir, 0o755); err != nil {
		return "", err
	}
	name := store.NewID() + ext
	tmp, err := os.CreateTemp(s.cfg.UploadsDir, ".upload-*")
	if err != nil {
		return "", err
	}
	defer os.Remove(tmp.Name())
	_, err = io.Copy(tmp, io.LimitReader(f, maxPhotoBytes+1))
	if err == nil {
		err = tmp.Sync()
	}
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return "", err
	}
	return name, os.Rename(tmp.Name(), filepath.Join(s.cfg.UploadsDir, name))
}

// photoError answers a refused upload as JSON for the console's fetch.
func (s *Server) photoError(c *fiber.Ctx, err error) error {
	if c.Get(fiber.HeaderAccept) == fiber.MIMEApplicationJSON {
		return c.Status(statusOf(err)).JSON(apiError(lang(c), err))
	}
	return err
}
