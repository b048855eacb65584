package web

import (
	"os"
	"path/filepath"
	"regexp"

	"github.com/gofiber/fiber/v2"

	"github.com/minka-gob/minka/internal/model"
)

var uploadName = regexp.MustCompile(`^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\.(jpg|png|webp)$`)

var uploadTypes = map[string]string{".jpg": "image/jpeg", ".png": "image/png", ".webp": "image/webp"}

// uploadShow serves a prototype photo to those who may read its table; the
// uploads folder is never served as a whole.
func (s *Server) uploadShow(c *fiber.Ctx) error {
	name := c.Params("name")
	if !uploadName.MatchString(name) {
		return model.ErrNotFound
	}
	tableID, err := s.store.PrototypePhoto(c.UserContext(), name)
	if err != nil {
		return err
	}
	if !principal(c).CanReadTable(tableID) {
		return model.ErrNotFound
	}
	b, err := os.ReadFile(filepath.Join(s.cfg.UploadsDir, name))
	if os.IsNotExist(err) {
		return model.ErrNotFound
	}
	if err != nil {
		return err
	}
	c.Set(fiber.HeaderContentType, uploadTypes[filepath.Ext(name)])
	c.Set(fiber.HeaderCacheControl, "private, max-age=86400")
	return c.Send(b)
}
