package report

import (
	"strings"

	"github.com/minka-gob/minka/internal/i18n"
	"github.com/minka-gob/minka/internal/model"
)

// PrefillSheet fills a sheet's seven fields from what the table captured.
// Sheets are documents of the process, written in its language (Spanish).
// The store stores what this composes; it writes no prose itself.
func PrefillSheet(o model.IdeaOrigin) model.Sheet {
	l := i18n.Default
	sh := model.Sheet{
		Kind:        model.SheetFromIdea,
		IdeaID:      o.IdeaID,
		Name:        o.Title,
		Place:       i18n.T(l, "forum.prefill.place", o.WorkshopLabel(), i18n.FormatDate(l, o.Date), o.TableNumber),
		Description: o.Description,
		Principle:   o.Principle,
		Relevance:   i18n.T(l, "forum.prefill.relevance", i18n.T(l, "principle."+o.Principle)),
	}
	switch {
	case o.ProblemTitle != "" && o.ProblemDescription != "":
		sh.Problem = o.ProblemTitle + ": " + o.ProblemDescription
	default:
		sh.Problem = o.ProblemTitle
	}
	var stories []string
	for _, us := range o.Stories {
		stories = append(stories, i18n.T(l, "forum.prefill.story", us.AsWho, us.Want, us.SoThat))
	}
	sh.Contribution = strings.Join(stories, "\n")
	return sh
}
