package web

import (
	"context"
	"encoding/json"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/minka-gob/minka/internal/model"
	"github.com/minka-gob/minka/internal/store"
	"github.com/minka-gob/minka/internal/storetest"
)

// The room screen: the screen code opens it without a session and shows
// no site header; the control room switches its view, runs the room timer
// and replaces its code (the old code stops working); the Únanse view
// carries only the participants' codes; a code typed at /join with a dash
// opens the screen.
func TestRoomScreen(t *testing.T) {
	e := newTestEnv(t)
	ctx := context.Background()
	w := model.Workshop{City: "Huancayo", Date: "2025-07-01", Status: model.WorkshopOpen}
	if err := e.store.CreateWorkshop(ctx, &w); err != nil {
		t.Fatal(err)
	}
	var tables []model.Table
	for n := 1; n <= 2; n++ {
		tb := model.Table{WorkshopID: w.ID, Number: n}
		if err := e.store.CreateTable(ctx, &tb); err != nil {
			t.Fatal(err)
		}
		tables = append(tables, tb)
	}
	storetest.Idea(t, e.store, model.Idea{TableID: tables[1].ID, Title: "¿Cómo podríamos publicar las obras?", Principle: model.PrincipleTransparency})
	e.loginAdmin()
	adminTok := e.cookies[sessionCookie]
	resp := e.get("/admin/live")
	body := readBody(t, resp)
	sc, err := e.store.Screen(ctx, w.ID)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(body, "/screen/"+sc.Code) {
		t.Fatalf("the control room does not give the screen link /screen/%s", sc.Code)
	}

	// The projector has no session.
	e.logout()
	resp = e.get("/screen/" + sc.Code)
	wantStatus(t, resp, 200)
	page := readBody(t, resp)
	if strings.Contains(page, `class="top"`) || strings.Contains(page, "/logout") {
		t.Fatal("the room screen shows the site header")
	}
	checkCSP(t, "room screen", page)
	state := func() screenState {
		t.Helper()
		resp := e.get("/screen/" + sc.Code + "/state")
		wantStatus(t, resp, 200)
		var st screenState
		decodeJSON(t, resp, &st)
		return st
	}
	if st := state(); st.View != model.ScreenTables || len(st.Tables) != 2 || st.Tables[0].Code != "" || len(st.Newest) != 1 {
		t.Fatalf("first state: %+v", st)
	}

	// The control room switches views.
	e.cookies[sessionCookie] = adminTok
	control := func(form url.Values) string {
		t.Helper()
		resp := e.postForm("/admin/workshops/"+w.ID+"/screen", form)
		if resp.StatusCode != http.StatusSeeOther {
			t.Fatalf("control %v: %d", form, resp.StatusCode)
		}
		return resp.Header.Get("Location")
	}
	control(url.Values{"view": {"join"}})
	st := state()
	if st.View != model.ScreenJoin || st.Tables[0].Code != tables[0].ParticipantCode || !strings.Contains(st.Tables[0].JoinURL, tables[0].ParticipantCode) {
		t.Fatalf("join view: %+v", st.Tables)
	}
	raw, _ := json.Marshal(st)
	for _, tb := range tables {
		if strings.Contains(string(raw), tb.RapporteurCode) || strings.Contains(string(raw), tb.FacilitatorCode) {
			t.Fatal("the screen's state carries a rapporteur's or facilitator's code")
		}
	}
	control(url.Values{"view": {"matrix"}, "table_id": {tables[1].ID}})
	if st := state(); st.View != model.ScreenMatrix || st.Matrix == nil || st.Matrix.TableNumber != 2 || len(st.Matrix.Ideas) != 1 {
		t.Fatalf("matrix view: %+v", st.Matrix)
	}
	// Refused switches change nothing and say why.
	other := model.Workshop{City: "Puno", Date: "2025-07-02", Status: model.WorkshopOpen}
	if err := e.store.CreateWorkshop(ctx, &other); err != nil {
		t.Fatal(err)
	}
	foreign := model.Table{WorkshopID: other.ID, Number: 1}
	if err := e.store.CreateTable(ctx, &foreign); err != nil {
		t.Fatal(err)
	}
	if loc := control(url.Values{"view": {"matrix"}, "table_id": {foreign.ID}}); !strings.Contains(loc, "screen_error=table") {
		t.Fatalf("another workshop's table: redirected to %s", loc)
	}
	if loc := control(url.Values{"view": {"karaoke"}}); !strings.Contains(loc, "screen_error=view") {
		t.Fatalf("unknown view: redirected to %s", loc)
	}
	if loc := control(url.Values{"timer": {"start"}, "minutes": {"0"}}); !strings.Contains(loc, "screen_error=minutes") {
		t.Fatalf("0 minutes: redirected to %s", loc)
	}
	if loc := control(url.Values{"timer": {"pause"}}); !strings.Contains(loc, "screen_error=timer") {
		t.Fatalf("pausing no timer: redirected to %s", loc)
	}
	if st := state(); st.View != model.ScreenMatrix || st.Timer.DurationS != 0 {
		t.Fatalf("a refused switch changed the screen: %+v", st)
	}
	resp = e.get("/admin/live?screen_error=minutes")
	if b := readBody(t, resp); !strings.Contains(b, "Escriba entre 1 y 240 minutos.") {
		t.Fatal("the control room does not say why the timer was refused")
	}

	// The room timer.
	control(url.Values{"timer": {"start"}, "minutes": {"5"}})
	if st := state(); st.Timer.DurationS != 300 || !st.Timer.Running || st.Timer.RemainingMS <= 290000 {
		t.Fatalf("started timer: %+v", st.Timer)
	}
	control(url.Values{"timer": {"pause"}})
	if st := state(); st.Timer.Running || st.Timer.RemainingMS <= 290000 || st.Timer.RemainingMS > 300000 {
		t.Fatalf("paused timer: %+v", st.Timer)
	}
	control(url.Values{"view": {"survey"}})
	if st := state(); st.View != model.ScreenSurvey || !strings.HasSuffix(st.SurveyURL, "/workshops/"+w.ID+"/survey") {
		t.Fatalf("survey view: %+v", st)
	}
	if resp := e.get("/screen/" + sc.Code + "/qr/survey"); resp.StatusCode != 200 || resp.Header.Get("Content-Type") != "image/png" {
		t.Fatalf("survey QR: %d", resp.StatusCode)
	}
	if resp := e.get("/screen/" + sc.Code + "/qr/" + foreign.ID); resp.StatusCode != 404 {
		t.Fatalf("another workshop's table QR through this screen: %d", resp.StatusCode)
	}

	// A code typed with a dash and in lower case at /join opens the screen.
	e.logout()
	typed := strings.ToLower(sc.Code[:4] + "-" + sc.Code[4:])
	resp = e.postForm("/join", url.Values{"code": {typed}})
	if resp.StatusCode != http.StatusSeeOther || resp.Header.Get("Location") != "/screen/"+sc.Code {
		t.Fatalf("screen code at /join: %d %s", resp.StatusCode, resp.Header.Get("Location"))
	}
	// So does a table code typed with a space.
	spaced := tables[0].ParticipantCode[:4] + " " + tables[0].ParticipantCode[4:]
	resp = e.postForm("/join", url.Values{"code": {spaced}})
	if resp.StatusCode != http.StatusSeeOther || resp.Header.Get("Location") != "/tables/"+tables[0].ID {
		t.Fatalf("table code with a space at /join: %d %s", resp.StatusCode, resp.Header.Get("Location"))
	}

	// A new code: the old one no longer opens the screen.
	e.cookies[sessionCookie] = adminTok
	control(url.Values{"regenerate": {"1"}})
	renewed, err := e.store.Screen(ctx, w.ID)
	if err != nil || renewed.Code == sc.Code {
		t.Fatalf("code not renewed: %v", err)
	}
	e.logout()
	if resp := e.get("/screen/" + sc.Code + "/state"); resp.StatusCode != 404 {
		t.Fatalf("the old screen code still works: %d", resp.StatusCode)
	}
	wantStatus(t, e.get("/screen/"+renewed.Code+"/state"), 200)
}

func TestWorkshopsForDay(t *testing.T) {
	ws := []model.Workshop{{ID: "past-old", Date: "2025-05-01"}, {ID: "future-far", Date: "2025-09-01"},
		{ID: "today", Date: "2025-06-12"}, {ID: "past-recent", Date: "2025-06-01"}, {ID: "future-near", Date: "2025-06-20"}}
	var got []string
	for _, w := range model.WorkshopsForDay(ws, "2025-06-12") {
		got = append(got, w.ID)
	}
	want := "today future-near future-far past-recent past-old"
	if strings.Join(got, " ") != want {
		t.Fatalf("order %v, want %s", got, want)
	}
}

// The control room's table health: a rapporteur whose screen is connected
// shows ✓ and ✗ once it leaves; a table that recorded an idea shows its
// count and the time of its last change; "print all" gives every table's
// participant sheet and no other code.
func TestControlRoomTableHealth(t *testing.T) {
	e := newLiveEnv(t)
	admin := e.browser(e.adminTok)
	row := func(body string, i int) string {
		t.Helper()
		at := strings.Index(body, `data-health="`+e.tables[i].ID+`"`)
		if at < 0 {
			t.Fatalf("no health row for table %d", i+1)
		}
		end := strings.Index(body[at:], "</tr>")
		return body[at : at+end]
	}
	_, body := admin.get("/admin/live")
	if r := row(body, 0); !strings.Contains(r, `data-rapporteur="off"`) || !strings.Contains(r, "—") {
		t.Fatalf("table 1 before anyone came: %s", r)
	}
	rap := e.dial(e.seat(model.RoleRapporteur, 0))
	rap.join(e.room(0))
	id := store.NewID()
	rap.send(ideaMsg(id, "¿Cómo podríamos abrir las compras?", "transparency"))
	rap.until("ack")
	deadline := time.Now().Add(10 * time.Second)
	for {
		_, body = admin.get("/admin/live")
		r := row(body, 0)
		if strings.Contains(r, `data-rapporteur="on"`) {
			if !strings.Contains(r, "1 ideas") || !strings.Contains(r, "<time datetime=") {
				t.Fatalf("table 1 with its rapporteur and an idea: %s", r)
			}
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("the rapporteur's connection never showed: %s", r)
		}
		time.Sleep(50 * time.Millisecond)
	}
	if r := row(body, 1); !strings.Contains(r, `data-rapporteur="off"`) {
		t.Fatalf("table 2 shows a rapporteur: %s", r)
	}
	rap.conn.Close()
	for {
		_, body = admin.get("/admin/live")
		if strings.Contains(row(body, 0), `data-rapporteur="off"`) {
			break
		}
		if time.Now().After(deadline.Add(10 * time.Second)) {
			t.Fatal("the rapporteur still shows connected after leaving")
		}
		time.Sleep(50 * time.Millisecond)
	}

	resp, page := admin.get("/admin/workshops/" + e.workshop.ID + "/codes/print")
	if resp.StatusCode != 200 {
		t.Fatalf("print all: %d", resp.StatusCode)
	}
	for _, tb := range e.tables {
		if !strings.Contains(page, tb.ParticipantCode) || strings.Contains(page, tb.RapporteurCode) || strings.Contains(page, tb.FacilitatorCode) {
			t.Fatalf("print all must show each table's participant code and no other")
		}
	}
	checkCSP(t, "print all", page)
}
