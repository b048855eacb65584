package field

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/minka-gob/minka/internal/model"
	"github.com/minka-gob/minka/internal/store"
)

// A bundle is a push on a USB stick: one file holding a workshop's records,
// their manifest and its photos, signed with HMAC-SHA256 under the token's
// bundle key. Its layout:
//
//	MINKA-FIELD-BUNDLE 1\n
//	<token id>\n
//	<hex HMAC-SHA256 of everything after this line>\n
//	<gzip of the Bundle as JSON>
const bundleMagic = "MINKA-FIELD-BUNDLE 1"

// maxBundleJSON bounds a bundle once decompressed (records and photos).
const maxBundleJSON = 2 << 30

// Bundle is the content of a bundle file.
type Bundle struct {
	WorkshopID string              `json:"workshop_id"`
	CheckoutID string              `json:"checkout_id"`
	PushID     string              `json:"push_id"`
	CreatedAt  time.Time           `json:"created_at"`
	Release    bool                `json:"release"`
	Tables     []store.FieldRows   `json:"tables"`
	Manifest   store.FieldManifest `json:"manifest"`
	Photos     []Photo             `json:"photos"`
}

// WriteBundle writes b to w, signed with the key of token tokenID. The
// photos named by photoNames are read from dir one at a time, after b's
// records: the body goes through gzip into a temporary file, signed as it
// is written, so no photo is held in memory longer than its own encoding.
func WriteBundle(w io.Writer, tokenID, bundleKey string, b *Bundle, dir string, photoNames []string) error {
	tmp, err := os.CreateTemp("", "minka-bundle-*")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name())
	defer tmp.Close()
	mac := hmac.New(sha256.New, []byte(bundleKey))
	zw := gzip.NewWriter(io.MultiWriter(tmp, mac))
	// The bundle without its photos (omitted), then "photos": one by one.
	meta, err := json.Marshal(struct {
		*Bundle
		Photos []Photo `json:"photos,omitempty"`
	}{Bundle: b})
	if err != nil {
		return err
	}
	if _, err := zw.Write(append(meta[:len(meta)-1], `,"photos":[`...)); err != nil {
		return err
	}
	photos := append([]Photo(nil), b.Photos...)
	for i, name := range photoNames {
		data, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil {
			return fmt.Errorf("field: photo %s: %w", name, err)
		}
		pj, err := json.Marshal(Photo{Name: name, Data: data})
		if err != nil {
			return err
		}
		if i > 0 || len(photos) > 0 {
			zw.Write([]byte(","))
		}
		if _, err := zw.Write(pj); err != nil {
			return err
		}
	}
	for i, p := range photos {
		pj, err := json.Marshal(p)
		if err != nil {
			return err
		}
		if i > 0 {
			zw.Write([]byte(","))
		}
		zw.Write(pj)
	}
	if _, err := zw.Write([]byte("]}\n")); err != nil {
		return err
	}
	if err := zw.Close(); err != nil {
		return err
	}
	if _, err := fmt.Fprintf(w, "%s\n%s\n%s\n", bundleMagic, tokenID, hex.EncodeToString(mac.Sum(nil))); err != nil {
		return err
	}
	if _, err := tmp.Seek(0, io.SeekStart); err != nil {
		return err
	}
	_, err = io.Copy(w, tmp)
	return err
}

func sign(key string, body []byte) string {
	m := hmac.New(sha256.New, []byte(key))
	m.Write(body)
	return hex.EncodeToString(m.Sum(nil))
}

// BundleToken returns the token id a bundle names, before anything is trusted.
func BundleToken(data []byte) (string, error) {
	id, _, _, err := splitBundle(data)
	return id, err
}

func splitBundle(data []byte) (tokenID, mac string, body []byte, err error) {
	bad := model.InvalidMsg("field.error.bundle_format")
	r := bufio.NewReader(bytes.NewReader(data))
	var lines [3]string
	n := 0
	for i := range lines {
		l, err := r.ReadString('\n')
		if err != nil || len(l) > 200 {
			return "", "", nil, bad
		}
		n += len(l)
		lines[i] = strings.TrimSuffix(l, "\n")
	}
	if lines[0] != bundleMagic || !model.IsUUID(lines[1]) || len(lines[2]) != 64 {
		return "", "", nil, bad
	}
	return lines[1], lines[2], data[n:], nil
}

// ReadBundle checks a bundle's signature with bundleKey and only then
// decodes it. A bundle changed by even one byte, or signed with another
// token's key, is refused whole.
func ReadBundle(data []byte, bundleKey string) (*Bundle, error) {
	_, mac, body, err := splitBundle(data)
	if err != nil {
		return nil, err
	}
	if !hmac.Equal([]byte(mac), []byte(sign(bundleKey, body))) {
		return nil, model.Forbidden("field.error.bundle_signature")
	}
	zr, err := gzip.NewReader(bytes.NewReader(body))
	if err != nil {
		return nil, model.InvalidMsg("field.error.bundle_format")
	}
	var b Bundle
	if err := Decode(io.LimitReader(zr, maxBundleJSON), &b); err != nil {
		return nil, model.InvalidMsg("field.error.bundle_format")
	}
	return &b, nil
}
