// Package model holds Minka's domain types and their validation. It depends
// on nothing else in Minka: forms, the JSON API and websocket messages all
// validate through the same methods here, so there is one rule per field.
package model

import (
	"errors"
	"fmt"
	"sort"
	"strings"
)

// Kind classifies an error so that every outside layer (HTML pages, the JSON
// API, websocket frames) maps it the same way: to a status code and a
// translated message.
type Kind string

// The small set of error kinds Minka uses.
const (
	KindInvalid   Kind = "invalid"
	KindNotFound  Kind = "not_found"
	KindForbidden Kind = "forbidden"
	KindConflict  Kind = "conflict"
)

// Msg is a translatable message: an i18n key and its arguments.
type Msg struct {
	Key  string `json:"key"`
	Args []any  `json:"args,omitempty"`
}

// FieldErrors maps a field name to what is wrong with it.
type FieldErrors map[string]Msg

// Error is an application error with a kind, a message key and, for invalid
// input, the message of every bad field.
type Error struct {
	Kind   Kind
	Msg    Msg
	Fields FieldErrors
}

func (e *Error) Error() string {
	if len(e.Fields) == 0 {
		return fmt.Sprintf("%s: %s", e.Kind, e.Msg.Key)
	}
	names := make([]string, 0, len(e.Fields))
	for f, m := range e.Fields {
		names = append(names, f+"="+m.Key)
	}
	sort.Strings(names)
	return fmt.Sprintf("%s: %s (%s)", e.Kind, e.Msg.Key, strings.Join(names, ", "))
}

// NotFound reports that a record does not exist.
func NotFound(key string) error {
	return &Error{Kind: KindNotFound, Msg: Msg{Key: key}}
}

// Forbidden reports that the caller may not do this.
func Forbidden(key string) error {
	return &Error{Kind: KindForbidden, Msg: Msg{Key: key}}
}

// Conflict reports that the request clashes with the current state (a stale
// version, a duplicate number, a closed stage).
func Conflict(key string, args ...any) error {
	return &Error{Kind: KindConflict, Msg: Msg{Key: key, Args: args}}
}

// Invalid reports bad input, field by field.
func Invalid(fields FieldErrors) error {
	return &Error{Kind: KindInvalid, Msg: Msg{Key: "error.invalid"}, Fields: fields}
}

// InvalidMsg reports bad input that is not about one field.
func InvalidMsg(key string, args ...any) error {
	return &Error{Kind: KindInvalid, Msg: Msg{Key: key, Args: args}}
}

// ErrNotFound is the generic "no such record".
var ErrNotFound = NotFound("error.not_found")

// KindOf returns the kind of err, or "" for an unexpected (internal) error.
func KindOf(err error) Kind {
	var e *Error
	if errors.As(err, &e) {
		return e.Kind
	}
	return ""
}

// AsError returns err as an *Error when it is one.
func AsError(err error) (*Error, bool) {
	var e *Error
	ok := errors.As(err, &e)
	return e, ok
}
