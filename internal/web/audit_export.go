package web

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"time"

	"github.com/gofiber/fiber/v2"

	"github.com/minka-gob/minka/internal/csvsafe"
	"github.com/minka-gob/minka/internal/i18n"
	"github.com/minka-gob/minka/internal/model"
	"github.com/minka-gob/minka/internal/store"
)

// auditExport downloads the filtered audit log as CSV (every page, oldest
// first). Every field goes through csvsafe, so text typed by a participant
// cannot run as a spreadsheet formula. The export itself is logged.
func (s *Server) auditExport(c *fiber.Ctx) error {
	f, r, err := auditFilter(c)
	if err != nil {
		return err
	}
	if err := s.store.RecordAuditEvent(c.UserContext(), model.AuditExport, map[string]any{"what": "audit_log", "filter": auditQuery(f, 1)}); err != nil {
		return err
	}
	c.Set(fiber.HeaderContentType, "text/csv; charset=utf-8")
	c.Set(fiber.HeaderContentDisposition, fmt.Sprintf(`attachment; filename="minka-audit-%s.csv"`, time.Now().In(i18n.Lima).Format("20060102-1504")))
	c.Set(fiber.HeaderCacheControl, "no-store")
	// The request's context ends when the handler returns; the stream outlives it.
	ctx := store.WithActor(context.Background(), store.ActorFrom(c.UserContext()))
	st := s.store
	logf := s.log.Printf
	c.Context().SetBodyStreamWriter(func(bw *bufio.Writer) {
		w, err := csvsafe.NewWriter(bw)
		if err != nil {
			return
		}
		w.Write([]string{"id", "at_utc", "actor_role", "actor_id", "actor_name", "table", "row_id", "action", "before", "after"})
		err = st.EachAudit(ctx, f, r, func(e model.AuditEntry) error {
			return w.Write([]string{fmt.Sprint(e.ID), e.At.UTC().Format(time.RFC3339Nano), e.ActorRole, e.ActorID, e.ActorName,
				e.Table, e.RowID, e.Action, jsonText(e.Before), jsonText(e.After)})
		})
		if err == nil {
			err = w.Flush()
		}
		if err != nil {
			logf("web: audit export: %v", err)
		}
	})
	return nil
}

func jsonText(m map[string]any) string {
	if m == nil {
		return ""
	}
	b, _ := json.Marshal(m)
	return string(b)
}
