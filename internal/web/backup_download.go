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
	info, err := os.Stat(path)
	if err != nil {
		return err
	}
	if err := s.store.RecordAuditEvent(c.UserContext(), model.AuditBackup, map[string]any{"bytes": info.Size()}); err != nil {
		return err
	}
	// The open file outlives its name (removed by the deferred RemoveAll).
	name := fmt.Sprintf("minka-%s.sqlite", time.Now().In(i18n.Lima).Format("20060102-150405"))
	return sendFile(c, path, name, "application/vnd.sqlite3")
}
