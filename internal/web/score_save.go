package web

import (
	"strconv"

	"github.com/gofiber/fiber/v2"

	"github.com/minka-gob/minka/internal/model"
)

// scoreSave records a member's draft, submission, recusal or withdrawal of
// a recusal on a sheet, for the member of the session only. After scoring
// closes every change is refused (409).
func (s *Server) scoreSave(c *fiber.Ctx) error {
	ctx := c.UserContext()
	me := principal(c).ForumMemberID
	crits, err := s.store.Criteria(ctx)
	if err != nil {
		return err
	}
	in, bad := scoreInputForm(func(k string) string { return c.FormValue(k) }, crits)
	if len(bad) == 0 {
		_, err := s.store.SaveScore(ctx, me, c.Params("id"), in)
		switch model.KindOf(err) {
		case "":
			if err != nil {
				return err
			}
			if in.Action == model.ScoreActionSubmit && c.Query("next") == "1" {
				// "Enviar y seguir": straight on to the next sheet still to score.
				next, ok, err := s.nextPending(c, me, c.Params("id"))
				if err != nil {
					return err
				}
				if ok {
					return seeOther(c, "/forum/sheets/"+next.ID, "score_submit_next")
				}
				return seeOther(c, "/forum/", "score_all_done")
			}
			return seeOther(c, "/forum/sheets/"+c.Params("id"), "score_"+in.Action)
		case model.KindInvalid:
			e, _ := model.AsError(err)
			for f, m := range e.Fields {
				bad[f] = m
			}
		case model.KindConflict:
			return s.renderScore(c, fiber.StatusConflict, s.typedScore(c, me, in), fiber.Map{"FormError": messageOf(lang(c), err)})
		default:
			return err
		}
	}
	// Nothing was saved: show the form again with what was typed and each
	// message next to its field.
	return s.renderScore(c, fiber.StatusUnprocessableEntity, s.typedScore(c, me, in),
		fiber.Map{"Errors": bad, "FormError": messageOf(lang(c), model.Invalid(bad))})
}

// scoreInputForm reads the scoring form (value gives a form field): the
// action, the observations, the declared conflict and a score per criterion
// (field score_<code>, empty when not given). A score that is not a whole
// number is a field error; everything else is for ScoreInput.Validate.
func scoreInputForm(value func(string) string, crits []model.Criterion) (model.ScoreInput, model.FieldErrors) {
	in := model.ScoreInput{
		Action:       value("action"),
		Observations: value("observations"),
		Conflict:     value("conflict"),
		Values:       map[string]int{},
	}
	bad := model.FieldErrors{}
	for _, cr := range crits {
		field := model.ScoreField(cr.Code)
		raw := value(field)
		if raw == "" {
			continue
		}
		v, err := strconv.Atoi(raw)
		if err != nil {
			bad[field] = model.Msg{Key: "validation.range", Args: []any{1, 5}}
			continue
		}
		in.Values[cr.Code] = v
	}
	return in, bad
}

// typedScore is the member's input shown back in the form, with the stored status.
func (s *Server) typedScore(c *fiber.Ctx, me string, in model.ScoreInput) model.ForumScore {
	typed := model.ForumScore{SheetID: c.Params("id"), Values: in.Values, Observations: in.Observations, Conflict: in.Conflict}
	if cur, err := s.store.MyScore(c.UserContext(), me, c.Params("id")); err == nil {
		typed.Status = cur.Status
	}
	return typed
}
