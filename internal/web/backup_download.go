package web

import (
	"fmt"
	"os"
	"path/filepath"
	"time"

	"github.com/gofiber/fiber/v2"

	"github.com/minka-gob/minka/internal/i18n"
	"github.com/minka-gob/minka/internal/model"
)

// backupDownload streams a fresh, consistent copy of the live database
// (SQLite's online backup; the server keeps working meanwhile). The copy is
// made in a temporary folder beside the database and removed as soon as it
// is open, so no stray copy of the personal data stays on the disk. Who
// downloaded a backup, and when, goes to the audit log.
func (s *Server) backupDownload(c *fiber.Ctx) error {
	dir, err := os.MkdirTemp(filepath.Dir(s.store.Path()), ".backup-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(dir)
	path := filepath.Join(dir, "minka.sqlite")
	if err := s.store.Backup(c.UserContext(), path); err != nil {
		return err
	}
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	info, err := f.Stat()
	if err != nil {
		f.Close()
		return err
	}
	if err := s.store.RecordAuditEvent(c.UserContext(), model.AuditBackup, map[string]any{"bytes": info.Size()}); err != nil {
		f.Close()
		return err
	}
	name := fmt.Sprintf("minka-%s.sqlite", time.Now().In(i18n.Lima).Format("20060102-150405"))
	c.Set(fiber.HeaderContentType, "application/vnd.sqlite3")
	c.Set(fiber.HeaderContentDisposition, `attachment; filename="`+name+`"`)
	c.Set(fiber.HeaderCacheControl, "no-store")
	// The open file outlives its name (removed by the deferred RemoveAll);
	// fasthttp closes it once sent.
	return c.SendStream(f, int(info.Size()))
}
