package demo

import (
	"context"
	"fmt"
	"math/rand/v2"
	"strings"
	"time"

	"github.com/minka-gob/minka/internal/model"
	"github.com/minka-gob/minka/internal/store"
)

// plannedWorkshop is one row of the plan's Tables 1 and 2.
type plannedWorkshop struct {
	City, Date, Focus string
	Men, Women        int
	Tables            int
}

// Workshops are the VI plan's five co-creation workshops with the numbers of
// its Table 2 (participants by city and gender).
var Workshops = []plannedWorkshop{
	{City: "Lima", Date: "2025-05-23", Men: 19, Women: 29, Tables: 6},
	{City: "Piura", Date: "2025-06-05", Men: 14, Women: 15, Tables: 4},
	{City: "Iquitos", Date: "2025-06-12", Men: 19, Women: 12, Tables: 4},
	{City: "Arequipa", Date: "2025-06-20", Men: 14, Women: 13, Tables: 4},
	{City: "Lima", Date: "2025-07-18", Focus: "Justicia Abierta", Men: 13, Women: 19, Tables: 4},
}

// SectorTotals are the plan's Figure 1: participants by sector over all workshops.
var SectorTotals = []struct {
	Sector string
	Count  int
}{{"public", 95}, {"civil_society", 54}, {"academic", 9}, {"private", 7}, {"international", 2}}

func createWorkshops(ctx context.Context, st *store.Store) ([]model.Workshop, error) {
	var ws []model.Workshop
	for _, p := range Workshops {
		w := model.Workshop{City: p.City, Date: p.Date, Venue: "Centro MAC " + p.City, Focus: p.Focus, Status: model.WorkshopClosed}
		if err := st.CreateWorkshop(ctx, &w); err != nil {
			return nil, err
		}
		ws = append(ws, w)
	}
	return ws, nil
}

// profileSeeds are sample archetypes, one per problem of the seeded process template.
var profileSeeds = []model.UserProfile{
	{Name: "Lideresa de un comedor popular", Description: "Coordina un comedor en un asentamiento humano y gestiona apoyos ante la municipalidad.",
		Needs: "Saber qué programas existen y cómo acceder\nInformación en lenguaje sencillo", Pains: "Trámites que exigen ir varias veces\nRespuestas que no llegan"},
	{Name: "Periodista regional", Description: "Investiga el uso de recursos públicos en su región con pocos medios.",
		Needs: "Datos abiertos actualizados y descargables\nPlazos de respuesta cumplidos", Pains: "Portales desactualizados\nInformación solo en PDF escaneado"},
	{Name: "Dirigente vecinal", Description: "Representa a su junta vecinal ante la municipalidad distrital.",
		Needs: "Conocer en qué se gastó el presupuesto participativo\nEspacios para preguntar a las autoridades", Pains: "Audiencias de rendición de cuentas sin diálogo"},
	{Name: "Joven universitaria", Description: "Estudia en una universidad pública y quiere incidir en las políticas de su ciudad.",
		Needs: "Canales digitales de participación\nSaber qué pasó con sus aportes", Pains: "Consultas sin devolución\nHorarios que chocan con clases"},
	{Name: "Servidor público de una municipalidad", Description: "Atiende solicitudes de acceso a la información en una municipalidad provincial.",
		Needs: "Capacitación en gobierno abierto\nHerramientas para publicar datos", Pains: "Sobrecarga de trabajo\nCultura institucional reacia a abrir información"},
}

func createProfiles(ctx context.Context, st *store.Store) ([]model.UserProfile, error) {
	problems, err := st.Problems(ctx)
	if err != nil {
		return nil, err
	}
	var out []model.UserProfile
	for i, p := range profileSeeds {
		if i < len(problems) {
			p.ProblemID = problems[i].ID
		}
		if err := st.CreateProfile(ctx, &p); err != nil {
			return nil, err
		}
		out = append(out, p)
	}
	return out, nil
}

// newRand is the demo's one random generator, seeded: the demo is the same
// every time. Each use takes its own stream.
func newRand(stream uint64) *rand.Rand { return rand.New(rand.NewPCG(2025, stream)) }

func createTables(ctx context.Context, st *store.Store, ws []model.Workshop, profiles []model.UserProfile) ([][]model.Table, error) {
	rng := newRand(3)
	out := make([][]model.Table, len(ws))
	for wi, w := range ws {
		for n := 1; n <= Workshops[wi].Tables; n++ {
			prof := profiles[(n-1)%len(profiles)]
			t := model.Table{WorkshopID: w.ID, Number: n, ProblemID: prof.ProblemID, ProfileID: prof.ID,
				Facilitator: personName(rng, n%2 == 0), Rapporteur: personName(rng, n%2 == 1)}
			if err := st.CreateTable(ctx, &t); err != nil {
				return nil, err
			}
			out[wi] = append(out[wi], t)
		}
	}
	return out, nil
}

// createParticipants registers, checks in and seats each workshop's people:
// exactly the plan's men and women per city and, over all workshops, its
// sector totals (spread over the workshops by a fixed shuffle).
func createParticipants(ctx context.Context, st *store.Store, ws []model.Workshop, tables [][]model.Table) (int, error) {
	rng := newRand(5)
	var sectors []string
	for _, s := range SectorTotals {
		for i := 0; i < s.Count; i++ {
			sectors = append(sectors, s.Sector)
		}
	}
	rng.Shuffle(len(sectors), func(i, j int) { sectors[i], sectors[j] = sectors[j], sectors[i] })
	total := 0
	for wi, w := range ws {
		plan := Workshops[wi]
		genders := make([]string, 0, plan.Men+plan.Women)
		for i := 0; i < plan.Men; i++ {
			genders = append(genders, "male")
		}
		for i := 0; i < plan.Women; i++ {
			genders = append(genders, "female")
		}
		rng.Shuffle(len(genders), func(i, j int) { genders[i], genders[j] = genders[j], genders[i] })
		day, err := time.ParseInLocation(model.DateLayout, w.Date, lima)
		if err != nil {
			return total, err
		}
		var ps []model.Participant
		for i, g := range genders {
			sector := sectors[total+i]
			name := personName(rng, g == "female")
			arrived := day.Add(8*time.Hour + 30*time.Minute + time.Duration(i)*70*time.Second)
			p := model.Participant{
				Name: name, Gender: g, Sector: sector,
				Organization: organization(rng, sector, w.City),
				Email:        emailFor(name, wi, i),
				Consent:      true, Source: model.SourceDemo,
				CheckedInAt: &arrived,
			}
			if ts := tables[wi]; len(ts) > 0 {
				p.TableID = ts[i%len(ts)].ID
			}
			ps = append(ps, p)
		}
		if err := st.ImportParticipants(ctx, w.ID, ps); err != nil {
			return total, err
		}
		total += len(ps)
	}
	return total, nil
}

var lima = time.FixedZone("PET", -5*60*60)

var (
	womenNames = []string{"María", "Rosa", "Carmen", "Ana", "Luz", "Juana", "Elena", "Gladys", "Milagros", "Patricia",
		"Flor", "Sonia", "Liliana", "Yolanda", "Karina", "Jessica", "Fiorella", "Lucía", "Valeria", "Camila",
		"Roxana", "Nelly", "Marleny", "Edith", "Pilar", "Silvia", "Teresa", "Ruth", "Diana", "Claudia"}
	menNames = []string{"José", "Luis", "Juan", "Carlos", "Jorge", "Víctor", "César", "Miguel", "Pedro", "Julio",
		"Raúl", "Walter", "Alberto", "Óscar", "Fernando", "Manuel", "Jesús", "Ricardo", "Diego", "Renzo",
		"Hugo", "Wilmer", "Percy", "Edwin", "Iván", "Martín", "Javier", "Alfredo", "Rubén", "Andrés"}
	surnames = []string{"Quispe", "Flores", "Sánchez", "Rodríguez", "García", "Mamani", "Huamán", "Chávez", "Ramírez", "Torres",
		"Vásquez", "Rojas", "Díaz", "Mendoza", "Castillo", "Gutiérrez", "Ruiz", "Paredes", "Ccori", "Condori",
		"Salazar", "Ríos", "Tello", "Pérez", "Cárdenas", "Núñez", "Valdivia", "Panduro", "Ahuanari", "Shupingahua",
		"Zapata", "Chumpitaz", "Arévalo", "Yupanqui", "Villanueva", "Montes", "Espinoza", "Llerena", "Tapia", "Aguilar"}
)

func personName(rng *rand.Rand, woman bool) string {
	first := menNames
	if woman {
		first = womenNames
	}
	return first[rng.IntN(len(first))] + " " + surnames[rng.IntN(len(surnames))] + " " + surnames[rng.IntN(len(surnames))]
}

func organization(rng *rand.Rand, sector, city string) string {
	var opts []string
	switch sector {
	case "public":
		opts = []string{"Municipalidad Provincial de " + city, "Gobierno Regional", "Corte Superior de Justicia de " + city,
			"Defensoría del Pueblo", "Contraloría General de la República", "Ministerio de Justicia y Derechos Humanos",
			"Municipalidad Distrital", "Secretaría de Gestión Pública"}
	case "civil_society":
		opts = []string{"Junta vecinal", "Colectivo ciudadano", "Asociación de comedores populares", "Red de jóvenes",
			"Organización de mujeres", "Consejo de coordinación local", "Asociación de personas con discapacidad"}
	case "academic":
		opts = []string{"Universidad Nacional", "Universidad privada", "Instituto de educación superior"}
	case "private":
		opts = []string{"Cámara de comercio", "Empresa de tecnología", "Estudio de abogados"}
	default:
		opts = []string{"Organismo de cooperación internacional", "Agencia de Naciones Unidas"}
	}
	return opts[rng.IntN(len(opts))]
}

// emailFor makes a unique, clearly fictitious address (example.org is reserved).
func emailFor(name string, workshop, i int) string {
	parts := strings.Fields(model.Fold(name))
	local := parts[0]
	if len(parts) > 1 {
		local += "." + parts[1]
	}
	return fmt.Sprintf("%s.%d%02d@example.org", local, workshop+1, i+1)
}
