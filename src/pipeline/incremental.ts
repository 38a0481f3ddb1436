import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, rmdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { configPath, type PipelineConfig } from '../config/config.ts';
import { UsageError } from '../config/errors.ts';
import { toJson, writeFileAtomic } from '../report/write.ts';
import { STATE_FILE, StateStore, type ResultToStore, type StoredArticle } from '../state/store.ts';
import { currentVersions, type Versions } from '../state/versions.ts';
import { acquireLock, LOCK_FILE } from './lock.ts';
import { loadResources } from './resources.ts';
import { listInputFiles, reconcileOptions, type InputFile, type Progress } from './run.ts';
import { writeReportsFromState } from '../state/reports.ts';
import { processFiles, type FileJob } from './workers.ts';

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
}

/**
 * Fingerprint of an input file: the sha256 of its bytes. Files over the size limit are not read
 * at all (they are recorded as errors), so their size and modification time stand in.
 */
export function contentKey(path: string, maxFileBytes: number): string {
  let size = -1;
  let mtime = -1;
  try {
    const stat = statSync(path);
    size = stat.size;
    mtime = stat.mtimeMs;
    if (size > maxFileBytes) return `unread:${size}:${mtime}`;
    return createHash('sha256').update(readFileSync(path)).digest('hex');
  } catch {
    return `unreadable:${size}:${mtime}`;
  }
}

/** Decide what a run has to do, from the input files and what the state holds. Reads, never writes. */
export function planRun(
  config: PipelineConfig,
  files: InputFile[],
  stored: Map<string, StoredArticle>,
  versions: Versions,
  force = false,
): Plan {
  const planned = files.map((f) => ({ ...f, contentKey: contentKey(f.path, config.ingest.maxFileBytes) }));
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
  return { versions, files: planned, toProcess, unchanged, removed };
}

/** The plan of the next run, for `cli status`. Takes no lock and writes nothing. */
export function statusOf(config: PipelineConfig): Plan & { hasState: boolean } {
  const files = listInputFiles(config);
  const versions = currentVersions(config);
  const outputDir = configPath(config, config.output);
  const hasState = existsSync(join(outputDir, STATE_FILE));
  return { ...planRun(config, files, readState(outputDir).articles, versions), hasState };
}

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
  const notice = options.onNotice ?? (() => {});
  const progress = options.onProgress ?? (() => {});

  // Everything that can be wrong with the config or data files is found before the output folder is touched.
  reconcileOptions(config);
  const files = listInputFiles(config);
  const versions = currentVersions(config);
  stages.plan = performance.now() - started;
  const outputDir = configPath(config, config.output);
  const outputExisted = existsSync(outputDir);

  const lock = acquireLock(outputDir, options.command ?? 'run');
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
    const plan = planRun(config, files, before.articles, versions, options.force);
    stages.plan += performance.now() - mark;

    if (!plan.toProcess.length && (before.meta.rules_version !== versions.rulesVersion || before.meta.config_hash !== versions.configHash)) {
      // Nothing to process, yet the data files changed: still check that they load.
      mark = performance.now();
      loadResources(config);
      stages.load = performance.now() - mark;
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
    const processing = await processFiles(config, jobs, {
      workers: config.run.workers,
      inProcessBelow: config.run.inProcessBelow,
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
    commit();
    if (processing.loadMs) stages.load = (stages.load ?? 0) + processing.loadMs;
    stages.process = performance.now() - mark;

    const writer = state();
    writer.remove(plan.removed.map((a) => a.file));
    removeStaleTemporaryFiles(outputDir);

    const finished = writeReportsFromState(outputDir, writer, reconcileOptions(config));
    stages.readback = finished.readbackMs;
    stages.reconcile = finished.reconcileMs;
    stages.reports = finished.reportsMs;
    mark = performance.now();
    writer.saveConflicts(finished.groups);
    writer.setMeta({ config_hash: versions.configHash, rules_version: versions.rulesVersion, last_run: new Date().toISOString() });
    writer.close();
    stages.store = (stages.store ?? 0) + performance.now() - mark;

    const report: RunReport = {
      processed: plan.toProcess.length,
      skipped: plan.unchanged.length,
      removed: plan.removed.length,
      failed: finished.failed,
      articles: finished.articles,
      durationMs: Math.round(performance.now() - started),
      stages: Object.fromEntries(Object.entries(stages).map(([name, ms]) => [name, Math.round(ms)])),
    };
    writeFileAtomic(join(outputDir, RUN_REPORT_FILE), toJson(report));
    return report;
  } catch (error) {
    if (error instanceof UsageError && !store) {
      // Nothing was written: leave no trace, not even the output folder this run created.
      lock.release();
      if (!outputExisted && isEmptyDir(outputDir)) rmdirSync(outputDir);
    }
    throw error;
  } finally {
    (store as StateStore | null)?.close();
    lock.release();
  }
}

/** What the last runs stored, read without writing anything (no state yet: nothing). */
function readState(outputDir: string): { articles: Map<string, StoredArticle>; meta: Record<string, string> } {
  const reader = StateStore.openExisting(outputDir);
  try {
    return { articles: reader?.articles() ?? new Map(), meta: reader?.meta() ?? {} };
  } finally {
    reader?.close();
  }
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
