import { fork, type ChildProcess } from 'node:child_process';
import { createRequire } from 'node:module';
import { availableParallelism } from 'node:os';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { getHeapStatistics } from 'node:v8';
import type { PipelineConfig } from '../config/config.ts';
import { UsageError } from '../config/errors.ts';
import { packResult, type PackedResult } from '../state/fragments.ts';
import { articleIdOf, errorResult } from './article-result.ts';
import type { Resources } from './resources.ts';
import { PARTIAL_LOADS_BEFORE_WHOLE, type DictionaryLoading } from '../text/segment.ts';
import type { ArticleResult } from './rows.ts';

/** One file to process. */
export interface FileJob {
  path: string;
  file: string;
  /** Fingerprint taken when the run was planned (sha256, or size and mtime for files not read). */
  contentKey: string;
}

/** One processed file, as the runner receives it. */
export interface ProcessedFile {
  job: FileJob;
  /** The result, with its report rows already rendered (done where the article was processed). */
  packed: PackedResult;
  /** Milliseconds per stage. */
  timings: Record<string, number>;
  /** The failure may be passing (timeout, crashed worker): process the file again next run. */
  retry: boolean;
}

export interface ProcessOptions {
  /** Child processes to use; 0 means one per core. */
  workers: number;
  /** Batches smaller than this run in this process (no worker start-up, no timeout). */
  inProcessBelow: number;
  /** A file still unfinished after this long is recorded as failed and its worker restarted. */
  articleTimeoutMs: number;
  onResult: (processed: ProcessedFile) => void;
  onStart?: (job: FileJob) => void;
  /** A worker started ahead (prestartWorker): used as the first worker, or stopped if none is needed. */
  prestarted?: PrestartedWorker | null;
}

export interface ProcessStats {
  mode: 'in-process' | 'workers';
  workers: number;
  /** Wall time until the first worker (or this process) had its resources loaded. */
  loadMs: number;
}

export function workerCount(requested: number): number {
  return requested > 0 ? requested : availableParallelism();
}

/**
 * Run the per-article stages on every job, on all cores: each worker is a child process that loads
 * the lexicons and jieba once. Results arrive through `onResult` in completion order. A worker that
 * crashes or hangs on a file costs that file only (recorded as a retryable error); the batch goes on.
 * A config or lexicon problem rejects with UsageError before any result is delivered.
 */
export async function processFiles(config: PipelineConfig, jobs: FileJob[], options: ProcessOptions): Promise<ProcessStats> {
  const count = Math.min(workerCount(options.workers), jobs.length);
  const dictionary = dictionaryFor(jobs.length);
  if (!jobs.length || jobs.length < options.inProcessBelow) {
    options.prestarted?.stop();
    return jobs.length ? processInProcess(config, jobs, dictionary, options) : { mode: 'in-process', workers: 0, loadMs: 0 };
  }
  return new WorkerPool(config, jobs, count, dictionary, options).run();
}

/**
 * A worker process started before the run knows whether it needs one: it loads the code (~0.3 s)
 * while the run is planned, then waits for its init message. Stop it if it is not used.
 */
export class PrestartedWorker {
  readonly child: ChildProcess = forkWorker();
  private taken = false;

  /** Hand the process over, unless it has exited already (then the pool starts another). */
  take(): ChildProcess | null {
    if (this.taken) return null;
    this.taken = true;
    return this.child.exitCode === null && this.child.signalCode === null ? this.child : null;
  }

  stop(): void {
    if (this.taken) return;
    this.taken = true;
    this.child.kill('SIGKILL');
  }
}

function forkWorker(): ChildProcess {
  const child = fork(WORKER_MODULE, [], {
    execArgv: workerExecArgv(),
    env: { ...process.env, [WORKER_ENV]: '1' },
    serialization: 'advanced',
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
  });
  child.on('error', () => {
    // 'close' follows; the pool (or nobody, if the worker was never taken) handles the exit.
  });
  return child;
}

/** A batch that fits in the partial loads a process makes before loading everything: load as needed. */
function dictionaryFor(jobs: number): DictionaryLoading {
  return jobs <= PARTIAL_LOADS_BEFORE_WHOLE ? 'as-needed' : 'whole';
}

/** The per-article stages, and what loads their resources. */
interface ArticleStages {
  loadResources: typeof import('./resources.ts').loadResources;
  processArticleFile: typeof import('./article.ts').processArticleFile;
}

/**
 * The stages are imported when a process first needs them (~0.15 s of code): the main process of a
 * run that hands every article to workers never loads them.
 */
async function articleStages(): Promise<ArticleStages> {
  const [{ loadResources }, { processArticleFile }] = await Promise.all([import('./resources.ts'), import('./article.ts')]);
  return { loadResources, processArticleFile };
}

async function processInProcess(config: PipelineConfig, jobs: FileJob[], dictionary: DictionaryLoading, options: ProcessOptions): Promise<ProcessStats> {
  const started = performance.now();
  const stages = await articleStages();
  const resources = stages.loadResources(config, dictionary);
  const loadMs = performance.now() - started;
  for (const job of jobs) {
    options.onStart?.(job);
    const { packed, timings } = processAndPack(stages, job.path, job.file, resources);
    options.onResult({ job, packed, timings, retry: false });
    // Let signal handlers (Ctrl-C) and timers run between articles.
    await new Promise((resolve) => setImmediate(resolve));
  }
  return { mode: 'in-process', workers: 0, loadMs };
}

type ToWorker = { type: 'init'; config: PipelineConfig; dictionary: DictionaryLoading } | { type: 'job'; path: string; file: string };
type FromWorker =
  | { type: 'ready'; loadMs: number }
  | { type: 'fatal'; message: string; usage: boolean }
  | { type: 'result'; packed: PackedResult; timings: Record<string, number> };

interface Slot {
  child: ChildProcess;
  ready: boolean;
  /** Jobs sent and not yet answered, in order: the worker works on the first. */
  inFlight: FileJob[];
  timer: NodeJS.Timeout | null;
  /** Set when the pool itself stops the child, so its exit is not taken for a crash. */
  stopping: boolean;
  /** Started ahead of the pool: it gets its first files with its init, not when it is ready. */
  early: boolean;
  /** Stops a worker that never becomes ready. */
  loadTimer: NodeJS.Timeout | null;
}

/** A worker not ready after this long is stopped and replaced (its files go to the next one). */
const LOAD_TIMEOUT_MS = 120_000;

/**
 * Jobs kept queued at each worker, so it does not wait for the next message between files, nor
 * while the main process is busy committing results (a commit can take a few hundred ms).
 */
const IN_FLIGHT = 6;
/** Workers that die before becoming ready, beyond this many, abort the run. */
const MAX_START_FAILURES = 3;

class WorkerPool {
  private readonly queue: FileJob[];
  private readonly slots = new Set<Slot>();
  private remaining: number;
  private startFailures = 0;
  private loadMs = -1;
  private readonly started = performance.now();
  private settle!: { resolve: (stats: ProcessStats) => void; reject: (error: Error) => void };
  private finished = false;

  constructor(
    private readonly config: PipelineConfig,
    jobs: FileJob[],
    private readonly count: number,
    private readonly dictionary: DictionaryLoading,
    private readonly options: ProcessOptions,
  ) {
    this.queue = [...jobs];
    this.remaining = jobs.length;
  }

  run(): Promise<ProcessStats> {
    return new Promise((resolve, reject) => {
      this.settle = { resolve, reject };
      for (let i = 0; i < this.count; i++) this.spawn(i === 0 ? (this.options.prestarted?.take() ?? null) : null);
    });
  }

  private spawn(prestarted: ChildProcess | null = null): void {
    const child = prestarted ?? forkWorker();
    const slot: Slot = { child, ready: false, inFlight: [], timer: null, stopping: false, early: prestarted !== null, loadTimer: null };
    slot.loadTimer = setTimeout(() => {
      if (!slot.ready) child.kill('SIGKILL');
    }, LOAD_TIMEOUT_MS);
    slot.loadTimer.unref();
    this.slots.add(slot);
    child.on('message', (message: FromWorker) => this.onMessage(slot, message));
    // 'close' comes after the last message from the worker, so no answer is still on its way.
    child.on('close', (code, signal) => this.onExit(slot, code, signal));
    child.on('error', () => {
      // 'close' follows; nothing else to do here.
    });
    send(child, { type: 'init', config: this.config, dictionary: this.dictionary });
    this.feed(slot);
  }

  private onMessage(slot: Slot, message: FromWorker): void {
    if (this.finished) return;
    if (message.type === 'fatal') {
      const error = message.usage ? new UsageError(message.message) : new Error(message.message);
      this.fail(error);
    } else if (message.type === 'ready') {
      slot.ready = true;
      if (slot.loadTimer) clearTimeout(slot.loadTimer);
      slot.loadTimer = null;
      if (this.loadMs < 0) this.loadMs = performance.now() - this.started;
      // Files sent while it loaded count as started now.
      for (const job of slot.inFlight) this.options.onStart?.(job);
      this.feed(slot);
    } else if (message.type === 'result') {
      const job = slot.inFlight.shift();
      if (!job) return;
      this.deliver({ job, packed: message.packed, timings: message.timings, retry: false });
      this.feed(slot);
    }
  }

  private onExit(slot: Slot, code: number | null, signal: NodeJS.Signals | null): void {
    this.clearTimer(slot);
    if (slot.loadTimer) clearTimeout(slot.loadTimer);
    this.slots.delete(slot);
    if (this.finished || slot.stopping) return;
    const how = signal ? `signal ${signal}` : `exit code ${code}`;
    if (!slot.ready) {
      this.startFailures++;
      if (this.startFailures > MAX_START_FAILURES) {
        this.fail(new Error(`worker processes keep stopping before they are ready (${how}); see the messages above`));
        return;
      }
      // It died loading: none of the files it was given is to blame.
      this.queue.unshift(...slot.inFlight);
      slot.inFlight = [];
      this.spawn();
      return;
    }
    const [culprit, ...others] = slot.inFlight;
    slot.inFlight = [];
    this.queue.unshift(...others);
    if (culprit) this.deliverFailure(culprit, `worker process stopped (${how}) while processing this file`);
    if (this.remaining > 0) this.spawn();
  }

  /**
   * Send jobs until the worker holds IN_FLIGHT of them. The worker started ahead gets its first
   * jobs right after its init: it starts on them as soon as it is ready, even if this process is
   * busy then (reading back the unchanged results) and cannot answer its 'ready' at once. Others
   * get jobs once ready, so a worker slow to load holds none that a ready one could do.
   */
  private feed(slot: Slot): void {
    if (slot.stopping || (!slot.ready && !slot.early)) return;
    while (slot.inFlight.length < IN_FLIGHT && this.queue.length) {
      const job = this.queue.shift()!;
      slot.inFlight.push(job);
      if (slot.ready) this.options.onStart?.(job);
      send(slot.child, { type: 'job', path: job.path, file: job.file });
    }
    // The timeout runs from when the worker can start on the file: once it is ready.
    if (slot.ready) this.armTimer(slot);
    if (!slot.inFlight.length && !this.queue.length) this.stop(slot);
  }

  /** One timer per worker, for the file at the head of its queue. */
  private armTimer(slot: Slot): void {
    this.clearTimer(slot);
    if (!slot.inFlight.length) return;
    const head = slot.inFlight[0];
    slot.timer = setTimeout(() => {
      if (slot.inFlight[0] !== head) return;
      slot.stopping = true;
      slot.child.kill('SIGKILL');
      const [, ...others] = slot.inFlight;
      slot.inFlight = [];
      this.queue.unshift(...others);
      this.deliverFailure(head, `processing took longer than ${formatMs(this.options.articleTimeoutMs)} (run.articleTimeoutMs); stopped`);
      if (this.remaining > 0) this.spawn();
    }, this.options.articleTimeoutMs);
  }

  private clearTimer(slot: Slot): void {
    if (slot.timer) clearTimeout(slot.timer);
    slot.timer = null;
  }

  private deliverFailure(job: FileJob, reason: string): void {
    this.deliver({ job, packed: packResult(failedResult(job, reason)), timings: {}, retry: true });
  }

  private deliver(processed: ProcessedFile): void {
    try {
      this.options.onResult(processed);
    } catch (error) {
      this.fail(error as Error);
      return;
    }
    this.remaining--;
    if (this.remaining === 0) this.finish();
  }

  private stop(slot: Slot): void {
    if (slot.stopping) return;
    slot.stopping = true;
    this.clearTimer(slot);
    // Closing the channel lets the worker exit on its own once its last answer is out.
    if (slot.child.connected) slot.child.disconnect();
  }

  private finish(): void {
    if (this.finished) return;
    this.finished = true;
    for (const slot of this.slots) this.stop(slot);
    this.settle.resolve({ mode: 'workers', workers: this.count, loadMs: Math.max(0, this.loadMs) });
  }

  private fail(error: Error): void {
    if (this.finished) return;
    this.finished = true;
    for (const slot of this.slots) {
      slot.stopping = true;
      this.clearTimer(slot);
      slot.child.kill('SIGKILL');
    }
    this.settle.reject(error);
  }
}

function formatMs(ms: number): string {
  return ms >= 1000 ? `${+(ms / 1000).toFixed(1)} s` : `${ms} ms`;
}

function send(child: ChildProcess, message: ToWorker): void {
  if (child.connected) child.send(message);
}

/** The error row of a file whose processing was cut short, shaped like the pipeline's own error rows. */
export function failedResult(job: FileJob, reason: string): ArticleResult {
  return errorResult(articleIdOf(job.file), job.file, /^[0-9a-f]{64}$/.test(job.contentKey) ? job.contentKey : '', reason);
}

/** Run the per-article stages, then render the article's report rows (timed as stage `pack`). */
function processAndPack(stages: ArticleStages, path: string, file: string, resources: Resources): { packed: PackedResult; timings: Record<string, number> } {
  const result = stages.processArticleFile(path, file, resources);
  const started = performance.now();
  const packed = packResult(result);
  return { packed, timings: { ...result.timings, pack: performance.now() - started } };
}

const WORKER_ENV = 'ZH_PIPELINE_WORKER';
const WORKER_MODULE = fileURLToPath(import.meta.url);

/** Node flags for a worker: the TypeScript loader when this file runs as TypeScript. */
function workerExecArgv(): string[] {
  // --expose-gc: see collectGarbageIfLarge.
  if (!WORKER_MODULE.endsWith('.ts')) return ['--expose-gc'];
  const loader = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;
  return ['--expose-gc', '--import', loader];
}

/** Heap in use above which a worker collects garbage between articles. */
const HEAP_SOFT_LIMIT = 160 * 1024 * 1024;

/**
 * A worker's live heap is small (~70 MB) but V8 lets it grow to several times that between full
 * collections; with jieba's ~250 MB per worker, that slack is what pushes the process tree toward
 * the memory budget. A full collection between articles, only when the heap is large, costs a few
 * milliseconds every few hundred articles.
 */
function collectGarbageIfLarge(): void {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (gc && getHeapStatistics().used_heap_size > HEAP_SOFT_LIMIT) gc();
}

/** The worker side: load resources once, then answer one message per job. */
function workerMain(): void {
  // Imported right away, while the main process plans the run; messages wait for them, in order.
  const loading = articleStages();
  loading.catch(() => {
    // Reported on the init message below.
  });
  let handled = Promise.resolve();
  let resources: Resources | null = null;
  /** Set when a message's handling threw: the worker answers nothing more and crashes. */
  let crashed = false;
  const reply = (message: FromWorker) => process.send!(message);
  process.on('disconnect', () => process.exit(0));
  const handle = async (message: ToWorker): Promise<void> => {
    if (crashed) return;
    let stages: ArticleStages;
    try {
      stages = await loading;
    } catch (error) {
      if (message.type === 'init') reply({ type: 'fatal', message: `the pipeline's code could not be loaded: ${(error as Error).message}`, usage: false });
      return;
    }
    if (message.type === 'init') {
      const started = performance.now();
      try {
        resources = stages.loadResources(message.config, message.dictionary);
        reply({ type: 'ready', loadMs: performance.now() - started });
      } catch (error) {
        reply({ type: 'fatal', message: (error as Error).message, usage: error instanceof UsageError });
      }
    } else if (message.type === 'job' && resources) {
      reply({ type: 'result', ...processAndPack(stages, message.path, message.file, resources) });
      collectGarbageIfLarge();
    }
  };
  process.on('message', (message: ToWorker) => {
    handled = handled.then(() => handle(message)).catch((error: unknown) => {
      // As when messages were handled synchronously: an exception that escapes a job crashes the
      // worker before it answers any later job, and the pool records the crash on that job (the
      // first without an answer). Messages already queued run first, so they must see the flag.
      crashed = true;
      process.nextTick(() => {
        throw error;
      });
    });
  });
}

if (process.env[WORKER_ENV] === '1' && process.send) workerMain();
