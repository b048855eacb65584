package demo

import (
	"context"
	"errors"
	"fmt"
	"math"
	"sync"

	"github.com/minka-gob/minka/internal/model"
	"github.com/minka-gob/minka/internal/store"
)

// loadForum adds the internal review and the Forum's prioritization to the
// demo: the 29 sample ideas at tables of the five workshops, their sheets
// (one merge in the review), 10 Forum members with their scores (recusals,
// observations, a member who left drafts), scoring closed, and a reasoned
// decision for every sheet (18 ideas prioritized, 11 commitments, one merge
// in the validation workshop), with the results published. Everything goes
// through the same store methods the pages use. It does nothing when sheets
// already exist.
func loadForum(ctx context.Context, st *store.Store, ws []model.Workshop) error {
	if len(ws) == 0 {
		return errors.New("demo forum: no workshops to attach ideas to")
	}
	existing, err := st.Sheets(ctx)
	if err != nil || len(existing) > 0 {
		return err
	}
	problems, err := st.Problems(ctx)
	if err != nil {
		return err
	}
	ideaIDs, err := seedDemoIdeas(ctx, st, ws, problems)
	if err != nil {
		return err
	}
	sheetOf, err := writeDemoSheets(ctx, st, ideaIDs, problems)
	if err != nil {
		return err
	}
	if err := st.PublishSheets(ctx); err != nil {
		return fmt.Errorf("demo forum: publish: %w", err)
	}
	if err := scoreDemo(ctx, st, sheetOf); err != nil {
		return err
	}
	if err := st.CloseScoring(ctx); err != nil {
		return err
	}
	if err := decideDemo(ctx, st, sheetOf); err != nil {
		return err
	}
	return st.PublishResults(ctx)
}

// demoWorkshop finds the workshop of the plan's date, or spreads the ideas
// over whatever workshops exist.
func demoWorkshop(ws []model.Workshop, i int) model.Workshop {
	for _, w := range ws {
		if w.Date == demoWorkshopDates[i] {
			return w
		}
	}
	return ws[i%len(ws)]
}

// seedDemoIdeas records the ideas at tables: a table of the workshop that
// worked on the idea's problem, or any of its tables, or new tables (one
// per problem) when the workshop has none.
func seedDemoIdeas(ctx context.Context, st *store.Store, ws []model.Workshop, problems []model.Problem) ([]string, error) {
	tp := &tablePicker{tables: map[string][]model.Table{}, made: map[string]bool{}}
	ids := make([]string, len(demoIdeas))
	for i, d := range demoIdeas {
		w := demoWorkshop(ws, d.workshop)
		if _, ok := tp.tables[w.ID]; !ok {
			ts, err := st.Tables(ctx, w.ID)
			if err != nil {
				return nil, err
			}
			tp.tables[w.ID] = ts
		}
		var problemID string
		if d.problem < len(problems) {
			problemID = problems[d.problem].ID
		}
		t, err := tp.pick(ctx, st, w, problemID, i)
		if err != nil {
			return nil, err
		}
		idea := model.Idea{TableID: t.ID, Title: d.title, Description: d.description, Principle: d.principle, Chosen: true}
		if err := recordIdea(ctx, st, &idea); err != nil {
			return nil, fmt.Errorf("demo forum: idea %q: %w", d.title, err)
		}
		ids[i] = idea.ID
	}
	return ids, nil
}

// tablePicker chooses the table of each idea: a table of the workshop that
// worked on the idea's problem, else one of the workshop's own tables; a
// workshop without tables gets one new table per problem.
type tablePicker struct {
	tables map[string][]model.Table // by workshop id
	made   map[string]bool          // tables this loader created
}

func (tp *tablePicker) pick(ctx context.Context, st *store.Store, w model.Workshop, problemID string, i int) (model.Table, error) {
	ts := tp.tables[w.ID]
	for _, t := range ts {
		if problemID != "" && t.ProblemID == problemID {
			return t, nil
		}
	}
	own := 0
	for _, t := range ts {
		if !tp.made[t.ID] {
			own++
		}
	}
	if own > 0 {
		return ts[i%len(ts)], nil
	}
	n := 1
	for _, t := range ts {
		if t.Number >= n {
			n = t.Number + 1
		}
	}
	t := model.Table{WorkshopID: w.ID, Number: n, ProblemID: problemID, Phase: model.PhasePrototype}
	if err := st.CreateTable(ctx, &t); err != nil {
		return t, err
	}
	tp.tables[w.ID] = append(ts, t)
	tp.made[t.ID] = true
	return t, nil
}

// writeDemoSheets generates the pre-filled sheets, completes them as the
// Secretariat would, and merges the two access-to-information ideas. It
// returns, per idea index, the sheet the Forum scores.
func writeDemoSheets(ctx context.Context, st *store.Store, ideaIDs []string, problems []model.Problem) (map[int]model.Sheet, error) {
	if _, err := st.GenerateSheets(ctx, false); err != nil {
		return nil, err
	}
	sheets, err := st.Sheets(ctx)
	if err != nil {
		return nil, err
	}
	byIdea := map[string]model.Sheet{}
	for _, sh := range sheets {
		byIdea[sh.IdeaID] = sh
	}
	mine := map[string]bool{}
	sheetOf := map[int]model.Sheet{}
	groups := map[int][]string{}
	for i, d := range demoIdeas {
		sh := byIdea[ideaIDs[i]]
		mine[sh.ID] = true
		sh.Name, sh.Description, sh.Contribution, sh.Relevance, sh.Responsible = d.title, d.description, d.contribution, d.relevance, d.responsible
		if sh.Problem == "" && d.problem < len(problems) {
			sh.Problem = problems[d.problem].Title + ": " + problems[d.problem].Description
		}
		if err := st.UpdateSheet(ctx, &sh); err != nil {
			return nil, fmt.Errorf("demo forum: sheet %q: %w", d.title, err)
		}
		sheetOf[i] = sh
		if d.group != 0 {
			groups[d.group] = append(groups[d.group], sh.ID)
		}
	}
	// Ideas other loaders recorded get their sheets completed too, so that
	// the set can be published.
	for _, sh := range sheets {
		if mine[sh.ID] || !sh.Active() || len(sh.Missing()) == 0 {
			continue
		}
		fillMissing(&sh)
		if err := st.UpdateSheet(ctx, &sh); err != nil {
			return nil, err
		}
	}
	for g, ids := range groups {
		merged, err := st.MergeSheets(ctx, ids)
		if err != nil {
			return nil, err
		}
		if g == 1 {
			merged.Name = "Plataforma de Acceso a la Información Pública (PAIP)"
			merged.Description = "Un canal digital único y estandarizado para presentar y seguir solicitudes de acceso a la información pública ante cualquier entidad, por internet o por teléfono, con plazos visibles; y una directiva que regule su uso. Reúne la ventanilla única propuesta en Lima y las solicitudes en línea pedidas en Iquitos."
			merged.Contribution = "Elimina la dispersión de canales y el costo de viajar para pedir información; el seguimiento público de plazos reduce las respuestas tardías."
			merged.Responsible = "Ministerio de Justicia y Derechos Humanos (ANTAIP); PCM (Secretaría de Gobierno y Transformación Digital); gobiernos regionales."
		}
		if err := st.UpdateSheet(ctx, &merged); err != nil {
			return nil, err
		}
		for i, d := range demoIdeas {
			if d.group == g {
				sheetOf[i] = merged
			}
		}
	}
	return sheetOf, nil
}

// fillMissing completes a sheet the demo did not write.
func fillMissing(sh *model.Sheet) {
	const tbd = "Por precisar en la revisión interna."
	for _, f := range []*string{&sh.Place, &sh.Problem, &sh.Description, &sh.Contribution, &sh.Relevance, &sh.Responsible} {
		if *f == "" {
			*f = tbd
		}
	}
}

// scoreDemo has every member evaluate every sheet, concurrently (one writer
// goroutine commits their writes in batches).
func scoreDemo(ctx context.Context, st *store.Store, sheetOf map[int]model.Sheet) error {
	active, err := st.ActiveSheets(ctx)
	if err != nil {
		return err
	}
	crits, err := st.Criteria(ctx)
	if err != nil {
		return err
	}
	ideaOfSheet := map[string]int{}
	for i := range demoIdeas {
		if _, ok := ideaOfSheet[sheetOf[i].ID]; !ok {
			ideaOfSheet[sheetOf[i].ID] = i
		}
	}
	var wg sync.WaitGroup
	errs := make([]error, len(demoMembers))
	for mi, dm := range demoMembers {
		m := model.ForumMember{Name: dm.name, Organization: dm.organization, Sector: dm.sector}
		if _, err := st.CreateForumMember(ctx, &m); err != nil {
			return err
		}
		wg.Add(1)
		go func(mi int, dm demoMember, memberID string) {
			defer wg.Done()
			rnd := newRand(uint64(100 + mi)) // one stream per member: the goroutines share nothing
			recused := map[string]bool{}
			for _, i := range dm.recuse {
				recused[sheetOf[i].ID] = true
			}
			for si, sh := range active {
				in := model.ScoreInput{Action: model.ScoreActionSubmit, Values: map[string]int{}}
				if recused[sh.ID] {
					in = model.ScoreInput{Action: model.ScoreActionRecuse, Conflict: dm.conflict}
				} else {
					if si >= len(active)-dm.drafts {
						in.Action = model.ScoreActionDraft
					}
					q, contested := 3.0, false
					if i, ok := ideaOfSheet[sh.ID]; ok {
						q, contested = demoIdeas[i].quality, demoIdeas[i].contested
					}
					for ci, c := range crits {
						v := q + dm.bias + 0.15*float64((si*7+ci*13)%5-2) + 1.4*(rnd.Float64()-0.5)
						if contested {
							switch dm.sector {
							case "public", "private":
								v -= 1.3
							case "civil_society":
								v += 1.3
							}
						}
						in.Values[c.Code] = int(math.Max(1, math.Min(5, math.Round(v))))
					}
					if (mi*7+si*3)%4 == 0 {
						in.Observations = demoObservations[(mi+si)%len(demoObservations)]
					}
				}
				if _, err := st.SaveScore(ctx, memberID, sh.ID, in); err != nil {
					errs[mi] = fmt.Errorf("demo forum: score of %s on sheet %d: %w", dm.name, sh.Number, err)
					return
				}
			}
		}(mi, dm, m.ID)
	}
	wg.Wait()
	return errors.Join(errs...)
}

// decideDemo records the validation workshop's decision on every sheet.
func decideDemo(ctx context.Context, st *store.Store, sheetOf map[int]model.Sheet) error {
	active, err := st.ActiveSheets(ctx)
	if err != nil {
		return err
	}
	decided := map[string]bool{}
	for i, d := range demoIdeas {
		sh := sheetOf[i]
		if d.outcome == "" || decided[sh.ID] {
			continue
		}
		dec := model.ForumDecision{SheetID: sh.ID, Outcome: d.outcome, CommitmentNumber: d.commitment,
			ResponsibleEntity: d.entity, Rationale: d.rationale,
			Notes: "Deliberado en el taller de consenso, deliberación y validación del 15 de agosto de 2025."}
		if d.outcome == model.OutcomeMerged {
			dec.MergedInto = sheetOf[d.mergeInto].ID
		}
		if err := st.SaveDecision(ctx, &dec); err != nil {
			return fmt.Errorf("demo forum: decision on %q: %w", d.title, err)
		}
		decided[sh.ID] = true
	}
	for _, sh := range active {
		if decided[sh.ID] {
			continue
		}
		dec := model.ForumDecision{SheetID: sh.ID, Outcome: model.OutcomeNotPrioritized,
			Rationale: "Quedó por debajo de la línea de corte y el taller de validación no la propuso para este ciclo; se registra como insumo para el próximo plan."}
		if err := st.SaveDecision(ctx, &dec); err != nil {
			return err
		}
	}
	return nil
}

// recordIdea stores an idea the way a rapporteur records it at its table (the
// live path, so the table's event log has it too), then marks it chosen.
func recordIdea(ctx context.Context, st *store.Store, idea *model.Idea) error {
	if idea.ID == "" {
		idea.ID = store.NewID()
	}
	if _, err := st.CreateContribution(ctx, idea.TableID, idea); err != nil {
		return err
	}
	if !idea.Chosen {
		return nil
	}
	_, err := st.SetIdeaChosen(ctx, store.NewID(), idea.TableID, idea.ID, true)
	return err
}
