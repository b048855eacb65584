package demo

import "github.com/minka-gob/minka/internal/model"

// The 29 sample solution ideas of the demo, modelled on the VI plan's
// co-creation process (chapter 3) and its 11 commitments.
//
// Distribution (the plan's Table 3, completed): the printed Table 3 adds up
// to 25 ideas because its transparency rows sum to 9 while the text says 13.
// Piura and Arequipa are the only cities with no transparency row at all,
// so the 4 missing transparency ideas are placed there, 2 and 2 — the most
// plausible reading of rows lost from the printed table. That gives:
//
//	workshop                  integrity participation accountability transparency total
//	Lima                          1           3             1             4         9
//	Piura                         0           2             1             2*        5
//	Iquitos                       0           2             0             2         4
//	Arequipa                      0           2             1             2*        5
//	Lima (Justicia Abierta)       1           1             1             3         6
//	total                         2          10             4            13        29
//
// (* the transparency ideas the printed table is missing.) Two merges: the
// internal review merges two requests for a single access-to-information
// platform (Lima and Iquitos) into one sheet, which became commitment 11;
// the validation workshop merges Piura's school information brigades into
// the youth volunteering idea (commitment 3). Decisions: 18 ideas
// prioritized (17 sheets: 11 commitments, 6 others), 1 merged into another,
// 10 not prioritized.

type demoIdea struct {
	workshop     int // index in demoWorkshopDates
	problem      int // index of the seeded problem the table worked on
	principle    string
	title        string
	description  string
	contribution string
	relevance    string
	responsible  string
	quality      float64 // the Forum's underlying opinion, 1–5
	contested    bool    // public and civil-society members disagree
	group        int     // ideas with the same non-zero group are merged in the review
	outcome      string
	commitment   int
	entity       string
	mergeInto    int // for the "merged" outcome: index of the idea whose sheet absorbs it
	rationale    string
}

// demoWorkshopDates identifies the VI plan's five workshops (Table 1).
var demoWorkshopDates = []string{"2025-05-23", "2025-06-05", "2025-06-12", "2025-06-20", "2025-07-18"}

const (
	pT = model.PrincipleTransparency
	pP = model.PrincipleParticipation
	pA = model.PrincipleAccountability
	pI = model.PrincipleIntegrity
)

var demoIdeas = []demoIdea{
	// ---- Lima, 23 May 2025 ----
	{workshop: 0, problem: 4, principle: pI, quality: 4.3,
		title:        "Pactos de integridad con veeduría multiactor en las compras públicas",
		description:  "Activar los pactos de integridad firmados en los procesos de contratación mediante comités de veeduría con sociedad civil, gremios y academia que siguen cada etapa del proceso y publican sus hallazgos.",
		contribution: "Reduce los espacios de discrecionalidad y de colusión en las contrataciones al sumar ojos externos y reportes públicos en cada etapa.",
		relevance:    "Integridad pública: institucionaliza la vigilancia multiactor y la publicidad de los compromisos éticos de proveedores y entidades.",
		responsible:  "Presidencia del Consejo de Ministros (Secretaría de Integridad Pública); OECE; gremios empresariales.",
		outcome:      model.OutcomeCommitment, commitment: 4, entity: "Presidencia del Consejo de Ministros, a través de la Secretaría de Integridad Pública",
		rationale: "Alto puntaje en relevancia e impacto y consenso entre los sectores. La Secretaría de Integridad Pública confirmó que puede institucionalizar la veeduría sobre pactos ya firmados: se convierte en el compromiso 4."},
	{workshop: 0, problem: 3, principle: pP, quality: 4.4,
		title:        "Participa Perú: un canal único e inclusivo de participación digital",
		description:  "Rediseñar la plataforma Participa Perú con un modelo de gobernanza que reúna en un solo canal las consultas, convocatorias y procesos participativos de todas las entidades.",
		contribution: "Hoy cada entidad convoca por su cuenta y la ciudadanía no sabe dónde participar; un canal único con reglas comunes hace visibles los procesos y sus resultados.",
		relevance:    "Participación ciudadana: amplía y ordena los espacios de participación con devolución de resultados.",
		responsible:  "PCM: Secretaría de Gestión Pública y Secretaría de Gobierno y Transformación Digital.",
		outcome:      model.OutcomeCommitment, commitment: 10, entity: "Presidencia del Consejo de Ministros, a través de la Secretaría de Gestión Pública y la Secretaría de Gobierno y Transformación Digital",
		rationale: "Primeros puestos del ranking en todos los escenarios de pesos. La PCM asumió el rediseño de la gobernanza de la plataforma: compromiso 10."},
	{workshop: 0, problem: 0, principle: pP, quality: 3.9,
		title:        "Escuela ciudadana de Gobierno Abierto en los Centros MAC",
		description:  "Talleres cortos y gratuitos en los Centros MAC sobre cómo pedir información pública, participar en consultas y presentar denuncias.",
		contribution: "Ataca la falta de capacidades ciudadanas en el lugar donde la gente ya acude a hacer trámites.",
		relevance:    "Participación ciudadana y transparencia: fortalece las capacidades para ejercer derechos.",
		responsible:  "PCM (Secretaría de Gestión Pública); Centros MAC; ANTAIP.",
		outcome:      model.OutcomePrioritized,
		rationale:    "Priorizada por su relevancia y bajo costo. Ninguna entidad confirmó aún su ejecución en este ciclo; queda en la lista priorizada para ser asumida por la red de Centros MAC."},
	{workshop: 0, problem: 3, principle: pP, quality: 3.1,
		title:        "Consejos consultivos juveniles distritales",
		description:  "Crear consejos de jóvenes en cada distrito de Lima Metropolitana que opinen sobre el presupuesto y los proyectos municipales.",
		contribution: "Abre un espacio estable de participación para jóvenes, hoy ausentes de las decisiones locales.",
		relevance:    "Participación ciudadana de grupos subrepresentados.",
		responsible:  "Municipalidades distritales; Secretaría Nacional de la Juventud.",
		outcome:      model.OutcomeNotPrioritized,
		rationale:    "Puntaje bajo en viabilidad financiera y operativa: depende de 43 municipalidades que no forman parte del Plan. Se recomienda canalizarla a través del compromiso 10 (Participa Perú)."},
	{workshop: 0, problem: 2, principle: pA, quality: 3.4, contested: true,
		title:        "Tablero de seguimiento de promesas de autoridades electas",
		description:  "Un tablero público que compare los planes de gobierno de las autoridades electas con su ejecución presupuestal y sus obras.",
		contribution: "Permite a la ciudadanía pedir cuentas con datos, no solo con percepciones.",
		relevance:    "Rendición de cuentas de las autoridades elegidas.",
		responsible:  "Jurado Nacional de Elecciones; MEF; Contraloría General de la República.",
		outcome:      model.OutcomeNotPrioritized,
		rationale:    "Idea en debate: alta dispersión entre sectores. La deliberación concluyó que comparar planes de gobierno con la ejecución excede el mandato de las entidades del Foro; se registra como insumo para el próximo plan."},
	{workshop: 0, problem: 1, principle: pT, quality: 4.5,
		title:        "Citas médicas en línea en el primer nivel de atención",
		description:  "Reservar citas de los establecimientos de salud del primer nivel desde el teléfono o la web, con información clara de horarios y especialidades.",
		contribution: "Evita colas de madrugada y viajes innecesarios; publica la oferta real de atención.",
		relevance:    "Transparencia y acceso a la información sobre servicios de salud.",
		responsible:  "Ministerio de Salud (MINSA Digital).",
		outcome:      model.OutcomeCommitment, commitment: 2, entity: "Ministerio de Salud",
		rationale: "Entre las mejor puntuadas en impacto y relevancia. El Ministerio de Salud la asumió para Lima Metropolitana: compromiso 2."},
	{workshop: 0, problem: 1, principle: pT, quality: 4.6, group: 1,
		title:        "Ventanilla única digital para solicitudes de acceso a la información",
		description:  "Un solo formulario en línea para pedir información a cualquier entidad, con número de seguimiento y plazos visibles.",
		contribution: "Hoy cada entidad tiene su propio canal; la ciudadanía se pierde y los plazos no se controlan.",
		relevance:    "Transparencia y acceso a la información pública.",
		responsible:  "Ministerio de Justicia y Derechos Humanos (ANTAIP); PCM (SGTD).",
		outcome:      model.OutcomeCommitment, commitment: 11, entity: "Ministerio de Justicia y Derechos Humanos, a través de la ANTAIP, y Presidencia del Consejo de Ministros, a través de la Secretaría de Gobierno y Transformación Digital",
		rationale: "Ficha que reúne las propuestas de Lima e Iquitos. Primer puesto del ranking, estable ante cambios de pesos. Se convierte en el compromiso 11: la Plataforma de Acceso a la Información Pública (PAIP)."},
	{workshop: 0, problem: 1, principle: pT, quality: 3.8,
		title:        "Datos abiertos del transporte público en tiempo real",
		description:  "Publicar en formatos abiertos las rutas, paraderos y la posición de los buses del transporte público de Lima y Callao.",
		contribution: "Permite aplicaciones ciudadanas y control del servicio con datos verificables.",
		relevance:    "Transparencia y datos abiertos de alto valor.",
		responsible:  "Autoridad de Transporte Urbano para Lima y Callao (ATU).",
		outcome:      model.OutcomePrioritized,
		rationale:    "Priorizada: buen puntaje en impacto e innovación. La ATU no participó en la definición de compromisos de este ciclo; se mantiene en la lista priorizada."},
	{workshop: 0, problem: 0, principle: pT, quality: 3.3,
		title:        "Lenguaje claro en los portales de transparencia",
		description:  "Reescribir en lenguaje claro las secciones más consultadas de los portales de transparencia estándar.",
		contribution: "La información existe pero no se entiende; el lenguaje claro la vuelve útil.",
		relevance:    "Transparencia y acceso efectivo a la información.",
		responsible:  "PCM (Secretaría de Gestión Pública); entidades del Poder Ejecutivo.",
		outcome:      model.OutcomeNotPrioritized,
		rationale:    "Puntaje medio y bajo en innovación. Se incorporará como criterio de diseño en el compromiso 11 (PAIP) en lugar de ser un compromiso aparte."},

	// ---- Piura, 5 June 2025 ----
	{workshop: 1, problem: 0, principle: pP, quality: 4.2,
		title:        "Voluntariado juvenil «Información que empodera»",
		description:  "Jóvenes voluntarios de institutos y universidades enseñan en sus comunidades a usar los canales de información y participación del Estado.",
		contribution: "Multiplica las capacidades ciudadanas con agentes cercanos y de confianza.",
		relevance:    "Participación ciudadana y acceso a la información.",
		responsible:  "Ministerio de Educación; universidades e institutos.",
		outcome:      model.OutcomeCommitment, commitment: 3, entity: "Ministerio de Educación",
		rationale: "Alto puntaje en relevancia e impacto. El Ministerio de Educación lo asumió: compromiso 3. Integra también la propuesta de brigadas escolares de Piura."},
	{workshop: 1, problem: 3, principle: pP, quality: 3.9,
		title:        "Brigadas escolares de información pública",
		description:  "Estudiantes de secundaria forman brigadas que difunden en su colegio y barrio cómo pedir información y participar.",
		contribution: "Acerca la información pública a las familias a través de la escuela.",
		relevance:    "Participación ciudadana.",
		responsible:  "Ministerio de Educación; UGEL de Piura.",
		outcome:      model.OutcomeMerged, mergeInto: 9,
		rationale: "Coincide en objetivo y público con el voluntariado juvenil «Información que empodera». El taller de validación decidió integrarla en esa ficha, que se convirtió en el compromiso 3."},
	{workshop: 1, problem: 2, principle: pA, quality: 3.7,
		title:        "Audiencias públicas regionales en lenguaje sencillo",
		description:  "Audiencias de rendición de cuentas del gobierno regional con presentaciones breves, en lenguaje sencillo y con preguntas ciudadanas respondidas por escrito.",
		contribution: "Convierte un trámite formal en un espacio real de rendición de cuentas.",
		relevance:    "Rendición de cuentas.",
		responsible:  "Gobierno Regional de Piura; Defensoría del Pueblo.",
		outcome:      model.OutcomePrioritized,
		rationale:    "Priorizada: consenso en relevancia. Depende de gobiernos regionales que no suscriben el Plan en este ciclo; se comunica al Gobierno Regional de Piura como buena práctica."},
	{workshop: 1, problem: 1, principle: pT, quality: 4.2,
		title:        "Libre acceso a la información de residuos sólidos (SIGERSOL)",
		description:  "Un módulo de libre acceso con la información que municipalidades y empresas reportan en SIGERSOL sobre generación, recolección y disposición de residuos.",
		contribution: "Permite a la ciudadanía y a investigadores vigilar la gestión de residuos con datos oficiales.",
		relevance:    "Transparencia ambiental y datos abiertos.",
		responsible:  "Ministerio del Ambiente.",
		outcome:      model.OutcomeCommitment, commitment: 8, entity: "Ministerio del Ambiente",
		rationale: "Alta viabilidad técnica: los datos ya existen. El Ministerio del Ambiente lo asumió: compromiso 8."},
	{workshop: 1, problem: 1, principle: pT, quality: 3.2,
		title:        "Mapa abierto de obras por impuestos en la región",
		description:  "Un mapa con las obras ejecutadas por el mecanismo de obras por impuestos, su avance y sus costos.",
		contribution: "Hace visible un mecanismo de inversión poco conocido.",
		relevance:    "Transparencia en la inversión pública.",
		responsible:  "ProInversión; MEF.",
		outcome:      model.OutcomeNotPrioritized,
		rationale:    "Puntaje bajo en relevancia frente a otras ideas de transparencia; su contenido queda cubierto en parte por el observatorio de contrataciones (compromiso 9)."},

	// ---- Iquitos, 12 June 2025 ----
	{workshop: 2, problem: 3, principle: pP, quality: 3.8, contested: true,
		title:        "Mesas de diálogo itinerantes en comunidades ribereñas",
		description:  "Mesas de diálogo que viajan por los ríos con representantes de las entidades para recoger demandas de comunidades alejadas.",
		contribution: "Lleva la participación a quienes no pueden viajar a la ciudad.",
		relevance:    "Participación ciudadana con enfoque territorial e intercultural.",
		responsible:  "Gobierno Regional de Loreto; PCM (Secretaría de Descentralización).",
		outcome:      model.OutcomePrioritized,
		rationale:    "En debate por su costo operativo, pero con muy alta relevancia según sociedad civil. Se prioriza y se vincula a las campañas itinerantes del compromiso 1."},
	{workshop: 2, problem: 0, principle: pP, quality: 3.3,
		title:        "Radio comunitaria para la participación amazónica",
		description:  "Espacios en radios comunitarias para informar sobre consultas públicas y recoger opiniones por teléfono.",
		contribution: "Usa el medio más escuchado en la Amazonía para informar y consultar.",
		relevance:    "Participación ciudadana y acceso a la información.",
		responsible:  "Gobierno Regional de Loreto; radios comunitarias.",
		outcome:      model.OutcomeNotPrioritized,
		rationale:    "Puntaje medio e incertidumbre sobre quién la financiaría. Se recomienda incluirla en la estrategia de difusión del compromiso 10."},
	{workshop: 2, problem: 1, principle: pT, quality: 4.4,
		title:        "Campañas médicas itinerantes con información abierta",
		description:  "Campañas médicas y quirúrgicas itinerantes en zonas de difícil acceso, con información pública previa sobre fechas, especialidades y resultados.",
		contribution: "Reduce brechas de atención especializada y permite vigilar la cobertura real de las campañas.",
		relevance:    "Transparencia y rendición de cuentas en salud.",
		responsible:  "Ministerio de Salud.",
		outcome:      model.OutcomeCommitment, commitment: 1, entity: "Ministerio de Salud",
		rationale: "Muy alta relevancia pública para la Amazonía. El Ministerio de Salud la asumió como «Salud en Acción»: compromiso 1."},
	{workshop: 2, problem: 1, principle: pT, quality: 4.3, group: 1,
		title:        "Solicitudes de información en línea para las regiones amazónicas",
		description:  "Poder pedir información pública por internet o por teléfono sin viajar a la sede de la entidad.",
		contribution: "Elimina el costo de viajar para ejercer el derecho de acceso a la información.",
		relevance:    "Transparencia y acceso a la información pública.",
		responsible:  "ANTAIP; gobiernos regionales.",
	},
	// (Its sheet is merged in the review with the Lima single-window idea: the decision is that sheet's.)

	// ---- Arequipa, 20 June 2025 ----
	{workshop: 3, problem: 3, principle: pP, quality: 3.4, contested: true,
		title:        "Presupuesto participativo con votación digital",
		description:  "Votación en línea de los proyectos del presupuesto participativo, además de las asambleas presenciales.",
		contribution: "Amplía el número de personas que deciden sobre el presupuesto local.",
		relevance:    "Participación ciudadana en decisiones públicas.",
		responsible:  "Municipalidades; MEF.",
		outcome:      model.OutcomeNotPrioritized,
		rationale:    "En debate: alta dispersión entre sectores sobre su viabilidad legal. El MEF indicó que requiere cambios normativos fuera del plazo del Plan."},
	{workshop: 3, problem: 0, principle: pP, quality: 3.2,
		title:        "Formación de vigilantes ciudadanos",
		description:  "Un programa de formación para que organizaciones vecinales vigilen obras y servicios públicos.",
		contribution: "Fortalece capacidades de control social.",
		relevance:    "Participación ciudadana y rendición de cuentas.",
		responsible:  "Contraloría General de la República; universidades.",
		outcome:      model.OutcomeNotPrioritized,
		rationale:    "La Contraloría ya ejecuta un programa similar (monitores ciudadanos); se deriva a ese programa."},
	{workshop: 3, problem: 2, principle: pA, quality: 4.1,
		title:        "«Integridad pública cerca de ti»: orientación e innovación en los canales de denuncia",
		description:  "Orientación presencial y digital para presentar denuncias de corrupción, con seguimiento del caso y protección de la persona denunciante.",
		contribution: "Quien quiere denunciar no sabe cómo ni confía en que sirva; la orientación y el seguimiento cambian eso.",
		relevance:    "Rendición de cuentas e integridad.",
		responsible:  "PCM (Secretaría de Integridad Pública); oficinas de integridad de las entidades.",
		outcome:      model.OutcomeCommitment, commitment: 5, entity: "Presidencia del Consejo de Ministros, a través de la Secretaría de Integridad Pública",
		rationale: "Alto impacto y viabilidad. La Secretaría de Integridad Pública la asumió: compromiso 5."},
	{workshop: 3, problem: 1, principle: pT, quality: 4.5,
		title:        "Observatorio de contrataciones públicas con módulo de obras",
		description:  "Un observatorio en línea con indicadores de las contrataciones públicas y un capítulo especial sobre obras, con consultas y reportes de fácil lectura.",
		contribution: "Permite detectar patrones de riesgo y vigilar las obras con datos oficiales.",
		relevance:    "Transparencia y rendición de cuentas en contrataciones.",
		responsible:  "Organismo Especializado para las Contrataciones Públicas Eficientes (OECE).",
		outcome:      model.OutcomeCommitment, commitment: 9, entity: "Organismo Especializado para las Contrataciones Públicas Eficientes",
		rationale: "Entre las mejor puntuadas y estable ante cambios de pesos. El OECE lo asumió: compromiso 9."},
	{workshop: 3, problem: 4, principle: pT, quality: 3.8,
		title:        "Registro abierto de visitas y agendas de funcionarios",
		description:  "Publicar en datos abiertos las visitas y reuniones de los funcionarios de alto nivel, con su objeto.",
		contribution: "Hace visible quién influye en las decisiones públicas.",
		relevance:    "Transparencia e integridad.",
		responsible:  "PCM (Secretaría de Integridad Pública); entidades del Poder Ejecutivo.",
		outcome:      model.OutcomePrioritized,
		rationale:    "Priorizada por relevancia y viabilidad técnica. Se propone articularla con la normativa de gestión de intereses vigente; ninguna entidad la asumió como compromiso en este ciclo."},

	// ---- Lima (Justicia Abierta), 18 July 2025 ----
	{workshop: 4, problem: 4, principle: pI, quality: 4.2,
		title:        "Programa nacional de formación en justicia abierta",
		description:  "Formación para jueces y personal judicial en transparencia, integridad, lenguaje claro y atención a la ciudadanía.",
		contribution: "Cambia la cultura institucional que hoy frena la apertura de la justicia.",
		relevance:    "Integridad pública y justicia abierta.",
		responsible:  "Poder Judicial; Academia de la Magistratura.",
		outcome:      model.OutcomeCommitment, commitment: 7, entity: "Poder Judicial",
		rationale: "Consenso amplio y alta viabilidad. El Poder Judicial lo asumió: compromiso 7."},
	{workshop: 4, problem: 3, principle: pP, quality: 3.0,
		title:        "Consulta ciudadana sobre la reforma de los servicios judiciales",
		description:  "Una consulta pública nacional sobre las prioridades de la reforma de los servicios de justicia.",
		contribution: "Incorpora la voz de las personas usuarias en la reforma.",
		relevance:    "Participación ciudadana en la justicia.",
		responsible:  "Poder Judicial; Ministerio de Justicia y Derechos Humanos.",
		outcome:      model.OutcomeNotPrioritized,
		rationale:    "Puntaje bajo en viabilidad operativa en el plazo del Plan. Podrá realizarse a través de Participa Perú (compromiso 10)."},
	{workshop: 4, problem: 2, principle: pA, quality: 3.7,
		title:        "Indicadores públicos de desempeño de los juzgados",
		description:  "Publicar por juzgado la carga procesal, los plazos promedio y las audiencias reprogramadas.",
		contribution: "Permite exigir mejoras con datos comparables.",
		relevance:    "Rendición de cuentas en la justicia.",
		responsible:  "Poder Judicial.",
		outcome:      model.OutcomePrioritized,
		rationale:    "Priorizada. El Poder Judicial la incorporará como fase posterior de la Ventanilla Judicial Transparente (compromiso 6)."},
	{workshop: 4, problem: 1, principle: pT, quality: 4.4,
		title:        "Ventanilla Judicial Transparente",
		description:  "Un canal único, presencial y digital, para consultar el estado de los expedientes y recibir orientación en lenguaje claro.",
		contribution: "Reduce la incertidumbre y los viajes de las personas usuarias del sistema de justicia.",
		relevance:    "Transparencia y acceso a la justicia.",
		responsible:  "Poder Judicial.",
		outcome:      model.OutcomeCommitment, commitment: 6, entity: "Poder Judicial",
		rationale: "Alto puntaje en relevancia e impacto. El Poder Judicial la asumió: compromiso 6."},
	{workshop: 4, problem: 0, principle: pT, quality: 3.3,
		title:        "Resoluciones judiciales en lenguaje claro",
		description:  "Acompañar cada resolución con un resumen en lenguaje claro para las partes.",
		contribution: "Las personas entienden qué se decidió en su caso y qué pueden hacer.",
		relevance:    "Transparencia y acceso a la justicia.",
		responsible:  "Poder Judicial.",
		outcome:      model.OutcomeNotPrioritized,
		rationale:    "Se valora su relevancia, pero su contenido se incluirá en el programa de formación (compromiso 7) y en la Ventanilla Judicial Transparente (compromiso 6)."},
	{workshop: 4, problem: 1, principle: pT, quality: 3.5,
		title:        "Sentencias en datos abiertos",
		description:  "Publicar las sentencias en formatos abiertos y anonimizados, con buscador.",
		contribution: "Facilita la investigación y el control ciudadano de la jurisprudencia.",
		relevance:    "Transparencia y datos abiertos.",
		responsible:  "Poder Judicial.",
		outcome:      model.OutcomeNotPrioritized,
		rationale:    "Baja viabilidad técnica y legal en el plazo del Plan por la anonimización de datos personales; se propone un piloto en el siguiente ciclo."},
}

// demoMember is a sample Forum member (fictional people; organizations of
// the Forum's four sectors).
type demoMember struct {
	name, organization, sector string
	bias                       float64
	recuse                     []int // idea indexes (their sheet) with a declared conflict of interest
	conflict                   string
	drafts                     int // how many of the last sheets are left in draft
}

var demoMembers = []demoMember{
	{name: "Rosa Quispe Mamani", organization: "Autoridad Nacional de Transparencia y Acceso a la Información Pública", sector: "public", bias: 0.1,
		recuse: []int{6}, conflict: "La ANTAIP sería la entidad responsable de la plataforma propuesta."},
	{name: "Jorge Huamán Torres", organization: "Contraloría General de la República", sector: "public", bias: -0.2,
		recuse: []int{0}, conflict: "La Contraloría ejerce control sobre los procesos de contratación en los que se aplicarían los pactos."},
	{name: "Lucía Paredes Rojas", organization: "Defensoría del Pueblo", sector: "public", bias: 0},
	{name: "Carmen Flores Ccahuana", organization: "Asociación Vigilancia Ciudadana Andina", sector: "civil_society", bias: 0.2},
	{name: "Miguel Sánchez Villanueva", organization: "Colectivo Datos Abiertos Perú", sector: "civil_society", bias: 0.1},
	{name: "Ana Tello Gutiérrez", organization: "Red de Jóvenes por la Integridad", sector: "civil_society", bias: 0.3},
	{name: "Pedro Condori Apaza", organization: "Universidad Nacional de San Agustín de Arequipa", sector: "academic", bias: -0.1,
		recuse: []int{18}, conflict: "Nuestro equipo de investigación desarrolló el prototipo presentado en el taller de Arequipa."},
	{name: "Elena Vargas Salazar", organization: "Consorcio de Universidades por el Estado Abierto", sector: "academic", bias: 0},
	{name: "Ricardo Medina Chávez", organization: "Gremio Empresarial por la Integridad", sector: "private", bias: -0.3},
	{name: "Sofía Ramírez León", organization: "Asociación de Emprendedores Digitales del Perú", sector: "private", bias: 0.1, drafts: 3},
}

// demoObservations are sample qualitative observations.
var demoObservations = []string{
	"Conviene precisar indicadores de resultado y no solo de actividad.",
	"Alta relevancia, pero el presupuesto necesario no está claro en la ficha.",
	"Sugerimos incluir un enfoque intercultural y de accesibilidad desde el diseño.",
	"Existe una iniciativa parecida en curso; convendría articular antes de duplicar.",
	"La viabilidad legal depende de una norma que aún no se aprueba.",
	"Idea muy innovadora; recomendamos un piloto en una región antes de escalar.",
	"Falta identificar con claridad a la entidad responsable.",
	"Recomendamos publicar los datos en formatos abiertos desde el inicio.",
	"Buena propuesta; su sostenibilidad requiere personal dedicado.",
	"Debe considerarse la protección de datos personales.",
}
