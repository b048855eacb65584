package web

import (
	"net/url"
	"strconv"
	"time"

	"github.com/gofiber/fiber/v2"

	"github.com/minka-gob/minka/internal/i18n"
	"github.com/minka-gob/minka/internal/model"
	"github.com/minka-gob/minka/internal/store"
)

// auditFilter reads the audit filter from the query string.
func auditFilter(c *fiber.Ctx) (model.AuditFilter, store.AuditRange, error) {
	f := model.AuditFilter{
		Table:     c.Query("table"),
		ActorRole: c.Query("role"),
		ActorID:   c.Query("actor"),
		From:      c.Query("from"),
		To:        c.Query("to"),
		Page:      c.QueryInt("page", 1),
	}
	f.Normalize()
	if err := f.Validate(); err != nil {
		return f, store.AuditRange{}, err
	}
	var r store.AuditRange
	// Dates are days in Lima, where the workshops happen.
	if f.From != "" {
		r.From, _ = time.ParseInLocation(model.DateLayout, f.From, i18n.Lima)
	}
	if f.To != "" {
		to, _ := time.ParseInLocation(model.DateLayout, f.To, i18n.Lima)
		r.To = to.AddDate(0, 0, 1)
	}
	return f, r, nil
}

// query is the filter as a query string, for links to other pages and the export.
func auditQuery(f model.AuditFilter, page int) string {
	q := url.Values{}
	for k, v := range map[string]string{"table": f.Table, "role": f.ActorRole, "actor": f.ActorID, "from": f.From, "to": f.To} {
		if v != "" {
			q.Set(k, v)
		}
	}
	if page > 1 {
		q.Set("page", strconv.Itoa(page))
	}
	return q.Encode()
}

// auditRow is an audit entry as the page shows it.
type auditRow struct {
	model.AuditEntry
	Who     string
	What    string
	Table   string
	Changes []model.AuditChange
}

func auditRoleLabel(l, role string) string {
	if role == "" {
		return i18n.T(l, "audit.system")
	}
	return i18n.T(l, "role."+role)
}

// auditTableLabel names a table in the reader's language when a key exists
// ("audit.table.<name>"), else by its name: tables added later still show.
func auditTableLabel(l, table string) string {
	if table == "" {
		return ""
	}
	if i18n.Has(l, "audit.table."+table) {
		return i18n.T(l, "audit.table."+table)
	}
	return table
}

func auditWho(l string, e model.AuditEntry) string {
	who := auditRoleLabel(l, e.ActorRole)
	switch {
	case e.ActorName != "":
		who += " · " + e.ActorName
	case len(e.ActorID) > 8:
		who += " · " + e.ActorID[:8]
	case e.ActorID != "":
		who += " · " + e.ActorID
	}
	return who
}

func auditAction(l, action string) string {
	if i18n.Has(l, "audit.action."+action) {
		return i18n.T(l, "audit.action."+action)
	}
	return action
}

// auditList is the audit log, newest first, filtered and paginated.
func (s *Server) auditList(c *fiber.Ctx) error {
	l := lang(c)
	tables, err := s.store.AuditLoggedTables(c.UserContext())
	if err != nil {
		return err
	}
	var tableOpts []fiber.Map
	for _, t := range tables {
		tableOpts = append(tableOpts, fiber.Map{"Value": t, "Label": auditTableLabel(l, t)})
	}
	var roleOpts []fiber.Map
	for _, r := range model.AuditRoles {
		label := i18n.T(l, "role."+r)
		if r == "system" {
			label = i18n.T(l, "audit.system")
		}
		roleOpts = append(roleOpts, fiber.Map{"Value": r, "Label": label})
	}
	data := fiber.Map{
		"Title":   i18n.T(l, "audit.title"),
		"Tables":  tableOpts,
		"Roles":   roleOpts,
		"Filter":  model.AuditFilter{},
		"PerPage": store.AuditPageSize,
	}
	f, r, err := auditFilter(c)
	data["Filter"] = f
	if err != nil {
		return s.renderForm(c, err, "security/audit", data)
	}
	entries, total, err := s.store.AuditLog(c.UserContext(), f, r)
	if err != nil {
		return err
	}
	rows := make([]auditRow, len(entries))
	for i, e := range entries {
		rows[i] = auditRow{AuditEntry: e, Who: auditWho(l, e), What: auditAction(l, e.Action),
			Table: auditTableLabel(l, e.Table), Changes: e.Changes()}
	}
	pages := (total + store.AuditPageSize - 1) / store.AuditPageSize
	data["Entries"] = rows
	data["Total"] = total
	data["PageNum"] = f.Page
	data["Pages"] = pages
	if f.Page > 1 {
		data["PrevURL"] = "/admin/audit?" + auditQuery(f, f.Page-1)
	}
	if f.Page < pages {
		data["NextURL"] = "/admin/audit?" + auditQuery(f, f.Page+1)
	}
	data["ExportURL"] = "/admin/audit/export?" + auditQuery(f, 1)
	return s.render(c, fiber.StatusOK, "security/audit", data)
}
