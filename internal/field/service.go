package field

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"net/http"
	"os"
	"path/filepath"
	"regexp"

	"github.com/minka-gob/minka/internal/model"
	"github.com/minka-gob/minka/internal/store"
)

// MaxPhotoBytes bounds a prototype photo brought back from the field (the
// same bound as an upload at the venue).
const MaxPhotoBytes = 5 << 20

// photoName is how Minka names stored photos: a UUID and an image extension.
var photoName = regexp.MustCompile(`^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\.(jpg|png|webp)$`)

var photoExt = map[string]string{"image/jpeg": ".jpg", "image/png": ".png", "image/webp": ".webp"}

// Service is the national instance's side: it checks tokens, hands out
// checkouts and applies what laptops bring back.
type Service struct {
	Store      *store.Store
	UploadsDir string
}

// Authenticate checks a token's text and that it is for workshopID: a
// token opens one workshop only.
func (sv *Service) Authenticate(ctx context.Context, text, workshopID string) (store.FieldToken, error) {
	id, secret, err := ParseToken(text)
	if err != nil {
		return store.FieldToken{}, err
	}
	t, err := sv.Store.FieldTokenByID(ctx, id)
	if err != nil || !checkSecret(t.SecretHash, secret) {
		return store.FieldToken{}, model.Forbidden("field.error.token_invalid")
	}
	if t.RevokedAt != nil {
		return store.FieldToken{}, model.Forbidden("field.error.token_revoked")
	}
	if t.WorkshopID != workshopID {
		return store.FieldToken{}, model.Forbidden("field.error.other_workshop")
	}
	return t, nil
}

// Actor is who a token's requests are in the audit log.
func Actor(t store.FieldToken) store.Actor { return store.Actor{Role: "field", ID: t.ID} }

// Pull checks the workshop out (once) and returns what the laptop copies.
func (sv *Service) Pull(ctx context.Context, t store.FieldToken, req PullRequest) (PullResponse, error) {
	if err := sv.Store.CheckoutWorkshop(ctx, t.ID, t.WorkshopID, req.CheckoutID); err != nil {
		return PullResponse{}, err
	}
	tpl, err := sv.Store.ReadFieldTemplate(ctx)
	if err != nil {
		return PullResponse{}, err
	}
	ws, err := sv.Store.ReadFieldWorkshop(ctx, t.WorkshopID)
	if err != nil {
		return PullResponse{}, err
	}
	return PullResponse{WorkshopID: t.WorkshopID, CheckoutID: req.CheckoutID, Template: tpl, Workshop: ws}, nil
}

// State returns how far a push got.
func (sv *Service) State(ctx context.Context, t store.FieldToken, checkoutID, pushID string) (StateResponse, error) {
	last, err := sv.Store.FieldPushState(ctx, t.ID, checkoutID, pushID)
	return StateResponse{LastSeq: last}, err
}

// ApplyBatch applies one batch after checking that it arrived as it was sent.
func (sv *Service) ApplyBatch(ctx context.Context, t store.FieldToken, checkoutID, pushID string, b Batch) (store.FieldAck, error) {
	if Digest(b.Tables) != b.Digest {
		return store.FieldAck{Seq: b.Seq}, model.InvalidMsg("field.error.digest")
	}
	return sv.Store.ApplyFieldBatch(ctx, store.FieldBatch{TokenID: t.ID, CheckoutID: checkoutID, PushID: pushID,
		Kind: "push", Seq: b.Seq, Digest: b.Digest, Tables: b.Tables})
}

// PutPhoto stores a photo of one of the workshop's prototypes. Sending it
// again changes nothing.
func (sv *Service) PutPhoto(ctx context.Context, t store.FieldToken, p Photo) (created bool, err error) {
	if !photoName.MatchString(p.Name) {
		return false, model.InvalidMsg("field.error.photo")
	}
	tableID, err := sv.Store.PrototypePhoto(ctx, p.Name)
	if err != nil {
		return false, model.InvalidMsg("field.error.photo")
	}
	info, err := sv.Store.TableInfo(ctx, tableID)
	if err != nil || info.WorkshopID != t.WorkshopID {
		return false, model.Forbidden("field.error.foreign_rows")
	}
	return sv.writePhoto(p)
}

// writePhoto writes a photo durably under its name unless it is there
// already with the same content.
func (sv *Service) writePhoto(p Photo) (bool, error) {
	if len(p.Data) == 0 || len(p.Data) > MaxPhotoBytes ||
		photoExt[http.DetectContentType(p.Data)] != filepath.Ext(p.Name) {
		return false, model.InvalidMsg("field.error.photo")
	}
	path := filepath.Join(sv.UploadsDir, p.Name)
	if old, err := os.ReadFile(path); err == nil {
		if bytes.Equal(old, p.Data) {
			return false, nil
		}
		return false, model.Conflict("field.error.photo_differs")
	}
	if err := os.MkdirAll(sv.UploadsDir, 0o755); err != nil {
		return false, err
	}
	tmp, err := os.CreateTemp(sv.UploadsDir, ".field-*")
	if err != nil {
		return false, err
	}
	defer os.Remove(tmp.Name())
	_, err = tmp.Write(p.Data)
	if err == nil {
		err = tmp.Sync()
	}
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return false, err
	}
	return true, os.Rename(tmp.Name(), path)
}

// Finish compares the manifest and the photos with what is stored.
func (sv *Service) Finish(ctx context.Context, t store.FieldToken, checkoutID, pushID string, req FinishRequest) (Result, error) {
	var res Result
	res.Photos = len(req.Photos)
	res.PhotosStored = sv.photosStored(req.Photos)
	release := req.Release && res.PhotosStored == res.Photos
	v, err := sv.Store.FinishFieldPush(ctx, t.ID, checkoutID, pushID, req.Manifest, release)
	res.FieldVerification = v
	res.OK = v.OK && res.PhotosStored == res.Photos
	res.Released = release && v.OK
	return res, err
}

func (sv *Service) photosStored(photos map[string]string) int {
	n := 0
	for name, sum := range photos {
		if !photoName.MatchString(name) {
			continue
		}
		b, err := os.ReadFile(filepath.Join(sv.UploadsDir, name))
		if err == nil && fileHash(b) == sum {
			n++
		}
	}
	return n
}

func fileHash(b []byte) string {
	s := sha256.Sum256(b)
	return hex.EncodeToString(s[:])
}

// ImportBundle checks a bundle's signature and scope and applies it whole:
// its photos first, then its records and their verification in one
// transaction. A refused bundle leaves nothing behind.
func (sv *Service) ImportBundle(ctx context.Context, data []byte) (Result, store.FieldToken, error) {
	var res Result
	tokenID, err := BundleToken(data)
	if err != nil {
		return res, store.FieldToken{}, err
	}
	t, err := sv.Store.FieldTokenByID(ctx, tokenID)
	if err != nil {
		return res, t, model.Forbidden("field.error.bundle_signature")
	}
	b, err := ReadBundle(data, t.BundleKey)
	if err != nil {
		return res, t, err
	}
	if t.RevokedAt != nil {
		return res, t, model.Forbidden("field.error.token_revoked")
	}
	if b.WorkshopID != t.WorkshopID {
		return res, t, model.Forbidden("field.error.other_workshop")
	}
	var created []string
	undo := func() {
		for _, n := range created {
			os.Remove(filepath.Join(sv.UploadsDir, n))
		}
	}
	sums := map[string]string{}
	for _, p := range b.Photos {
		if !photoName.MatchString(p.Name) || !photoOfBundle(b, p.Name) {
			undo()
			return res, t, model.InvalidMsg("field.error.photo")
		}
		ok, err := sv.writePhoto(p)
		if err != nil {
			undo()
			return res, t, err
		}
		if ok {
			created = append(created, p.Name)
		}
		sums[p.Name] = fileHash(p.Data)
	}
	if store.ActorFrom(ctx).Role == "" {
		ctx = store.WithActor(ctx, Actor(t)) // a command-line import: the token is the author
	}
	v, err := sv.Store.ImportFieldBundle(ctx, t.ID, b.CheckoutID, b.PushID, b.Tables, b.Manifest, b.Release)
	if err != nil {
		undo()
		return res, t, err
	}
	res.FieldVerification = v
	res.Photos, res.PhotosStored = len(b.Photos), sv.photosStored(sums)
	res.Released = b.Release
	return res, t, nil
}

// photoOfBundle reports whether a prototype row of the bundle names the photo.
func photoOfBundle(b *Bundle, name string) bool {
	for _, t := range b.Tables {
		if t.Table != "prototypes" {
			continue
		}
		i := -1
		for j, c := range t.Cols {
			if c == "photo_path" {
				i = j
			}
		}
		for _, r := range t.Rows {
			if i >= 0 && r[i] == name {
				return true
			}
		}
	}
	return false
}
