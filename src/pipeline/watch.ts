import { watch, type FSWatcher } from 'chokidar';
import { basename, extname, relative, resolve, sep } from 'node:path';
import { configPath, type PipelineConfig } from '../config/config.ts';

export interface InputWatcher {
  /** Resolves once the initial scan is done: changes from then on are seen. */
  readonly ready: Promise<void>;
  /** Resolves once the watcher is closed; a run in progress is not interrupted. */
  close(): Promise<void>;
  /** True while a run started by the watcher is in progress. */
  readonly running: boolean;
  /** Ask for a rerun (debounced), as if the input folder had changed. */
  poke(): void;
}

/**
 * Call `rerun` whenever article files appear, change or disappear under the input folder, once
 * things have been quiet for `debounceMs`. Runs never overlap: changes during a run lead to one
 * more run after it. Hidden files and other extensions are ignored, as in listInputFiles.
 */
export function watchInput(config: PipelineConfig, debounceMs: number, rerun: () => Promise<void>): InputWatcher {
  const root = resolve(configPath(config, config.input));
  const outputDir = resolve(configPath(config, config.output));
  const extensions = new Set(config.ingest.extensions.map((e) => e.toLowerCase()));
  let timer: NodeJS.Timeout | null = null;
  let running = false;
  let again = false;
  let closed = false;

  const relevant = (path: string): boolean => {
    const inside = relative(root, path);
    if (inside.split(sep).some((part) => part.startsWith('.'))) return false;
    // Reports written into an output folder under the input folder must not trigger runs.
    if (!relative(outputDir, path).startsWith('..')) return false;
    return true;
  };

  const start = (): void => {
    timer = null;
    if (closed) return;
    if (running) {
      again = true;
      return;
    }
    running = true;
    rerun().finally(() => {
      running = false;
      if (again && !closed) {
        again = false;
        schedule();
      }
    });
  };

  const schedule = (): void => {
    if (timer) clearTimeout(timer);
    timer = setTimeout(start, debounceMs);
  };

  const watcher: FSWatcher = watch(root, {
    ignoreInitial: true,
    // Wait for files being copied in to stop growing before they count as added or changed.
    awaitWriteFinish: { stabilityThreshold: Math.min(Math.max(debounceMs, 100), 2000), pollInterval: 50 },
  });
  watcher.on('all', (event, path) => {
    if (!relevant(path)) return;
    const isFileEvent = event === 'add' || event === 'change' || event === 'unlink';
    if (isFileEvent && !extensions.has(extname(basename(path)).toLowerCase())) return;
    schedule();
  });

  const ready = new Promise<void>((resolveReady) => watcher.once('ready', () => resolveReady()));

  return {
    ready,
    get running() {
      return running;
    },
    poke: schedule,
    async close() {
      closed = true;
      if (timer) clearTimeout(timer);
      await watcher.close();
    },
  };
}
