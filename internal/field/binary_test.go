package field_test

import (
	"bytes"
	"database/sql"
	"encoding/json"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"io"
	"mime/multipart"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/google/uuid"
	"github.com/gorilla/websocket"
	"github.com/xuri/excelize/v2"

	"github.com/minka-gob/minka/internal/binarytest"
	"github.com/minka-gob/minka/internal/i18n"
)

func TestMain(m *testing.M) { os.Exit(binarytest.Main(m)) }

// minka runs a subcommand of the built binary and returns its output; a
// failure is returned with the output (the translated message) as text.
func minkaCmd(t *testing.T, args ...string) (string, error) {
	t.Helper()
	cmd := exec.Command(binarytest.Binary(t), args...)
	cmd.Env = append(os.Environ(), "MINKA_LANG=es")
	out, err := cmd.CombinedOutput()
	if err != nil {
		return string(out), fmt.Errorf("minka %s: %v: %s", strings.Join(args, " "), err, out)
	}
	return string(out), nil
}

func mustMinka(t *testing.T, args ...string) string {
	t.Helper()
	out, err := minkaCmd(t, args...)
	if err != nil {
		t.Fatal(err)
	}
	return strings.TrimSpace(out)
}

func openRO(t *testing.T, path string) *sql.DB {
	t.Helper()
	db, err := sql.Open("sqlite3", "file:"+path+"?mode=ro&_busy_timeout=5000")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

func queryInt(t *testing.T, db *sql.DB, q string, args ...any) int {
	t.Helper()
	var n int
	if err := db.QueryRow(q, args...).Scan(&n); err != nil {
		t.Fatalf("%s: %v", q, err)
	}
	return n
}

// getJSON returns the decoded JSON of a GET.
func getJSON(t *testing.T, u string) any {
	t.Helper()
	resp, err := http.Get(u)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var v any
	if resp.StatusCode != 200 {
		b, _ := io.ReadAll(resp.Body)
		t.Fatalf("GET %s: %d %s", u, resp.StatusCode, b)
	}
	if err := json.NewDecoder(resp.Body).Decode(&v); err != nil {
		t.Fatal(err)
	}
	return v
}

// demoNational prepares a national instance (not started) with the demo's
// workshops and returns it with their ids, by date and city.
func demoNational(t *testing.T) (*binarytest.Server, []string) {
	t.Helper()
	nat := binarytest.New(t, binarytest.Options{})
	mustMinka(t, "demo", "-db", nat.DB)
	rows, err := openRO(t, nat.DB).Query(`SELECT id FROM workshops ORDER BY date, city`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var ws []string
	for rows.Next() {
		var id string
		if err := rows.Scan(&id); err != nil {
			t.Fatal(err)
		}
		ws = append(ws, id)
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	return nat, ws
}

// rapporteur is a tablet at one table of a field laptop's server.
type rapporteur struct {
	base, session, table string
	conn                 *websocket.Conn
	acked                []string // ops acknowledged by the server
}

func joinAsRapporteur(t *testing.T, base, dbPath, table string) *rapporteur {
	t.Helper()
	var code string
	if err := openRO(t, dbPath).QueryRow(`SELECT rapporteur_code FROM workshop_tables WHERE id = ?`, table).Scan(&code); err != nil {
		t.Fatal(err)
	}
	form := url.Values{"code": {code}, "_csrf": {"field-csrf"}}
	req, _ := http.NewRequest(http.MethodPost, base+"/join", strings.NewReader(form.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.AddCookie(&http.Cookie{Name: "minka_csrf", Value: "field-csrf"})
	client := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	resp, err := client.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	r := &rapporteur{base: base, table: table}
	for _, c := range resp.Cookies() {
		if c.Name == "minka_session" {
			r.session = c.Value
		}
	}
	if r.session == "" {
		t.Fatalf("join: status %d", resp.StatusCode)
	}
	h := http.Header{"Cookie": {"minka_session=" + r.session}}
	r.conn, _, err = websocket.DefaultDialer.Dial("ws"+strings.TrimPrefix(base, "http")+"/ws", h)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { r.conn.Close() })
	r.send(t, map[string]any{"type": "join", "room": "table:" + table})
	r.until(t, func(f map[string]any) bool { return f["type"] == "synced" })
	return r
}

func (r *rapporteur) send(t *testing.T, m map[string]any) {
	t.Helper()
	if err := r.conn.WriteJSON(m); err != nil {
		t.Fatal(err)
	}
}

func (r *rapporteur) until(t *testing.T, ok func(map[string]any) bool) map[string]any {
	t.Helper()
	r.conn.SetReadDeadline(time.Now().Add(30 * time.Second))
	for {
		var f map[string]any
		if err := r.conn.ReadJSON(&f); err != nil {
			t.Fatal(err)
		}
		if f["type"] == "error" {
			t.Fatalf("server refused: %v", f)
		}
		if ok(f) {
			return f
		}
	}
}

// create sends a contribution and waits for its acknowledgement.
func (r *rapporteur) create(t *testing.T, kind string, data map[string]any) string {
	t.Helper()
	op := uuid.NewString()
	data["id"] = op
	r.send(t, map[string]any{"type": "create", "op": op, "kind": kind, "data": data})
	r.until(t, func(f map[string]any) bool { return f["type"] == "ack" && f["op"] == op })
	r.acked = append(r.acked, op)
	return op
}

// uploadPhoto attaches a PNG to a prototype, as the rapporteur's console does.
func (r *rapporteur) uploadPhoto(t *testing.T, proto string, shade uint8) {
	t.Helper()
	img := image.NewRGBA(image.Rect(0, 0, 8, 8))
	img.Set(1, 1, color.RGBA{shade, 10, 10, 255})
	var pngBuf, body bytes.Buffer
	if err := png.Encode(&pngBuf, img); err != nil {
		t.Fatal(err)
	}
	mw := multipart.NewWriter(&body)
	mw.WriteField("_csrf", "field-csrf")
	fw, _ := mw.CreateFormFile("photo", "maqueta.png")
	fw.Write(pngBuf.Bytes())
	mw.Close()
	req, _ := http.NewRequest(http.MethodPost, r.base+"/tables/"+r.table+"/prototypes/"+proto+"/photo", &body)
	req.Header.Set("Content-Type", mw.FormDataContentType())
	req.Header.Set("Accept", "application/json")
	req.AddCookie(&http.Cookie{Name: "minka_csrf", Value: "field-csrf"})
	req.AddCookie(&http.Cookie{Name: "minka_session", Value: r.session})
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	b, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != 200 {
		t.Fatalf("photo upload: %d %s", resp.StatusCode, b)
	}
}

// fromTitle is rows from the one whose first cell is title (none if absent).
func fromTitle(rows [][]string, title string) [][]string {
	for i, r := range rows {
		if len(r) > 0 && r[0] == title {
			return rows[i:]
		}
	}
	return nil
}

// sheetRows reads one sheet of a workbook the binary writes.
func sheetRows(t *testing.T, path, sheet string) [][]string {
	t.Helper()
	f, err := excelize.OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := f.GetRows(sheet)
	if err != nil {
		t.Fatalf("%s: %v", sheet, err)
	}
	return rows
}

// The "Done when": a national instance and two field laptops as
// three real processes on loopback.
func TestDoneWhenNationalAndTwoFieldLaptops(t *testing.T) {
	if testing.Short() {
		t.Skip("runs three minka processes")
	}
	nat, ws := demoNational(t)
	wA, wB, wC := ws[1], ws[2], ws[3]
	tokA := mustMinka(t, "field", "token", "-db", nat.DB, "-workshop", wA, "-label", "Laptop Piura")
	tokB := mustMinka(t, "field", "token", "-db", nat.DB, "-workshop", wB, "-label", "Laptop Iquitos")
	nat.Start()
	statsBefore := getJSON(t, nat.Base+"/api/v1/stats")

	// A token for another workshop is refused, with a translated message.
	if out, err := minkaCmd(t, "field", "pull", nat.Base, wA, "-token", tokB, "-db", filepath.Join(t.TempDir(), "x.sqlite")); err == nil || !strings.Contains(out, "otro taller") {
		t.Fatalf("pull with another workshop's token: %v %s", err, out)
	}
	// Pull both workshops onto two laptops; a second checkout is refused.
	dirA, dirB := t.TempDir(), t.TempDir()
	mustMinka(t, "field", "pull", nat.Base, wA, "-token", tokA, "-db", filepath.Join(dirA, "minka.sqlite"))
	mustMinka(t, "field", "pull", nat.Base, wB, "-token", tokB, "-db", filepath.Join(dirB, "minka.sqlite"))
	if out, err := minkaCmd(t, "field", "pull", nat.Base, wA, "-token", tokA, "-db", filepath.Join(t.TempDir(), "y.sqlite")); err == nil || !strings.Contains(out, "ya está en campo") {
		t.Fatalf("second checkout: %v %s", err, out)
	}

	// Capture on both laptops through websocket clients.
	laptops, acked := captureOnLaptops(t, []string{dirA, dirB}, []string{wA, wB})

	// Push A in batches of 20; kill -9 the national instance mid-push.
	pushA := exec.Command(binarytest.Binary(t), "field", "push", "-db", filepath.Join(dirA, "minka.sqlite"),
		"-uploads", filepath.Join(dirA, "uploads"), "-batch", "20", "-resume-for", "2m")
	var outA bytes.Buffer
	pushA.Stdout, pushA.Stderr = &outA, &outA
	if err := pushA.Start(); err != nil {
		t.Fatal(err)
	}
	natDB := openRO(t, nat.DB)
	deadline := time.Now().Add(60 * time.Second)
	for queryInt(t, natDB, `SELECT COALESCE(MAX(last_seq), 0) FROM field_pushes`) < 3 {
		if time.Now().After(deadline) {
			t.Fatalf("push never got to batch 3: %s", outA.String())
		}
		time.Sleep(5 * time.Millisecond)
	}
	nat.Kill()
	time.Sleep(300 * time.Millisecond)
	nat.Start()
	if err := pushA.Wait(); err != nil {
		t.Fatalf("push A after the cut: %v\n%s", err, outA.String())
	}
	if !strings.Contains(outA.String(), "verified:") || strings.Contains(outA.String(), " 0 resent") {
		t.Fatalf("push A did not resume after the cut:\n%s", outA.String())
	}
	mustMinka(t, "field", "push", "-db", filepath.Join(dirB, "minka.sqlite"), "-uploads", filepath.Join(dirB, "uploads"))

	// Push both again: nothing changes.
	audit := queryInt(t, natDB, `SELECT COUNT(*) FROM audit_log WHERE table_name NOT LIKE 'field_%'`)
	for _, d := range []string{dirA, dirB} {
		mustMinka(t, "field", "push", "-db", filepath.Join(d, "minka.sqlite"), "-uploads", filepath.Join(d, "uploads"))
	}
	if got := queryInt(t, natDB, `SELECT COUNT(*) FROM audit_log WHERE table_name NOT LIKE 'field_%'`); got != audit {
		t.Fatalf("the second push changed %d records", got-audit)
	}

	checkUnion(t, nat, laptops, []string{wA, wB}, acked, statsBefore)

	// A tampered bundle and a bundle of another workshop's token are refused whole.
	tokC := mustMinka(t, "field", "token", "-db", nat.DB, "-workshop", wC)
	bundle := filepath.Join(t.TempDir(), "a.minka")
	mustMinka(t, "field", "bundle", "-db", filepath.Join(dirA, "minka.sqlite"), "-uploads", filepath.Join(dirA, "uploads"), "-out", bundle)
	data, _ := os.ReadFile(bundle)
	bad := append([]byte(nil), data...)
	bad[len(bad)-100] ^= 0x20
	tampered := filepath.Join(t.TempDir(), "tampered.minka")
	os.WriteFile(tampered, bad, 0o600)
	idC, _, _ := strings.Cut(tokC, ".")
	idA, _, _ := strings.Cut(tokA, ".")
	foreign := filepath.Join(t.TempDir(), "foreign.minka")
	os.WriteFile(foreign, bytes.Replace(data, []byte(idA), []byte(idC), 1), 0o600)
	audit = queryInt(t, natDB, `SELECT COUNT(*) FROM audit_log`)
	for _, f := range []string{tampered, foreign} {
		out, err := minkaCmd(t, "field", "import", "-db", nat.DB, "-uploads", filepath.Join(nat.Dir, "uploads"), f)
		if err == nil || !strings.Contains(out, "firma del paquete no es válida") {
			t.Fatalf("import of %s: %v %s", filepath.Base(f), err, out)
		}
	}
	if got := queryInt(t, natDB, `SELECT COUNT(*) FROM audit_log`); got != audit {
		t.Fatalf("refused bundles wrote %d audit entries", got-audit)
	}
}

// captureOnLaptops starts a server on each laptop's database and records,
// at two tables of each, 60 ideas, a prototype with its photo and a
// feedback through websocket clients. It returns the servers and the ops
// the servers acknowledged.
func captureOnLaptops(t *testing.T, dirs, workshops []string) ([]*binarytest.Server, []string) {
	t.Helper()
	var acked []string
	var laptops []*binarytest.Server
	for i, dir := range dirs {
		srv := binarytest.Start(t, binarytest.Options{Dir: dir})
		laptops = append(laptops, srv)
		trows, err := openRO(t, srv.DB).Query(`SELECT id FROM workshop_tables WHERE workshop_id = ? ORDER BY number`, workshops[i])
		if err != nil {
			t.Fatal(err)
		}
		var tables []string
		for trows.Next() {
			var id string
			trows.Scan(&id)
			tables = append(tables, id)
		}
		trows.Close()
		for ti, tb := range tables[:2] {
			r := joinAsRapporteur(t, srv.Base, srv.DB, tb)
			var first string
			for k := 0; k < 60; k++ {
				op := r.create(t, "idea", map[string]any{"title": fmt.Sprintf("¿Cómo podríamos %d-%d-%d?", i, ti, k),
					"principle": []string{"transparency", "participation", "accountability", "integrity"}[k%4]})
				if first == "" {
					first = op
				}
			}
			proto := r.create(t, "prototype", map[string]any{"idea_id": first, "description": "Maqueta"})
			r.create(t, "feedback", map[string]any{"prototype_id": proto, "kind": "like", "text": "Claro"})
			r.uploadPhoto(t, proto, uint8(40*i+ti))
			acked = append(acked, r.acked...)
		}
	}
	return laptops, acked
}

// checkUnion checks, on the national instance, every acknowledged
// contribution exactly once (its event once per room), the four photos, and
// every figure: per workshop brought back, the stats API and the
// workbook's Table 2, Table 3 and ideas sheets say what the laptop says;
// the workshops that never left are as they were.
func checkUnion(t *testing.T, nat *binarytest.Server, laptops []*binarytest.Server, workshops, acked []string, statsBefore any) {
	t.Helper()
	natDB := openRO(t, nat.DB)
	for _, op := range acked {
		n := queryInt(t, natDB, `SELECT (SELECT COUNT(*) FROM ideas WHERE id = ?1) + (SELECT COUNT(*) FROM prototypes WHERE id = ?1) + (SELECT COUNT(*) FROM feedback WHERE id = ?1)`, op)
		// One event row, in its table's room and its workshop's.
		ev := queryInt(t, natDB, `SELECT COUNT(*) FROM live_events WHERE op = ? AND room LIKE 'table:%' AND wseq > 0`, op)
		if n != 1 || ev != 1 {
			t.Fatalf("contribution %s on national: %d records, %d events (want 1 and 1)", op, n, ev)
		}
	}
	photos := queryInt(t, natDB, `SELECT COUNT(*) FROM prototypes WHERE photo_path <> ''`)
	files, _ := filepath.Glob(filepath.Join(nat.Dir, "uploads", "*.png"))
	if photos != 4 || len(files) != 4 {
		t.Fatalf("photos on national: %d records, %d files", photos, len(files))
	}
	byID := func(stats any) map[string]any {
		out := map[string]any{}
		for _, w := range stats.(map[string]any)["workshops"].([]any) {
			out[w.(map[string]any)["workshop_id"].(string)] = w
		}
		return out
	}
	natW, beforeW := byID(getJSON(t, nat.Base+"/api/v1/stats")), byID(statsBefore)
	for i, w := range workshops {
		fieldW := byID(getJSON(t, laptops[i].Base+"/api/v1/stats"))
		if !reflect.DeepEqual(natW[w], fieldW[w]) {
			t.Errorf("stats of %s: national %v, laptop %v", w, natW[w], fieldW[w])
		}
		path := "/api/v1/workshops/" + w + "/stats"
		if n, f := getJSON(t, nat.Base+path), getJSON(t, laptops[i].Base+path); !reflect.DeepEqual(n, f) {
			t.Errorf("%s: national %v, laptop %v", path, n, f)
		}
		natBook := filepath.Join(t.TempDir(), "n.xlsx")
		fieldBook := filepath.Join(t.TempDir(), "f.xlsx")
		mustMinka(t, "export", "-db", nat.DB, "-workshop", w, "-out", natBook)
		mustMinka(t, "export", "-db", laptops[i].DB, "-workshop", w, "-out", fieldBook)
		for _, sheet := range []string{i18n.T("es", "export.sheet.by_gender"), i18n.T("es", "export.sheet.by_principle"), i18n.T("es", "export.sheet.ideas")} {
			n, f := sheetRows(t, natBook, sheet), sheetRows(t, fieldBook, sheet)
			if sheet == i18n.T("es", "export.sheet.by_principle") {
				// Table 3 counts ideas systematized into the Forum's sheets,
				// which only the national instance holds; the ideas recorded
				// at the tables (the block below it) are the field's.
				n, f = fromTitle(n, i18n.T("es", "export.table3.captured")), fromTitle(f, i18n.T("es", "export.table3.captured"))
			}
			if len(n) != len(f) {
				t.Errorf("workbook sheet %q of %s: national %d rows, laptop %d", sheet, w, len(n), len(f))
			}
			for r := range min(len(n), len(f)) {
				if !reflect.DeepEqual(n[r], f[r]) {
					t.Errorf("workbook sheet %q of %s, row %d:\nnational %v\nlaptop   %v", sheet, w, r+1, n[r], f[r])
					break
				}
			}
			if len(n) < 2 {
				t.Errorf("workbook sheet %q of %s is empty", sheet, w)
			}
		}
	}
	for id, w := range beforeW {
		if id != workshops[0] && id != workshops[1] && !reflect.DeepEqual(natW[id], w) {
			t.Errorf("workshop %s changed though it never left", id)
		}
	}
}

// The bundle path, tested the same way with no network between the laptops
// and the national instance after the pull: bundles carried as files and
// imported with `minka field import` while the national instance runs; an
// import killed with kill -9 leaves nothing half-imported and is redone.
func TestDoneWhenBundlesWithoutNetwork(t *testing.T) {
	if testing.Short() {
		t.Skip("runs three minka processes")
	}
	nat, ws := demoNational(t)
	wA, wB := ws[3], ws[4]
	tokA := mustMinka(t, "field", "token", "-db", nat.DB, "-workshop", wA)
	tokB := mustMinka(t, "field", "token", "-db", nat.DB, "-workshop", wB)
	nat.Start()
	statsBefore := getJSON(t, nat.Base+"/api/v1/stats")
	dirA, dirB := t.TempDir(), t.TempDir()
	mustMinka(t, "field", "pull", nat.Base, wA, "-token", tokA, "-db", filepath.Join(dirA, "minka.sqlite"))
	mustMinka(t, "field", "pull", nat.Base, wB, "-token", tokB, "-db", filepath.Join(dirB, "minka.sqlite"))

	laptops, acked := captureOnLaptops(t, []string{dirA, dirB}, []string{wA, wB})
	var bundles []string
	for _, d := range []string{dirA, dirB} {
		b := filepath.Join(t.TempDir(), "taller.minka")
		mustMinka(t, "field", "bundle", "-db", filepath.Join(d, "minka.sqlite"), "-uploads", filepath.Join(d, "uploads"), "-out", b)
		bundles = append(bundles, b)
	}
	natDB := openRO(t, nat.DB)
	importArgs := func(b string) []string {
		return []string{"field", "import", "-db", nat.DB, "-uploads", filepath.Join(nat.Dir, "uploads"), b}
	}
	// An import killed by kill -9 leaves no record behind: all or nothing.
	ideasBefore := queryInt(t, natDB, `SELECT COUNT(*) FROM ideas`)
	kill := exec.Command(binarytest.Binary(t), importArgs(bundles[0])...)
	if err := kill.Start(); err != nil {
		t.Fatal(err)
	}
	time.Sleep(150 * time.Millisecond)
	kill.Process.Kill()
	kill.Wait()
	if n := queryInt(t, natDB, `SELECT COUNT(*) FROM ideas`); n != ideasBefore && n != ideasBefore+2*60 {
		t.Fatalf("a killed import left %d of %d ideas", n-ideasBefore, 2*60)
	}
	for _, b := range bundles {
		out := mustMinka(t, importArgs(b)...)
		if !strings.Contains(out, "verified:") {
			t.Fatalf("import: %s", out)
		}
	}
	// Importing both again changes nothing.
	audit := queryInt(t, natDB, `SELECT COUNT(*) FROM audit_log WHERE table_name NOT LIKE 'field_%'`)
	for _, b := range bundles {
		mustMinka(t, importArgs(b)...)
	}
	if got := queryInt(t, natDB, `SELECT COUNT(*) FROM audit_log WHERE table_name NOT LIKE 'field_%'`); got != audit {
		t.Fatalf("the second import changed %d records", got-audit)
	}
	checkUnion(t, nat, laptops, []string{wA, wB}, acked, statsBefore)

	// Tampered: one byte flipped. Foreign: B's bundle presented as A's token's.
	data, _ := os.ReadFile(bundles[0])
	bad := append([]byte(nil), data...)
	bad[len(bad)/2] ^= 0x01
	dataB, _ := os.ReadFile(bundles[1])
	idA, _, _ := strings.Cut(tokA, ".")
	idB, _, _ := strings.Cut(tokB, ".")
	for name, content := range map[string][]byte{"tampered": bad, "foreign": bytes.Replace(dataB, []byte(idB), []byte(idA), 1)} {
		f := filepath.Join(t.TempDir(), name+".minka")
		os.WriteFile(f, content, 0o600)
		audit := queryInt(t, natDB, `SELECT COUNT(*) FROM audit_log`)
		out, err := minkaCmd(t, importArgs(f)...)
		if err == nil || !strings.Contains(out, "firma del paquete no es válida") {
			t.Fatalf("%s bundle: %v %s", name, err, out)
		}
		if got := queryInt(t, natDB, `SELECT COUNT(*) FROM audit_log`); got != audit {
			t.Fatalf("%s bundle wrote %d audit entries", name, got-audit)
		}
	}
}
