/**
 * Reconcile and write every report from the state database. The same files, byte for byte, as
 * writeReports (src/report/reports.ts) writes from the full results, but the per-article tables
 * (articles, dates, figures, entities, claims) are joined from the stored per-article fragments
 * and streamed to disk, so a rerun neither parses nor re-serializes every article and memory stays
 * flat. Only what crosses articles is computed: reconciliation, the entity summary, report.md.
 */
import { closeSync, openSync, renameSync, rmSync, writeSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import type { ClaimRow } from '../claims/types.ts';
import { summarizeEntities, type SummarizedMention } from '../extract/entity-summary.ts';
import { reconcile, renderReport, type ArticleInfo, type ReconcileOptions, type ReconcileResult } from '../reconcile/reconcile.ts';
import { writeReports } from '../report/reports.ts';
import { REPORT_COLUMNS } from '../report/columns.ts';
import { toCsv, writeFileAtomic, writeTable } from '../report/write.ts';
import type { EntityType } from '../types.ts';
import { FRAGMENT_COLUMNS, FRAGMENT_TABLES, type ArticleCore } from './fragments.ts';
import type { StateStore } from './store.ts';

/** An article's stored core, with the input file it belongs to. */
export interface StoredCore {
  file: string;
  core: ArticleCore;
}

/** The cross-article results of a run, ready to be written. */
export interface ReconciledState {
  /** Every stored article, sorted by file. */
  cores: StoredCore[];
  infos: ArticleInfo[];
  reconciliation: ReconcileResult;
  articles: number;
  /** Articles whose status is `error`. */
  failed: number;
}

const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** Reconcile the claims of every stored article (`cores` sorted by file, as listInputFiles sorts). */
export function reconcileCores(cores: StoredCore[], options: ReconcileOptions): ReconciledState {
  // What writeReports' callers give reconcile: claims and articles in file order; stored signatures stand in for tokens.
  const infos: ArticleInfo[] = cores
    .filter(({ core }) => core.article.status === 'ok')
    .map(({ core: { article, signature } }) => ({ id: article.id, title: article.title, source: article.source, published: article.published, tokens: [], signature }));
  const reconciliation = reconcile(
    cores.flatMap(({ core }) => core.claims),
    infos,
    options,
  );
  const failed = cores.filter(({ core }) => core.article.status === 'error').length;
  return { cores, infos, reconciliation, articles: cores.length, failed };
}

/**
 * Write every report: the per-article tables joined from the fragments in `store`, the rest from
 * `reconciled` (which must describe what `store` holds).
 */
export function writeStateReports(outputDir: string, store: StateStore, { cores, infos, reconciliation }: ReconciledState): void {
  const ids = new Set(cores.map(({ core }) => core.article.id));
  if (ids.size < cores.length) {
    // Two files with one id (same name in two folders): writeReports interleaves their rows by
    // position, which joined fragments cannot; take the general path.
    writeReports(outputDir, { results: store.loadResults(), reconciliation, articleInfos: infos });
    return;
  }

  // writeReports' order: results sorted by id (stable over file order), rows by article then position.
  const order = cores.map((entry, index) => ({ ...entry, index })).sort((a, b) => compare(a.core.article.id, b.core.article.id) || a.index - b.index);
  writeJoinedTables(outputDir, order.map(({ file }) => file), store);
  const entityRows: SummarizedMention[] = order.flatMap(({ core }) =>
    core.entities.map(([entity, type, text, discovered, mentions]) => ({ article: core.article.id, entity, type: type as EntityType, text, discovered, mentions })),
  );
  writeFileAtomic(join(outputDir, 'entity-summary.csv'), toCsv(summarizeEntities(entityRows), REPORT_COLUMNS.entitySummary));
  writeTable(outputDir, 'conflicts', reconciliation.groups, REPORT_COLUMNS.conflicts);
  const claims: ClaimRow[] = order
    .flatMap(({ core }) => core.claims)
    .sort((a, b) => compare(a.article, b.article) || a.start - b.start || a.end - b.end);
  writeFileAtomic(join(outputDir, 'report.md'), renderReport(reconciliation, claims, infos));
}

const OPEN = Buffer.from('[\n');
const SEPARATOR = Buffer.from(',\n');
const CLOSE = Buffer.from('\n]\n');
const EMPTY_ARRAY = Buffer.from('[]\n');

/**
 * `<table>.json` and `<table>.csv` of every fragment table, in `files` order, streamed and atomic.
 * All tables are written in one pass over the articles: an article's fragments are one database
 * row, and reading one column of a large row walks its overflow pages up to that column, so one
 * read per row is about three times faster than one per table.
 */
function writeJoinedTables(outputDir: string, files: string[], store: StateStore): void {
  const outputs = FRAGMENT_TABLES.map((table) => ({
    table,
    json: new StreamedFile(join(outputDir, `${table}.json`)),
    csv: new StreamedFile(join(outputDir, `${table}.csv`)),
    rows: 0,
  }));
  try {
    for (const { table, csv } of outputs) csv.write(Buffer.from(toCsv([], FRAGMENT_COLUMNS[table]), 'utf8'));
    for (const file of files) {
      const fragments = store.fragments(file);
      for (const output of outputs) {
        const fragment = fragments[output.table];
        if (!fragment.json.length) continue;
        output.json.write(output.rows++ === 0 ? OPEN : SEPARATOR);
        output.json.write(fragment.json);
        output.csv.write(fragment.csv);
      }
    }
    for (const { json, csv, rows } of outputs) {
      // Same text as toJsonRows(): '[]' for no rows.
      json.write(rows === 0 ? EMPTY_ARRAY : CLOSE);
      json.commit();
      csv.commit();
    }
  } finally {
    for (const { json, csv } of outputs) {
      json.abandon();
      csv.abandon();
    }
  }
}

/** A file written in pieces to a temporary name, renamed into place on commit (atomic like writeFileAtomic). */
class StreamedFile {
  private readonly temporary: string;
  private fd: number | null;
  private pending: Buffer[] = [];
  private pendingLength = 0;

  constructor(private readonly path: string) {
    // The naming scheme of writeFileAtomic, so a run cut short leaves the same kind of leftovers.
    this.temporary = join(dirname(path), `.${basename(path)}.${process.pid}.${Date.now()}.tmp`);
    this.fd = openSync(this.temporary, 'w');
  }

  write(bytes: Buffer): void {
    this.pending.push(bytes);
    this.pendingLength += bytes.length;
    if (this.pendingLength > 1 << 20) this.flush();
  }

  commit(): void {
    this.flush();
    closeSync(this.fd!);
    this.fd = null;
    renameSync(this.temporary, this.path);
  }

  /** After a failure: drop the temporary file. No-op once committed. */
  abandon(): void {
    if (this.fd === null) return;
    closeSync(this.fd);
    this.fd = null;
    rmSync(this.temporary, { force: true });
  }

  private flush(): void {
    if (!this.pending.length) return;
    const chunk = Buffer.concat(this.pending, this.pendingLength);
    for (let written = 0; written < chunk.length; ) written += writeSync(this.fd!, chunk, written);
    this.pending = [];
    this.pendingLength = 0;
  }
}
