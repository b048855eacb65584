-- 010_route_guides: the methodological route's content for the tables, part
-- of the process template the Secretariat edits.
-- phase_guides: the facilitator's script for each phase of the route (goal,
-- prompt for the table, expected output, suggested minutes). An empty text
-- means "the standard text for this phase" (i18n "guide.<phase>.<field>"),
-- so the standard route reads in the screen's language; minutes 0 means no
-- suggested time.
CREATE TABLE phase_guides (
    phase      TEXT PRIMARY KEY CHECK (phase IN ('topic','needs','stories','ideas','prioritize','prototype')),
    goal       TEXT NOT NULL DEFAULT '',
    prompt     TEXT NOT NULL DEFAULT '',
    output     TEXT NOT NULL DEFAULT '',
    minutes    INTEGER NOT NULL DEFAULT 0 CHECK (minutes BETWEEN 0 AND 240),
    position   INTEGER NOT NULL,
    updated_at TEXT NOT NULL DEFAULT ''
);
INSERT INTO phase_guides(phase, minutes, position) VALUES
    ('topic', 10, 1), ('needs', 20, 2), ('stories', 20, 3),
    ('ideas', 25, 4), ('prioritize', 15, 5), ('prototype', 30, 6);

-- problems.challenge: the "¿Cómo podríamos…?" question the tables working on
-- the problem answer in the ideas phase.
ALTER TABLE problems ADD COLUMN challenge TEXT NOT NULL DEFAULT '';

-- The five problems of the VI plan's preparatory stage (store.seedProblems)
-- get their challenge where nobody has written one.
UPDATE problems SET challenge = '¿Cómo podríamos fortalecer las capacidades de la ciudadanía para acceder a la información pública y participar en las decisiones públicas?'
    WHERE challenge = '' AND title = 'Capacidades ciudadanas';
UPDATE problems SET challenge = '¿Cómo podríamos poner al alcance de la ciudadanía, por medios físicos y digitales, los datos públicos de alto valor?'
    WHERE challenge = '' AND title = 'Instrumentos y herramientas';
UPDATE problems SET challenge = '¿Cómo podríamos lograr que la rendición de cuentas sea útil y oportuna para la toma de decisiones públicas?'
    WHERE challenge = '' AND title = 'Mecanismos de rendición de cuentas';
UPDATE problems SET challenge = '¿Cómo podríamos crear espacios de participación ciudadana que generen valor público?'
    WHERE challenge = '' AND title = 'Participación ciudadana efectiva';
UPDATE problems SET challenge = '¿Cómo podríamos fortalecer en los servidores públicos las capacidades y la cultura institucional que promueven los principios de Gobierno Abierto?'
    WHERE challenge = '' AND title = 'Capacidades institucionales';
