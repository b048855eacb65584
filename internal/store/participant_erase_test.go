package store_test

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/crypto/bcrypt"

	"github.com/minka-gob/minka"
	"github.com/minka-gob/minka/internal/model"
	"github.com/minka-gob/minka/internal/store"
	"github.com/minka-gob/minka/internal/storetest"
)

// addParticipant stores a participant directly (the registration code is another part's).
func addParticipant(t *testing.T, st *store.Store, ctx context.Context, workshopID, name, email string) string {
	t.Helper()
	id := store.NewID()
	err := st.Write(ctx, func(tx *store.Tx) error {
		_, err := tx.Exec(`INSERT INTO participants(id, workshop_id, name, gender, sector, organization, email, phone, consent_at, registered_at, checked_in_at)
			VALUES (?,?,?,?,?,?,?,?,?,?,?)`, id, workshopID, name, "female", "civil_society", "Asociación Lupuna", email, "+51 987 654 321",
			"2025-05-01T10:00:00Z", "2025-05-01T10:00:00Z", "2025-05-23T09:00:00Z")
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return id
}

func TestEraseParticipantKeepsCountsAndPurgesTheAuditLog(t *testing.T) {
	st := storetest.Open(t)
	admin := as("admin", "A1")
	w := model.Workshop{City: "Iquitos", Date: "2025-06-12"}
	if err := st.CreateWorkshop(admin, &w); err != nil {
		t.Fatal(err)
	}
	const name, email = "Rosa Quispe Mamani", "rosa.quispe@example.pe"
	id := addParticipant(t, st, as("public", ""), w.ID, name, email)
	other := addParticipant(t, st, admin, w.ID, "Juan Pérez", "juan@example.pe")
	// An edit leaves the personal data in both before and after.
	if err := st.Write(admin, func(tx *store.Tx) error {
		_, err := tx.Exec(`UPDATE participants SET phone = '+51 900 000 000' WHERE id = ?`, id)
		return err
	}); err != nil {
		t.Fatal(err)
	}

	if err := st.EraseParticipant(admin, id); err != nil {
		t.Fatal(err)
	}
	if err := st.EraseParticipant(admin, id); err != nil { // twice is harmless
		t.Fatal(err)
	}
	// The record keeps what the statistics count.
	err := st.Write(context.Background(), func(tx *store.Tx) error {
		var gotName, gotEmail, gender, sector string
		var erased, checked *string
		if err := tx.QueryRow(`SELECT name, email, gender, sector, erased_at, checked_in_at FROM participants WHERE id = ?`, id).
			Scan(&gotName, &gotEmail, &gender, &sector, &erased, &checked); err != nil {
			return err
		}
		if gotName != "" || gotEmail != "" || gender != "female" || sector != "civil_society" || erased == nil || checked == nil {
			return fmt.Errorf("after erasure: name=%q email=%q gender=%s sector=%s erased=%v checked=%v", gotName, gotEmail, gender, sector, erased, checked)
		}
		var n int
		tx.QueryRow(`SELECT COUNT(*) FROM participants WHERE workshop_id = ?`, w.ID).Scan(&n)
		if n != 2 {
			return fmt.Errorf("participants = %d, want 2: the count changed", n)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	// The audit log has the erasure (who, when) but none of the erased values.
	entries := auditOf(t, st, "participants", id)
	if len(entries) != 3 {
		t.Fatalf("audit entries = %d, want insert, update, erase", len(entries))
	}
	var dump strings.Builder
	for _, e := range entries {
		fmt.Fprintf(&dump, "%v %v\n", e.Before, e.After)
	}
	for _, secret := range []string{name, email, "987 654 321", "900 000 000", "Lupuna"} {
		if strings.Contains(dump.String(), secret) {
			t.Errorf("the audit log still holds %q after erasure", secret)
		}
	}
	last := entries[2]
	if last.ActorID != "A1" || last.After["erased_at"] == nil || last.Before["name"] != store.Erased {
		t.Errorf("erasure entry = %+v", last)
	}
	if entries[0].After["gender"] != "female" {
		t.Errorf("erasure purged non-personal audit data: %v", entries[0].After)
	}
	// Another participant's audit entries are untouched.
	if o := auditOf(t, st, "participants", other); o[0].After["name"] != "Juan Pérez" {
		t.Errorf("erasure touched another participant's audit entries: %v", o[0].After)
	}
	// Not left behind in the file's free space or write-ahead log either.
	for _, f := range []string{st.Path(), st.Path() + "-wal"} {
		b, err := os.ReadFile(f)
		if err != nil {
			continue
		}
		if bytes.Contains(b, []byte(email)) {
			t.Errorf("%s still contains the erased e-mail address", f)
		}
	}

	if err := st.EraseParticipant(admin, store.NewID()); model.KindOf(err) != model.KindNotFound {
		t.Errorf("unknown participant: err = %v", err)
	}
}

func TestRegeneratedCodeEndsOldSessions(t *testing.T) {
	st := storetest.Open(t)
	ctx := context.Background()
	w := model.Workshop{City: "Lima", Date: "2025-07-18"}
	st.CreateWorkshop(ctx, &w)
	tb := model.Table{WorkshopID: w.ID, Number: 3}
	if err := st.CreateTable(ctx, &tb); err != nil {
		t.Fatal(err)
	}
	rap, _ := st.CreateSession(ctx, model.Session{Role: model.RoleRapporteur, TableID: tb.ID, JoinCode: tb.RapporteurCode}, 3600e9)
	fac, _ := st.CreateSession(ctx, model.Session{Role: model.RoleFacilitator, TableID: tb.ID, JoinCode: tb.FacilitatorCode}, 3600e9)

	code, err := st.RegenerateTableCode(ctx, tb.ID, model.RoleRapporteur)
	if err != nil {
		t.Fatal(err)
	}
	if code == tb.RapporteurCode || len(code) != 8 {
		t.Fatalf("new code %q", code)
	}
	if _, err := st.Session(ctx, rap); model.KindOf(err) != model.KindNotFound {
		t.Errorf("session opened with the old rapporteur code still works: %v", err)
	}
	if _, err := st.Session(ctx, fac); err != nil {
		t.Errorf("the facilitator's session ended too: %v", err)
	}
	if _, _, err := st.TableByCode(ctx, tb.RapporteurCode); model.KindOf(err) != model.KindNotFound {
		t.Errorf("the old code still joins: %v", err)
	}
	if _, role, err := st.TableByCode(ctx, code); err != nil || role != model.RoleRapporteur {
		t.Errorf("the new code: role=%q err=%v", role, err)
	}
	if _, err := st.RegenerateTableCode(ctx, tb.ID, "admin"); model.KindOf(err) != model.KindInvalid {
		t.Errorf("role admin: err = %v", err)
	}
	if _, err := st.RegenerateTableCode(ctx, store.NewID(), model.RoleParticipant); model.KindOf(err) != model.KindNotFound {
		t.Errorf("unknown table: err = %v", err)
	}
}

func TestChangeAdminPassword(t *testing.T) {
	st := storetest.Open(t)
	ctx := context.Background()
	a, err := st.CreateAdmin(ctx, "secretaria", "primera-clave-1")
	if err != nil {
		t.Fatal(err)
	}
	mine, _ := st.CreateSession(ctx, model.Session{Role: model.RoleAdmin, AdminID: a.ID}, 3600e9)
	elsewhere, _ := st.CreateSession(ctx, model.Session{Role: model.RoleAdmin, AdminID: a.ID}, 3600e9)

	bad := []struct {
		name  string
		form  model.PasswordChange
		field string
	}{
		{"wrong current", model.PasswordChange{Current: "otra-cosa-123", New: "segunda-clave-2", Confirm: "segunda-clave-2"}, "current"},
		{"too short", model.PasswordChange{Current: "primera-clave-1", New: "corta", Confirm: "corta"}, "new"},
		{"too long for bcrypt", model.PasswordChange{Current: "primera-clave-1", New: strings.Repeat("ñ", 40), Confirm: strings.Repeat("ñ", 40)}, "new"},
		{"mismatch", model.PasswordChange{Current: "primera-clave-1", New: "segunda-clave-2", Confirm: "segunda-clave-3"}, "confirm"},
		{"same", model.PasswordChange{Current: "primera-clave-1", New: "primera-clave-1", Confirm: "primera-clave-1"}, "new"},
	}
	for _, tt := range bad {
		err := st.ChangeAdminPassword(ctx, a.ID, tt.form, store.HashToken(mine))
		if e, ok := model.AsError(err); !ok || e.Fields[tt.field].Key == "" {
			t.Errorf("%s: err = %v, want an error on %s", tt.name, err, tt.field)
		}
	}
	if _, err := st.CheckAdminPassword(ctx, "secretaria", "primera-clave-1"); err != nil {
		t.Fatal("a refused change changed the password")
	}
	ok := model.PasswordChange{Current: "primera-clave-1", New: "segunda-clave-2", Confirm: "segunda-clave-2"}
	if err := st.ChangeAdminPassword(ctx, a.ID, ok, store.HashToken(mine)); err != nil {
		t.Fatal(err)
	}
	if _, err := st.CheckAdminPassword(ctx, "secretaria", "primera-clave-1"); err == nil {
		t.Error("the old password still works")
	}
	if _, err := st.CheckAdminPassword(ctx, "secretaria", "segunda-clave-2"); err != nil {
		t.Error("the new password does not work")
	}
	if _, err := st.Session(ctx, mine); err != nil {
		t.Error("the session that changed the password was closed")
	}
	if _, err := st.Session(ctx, elsewhere); err == nil {
		t.Error("another session of the account survived the password change")
	}
}

// Production hashes use bcrypt's default cost; only tests lower it.
func TestPasswordsAreHashedAtTheDefaultCost(t *testing.T) {
	st, err := store.Open(filepath.Join(t.TempDir(), "m.sqlite"), minka.Migrations, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	if err := st.Seed(context.Background()); err != nil {
		t.Fatal(err)
	}
	a, err := st.CreateAdmin(context.Background(), "admin", "una-clave-larga")
	if err != nil {
		t.Fatal(err)
	}
	if cost, err := bcrypt.Cost([]byte(a.PasswordHash)); err != nil || cost != bcrypt.DefaultCost {
		t.Fatalf("cost = %d (%v), want %d", cost, err, bcrypt.DefaultCost)
	}
}
