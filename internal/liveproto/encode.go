package liveproto

import (
	"encoding/json"
	"errors"
	"strconv"
	"time"
)

// The two frames sent most (an event to every member of its room, an ack
// to every writer) are written by hand: json.Marshal would reflect over the
// struct and copy its Data through a compaction pass. AppendJSON writes the
// same JSON json.Marshal writes for the same value (a test compares them
// byte for byte) when Data is compact JSON as json.Marshal writes it — as
// the store writes every payload; Data is checked to be valid JSON.

// errBadData is returned for a Data that is not valid JSON.
var errBadData = errors.New("liveproto: data is not valid JSON")

// AppendJSON appends f as JSON.
func (f EventFrame) AppendJSON(b []byte) ([]byte, error) {
	if b == nil {
		b = make([]byte, 0, 160+len(f.Room)+len(f.Data))
	}
	b = append(b, `{"type":`...)
	b = appendString(b, f.Type)
	b = append(b, `,"room":`...)
	b = appendString(b, f.Room)
	b = append(b, `,"seq":`...)
	b = strconv.AppendInt(b, f.Seq, 10)
	b = append(b, `,"event":`...)
	b = appendString(b, f.Event)
	if f.Op != "" {
		b = append(b, `,"op":`...)
		b = appendString(b, f.Op)
	}
	b = append(b, `,"at":"`...)
	b = f.At.AppendFormat(b, time.RFC3339Nano)
	b = append(b, `","data":`...)
	b, err := appendRaw(b, f.Data, "null")
	return append(b, '}'), err
}

// AppendJSON appends a as JSON.
func (a Ack) AppendJSON(b []byte) ([]byte, error) {
	if b == nil {
		b = make([]byte, 0, 96+len(a.Data))
	}
	b = append(b, `{"type":`...)
	b = appendString(b, a.Type)
	b = append(b, `,"op":`...)
	b = appendString(b, a.Op)
	b = append(b, `,"seq":`...)
	b = strconv.AppendInt(b, a.Seq, 10)
	if a.Dup {
		b = append(b, `,"dup":true`...)
	}
	var err error
	if len(a.Data) > 0 {
		b = append(b, `,"data":`...)
		b, err = appendRaw(b, a.Data, "")
	}
	return append(b, '}'), err
}

// appendRaw appends valid JSON data (or empty when data is empty).
func appendRaw(b, data []byte, empty string) ([]byte, error) {
	if len(data) == 0 {
		return append(b, empty...), nil
	}
	if !json.Valid(data) {
		return b, errBadData
	}
	return append(b, data...), nil
}

// appendString appends s as a JSON string. Room names, event types and
// ops are plain ASCII and are quoted as they are; anything else goes
// through encoding/json (its escapes, HTML characters included).
func appendString(b []byte, s string) []byte {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c < 0x20 || c >= 0x7f || c == '"' || c == '\\' || c == '<' || c == '>' || c == '&' {
			q, _ := json.Marshal(s)
			return append(b, q...)
		}
	}
	b = append(b, '"')
	b = append(b, s...)
	return append(b, '"')
}
