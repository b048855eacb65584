package web

import (
	"io/fs"
	"net/http"
	"time"

	"github.com/gofiber/fiber/v2"
	"github.com/gofiber/fiber/v2/middleware/filesystem"
	"github.com/gofiber/fiber/v2/middleware/recover"
)

// routes mounts every page, API route and websocket. Each capability has its
// own mount function (in the file of that capability) so that the table of
// contents of the application stays readable here.
func (s *Server) routes(app *fiber.App, staticFS fs.FS) {
	app.Use(recover.New())
	app.Use(securityHeaders)
	app.Use("/static", filesystem.New(filesystem.Config{
		Root:   http.FS(staticFS),
		MaxAge: int((365 * 24 * time.Hour).Seconds()),
	}))
	app.Use(detectLang)
	app.Use(s.loadSession)
	app.Use(s.csrf)

	app.Get("/", s.homeShow)
	app.Get("/login", s.loginShow)
	app.Post("/login", s.limitLogin, s.loginCheck)
	app.Post("/logout", s.logout)
	app.Get("/join", s.joinShow)
	app.Post("/join", s.limitJoin, s.joinCheck)

	admin := app.Group("/admin", requireAdmin)
	admin.Get("/", s.adminHome)
	s.mountSecurity(admin)
	s.mountFieldAdmin(admin)
	s.mountForum(app)
	s.mountFoundation(app, admin)

	api := app.Group("/api/v1")
	s.mountAPI(api)
	s.mountLive(app)
	s.mountExports(app)

	// Anything else is a translated 404 page (or JSON under /api/v1).
	app.Use(func(c *fiber.Ctx) error { return fiber.ErrNotFound })
}

// mountAPI mounts the JSON API; capabilities add their routes here.
func (s *Server) mountAPI(api fiber.Router) {
	api.Get("/health", s.apiHealth)
	s.mountForumAPI(api)
	s.mountFoundationAPI(api)
	s.mountLiveAPI(api)
	s.mountFieldAPI(api)
}
