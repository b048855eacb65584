package web

import (
	"crypto/sha256"
	"encoding/hex"
	"io/fs"
	"strings"
)

// assetVersions maps each static file to a short hash of its content so that
// pages link to "/static/css/minka.css?v=ab12cd34": browsers cache assets for
// long, yet never run yesterday's JavaScript after an update.
type assetVersions struct {
	hash map[string]string
}

func hashAssets(fsys fs.FS) (*assetVersions, error) {
	a := &assetVersions{hash: map[string]string{}}
	err := fs.WalkDir(fsys, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := fs.ReadFile(fsys, p)
		if err != nil {
			return err
		}
		sum := sha256.Sum256(b)
		a.hash[p] = hex.EncodeToString(sum[:4])
		return nil
	})
	return a, err
}

// url returns the versioned URL of a static file.
func (a *assetVersions) url(name string) string {
	name = strings.TrimPrefix(name, "/")
	if h, ok := a.hash[name]; ok {
		return "/static/" + name + "?v=" + h
	}
	return "/static/" + name
}
