package store_test

import (
	"context"
	"fmt"
	"io/fs"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"testing/fstest"

	"github.com/minka-gob/minka"
	"github.com/minka-gob/minka/internal/model"
	"github.com/minka-gob/minka/internal/store"
	"github.com/minka-gob/minka/internal/storetest"
)

func as(role, id string) context.Context {
	return store.WithActor(context.Background(), store.Actor{Role: role, ID: id})
}

// auditOf returns the audit entries of one row, oldest first.
func auditOf(t *testing.T, st *store.Store, table, rowID string) []model.AuditEntry {
	t.Helper()
	var out []model.AuditEntry
	err := st.EachAudit(context.Background(), model.AuditFilter{Table: table}, store.AuditRange{}, func(e model.AuditEntry) error {
		if e.RowID == rowID {
			out = append(out, e)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func TestAuditRecordsWhoWhatBeforeAndAfter(t *testing.T) {
	st := storetest.Open(t)
	w := model.Workshop{City: "Piura", Date: "2025-06-05"}
	if err := st.CreateWorkshop(as("admin", "A1"), &w); err != nil {
		t.Fatal(err)
	}
	w.City = "Iquitos"
	if err := st.UpdateWorkshop(as("facilitator", "S9"), &w); err != nil {
		t.Fatal(err)
	}
	err := st.Write(as("rapporteur", "S7"), func(tx *store.Tx) error {
		_, err := tx.Exec(`DELETE FROM workshops WHERE id = ?`, w.ID)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	got := auditOf(t, st, "workshops", w.ID)
	if len(got) != 3 {
		t.Fatalf("audit entries = %d, want 3: %+v", len(got), got)
	}
	want := []struct{ action, role, id string }{{"insert", "admin", "A1"}, {"update", "facilitator", "S9"}, {"delete", "rapporteur", "S7"}}
	for i, wnt := range want {
		e := got[i]
		if e.Action != wnt.action || e.ActorRole != wnt.role || e.ActorID != wnt.id {
			t.Errorf("entry %d = %s by %s/%s, want %s by %s/%s", i, e.Action, e.ActorRole, e.ActorID, wnt.action, wnt.role, wnt.id)
		}
		if e.At.IsZero() {
			t.Errorf("entry %d has no time", i)
		}
	}
	if got[0].Before != nil || got[0].After["city"] != "Piura" {
		t.Errorf("insert: before=%v after=%v", got[0].Before, got[0].After)
	}
	if got[1].Before["city"] != "Piura" || got[1].After["city"] != "Iquitos" {
		t.Errorf("update: before=%v after=%v", got[1].Before, got[1].After)
	}
	changes := got[1].Changes()
	var cols []string
	for _, c := range changes {
		cols = append(cols, c.Column)
	}
	// updated_at is stored to the millisecond: it changes too unless the
	// create and the update land in the same millisecond, so it may or may
	// not be listed; nothing else may.
	if got := strings.Join(cols, ","); got != "city,updated_at" && got != "city" {
		t.Errorf("update changes = %v, want city (and updated_at when the clock moved)", cols)
	}
	if got[2].After != nil || got[2].Before["city"] != "Iquitos" {
		t.Errorf("delete: before=%v after=%v", got[2].Before, got[2].After)
	}
}

// The writer runs many writes in one transaction; each must be attributed
// to its own author, including when a neighbour in the batch fails.
func TestAuditAttributesEachWriteOfABatchToItsAuthor(t *testing.T) {
	st := storetest.Open(t)
	const n = 60
	ids := make([]string, n)
	var wg sync.WaitGroup
	for i := 0; i < n; i++ {
		wg.Add(1)
		go func(i int) {
			defer wg.Done()
			ctx := as("rapporteur", fmt.Sprintf("S%02d", i))
			w := model.Workshop{City: "Lima", Date: "2025-05-23"}
			if i%3 == 2 {
				w.Date = "bad" // fails validation before queuing
			}
			if err := st.CreateWorkshop(ctx, &w); err == nil {
				ids[i] = w.ID
			}
			if i%5 == 0 { // a write that fails inside the batch, after changing rows
				_ = st.Write(ctx, func(tx *store.Tx) error {
					tx.Exec(`UPDATE workshops SET city = 'X'`)
					return fmt.Errorf("boom")
				})
			}
		}(i)
	}
	wg.Wait()
	for i, id := range ids {
		if id == "" {
			continue
		}
		got := auditOf(t, st, "workshops", id)
		if len(got) != 1 || got[0].ActorID != fmt.Sprintf("S%02d", i) || got[0].ActorRole != "rapporteur" {
			t.Errorf("workshop %d: audit = %+v, want one insert by S%02d", i, got, i)
		}
	}
	// Writes without an author (seed, migrations) are the system's.
	var e []model.AuditEntry
	st.EachAudit(context.Background(), model.AuditFilter{Table: "problems"}, store.AuditRange{}, func(x model.AuditEntry) error {
		e = append(e, x)
		return nil
	})
	if len(e) != 5 || e[0].ActorRole != "" {
		t.Errorf("seeded problems: %d entries, first by %q; want 5 by the system", len(e), e[0].ActorRole)
	}
}

func TestAuditNeverRecordsSecrets(t *testing.T) {
	st := storetest.Open(t)
	ctx := as("admin", "A1")
	a, err := st.CreateAdmin(ctx, "secretaria", "contraseña-larga-1")
	if err != nil {
		t.Fatal(err)
	}
	w := model.Workshop{City: "Lima", Date: "2025-05-23"}
	if err := st.CreateWorkshop(ctx, &w); err != nil {
		t.Fatal(err)
	}
	tb := model.Table{WorkshopID: w.ID, Number: 1}
	if err := st.CreateTable(ctx, &tb); err != nil {
		t.Fatal(err)
	}
	newCode, err := st.RegenerateTableCode(ctx, tb.ID, model.RoleRapporteur)
	if err != nil {
		t.Fatal(err)
	}
	if err := st.ChangeAdminPassword(ctx, a.ID, model.PasswordChange{Current: "contraseña-larga-1", New: "otra-contraseña-2", Confirm: "otra-contraseña-2"}, ""); err != nil {
		t.Fatal(err)
	}
	secrets := []string{a.PasswordHash, tb.FacilitatorCode, tb.RapporteurCode, tb.ParticipantCode, newCode}
	var all strings.Builder
	st.EachAudit(context.Background(), model.AuditFilter{}, store.AuditRange{}, func(e model.AuditEntry) error {
		fmt.Fprintf(&all, "%v %v\n", e.Before, e.After)
		return nil
	})
	for _, s := range secrets {
		if strings.Contains(all.String(), s) {
			t.Errorf("the audit log contains the secret %q", s)
		}
	}
	if strings.Contains(all.String(), "$2a$") {
		t.Error("the audit log contains a bcrypt hash")
	}
	// A change of a secret is still visible as a change.
	got := auditOf(t, st, "workshop_tables", tb.ID)
	last := got[len(got)-1]
	if last.Action != "update" || last.After["rapporteur_code"] != store.Changed || last.After["facilitator_code"] != store.Redacted {
		t.Errorf("code regeneration audit = %+v", last.After)
	}
	pw := auditOf(t, st, "admins", a.ID)
	if len(pw) != 2 || pw[1].Action != "update" || pw[1].After["password_hash"] != store.Changed {
		t.Errorf("password change audit = %+v", pw)
	}
}

// Every table but the excluded ones must carry the three audit triggers,
// recording its current columns. This fails when the generator misses a
// table (or a trigger is dropped).
func TestEveryTableIsAudited(t *testing.T) {
	st := storetest.Open(t)
	ctx := context.Background()
	missing, err := st.AuditCoverage(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(missing) > 0 {
		t.Fatalf("tables without audit triggers: %v", missing)
	}
	tables, _ := st.AuditedTables(ctx)
	for _, want := range []string{"workshops", "workshop_tables", "participants", "ideas", "admins", "process"} {
		if !contains(tables, want) {
			t.Errorf("table %s is not audited (audited: %v)", want, tables)
		}
	}
	for _, never := range []string{"sessions", "audit_log", "audit_context", "schema_migrations"} {
		if contains(tables, never) {
			t.Errorf("table %s must not be audited", never)
		}
	}
	// The coverage check itself notices a missing trigger.
	if err := st.Write(ctx, func(tx *store.Tx) error {
		_, err := tx.Exec(`DROP TRIGGER audit_ideas_update`)
		return err
	}); err != nil {
		t.Fatal(err)
	}
	if missing, _ := st.AuditCoverage(ctx); len(missing) != 1 || missing[0] != "ideas" {
		t.Fatalf("after dropping a trigger, missing = %v, want [ideas]", missing)
	}
}

func contains(xs []string, x string) bool {
	for _, y := range xs {
		if y == x {
			return true
		}
	}
	return false
}

// withMigrations is the real migrations plus extra ones.
func withMigrations(t *testing.T, extra map[string]string) fs.FS {
	t.Helper()
	m := fstest.MapFS{}
	entries, err := fs.ReadDir(minka.Migrations, "db/migrations")
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		b, _ := minka.Migrations.ReadFile("db/migrations/" + e.Name())
		m[e.Name()] = &fstest.MapFile{Data: b}
	}
	for name, sql := range extra {
		m[name] = &fstest.MapFile{Data: []byte(sql)}
	}
	return m
}

// A table that another part of Minka adds later is audited without any
// code for it; a column added to it is recorded from the next start; a
// migration may drop a column that the triggers name.
func TestTablesAddedByLaterMigrationsAreAudited(t *testing.T) {
	path := filepath.Join(t.TempDir(), "m.sqlite")
	ctx := as("forum", "F1")
	v1 := withMigrations(t, map[string]string{"900_scores.sql": `CREATE TABLE scores (id TEXT PRIMARY KEY, value INTEGER NOT NULL, note TEXT NOT NULL DEFAULT '')`})
	st, err := store.Open(path, v1, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if err := st.Write(ctx, func(tx *store.Tx) error {
		_, err := tx.Exec(`INSERT INTO scores(id, value) VALUES ('s1', 4)`)
		return err
	}); err != nil {
		t.Fatal(err)
	}
	if got := auditOf(t, st, "scores", "s1"); len(got) != 1 || got[0].After["value"] != float64(4) || got[0].ActorID != "F1" {
		t.Fatalf("new table audit = %+v", got)
	}
	st.Close()

	v2 := withMigrations(t, map[string]string{
		"900_scores.sql": `CREATE TABLE scores (id TEXT PRIMARY KEY, value INTEGER NOT NULL, note TEXT NOT NULL DEFAULT '')`,
		"901_more.sql":   `ALTER TABLE scores ADD COLUMN criterion TEXT NOT NULL DEFAULT ''; ALTER TABLE scores DROP COLUMN note;`,
	})
	st, err = store.Open(path, v2, store.Options{})
	if err != nil {
		t.Fatalf("a migration dropping an audited column failed: %v", err)
	}
	defer st.Close()
	if err := st.Write(ctx, func(tx *store.Tx) error {
		_, err := tx.Exec(`UPDATE scores SET criterion = 'impact' WHERE id = 's1'`)
		return err
	}); err != nil {
		t.Fatal(err)
	}
	got := auditOf(t, st, "scores", "s1")
	if len(got) != 2 || got[1].After["criterion"] != "impact" {
		t.Fatalf("added column not audited: %+v", got)
	}
	if _, ok := got[1].After["note"]; ok {
		t.Error("dropped column still in the audit trigger")
	}
	if missing, _ := st.AuditCoverage(context.Background()); len(missing) > 0 {
		t.Errorf("missing triggers after migrations: %v", missing)
	}
}

func TestAuditFilterAndPages(t *testing.T) {
	st := storetest.Open(t)
	for i := 0; i < store.AuditPageSize+5; i++ {
		w := model.Workshop{City: fmt.Sprintf("C%d", i), Date: "2025-05-23"}
		if err := st.CreateWorkshop(as("admin", "A1"), &w); err != nil {
			t.Fatal(err)
		}
	}
	ctx := context.Background()
	page1, total, err := st.AuditLog(ctx, model.AuditFilter{Table: "workshops", ActorRole: "admin"}, store.AuditRange{})
	if err != nil {
		t.Fatal(err)
	}
	if total != store.AuditPageSize+5 || len(page1) != store.AuditPageSize {
		t.Fatalf("total=%d page=%d", total, len(page1))
	}
	page2, _, _ := st.AuditLog(ctx, model.AuditFilter{Table: "workshops", ActorRole: "admin", Page: 2}, store.AuditRange{})
	if len(page2) != 5 || page2[0].ID >= page1[len(page1)-1].ID {
		t.Fatalf("page 2 = %d entries", len(page2))
	}
	if _, n, _ := st.AuditLog(ctx, model.AuditFilter{ActorRole: "system", Table: "workshops"}, store.AuditRange{}); n != 0 {
		t.Errorf("system entries on workshops = %d, want 0", n)
	}
	_, _, err = st.AuditLog(ctx, model.AuditFilter{From: "2025-13-01"}, store.AuditRange{})
	if model.KindOf(err) != model.KindInvalid {
		t.Errorf("bad date: err = %v", err)
	}
}
