package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"os"
	"strings"

	"github.com/minka-gob/minka"
	"github.com/minka-gob/minka/internal/store"
)

// backup: minka backup [-db FILE] BACKUP — a consistent copy of the live
// database, safe while the server runs.
func backup(args []string) error {
	fs := flag.NewFlagSet("backup", flag.ContinueOnError)
	dbPath := fs.String("db", env("MINKA_DB", "db/minka.sqlite"), "SQLite database file to copy")
	fs.Usage = func() {
		fmt.Fprintln(fs.Output(), "usage: minka backup [-db FILE] BACKUP-FILE\n\nCopies the database (also while the server runs) to BACKUP-FILE, which must not exist.")
		fs.PrintDefaults()
	}
	if err := parseInterspersed(fs, args); err != nil {
		return err
	}
	if fs.NArg() != 1 {
		fs.Usage()
		return errors.New("backup: name one backup file")
	}
	dst := fs.Arg(0)
	if err := store.BackupFile(context.Background(), *dbPath, dst); err != nil {
		return err
	}
	info, err := store.VerifyBackup(context.Background(), dst, minka.Migrations)
	if err != nil {
		return fmt.Errorf("backup: the copy does not verify: %w", err)
	}
	fmt.Fprintf(os.Stdout, "backup written to %s (schema %s)\n", dst, last(info.Versions))
	return nil
}

// restore: minka restore [-db FILE] BACKUP — replace the database with a backup.
func restore(args []string) error {
	fs := flag.NewFlagSet("restore", flag.ContinueOnError)
	dbPath := fs.String("db", env("MINKA_DB", "db/minka.sqlite"), "SQLite database file to replace")
	fs.Usage = func() {
		fmt.Fprintln(fs.Output(), "usage: minka restore [-db FILE] BACKUP-FILE\n\nReplaces the database with BACKUP-FILE after checking it. Stop the server first;\nthe replaced database is kept beside it as FILE.<time>.bak.")
		fs.PrintDefaults()
	}
	if err := parseInterspersed(fs, args); err != nil {
		return err
	}
	if fs.NArg() != 1 {
		fs.Usage()
		return errors.New("restore: name one backup file")
	}
	res, err := store.Restore(context.Background(), fs.Arg(0), *dbPath, minka.Migrations)
	if err != nil {
		return err
	}
	fmt.Fprintf(os.Stdout, "restored %s from %s (schema %s)\n", *dbPath, fs.Arg(0), last(res.Versions))
	if res.Previous != "" {
		fmt.Fprintf(os.Stdout, "the replaced database is kept as %s\n", res.Previous)
	}
	if len(res.Pending) > 0 {
		fmt.Fprintf(os.Stdout, "the next start will update it with: %s\n", strings.Join(res.Pending, ", "))
	}
	return nil
}

// parseInterspersed lets flags come after the file name too ("minka backup x.sqlite -db y").
func parseInterspersed(fs *flag.FlagSet, args []string) error {
	var pos []string
	for {
		if err := fs.Parse(args); err != nil {
			return err
		}
		if fs.NArg() == 0 {
			break
		}
		pos = append(pos, fs.Arg(0))
		args = fs.Args()[1:]
	}
	return fs.Parse(pos)
}

func last(xs []string) string {
	if len(xs) == 0 {
		return "?"
	}
	return xs[len(xs)-1]
}
