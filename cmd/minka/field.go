package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"log"
	"os"
	"path/filepath"
	"time"

	"github.com/minka-gob/minka"
	"github.com/minka-gob/minka/internal/field"
	"github.com/minka-gob/minka/internal/i18n"
	"github.com/minka-gob/minka/internal/model"
	"github.com/minka-gob/minka/internal/store"
)

// fieldCmd: minka field token|pull|push|bundle|import (docs/FIELD.md).
func fieldCmd(args []string) error {
	if len(args) == 0 {
		fieldUsage()
		return errors.New("field: name a subcommand")
	}
	sub, args := args[0], args[1:]
	var err error
	lang := env("MINKA_LANG", i18n.Default)
	switch sub {
	case "token":
		err = fieldToken(args)
	case "pull":
		err = fieldPull(args, lang)
	case "push":
		err = fieldPush(args, lang)
	case "bundle":
		err = fieldBundle(args)
	case "import":
		err = fieldImport(args)
	default:
		fieldUsage()
		return fmt.Errorf("field: unknown subcommand %q", sub)
	}
	if e, ok := model.AsError(err); ok {
		return errors.New(i18n.T(lang, e.Msg.Key, e.Msg.Args...))
	}
	return err
}

func fieldUsage() {
	fmt.Fprint(os.Stderr, `usage: minka field <subcommand> [flags]

On the national instance:
  token  -workshop ID [-label TEXT]     create a field token for one workshop (printed once)
  import FILE                           import a bundle brought on a USB stick
On a field laptop:
  pull URL WORKSHOP -token TOKEN        check the workshop out into a new database
  push [-release]                       bring the workshop back over the network (resumable)
  bundle -out FILE [-release]           write the workshop as a signed bundle file

Every subcommand takes -db (default db/minka.sqlite); push, bundle and import take -uploads.
See docs/FIELD.md.
`)
}

func fieldFlags(name string) (*flag.FlagSet, *string, *string) {
	fs := flag.NewFlagSet("field "+name, flag.ContinueOnError)
	db := fs.String("db", env("MINKA_DB", "db/minka.sqlite"), "SQLite database file")
	uploads := fs.String("uploads", env("MINKA_UPLOADS", "db/uploads"), "folder of prototype photos")
	return fs, db, uploads
}

// openFieldStore opens a database without seeding the process template: a
// field laptop gets the national instance's template at pull.
func openFieldStore(path string) (*store.Store, error) {
	if dir := filepath.Dir(path); dir != "" {
		if err := os.MkdirAll(dir, 0o755); err != nil {
			return nil, err
		}
	}
	return store.Open(path, minka.Migrations, store.Options{})
}

func fieldToken(args []string) error {
	fs, db, _ := fieldFlags("token")
	workshop := fs.String("workshop", "", "id of the workshop the token opens")
	label := fs.String("label", "", "a name for the laptop or team")
	if err := parseInterspersed(fs, args); err != nil {
		return err
	}
	st, err := openStore(*db)
	if err != nil {
		return err
	}
	defer st.Close()
	id, secret, text := field.NewToken()
	t := store.FieldToken{ID: id, WorkshopID: *workshop, Label: *label, SecretHash: field.SecretHash(secret), BundleKey: field.BundleKey(secret)}
	if err := st.CreateFieldToken(context.Background(), &t); err != nil {
		return err
	}
	fmt.Println(text)
	return nil
}

func fieldPull(args []string, lang string) error {
	fs, db, _ := fieldFlags("pull")
	token := fs.String("token", os.Getenv("MINKA_FIELD_TOKEN"), "the field token the Secretariat created")
	if err := parseInterspersed(fs, args); err != nil {
		return err
	}
	if fs.NArg() != 2 {
		fieldUsage()
		return errors.New("field pull: give the national instance's URL and the workshop id")
	}
	st, err := openFieldStore(*db)
	if err != nil {
		return err
	}
	defer st.Close()
	c := &field.Client{BaseURL: fs.Arg(0), Token: *token, Lang: lang, ResumeFor: time.Minute, Logf: log.Printf}
	resp, err := c.Pull(context.Background(), st, fs.Arg(1))
	if err != nil {
		return err
	}
	rows := 0
	for _, t := range resp.Workshop {
		rows += len(t.Rows)
	}
	fmt.Printf("workshop %s checked out into %s (%d records). Run: minka serve -db %s\n", resp.WorkshopID, *db, rows, *db)
	return nil
}

func fieldPush(args []string, lang string) error {
	fs, db, uploads := fieldFlags("push")
	release := fs.Bool("release", false, "end the checkout once the push is verified (the workshop becomes editable on the national instance)")
	batch := fs.Int("batch", field.DefaultBatchRows, "records per batch")
	resumeFor := fs.Duration("resume-for", 30*time.Minute, "how long to keep resuming after the network is cut")
	if err := parseInterspersed(fs, args); err != nil {
		return err
	}
	st, err := openFieldStore(*db)
	if err != nil {
		return err
	}
	defer st.Close()
	c := &field.Client{Lang: lang, ResumeFor: *resumeFor, Logf: log.Printf}
	res, err := c.Push(context.Background(), st, *uploads, field.PushOptions{BatchRows: *batch, Release: *release})
	if err != nil {
		return err
	}
	printResult(res)
	return nil
}

func printResult(res field.Result) {
	total := 0
	for _, n := range res.Counts {
		total += n
	}
	fmt.Printf("verified: %d records (%d batches, %d resent), %d/%d photos, digest %s\n",
		total, res.Batches, res.ResentBatches, res.PhotosStored, res.Photos, res.Digest)
	if res.Released {
		fmt.Println("the workshop is back on the national instance (checkout ended)")
	}
}

func fieldBundle(args []string) error {
	fs, db, uploads := fieldFlags("bundle")
	out := fs.String("out", "", "bundle file to write (must not exist)")
	release := fs.Bool("release", false, "end the checkout when the bundle is imported")
	if err := parseInterspersed(fs, args); err != nil {
		return err
	}
	if *out == "" {
		return errors.New("field bundle: name the file with -out")
	}
	st, err := openFieldStore(*db)
	if err != nil {
		return err
	}
	defer st.Close()
	f, err := os.OpenFile(*out, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if err != nil {
		return err
	}
	b, err := field.MakeBundle(context.Background(), st, *uploads, f, *release)
	if err == nil {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		os.Remove(*out)
		return err
	}
	if err := st.MarkOriginBundled(context.Background()); err != nil {
		return err
	}
	rows := 0
	for _, t := range b.Tables {
		rows += len(t.Rows)
	}
	fmt.Printf("bundle written to %s: %d records, %d photos\n", *out, rows, len(b.Photos))
	return nil
}

func fieldImport(args []string) error {
	fs, db, uploads := fieldFlags("import")
	if err := parseInterspersed(fs, args); err != nil {
		return err
	}
	if fs.NArg() != 1 {
		return errors.New("field import: name one bundle file")
	}
	data, err := os.ReadFile(fs.Arg(0))
	if err != nil {
		return err
	}
	st, err := openStore(*db)
	if err != nil {
		return err
	}
	defer st.Close()
	sv := &field.Service{Store: st, UploadsDir: *uploads}
	res, _, err := sv.ImportBundle(context.Background(), data)
	if err != nil {
		return err
	}
	printResult(res)
	return nil
}
