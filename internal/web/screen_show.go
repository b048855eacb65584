package web

import (
	"encoding/json"
	"strconv"
	"strings"
	"time"

	"github.com/gofiber/fiber/v2"

	"github.com/minka-gob/minka/internal/i18n"
	"github.com/minka-gob/minka/internal/model"
)

// screenPoll is how often the room screen asks for its state, in
// milliseconds. One request per projector every 1.5 s: a view switched in
// the control room is on the wall within two seconds, and the screen needs no
// session, no websocket room and nothing to resume after a server restart.
const screenPoll = 1500

// screenTable is one table on the room screen.
type screenTable struct {
	model.PlenaryTable
	// Code and JoinURL are the participants' join code and link: only in
	// the Únanse view, which exists to show them to the room.
	Code    string `json:"code,omitempty"`
	JoinURL string `json:"join_url,omitempty"`
}

// screenIdea is an idea on the wall or in the matrix.
type screenIdea struct {
	ID          string               `json:"id"`
	TableNumber int                  `json:"table_number"`
	Title       string               `json:"title"`
	Principle   string               `json:"principle"`
	Chosen      bool                 `json:"chosen"`
	Ratings     *model.RatingSummary `json:"ratings,omitempty"`
}

// screenMatrix is the table whose matrix the screen shows.
type screenMatrix struct {
	TableNumber int          `json:"table_number"`
	Problem     string       `json:"problem"`
	Ideas       []screenIdea `json:"ideas"`
}

// screenState is everything the room screen shows, read on every poll.
type screenState struct {
	View       string           `json:"view"`
	Version    int              `json:"version"`
	Workshop   string           `json:"workshop"`
	ServerTime time.Time        `json:"server_time"`
	Timer      model.TimerState `json:"timer"`
	Tables     []screenTable    `json:"tables"`
	Newest     []screenIdea     `json:"newest"`
	Chosen     []screenIdea     `json:"chosen"`
	Matrix     *screenMatrix    `json:"matrix,omitempty"`
	JoinBase   string           `json:"join_base"`
	SurveyURL  string           `json:"survey_url,omitempty"`
}

// screenByCode is the room screen the request's :code opens.
func (s *Server) screenByCode(c *fiber.Ctx) (model.Screen, error) {
	return s.store.ScreenByCode(c.UserContext(), c.Params("code"))
}

// roomState reads what the room screen of sc shows now.
func (s *Server) roomState(c *fiber.Ctx, sc model.Screen) (screenState, error) {
	ctx := c.UserContext()
	p, err := s.store.Plenary(ctx, sc.WorkshopID)
	if err != nil {
		return screenState{}, err
	}
	base := s.joinBaseURL(c)
	st := screenState{View: sc.View, Version: sc.Version, Workshop: p.Workshop.Label(), ServerTime: time.Now().UTC(),
		Timer: sc.Timer, JoinBase: base, Tables: []screenTable{}, Newest: []screenIdea{}, Chosen: []screenIdea{}}
	codes := map[string]string{}
	if sc.View == model.ScreenJoin {
		ts, err := s.store.Tables(ctx, sc.WorkshopID)
		if err != nil {
			return st, err
		}
		for _, t := range ts {
			codes[t.ID] = t.ParticipantCode
		}
	}
	for _, t := range p.Tables {
		row := screenTable{PlenaryTable: t}
		if code := codes[t.ID]; code != "" {
			row.Code, row.JoinURL = code, joinURL(base, code)
		}
		st.Tables = append(st.Tables, row)
	}
	for _, i := range p.NewestIdeas {
		st.Newest = append(st.Newest, screenIdea{ID: i.ID, TableNumber: i.TableNumber, Title: i.Title, Principle: i.Principle, Chosen: i.Chosen})
	}
	chosen, err := s.store.ChosenIdeas(ctx, sc.WorkshopID)
	if err != nil {
		return st, err
	}
	for _, i := range chosen {
		st.Chosen = append(st.Chosen, screenIdea{ID: i.ID, TableNumber: i.TableNumber, Title: i.Title, Principle: i.Principle, Chosen: true})
	}
	if sc.View == model.ScreenMatrix && sc.TableID != "" {
		rec, err := s.store.TableRecord(ctx, sc.TableID, "")
		if err != nil {
			return st, err
		}
		m := &screenMatrix{TableNumber: rec.Table.Number, Problem: rec.Table.Problem, Ideas: []screenIdea{}}
		for _, i := range rec.Ideas {
			r := i.Ratings
			m.Ideas = append(m.Ideas, screenIdea{ID: i.ID, TableNumber: rec.Table.Number, Title: i.Title, Principle: i.Principle, Chosen: i.Chosen, Ratings: &r})
		}
		st.Matrix = m
	}
	if sc.View == model.ScreenSurvey {
		st.SurveyURL = base + "/workshops/" + sc.WorkshopID + "/survey"
	}
	return st, nil
}

// screenShow is the room screen for the projector: full screen, no site
// header, no login — the screen code in the link is the key, and it opens
// this one workshop's screen and nothing else. The server renders the first
// state into the page (no blank frame); screen.js keeps it current.
func (s *Server) screenShow(c *fiber.Ctx) error {
	sc, err := s.screenByCode(c)
	if err != nil {
		return err
	}
	st, err := s.roomState(c, sc)
	if err != nil {
		return err
	}
	b, err := json.Marshal(st)
	if err != nil {
		return err
	}
	l := lang(c)
	c.Set(fiber.HeaderCacheControl, "no-store")
	c.Set("Referrer-Policy", "no-referrer") // the code is in the URL
	return s.renderLayout(c, fiber.StatusOK, "live/screen", "layouts/screen", fiber.Map{
		"Title":   i18n.T(l, "live.screen.title", st.Workshop),
		"Code":    sc.Code,
		"State":   string(b),
		"Poll":    screenPoll,
		"Strings": liveStrings(l),
	})
}

// screenStateJSON is the room screen's state, polled by screen.js.
func (s *Server) screenStateJSON(c *fiber.Ctx) error {
	sc, err := s.screenByCode(c)
	if err != nil {
		return err
	}
	st, err := s.roomState(c, sc)
	if err != nil {
		return err
	}
	c.Set(fiber.HeaderCacheControl, "no-store")
	return c.JSON(st)
}

// screenQR is a QR code the room screen shows: a table's participant join
// link (:target is the table's id) or the workshop's survey ("survey").
func (s *Server) screenQR(c *fiber.Ctx) error {
	sc, err := s.screenByCode(c)
	if err != nil {
		return err
	}
	base := s.joinBaseURL(c)
	target := c.Params("target")
	if target == "survey" {
		return sendQR(c, base+"/workshops/"+sc.WorkshopID+"/survey")
	}
	t, err := s.store.Table(c.UserContext(), target)
	if err != nil || t.WorkshopID != sc.WorkshopID {
		return model.ErrNotFound
	}
	return sendQR(c, joinURL(base, t.ParticipantCode))
}

// screenControl is the control room's switch for the room screen: a view
// (view, and table_id for a table's matrix), the room timer (timer: start
// with minutes, pause, resume, reset) or a new screen code (regenerate).
func (s *Server) screenControl(c *fiber.Ctx) error {
	id := c.Params("id")
	ctx := c.UserContext()
	var err error
	switch {
	case c.FormValue("timer") != "":
		seconds := 0
		if c.FormValue("timer") == model.TimerStart {
			seconds = formMinutes(c.FormValue("minutes")) * 60
		}
		err = s.store.ScreenTimer(ctx, id, c.FormValue("timer"), seconds)
	case c.FormValue("regenerate") != "":
		_, err = s.store.RegenerateScreenCode(ctx, id)
	default:
		err = s.store.SetScreenView(ctx, id, c.FormValue("view"), c.FormValue("table_id"))
	}
	if err != nil {
		if k := model.KindOf(err); k == model.KindInvalid || k == model.KindConflict {
			return c.Redirect("/admin/live?screen_error="+screenErrorKey(err)+"#workshop-"+id, fiber.StatusSeeOther)
		}
		return err
	}
	return c.Redirect("/admin/live#workshop-"+id, fiber.StatusSeeOther)
}

// screenErrorKey names, for the control room's message, why a switch of the
// room screen was refused.
func screenErrorKey(err error) string {
	e, _ := model.AsError(err)
	if e != nil && e.Kind == model.KindConflict {
		return "timer"
	}
	if e != nil {
		if _, ok := e.Fields["seconds"]; ok {
			return "minutes"
		}
		if _, ok := e.Fields["table_id"]; ok {
			return "table"
		}
	}
	return "view"
}

// formMinutes reads a whole number of minutes typed in a form (0, refused
// by the timer's validation, when it is not one).
func formMinutes(s string) int {
	n, err := strconv.Atoi(strings.TrimSpace(s))
	if err != nil || n < 0 || n > 100000 {
		return 0
	}
	return n
}
