// Package web is Minka's HTTP side: Fiber routes, one file per user action,
// server-rendered templates, the JSON API under /api/v1, sessions and the
// mapping of domain errors to status codes and translated messages.
package web

import (
	"io/fs"
	"log"
	"net/http"
	"time"

	"github.com/gofiber/fiber/v2"
	"github.com/gofiber/template/html/v2"

	"github.com/minka-gob/minka/internal/live"
	"github.com/minka-gob/minka/internal/store"
)

// Config is what the server needs from the outside.
type Config struct {
	Store      *store.Store
	Templates  fs.FS // holds templates/…
	Static     fs.FS // holds static/…
	ExportsDir string
	// UploadsDir holds uploaded prototype photos, served only through a handler.
	UploadsDir string
	// PublicURL, when set, is the base of the links in join QR codes
	// (e.g. http://192.168.1.10:8080); otherwise the LAN address is detected.
	PublicURL string
	// SecureCookies marks cookies Secure (set when served over HTTPS).
	SecureCookies bool
	// Logger receives request errors; nil means the standard logger.
	Logger *log.Logger
	// RateLimits bound failed logins, code entries and link guesses (zero: defaults).
	RateLimits RateLimits
	// Sockets bound the websockets per client address and in total (zero: defaults).
	Sockets live.Limits
}

// Server holds the dependencies every handler uses.
type Server struct {
	cfg    Config
	store  *store.Store
	assets *assetVersions
	log    *log.Logger
	limits *rateLimits
	live   *live.Server
}

// sessionTTL is how long a login or table join lasts: a workshop day and then some.
const sessionTTL = 14 * time.Hour

// bodyLimit bounds every request body; uploads have their own, lower, checks.
const bodyLimit = 8 << 20

// New builds the Fiber app with every route mounted.
func New(cfg Config) (*fiber.App, *Server, error) {
	s := &Server{cfg: cfg, store: cfg.Store, log: cfg.Logger, limits: newRateLimits(cfg.RateLimits, time.Now)}
	if s.log == nil {
		s.log = log.Default()
	}
	staticFS, err := fs.Sub(cfg.Static, "static")
	if err != nil {
		return nil, nil, err
	}
	s.assets, err = hashAssets(staticFS)
	if err != nil {
		return nil, nil, err
	}
	templatesFS, err := fs.Sub(cfg.Templates, "templates")
	if err != nil {
		return nil, nil, err
	}
	engine := html.NewFileSystem(http.FS(templatesFS), ".html")
	engine.AddFuncMap(s.templateFuncs())
	app := fiber.New(fiber.Config{
		Views:                 engine,
		ErrorHandler:          s.handleError,
		BodyLimit:             bodyLimit,
		DisableStartupMessage: true,
		ReadTimeout:           30 * time.Second,
		WriteTimeout:          60 * time.Second,
		IdleTimeout:           120 * time.Second,
	})
	s.routes(app, staticFS)
	return app, s, nil
}
