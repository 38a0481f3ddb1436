/**
 * The state database (output/pipeline.sqlite). It is both the rerun cache and an output users may
 * query with `sqlite3`, so the per-article rows are real columns; `articles.result` keeps the full
 * per-article result as JSON, which is what reports are rebuilt from.
 *
 * Bump SCHEMA_VERSION on any change here: an older database is then dropped and rebuilt (it is a
 * cache; the next run reprocesses every article).
 */
export const SCHEMA_VERSION = 1;

export const SCHEMA_SQL = `
CREATE TABLE meta (
  key   TEXT PRIMARY KEY,
  value TEXT NOT NULL
);

CREATE TABLE articles (
  file          TEXT PRIMARY KEY,   -- path relative to the input folder, forward slashes
  id            TEXT NOT NULL,      -- file name without extension
  content_key   TEXT NOT NULL,      -- sha256 of the bytes; size and mtime for files not read (over the size limit)
  sha256        TEXT NOT NULL,      -- '' when the file was not read
  status        TEXT NOT NULL CHECK (status IN ('ok', 'error')),
  error         TEXT,
  title         TEXT,
  source        TEXT,
  published     TEXT,               -- YYYY-MM-DD
  author        TEXT,
  script        TEXT,               -- simplified | traditional | mixed
  encoding      TEXT,
  chars         INTEGER NOT NULL,
  config_hash   TEXT NOT NULL,      -- options the result was made with
  rules_version TEXT NOT NULL,      -- code and lexicons the result was made with
  retry         INTEGER NOT NULL DEFAULT 0, -- 1: the failure may be passing (timeout, crash); redo next run
  processed_at  TEXT NOT NULL,
  result        TEXT NOT NULL       -- the full per-article result (JSON)
);
CREATE INDEX articles_id ON articles (id);

CREATE TABLE dates (
  file        TEXT NOT NULL,
  article     TEXT NOT NULL,
  span_start  INTEGER NOT NULL,     -- offsets into the decoded original file
  span_end    INTEGER NOT NULL,
  text        TEXT NOT NULL,        -- Simplified
  original    TEXT NOT NULL,        -- as written
  sentence    TEXT NOT NULL,
  value_start TEXT NOT NULL,        -- YYYY, YYYY-MM or YYYY-MM-DD
  value_end   TEXT,
  granularity TEXT NOT NULL,
  approx      INTEGER NOT NULL,
  basis       TEXT NOT NULL,
  implied     TEXT NOT NULL,        -- inferred components, '|'-joined
  rule        TEXT NOT NULL
);
CREATE INDEX dates_file ON dates (file);

CREATE TABLE figures (
  file              TEXT NOT NULL,
  article           TEXT NOT NULL,
  span_start        INTEGER NOT NULL,
  span_end          INTEGER NOT NULL,
  text              TEXT NOT NULL,
  original          TEXT NOT NULL,
  sentence          TEXT NOT NULL,
  kind              TEXT NOT NULL,  -- money | count | percent | number | rank | duration | age
  value             REAL NOT NULL,
  max               REAL,
  approx            TEXT NOT NULL,
  currency          TEXT,
  currency_inferred INTEGER NOT NULL,
  unit              TEXT,
  rule              TEXT NOT NULL
);
CREATE INDEX figures_file ON figures (file);

CREATE TABLE entities (
  file       TEXT NOT NULL,
  article    TEXT NOT NULL,
  span_start INTEGER NOT NULL,
  span_end   INTEGER NOT NULL,
  text       TEXT NOT NULL,
  original   TEXT NOT NULL,
  sentence   TEXT NOT NULL,
  entity     TEXT NOT NULL,         -- canonical name
  type       TEXT NOT NULL,
  discovered INTEGER NOT NULL,
  rule       TEXT NOT NULL
);
CREATE INDEX entities_file ON entities (file);
CREATE INDEX entities_entity ON entities (entity);

CREATE TABLE claims (
  file             TEXT NOT NULL,
  id               TEXT NOT NULL,
  article          TEXT NOT NULL,
  subject          TEXT NOT NULL,
  predicate        TEXT NOT NULL,
  object           TEXT NOT NULL,   -- JSON: {"type": "date", ...} or {"type": "figure", ...} or {"type": "entity", ...}
  when_start       TEXT,
  when_end         TEXT,
  when_granularity TEXT,
  agent            TEXT,
  sentence         TEXT NOT NULL,
  original         TEXT NOT NULL,
  span_start       INTEGER NOT NULL,
  span_end         INTEGER NOT NULL,
  confidence       REAL NOT NULL,
  rule             TEXT NOT NULL
);
CREATE INDEX claims_file ON claims (file);
CREATE INDEX claims_subject ON claims (subject, predicate);

CREATE TABLE conflicts (
  position  INTEGER PRIMARY KEY,    -- order in output/conflicts.json
  subject   TEXT,
  predicate TEXT,
  status    TEXT,                   -- single | agree | conflict
  data      TEXT NOT NULL           -- the whole row of output/conflicts.json (JSON)
);
`;

/** Tables in the order they are dropped when the schema changes. */
export const TABLES = ['conflicts', 'claims', 'entities', 'figures', 'dates', 'articles', 'meta'];
