package web

import (
	"strings"

	"github.com/gofiber/fiber/v2"

	"github.com/minka-gob/minka/internal/i18n"
	"github.com/minka-gob/minka/internal/model"
)

// mountForum mounts the internal review, the Forum's scoring, the
// validation workshop (admin pages under /admin/forum), the Forum members'
// pages (/forum, opened with a personal link) and the public traceability
// pages (/process), which need no login and show no personal data.
func (s *Server) mountForum(app *fiber.App) {
	a := app.Group("/admin/forum", requireAdmin)
	a.Get("/", s.forumAdminHome)
	a.Get("/sheets", s.sheetList)
	a.Post("/sheets/generate", s.sheetGenerate)
	a.Post("/sheets/merge", s.sheetMerge)
	a.Get("/sheets/:id", s.sheetEdit)
	a.Post("/sheets/:id", s.sheetSave)
	a.Post("/publish", s.forumPublish)
	a.Get("/criteria", s.criteriaEdit)
	a.Post("/criteria", s.criteriaSave)
	a.Get("/members", s.forumMemberList)
	a.Post("/members", s.forumMemberCreate)
	a.Get("/members/:id", s.forumMemberEdit)
	a.Post("/members/:id", s.forumMemberSave)
	a.Post("/members/:id/link", s.forumLinkRenew)
	a.Get("/progress", s.forumProgress)
	a.Post("/close", s.forumClose)
	a.Post("/reopen", s.forumReopen)
	a.Get("/ranking", s.rankingShow)
	a.Post("/cutoff", s.cutoffSave)
	a.Get("/decisions", s.decisionList)
	a.Get("/decisions/:id", s.decisionEdit)
	a.Post("/decisions/:id", s.decisionSave)
	a.Post("/results", s.resultsPublish)

	f := app.Group("/forum")
	f.Get("/", requireForum, s.forumMemberHome)
	f.Get("/sheets/:id", requireForum, s.scoreShow)
	f.Post("/sheets/:id", requireForum, s.scoreSave)
	f.Get("/:token", s.LimitTokenLink, s.forumLinkOpen)

	p := app.Group("/process")
	p.Get("/", s.processShow)
	p.Get("/ideas/:id", s.ideaTrace)
	p.Get("/sheets/:id", s.sheetPublic)
	p.Get("/ranking", s.rankingPublic)
	p.Get("/matrix", s.matrixPublic)
}

// requireForum lets only a Forum member (a session opened with a personal
// link) through.
func requireForum(c *fiber.Ctx) error {
	if principal(c).CanScore() {
		return c.Next()
	}
	return model.Forbidden("forum.error.link_required")
}

// forumFlash is the translated success message named by ?ok= after a
// redirect (only keys of the forum.ok.* family are shown).
func forumFlash(c *fiber.Ctx) string {
	key := c.Query("ok")
	if key == "" || len(key) > 40 {
		return ""
	}
	for _, r := range key {
		if (r < 'a' || r > 'z') && r != '_' {
			return ""
		}
	}
	if !i18n.Has(i18n.Default, "forum.ok."+key) {
		return ""
	}
	if strings.Contains(i18n.T(i18n.Default, "forum.ok."+key), "%d") {
		return i18n.T(lang(c), "forum.ok."+key, c.QueryInt("n"))
	}
	return i18n.T(lang(c), "forum.ok."+key)
}

// redirectOK goes to path with a success message.
func redirectOK(c *fiber.Ctx, path, key string) error {
	sep := "?"
	for _, r := range path {
		if r == '?' {
			sep = "&"
		}
	}
	return c.Redirect(path+sep+"ok="+key, fiber.StatusSeeOther)
}
