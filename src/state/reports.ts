/**
 * Reconcile and write every report from the state database. The same files, byte for byte, as
 * writeReports (src/report/reports.ts) writes from the full results, but the per-article tables
 * (articles, dates, figures, entities, claims) are joined from the stored per-article fragments,
 * or copied from the previous reports (joined-tables.ts), so a rerun neither parses nor
 * re-serializes every article and memory stays flat. Only what crosses articles is computed:
 * reconciliation, the entity summary, report.md.
 */
import { join } from 'node:path';
import type { ClaimRow } from '../claims/types.ts';
import { EntitySummary } from '../extract/entity-summary.ts';
import { reconcile, ReconcileDraft, renderReport, type ArticleInfo, type ReconcileOptions, type ReconcileResult } from '../reconcile/reconcile.ts';
import { writeReports } from '../report/reports.ts';
import { REPORT_COLUMNS } from '../report/columns.ts';
import { toCsv, writeFileAtomic, writeTable } from '../report/write.ts';
import type { EntityType } from '../types.ts';
import { FRAGMENT_COLUMNS, FRAGMENT_TABLES, type ArticleCore } from './fragments.ts';
import {
  dropSpares,
  previousFilesIntact,
  renameIntoPlace,
  writeJoinedTables,
  writeJoinedTablesInThread,
  type ArticleRows,
  type JoinedLayout,
  type JoinedTablesJob,
  type JoinedTablesThread,
  type PreviousReports,
} from './joined-tables.ts';
import { resultIdentity } from './report-stamp.ts';
import type { StateStore, StoredArticle } from './store.ts';

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
  /** Every article's entity mentions, summed up (entity-summary.csv). */
  entities: EntitySummary;
  articles: number;
  /** Articles whose status is `error`. */
  failed: number;
}

/**
 * The cross-article work on the articles a rerun leaves as they are, done while the others are
 * processed; reconcileCores completes it with every article.
 */
export interface CrossArticleDraft {
  /** The cores already counted, as the objects given. */
  counted: Set<ArticleCore>;
  reconciliation: ReconcileDraft;
  entities: EntitySummary;
}

const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** What writeReports' callers give reconcile: articles in file order; stored signatures stand in for tokens. */
function articleInfos(cores: StoredCore[]): ArticleInfo[] {
  return cores
    .filter(({ core }) => core.article.status === 'ok')
    .map(({ core: { article, signature } }) => ({ id: article.id, title: article.title, source: article.source, published: article.published, tokens: [], signature }));
}

function addEntities(summary: EntitySummary, { article, entities }: ArticleCore): void {
  for (const [entity, type, text, discovered, mentions] of entities) summary.add(article.id, entity, type as EntityType, text, discovered, mentions);
}

/**
 * Start the cross-article work on `cores` (sorted by file), to be completed by reconcileCores.
 * `knownCopies`: the previous run's copies (ReconcileDraft), spares finding them twice.
 */
export function draftCrossArticle(cores: StoredCore[], options: ReconcileOptions, knownCopies?: Record<string, string>): CrossArticleDraft {
  const entities = new EntitySummary();
  for (const { core } of cores) addEntities(entities, core);
  return {
    counted: new Set(cores.map(({ core }) => core)),
    reconciliation: new ReconcileDraft(
      cores.flatMap(({ core }) => core.claims),
      articleInfos(cores),
      options,
      undefined,
      knownCopies,
    ),
    entities,
  };
}

/**
 * Reconcile the claims of every stored article (`cores` sorted by file, as listInputFiles sorts)
 * and sum up their entities; with a draft of some of them (draftCrossArticle, same options and
 * the same core objects), only what the others change is worked out again.
 */
export function reconcileCores(cores: StoredCore[], options: ReconcileOptions, draft: CrossArticleDraft | null = null): ReconciledState {
  const infos = articleInfos(cores);
  const claims = cores.flatMap(({ core }) => core.claims);
  const reconciliation = draft ? draft.reconciliation.complete(claims, infos) : reconcile(claims, infos, options);
  const entities = draft?.entities ?? new EntitySummary();
  for (const { core } of cores) if (!draft?.counted.has(core)) addEntities(entities, core);
  const failed = cores.filter(({ core }) => core.article.status === 'error').length;
  return { cores, infos, reconciliation, entities, articles: cores.length, failed };
}

/** What the per-article tables may reuse: the stored articles (for their identities) and the previous reports. */
export interface ReportReuse {
  articles: Map<string, StoredArticle>;
  previous: PreviousReports | null;
  /** run.spareReports (default true). */
  spares?: boolean;
}

/** Reports under way: the per-article tables being written by a thread, or still to write, and the rest (finishStateReports). */
export interface ReportsInProgress {
  /** Cores in report order; null when two files share an id and writeReports' general path is taken. */
  order: StoredCore[] | null;
  job: JoinedTablesJob | null;
  /** The thread writing the per-article tables, if one is (they are renamed into place when finishing). */
  thread: JoinedTablesThread | null;
  /** Whether the thread has finished (successfully or not). */
  threadDone?: () => boolean;
}

/**
 * Above this many articles whose rows come from the database, the per-article tables are written
 * when finishing, in this thread, reading the rows as they go (a first run, a rule change); below
 * it, their rows are read now and a worker thread writes the tables while this one reconciles.
 */
const THREAD_ROWS_AT_MOST = 256;

/**
 * Start writing the reports of `cores` (every stored article, sorted by file): when the previous
 * reports hold the rows of nearly every article, a worker thread writes the per-article tables
 * now, with the few other articles' rows read from `store` up front. Otherwise they are written
 * by finishStateReports, after the state database is closed.
 */
export function startStateReports(outputDir: string, store: StateStore, cores: StoredCore[], reuse: ReportReuse | null): ReportsInProgress {
  const order = reportOrder(cores);
  if (!order) return { order: null, job: null, thread: null };
  const job = joinedTablesJob(outputDir, order, reuse);
  const reusable = new Set(job.reusable);
  const fromDatabase = job.articles.filter(([file]) => !reusable.has(file)).map(([file]) => file);
  if (fromDatabase.length > THREAD_ROWS_AT_MOST || !previousFilesIntact(job)) return { order, job, thread: null };
  const rows = new Map<string, ArticleRows>(fromDatabase.map((file) => [file, store.fragments(file)]));
  const thread = writeJoinedTablesInThread(job, rows);
  let done = false;
  thread.result.then(
    () => (done = true),
    () => (done = true),
  );
  return { order, job, thread, threadDone: () => done };
}

function joinedTablesJob(outputDir: string, order: StoredCore[], reuse: ReportReuse | null): JoinedTablesJob {
  const identities = new Map<string, string>();
  if (reuse) for (const [file, article] of reuse.articles) identities.set(file, resultIdentity(article));
  const articles = order.map(({ file }): [string, string] => [file, identities.get(file) ?? '']);
  const previous = reuse?.previous ?? null;
  const reusable: string[] = [];
  if (previous) {
    const held = new Map(previous.layout.articles.filter((entry) => Array.isArray(entry)));
    for (const [file, identity] of articles) if (identity && held.get(file) === identity) reusable.push(file);
  }
  const outputs = FRAGMENT_TABLES.flatMap((table) =>
    (['json', 'csv'] as const).map((format) => ({
      name: `${table}.${format}`,
      table,
      format,
      csvHead: format === 'csv' ? Buffer.from(toCsv([], FRAGMENT_COLUMNS[table]), 'utf8') : Buffer.alloc(0),
    })),
  );
  return { outputDir, outputs, articles, previous, reusable, spares: reuse?.spares ?? true };
}

/**
 * Finish the reports started by startStateReports: the per-article tables if deferred (rows read
 * from `store`), the entity summary, conflicts and report.md from `reconciled`. Returns the
 * per-article tables' layout (null for the general path).
 */
export async function finishStateReports(
  outputDir: string,
  store: () => StateStore,
  started: ReportsInProgress,
  reconciled: ReconciledState,
): Promise<JoinedLayout | null> {
  const { infos, reconciliation } = reconciled;
  const { order, job, thread } = started;
  if (!order || !job) {
    writeReports(outputDir, { results: store().loadResults(), reconciliation, articleInfos: infos });
    dropSpares(outputDir);
    return null;
  }
  if (!thread) {
    const layout = writeJoinedTables(job, (file) => store().fragments(file));
    writeCrossArticleReports(outputDir, order, reconciled);
    return layout;
  }
  // Rename first when the thread is done: a file the tables replace that cannot be kept as a spare
  // frees its space as it is closed, off this thread (renameIntoPlace), meanwhile.
  let layout: JoinedLayout | null = null;
  if (started.threadDone?.()) layout = await renameThreadTables(thread, job, store);
  writeCrossArticleReports(outputDir, order, reconciled);
  return layout ?? (await renameThreadTables(thread, job, store));
}

async function renameThreadTables(
  thread: NonNullable<ReportsInProgress['thread']>,
  job: JoinedTablesJob,
  store: () => StateStore,
): Promise<JoinedLayout> {
  try {
    const { layout, renames } = await thread.result;
    renameIntoPlace(renames, job.spares);
    return layout;
  } catch {
    // The thread failed (it may have replaced some files): write the tables here, from the database
    // wherever a previous file is no longer as written.
    return writeJoinedTables(job, (file) => store().fragments(file));
  }
}

/**
 * Write every report in this thread: the per-article tables joined from the fragments in `store`
 * (or copied from the previous reports, with `reuse`), the rest from `reconciled` (which must
 * describe what `store` holds). Returns the per-article tables' layout (null for the general path).
 */
export function writeStateReports(outputDir: string, store: StateStore, reconciled: ReconciledState, reuse: ReportReuse | null = null): JoinedLayout | null {
  const order = reportOrder(reconciled.cores);
  if (!order) {
    writeReports(outputDir, { results: store.loadResults(), reconciliation: reconciled.reconciliation, articleInfos: reconciled.infos });
    dropSpares(outputDir);
    return null;
  }
  const layout = writeJoinedTables(joinedTablesJob(outputDir, order, reuse), (file) => store.fragments(file));
  writeCrossArticleReports(outputDir, order, reconciled);
  return layout;
}

/**
 * writeReports' order: results sorted by id (stable over file order), rows by article then position.
 * Null when two files share an id (same name in two folders): writeReports interleaves their rows
 * by position, which joined fragments cannot, so the general path is taken.
 */
function reportOrder(cores: StoredCore[]): StoredCore[] | null {
  const ids = new Set(cores.map(({ core }) => core.article.id));
  if (ids.size < cores.length) return null;
  return cores
    .map((entry, index) => ({ ...entry, index }))
    .sort((a, b) => compare(a.core.article.id, b.core.article.id) || a.index - b.index)
    .map(({ file, core }) => ({ file, core }));
}

/** The reports that cross articles: entity summary, conflicts, report.md (`order`: cores in report order). */
function writeCrossArticleReports(outputDir: string, order: StoredCore[], { reconciliation, infos, entities }: ReconciledState): void {
  writeFileAtomic(join(outputDir, 'entity-summary.csv'), toCsv(entities.rows(), REPORT_COLUMNS.entitySummary));
  writeTable(outputDir, 'conflicts', reconciliation.groups, REPORT_COLUMNS.conflicts);
  const claims: ClaimRow[] = order
    .flatMap(({ core }) => core.claims)
    .sort((a, b) => compare(a.article, b.article) || a.start - b.start || a.end - b.end);
  writeFileAtomic(join(outputDir, 'report.md'), renderReport(reconciliation, claims, infos));
}
