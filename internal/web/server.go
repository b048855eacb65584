// Package web is Minka's HTTP side: Fiber routes, one file per user action,
// server-rendered templates, the JSON API under /api/v1, sessions and the
// mapping of domain errors to status codes and translated messages.
package web

import (
	"io/fs"
	"log"
	"net/http"
	"strings"
	"time"

	"github.com/gofiber/fiber/v2"
	"github.com/gofiber/template/html/v2"
	"github.com/valyala/fasthttp"

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
	// SecureCookies marks every cookie Secure (behind an HTTPS proxy);
	// cookies of requests that arrive over HTTPS are Secure anyway.
	SecureCookies bool
	// HSTS sends Strict-Transport-Security on HTTPS answers (a certificate
	// browsers trust: given files or ACME; not the generated LAN one).
	HSTS bool
	// TLSFingerprint, when HTTPS uses a certificate phones do not know, is
	// its SHA-256 fingerprint, printed on the QR sheets to check against.
	TLSFingerprint string
	// Logger receives request errors; nil means the standard logger.
	Logger *log.Logger
	// TrustedProxies are the addresses (IPs or CIDRs) of reverse proxies whose
	// X-Forwarded-For, -Proto and -Host headers are believed. Empty: none —
	// the headers are ignored and the client is the connection's address.
	TrustedProxies []string
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

// Request bodies are bounded per route, before they are read: small forms
// and JSON get formBodyLimit; only the participant import (the file, then
// its confirmation carrying it in base64), field laptops' bundles and pushes,
// and prototype photos get more.
const (
	formBodyLimit   = 256 << 10
	photoBodyLimit  = 6 << 20  // a 5 MiB photo and its form
	importBodyLimit = 12 << 20 // an 8 MiB CSV, base64-encoded on confirmation
	bodyLimit       = importBodyLimit
)

// bodyLimitFor is the body limit of a request, chosen from its header.
func bodyLimitFor(h *fasthttp.RequestHeader) fasthttp.RequestConfig {
	path, _, _ := strings.Cut(string(h.RequestURI()), "?")
	limit := formBodyLimit
	switch {
	case strings.HasPrefix(path, "/admin/workshops/") && (strings.HasSuffix(path, "/import") || strings.HasSuffix(path, "/import/confirm")),
		// field laptops: a bundle file, a 5 MiB photo in base64, a push's manifest (docs/FIELD.md)
		path == "/admin/field/import", strings.HasPrefix(path, "/api/v1/field/"):
		limit = importBodyLimit
	case strings.HasPrefix(path, "/tables/") && strings.HasSuffix(path, "/photo"):
		limit = photoBodyLimit
	}
	return fasthttp.RequestConfig{MaxRequestBodySize: limit}
}

func proxyHeader(trusted []string) string {
	if len(trusted) == 0 {
		return ""
	}
	return fiber.HeaderXForwardedFor
}

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
		// Forwarded headers only from configured proxies (without this, Fiber
		// believes X-Forwarded-Host from anyone).
		EnableTrustedProxyCheck: true,
		TrustedProxies:          cfg.TrustedProxies,
		ProxyHeader:             proxyHeader(cfg.TrustedProxies),
	})
	app.Server().HeaderReceived = bodyLimitFor
	// A hijacked connection (only /ws: liveSocket) is ours to close; fasthttp
	// then frees the request's memory as soon as the upgrade is done instead
	// of holding it for the life of the websocket.
	app.Server().KeepHijackedConns = true
	s.routes(app, staticFS)
	return app, s, nil
}
