/**
 * The state database (output/pipeline.sqlite). It is both the rerun cache and an output users may
 * query with `sqlite3`.
 *
 * - `articles`: one row per input file, with its metadata and status, the versions it was processed
 *   with, and `core` (JSON: the article row, claims, near-duplicate signature and entity names
 *   that reconciliation and the summaries read back).
 * - `fragments`: per article, its rows of articles/dates/figures/entities/claims.{json,csv}
 *   exactly as they stand in those reports; reports are rebuilt by concatenation.
 * - `dates`, `figures`, `entities`: views with one row per mention, read from the fragments.
 * - `claims`: one row per claim; `conflicts`: the rows of output/conflicts.json of the last run.
 * - `file_stats`: size, modification and change times and inode of each input file when its
 *   content key was last taken, so a rerun rereads only files where one of them changed (as
 *   git's index does).
 * - `meta`: schema version; the config hash and rules version of the last run whose results are
 *   all stored (set before that run writes the reports; see src/state/report-stamp.ts); the copies
 *   that run found (`duplicate_of`, where the next run's reconciliation starts).
 *
 * Bump SCHEMA_VERSION on any change here: an older database is then dropped and rebuilt (it is a
 * cache; the next run reprocesses every article).
 */
export const SCHEMA_VERSION = 8;

const mention = (table: string, columns: Array<[string, string]>) => `
CREATE VIEW ${table} AS
SELECT f.file AS file,
${[
  ['article', '$.article'],
  ['span_start', '$.start'],
  ['span_end', '$.end'],
  ['text', '$.text'],
  ['original', '$.original'],
  ['sentence', '$.sentence'],
  ...columns,
]
  .map(([name, path]) => `  json_extract(j.value, '${path}') AS ${name}`)
  .join(',\n')}
FROM fragments f, json_each('[' || CAST(f.${table}_json AS TEXT) || ']') j;
`;

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
  retry         INTEGER NOT NULL DEFAULT 0, -- 1: the failure may pass (timeout, crash); redone next run
  processed_at  TEXT NOT NULL,
  core          TEXT NOT NULL       -- JSON: {article, claims, signature, entities: [entity, type, text, discovered, mentions]}
);
CREATE INDEX articles_id ON articles (id);
-- What planning a rerun reads of every article, without the pages of its large core.
CREATE INDEX articles_versions ON articles (file, id, content_key, status, config_hash, rules_version, retry, processed_at);

CREATE TABLE fragments (            -- UTF-8 text stored as BLOB: copied to the reports as bytes
  file          TEXT PRIMARY KEY,
  articles_json BLOB NOT NULL,
  articles_csv  BLOB NOT NULL,
  dates_json    BLOB NOT NULL,
  dates_csv     BLOB NOT NULL,
  figures_json  BLOB NOT NULL,
  figures_csv   BLOB NOT NULL,
  entities_json BLOB NOT NULL,
  entities_csv  BLOB NOT NULL,
  claims_json   BLOB NOT NULL,
  claims_csv    BLOB NOT NULL);

CREATE TABLE claims (
  file             TEXT NOT NULL,
  id               TEXT NOT NULL,
  article          TEXT NOT NULL,
  subject          TEXT NOT NULL,
  predicate        TEXT NOT NULL,
  object           TEXT NOT NULL,   -- JSON: {"type": "date", ...}, {"type": "figure", ...} or {"type": "entity", ...}
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

CREATE TABLE file_stats (
  file        TEXT PRIMARY KEY,
  size        INTEGER NOT NULL,
  mtime_ms    REAL NOT NULL,      -- modification time
  ctime_ms    REAL NOT NULL,      -- change time: moves on every write, even one that restores mtime
  inode       TEXT NOT NULL,
  content_key TEXT NOT NULL,      -- the content key the file had with these stats
  seen_ms     REAL NOT NULL       -- when the stats were read (ms since 1970)
);

CREATE TABLE conflicts (
  position  INTEGER PRIMARY KEY,    -- order in output/conflicts.json
  subject   TEXT,
  predicate TEXT,
  status    TEXT,                   -- single | agree | conflict
  data      TEXT NOT NULL           -- the whole row of output/conflicts.json (JSON)
);
${mention('dates', [
  ['value_start', '$.value.start'],
  ['value_end', '$.value.end'],
  ['granularity', '$.value.granularity'],
  ['approx', '$.approx'],
  ['basis', '$.basis'],
  ['implied', '$.implied'],
  ['rule', '$.rule'],
])}${mention('figures', [
  ['kind', '$.kind'],
  ['value', '$.value'],
  ['max', '$.max'],
  ['approx', '$.approx'],
  ['currency', '$.currency'],
  ['currency_inferred', '$.currencyInferred'],
  ['unit', '$.unit'],
  ['rule', '$.rule'],
])}${mention('entities', [
  ['entity', '$.entity'],
  ['type', '$.type'],
  ['discovered', '$.discovered'],
  ['rule', '$.rule'],
])}`;

/** Tables in the order they are dropped when the schema changes. */
export const VIEWS = ['entities', 'figures', 'dates'];
export const TABLES = ['conflicts', 'file_stats', 'claims', 'fragments', 'articles', 'meta'];
