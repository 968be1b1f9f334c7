-- The record's tables. Every rule the loader checks is stated here again, so the
-- database refuses a wrong row even if the loader's checks miss it.
-- References to the fixed keys (heading, kind, status, body) are CHECKs against the same
-- lists the lookup tables hold: as strict as a foreign key, and a million rows check in
-- milliseconds instead of seconds. References to data-defined rows (items, sessions,
-- documents, sources) are foreign keys, except on links and items.source_id (see links). An
-- explanation and its Chinese twin (note, note_zh) come in pairs in the record
-- (transforms/record/twins.py); not restated here, since an older version read for a diff keeps
-- its English-only notes.

CREATE TABLE sources (
    source_id         VARCHAR PRIMARY KEY CHECK (regexp_full_match(source_id, '[a-z0-9][a-z0-9_.\-]*')),
    symbol            VARCHAR,
    title_en          VARCHAR NOT NULL CHECK (title_en <> ''),
    title_zh          VARCHAR NOT NULL CHECK (title_zh <> ''),
    language          VARCHAR NOT NULL CHECK (language IN ('en', 'zh')),
    original_language VARCHAR NOT NULL CHECK (original_language IN ('en', 'zh')),
    issued_date       DATE,
    agenda_item       VARCHAR,
    path              VARCHAR NOT NULL,
    note              VARCHAR,
    note_zh           VARCHAR
);

CREATE TABLE headings (
    heading          VARCHAR PRIMARY KEY
                     CHECK (heading IN ('prevention', 'protection', 'prosecution', 'partnerships', 'cross_cutting')),
    sort_order       INTEGER NOT NULL,
    label_en         VARCHAR NOT NULL CHECK (label_en <> ''),
    label_zh         VARCHAR NOT NULL CHECK (label_zh <> ''),
    basis            VARCHAR NOT NULL CHECK (basis IN ('source', 'curated')),
    source_id        VARCHAR REFERENCES sources (source_id),
    source_paragraph VARCHAR CHECK (regexp_full_match(source_paragraph, '[0-9]+|annex-[0-9]+|header|fn[0-9]+|fn\*')),
    quote         VARCHAR,
    CHECK (basis = 'curated' OR (source_id IS NOT NULL AND source_paragraph IS NOT NULL AND quote IS NOT NULL))
);

CREATE TABLE kinds (
    kind       VARCHAR PRIMARY KEY CHECK (kind IN ('requirement', 'recommendation', 'topic')),
    sort_order INTEGER NOT NULL,
    label_en   VARCHAR NOT NULL CHECK (label_en <> ''),
    label_zh   VARCHAR NOT NULL CHECK (label_zh <> '')
);

CREATE TABLE statuses (
    status     VARCHAR PRIMARY KEY CHECK (status IN ('done', 'pending', 'proposed')),
    rank       INTEGER NOT NULL UNIQUE,
    label_en   VARCHAR NOT NULL CHECK (label_en <> ''),
    label_zh   VARCHAR NOT NULL CHECK (label_zh <> ''),
    meaning_en VARCHAR NOT NULL,
    meaning_zh VARCHAR NOT NULL
);

CREATE TABLE bodies (
    body       VARCHAR PRIMARY KEY CHECK (body IN ('wg', 'cop', 'bureau', 'ga')),
    sort_order INTEGER NOT NULL,
    label_en   VARCHAR NOT NULL CHECK (label_en <> ''),
    label_zh   VARCHAR NOT NULL CHECK (label_zh <> '')
);

CREATE TABLE sessions (
    session_id       VARCHAR PRIMARY KEY CHECK (regexp_full_match(session_id, '[a-z0-9][a-z0-9_.\-]*')),
    body             VARCHAR NOT NULL CHECK (body IN ('wg', 'cop', 'bureau', 'ga')),
    number           INTEGER NOT NULL,
    sequence         INTEGER NOT NULL UNIQUE,
    title_en         VARCHAR NOT NULL CHECK (title_en <> ''),
    title_zh         VARCHAR NOT NULL CHECK (title_zh <> ''),
    start_date       DATE,
    end_date         DATE,
    venue_en         VARCHAR,
    venue_zh         VARCHAR,
    source_id        VARCHAR NOT NULL REFERENCES sources (source_id),
    source_paragraph VARCHAR NOT NULL CHECK (regexp_full_match(source_paragraph, '[0-9]+|annex-[0-9]+|header|fn[0-9]+|fn\*')),
    quote         VARCHAR NOT NULL CHECK (quote <> ''),
    note             VARCHAR,
    note_zh          VARCHAR,
    CHECK ((start_date IS NULL) = (end_date IS NULL)),
    CHECK (end_date >= start_date)
);

CREATE TABLE documents (
    document_id        VARCHAR PRIMARY KEY CHECK (regexp_full_match(document_id, '[a-z0-9][a-z0-9_.\-]*')),
    symbol             VARCHAR,
    cited_for_en       VARCHAR NOT NULL CHECK (cited_for_en <> ''),
    cited_for_zh       VARCHAR NOT NULL CHECK (cited_for_zh <> ''),
    session_id         VARCHAR NOT NULL REFERENCES sessions (session_id),
    source_id          VARCHAR NOT NULL REFERENCES sources (source_id),
    source_paragraph   VARCHAR NOT NULL CHECK (regexp_full_match(source_paragraph, '[0-9]+|annex-[0-9]+|header|fn[0-9]+|fn\*')),
    cited_in_paragraph VARCHAR NOT NULL CHECK (regexp_full_match(cited_in_paragraph, '[0-9]+|annex-[0-9]+|header|fn[0-9]+|fn\*')),
    quote           VARCHAR NOT NULL CHECK (quote <> ''),
    note               VARCHAR,
    note_zh            VARCHAR
);

CREATE TABLE items (
    item_id           VARCHAR PRIMARY KEY CHECK (regexp_full_match(item_id, '[a-z0-9][a-z0-9_.\-]*')),
    kind              VARCHAR NOT NULL CHECK (kind IN ('requirement', 'recommendation', 'topic')),
    heading           VARCHAR NOT NULL
                      CHECK (heading IN ('prevention', 'protection', 'prosecution', 'partnerships', 'cross_cutting')),
    heading_basis     VARCHAR NOT NULL CHECK (heading_basis IN ('source', 'curated')),
    heading_rationale VARCHAR,
    heading_rationale_zh VARCHAR,
    plan_paragraph    INTEGER CHECK (plan_paragraph > 0),
    title_en          VARCHAR NOT NULL CHECK (title_en <> ''),
    title_zh          VARCHAR NOT NULL CHECK (title_zh <> ''),
    source_id         VARCHAR NOT NULL,  -- checked by the loader, as on links (below)
    source_paragraph  VARCHAR NOT NULL CHECK (regexp_full_match(source_paragraph, '[0-9]+|annex-[0-9]+|header|fn[0-9]+|fn\*')),
    quote          VARCHAR NOT NULL CHECK (quote <> ''),
    note              VARCHAR,
    note_zh           VARCHAR,
    CHECK ((kind = 'requirement') = (plan_paragraph IS NOT NULL)),
    CHECK (heading_basis = 'source' OR coalesce(heading_rationale, '') <> '')
);

-- links is the table that grows (a million rows at 1M links): its key (item_id, session_id) and
-- its references to items, sessions, documents and sources are checked by the loader, in
-- set-based SQL over the staged rows just before this table is filled (Stage.check_keys and
-- Stage.check_references name the line), and not declared here: DuckDB checks a primary or
-- foreign key row by row through an index, which took a third of the build at 1M links and
-- serves no query (the database is only read once built). Its other rules stay declared.
CREATE TABLE links (
    item_id          VARCHAR NOT NULL,
    session_id       VARCHAR NOT NULL,
    status           VARCHAR NOT NULL CHECK (status IN ('done', 'pending', 'proposed')),
    document_id      VARCHAR,
    source_id        VARCHAR NOT NULL,
    source_paragraph VARCHAR NOT NULL CHECK (regexp_full_match(source_paragraph, '[0-9]+|annex-[0-9]+|header|fn[0-9]+|fn\*')),
    quote         VARCHAR NOT NULL CHECK (quote <> ''),
    note             VARCHAR,
    note_zh          VARCHAR
);

-- An item (a recommendation or topic) that takes up a Plan requirement. basis=source: a
-- document says so (with where); basis=curated: the editors judge it, with a rationale.
CREATE TABLE addresses (
    item_id          VARCHAR NOT NULL REFERENCES items (item_id),
    requirement_id   VARCHAR NOT NULL REFERENCES items (item_id),
    basis            VARCHAR NOT NULL CHECK (basis IN ('source', 'curated')),
    rationale_en     VARCHAR NOT NULL CHECK (rationale_en <> ''),
    rationale_zh     VARCHAR NOT NULL CHECK (rationale_zh <> ''),
    source_id        VARCHAR REFERENCES sources (source_id),
    source_paragraph VARCHAR CHECK (regexp_full_match(source_paragraph, '[0-9]+|annex-[0-9]+|header|fn[0-9]+|fn\*')),
    quote            VARCHAR,
    note             VARCHAR,
    note_zh          VARCHAR,
    PRIMARY KEY (item_id, requirement_id),
    CHECK (item_id <> requirement_id),
    CHECK (basis = 'curated' OR (source_id IS NOT NULL AND source_paragraph IS NOT NULL AND quote IS NOT NULL))
);

CREATE TABLE build_info (
    data_version   VARCHAR NOT NULL,
    schema_version VARCHAR NOT NULL,
    built_at       TIMESTAMPTZ NOT NULL,
    gaptrack       VARCHAR NOT NULL
);
