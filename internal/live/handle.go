package live

import (
	"context"
	"encoding/json"
	"errors"
	"sync"
	"time"

	"github.com/minka-gob/minka/internal/i18n"
	"github.com/minka-gob/minka/internal/liveproto"
	"github.com/minka-gob/minka/internal/model"
	"github.com/minka-gob/minka/internal/store"
)

// handle runs one message of c. Operations are authorized per type against
// the principal resolved at connect time and the room joined, validated by
// internal/model, applied by the store (durable when it returns), published
// to the room and acknowledged to the sender. handle returns once the
// operation is queued for the writer (or refused): the next message's
// operation is queued after it, and its answer goes out after this one's.
func (s *Server) handle(c *client, req *liveproto.Request) {
	switch req.Type {
	case liveproto.TypeJoin:
		c.drain() // answers to earlier messages go out before the room's frames
		s.join(c, req)
		return
	case liveproto.TypePing:
		c.reply(liveproto.Pong{Type: liveproto.FramePong, ServerTime: time.Now().UTC()})
		return
	case liveproto.TypeCreate, liveproto.TypeUpdate, liveproto.TypeDelete, liveproto.TypeChoose, liveproto.TypeRate, liveproto.TypePhase, liveproto.TypeTimer:
	default:
		c.reply(s.protocolError(c, req.Op, liveproto.CodeBadMessage))
		return
	}
	if c.room == nil {
		c.reply(s.protocolError(c, req.Op, liveproto.CodeNotJoined))
		return
	}
	op := req.Op
	if req.Type == liveproto.TypeCreate && op == "" {
		op = createID(req.Data)
	}
	a := c.slot() // waits while MaxInFlight answers are due
	queued := make(chan struct{})
	var once sync.Once
	signal := func() { once.Do(func() { close(queued) }) }
	go func() {
		defer signal()
		c.settle(a, s.operate(c, req, op, signal))
	}()
	<-queued
}

// operate applies one operation and returns its answer, an ack or an error
// frame. queued is called once the write is in the writer's queue.
func (s *Server) operate(c *client, req *liveproto.Request, op string, queued func()) any {
	ctx, cancel := context.WithTimeout(store.WithActor(context.Background(), store.ActorOf(c.who.Principal)), opTimeout)
	defer cancel()
	a, err := s.apply(store.WithQueued(ctx, queued), c, req, op)
	if err != nil {
		return s.errorFrame(c, op, err)
	}
	// The events went to the rooms from the commit (Server.commit).
	return liveproto.Ack{Type: liveproto.FrameAck, Op: op, Seq: a.Seq, Dup: a.Dup, Data: a.Data}
}

// drain waits until every answer due so far has been handed to the
// write side (or the client is gone). Only the read loop calls it.
func (c *client) drain() {
	c.amu.Lock()
	if len(c.pending) == 0 {
		c.amu.Unlock()
		return
	}
	ch := make(chan struct{})
	c.drained = ch
	c.amu.Unlock()
	select {
	case <-ch:
	case <-c.done:
	}
}

// apply authorizes and performs one operation.
func (s *Server) apply(ctx context.Context, c *client, req *liveproto.Request, op string) (store.Applied, error) {
	var none store.Applied
	if c.tableID == "" {
		return none, model.Forbidden("live.error.read_only")
	}
	var allowed bool
	switch req.Type {
	case liveproto.TypeCreate, liveproto.TypeUpdate, liveproto.TypeDelete:
		allowed = c.can.Write
	case liveproto.TypeChoose, liveproto.TypePhase, liveproto.TypeTimer:
		allowed = c.can.Facilitate
	case liveproto.TypeRate:
		allowed = c.can.Rate
	}
	if !allowed {
		return none, model.Forbidden("live.error.forbidden")
	}
	if !model.IsUUID(op) {
		return none, model.Invalid(model.FieldErrors{"op": {Key: "live.error.op"}})
	}
	if c.ended() {
		return none, model.Forbidden("error.session_revoked")
	}
	if id := c.who.Principal.SessionID; id != "" {
		// Checked again inside the write: an operation still queued when
		// its session ends is refused.
		ctx = s.store.RequireSession(ctx, id)
	}
	switch req.Type {
	case liveproto.TypeCreate:
		// A new record's id is the op: sending it twice stores it once.
		rec, err := decodeContribution(req.Kind, req.Data, op)
		if err != nil {
			return none, err
		}
		return s.store.CreateContribution(ctx, c.tableID, rec)
	case liveproto.TypeUpdate:
		rec, err := decodeContribution(req.Kind, req.Data, req.ID)
		if err != nil {
			return none, err
		}
		if err := needVersion(req.Version); err != nil {
			return none, err
		}
		return s.store.UpdateContribution(ctx, op, c.tableID, rec, req.Version)
	case liveproto.TypeDelete:
		var v model.Validator
		v.OneOf("kind", req.Kind, model.ContributionKinds)
		v.UUID("id", req.ID, true)
		if err := v.Err(); err != nil {
			return none, err
		}
		if err := needVersion(req.Version); err != nil {
			return none, err
		}
		return s.store.DeleteContribution(ctx, op, c.tableID, req.Kind, req.ID, req.Version)
	case liveproto.TypeChoose:
		if req.Chosen == nil {
			return none, model.Invalid(model.FieldErrors{"chosen": {Key: "validation.required"}})
		}
		return s.store.SetIdeaChosen(ctx, op, c.tableID, req.ID, *req.Chosen)
	case liveproto.TypeRate:
		r := model.Rating{ID: op, IdeaID: req.IdeaID, Impact: req.Impact, Feasibility: req.Feasibility, Rater: c.raterBase}
		if req.Rater != "" {
			if !c.can.ProxyRate {
				return none, model.Forbidden("live.error.forbidden")
			}
			label := model.Clean(req.Rater)
			var v model.Validator
			v.Text("rater", label, true, 40)
			if err := v.Err(); err != nil {
				return none, err
			}
			// A table member without a phone is one rater of the table,
			// whoever records their rating (and from whichever session).
			r.Rater = store.ProxyRater(c.tableID, model.Fold(label))
		}
		return s.store.RateIdea(ctx, op, c.tableID, &r)
	case liveproto.TypePhase:
		return s.store.SetPhase(ctx, op, c.tableID, req.From, req.Phase)
	case liveproto.TypeTimer:
		return s.store.TimerCommand(ctx, op, c.tableID, req.Action, req.Seconds)
	}
	return none, model.InvalidMsg("live.error.bad_message")
}

func needVersion(v int) error {
	if v < 1 {
		return model.Invalid(model.FieldErrors{"version": {Key: "validation.required"}})
	}
	return nil
}

// createID is the record id of a create message, which is also its op.
func createID(data json.RawMessage) string {
	var v struct {
		ID string `json:"id"`
	}
	_ = json.Unmarshal(data, &v)
	return v.ID
}

// errBadData marks a data field that is not an object of the kind's fields.
var errBadData = errors.New("live: data does not decode")

// decodeContribution decodes a message's data into a record of kind; id,
// when given, is the record's id (and must match data's id, if any).
func decodeContribution(kind string, data json.RawMessage, id string) (model.Contribution, error) {
	rec, ok := model.NewContribution(kind)
	if !ok {
		return nil, model.Invalid(model.FieldErrors{"kind": {Key: "validation.choice"}})
	}
	if len(data) == 0 {
		return nil, model.Invalid(model.FieldErrors{"data": {Key: "validation.required"}})
	}
	if err := json.Unmarshal(data, rec); err != nil {
		return nil, errBadData
	}
	if id != "" {
		switch rec.RecordID() {
		case "":
			rec.SetRecordID(id)
		case id:
		default:
			return nil, model.Invalid(model.FieldErrors{"id": {Key: "live.error.id_mismatch"}})
		}
	}
	return rec, nil
}

// protocolError is an error frame for a message the protocol itself refuses.
func (s *Server) protocolError(c *client, op, code string) liveproto.ErrorFrame {
	return liveproto.ErrorFrame{Type: liveproto.FrameError, Op: op, Code: code, Message: i18n.T(c.lang, "live.error."+code)}
}

// errorFrame turns an error of an operation into its frame, translated into
// the client's language. Unexpected errors are logged, never shown.
func (s *Server) errorFrame(c *client, op string, err error) liveproto.ErrorFrame {
	if errors.Is(err, errBadData) {
		return s.protocolError(c, op, liveproto.CodeBadMessage)
	}
	var stale *store.StaleError
	if errors.As(err, &stale) {
		f := s.protocolError(c, op, liveproto.CodeStale)
		f.Kind, f.Current = stale.Kind, stale.Current
		return f
	}
	e, ok := model.AsError(err)
	if !ok {
		s.log.Printf("live: %s: op %s: %v", c.roomName, op, err)
		return s.protocolError(c, op, liveproto.CodeInternal)
	}
	f := liveproto.ErrorFrame{Type: liveproto.FrameError, Op: op, Message: i18n.T(c.lang, e.Msg.Key, e.Msg.Args...)}
	switch e.Kind {
	case model.KindInvalid:
		f.Code = liveproto.CodeInvalid
	case model.KindForbidden:
		f.Code = liveproto.CodeForbidden
	case model.KindNotFound:
		f.Code = liveproto.CodeNotFound
	default:
		f.Code = liveproto.CodeConflict
	}
	if len(e.Fields) > 0 {
		f.Fields = map[string]string{}
		for name, m := range e.Fields {
			f.Fields[name] = i18n.T(c.lang, m.Key, m.Args...)
		}
	}
	return f
}
