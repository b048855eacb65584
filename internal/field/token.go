// Package field moves a workshop between a field laptop and the national
// instance (docs/FIELD.md): the tokens that scope a laptop to one workshop,
// the wire format of pull, push and bundles, the client a laptop runs and the
// service the national instance runs. SQL stays in internal/store; HTTP
// routes in internal/web.
package field

import (
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/base64"
	"encoding/hex"
	"strings"

	"github.com/google/uuid"

	"github.com/minka-gob/minka/internal/model"
)

// NewToken returns a new token's id, its secret and the text the
// Secretariat gives the field team ("<id>.<secret>"), shown once.
func NewToken() (id, secret, text string) {
	b := make([]byte, 32)
	if _, err := rand.Read(b); err != nil {
		panic(err)
	}
	id, secret = uuid.NewString(), base64.RawURLEncoding.EncodeToString(b)
	return id, secret, id + "." + secret
}

// ParseToken splits a token's text into its id and secret.
func ParseToken(text string) (id, secret string, err error) {
	id, secret, ok := strings.Cut(strings.TrimSpace(text), ".")
	if !ok || !model.IsUUID(id) || len(secret) < 20 {
		return "", "", model.Forbidden("field.error.token_invalid")
	}
	return id, secret, nil
}

// SecretHash is what the national instance stores to recognise a secret.
func SecretHash(secret string) string {
	sum := sha256.Sum256([]byte("minka-field-token\x00" + secret))
	return hex.EncodeToString(sum[:])
}

// BundleKey is the HMAC key of a token's bundles, derived from its secret:
// the national instance keeps it to verify bundles, and cannot recover the
// secret (which also authenticates pushes) from it.
func BundleKey(secret string) string {
	m := hmac.New(sha256.New, []byte(secret))
	m.Write([]byte("minka-field-bundle-v1"))
	return hex.EncodeToString(m.Sum(nil))
}

// checkSecret compares a secret with a stored hash in constant time.
func checkSecret(hash, secret string) bool {
	return subtle.ConstantTimeCompare([]byte(hash), []byte(SecretHash(secret))) == 1
}
