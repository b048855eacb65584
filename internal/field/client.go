package field

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/google/uuid"

	"github.com/minka-gob/minka/internal/model"
	"github.com/minka-gob/minka/internal/store"
)

// Client is a field laptop talking to the national instance.
type Client struct {
	BaseURL string // e.g. https://minka.example.gob.pe
	Token   string // "<id>.<secret>"
	HTTP    *http.Client
	// ResumeFor is how long a push keeps retrying after a cut before giving up.
	ResumeFor time.Duration
	// Lang is the language of the national instance's messages (es or en).
	Lang string
	// Logf, when set, is told about cuts and resumes.
	Logf func(format string, args ...any)
}

// RemoteError is a refusal by the national instance, with its translated message.
type RemoteError struct {
	Status  int
	Kind    string
	Message string
}

func (e *RemoteError) Error() string { return e.Message }

func (c *Client) http() *http.Client {
	if c.HTTP != nil {
		return c.HTTP
	}
	return &http.Client{Timeout: 2 * time.Minute}
}

func (c *Client) logf(format string, args ...any) {
	if c.Logf != nil {
		c.Logf(format, args...)
	}
}

func (c *Client) url(workshopID string, parts ...string) string {
	u := strings.TrimRight(c.BaseURL, "/") + "/api/v1/field/workshops/" + url.PathEscape(workshopID)
	for _, p := range parts {
		u += "/" + url.PathEscape(p)
	}
	return u
}

// do sends a JSON request and decodes a JSON answer. A refusal (4xx) is a
// *RemoteError; a cut or a server error is any other error (worth retrying).
func (c *Client) do(ctx context.Context, method, u string, body, out any) error {
	var rd io.Reader
	if body != nil {
		b, err := json.Marshal(body)
		if err != nil {
			return err
		}
		rd = bytes.NewReader(b)
	}
	req, err := http.NewRequestWithContext(ctx, method, u, rd)
	if err != nil {
		return err
	}
	req.Header.Set("Authorization", "Bearer "+c.Token)
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Accept", "application/json")
	if c.Lang != "" {
		req.Header.Set("Accept-Language", c.Lang)
	}
	resp, err := c.http().Do(req)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	if resp.StatusCode >= 400 {
		var e struct {
			Error struct {
				Kind    string `json:"kind"`
				Message string `json:"message"`
			} `json:"error"`
		}
		b, _ := io.ReadAll(io.LimitReader(resp.Body, 1<<16))
		_ = json.Unmarshal(b, &e)
		if e.Error.Message == "" {
			e.Error.Message = fmt.Sprintf("HTTP %d", resp.StatusCode)
		}
		re := &RemoteError{Status: resp.StatusCode, Kind: e.Error.Kind, Message: e.Error.Message}
		if resp.StatusCode >= 500 {
			return fmt.Errorf("national instance: %w", re)
		}
		return re
	}
	if out == nil {
		return nil
	}
	return Decode(resp.Body, out)
}

// refused reports whether err is a refusal (not worth retrying).
func refused(err error) bool {
	var re *RemoteError
	return errors.As(err, &re) && re.Status < 500
}

// Pull checks workshopID out and stores it, with the process template, in
// st (a new database, or one holding the same process).
func (c *Client) Pull(ctx context.Context, st *store.Store, workshopID string) (PullResponse, error) {
	id, secret, err := ParseToken(c.Token)
	if err != nil {
		return PullResponse{}, err
	}
	checkoutID := uuid.NewString()
	if o, err := st.Origin(ctx); err == nil && o.WorkshopID == workshopID && o.ReturnedAt == nil {
		checkoutID = o.CheckoutID // asking again after a lost answer
	}
	var resp PullResponse
	err = c.retry(ctx, func() error {
		return c.do(ctx, http.MethodPost, c.url(workshopID, "checkout"), PullRequest{CheckoutID: checkoutID}, &resp)
	})
	if err != nil {
		return resp, err
	}
	o := store.FieldOrigin{NationalURL: c.BaseURL, WorkshopID: workshopID, TokenID: id, TokenSecret: secret, CheckoutID: checkoutID}
	return resp, st.ApplyFieldPull(ctx, o, resp.Template, resp.Workshop)
}

// retry runs fn until it succeeds, is refused, or ResumeFor has passed.
func (c *Client) retry(ctx context.Context, fn func() error) error {
	limit := c.ResumeFor
	if limit == 0 {
		limit = 10 * time.Minute
	}
	deadline := time.Now().Add(limit)
	wait := 200 * time.Millisecond
	for {
		err := fn()
		if err == nil || refused(err) || time.Now().After(deadline) || ctx.Err() != nil {
			return err
		}
		c.logf("field: %v; retrying in %s", err, wait)
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-time.After(wait):
		}
		wait = min(2*wait, 5*time.Second)
	}
}

// PushOptions tune a push.
type PushOptions struct {
	BatchRows int  // rows per batch (DefaultBatchRows if 0)
	Release   bool // end the checkout once verified
}

// Push sends the laptop's workshop to the national instance in numbered
// batches. After a cut it asks how far the national instance got and goes
// on from there; at the end it compares what was sent with what is stored.
func (c *Client) Push(ctx context.Context, st *store.Store, uploadsDir string, opt PushOptions) (Result, error) {
	var res Result
	o, err := st.Origin(ctx)
	if err != nil {
		return res, err
	}
	if c.Token == "" {
		c.Token = o.TokenID + "." + o.TokenSecret
	}
	if c.BaseURL == "" {
		c.BaseURL = o.NationalURL
	}
	tables, err := st.ReadFieldWorkshop(ctx, o.WorkshopID)
	if err != nil {
		return res, err
	}
	batches := Split(tables, opt.BatchRows)
	res.Batches = len(batches)
	pushID := uuid.NewString()
	push := c.url(o.WorkshopID, "checkouts", o.CheckoutID, "pushes", pushID)
	next := int64(1)
	for next <= int64(len(batches)) {
		b := batches[next-1]
		var ack store.FieldAck
		err := c.do(ctx, http.MethodPost, push+"/batches", b, &ack)
		if err == nil {
			if ack.Dup {
				res.ResentBatches++
			}
			next = ack.LastSeq + 1
			continue
		}
		if refused(err) {
			return res, err
		}
		// A cut: ask where the national instance is, then go on from there.
		c.logf("field: batch %d: %v; resuming", b.Seq, err)
		var state StateResponse
		if err := c.retry(ctx, func() error { return c.do(ctx, http.MethodGet, push, nil, &state) }); err != nil {
			return res, err
		}
		next = state.LastSeq + 1
		res.ResentBatches++
	}
	photos, err := c.pushPhotos(ctx, tables, uploadsDir, o.WorkshopID, o.CheckoutID)
	if err != nil {
		return res, err
	}
	m, err := store.ManifestOf(tables)
	if err != nil {
		return res, err
	}
	var fin Result
	err = c.retry(ctx, func() error {
		return c.do(ctx, http.MethodPost, push+"/finish", FinishRequest{Manifest: m, Photos: photos, Release: opt.Release}, &fin)
	})
	fin.Batches, fin.ResentBatches = res.Batches, res.ResentBatches
	if err != nil {
		return fin, err
	}
	if !fin.OK {
		return fin, model.Conflict("field.error.verify_failed")
	}
	return fin, st.MarkOriginPushed(ctx, fin.Released)
}

// pushPhotos sends every photo the workshop's prototypes name and returns
// their hashes.
func (c *Client) pushPhotos(ctx context.Context, tables []store.FieldRows, dir, workshopID, checkoutID string) (map[string]string, error) {
	out := map[string]string{}
	for _, name := range PhotoNames(tables) {
		data, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil {
			return nil, fmt.Errorf("field: photo %s: %w", name, err)
		}
		out[name] = fileHash(data)
		err = c.retry(ctx, func() error {
			return c.do(ctx, http.MethodPost, c.url(workshopID, "checkouts", checkoutID, "photos"), Photo{Name: name, Data: data}, nil)
		})
		if err != nil {
			return nil, err
		}
	}
	return out, nil
}

// PhotoNames lists the photo files the prototypes of tables name.
func PhotoNames(tables []store.FieldRows) []string {
	var out []string
	for _, t := range tables {
		if t.Table != "prototypes" {
			continue
		}
		i := -1
		for j, col := range t.Cols {
			if col == "photo_path" {
				i = j
			}
		}
		if i < 0 {
			continue
		}
		for _, r := range t.Rows {
			if s, ok := r[i].(string); ok && s != "" && photoName.MatchString(s) {
				out = append(out, s)
			}
		}
	}
	return out
}

// MakeBundle writes the laptop's workshop as a signed bundle file.
func MakeBundle(ctx context.Context, st *store.Store, uploadsDir string, w io.Writer, release bool) (*Bundle, error) {
	o, err := st.Origin(ctx)
	if err != nil {
		return nil, err
	}
	tables, err := st.ReadFieldWorkshop(ctx, o.WorkshopID)
	if err != nil {
		return nil, err
	}
	m, err := store.ManifestOf(tables)
	if err != nil {
		return nil, err
	}
	b := &Bundle{WorkshopID: o.WorkshopID, CheckoutID: o.CheckoutID, PushID: uuid.NewString(), CreatedAt: time.Now().UTC(),
		Release: release, Tables: tables, Manifest: m}
	names := PhotoNames(tables)
	if err := WriteBundle(w, o.TokenID, BundleKey(o.TokenSecret), b, uploadsDir, names); err != nil {
		return nil, err
	}
	for _, n := range names {
		b.Photos = append(b.Photos, Photo{Name: n}) // names only: the data went to the file
	}
	return b, nil
}

// PullLocal checks a workshop out of a national store into a laptop store
// in the same process, with the same checks and records as a pull over
// HTTP: the demo's dry run of two field laptops (`minka demo -field`).
func PullLocal(ctx context.Context, sv *Service, laptop *store.Store, nationalURL, token, workshopID string) error {
	t, err := sv.Authenticate(ctx, token, workshopID)
	if err != nil {
		return err
	}
	id, secret, err := ParseToken(token)
	if err != nil {
		return err
	}
	checkoutID := uuid.NewString()
	resp, err := sv.Pull(store.WithActor(ctx, Actor(t)), t, PullRequest{CheckoutID: checkoutID})
	if err != nil {
		return err
	}
	o := store.FieldOrigin{NationalURL: nationalURL, WorkshopID: workshopID, TokenID: id, TokenSecret: secret, CheckoutID: checkoutID}
	return laptop.ApplyFieldPull(ctx, o, resp.Template, resp.Workshop)
}
