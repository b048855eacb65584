package field_test

import (
	"bytes"
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"reflect"
	"sync/atomic"
	"testing"
	"time"

	"github.com/google/uuid"
	_ "github.com/mattn/go-sqlite3"
	"golang.org/x/crypto/bcrypt"

	"github.com/minka-gob/minka"
	"github.com/minka-gob/minka/internal/demo"
	"github.com/minka-gob/minka/internal/field"
	"github.com/minka-gob/minka/internal/model"
	"github.com/minka-gob/minka/internal/report"
	"github.com/minka-gob/minka/internal/store"
	"github.com/minka-gob/minka/internal/storetest"
	"github.com/minka-gob/minka/internal/web"
)

// national is a national instance with the demo, served on loopback.
type national struct {
	st      *store.Store
	uploads string
	url     string
	ws      []model.Workshop
}

func newNational(t *testing.T) *national {
	t.Helper()
	st := storetest.Open(t)
	sum, err := demo.Load(context.Background(), st)
	if err != nil {
		t.Fatal(err)
	}
	n := &national{st: st, uploads: t.TempDir(), ws: sum.Workshops}
	app, srv, err := web.New(web.Config{Store: st, Templates: minka.Templates, Static: minka.Static,
		ExportsDir: t.TempDir(), UploadsDir: n.uploads, Logger: log.New(io.Discard, "", 0)})
	if err != nil {
		t.Fatal(err)
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	go app.Listener(ln)
	t.Cleanup(func() { app.Shutdown(); srv.CloseLive() })
	n.url = "http://" + ln.Addr().String()
	return n
}

// token creates a field token for a workshop, as the admin page does.
func (n *national) token(t *testing.T, workshopID string) string {
	t.Helper()
	id, secret, text := field.NewToken()
	err := n.st.CreateFieldToken(context.Background(), &store.FieldToken{ID: id, WorkshopID: workshopID,
		SecretHash: field.SecretHash(secret), BundleKey: field.BundleKey(secret)})
	if err != nil {
		t.Fatal(err)
	}
	return text
}

// laptop is a field laptop's database and photo folder.
type laptop struct {
	st      *store.Store
	uploads string
}

func newLaptop(t *testing.T) *laptop {
	t.Helper()
	st, err := store.Open(filepath.Join(t.TempDir(), "field.sqlite"), minka.Migrations, store.Options{PasswordCost: bcrypt.MinCost})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	return &laptop{st: st, uploads: t.TempDir()}
}

// capture records, at every table of the workshop, ideas (one edited, one
// deleted, one chosen and rated), a prototype with a photo and feedback, a
// check-in, a survey answer and the AAR: every kind of record a push carries.
func (l *laptop) capture(t *testing.T, workshopID string, ideas int) (ideaIDs []string) {
	t.Helper()
	ctx := store.WithActor(context.Background(), store.Actor{Role: model.RoleAdmin, ID: "field-admin"})
	tables, err := l.st.Tables(ctx, workshopID)
	if err != nil || len(tables) == 0 {
		t.Fatalf("tables: %v %d", err, len(tables))
	}
	for ti, tb := range tables {
		var first string
		for i := 0; i < ideas; i++ {
			id := uuid.NewString()
			_, err := l.st.CreateContribution(ctx, tb.ID, &model.Idea{ID: id, Title: fmt.Sprintf("¿Cómo podríamos mejorar %d-%d?", ti, i),
				Principle: model.Principles[i%len(model.Principles)]})
			if err != nil {
				t.Fatal(err)
			}
			ideaIDs = append(ideaIDs, id)
			if first == "" {
				first = id
			}
		}
		if _, err := l.st.UpdateContribution(ctx, uuid.NewString(), tb.ID, &model.Idea{ID: first, Title: "¿Cómo podríamos publicar en quechua?",
			Principle: "participation"}, 1); err != nil {
			t.Fatal(err)
		}
		if ideas > 1 {
			if _, err := l.st.DeleteContribution(ctx, uuid.NewString(), tb.ID, model.KindIdea, ideaIDs[len(ideaIDs)-1], 1); err != nil {
				t.Fatal(err)
			}
		}
		if _, err := l.st.SetIdeaChosen(ctx, uuid.NewString(), tb.ID, first, true); err != nil {
			t.Fatal(err)
		}
		for _, ph := range []string{"needs", "stories", "ideas", "prioritize"} {
			cur, _ := l.st.Table(ctx, tb.ID)
			if _, err := l.st.SetPhase(ctx, uuid.NewString(), tb.ID, cur.Phase, ph); err != nil {
				t.Fatalf("phase %s: %v", ph, err)
			}
		}
		if _, err := l.st.RateIdea(ctx, uuid.NewString(), tb.ID, &model.Rating{ID: uuid.NewString(), IdeaID: first, Rater: "Participante 1", Impact: 4, Feasibility: 3}); err != nil {
			t.Fatal(err)
		}
		proto := uuid.NewString()
		if _, err := l.st.CreateContribution(ctx, tb.ID, &model.Prototype{ID: proto, IdeaID: first, Description: "Maqueta de papel"}); err != nil {
			t.Fatal(err)
		}
		photo := uuid.NewString() + ".png"
		if err := os.WriteFile(filepath.Join(l.uploads, photo), pngBytes(ti), 0o644); err != nil {
			t.Fatal(err)
		}
		if _, _, err := l.st.SetPrototypePhoto(ctx, uuid.NewString(), tb.ID, proto, photo); err != nil {
			t.Fatal(err)
		}
		if _, err := l.st.CreateContribution(ctx, tb.ID, &model.Feedback{ID: uuid.NewString(), PrototypeID: proto, Kind: "like", Text: "Muy claro"}); err != nil {
			t.Fatal(err)
		}
	}
	people, err := l.st.Participants(ctx, workshopID, "")
	if err != nil || len(people) == 0 {
		t.Fatalf("participants: %v", err)
	}
	for i, p := range people[:min(3, len(people))] {
		if _, err := l.st.CheckIn(ctx, p.ID, tables[i%len(tables)].ID); err != nil {
			t.Fatal(err)
		}
	}
	if err := l.st.SaveSurveyAnswer(ctx, &model.SurveyAnswer{ID: uuid.NewString(), WorkshopID: workshopID, Respondent: "campo-1", Score: 5, Comment: "Excelente"}); err != nil {
		t.Fatal(err)
	}
	if err := l.st.SaveAfterActionReview(ctx, &model.AfterActionReview{WorkshopID: workshopID, Planned: "5 mesas", Happened: "4 mesas",
		Why: "Lluvia", ChangeNext: "Empezar antes", Version: 0}); err != nil {
		t.Fatalf("aar: %v", err)
	}
	return ideaIDs
}

// pngBytes is a tiny, distinct PNG.
func pngBytes(i int) []byte {
	b := []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x02\x00\x00\x00")
	return append(b, byte(i), 'x')
}

func auditCount(t *testing.T, st *store.Store) int {
	t.Helper()
	var n int
	if err := rawDB(t, st).QueryRowContext(context.Background(), `SELECT COUNT(*) FROM audit_log`).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

// figures are a workshop's Table 2 line (as the workbook computes it), its
// ideas by principle (every idea recorded at its tables) and its stats (as
// the pages and /api/v1/stats compute them), all by internal/report.
type figures struct {
	Table2 model.Stats
	Table3 report.PrincipleTable
	Stats  model.Stats
}

func figuresOf(t *testing.T, st *store.Store, workshopID string) figures {
	t.Helper()
	ctx := context.Background()
	r, err := st.Report(ctx, workshopID)
	if err != nil {
		t.Fatal(err)
	}
	t2, err := report.Attendance(r.Snapshot, workshopID)
	if err != nil {
		t.Fatal(err)
	}
	snap, err := st.AttendanceSnapshot(ctx)
	if err != nil {
		t.Fatal(err)
	}
	s, err := report.Attendance(snap, workshopID)
	if err != nil {
		t.Fatal(err)
	}
	return figures{t2, report.IdeasByPrinciple(r.Snapshot, report.Captured, workshopID), s}
}

// flaky cuts the connection of every cutEvery-th request after the
// national instance handled it (the answer is lost), like a venue's link.
type flaky struct {
	n, cutEvery int64
	cuts        atomic.Int64
}

func (f *flaky) RoundTrip(r *http.Request) (*http.Response, error) {
	resp, err := http.DefaultTransport.RoundTrip(r)
	if err != nil {
		return nil, err
	}
	if atomic.AddInt64(&f.n, 1)%f.cutEvery == 0 {
		resp.Body.Close()
		f.cuts.Add(1)
		return nil, errors.New("connection cut")
	}
	return resp, nil
}

func TestTwoLaptopsPullCaptureAndPushExactlyOnce(t *testing.T) {
	ctx := context.Background()
	n := newNational(t)
	wA, wB := n.ws[1], n.ws[2] // Piura and Iquitos
	before := map[string]figures{}
	for _, w := range n.ws {
		before[w.ID] = figuresOf(t, n.st, w.ID)
	}
	tokA, tokB := n.token(t, wA.ID), n.token(t, wB.ID)
	a, b := newLaptop(t), newLaptop(t)

	// A token opens its workshop only.
	if _, err := (&field.Client{BaseURL: n.url, Token: tokA, ResumeFor: time.Second}).Pull(ctx, newLaptop(t).st, wB.ID); !isRemote(err, http.StatusForbidden) {
		t.Fatalf("token of another workshop: got %v, want 403", err)
	}
	for _, p := range []struct {
		l   *laptop
		tok string
		w   model.Workshop
	}{{a, tokA, wA}, {b, tokB, wB}} {
		if _, err := (&field.Client{BaseURL: n.url, Token: p.tok}).Pull(ctx, p.l.st, p.w.ID); err != nil {
			t.Fatalf("pull %s: %v", p.w.City, err)
		}
	}
	// The laptop has the template and the workshop with its registrations.
	if got, want := figuresOf(t, a.st, wA.ID), before[wA.ID]; !reflect.DeepEqual(got.Table2.Workshops, want.Table2.Workshops) {
		t.Fatalf("pulled Table 2 row: %+v, want %+v", got.Table2.Workshops, want.Table2.Workshops)
	}
	// One checkout per workshop: a second laptop with the same token is refused.
	if _, err := (&field.Client{BaseURL: n.url, Token: tokA, ResumeFor: time.Second}).Pull(ctx, newLaptop(t).st, wA.ID); !isRemote(err, http.StatusConflict) {
		t.Fatalf("second checkout: got %v, want 409", err)
	}
	// While in the field the national instance refuses changes to it...
	tables, _ := n.st.Tables(ctx, wA.ID)
	if _, err := n.st.CreateContribution(ctx, tables[0].ID, &model.Idea{ID: uuid.NewString(), Title: "¿Cómo podríamos?", Principle: "integrity"}); model.KindOf(err) != model.KindConflict {
		t.Fatalf("write to a workshop in the field: %v", err)
	}
	// ...but registrations still arrive, and are merged at push.
	online := model.Participant{WorkshopID: wA.ID, Name: "Rosa Quispe Online", Gender: "female", Sector: "civil_society", Consent: true, Source: "api", Email: "rosa.online@example.org"}
	if err := n.st.CreateParticipant(ctx, &online); err != nil {
		t.Fatal(err)
	}

	idsA := a.capture(t, wA.ID, 6)
	idsB := b.capture(t, wB.ID, 4)

	// Laptop A pushes through a link that loses every third answer.
	cut := &flaky{cutEvery: 3}
	ca := &field.Client{BaseURL: n.url, Token: tokA, HTTP: &http.Client{Transport: cut}, ResumeFor: time.Minute}
	res, err := ca.Push(ctx, a.st, a.uploads, field.PushOptions{BatchRows: 7})
	if err != nil {
		t.Fatalf("push A: %v", err)
	}
	if !res.OK || cut.cuts.Load() == 0 || res.ResentBatches == 0 {
		t.Fatalf("push A: ok=%v cuts=%d resent=%d", res.OK, cut.cuts.Load(), res.ResentBatches)
	}
	if _, err := (&field.Client{BaseURL: n.url, Token: tokB}).Push(ctx, b.st, b.uploads, field.PushOptions{}); err != nil {
		t.Fatalf("push B: %v", err)
	}
	// Every idea exactly once, every figure the union.
	for _, c := range []struct {
		l   *laptop
		w   model.Workshop
		ids []string
	}{{a, wA, idsA}, {b, wB, idsB}} {
		for _, id := range c.ids {
			var k int
			if err := rawDB(t, n.st).QueryRowContext(ctx, `SELECT COUNT(*) FROM ideas WHERE id = ?`, id).Scan(&k); err != nil || k != 1 {
				t.Fatalf("idea %s on national: %d (%v)", id, k, err)
			}
		}
		got, laptopFig := figuresOf(t, n.st, c.w.ID), figuresOf(t, c.l.st, c.w.ID)
		if !reflect.DeepEqual(got.Table3, laptopFig.Table3) {
			t.Errorf("%s Table 3: national %+v, laptop %+v", c.w.City, got.Table3, laptopFig.Table3)
		}
		if !reflect.DeepEqual(got.Stats.Tables, laptopFig.Stats.Tables) {
			t.Errorf("%s stats: national %+v, laptop %+v", c.w.City, got.Stats.Tables, laptopFig.Stats.Tables)
		}
	}
	// Workshop A's Table 2 is the laptop's plus the one online registration.
	gotA, lapA := figuresOf(t, n.st, wA.ID), figuresOf(t, a.st, wA.ID)
	if gotA.Table2.Total.Registered != lapA.Table2.Total.Registered+1 {
		t.Errorf("Table 2 registered: national %d, laptop %d + 1 online", gotA.Table2.Total.Registered, lapA.Table2.Total.Registered)
	}
	for _, w := range n.ws {
		if w.ID == wA.ID || w.ID == wB.ID {
			continue
		}
		if got := figuresOf(t, n.st, w.ID); !reflect.DeepEqual(got, before[w.ID]) {
			t.Errorf("%s changed though it never left", w.City)
		}
	}
	// Photos arrived.
	for _, name := range photoFiles(t, a.uploads) {
		if _, err := os.Stat(filepath.Join(n.uploads, name)); err != nil {
			t.Errorf("photo %s missing on national: %v", name, err)
		}
	}

	// A second push changes nothing: not one audit entry.
	audit := auditCount(t, n.st)
	res, err = (&field.Client{BaseURL: n.url, Token: tokA}).Push(ctx, a.st, a.uploads, field.PushOptions{Release: true})
	if err != nil || !res.OK || !res.Released {
		t.Fatalf("second push: %+v %v", res, err)
	}
	var changed int
	if err := rawDB(t, n.st).QueryRowContext(ctx, `SELECT COUNT(*) FROM audit_log WHERE id > ? AND table_name NOT LIKE 'field_%'`, audit).Scan(&changed); err != nil || changed != 0 {
		t.Fatalf("second push wrote %d audit entries on records (%v)", changed, err)
	}
	// Returned: the workshop is editable on national again, the laptop may no longer push.
	if _, err := n.st.CreateContribution(ctx, tables[0].ID, &model.Idea{ID: uuid.NewString(), Title: "¿Cómo podríamos?", Principle: "integrity"}); err != nil {
		t.Fatalf("write after return: %v", err)
	}
	if _, err := (&field.Client{BaseURL: n.url, Token: tokA, ResumeFor: time.Second}).Push(ctx, a.st, a.uploads, field.PushOptions{}); !isRemote(err, http.StatusConflict) {
		t.Fatalf("push after return: got %v, want 409", err)
	}
}

func photoFiles(t *testing.T, dir string) []string {
	t.Helper()
	es, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, e := range es {
		out = append(out, e.Name())
	}
	if len(out) == 0 {
		t.Fatal("no photos captured")
	}
	return out
}

func isRemote(err error, status int) bool {
	var re *field.RemoteError
	return errors.As(err, &re) && re.Status == status && re.Message != ""
}

func TestBundleIsVerifiedAndAppliedWholeOrNotAtAll(t *testing.T) {
	ctx := context.Background()
	n := newNational(t)
	wA, wB := n.ws[3], n.ws[4]
	tokA, tokB := n.token(t, wA.ID), n.token(t, wB.ID)
	a, b := newLaptop(t), newLaptop(t)
	if _, err := (&field.Client{BaseURL: n.url, Token: tokA}).Pull(ctx, a.st, wA.ID); err != nil {
		t.Fatal(err)
	}
	if _, err := (&field.Client{BaseURL: n.url, Token: tokB}).Pull(ctx, b.st, wB.ID); err != nil {
		t.Fatal(err)
	}
	ids := a.capture(t, wA.ID, 5)
	b.capture(t, wB.ID, 2)
	var bufA, bufB bytes.Buffer
	if _, err := field.MakeBundle(ctx, a.st, a.uploads, &bufA, false); err != nil {
		t.Fatal(err)
	}
	if _, err := field.MakeBundle(ctx, b.st, b.uploads, &bufB, false); err != nil {
		t.Fatal(err)
	}
	sv := &field.Service{Store: n.st, UploadsDir: n.uploads}
	audit := auditCount(t, n.st)

	// One byte changed anywhere after the header: refused, nothing stored.
	tampered := append([]byte(nil), bufA.Bytes()...)
	tampered[len(tampered)-40] ^= 1
	if _, _, err := sv.ImportBundle(ctx, tampered); model.KindOf(err) != model.KindForbidden {
		t.Fatalf("tampered bundle: %v", err)
	}
	// Laptop B's bundle relabelled as token A's: the signature does not match.
	foreign := bytes.Replace(bufB.Bytes(), []byte(tokenID(tokB)), []byte(tokenID(tokA)), 1)
	if _, _, err := sv.ImportBundle(ctx, foreign); model.KindOf(err) != model.KindForbidden {
		t.Fatalf("foreign bundle: %v", err)
	}
	if got := auditCount(t, n.st); got != audit {
		t.Fatalf("refused bundles left %d audit entries", got-audit)
	}
	if len(dirNames(t, n.uploads)) != 0 {
		t.Fatal("refused bundles left photos")
	}

	res, _, err := sv.ImportBundle(ctx, bufA.Bytes())
	if err != nil || !res.OK || res.PhotosStored != res.Photos || res.Photos == 0 {
		t.Fatalf("import: %+v %v", res, err)
	}
	for _, id := range ids {
		var k int
		if err := rawDB(t, n.st).QueryRowContext(ctx, `SELECT COUNT(*) FROM ideas WHERE id = ?`, id).Scan(&k); err != nil || k != 1 {
			t.Fatalf("idea %s: %d %v", id, k, err)
		}
	}
	if got, want := figuresOf(t, n.st, wA.ID), figuresOf(t, a.st, wA.ID); !reflect.DeepEqual(got.Table3, want.Table3) || !reflect.DeepEqual(got.Table2, want.Table2) {
		t.Fatalf("figures after import differ:\n%+v\n%+v", got, want)
	}
	// The same bundle again changes nothing.
	audit = auditCount(t, n.st)
	if res, _, err := sv.ImportBundle(ctx, bufA.Bytes()); err != nil || !res.OK {
		t.Fatalf("second import: %+v %v", res, err)
	}
	var changed int
	if err := rawDB(t, n.st).QueryRowContext(ctx, `SELECT COUNT(*) FROM audit_log WHERE id > ? AND table_name NOT LIKE 'field_%'`, audit).Scan(&changed); err != nil || changed != 0 {
		t.Fatalf("second import wrote %d audit entries (%v)", changed, err)
	}
}

func tokenID(text string) string {
	id, _, _ := field.ParseToken(text)
	return id
}

func dirNames(t *testing.T, dir string) []string {
	es, _ := os.ReadDir(dir)
	var out []string
	for _, e := range es {
		out = append(out, e.Name())
	}
	return out
}

// A batch that reaches into another workshop is refused whole.
func TestPushCannotTouchAnotherWorkshop(t *testing.T) {
	ctx := context.Background()
	n := newNational(t)
	wA, wB := n.ws[0], n.ws[1]
	tokA := n.token(t, wA.ID)
	a := newLaptop(t)
	pull, err := (&field.Client{BaseURL: n.url, Token: tokA}).Pull(ctx, a.st, wA.ID)
	if err != nil {
		t.Fatal(err)
	}
	tablesB, _ := n.st.Tables(ctx, wB.ID)
	tablesA, _ := n.st.Tables(ctx, wA.ID)
	// An idea of workshop A followed by one placed at a table of workshop B.
	batch := field.Batch{Seq: 1, Tables: []store.FieldRows{{Table: "ideas",
		Cols: []string{"id", "table_id", "title", "principle", "created_at", "updated_at"},
		Rows: [][]any{
			{uuid.NewString(), tablesA[0].ID, "¿Cómo podríamos A?", "integrity", "2025-01-01T00:00:00Z", "2025-01-01T00:00:00Z"},
			{uuid.NewString(), tablesB[0].ID, "¿Cómo podríamos B?", "integrity", "2025-01-01T00:00:00Z", "2025-01-01T00:00:00Z"},
		}}}}
	batch.Digest = field.Digest(batch.Tables)
	body, _ := json.Marshal(batch)
	req, _ := http.NewRequest(http.MethodPost, fmt.Sprintf("%s/api/v1/field/workshops/%s/checkouts/%s/pushes/%s/batches",
		n.url, wA.ID, pull.CheckoutID, uuid.NewString()), bytes.NewReader(body))
	req.Header.Set("Authorization", "Bearer "+tokA)
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Accept-Language", "en")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	msg, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != http.StatusForbidden || !bytes.Contains(msg, []byte("another workshop")) {
		t.Fatalf("foreign row: %d %s", resp.StatusCode, msg)
	}
	var k int
	if err := rawDB(t, n.st).QueryRowContext(ctx, `SELECT COUNT(*) FROM ideas WHERE title LIKE '¿Cómo podríamos _?'`).Scan(&k); err != nil || k != 0 {
		t.Fatalf("half a batch stored: %d %v", k, err)
	}

	// A record the live protocol would refuse (an idea without a title) is
	// refused here too, whole batch with it.
	batch = field.Batch{Seq: 1, Tables: []store.FieldRows{{Table: "ideas",
		Cols: []string{"id", "table_id", "title", "principle", "created_at", "updated_at"},
		Rows: [][]any{
			{uuid.NewString(), tablesA[0].ID, "¿Cómo podríamos C?", "integrity", "2025-01-01T00:00:00Z", "2025-01-01T00:00:00Z"},
			{uuid.NewString(), tablesA[0].ID, "   ", "integrity", "2025-01-01T00:00:00Z", "2025-01-01T00:00:00Z"},
		}}}}
	batch.Digest = field.Digest(batch.Tables)
	body, _ = json.Marshal(batch)
	req, _ = http.NewRequest(http.MethodPost, fmt.Sprintf("%s/api/v1/field/workshops/%s/checkouts/%s/pushes/%s/batches",
		n.url, wA.ID, pull.CheckoutID, uuid.NewString()), bytes.NewReader(body))
	req.Header.Set("Authorization", "Bearer "+tokA)
	req.Header.Set("Content-Type", "application/json")
	resp, err = http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	msg, _ = io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != http.StatusUnprocessableEntity || !bytes.Contains(msg, []byte("no cumple las reglas")) {
		t.Fatalf("invalid row: %d %s", resp.StatusCode, msg)
	}
	if err := rawDB(t, n.st).QueryRowContext(ctx, `SELECT COUNT(*) FROM ideas WHERE title LIKE '¿Cómo podríamos _?'`).Scan(&k); err != nil || k != 0 {
		t.Fatalf("half a batch stored: %d %v", k, err)
	}
}

// rawDB is a read-only connection to a store's file, for counting rows.
func rawDB(t *testing.T, st *store.Store) *sql.DB {
	t.Helper()
	db, err := sql.Open("sqlite3", "file:"+st.Path()+"?mode=ro&_busy_timeout=5000")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}
