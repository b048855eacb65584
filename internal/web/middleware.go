package web

import (
	"crypto/subtle"
	"net/url"
	"strings"

	"github.com/gofiber/fiber/v2"

	"github.com/minka-gob/minka/internal/i18n"
	"github.com/minka-gob/minka/internal/model"
	"github.com/minka-gob/minka/internal/store"
)

const (
	sessionCookie = "minka_session"
	csrfCookie    = "minka_csrf"
	langCookie    = "minka_lang"
)

// contentSecurityPolicy allows only Minka's own files: no inline script, no
// inline style, no CDN. Websockets go to the same host.
const contentSecurityPolicy = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; " +
	"connect-src 'self'; font-src 'self'; object-src 'none'; frame-ancestors 'none'; base-uri 'self'; form-action 'self'"

// securityHeaders are sent with every response.
func securityHeaders(c *fiber.Ctx) error {
	c.Set("Content-Security-Policy", contentSecurityPolicy)
	c.Set("X-Content-Type-Options", "nosniff")
	c.Set("X-Frame-Options", "DENY")
	// same-origin, not no-referrer: with no-referrer browsers send "Origin: null"
	// on form posts, which the CSRF check (rightly) refuses — no form would work.
	c.Set("Referrer-Policy", "same-origin")
	c.Set("Permissions-Policy", "camera=(self), microphone=(), geolocation=()")
	return c.Next()
}

// secureCookie tells whether cookies of this request must be Secure.
func (s *Server) secureCookie(c *fiber.Ctx) bool {
	return s.cfg.SecureCookies || c.Protocol() == "https"
}

// hsts asks browsers to come back over HTTPS only (a year), on HTTPS answers
// when the certificate is one they trust.
func (s *Server) hsts(c *fiber.Ctx) error {
	if s.cfg.HSTS && c.Protocol() == "https" {
		c.Set(fiber.HeaderStrictTransportSecurity, "max-age=31536000")
	}
	return c.Next()
}

// detectLang picks the language: ?lang=, then the cookie, then Spanish. Pages
// ignore Accept-Language on purpose: Minka is Spanish first, and a laptop set
// up in English must not switch a Peruvian workshop's screens. API clients may
// ask for English with Accept-Language.
func detectLang(c *fiber.Ctx) error {
	l := c.Query("lang")
	if l != "" {
		// A chosen language sticks for the next pages.
		c.Cookie(&fiber.Cookie{Name: langCookie, Value: i18n.Supported(l), Path: "/", MaxAge: 365 * 24 * 3600, SameSite: fiber.CookieSameSiteLaxMode})
	} else {
		l = c.Cookies(langCookie)
	}
	if l == "" && isAPI(c) {
		accept := c.Get(fiber.HeaderAcceptLanguage)
		if strings.HasPrefix(strings.ToLower(accept), "en") {
			l = "en"
		}
	}
	c.Locals("lang", i18n.Supported(l))
	return c.Next()
}

// loadSession resolves the session cookie into the request's principal.
func (s *Server) loadSession(c *fiber.Ctx) error {
	p := model.Principal{}
	if token := c.Cookies(sessionCookie); token != "" {
		if sess, err := s.store.Session(c.UserContext(), token); err == nil {
			p = principalOf(sess)
		}
	}
	c.Locals("principal", p)
	c.SetUserContext(store.WithActor(c.UserContext(), store.ActorOf(p)))
	return c.Next()
}

func principalOf(sess model.Session) model.Principal {
	return model.Principal{Role: sess.Role, AdminID: sess.AdminID, TableID: sess.TableID,
		ForumMemberID: sess.ForumMemberID, SessionID: sess.TokenHash}
}

func principal(c *fiber.Ctx) model.Principal {
	p, _ := c.Locals("principal").(model.Principal)
	return p
}

// startSession stores a session and sets its cookie.
func (s *Server) startSession(c *fiber.Ctx, sess model.Session) error {
	if old := c.Cookies(sessionCookie); old != "" {
		_ = s.store.DeleteSession(c.UserContext(), old)
		s.live.Revoke(store.HashToken(old))
	}
	token, err := s.store.CreateSession(c.UserContext(), sess, sessionTTL)
	if err != nil {
		return err
	}
	c.Cookie(&fiber.Cookie{Name: sessionCookie, Value: token, Path: "/", HTTPOnly: true,
		SameSite: fiber.CookieSameSiteLaxMode, Secure: s.secureCookie(c), MaxAge: int(sessionTTL.Seconds())})
	return nil
}

// deviceCookie names this browser for a year, so that a participant who
// joins again (the participant code is shared) is still the same rater.
const deviceCookie = "minka_device"

// ensureDevice gives the browser a device cookie if it has none.
func (s *Server) ensureDevice(c *fiber.Ctx) {
	if device(c) != "" {
		return
	}
	c.Cookie(&fiber.Cookie{Name: deviceCookie, Value: store.NewToken(), Path: "/", HTTPOnly: true,
		SameSite: fiber.CookieSameSiteLaxMode, Secure: s.secureCookie(c), MaxAge: 365 * 24 * 3600})
}

// device is the request's device cookie, if well-formed.
func device(c *fiber.Ctx) string {
	d := c.Cookies(deviceCookie)
	if len(d) != 43 || strings.Trim(d, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_") != "" {
		return ""
	}
	return d
}

// requireAdmin lets only a logged-in Secretariat admin through; others are
// sent to the login page (or get 403 from the API).
func requireAdmin(c *fiber.Ctx) error {
	if principal(c).IsAdmin() {
		// Secretariat pages show personal data: no browser or proxy keeps a copy.
		c.Set(fiber.HeaderCacheControl, "no-store")
		return c.Next()
	}
	if isAPI(c) {
		return model.Forbidden("error.login_required")
	}
	return c.Redirect("/login?next=" + url.QueryEscape(c.OriginalURL()))
}

// requireForum lets only a Forum member (a session opened with a personal
// link) through.
func requireForum(c *fiber.Ctx) error {
	if principal(c).CanScore() {
		c.Set(fiber.HeaderCacheControl, "no-store") // the member's own scores and observations
		return c.Next()
	}
	return model.Forbidden("forum.error.link_required")
}

// csrf protects every state-changing request. Forms carry a token equal to
// the csrf cookie (double submit); JSON API calls must be JSON (a cross-site
// form cannot send that without a CORS preflight, which Minka never grants).
// Any Origin header must be this host.
func (s *Server) csrf(c *fiber.Ctx) error {
	token := c.Cookies(csrfCookie)
	if token == "" {
		token = store.NewToken()
		c.Cookie(&fiber.Cookie{Name: csrfCookie, Value: token, Path: "/", HTTPOnly: true,
			SameSite: fiber.CookieSameSiteStrictMode, Secure: s.secureCookie(c)})
	}
	c.Locals("csrf", token)
	switch c.Method() {
	case fiber.MethodGet, fiber.MethodHead, fiber.MethodOptions:
		return c.Next()
	}
	if !sameOrigin(c) {
		return model.Forbidden("error.csrf")
	}
	if isAPI(c) {
		if strings.HasPrefix(c.Get(fiber.HeaderContentType), fiber.MIMEApplicationJSON) || validToken(c.Get("X-CSRF-Token"), token) {
			return c.Next()
		}
		return model.Forbidden("error.csrf")
	}
	sent := c.FormValue("_csrf")
	if sent == "" {
		sent = c.Get("X-CSRF-Token")
	}
	if !validToken(sent, c.Cookies(csrfCookie)) {
		return model.Forbidden("error.csrf")
	}
	return c.Next()
}

func validToken(sent, want string) bool {
	return sent != "" && want != "" && subtle.ConstantTimeCompare([]byte(sent), []byte(want)) == 1
}

func sameOrigin(c *fiber.Ctx) bool {
	origin := c.Get(fiber.HeaderOrigin)
	if origin == "" || origin == "null" {
		return origin == ""
	}
	u, err := url.Parse(origin)
	return err == nil && u.Host == c.Hostname()
}

func csrfToken(c *fiber.Ctx) string {
	t, _ := c.Locals("csrf").(string)
	return t
}
