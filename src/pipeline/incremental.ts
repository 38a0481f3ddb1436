import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, rmdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { configPath, type PipelineConfig } from '../config/config.ts';
import { UsageError } from '../config/errors.ts';
import { toJson, writeFileAtomic } from '../report/write.ts';
import { STATE_FILE, StateStore, type FileStat, type ResultToStore, type StoredArticle } from '../state/store.ts';
import { currentVersions, type Versions } from '../state/versions.ts';
import { acquireLock, LOCK_FILE } from './lock.ts';
import { segmenterLoaded } from '../text/segment.ts';
import { listInputFiles, reconcileOptions, type InputFile, type Progress } from './run.ts';
import { draftCrossArticle, finishStateReports, reconcileCores, startStateReports, type CrossArticleDraft, type ReportsInProgress, type StoredCore } from '../state/reports.ts';
import { previousReports, removeReportStamp, reportSourceKey, reportsUpToDate, stampReports } from '../state/report-stamp.ts';
import { PrestartedWorker, processFiles, type FileJob } from './workers.ts';

export const RUN_REPORT_FILE = 'run.json';

/** Why a file is processed in this run. */
export type Reason = 'new' | 'changed' | 'rules' | 'config' | 'retry' | 'forced';

export interface PlannedFile extends InputFile {
  contentKey: string;
}

export interface Plan {
  versions: Versions;
  /** Every input file, sorted. */
  files: PlannedFile[];
  toProcess: Array<PlannedFile & { reason: Reason }>;
  unchanged: PlannedFile[];
  /** Stored files that are no longer in the input folder. */
  removed: StoredArticle[];
  /** Size, time and fingerprint of every readable input file, to cache for the next run. */
  fileStats: Map<string, FileStat>;
}

/** `output/run.json`: what the last run did. */
export interface RunReport {
  processed: number;
  skipped: number;
  removed: number;
  /** Articles whose status is `error` after the run, whether processed now or before. */
  failed: number;
  articles: number;
  durationMs: number;
  /** Per-article stages: summed over all processed articles (across workers). Others: wall time. */
  stages: Record<string, number>;
}

export interface RunOptions {
  /** Reprocess every article, changed or not. */
  force?: boolean;
  onProgress?: (progress: Progress) => void;
  /** Non-fatal notices (a rebuilt state database, a taken-over lock). */
  onNotice?: (message: string) => void;
  /** Recorded in the lock so a refused run can say who holds the folder. */
  command?: string;
  /** Unchanged articles above which a small batch still goes to a worker (tests lower it). */
  overlapReadbackAbove?: number;
}

/**
 * A file changed this close to the moment it was looked at may still have been written in the same
 * clock tick afterwards: its cached fingerprint is not trusted (git's "racy" rule).
 */
const RACY_MS = 2000;

/**
 * Fingerprint of an input file: the sha256 of its bytes. Files over the size limit are not read
 * at all (they are recorded as errors), so their size and modification time stand in. A cached
 * fingerprint is reused without reading the file when the file's size, modification time, change
 * time and inode are those cached with it, and `stored` (the key of the stored result) is that
 * fingerprint: any write, even one that restores the modification time, changes the change time.
 */
export function fingerprint(path: string, maxFileBytes: number, cached?: FileStat, stored?: string): { contentKey: string; stat: FileStat | null } {
  const seenMs = Date.now();
  let size = -1;
  let mtimeMs = -1;
  try {
    const stat = statSync(path);
    size = stat.size;
    mtimeMs = stat.mtimeMs;
    const current = { size, mtimeMs, ctimeMs: stat.ctimeMs, inode: String(stat.ino) };
    if (cached && stored === cached.contentKey && sameFile(cached, current) && Math.max(mtimeMs, current.ctimeMs) < cached.seenMs - RACY_MS) {
      return { contentKey: cached.contentKey, stat: cached };
    }
    const contentKey = size > maxFileBytes ? `unread:${size}:${mtimeMs}` : createHash('sha256').update(readFileSync(path)).digest('hex');
    return { contentKey, stat: { ...current, contentKey, seenMs } };
  } catch {
    return { contentKey: `unreadable:${size}:${mtimeMs}`, stat: null };
  }
}

function sameFile(a: Omit<FileStat, 'contentKey' | 'seenMs'>, b: Omit<FileStat, 'contentKey' | 'seenMs'>): boolean {
  return a.size === b.size && a.mtimeMs === b.mtimeMs && a.ctimeMs === b.ctimeMs && a.inode === b.inode;
}

/** Decide what a run has to do, from the input files and what the state holds. Reads, never writes. */
export function planRun(
  config: PipelineConfig,
  files: InputFile[],
  stored: Map<string, StoredArticle>,
  versions: Versions,
  force = false,
  cachedStats: Map<string, FileStat> = new Map(),
): Plan {
  const fileStats = new Map<string, FileStat>();
  const planned = files.map((f) => {
    const { contentKey, stat } = fingerprint(f.path, config.ingest.maxFileBytes, cachedStats.get(f.file), stored.get(f.file)?.contentKey);
    if (stat) fileStats.set(f.file, stat);
    return { ...f, contentKey };
  });
  const toProcess: Plan['toProcess'] = [];
  const unchanged: PlannedFile[] = [];
  for (const file of planned) {
    const before = stored.get(file.file);
    const reason: Reason | null = force
      ? 'forced'
      : !before
        ? 'new'
        : before.contentKey !== file.contentKey
          ? 'changed'
          : before.rulesVersion !== versions.rulesVersion
            ? 'rules'
            : before.configHash !== versions.configHash
              ? 'config'
              : before.retry
                ? 'retry'
                : null;
    if (reason) toProcess.push({ ...file, reason });
    else unchanged.push(file);
  }
  const present = new Set(files.map((f) => f.file));
  const removed = [...stored.values()].filter((a) => !present.has(a.file)).sort((a, b) => (a.file < b.file ? -1 : 1));
  return { versions, files: planned, toProcess, unchanged, removed, fileStats };
}

/** The plan of the next run, for `cli status`. Takes no lock and writes nothing. */
export function statusOf(config: PipelineConfig): Plan & { hasState: boolean } {
  const files = listInputFiles(config);
  const versions = currentVersions(config);
  const outputDir = configPath(config, config.output);
  const hasState = existsSync(join(outputDir, STATE_FILE));
  const state = readState(outputDir);
  return { ...planRun(config, files, state.articles, versions, false, state.fileStats), hasState };
}

/**
 * Unchanged articles above which even a small batch goes to a worker process: the worker loads
 * its dictionaries (~1.5 s) while this process reads the unchanged articles back (~0.15 ms each),
 * instead of one after the other.
 */
const OVERLAP_READBACK_ABOVE = 1000;

/** How many results are committed together: few enough to lose little to a kill, enough to be cheap. */
const COMMIT_EVERY = 64;
const COMMIT_AFTER_MS = 250;

/**
 * Bring the output folder up to date with the input folder: process new and changed articles (all
 * of them when the rules or the per-article config changed, or with `force`), drop removed ones,
 * then reconcile and rewrite every report from the stored results. A first run is a rerun with an
 * empty state. Results are committed as they arrive and reports are written atomically, so a run
 * killed at any point leaves a consistent folder that the next run completes.
 */
export async function runIncremental(config: PipelineConfig, options: RunOptions = {}): Promise<RunReport> {
  const started = performance.now();
  const stages: Record<string, number> = {};

  // Everything that can be wrong with the config or data files is found before the output folder is touched.
  reconcileOptions(config);
  const files = listInputFiles(config);
  const overlapAbove = options.overlapReadbackAbove ?? OVERLAP_READBACK_ABOVE;
  // A large input folder needs a worker process (many articles to process, or a few while many
  // unchanged ones are read back): start one now, so it loads its code while the run is planned.
  const prestarted = files.length > overlapAbove && !segmenterLoaded() ? new PrestartedWorker() : null;
  try {
    return await runPlanned(config, options, files, prestarted, started, stages);
  } finally {
    prestarted?.stop();
  }
}

async function runPlanned(
  config: PipelineConfig,
  options: RunOptions,
  files: InputFile[],
  prestarted: PrestartedWorker | null,
  started: number,
  stages: Record<string, number>,
): Promise<RunReport> {
  const notice = options.onNotice ?? (() => {});
  const progress = options.onProgress ?? (() => {});
  const versions = currentVersions(config);
  stages.plan = performance.now() - started;
  const outputDir = configPath(config, config.output);
  const outputExisted = existsSync(outputDir);

  const lock = acquireLock(outputDir, options.command ?? 'run');
  let reportsUnderWay: ReportsInProgress | null = null;
  if (lock.tookOver) notice(`took over the lock of a run that is gone (pid ${lock.tookOver.pid}, started ${lock.tookOver.startedAt})`);
  // The state is read first and opened for writing only once the lexicons have loaded: a config
  // or data-file error leaves the output folder exactly as it was.
  let store: StateStore | null = null;
  const state = (): StateStore => {
    if (!store) {
      store = StateStore.open(outputDir);
      if (store.rebuilt) notice(store.rebuilt);
    }
    return store;
  };
  try {
    let mark = performance.now();
    const before = readState(outputDir);
    const plan = planRun(config, files, before.articles, versions, options.force, before.fileStats);
    stages.plan += performance.now() - mark;

    if (!plan.toProcess.length && (before.meta.rules_version !== versions.rulesVersion || before.meta.config_hash !== versions.configHash)) {
      // Nothing to process, yet the data files changed: still check that they load.
      mark = performance.now();
      // No text to segment: as needed means no jieba dictionary at all.
      const { loadResources } = await import('./resources.ts');
      loadResources(config, 'as-needed');
      stages.load = performance.now() - mark;
    }

    // Nothing new, nothing gone, and the reports on disk were written from exactly this state: keep them.
    const reconcileWith = reconcileOptions(config);
    if (!plan.toProcess.length && !plan.removed.length && reportsUpToDate(outputDir, reportSourceKey(before.articles, versions, reconcileWith))) {
      if (!sameFileStats(plan.fileStats, before.fileStats)) {
        const writer = state();
        writer.saveFileStats(plan.fileStats);
        writer.close();
      }
      removeStaleTemporaryFiles(outputDir);
      const stored = [...before.articles.values()];
      return finishReport(outputDir, started, stages, {
        processed: 0,
        skipped: plan.unchanged.length,
        removed: 0,
        failed: stored.filter((a) => a.status === 'error').length,
        articles: stored.length,
      });
    }

    mark = performance.now();
    const pending: ResultToStore[] = [];
    let lastCommit = performance.now();
    const commit = (): void => {
      if (!pending.length) return;
      const storeStarted = performance.now();
      state().save(pending.splice(0), versions);
      stages.store = (stages.store ?? 0) + performance.now() - storeStarted;
      lastCommit = performance.now();
    };
    let done = 0;
    const total = plan.toProcess.length;
    const jobs: FileJob[] = plan.toProcess.map((f) => ({ path: f.path, file: f.file, contentKey: f.contentKey }));
    const processing = processFiles(config, jobs, {
      workers: config.run.workers,
      // A process that has loaded jieba already (watch) keeps small batches: it has nothing to overlap.
      inProcessBelow: plan.unchanged.length > (options.overlapReadbackAbove ?? OVERLAP_READBACK_ABOVE) && !segmenterLoaded() ? 0 : config.run.inProcessBelow,
      prestarted,
      articleTimeoutMs: config.run.articleTimeoutMs,
      onStart: (job) => progress({ done, total, current: job.file }),
      onResult: ({ job, packed, timings, retry }) => {
        for (const [stage, ms] of Object.entries(timings)) stages[stage] = (stages[stage] ?? 0) + ms;
        // The hash of the bytes actually processed: if the file changed since planning, the next run sees it.
        pending.push({ packed, contentKey: packed.article.sha256 || job.contentKey, retry });
        done++;
        progress({ done, total, current: job.file });
        if (pending.length >= COMMIT_EVERY || performance.now() - lastCommit >= COMMIT_AFTER_MS) commit();
      },
    });
    // While the workers start and load their dictionaries, read back what this run leaves as it is.
    // Should that fail or come back incomplete, everything is read after processing instead.
    const redone = new Set([...plan.toProcess.map((f) => f.file), ...plan.removed.map((a) => a.file)]);
    const keptStarted = performance.now();
    let kept: StoredCore[] | null;
    try {
      kept = plan.unchanged.length ? readCoresExcept(outputDir, redone) : [];
      if (kept.length !== plan.unchanged.length) kept = null;
    } catch {
      kept = null;
    }
    const keptMs = performance.now() - keptStarted;
    // Then reconcile them and sum up their entities, and read how the reports on disk are laid out.
    const draftStarted = performance.now();
    let draft: CrossArticleDraft | null = null;
    try {
      draft = kept?.length ? draftCrossArticle(kept, reconcileWith, knownCopies(before.meta)) : null;
    } catch {
      // Reconciled whole once the results are in, which reports any real problem.
      draft = null;
    }
    const draftMs = performance.now() - draftStarted;
    const previous = previousReports(outputDir);
    const processed = await processing;
    commit();
    if (processed.loadMs) stages.load = (stages.load ?? 0) + processed.loadMs;
    stages.process = performance.now() - mark - keptMs - draftMs;

    const writer = state();
    writer.remove(plan.removed.map((a) => a.file));
    mark = performance.now();
    const cores = kept ? mergeByFile(kept, writer.loadCoresOf(plan.toProcess.map((f) => f.file))) : writer.loadCores();
    const stored = writer.articles();
    stages.readback = keptMs + performance.now() - mark;

    // The reports are rewritten from here on: the stamp goes first (it would vouch for files being
    // replaced), read before it goes (the rows of unchanged articles are copied from the reports
    // it describes). When those hold nearly every article's rows, a thread writes the per-article
    // tables while this one reconciles.
    mark = performance.now();
    removeStaleTemporaryFiles(outputDir);
    removeReportStamp(outputDir);
    const reports = startStateReports(outputDir, writer, cores, { articles: stored, previous, spares: config.run.spareReports });
    reportsUnderWay = reports;
    stages.reports = performance.now() - mark;

    mark = performance.now();
    const reconciled = reconcileCores(cores, reconcileWith, draft);
    stages.reconcile = draftMs + performance.now() - mark;

    // The state is complete and closed before the rest of the reports is written: closing syncs the
    // database to disk, which would otherwise also wait for the hundreds of MB of report pages just written.
    mark = performance.now();
    writer.saveConflicts(reconciled.reconciliation.groups);
    writer.saveFileStats(plan.fileStats);
    writer.setMeta({
      config_hash: versions.configHash,
      rules_version: versions.rulesVersion,
      last_run: new Date().toISOString(),
      // Read by the next run's draft of reconciliation (knownCopies).
      duplicate_of: JSON.stringify(reconciled.reconciliation.duplicateOf),
    });
    const source = reportSourceKey(stored, versions, reconcileWith);
    writer.close();
    stages.store = (stages.store ?? 0) + performance.now() - mark;

    mark = performance.now();
    let reader: StateStore | null = null;
    const openReader = (): StateStore => {
      reader ??= StateStore.openExisting(outputDir);
      if (!reader) throw new Error(`the state database ${join(outputDir, STATE_FILE)} could not be read back after this run wrote it`);
      return reader;
    };
    try {
      const layout = await finishStateReports(outputDir, openReader, reports, reconciled);
      reportsUnderWay = null;
      stampReports(outputDir, source, layout);
    } finally {
      (reader as StateStore | null)?.close();
    }
    stages.reports += performance.now() - mark;

    return finishReport(outputDir, started, stages, {
      processed: plan.toProcess.length,
      skipped: plan.unchanged.length,
      removed: plan.removed.length,
      failed: reconciled.failed,
      articles: reconciled.articles,
    });
  } catch (error) {
    if (error instanceof UsageError && !store) {
      // Nothing was written: leave no trace, not even the output folder this run created.
      lock.release();
      if (!outputExisted && isEmptyDir(outputDir)) rmdirSync(outputDir);
    }
    throw error;
  } finally {
    // A run failing while a thread writes reports stops it before letting go of the folder.
    await (reportsUnderWay as ReportsInProgress | null)?.thread?.abandon();
    (store as StateStore | null)?.close();
    lock.release();
  }
}

/** Write `run.json` with the counts, the time since `started` and the stage times, and return it. */
function finishReport(outputDir: string, started: number, stages: Record<string, number>, counts: Omit<RunReport, 'durationMs' | 'stages'>): RunReport {
  const report: RunReport = {
    ...counts,
    durationMs: Math.round(performance.now() - started),
    stages: Object.fromEntries(Object.entries(stages).map(([name, ms]) => [name, Math.round(ms)])),
  };
  writeFileAtomic(join(outputDir, RUN_REPORT_FILE), toJson(report));
  return report;
}

function sameFileStats(a: Map<string, FileStat>, b: Map<string, FileStat>): boolean {
  if (a.size !== b.size) return false;
  for (const [file, stat] of a) {
    const other = b.get(file);
    if (!other || other.contentKey !== stat.contentKey || other.seenMs !== stat.seenMs || !sameFile(other, stat)) return false;
  }
  return true;
}

/** What the last runs stored, read without writing anything (no state yet: nothing). */
function readState(outputDir: string): { articles: Map<string, StoredArticle>; meta: Record<string, string>; fileStats: Map<string, FileStat> } {
  const reader = StateStore.openExisting(outputDir);
  try {
    return { articles: reader?.articles() ?? new Map(), meta: reader?.meta() ?? {}, fileStats: reader?.fileStats() ?? new Map() };
  } finally {
    reader?.close();
  }
}

/** The copies found by the last run (meta `duplicate_of`), if it recorded them. */
function knownCopies(meta: Record<string, string>): Record<string, string> | undefined {
  try {
    const copies: unknown = meta.duplicate_of ? JSON.parse(meta.duplicate_of) : undefined;
    return copies && typeof copies === 'object' && !Array.isArray(copies) ? (copies as Record<string, string>) : undefined;
  } catch {
    return undefined;
  }
}

/** The stored cores of every article except `except`, read without writing (no state yet: none). */
function readCoresExcept(outputDir: string, except: Set<string>): StoredCore[] {
  const reader = StateStore.openExisting(outputDir);
  try {
    return reader?.loadCores((file) => !except.has(file)) ?? [];
  } finally {
    reader?.close();
  }
}

/** Two lists sorted by file, merged (a file in both: the one from `fresh`). */
function mergeByFile(kept: StoredCore[], fresh: StoredCore[]): StoredCore[] {
  const freshFiles = new Set(fresh.map((c) => c.file));
  return [...kept.filter((c) => !freshFiles.has(c.file)), ...fresh].sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
}

/** Temporary files of atomic writes interrupted by a kill; only runs holding the lock write them. */
function removeStaleTemporaryFiles(outputDir: string): void {
  const lockTemporary = `${LOCK_FILE}.`;
  for (const name of readdirSync(outputDir)) {
    if (/^\..+\.\d+\.\d+\.tmp$/.test(name) && !name.startsWith(lockTemporary)) rmSync(join(outputDir, name), { force: true });
  }
}

function isEmptyDir(dir: string): boolean {
  try {
    return readdirSync(dir).length === 0;
  } catch {
    return false;
  }
}
