package web

import (
	"net"
	"strings"

	"github.com/gofiber/fiber/v2"
)

// joinBaseURL is the address phones on the workshop's Wi-Fi use to reach
// this server, for the links inside QR codes: the -public-url flag when set,
// otherwise this machine's LAN IPv4 address and the scheme and port the
// request came to (HTTPS links from a page seen over HTTPS).
// (The admin may be browsing on the laptop itself as "localhost", which a
// phone cannot reach.)
func (s *Server) joinBaseURL(c *fiber.Ctx) string {
	if s.cfg.PublicURL != "" {
		return strings.TrimRight(s.cfg.PublicURL, "/")
	}
	host := c.Hostname()
	port := ""
	if h, p, err := net.SplitHostPort(host); err == nil {
		host, port = h, p
	}
	if ip := lanIPv4(); ip != "" {
		host = ip
	}
	scheme := c.Protocol()
	if port != "" && !(scheme == "http" && port == "80") && !(scheme == "https" && port == "443") {
		host = net.JoinHostPort(host, port)
	}
	return scheme + "://" + host
}

// lanIPv4 is the machine's best LAN address: a private IPv4 address of an
// interface that is up (192.168/16 first, then 10/8, then 172.16/12), or any
// other non-loopback IPv4 address, or "".
func lanIPv4() string {
	ifaces, err := net.Interfaces()
	if err != nil {
		return ""
	}
	best, bestRank := "", 99
	for _, ifc := range ifaces {
		if ifc.Flags&net.FlagUp == 0 || ifc.Flags&net.FlagLoopback != 0 {
			continue
		}
		addrs, err := ifc.Addrs()
		if err != nil {
			continue
		}
		for _, a := range addrs {
			ipn, ok := a.(*net.IPNet)
			if !ok {
				continue
			}
			ip := ipn.IP.To4()
			if ip == nil || ip.IsLoopback() || ip.IsLinkLocalUnicast() {
				continue
			}
			if r := lanRank(ip); r < bestRank {
				best, bestRank = ip.String(), r
			}
		}
	}
	return best
}

func lanRank(ip net.IP) int {
	switch {
	case ip[0] == 192 && ip[1] == 168:
		return 0
	case ip[0] == 10:
		return 1
	case ip[0] == 172 && ip[1]&0xf0 == 16:
		return 2
	}
	return 3
}
