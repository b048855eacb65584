package web

import (
	"net/http"
	"strings"

	"github.com/gofiber/fiber/v2"
	"github.com/gofiber/fiber/v2/middleware/adaptor"

	"github.com/minka-gob/minka/internal/live"
	"github.com/minka-gob/minka/internal/netguard"
)

// liveSocket upgrades GET /ws to the live protocol (docs/PROTOCOL.md).
// gorilla/websocket runs on net/http, Fiber on fasthttp: they meet through
// Fiber's adaptor (hijacking needs fasthttp >= 1.53, pinned in go.mod). The
// caller's principal and language are resolved here, in Fiber, and handed
// over as plain values: the *http.Request the adaptor builds points into
// fasthttp's memory and is not read after the upgrade.
func (s *Server) liveSocket(c *fiber.Ctx) error {
	if !strings.EqualFold(c.Get(fiber.HeaderUpgrade), "websocket") {
		return fiber.NewError(fiber.StatusUpgradeRequired)
	}
	who := live.Identity{Principal: principal(c), Lang: lang(c), Addr: netguard.ClientKey(c.IP()), Device: device(c)}
	return adaptor.HTTPHandler(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		s.live.ServeWS(w, r, who)
	}))(c)
}

// closeEndedSockets closes the websockets whose session the request just
// ended (a regenerated code, a changed password, a renewed link): they get
// close code 4401 and their operations still queued are refused.
func (s *Server) closeEndedSockets(c *fiber.Ctx) { s.live.Revalidate(c.UserContext()) }
