package web

import (
	"bytes"
	"context"
	"encoding/json"
	"image"
	"image/color"
	"image/png"
	"io"
	"mime/multipart"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/google/uuid"
	"github.com/valyala/fasthttp"

	"github.com/minka-gob/minka/internal/model"
	"github.com/minka-gob/minka/internal/report"
	"github.com/minka-gob/minka/internal/storetest"
)

// browser is an HTTP client with its own cookies, like one phone or laptop.
type browser struct {
	e      *liveEnv
	client *http.Client
}

func (e *liveEnv) browser(token string) *browser {
	jar, _ := cookiejar.New(nil)
	u, _ := url.Parse(e.base)
	cookies := []*http.Cookie{{Name: csrfCookie, Value: testCSRF}}
	if token != "" {
		cookies = append(cookies, &http.Cookie{Name: sessionCookie, Value: token})
	}
	jar.SetCookies(u, cookies)
	return &browser{e: e, client: &http.Client{Jar: jar, CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}}
}

func (b *browser) do(req *http.Request) (*http.Response, string) {
	b.e.t.Helper()
	resp, err := b.client.Do(req)
	if err != nil {
		b.e.t.Fatal(err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	return resp, string(body)
}

func (b *browser) get(path string) (*http.Response, string) {
	req, _ := http.NewRequest(http.MethodGet, b.e.base+path, nil)
	return b.do(req)
}

func (b *browser) post(path string, form url.Values) (*http.Response, string) {
	form.Set("_csrf", testCSRF)
	req, _ := http.NewRequest(http.MethodPost, b.e.base+path, strings.NewReader(form.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	return b.do(req)
}

// upload posts a file as the console's fetch does.
func (b *browser) upload(path, filename string, content []byte) (*http.Response, string) {
	var buf bytes.Buffer
	mw := multipart.NewWriter(&buf)
	fw, _ := mw.CreateFormFile("photo", filename)
	fw.Write(content)
	mw.WriteField("op", uuid.NewString())
	mw.Close()
	req, _ := http.NewRequest(http.MethodPost, b.e.base+path, &buf)
	req.Header.Set("Content-Type", mw.FormDataContentType())
	req.Header.Set("Accept", "application/json")
	req.Header.Set("X-CSRF-Token", testCSRF)
	return b.do(req)
}

var (
	inlineScript = regexp.MustCompile(`<script(?:\s[^>]*)?>`)
	styleAttr    = regexp.MustCompile(`\sstyle\s*=`)
	eventAttr    = regexp.MustCompile(`\son[a-z]+\s*=`)
)

// checkCSP fails when a page holds something the Content-Security-Policy blocks.
func checkCSP(t *testing.T, path, body string) {
	t.Helper()
	for _, tag := range inlineScript.FindAllString(body, -1) {
		if !strings.Contains(tag, " src=") {
			t.Errorf("%s: inline script %q", path, tag)
		}
	}
	if styleAttr.MatchString(body) || eventAttr.MatchString(body) {
		t.Errorf("%s: style= or on…= attribute", path)
	}
}

func TestLiveScreensAreForTheirRoles(t *testing.T) {
	e := newLiveEnv(t)
	t0, w := e.tables[0].ID, e.workshop.ID
	tests := []struct {
		who, path string
		status    int
		location  string
		contains  string
	}{
		{"participant", "/tables/" + t0, 200, "", `data-page="participant"`},
		{"rapporteur", "/tables/" + t0, 200, "", `data-room="table:` + t0},
		{"other rapporteur", "/tables/" + t0, 403, "", ""},
		{"public", "/tables/" + t0, 303, "/join", ""},
		{"rapporteur", "/tables/" + t0 + "/rapporteur", 200, "", "¿Cómo podríamos…?"},
		{"admin", "/tables/" + t0 + "/rapporteur", 200, "", `data-kind="feedback"`},
		{"participant", "/tables/" + t0 + "/rapporteur", 403, "", ""},
		{"facilitator", "/tables/" + t0 + "/rapporteur", 403, "", ""},
		{"facilitator", "/tables/" + t0 + "/facilitator", 200, "", "data-timer-form"},
		{"rapporteur", "/tables/" + t0 + "/facilitator", 403, "", ""},
		{"participant", "/workshops/" + w + "/plenary", 200, "", `data-room="workshop:` + w},
		{"public", "/workshops/" + w + "/plenary", 303, "/login", ""},
		{"admin", "/admin/live", 200, "", "/admin/tables/" + t0 + "/codes"},
		{"participant", "/admin/tables/" + t0 + "/codes", 302, "/login", ""},
		{"public", "/workshops/" + w + "/survey", 200, "", `name="score"`},
	}
	tokens := map[string]string{
		"participant":      e.seat(model.RoleParticipant, 0),
		"rapporteur":       e.seat(model.RoleRapporteur, 0),
		"facilitator":      e.seat(model.RoleFacilitator, 0),
		"other rapporteur": e.seat(model.RoleRapporteur, 1),
		"admin":            e.adminTok,
		"public":           "",
	}
	for _, tt := range tests {
		t.Run(tt.who+" "+tt.path, func(t *testing.T) {
			resp, body := e.browser(tokens[tt.who]).get(tt.path)
			if resp.StatusCode != tt.status {
				t.Fatalf("status %d, want %d", resp.StatusCode, tt.status)
			}
			if tt.location != "" && !strings.HasPrefix(resp.Header.Get("Location"), tt.location) {
				t.Fatalf("redirect to %q, want %q", resp.Header.Get("Location"), tt.location)
			}
			if tt.contains != "" && !strings.Contains(body, tt.contains) {
				t.Fatalf("page lacks %q", tt.contains)
			}
			if resp.StatusCode == 200 {
				checkCSP(t, tt.path, body)
			}
		})
	}
	// The JavaScript's strings come translated in a data- attribute.
	_, body := e.browser(e.adminTok).get("/tables/" + t0 + "/rapporteur?lang=en")
	if !strings.Contains(body, `&#34;live.state.pending&#34;:&#34;pending&#34;`) {
		t.Error("English strings for the console are missing")
	}
}

// Ideas per principle are counted from the records: the store, the API and
// the plenary page give the same numbers; deleted ideas and other
// workshops' ideas do not count.
func TestIdeasByPrincipleMatchInStoreAPIAndPage(t *testing.T) {
	e := newLiveEnv(t)
	ctx := context.Background()
	other := model.Workshop{City: "Piura", Date: "2025-06-05"}
	if err := e.store.CreateWorkshop(ctx, &other); err != nil {
		t.Fatal(err)
	}
	otherTable := model.Table{WorkshopID: other.ID, Number: 1}
	if err := e.store.CreateTable(ctx, &otherTable); err != nil {
		t.Fatal(err)
	}
	add := func(tableID, principle string) string {
		return storetest.Idea(t, e.store, model.Idea{TableID: tableID, Title: "Idea " + principle, Principle: principle}).ID
	}
	add(e.tables[0].ID, "transparency")
	add(e.tables[1].ID, "transparency")
	gone := add(e.tables[0].ID, "transparency")
	add(e.tables[0].ID, "participation")
	add(e.tables[1].ID, "participation")
	add(e.tables[1].ID, "accountability")
	add(otherTable.ID, "integrity")
	// The deletion goes through the websocket like the rapporteur's.
	w := e.dial(e.seat(model.RoleRapporteur, 0))
	w.join(e.room(0))
	w.send(map[string]any{"type": "delete", "op": uuid.NewString(), "kind": "idea", "id": gone, "version": 1})
	w.until("ack")

	want := map[string]int{"transparency": 2, "participation": 2, "accountability": 1, "integrity": 0}
	p, err := e.store.Plenary(ctx, e.workshop.ID)
	if err != nil {
		t.Fatal(err)
	}
	report.Plenary(&p)
	got := p.ByPrinciple
	if got.Population != report.Captured {
		t.Errorf("population = %q, want %q", got.Population, report.Captured)
	}
	check := func(where string, counts map[string]int, total int) {
		t.Helper()
		for p, n := range want {
			if counts[p] != n {
				t.Errorf("%s: %s = %d, want %d", where, p, counts[p], n)
			}
		}
		if total != 5 {
			t.Errorf("%s: total %d, want 5", where, total)
		}
	}
	fromStore := map[string]int{}
	for _, c := range got.Principles {
		fromStore[c.Principle] = c.Ideas
	}
	check("store", fromStore, got.Total)

	b := e.browser(e.seat(model.RoleParticipant, 0))
	resp, body := b.get("/api/v1/workshops/" + e.workshop.ID + "/ideas-by-principle")
	if resp.StatusCode != 200 {
		t.Fatalf("API status %d: %s", resp.StatusCode, body)
	}
	var api model.IdeasByPrinciple
	json.Unmarshal([]byte(body), &api)
	fromAPI := map[string]int{}
	for _, c := range api.Principles {
		fromAPI[c.Principle] = c.Ideas
	}
	check("API", fromAPI, api.Total)

	_, page := b.get("/workshops/" + e.workshop.ID + "/plenary")
	rows := regexp.MustCompile(`data-principle="(\w+)">.*?data-n>(\d+)<`).FindAllStringSubmatch(page, -1)
	fromPage := map[string]int{}
	for _, r := range rows {
		fromPage[r[1]], _ = strconv.Atoi(r[2])
	}
	total, _ := strconv.Atoi(regexp.MustCompile(`data-total>(\d+)<`).FindStringSubmatch(page)[1])
	if len(rows) != 4 {
		t.Fatalf("page has %d principle rows", len(rows))
	}
	check("page", fromPage, total)

	// The plenary API and the websocket snapshot agree too.
	_, body = b.get("/api/v1/workshops/" + e.workshop.ID + "/plenary")
	var pl model.Plenary
	json.Unmarshal([]byte(body), &pl)
	if pl.ByPrinciple.Total != 5 || len(pl.Tables) != 2 || pl.Tables[0].Ideas != 2 || pl.Tables[1].Ideas != 3 {
		t.Fatalf("plenary API: %+v", pl)
	}
	// Outsiders do not read the workshop.
	if resp, _ := e.browser(e.token(model.Session{Role: model.RoleParticipant, TableID: otherTable.ID, JoinCode: otherTable.ParticipantCode})).
		get("/api/v1/workshops/" + e.workshop.ID + "/ideas-by-principle"); resp.StatusCode != 403 {
		t.Fatalf("participant of another workshop: status %d", resp.StatusCode)
	}
}

func TestTableRecordAPI(t *testing.T) {
	e := newLiveEnv(t)
	w := e.dial(e.seat(model.RoleRapporteur, 0))
	w.join(e.room(0))
	id := uuid.NewString()
	w.send(ideaMsg(id, "Audiencias públicas en quechua", "participation"))
	w.until("ack")
	resp, body := e.browser(e.seat(model.RoleParticipant, 0)).get("/api/v1/tables/" + e.tables[0].ID + "/record")
	var rec model.TableRecord
	if resp.StatusCode != 200 || json.Unmarshal([]byte(body), &rec) != nil || len(rec.Ideas) != 1 || rec.Ideas[0].ID != id || rec.Seq != 1 {
		t.Fatalf("record: %d %s", resp.StatusCode, body)
	}
	for _, tok := range []string{e.seat(model.RoleRapporteur, 1), ""} {
		if resp, _ := e.browser(tok).get("/api/v1/tables/" + e.tables[0].ID + "/record"); resp.StatusCode != 403 {
			t.Fatalf("outsider reads the record: %d", resp.StatusCode)
		}
	}
}

func pngBytes(t *testing.T) []byte {
	img := image.NewRGBA(image.Rect(0, 0, 8, 8))
	img.Set(1, 1, color.RGBA{200, 10, 10, 255})
	var buf bytes.Buffer
	if err := png.Encode(&buf, img); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func TestPrototypePhotoUpload(t *testing.T) {
	e := newLiveEnv(t)
	w := e.dial(e.seat(model.RoleRapporteur, 0))
	w.join(e.room(0))
	watcher := e.dial(e.seat(model.RoleParticipant, 0))
	watcher.join(e.room(0))
	proto := uuid.NewString()
	w.send(map[string]any{"type": "create", "op": proto, "kind": "prototype", "data": map[string]any{"id": proto, "description": "Maqueta de la app"}})
	w.until("ack")
	watcher.until("event")
	path := "/tables/" + e.tables[0].ID + "/prototypes/" + proto + "/photo"
	rap := e.browser(e.seat(model.RoleRapporteur, 0))

	tests := []struct {
		name    string
		b       *browser
		file    string
		content []byte
		status  int
		message string
	}{
		{"participant", e.browser(e.seat(model.RoleParticipant, 0)), "a.png", pngBytes(t), 403, ""},
		{"text named .jpg", rap, "foto.jpg", []byte("esto no es una imagen, aunque se llame .jpg"), 422, "JPEG, PNG o WebP"},
		{"too large", rap, "big.png", append(pngBytes(t), make([]byte, 5<<20)...), 422, "5 MB"},
		{"png", rap, "maqueta.png", pngBytes(t), 200, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			resp, body := tt.b.upload(path, tt.file, tt.content)
			if resp.StatusCode != tt.status || !strings.Contains(body, tt.message) {
				t.Fatalf("status %d body %s", resp.StatusCode, body)
			}
		})
	}
	f := watcher.until("event")
	var d struct {
		Record model.Prototype `json:"record"`
	}
	json.Unmarshal(f.Data, &d)
	if f.Event != "updated" || !strings.HasSuffix(d.Record.PhotoPath, ".png") || d.Record.Version != 1 {
		t.Fatalf("photo event: %s %+v", f.Event, d.Record)
	}
	photo := "/uploads/" + d.Record.PhotoPath
	resp, body := e.browser(e.seat(model.RoleParticipant, 0)).get(photo)
	if resp.StatusCode != 200 || resp.Header.Get("Content-Type") != "image/png" || body != string(pngBytes(t)) {
		t.Fatalf("photo: %d %s", resp.StatusCode, resp.Header.Get("Content-Type"))
	}
	for _, tok := range []string{e.seat(model.RoleRapporteur, 1), ""} {
		if resp, _ := e.browser(tok).get(photo); resp.StatusCode != 404 {
			t.Fatalf("outsider gets the photo: %d", resp.StatusCode)
		}
	}
	if resp, _ := e.browser(e.adminTok).get("/uploads/../minka.sqlite"); resp.StatusCode != 404 {
		t.Fatalf("path outside uploads: %d", resp.StatusCode)
	}
}

func TestJoinCodesPageAndQR(t *testing.T) {
	e := newLiveEnv(t)
	tb := e.tables[0]
	admin := e.browser(e.adminTok)
	resp, body := admin.get("/admin/tables/" + tb.ID + "/codes")
	if resp.StatusCode != 200 {
		t.Fatalf("codes page: %d", resp.StatusCode)
	}
	for _, code := range []string{tb.FacilitatorCode, tb.RapporteurCode, tb.ParticipantCode} {
		if !strings.Contains(body, "/join?code="+code) {
			t.Errorf("codes page lacks the link for %s", code)
		}
	}
	checkCSP(t, "codes", body)
	for _, role := range []string{"facilitator", "rapporteur", "participant"} {
		resp, body := admin.get("/admin/tables/" + tb.ID + "/qr/" + role)
		if resp.StatusCode != 200 || resp.Header.Get("Content-Type") != "image/png" {
			t.Fatalf("%s QR: %d %s", role, resp.StatusCode, resp.Header.Get("Content-Type"))
		}
		img, err := png.Decode(strings.NewReader(body))
		if err != nil || img.Bounds().Dx() < 100 {
			t.Fatalf("%s QR is not a PNG: %v", role, err)
		}
	}
	if resp, _ := admin.get("/admin/tables/" + tb.ID + "/qr/king"); resp.StatusCode != 404 {
		t.Fatalf("unknown role: %d", resp.StatusCode)
	}
	resp, body = admin.get("/admin/tables/" + tb.ID + "/codes/print")
	if resp.StatusCode != 200 || !strings.Contains(body, tb.ParticipantCode) || strings.Contains(body, tb.RapporteurCode) {
		t.Fatal("print sheet must show the participants' code only")
	}
}

func TestJoinBaseURL(t *testing.T) {
	s := &Server{cfg: Config{PublicURL: "http://192.168.50.2:9000/"}}
	app := newTestEnv(t).app
	ctx := app.AcquireCtx(&fasthttp.RequestCtx{})
	defer app.ReleaseCtx(ctx)
	if got := s.joinBaseURL(ctx); got != "http://192.168.50.2:9000" {
		t.Fatalf("override: %q", got)
	}
	tests := []struct {
		ip   string
		rank int
	}{{"192.168.1.9", 0}, {"10.0.0.4", 1}, {"172.20.1.1", 2}, {"172.40.1.1", 3}, {"100.64.0.1", 3}}
	for _, tt := range tests {
		ip := net4(tt.ip)
		if got := lanRank(ip); got != tt.rank {
			t.Errorf("lanRank(%s) = %d, want %d", tt.ip, got, tt.rank)
		}
	}
}

func net4(s string) []byte {
	var b [4]byte
	for i, p := range strings.Split(s, ".") {
		n, _ := strconv.Atoi(p)
		b[i] = byte(n)
	}
	return b[:]
}

func TestSatisfactionSurvey(t *testing.T) {
	e := newLiveEnv(t)
	path := "/workshops/" + e.workshop.ID + "/survey"
	participant := e.browser(e.seat(model.RoleParticipant, 0))
	if resp, body := participant.post(path, url.Values{"score": {"7"}}); resp.StatusCode != 422 || !strings.Contains(body, "entre 1 y 5") {
		t.Fatalf("score 7: %d", resp.StatusCode)
	}
	if resp, body := participant.post(path, url.Values{"score": {"5"}, "comment": {"Muy útil"}}); resp.StatusCode != 200 || !strings.Contains(body, "Gracias") {
		t.Fatalf("answer: %d", resp.StatusCode)
	}
	// Answering again changes the answer: still one per respondent.
	participant.post(path, url.Values{"score": {"3"}, "comment": {"Útil, pero largo"}})
	if _, body := participant.get(path); !strings.Contains(body, "Útil, pero largo") {
		t.Fatal("the form does not show the respondent's answer")
	}
	// A phone without a session answers through the survey cookie.
	phone := e.browser("")
	phone.post(path, url.Values{"score": {"4"}})
	phone.post(path, url.Values{"score": {"4"}, "comment": {"Bien organizado"}})

	sum, err := e.store.SurveySummary(context.Background(), e.workshop.ID)
	if err != nil {
		t.Fatal(err)
	}
	if sum.Answers != 2 || sum.Average != 3.5 || sum.Distribution != [5]int{0, 0, 1, 1, 0} || len(sum.Comments) != 2 {
		t.Fatalf("summary %+v", sum)
	}
	admin := e.browser(e.adminTok)
	if _, body := admin.get("/admin/workshops/" + e.workshop.ID + "/survey"); !strings.Contains(body, `<span data-average>3.50</span>`) ||
		!strings.Contains(body, `data-score="3">1<`) || !strings.Contains(body, "Bien organizado") {
		t.Fatal("results page does not show the summary")
	}
	var api model.SurveySummary
	_, body := admin.get("/api/v1/workshops/" + e.workshop.ID + "/survey")
	json.Unmarshal([]byte(body), &api)
	if api.Average != 3.5 || api.Answers != 2 {
		t.Fatalf("API summary %+v", api)
	}
	if resp, _ := participant.get("/api/v1/workshops/" + e.workshop.ID + "/survey"); resp.StatusCode != 403 {
		t.Fatalf("participant reads the survey results: %d", resp.StatusCode)
	}
}

func TestAfterActionReview(t *testing.T) {
	e := newLiveEnv(t)
	path := "/admin/workshops/" + e.workshop.ID + "/aar"
	a := e.browser(e.adminTok)
	if resp, body := a.post(path, url.Values{"version": {"0"}}); resp.StatusCode != 422 || !strings.Contains(body, "al menos una") {
		t.Fatalf("empty review: %d", resp.StatusCode)
	}
	resp, _ := a.post(path, url.Values{"version": {"0"}, "planned": {"Cinco mesas"}, "happened": {"Cuatro mesas"}, "why": {"Lluvia"}, "change_next": {"Local techado"}})
	if resp.StatusCode != 303 {
		t.Fatalf("save: %d", resp.StatusCode)
	}
	if _, body := a.get(path); !strings.Contains(body, "Local techado") || !strings.Contains(body, `name="version" value="1"`) {
		t.Fatal("saved review not shown")
	}
	// A second admin still on version 0 does not overwrite it.
	resp, body := a.post(path, url.Values{"version": {"0"}, "planned": {"Otra cosa"}})
	if resp.StatusCode != 409 || !strings.Contains(body, "Otra persona guardó") || !strings.Contains(body, "Local techado") {
		t.Fatalf("stale save: %d", resp.StatusCode)
	}
	r, _ := e.store.AfterActionReview(context.Background(), e.workshop.ID)
	if r.Planned != "Cinco mesas" || r.Version != 1 {
		t.Fatalf("review %+v", r)
	}
	if resp, _ := e.browser(e.seat(model.RoleFacilitator, 0)).get(path); resp.StatusCode != 302 {
		t.Fatalf("facilitator opens the review: %d", resp.StatusCode)
	}
}
