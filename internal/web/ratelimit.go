package web

import (
	"math"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/gofiber/fiber/v2"
)

// Guessing a password, a table code or a Forum member's link is a series of
// failed attempts. Each client IP (and, for the login, each username) has a
// bucket of allowed failures that refills slowly; an empty bucket gets 429
// before the handler runs. Only failures are counted, so fifty phones joining
// their tables over the workshop's Wi-Fi never hit a limit, and neither does a
// Forum member reloading their page.

// RateLimit is one limit: Burst failures at once, then one more every Every.
type RateLimit struct {
	Burst int
	Every time.Duration
}

// RateLimits are the limits of the guarded routes; the zero value of each is its default.
type RateLimits struct {
	LoginIP    RateLimit // failed logins per client IP
	LoginUser  RateLimit // failed logins per username, from any IP
	JoinIP     RateLimit // unknown table codes per client IP
	TokenLink  RateLimit // unknown personal links (/forum/{token}) per client IP
	MaxClients int       // keys remembered per limit (bounds memory)
}

var defaultRateLimits = RateLimits{
	LoginIP:    RateLimit{Burst: 10, Every: 30 * time.Second},
	LoginUser:  RateLimit{Burst: 10, Every: time.Minute},
	JoinIP:     RateLimit{Burst: 15, Every: 10 * time.Second},
	TokenLink:  RateLimit{Burst: 15, Every: 10 * time.Second},
	MaxClients: 10000,
}

func (r RateLimits) withDefaults() RateLimits {
	d := defaultRateLimits
	if r.LoginIP.Burst > 0 {
		d.LoginIP = r.LoginIP
	}
	if r.LoginUser.Burst > 0 {
		d.LoginUser = r.LoginUser
	}
	if r.JoinIP.Burst > 0 {
		d.JoinIP = r.JoinIP
	}
	if r.TokenLink.Burst > 0 {
		d.TokenLink = r.TokenLink
	}
	if r.MaxClients > 0 {
		d.MaxClients = r.MaxClients
	}
	return d
}

// rateLimits holds one limiter per guarded thing.
type rateLimits struct {
	loginIP, loginUser, joinIP, tokenLink *limiter
}

func newRateLimits(cfg RateLimits, now func() time.Time) *rateLimits {
	cfg = cfg.withDefaults()
	return &rateLimits{
		loginIP:   newLimiter(cfg.LoginIP, cfg.MaxClients, now),
		loginUser: newLimiter(cfg.LoginUser, cfg.MaxClients, now),
		joinIP:    newLimiter(cfg.JoinIP, cfg.MaxClients, now),
		tokenLink: newLimiter(cfg.TokenLink, cfg.MaxClients, now),
	}
}

// limiter is a set of token buckets keyed by client, in bounded memory.
type limiter struct {
	mu      sync.Mutex
	limit   RateLimit
	max     int
	now     func() time.Time
	buckets map[string]*bucket
}

type bucket struct {
	tokens float64
	at     time.Time
}

func newLimiter(l RateLimit, max int, now func() time.Time) *limiter {
	if now == nil {
		now = time.Now
	}
	return &limiter{limit: l, max: max, now: now, buckets: map[string]*bucket{}}
}

// level refills b up to now and returns its tokens.
func (l *limiter) level(b *bucket, now time.Time) float64 {
	if l.limit.Every > 0 {
		b.tokens = math.Min(float64(l.limit.Burst), b.tokens+float64(now.Sub(b.at))/float64(l.limit.Every))
	}
	b.at = now
	return b.tokens
}

// wait reports how long key must wait before its next attempt (0: go ahead).
func (l *limiter) wait(key string) time.Duration {
	l.mu.Lock()
	defer l.mu.Unlock()
	b, ok := l.buckets[key]
	if !ok {
		return 0
	}
	if t := l.level(b, l.now()); t < 1 {
		return time.Duration((1 - t) * float64(l.limit.Every))
	}
	return 0
}

// fail takes one token from key's bucket.
func (l *limiter) fail(key string) {
	l.mu.Lock()
	defer l.mu.Unlock()
	now := l.now()
	b, ok := l.buckets[key]
	if !ok {
		if len(l.buckets) >= l.max {
			l.evict(now)
		}
		b = &bucket{tokens: float64(l.limit.Burst), at: now}
		l.buckets[key] = b
	}
	l.level(b, now)
	if b.tokens > 0 {
		b.tokens--
	}
}

// evict makes room: first the buckets that have refilled (they are the same
// as no bucket), then, under a flood of clients, an arbitrary quarter.
func (l *limiter) evict(now time.Time) {
	for k, b := range l.buckets {
		if l.level(b, now) >= float64(l.limit.Burst) {
			delete(l.buckets, k)
		}
	}
	for k := range l.buckets {
		if len(l.buckets) < l.max*3/4 {
			break
		}
		delete(l.buckets, k)
	}
}

// size is how many clients the limiter remembers (tests).
func (l *limiter) size() int {
	l.mu.Lock()
	defer l.mu.Unlock()
	return len(l.buckets)
}

// failed reports whether the handler refused the attempt: a wrong password
// (401), an unknown code (422) or link (404), or a refusal (403).
func failed(c *fiber.Ctx, err error) bool {
	status := c.Response().StatusCode()
	if err != nil {
		status = statusOf(err)
	}
	switch status {
	case fiber.StatusUnauthorized, fiber.StatusForbidden, fiber.StatusNotFound, fiber.StatusUnprocessableEntity:
		return true
	}
	return false
}

// tooMany is the translated 429 answer, with Retry-After.
func tooMany(c *fiber.Ctx, wait time.Duration) error {
	secs := int(math.Ceil(wait.Seconds()))
	if secs < 1 {
		secs = 1
	}
	c.Set(fiber.HeaderRetryAfter, strconv.Itoa(secs))
	return fiber.NewError(fiber.StatusTooManyRequests)
}

// guard limits a route: while c's IP has no failures left it gets 429, and
// every failed attempt uses one up.
func (l *limiter) guard(c *fiber.Ctx) error {
	ip := c.IP()
	if w := l.wait(ip); w > 0 {
		return tooMany(c, w)
	}
	err := c.Next()
	if failed(c, err) {
		l.fail(ip)
	}
	return err
}

// limitLogin guards POST /login per client IP and per username.
func (s *Server) limitLogin(c *fiber.Ctx) error {
	ip := c.IP()
	user := strings.ToLower(strings.TrimSpace(c.FormValue("username")))
	if len(user) > 60 {
		user = user[:60]
	}
	w := s.limits.loginIP.wait(ip)
	if uw := s.limits.loginUser.wait(user); uw > w {
		w = uw
	}
	if w > 0 {
		return tooMany(c, w)
	}
	err := c.Next()
	if failed(c, err) {
		s.limits.loginIP.fail(ip)
		s.limits.loginUser.fail(user)
	}
	return err
}

// limitJoin guards POST /join (table codes) per client IP.
func (s *Server) limitJoin(c *fiber.Ctx) error { return s.limits.joinIP.guard(c) }

// LimitTokenLink guards a route reached by a personal link, such as
// GET /forum/:token: use it as the route's first handler. A link that is
// not found (404) or refused (403) counts as a failed guess.
func (s *Server) LimitTokenLink(c *fiber.Ctx) error { return s.limits.tokenLink.guard(c) }
