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
// failed attempts. Each client IP (and, for the login, each IP and username
// together) has a bucket of allowed attempts that refills slowly. An attempt
// takes its token before the handler runs — check and count in one step, so
// 150 concurrent wrong passwords cannot slip past a limit of 10 — and a
// successful attempt gives it back. Only failures are thus counted, so fifty
// phones joining their tables over the workshop's Wi-Fi never hit a limit,
// and neither does a Forum member reloading their page. Each time a client
// empties its bucket, its refill slows down (twice as slow, up to 64 times):
// delays grow for a persistent guesser. There is no limit per account alone:
// a stranger's wrong tries for "admin" never lock the real admin out.

// RateLimit is one limit: Burst attempts at once, then one more every Every.
type RateLimit struct {
	Burst int
	Every time.Duration
}

// RateLimits are the limits of the guarded routes; the zero value of each is its default.
type RateLimits struct {
	LoginIP      RateLimit // failed logins per client IP
	LoginAccount RateLimit // failed logins per client IP and username
	JoinIP       RateLimit // unknown table codes per client IP
	TokenLink    RateLimit // unknown personal links (/forum/{token}) per client IP
	Register     RateLimit // public registrations per client IP (every attempt counts)
	Survey       RateLimit // survey answers per client IP (every attempt counts)
	MaxClients   int       // keys remembered per limit (bounds memory)
}

var defaultRateLimits = RateLimits{
	LoginIP:      RateLimit{Burst: 10, Every: 30 * time.Second},
	LoginAccount: RateLimit{Burst: 10, Every: time.Minute},
	JoinIP:       RateLimit{Burst: 15, Every: 10 * time.Second},
	TokenLink:    RateLimit{Burst: 15, Every: 10 * time.Second},
	// A registration desk's tablet may sign up a queue of walk-ins; a script
	// may not sign up hundreds a second.
	Register: RateLimit{Burst: 30, Every: 2 * time.Second},
	// One person answers one survey; a few people may share a phone.
	Survey:     RateLimit{Burst: 10, Every: 10 * time.Second},
	MaxClients: 10000,
}

func (r RateLimits) withDefaults() RateLimits {
	d := defaultRateLimits
	for _, f := range []struct{ dst, src *RateLimit }{{&d.LoginIP, &r.LoginIP}, {&d.LoginAccount, &r.LoginAccount},
		{&d.JoinIP, &r.JoinIP}, {&d.TokenLink, &r.TokenLink}, {&d.Register, &r.Register}, {&d.Survey, &r.Survey}} {
		if f.src.Burst > 0 {
			*f.dst = *f.src
		}
	}
	if r.MaxClients > 0 {
		d.MaxClients = r.MaxClients
	}
	return d
}

// rateLimits holds one limiter per guarded thing.
type rateLimits struct {
	loginIP, loginAccount, joinIP, tokenLink, register, survey *limiter
}

func newRateLimits(cfg RateLimits, now func() time.Time) *rateLimits {
	cfg = cfg.withDefaults()
	return &rateLimits{
		loginIP:      newLimiter(cfg.LoginIP, cfg.MaxClients, now),
		loginAccount: newLimiter(cfg.LoginAccount, cfg.MaxClients, now),
		joinIP:       newLimiter(cfg.JoinIP, cfg.MaxClients, now),
		tokenLink:    newLimiter(cfg.TokenLink, cfg.MaxClients, now),
		register:     newLimiter(cfg.Register, cfg.MaxClients, now),
		survey:       newLimiter(cfg.Survey, cfg.MaxClients, now),
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
	tokens  float64
	at      time.Time
	strikes int // times the bucket was emptied since it was last full: each doubles the refill time
}

// maxStrikes caps the slowdown at 2^6 = 64 times Every.
const maxStrikes = 6

func newLimiter(l RateLimit, max int, now func() time.Time) *limiter {
	if now == nil {
		now = time.Now
	}
	return &limiter{limit: l, max: max, now: now, buckets: map[string]*bucket{}}
}

// every is b's refill interval, slowed by its strikes.
func (l *limiter) every(b *bucket) time.Duration {
	return l.limit.Every << min(b.strikes, maxStrikes)
}

// level refills b up to now and returns its tokens.
func (l *limiter) level(b *bucket, now time.Time) float64 {
	if l.limit.Every > 0 {
		b.tokens = math.Min(float64(l.limit.Burst), b.tokens+float64(now.Sub(b.at))/float64(l.every(b)))
	}
	b.at = now
	if b.tokens >= float64(l.limit.Burst) {
		b.strikes = 0
	}
	return b.tokens
}

// take reserves one attempt for key, in one step: ok, or how long to wait.
func (l *limiter) take(key string) (time.Duration, bool) {
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
	if t := l.level(b, now); t < 1 {
		return time.Duration((1 - t) * float64(l.every(b))), false
	}
	b.tokens--
	if b.tokens < 1 && b.strikes < maxStrikes {
		b.strikes++
	}
	return 0, true
}

// refund gives back an attempt taken for key that did not count (it succeeded).
func (l *limiter) refund(key string) {
	l.mu.Lock()
	defer l.mu.Unlock()
	b, ok := l.buckets[key]
	if !ok {
		return
	}
	if b.tokens < 1 && b.strikes > 0 {
		b.strikes-- // the take that emptied the bucket does not count
	}
	b.tokens = math.Min(float64(l.limit.Burst), b.tokens+1)
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

// guard limits a route: every attempt of c's IP takes a token first, and
// only a failed one keeps it.
func (l *limiter) guard(c *fiber.Ctx) error {
	ip := c.IP()
	if w, ok := l.take(ip); !ok {
		return tooMany(c, w)
	}
	err := c.Next()
	if !failed(c, err) {
		l.refund(ip)
	}
	return err
}

// throttle limits every attempt of a route per client IP, successful or not
// (public forms that write: registration, survey answers).
func (l *limiter) throttle(c *fiber.Ctx) error {
	if w, ok := l.take(c.IP()); !ok {
		return tooMany(c, w)
	}
	return c.Next()
}

// limitLogin guards POST /login per client IP and per client IP and username.
func (s *Server) limitLogin(c *fiber.Ctx) error {
	ip := c.IP()
	user := strings.ToLower(strings.TrimSpace(c.FormValue("username")))
	if len(user) > 60 {
		user = user[:60]
	}
	account := ip + "\x00" + user
	w, ok := s.limits.loginIP.take(ip)
	if !ok {
		return tooMany(c, w)
	}
	if w, ok := s.limits.loginAccount.take(account); !ok {
		s.limits.loginIP.refund(ip)
		return tooMany(c, w)
	}
	err := c.Next()
	if !failed(c, err) {
		s.limits.loginIP.refund(ip)
		s.limits.loginAccount.refund(account)
	}
	return err
}

// limitJoin guards POST /join (table codes) per client IP.
func (s *Server) limitJoin(c *fiber.Ctx) error { return s.limits.joinIP.guard(c) }

// limitRegister throttles public registrations per client IP.
func (s *Server) limitRegister(c *fiber.Ctx) error { return s.limits.register.throttle(c) }

// limitSurvey throttles survey answers per client IP.
func (s *Server) limitSurvey(c *fiber.Ctx) error { return s.limits.survey.throttle(c) }

// LimitTokenLink guards a route reached by a personal link, such as
// GET /forum/:token: use it as the route's first handler. A link that is
// not found (404) or refused (403) counts as a failed guess.
func (s *Server) LimitTokenLink(c *fiber.Ctx) error { return s.limits.tokenLink.guard(c) }
