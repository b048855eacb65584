package store

import (
	"context"
	"database/sql"

	"github.com/minka-gob/minka/internal/model"
)

// seedProblems are the five problems of the VI plan's preparatory stage
// (chapter 3): real data of the process template, not demo data.
var seedProblems = []model.Problem{
	{Title: "Capacidades ciudadanas", Description: "Limitadas capacidades de la ciudadanía y de los grupos sociales para acceder a información o participar en las decisiones públicas.",
		Challenge: "¿Cómo podríamos fortalecer las capacidades de la ciudadanía para acceder a la información pública y participar en las decisiones públicas?"},
	{Title: "Instrumentos y herramientas", Description: "Insuficiente priorización de mecanismos, físicos y digitales, de acceso a datos de alto valor para la ciudadanía.",
		Challenge: "¿Cómo podríamos poner al alcance de la ciudadanía, por medios físicos y digitales, los datos públicos de alto valor?"},
	{Title: "Mecanismos de rendición de cuentas", Description: "Mecanismos de rendición de cuentas ineficientes en los procesos de toma de decisiones.",
		Challenge: "¿Cómo podríamos lograr que la rendición de cuentas sea útil y oportuna para la toma de decisiones públicas?"},
	{Title: "Participación ciudadana efectiva", Description: "Ausencia de espacios de participación que generen valor público.",
		Challenge: "¿Cómo podríamos crear espacios de participación ciudadana que generen valor público?"},
	{Title: "Capacidades institucionales", Description: "Insuficientes capacidades en los servidores públicos y en la cultura institucional para promover los principios de Gobierno Abierto.",
		Challenge: "¿Cómo podríamos fortalecer en los servidores públicos las capacidades y la cultura institucional que promueven los principios de Gobierno Abierto?"},
}

// Seed creates the process template on an empty database: the process, the
// four Open Government principles, the five scoring criteria (equal weights)
// and the five problems of the preparatory stage (each with its
// "¿Cómo podríamos…?" challenge; the phase guides come with migration 010). It does nothing when the
// process already exists, so it is safe at every start.
func (s *Store) Seed(ctx context.Context) error {
	return s.Write(ctx, func(tx *Tx) error {
		var n int
		if err := tx.QueryRow(`SELECT COUNT(*) FROM process`).Scan(&n); err != nil {
			return err
		}
		if n > 0 {
			return nil
		}
		now := s.nowText()
		processID := NewID()
		if _, err := tx.Exec(`INSERT INTO process(id, name, period, created_at, updated_at) VALUES (?,?,?,?,?)`,
			processID, "VI Plan de Acción de Estado Abierto", "2026-2027", now, now); err != nil {
			return err
		}
		for i, code := range model.Principles {
			if _, err := tx.Exec(`INSERT INTO principles(code, position) VALUES (?, ?)`, code, i+1); err != nil {
				return err
			}
		}
		for i, code := range model.CriterionCodes {
			if _, err := tx.Exec(`INSERT INTO criteria(id, code, weight, position) VALUES (?,?,1,?)`, NewID(), code, i+1); err != nil {
				return err
			}
		}
		return insertProblems(tx, processID, now)
	})
}

func insertProblems(tx *sql.Tx, processID, now string) error {
	for i, p := range seedProblems {
		if _, err := tx.Exec(`INSERT INTO problems(id, process_id, title, description, challenge, position, created_at, updated_at) VALUES (?,?,?,?,?,?,?,?)`,
			NewID(), processID, p.Title, p.Description, p.Challenge, i+1, now, now); err != nil {
			return err
		}
	}
	return nil
}
