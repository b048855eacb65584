package web

import (
	"github.com/gofiber/fiber/v2"

	"github.com/minka-gob/minka/internal/live"
	"github.com/minka-gob/minka/internal/report"
)

// apiTableRecord is a table's live record (profile notes, user stories, ideas
// with their ratings summary, prototypes, feedback), its phase and timer, and
// the seq of its room: a client may join the room with since=seq and apply
// the events that follow.
func (s *Server) apiTableRecord(c *fiber.Ctx) error {
	id := c.Params("id")
	if _, err := s.store.TableInfo(c.UserContext(), id); err != nil {
		return err
	}
	if err := requireTableReader(c, id); err != nil {
		return err
	}
	rec, err := s.store.TableRecord(c.UserContext(), id, raterOf(c))
	if err != nil {
		return err
	}
	return c.JSON(rec)
}

// apiIdeasByPrinciple counts the ideas captured at a workshop's tables per
// Open Government principle (internal/report's Captured population, what the
// plenary screen shows; the plan's Table 3 is /api/v1/forum/stats).
func (s *Server) apiIdeasByPrinciple(c *fiber.Ctx) error {
	id := c.Params("id")
	if _, err := s.store.Workshop(c.UserContext(), id); err != nil {
		return err
	}
	if err := s.canReadWorkshop(c, id); err != nil {
		return err
	}
	snap, err := s.store.WorkshopSnapshot(c.UserContext(), id)
	if err != nil {
		return err
	}
	return c.JSON(report.IdeasByPrinciple(snap, report.Captured, id).ByPrinciple(id))
}

// apiPlenary is the plenary screen's data: every table, newest ideas, ideas per principle.
func (s *Server) apiPlenary(c *fiber.Ctx) error {
	id := c.Params("id")
	if _, err := s.store.Workshop(c.UserContext(), id); err != nil {
		return err
	}
	if err := s.canReadWorkshop(c, id); err != nil {
		return err
	}
	p, err := s.store.Plenary(c.UserContext(), id)
	if err != nil {
		return err
	}
	report.Plenary(&p)
	return c.JSON(p)
}

// apiSurveySummary is a workshop's satisfaction survey result (Secretariat only).
func (s *Server) apiSurveySummary(c *fiber.Ctx) error {
	sum, err := s.store.SurveySummary(c.UserContext(), c.Params("id"))
	if err != nil {
		return err
	}
	return c.JSON(sum)
}

// raterOf is the caller's identity as a rater of ideas.
func raterOf(c *fiber.Ctx) string { return live.RaterOf(principal(c), device(c)) }
