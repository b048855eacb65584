package web

import (
	"archive/zip"
	"bytes"
	"context"
	"io"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/minka-gob/minka/internal/model"
)

// xlsxText is every file inside a workbook, uncompressed.
func xlsxText(t *testing.T, b []byte) []byte {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(b), int64(len(b)))
	if err != nil {
		t.Fatal(err)
	}
	var all bytes.Buffer
	for _, f := range zr.File {
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		io.Copy(&all, rc)
		rc.Close()
	}
	return all.Bytes()
}

// A person registers, is exported, then asks to be erased. Afterwards no
// byte of what they typed — as typed, in lower case, without accents, the
// phone as digits — is left in the database file, its write-ahead log, the
// audit log's export, the participant CSV or any workbook (those made before
// are deleted; new ones lack the person), and the same person can register
// again.
func TestErasureLeavesNoByteOfThePerson(t *testing.T) {
	e := newLiveEnv(t)
	ctx := context.Background()
	typed := map[string]string{
		"name":         "Zenobia Quispe Huamaní",
		"organization": "Asociación Ñandutí Verde",
		"email":        "zenobia.qh@ejemplo-unico.pe",
		"phone":        "+51 912 345 678",
	}
	register := func() *http.Response {
		form := url.Values{"gender": {"female"}, "sector": {"civil_society"}, "consent": {"1"}}
		for k, v := range typed {
			form.Set(k, v)
		}
		resp, _ := e.browser("").post("/workshops/"+e.workshop.ID+"/register", form)
		return resp
	}
	if resp := register(); resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("registration: %d", resp.StatusCode)
	}
	list, err := e.store.Participants(ctx, e.workshop.ID, "")
	if err != nil || len(list) != 1 {
		t.Fatalf("participants: %v %v", list, err)
	}
	p := list[0]
	admin := e.browser(e.adminTok)
	// Edited and checked in: more audit entries holding the values.
	if _, err := e.store.CheckIn(ctx, p.ID, e.tables[0].ID); err != nil {
		t.Fatal(err)
	}
	// A workbook with the participant list, made before the erasure.
	resp, _ := admin.post("/admin/exports/", url.Values{"workshop": {e.workshop.ID}, "variant": {"full"}})
	if resp.StatusCode >= 400 {
		t.Fatalf("export: %d", resp.StatusCode)
	}
	exportsDir := e.srv.cfg.ExportsDir
	before, _ := filepath.Glob(filepath.Join(exportsDir, "*.xlsx"))
	if len(before) == 0 {
		t.Fatal("no workbook was written")
	}
	b, _ := os.ReadFile(before[0])
	if !bytes.Contains(xlsxText(t, b), []byte("Zenobia")) {
		t.Fatal("the workbook before the erasure lacks the person: the test would prove nothing")
	}

	resp, _ = admin.post("/admin/participants/"+p.ID+"/erase", url.Values{})
	wantStatus(t, resp, http.StatusSeeOther)

	if left, _ := filepath.Glob(filepath.Join(exportsDir, "*.xlsx")); len(left) != 0 {
		t.Fatalf("workbooks made before the erasure are still there: %v", left)
	}
	resp, _ = admin.post("/admin/exports/", url.Values{"workshop": {e.workshop.ID}, "variant": {"full"}})
	if resp.StatusCode >= 400 {
		t.Fatalf("export after: %d", resp.StatusCode)
	}
	places := map[string][]byte{}
	after, _ := filepath.Glob(filepath.Join(exportsDir, "*.xlsx"))
	for _, f := range after {
		b, _ := os.ReadFile(f)
		places["workbook "+filepath.Base(f)] = xlsxText(t, b)
	}
	_, csv := admin.get("/admin/exports/participants.csv?workshop=" + e.workshop.ID)
	places["participants CSV"] = []byte(csv)
	_, audit := admin.get("/admin/audit/export")
	places["audit log CSV"] = []byte(audit)
	if !strings.Contains(audit, p.ID) {
		t.Fatal("the audit export does not mention the participant at all: the test would prove nothing")
	}
	for _, suffix := range []string{"", "-wal"} {
		b, err := os.ReadFile(e.dbPath + suffix)
		if err != nil && !os.IsNotExist(err) {
			t.Fatal(err)
		}
		places["database file"+suffix] = b
	}
	for field, v := range typed {
		forms := []string{v, strings.ToLower(v), model.Fold(v)}
		if field == "phone" {
			forms = append(forms, "51912345678", "912345678")
		}
		for _, form := range forms {
			for where, b := range places {
				if bytes.Contains(b, []byte(form)) {
					t.Errorf("%s still holds the %s %q", where, field, form)
				}
			}
		}
	}

	// The same person registers again: nothing says they were here.
	resp = register()
	if resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("registering again after the erasure: %d", resp.StatusCode)
	}
}
