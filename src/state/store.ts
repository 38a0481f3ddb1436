import Database from 'better-sqlite3';
import { existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { ArticleResult } from '../pipeline/rows.ts';
import { FRAGMENT_TABLES, unpackResult, type ArticleCore, type FragmentTable, type PackedResult, type StoredFragment } from './fragments.ts';
import { SCHEMA_SQL, SCHEMA_VERSION } from './schema.ts';
import type { Versions } from './versions.ts';

export const STATE_FILE = 'pipeline.sqlite';

const EMPTY = Buffer.alloc(0);

/** What the state knows about one input file: enough to decide whether to process it again. */
export interface StoredArticle {
  file: string;
  id: string;
  contentKey: string;
  status: 'ok' | 'error';
  configHash: string;
  rulesVersion: string;
  /** The stored failure may pass (timeout, crashed worker): process the file again next run. */
  retry: boolean;
  /** When the stored result was saved: with the file, tells one stored result from another. */
  processedAt: string;
}

/** Size, times and inode of an input file when its content key was taken. */
export interface FileStat {
  size: number;
  mtimeMs: number;
  ctimeMs: number;
  /** As a string: inode numbers can exceed what a double holds exactly. */
  inode: string;
  contentKey: string;
  /** When size and time were read (ms since 1970). */
  seenMs: number;
}

/** One processed article on its way into the database. */
export interface ResultToStore {
  packed: PackedResult;
  contentKey: string;
  retry: boolean;
}

type Cell = string | number | null;

const bit = (value: boolean | undefined | null): number => (value ? 1 : 0);
const cell = (value: unknown): Cell => (value === undefined || value === null ? null : typeof value === 'boolean' ? bit(value) : (value as Cell));

/**
 * The state database. Every write is a transaction, so a run killed at any moment leaves either
 * all of an article's rows or none of them.
 */
export class StateStore {
  readonly path: string;
  /** Why an unusable database file was replaced by an empty one, if it was. */
  readonly rebuilt: string | null;
  private readonly db: Database.Database;
  private readonly statements: ReturnType<typeof prepare>;

  private constructor(path: string, db: Database.Database, rebuilt: string | null) {
    this.path = path;
    this.db = db;
    this.rebuilt = rebuilt;
    this.statements = prepare(db);
  }

  /** Open (or create) the state database of an output folder. */
  static open(outputDir: string): StateStore {
    const path = join(outputDir, STATE_FILE);
    let rebuilt: string | null = null;
    let db: Database.Database;
    try {
      db = openDatabase(path);
    } catch (error) {
      const code = (error as { code?: string }).code ?? '';
      if (!/^SQLITE_(NOTADB|CORRUPT)/.test(code)) throw error;
      // The state is a cache of per-article results: an unreadable one is rebuilt from the inputs.
      rebuilt = `${path} was not a usable database (${(error as Error).message}); rebuilding it from the input files`;
      removeDatabaseFiles(path);
      db = openDatabase(path);
    }
    return new StateStore(path, db, rebuilt);
  }

  /** Open an existing state database without creating one (for `status`); null when there is none. */
  static openExisting(outputDir: string): StateStore | null {
    const path = join(outputDir, STATE_FILE);
    if (!existsSync(path)) return null;
    try {
      const db = new Database(path, { readonly: true, fileMustExist: true });
      if (readSchemaVersion(db) !== SCHEMA_VERSION) {
        db.close();
        return null;
      }
      return new StateStore(path, db, null);
    } catch {
      return null;
    }
  }

  articles(): Map<string, StoredArticle> {
    // Rows as arrays (selectArticles' column order): a rerun reads every article twice, and objects with named keys cost twice as much.
    const rows = this.statements.selectArticles.raw().all() as Array<[string, string, string, 'ok' | 'error', string, string, number, string]>;
    const articles = new Map<string, StoredArticle>();
    for (const [file, id, contentKey, status, configHash, rulesVersion, retry, processedAt] of rows) {
      articles.set(file, { file, id, contentKey, status, configHash, rulesVersion, retry: retry === 1, processedAt });
    }
    return articles;
  }

  /** The cached fingerprints of the input files, by file. */
  fileStats(): Map<string, FileStat> {
    const rows = this.statements.selectFileStats.raw().all() as Array<[string, number, number, number, string, string, number]>;
    return new Map(rows.map(([file, size, mtimeMs, ctimeMs, inode, contentKey, seenMs]) => [file, { size, mtimeMs, ctimeMs, inode, contentKey, seenMs }]));
  }

  /** Replace the cached fingerprints with these (files not listed are forgotten). One transaction. */
  saveFileStats(stats: Map<string, FileStat>): void {
    this.db.transaction(() => {
      this.statements.deleteFileStats.run();
      for (const [file, stat] of stats) this.statements.insertFileStat.run(file, stat.size, stat.mtimeMs, stat.ctimeMs, stat.inode, stat.contentKey, stat.seenMs);
    })();
  }

  meta(): Record<string, string> {
    const rows = this.statements.selectMeta.all() as Array<{ key: string; value: string }>;
    return Object.fromEntries(rows.map((r) => [r.key, r.value]));
  }

  setMeta(values: Record<string, string>): void {
    this.db.transaction(() => {
      for (const [key, value] of Object.entries(values)) this.statements.upsertMeta.run(key, value);
    })();
  }

  /** Store processed articles, replacing what was stored for the same files. One transaction. */
  save(entries: ResultToStore[], versions: Versions, processedAt = new Date().toISOString()): void {
    if (!entries.length) return;
    const s = this.statements;
    this.db.transaction(() => {
      for (const { packed, contentKey, retry } of entries) {
        const a = packed.article;
        this.deleteFile(a.file);
        s.insertArticle.run(
          a.file, a.id, contentKey, a.sha256, a.status, cell(a.error), cell(a.title), cell(a.source), cell(a.published),
          cell(a.author), cell(a.script), cell(a.encoding), a.chars, versions.configHash, versions.rulesVersion, bit(retry), processedAt, packed.core,
        );
        s.insertFragments.run(a.file, ...FRAGMENT_TABLES.flatMap((table) => [packed.fragments[table].json, packed.fragments[table].csv]));
        for (const c of packed.claims) {
          s.insertClaim.run(
            a.file, c.id, c.article, c.subject, c.predicate, JSON.stringify(c.object), cell(c.when?.start), cell(c.when?.end),
            cell(c.when?.granularity), cell(c.agent), c.sentence, c.original, c.start, c.end, c.confidence, c.rule,
          );
        }
      }
    })();
  }

  /** Drop everything stored for files that are no longer in the input. One transaction. */
  remove(files: string[]): void {
    if (!files.length) return;
    this.db.transaction(() => {
      for (const file of files) this.deleteFile(file);
    })();
  }

  /** What reports and reconciliation read of every article (or of those `wanted` accepts), sorted by file. */
  loadCores(wanted: (file: string) => boolean = () => true): Array<{ file: string; core: ArticleCore }> {
    const rows = (this.statements.selectCores.raw().all() as Array<[string, string]>).filter(([file]) => wanted(file));
    // Sorted here, as listInputFiles sorts (UTF-16 order; SQLite would compare UTF-8 bytes).
    rows.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
    return rows.map(([file, core]) => ({ file, core: JSON.parse(core) as ArticleCore }));
  }

  /** The cores of these files (those stored), sorted by file. */
  loadCoresOf(files: Iterable<string>): Array<{ file: string; core: ArticleCore }> {
    const found: Array<{ file: string; core: ArticleCore }> = [];
    for (const file of files) {
      const row = this.statements.selectCore.raw().get(file) as [string] | undefined;
      if (row) found.push({ file, core: JSON.parse(row[0]) as ArticleCore });
    }
    return found.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
  }

  /** The stored report rows of one article, every table (UTF-8); empty ones when the file is not stored. */
  fragments(file: string): Record<FragmentTable, StoredFragment> {
    const row = this.statements.selectFragments.raw().get(file) as Buffer[] | undefined;
    return Object.fromEntries(
      FRAGMENT_TABLES.map((table, i) => [table, row ? { json: row[2 * i], csv: row[2 * i + 1] } : { json: EMPTY, csv: EMPTY }]),
    ) as Record<FragmentTable, StoredFragment>;
  }

  /** Every stored result in full, sorted by file (reports of the general path, tests). */
  loadResults(): ArticleResult[] {
    return this.loadCores().map(({ file, core }) => {
      return unpackResult(core, this.fragments(file));
    });
  }

  /** Replace the stored reconciliation (the rows of output/conflicts.json). */
  saveConflicts(groups: object[]): void {
    this.db.transaction(() => {
      this.statements.deleteConflicts.run();
      groups.forEach((group, position) => {
        const g = group as Record<string, unknown>;
        this.statements.insertConflict.run(position, cell(asText(g.subject)), cell(asText(g.predicate)), cell(asText(g.status)), JSON.stringify(group));
      });
    })();
  }

  /**
   * Close; a writer first turns the log back into a rollback journal, so that at rest the state
   * is one self-contained file that readers (`status`, sqlite3) open without creating any.
   */
  close(): void {
    if (!this.db.open) return;
    if (!this.db.readonly) {
      try {
        this.db.pragma('journal_mode = DELETE');
      } catch {
        // Another connection (a user's sqlite3) is reading: the log stays until the next run.
      }
    }
    this.db.close();
  }

  private deleteFile(file: string): void {
    const s = this.statements;
    s.deleteArticle.run(file);
    s.deleteFragments.run(file);
    s.deleteClaims.run(file);
  }
}

function asText(value: unknown): string | null {
  return typeof value === 'string' ? value : null;
}

function openDatabase(path: string): Database.Database {
  const db = new Database(path);
  try {
    // Large pages: most of the data are per-article report fragments of tens of KB, which small
    // pages split into long overflow chains (only takes effect when the file is created).
    db.pragma('page_size = 65536');
    // While a run writes: write-ahead log, synced at checkpoints only. A process killed at any
    // moment loses at most the transactions not yet committed; the next open recovers the log.
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    db.pragma('busy_timeout = 10000');
    if (readSchemaVersion(db) !== SCHEMA_VERSION) {
      db.transaction(() => {
        const objects = db.prepare("SELECT type, name FROM sqlite_master WHERE type IN ('table', 'view') AND name NOT LIKE 'sqlite_%'").all() as Array<{
          type: string;
          name: string;
        }>;
        for (const { type, name } of objects) db.exec(`DROP ${type === 'view' ? 'VIEW' : 'TABLE'} IF EXISTS "${name}"`);
        db.exec(SCHEMA_SQL);
        db.prepare('INSERT INTO meta (key, value) VALUES (?, ?)').run('schema_version', String(SCHEMA_VERSION));
      })();
    }
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}

function readSchemaVersion(db: Database.Database): number | null {
  const hasMeta = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'meta'").get();
  if (!hasMeta) return null;
  const row = db.prepare("SELECT value FROM meta WHERE key = 'schema_version'").get() as { value: string } | undefined;
  return row ? Number(row.value) : null;
}

export function removeDatabaseFiles(path: string): void {
  for (const suffix of ['', '-journal', '-wal', '-shm']) rmSync(path + suffix, { force: true });
}

function prepare(db: Database.Database) {
  const write = (sql: string) => (db.readonly ? (null as unknown as Database.Statement) : db.prepare(sql));
  return {
    selectArticles: db.prepare('SELECT file, id, content_key, status, config_hash, rules_version, retry, processed_at FROM articles'),
    selectMeta: db.prepare('SELECT key, value FROM meta'),
    selectFileStats: db.prepare('SELECT file, size, mtime_ms, ctime_ms, inode, content_key, seen_ms FROM file_stats'),
    deleteFileStats: write('DELETE FROM file_stats'),
    insertFileStat: write('INSERT INTO file_stats (file, size, mtime_ms, ctime_ms, inode, content_key, seen_ms) VALUES (?, ?, ?, ?, ?, ?, ?)'),
    selectCores: db.prepare('SELECT file, core FROM articles'),
    selectCore: db.prepare('SELECT core FROM articles WHERE file = ?'),
    selectFragments: db.prepare(`SELECT ${FRAGMENT_TABLES.map((t) => `${t}_json, ${t}_csv`).join(', ')} FROM fragments WHERE file = ?`),
    upsertMeta: write('INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value'),
    insertArticle: write(
      `INSERT INTO articles (file, id, content_key, sha256, status, error, title, source, published, author, script, encoding, chars,
        config_hash, rules_version, retry, processed_at, core) VALUES (${params(18)})`,
    ),
    insertFragments: write(
      `INSERT INTO fragments (file, ${FRAGMENT_TABLES.map((t) => `${t}_json, ${t}_csv`).join(', ')}) VALUES (${params(1 + 2 * FRAGMENT_TABLES.length)})`,
    ),
    insertClaim: write(
      `INSERT INTO claims (file, id, article, subject, predicate, object, when_start, when_end, when_granularity, agent, sentence,
        original, span_start, span_end, confidence, rule) VALUES (${params(16)})`,
    ),
    insertConflict: write('INSERT INTO conflicts (position, subject, predicate, status, data) VALUES (?, ?, ?, ?, ?)'),
    deleteArticle: write('DELETE FROM articles WHERE file = ?'),
    deleteFragments: write('DELETE FROM fragments WHERE file = ?'),
    deleteClaims: write('DELETE FROM claims WHERE file = ?'),
    deleteConflicts: write('DELETE FROM conflicts'),
  };
}

function params(count: number): string {
  return Array.from({ length: count }, () => '?').join(', ');
}
