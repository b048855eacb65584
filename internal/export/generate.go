package export

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"time"

	"github.com/minka-gob/minka/internal/i18n"
	"github.com/minka-gob/minka/internal/model"
)

// Source gives the rows of a report: the whole process when workshopID is
// empty, else one workshop. *store.Store is a Source; the interface keeps
// this package free of the database.
type Source interface {
	Report(ctx context.Context, workshopID string) (*model.Report, error)
}

// Request is what a Secretariat member asks for on the export page or with
// `minka export`.
type Request struct {
	WorkshopID string
	Public     bool
	Lang       string
	Now        time.Time // time of generation (now if zero)
}

// Save builds the workbook asked for and writes it to out: into that folder
// under FileName when out is a folder (created if needed), or to that very
// file when out ends in ".xlsx". It returns the path written. The file
// appears complete or not at all: it is written under a temporary name first.
func Save(ctx context.Context, src Source, out string, req Request) (string, error) {
	if req.Now.IsZero() {
		req.Now = time.Now()
	}
	r, err := src.Report(ctx, req.WorkshopID)
	if err != nil {
		return "", err
	}
	dir, target := out, ""
	if strings.EqualFold(filepath.Ext(out), ".xlsx") {
		dir, target = filepath.Dir(out), out
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return "", err
	}
	tmp, err := os.CreateTemp(dir, ".minka-export-*.tmp")
	if err != nil {
		return "", err
	}
	defer os.Remove(tmp.Name())
	err = Write(tmp, r, Options{Lang: req.Lang, GeneratedAt: req.Now, Public: req.Public})
	if err == nil {
		err = tmp.Sync()
	}
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return "", err
	}
	if target != "" {
		return target, os.Rename(tmp.Name(), target)
	}
	return link(tmp.Name(), dir, FileName(r, req))
}

// link gives the finished file its name without ever replacing an existing
// export: a hard link fails when the name is taken, and then "-2", "-3", …
// is tried.
func link(tmp, dir, name string) (string, error) {
	base := strings.TrimSuffix(name, ".xlsx")
	for i := 1; i < 100; i++ {
		path := filepath.Join(dir, name)
		err := os.Link(tmp, path)
		if err == nil {
			return path, nil
		}
		if !errors.Is(err, fs.ErrExist) {
			return "", err
		}
		name = fmt.Sprintf("%s-%d.xlsx", base, i+1)
	}
	return "", fmt.Errorf("export: no free file name for %s", base)
}

// FileName is the name of a generated workbook: what, which variant, when
// (Lima time), e.g. minka-proceso-2026-11-23T150405.xlsx,
// minka-taller-lima-justicia-abierta-publico-2026-11-23T150405.xlsx.
func FileName(r *model.Report, req Request) string {
	lang := i18n.Supported(req.Lang)
	parts := []string{"minka"}
	if r.Workshop == nil {
		parts = append(parts, i18n.T(lang, "export.file.process"))
	} else {
		parts = append(parts, i18n.T(lang, "export.file.workshop"), slug(r.Workshop.Label()))
	}
	if req.Public {
		parts = append(parts, i18n.T(lang, "export.file.public"))
	}
	parts = append(parts, req.Now.In(i18n.Lima).Format("2006-01-02T150405"))
	return strings.Join(parts, "-") + ".xlsx"
}

var accents = strings.NewReplacer("á", "a", "é", "e", "í", "i", "ó", "o", "ú", "u", "ü", "u", "ñ", "n",
	"Á", "a", "É", "e", "Í", "i", "Ó", "o", "Ú", "u", "Ü", "u", "Ñ", "n")

// slug is s in lower-case ASCII letters, digits and dashes.
func slug(s string) string {
	s = strings.ToLower(accents.Replace(s))
	var b strings.Builder
	dash := false
	for _, r := range s {
		if (r >= 'a' && r <= 'z') || (r >= '0' && r <= '9') {
			b.WriteRune(r)
			dash = false
		} else if !dash && b.Len() > 0 {
			b.WriteByte('-')
			dash = true
		}
	}
	return strings.TrimSuffix(b.String(), "-")
}

// validName matches the names FileName produces (and nothing with a path in it).
var validName = regexp.MustCompile(`^minka-[a-z0-9-]+T[0-9]{6}(-[0-9]+)?\.xlsx$`)

// ValidName reports whether name may be served from the exports folder.
func ValidName(name string) bool { return validName.MatchString(name) }

// File is a generated workbook in the exports folder.
type File struct {
	Name    string
	Size    int64
	ModTime time.Time
}

// List returns the workbooks in dir, newest first. A missing folder is an empty list.
func List(dir string) ([]File, error) {
	entries, err := os.ReadDir(dir)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	var files []File
	for _, e := range entries {
		if !e.Type().IsRegular() || !ValidName(e.Name()) {
			continue
		}
		info, err := e.Info()
		if err != nil {
			continue // removed meanwhile
		}
		files = append(files, File{Name: e.Name(), Size: info.Size(), ModTime: info.ModTime()})
	}
	sort.Slice(files, func(i, j int) bool {
		if !files[i].ModTime.Equal(files[j].ModTime) {
			return files[i].ModTime.After(files[j].ModTime)
		}
		return files[i].Name > files[j].Name
	})
	return files, nil
}

// ParticipantsFileName names a participant CSV, e.g.
// minka-participantes-piura-2026-11-23T150405.csv; workshop is the
// workshop's label, or empty for the whole process.
func ParticipantsFileName(workshop, lang string, now time.Time) string {
	parts := []string{"minka", i18n.T(i18n.Supported(lang), "export.file.participants")}
	if workshop != "" {
		parts = append(parts, slug(workshop))
	}
	parts = append(parts, now.In(i18n.Lima).Format("2006-01-02T150405"))
	return strings.Join(parts, "-") + ".csv"
}

// RemoveAll deletes every workbook in dir (when a person's data is erased,
// the workbooks made before hold it). It returns how many it deleted.
func RemoveAll(dir string) (int, error) {
	files, err := List(dir)
	if err != nil {
		return 0, err
	}
	n := 0
	for _, f := range files {
		if err := os.Remove(filepath.Join(dir, f.Name)); err != nil && !errors.Is(err, fs.ErrNotExist) {
			return n, err
		}
		n++
	}
	return n, nil
}
