// Command minka is the Minka server and its maintenance tools.
//
//	minka [serve] [-addr :8080] [-db db/minka.sqlite]   start the server
//	minka backup [-db db/minka.sqlite] FILE             copy the live database
//	minka restore [-db db/minka.sqlite] FILE            bring a backup back
//	minka demo [-db db/minka.sqlite]                     load the demo workshops
//	minka field token|pull|push|bundle|import           field laptops (docs/FIELD.md)
//	minka check-room [-tables 8] [-phones 8]             can this laptop hold the workshop?
//	minka load [-scenarios …] [-targets minka,centrifugo] the load scenarios (BENCHMARKS.md)
//
// See README.md and docs/ for the other subcommands.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"log"
	"net/http"
	"os"
	"os/signal"
	"strconv"
	"strings"
	"syscall"
	"time"

	"github.com/minka-gob/minka"
	"github.com/minka-gob/minka/internal/export"
	"github.com/minka-gob/minka/internal/i18n"
	"github.com/minka-gob/minka/internal/live"
	"github.com/minka-gob/minka/internal/model"
	"github.com/minka-gob/minka/internal/netguard"
	"github.com/minka-gob/minka/internal/store"
	"github.com/minka-gob/minka/internal/tlsconf"
	"github.com/minka-gob/minka/internal/web"
)

func main() {
	err := run(os.Args[1:])
	switch {
	case err == nil, errors.Is(err, flag.ErrHelp): // -h has printed the flags
	default:
		fmt.Fprintln(os.Stderr, "minka:", i18n.ErrorText(i18n.Default, err))
		os.Exit(1)
	}
}

// run dispatches to a subcommand; "serve" is the default.
func run(args []string) error {
	cmd := "serve"
	if len(args) > 0 && args[0] != "" && args[0][0] != '-' {
		cmd, args = args[0], args[1:]
	}
	switch cmd {
	case "serve":
		return serve(args)
	case "backup":
		return backup(args)
	case "restore":
		return restore(args)
	case "demo":
		return demoCmd(args)
	case "export":
		return exportWorkbook(args)
	case "field":
		return fieldCmd(args)
	case "load":
		return load(args)
	case "check-room":
		return checkRoom(args)
	case "help", "-h", "--help":
		usage()
		return nil
	}
	usage()
	return fmt.Errorf("unknown command %q", cmd)
}

func usage() {
	fmt.Fprint(os.Stderr, `usage: minka <command> [flags]

commands:
  serve    start the server (default)
  backup   copy the database to a file, also while the server runs
  restore  replace the database with a backup (server stopped)
  demo     load the VI plan's five workshops with 167 sample participants (empty database only)
  export   write an Excel workbook of the process (or of one workshop)
  field    check a workshop out to a field laptop and bring it back (token, pull, push, bundle, import)
  check-room  before a workshop: can this laptop hold N tables of M phones? (a scratch server, loopback only)
  load     the load scenarios of BENCHMARKS.md, Minka next to Centrifugo, one JSON line per run

Run "minka <command> -h" for a command's flags.
`)
}

// env returns the environment variable or a default.
func env(name, def string) string {
	if v := os.Getenv(name); v != "" {
		return v
	}
	return def
}

// splitList splits a comma-separated flag into its non-empty items.
func splitList(s string) []string {
	var out []string
	for _, f := range strings.Split(s, ",") {
		if f = strings.TrimSpace(f); f != "" {
			out = append(out, f)
		}
	}
	return out
}

// envInt returns the environment variable as an integer, or a default.
func envInt(name string, def int) int {
	if n, err := strconv.Atoi(os.Getenv(name)); err == nil {
		return n
	}
	return def
}

func openStore(path string) (*store.Store, error) {
	st, err := store.Open(path, minka.Migrations, store.Options{})
	if err != nil {
		return nil, err
	}
	if err := st.Seed(context.Background()); err != nil {
		st.Close()
		return nil, err
	}
	return st, nil
}

func serve(args []string) error {
	fs := flag.NewFlagSet("serve", flag.ContinueOnError)
	addr := fs.String("addr", env("MINKA_ADDR", ":8080"), "plain HTTP listen address (with -acme-domain: only answers challenges and redirects to HTTPS); \"\" for none")
	dbPath := fs.String("db", env("MINKA_DB", "db/minka.sqlite"), "SQLite database file")
	exports := fs.String("exports", env("MINKA_EXPORTS", "exports"), "folder for generated workbooks")
	uploads := fs.String("uploads", env("MINKA_UPLOADS", "db/uploads"), "folder for uploaded prototype photos (served only through Minka)")
	publicURL := fs.String("public-url", os.Getenv("MINKA_PUBLIC_URL"), "base URL phones use to reach this server, for join QR codes (default: detected LAN address)")
	adminPassword := fs.String("admin-password", os.Getenv("MINKA_ADMIN_PASSWORD"), "password of the first admin account, created when none exists (random if empty)")
	secure := fs.Bool("secure-cookies", os.Getenv("MINKA_SECURE_COOKIES") == "1", "mark cookies Secure (behind HTTPS)")
	proxies := fs.String("trusted-proxies", os.Getenv("MINKA_TRUSTED_PROXIES"), "comma-separated IPs or CIDRs of reverse proxies whose X-Forwarded-* headers are believed (default: none)")
	maxConns := fs.Int("max-conns", envInt("MINKA_MAX_CONNS", netguard.Defaults.MaxConns), "open connections in total (HTTP and websockets)")
	maxConnsIP := fs.Int("max-conns-per-ip", envInt("MINKA_MAX_CONNS_PER_IP", netguard.Defaults.MaxConnsPerIP), "open connections from one address; -1: no cap (behind a proxy)")
	maxWS := fs.Int("max-ws", envInt("MINKA_MAX_WS", 2000), "open websockets (live screens) in total")
	maxWSIP := fs.Int("max-ws-per-ip", envInt("MINKA_MAX_WS_PER_IP", 32), "open websockets from one address; -1: no cap (behind a proxy)")
	tlsFlags := tlsFlagsOf(fs)
	if err := fs.Parse(args); err != nil {
		return err
	}
	tlsSetup, err := tlsFlags.setup()
	if err != nil {
		return err
	}
	if tlsSetup != nil && tlsSetup.Mode == tlsconf.ModeACME && *publicURL == "" {
		*publicURL = "https://" + tlsSetup.Hosts[0]
	}
	// Many systems start a process with 1024 open files: raise it to the
	// hard limit, and keep the connection cap under it.
	if n, err := netguard.RaiseFileLimit(); err != nil {
		log.Printf("could not raise the open-files limit: %v", err)
	} else if n > 0 && *maxConns > int(n)-256 {
		*maxConns = max(int(n)-256, 64)
		log.Printf("open-files limit %d: at most %d connections", n, *maxConns)
	}
	st, err := openStore(*dbPath)
	if err != nil {
		return err
	}
	defer st.Close()
	password, err := st.EnsureFirstAdmin(context.Background(), *adminPassword)
	if model.KindOf(err) == model.KindInvalid {
		return fmt.Errorf("-admin-password (MINKA_ADMIN_PASSWORD): %s", i18n.ErrorText(i18n.Default, err))
	}
	if err != nil {
		return err
	}
	if password != "" {
		log.Printf("created the first Secretariat account: user \"admin\", password %q (change it after logging in)", password)
	}
	app, srv, err := web.New(web.Config{Store: st, Templates: minka.Templates, Static: minka.Static, ExportsDir: *exports,
		UploadsDir: *uploads, PublicURL: *publicURL, SecureCookies: *secure,
		Sockets: live.Limits{MaxSockets: *maxWS, MaxSocketsPerIP: *maxWSIP}, TrustedProxies: splitList(*proxies),
		HSTS: tlsSetup != nil && tlsSetup.Mode != tlsconf.ModeLocal, TLSFingerprint: localFingerprint(tlsSetup)})
	if err != nil {
		return err
	}
	defer srv.CloseLive()
	ln, closeExtra, err := listen(*addr, tlsFlags.addr, tlsSetup, netguard.Limits{MaxConns: *maxConns, MaxConnsPerIP: *maxConnsIP})
	if err != nil {
		return err
	}
	defer closeExtra()
	errc := make(chan error, 1)
	go func() { errc <- app.Listener(ln) }()
	log.Printf("Minka listening on %s (database %s)", listening(*addr, tlsFlags.addr, tlsSetup), *dbPath)
	stop := make(chan os.Signal, 1)
	signal.Notify(stop, os.Interrupt, syscall.SIGTERM)
	select {
	case err := <-errc:
		if errors.Is(err, http.ErrServerClosed) {
			return nil
		}
		return err
	case <-stop:
		log.Print("shutting down")
		return app.ShutdownWithTimeout(10 * time.Second)
	}
}

// exportWorkbook writes a workbook, as the export page does, and prints its path.
func exportWorkbook(args []string) error {
	fs := flag.NewFlagSet("export", flag.ContinueOnError)
	dbPath := fs.String("db", env("MINKA_DB", "db/minka.sqlite"), "SQLite database file")
	out := fs.String("out", env("MINKA_EXPORTS", "exports"), "folder to write the workbook into, or a file name ending in .xlsx")
	workshop := fs.String("workshop", "", "id of the one workshop to export (default: the whole process)")
	public := fs.Bool("public", false, "public variant: no participant list and no personal data")
	lang := fs.String("lang", i18n.Default, "language of the workbook: es or en")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if _, err := os.Stat(*dbPath); err != nil {
		return fmt.Errorf("database: %w", err)
	}
	st, err := openStore(*dbPath)
	if err != nil {
		return err
	}
	defer st.Close()
	path, err := export.Save(context.Background(), st, *out,
		export.Request{WorkshopID: *workshop, Public: *public, Lang: *lang})
	if e, ok := model.AsError(err); ok {
		return errors.New(i18n.T(*lang, e.Msg.Key, e.Msg.Args...))
	}
	if err != nil {
		return err
	}
	fmt.Println(path)
	return nil
}
