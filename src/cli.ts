#!/usr/bin/env node
import { createInterface } from 'node:readline';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { configPath, loadConfig, type PipelineConfig } from './config/config.ts';
import { StaleBuildError, UsageError } from './config/errors.ts';
import type { ExtractRequest } from './extract/line.ts';
import { runIncremental, statusOf, type RunReport } from './pipeline/incremental.ts';
import { LockedError, lockHolder, releaseHeldLocks } from './pipeline/lock.ts';
import type { Progress } from './pipeline/run.ts';

const COMMON_OPTIONS = {
  config: { type: 'string', short: 'c' },
  input: { type: 'string', short: 'i' },
  output: { type: 'string', short: 'o' },
  help: { type: 'boolean', short: 'h' },
} as const satisfies ParseArgsConfig['options'];

interface Command {
  summary: string;
  usage: string;
  options: ParseArgsConfig['options'];
  run(values: Record<string, unknown>): Promise<number>;
}

const EXIT_CODES = `Exit code: 0 every article ok, 1 some articles failed (the others are still written), 2 usage or
config error (nothing written), 3 another run holds the output folder.`;

const COMMANDS: Record<string, Command> = {
  run: {
    summary: 'process new and changed articles, then rewrite every report',
    usage: `cli run [--force] [--config FILE] [--input DIR] [--output DIR]

Reads the articles in the input folder (recursively: .txt .md .html .htm), extracts dates,
figures, entities and claims, reconciles claims across articles and writes CSV/JSON reports and
report.md to the output folder. Only new and changed articles are processed: the results of the
others are kept in OUTPUT/pipeline.sqlite (everything is reprocessed when the code, a lexicon or a
per-article option changed). Removed articles are dropped. The reports are rewritten in full and
equal those of a clean run; when nothing they come from changed and they are as the last run wrote
them, they are left untouched. OUTPUT/run.json tells what the run did.
Shows progress on a terminal; ends with a one-line summary on stderr.

  --force             reprocess every article
${EXIT_CODES}`,
    options: { ...COMMON_OPTIONS, force: { type: 'boolean' } },
    async run(values) {
      const config = configFrom(values);
      const report = await runIncremental(config, {
        force: values.force === true,
        onProgress: progressPrinter(),
        onNotice: notice,
        command: 'cli run',
      });
      clearProgress();
      process.stderr.write(summaryLine(report, config));
      return report.failed > 0 ? 1 : 0;
    },
  },
  status: {
    summary: 'list new, changed and removed articles without running',
    usage: `cli status [--json] [--config FILE] [--input DIR] [--output DIR]

Compares the input folder with the state of the last run (OUTPUT/pipeline.sqlite) and lists what
the next \`run\` would do: new, changed and removed articles, articles to reprocess because the
code, a lexicon or a per-article option changed, and failures to retry. Writes nothing.

  --json              print one JSON object instead of lines
Exit code: 0, or 2 for a usage or config error.`,
    options: { ...COMMON_OPTIONS, json: { type: 'boolean' } },
    async run(values) {
      const config = configFrom(values);
      const status = statusOf(config);
      process.stdout.write(values.json ? JSON.stringify(statusJson(status)) + '\n' : statusText(status, config));
      return 0;
    },
  },
  watch: {
    summary: 'run, then rerun whenever articles appear, change or disappear',
    usage: `cli watch [--config FILE] [--input DIR] [--output DIR]

Runs once, then watches the input folder and reruns (like \`run\`) when article files are added,
changed or removed, once the folder has been quiet for run.watchDebounceMs (default 1000 ms).
Prints a summary line per run on stderr. Stops on Ctrl-C (SIGINT) or SIGTERM; a run cut short
that way is completed by the next run.
Exit code: 0 when stopped while idle, 130 when stopped during a run, 2 for a usage or config error.`,
    options: COMMON_OPTIONS,
    async run(values) {
      const config = configFrom(values);
      return watchCommand(config);
    },
  },
  extract: {
    summary: 'extract dates, figures and entities from JSON Lines on stdin',
    usage: `cli extract [--config FILE]

Reads one request per line on stdin: {"id"?, "text", "ref"?} (ref: publication date YYYY-MM-DD,
default today); a line that is not JSON is taken as plain text. Writes one JSON object per input
line, in order: {"id", "text", "dates", "figures", "entities"} with start/end offsets into that
line's text. Traditional text is converted to Simplified first.`,
    options: COMMON_OPTIONS,
    async run(values) {
      const config = configFrom(values);
      // The stages load only for the commands that run them in this process.
      const [{ loadResources }, { extractLine }] = await Promise.all([import('./pipeline/resources.ts'), import('./extract/line.ts')]);
      // Often one sentence to try: load only the dictionary entries the lines need (see segment.ts).
      const resources = loadResources(config, 'as-needed');
      const today = new Date().toISOString().slice(0, 10);
      const lines = createInterface({ input: process.stdin, crlfDelay: Infinity });
      for await (const line of lines) {
        const request = parseRequest(line);
        let result: unknown;
        try {
          result = extractLine(request, resources, today);
        } catch (error) {
          result = { id: request.id ?? null, text: request.text, error: (error as Error).message, dates: [], figures: [], entities: [] };
        }
        if (!process.stdout.write(JSON.stringify(result) + '\n')) {
          await new Promise((resolve) => process.stdout.once('drain', resolve));
        }
      }
      return 0;
    },
  },
};

function parseRequest(line: string): ExtractRequest {
  const trimmed = line.trim();
  if (trimmed.startsWith('{')) {
    try {
      const value = JSON.parse(trimmed) as Partial<ExtractRequest>;
      if (value && typeof value.text === 'string') {
        const ref = typeof value.ref === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value.ref) ? value.ref : null;
        return { id: value.id ?? null, text: value.text, ref };
      }
    } catch {
      // Not JSON: plain text.
    }
  }
  return { id: null, text: line };
}

function configFrom(values: Record<string, unknown>): PipelineConfig {
  return loadConfig({
    config: values.config as string | undefined,
    input: values.input as string | undefined,
    output: values.output as string | undefined,
  });
}

function summaryLine(report: RunReport, config: PipelineConfig): string {
  const ok = report.articles - report.failed;
  const seconds = (report.durationMs / 1000).toFixed(1);
  return (
    `${ok} ok, ${report.failed} failed, ${report.articles} articles ` +
    `(${report.processed} processed, ${report.skipped} unchanged, ${report.removed} removed) in ${seconds} s → ${configPath(config, config.output)}\n`
  );
}

function notice(message: string): void {
  clearProgress();
  process.stderr.write(`note: ${message}\n`);
}

type Status = ReturnType<typeof statusOf>;

function statusJson(status: Status) {
  const byReason = (reason: string) => status.toProcess.filter((f) => f.reason === reason).map((f) => f.file);
  return {
    new: byReason('new'),
    changed: byReason('changed'),
    removed: status.removed.map((a) => a.file),
    reprocess: status.toProcess.filter((f) => f.reason === 'rules' || f.reason === 'config').map((f) => f.file),
    retry: byReason('retry'),
    unchanged: status.unchanged.length,
  };
}

function statusText(status: Status, config: PipelineConfig): string {
  const lines: string[] = [];
  const json = statusJson(status);
  if (!status.hasState) lines.push(`no state in ${configPath(config, config.output)} yet: every article is new`);
  const holder = lockHolder(configPath(config, config.output));
  if (holder) lines.push(`a run is in progress (pid ${holder.pid}, ${holder.command}, started ${holder.startedAt}): what it has not finished is listed`);
  const reprocess = status.toProcess.filter((f) => f.reason === 'rules' || f.reason === 'config');
  if (reprocess.length) {
    const why = reprocess.some((f) => f.reason === 'rules') ? 'the code or a lexicon changed' : 'a per-article option in the config changed';
    lines.push(`${why} since the last run: ${reprocess.length} unchanged article${reprocess.length === 1 ? '' : 's'} will be reprocessed`);
  }
  const list = (label: string, files: string[]) => files.forEach((file) => lines.push(`${label.padEnd(8)} ${file}`));
  list('new', json.new);
  list('changed', json.changed);
  list('removed', json.removed);
  list('retry', json.retry);
  lines.push(
    `${json.new.length} new, ${json.changed.length} changed, ${json.removed.length} removed, ${json.retry.length} to retry, ` +
      `${json.reprocess.length} to reprocess, ${json.unchanged} unchanged`,
  );
  return lines.join('\n') + '\n';
}

async function watchCommand(config: PipelineConfig): Promise<number> {
  let running = false;
  const runOnce = async (): Promise<void> => {
    running = true;
    try {
      const report = await runIncremental(config, { onProgress: progressPrinter(), onNotice: notice, command: 'cli watch' });
      clearProgress();
      process.stderr.write(`${new Date().toLocaleTimeString()} ${summaryLine(report, config)}`);
    } catch (error) {
      clearProgress();
      // The watch goes on: the next change may fix it (a lexicon being edited); a busy folder is
      // tried again shortly.
      const message = error instanceof UsageError || error instanceof LockedError ? error.message : ((error as Error).stack ?? String(error));
      process.stderr.write(`${new Date().toLocaleTimeString()} run failed: ${message}\n`);
      if (error instanceof LockedError) watcher.poke();
      // Every later run would fail the same way: stop rather than watch in vain.
      if (error instanceof StaleBuildError) endWatch(2);
    } finally {
      running = false;
    }
  };
  let ended = false;
  let endWatch: (code: number) => void = () => {};
  const { watchInput } = await import('./pipeline/watch.ts');
  const watcher = watchInput(config, config.run.watchDebounceMs, runOnce);
  const stopped = new Promise<number>((resolve) => {
    endWatch = (code) => {
      ended = true;
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      void watcher.close().then(() => resolve(code));
    };
    const stop = (): void => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      const busy = running || watcher.running;
      void watcher.close().then(() => {
        clearProgress();
        if (busy) {
          // Committed work stays; the next run completes the rest.
          releaseHeldLocks();
          process.exit(130);
        }
        resolve(0);
      });
    };
    // These replace the handlers for a single run (below), which would end the watch at once.
    process.off('SIGINT', onSigint);
    process.off('SIGTERM', onSigterm);
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
  await watcher.ready;
  await runOnce();
  if (!ended) process.stderr.write(`watching ${configPath(config, config.input)} (Ctrl-C to stop)\n`);
  return stopped;
}

let progressShown = false;

function progressPrinter(): (p: Progress) => void {
  if (!process.stderr.isTTY) return () => {};
  let shownAt = 0;
  return ({ done, total, current }) => {
    // A terminal redraw per article would cost more than the article on large batches.
    const now = performance.now();
    if (done < total && now - shownAt < 100) return;
    shownAt = now;
    const width = process.stderr.columns ?? 80;
    const line = `[${done}/${total}] ${current}`.slice(0, width - 1);
    process.stderr.write(`\r\x1b[K${line}`);
    progressShown = true;
  };
}

function clearProgress(): void {
  if (progressShown) process.stderr.write('\r\x1b[K');
  progressShown = false;
}

function mainUsage(): string {
  const lines = Object.entries(COMMANDS).map(([name, c]) => `  ${name.padEnd(10)} ${c.summary}`);
  return `Chinese news pipeline

Usage: npm run --silent cli -- <command> [options]

Commands:
${lines.join('\n')}

Options for every command:
  -c, --config FILE   configuration file (default: pipeline.config.json if present)
  -i, --input DIR     input folder (overrides the config)
  -o, --output DIR    output folder (overrides the config)
  -h, --help          help for a command
`;
}

export async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    process.stdout.write(mainUsage());
    return name ? 0 : 2;
  }
  const command = COMMANDS[name];
  if (!command) {
    process.stderr.write(`unknown command "${name}"\n\n${mainUsage()}`);
    return 2;
  }
  let values: Record<string, unknown>;
  try {
    ({ values } = parseArgs({ args: rest, options: command.options, allowPositionals: false, strict: true }));
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n\nUsage: ${command.usage}\n`);
    return 2;
  }
  if (values.help) {
    process.stdout.write(`Usage: ${command.usage}\n`);
    return 0;
  }
  try {
    return await command.run(values);
  } catch (error) {
    clearProgress();
    if (error instanceof UsageError) {
      process.stderr.write(`${error.message}\n`);
      return 2;
    }
    if (error instanceof LockedError) {
      process.stderr.write(`${error.message}\n`);
      return 3;
    }
    process.stderr.write(`${(error as Error).stack ?? String(error)}\n`);
    return 1;
  }
}


// Ctrl-C during a run: committed work stays, the lock is freed, the next run completes the rest.
// (`watch` installs its own handlers and removes these.)
const interrupted = (signal: NodeJS.Signals) => () => {
  clearProgress();
  releaseHeldLocks();
  process.exit(signal === 'SIGINT' ? 130 : 143);
};
const onSigint = interrupted('SIGINT');
const onSigterm = interrupted('SIGTERM');
process.on('SIGINT', onSigint);
process.on('SIGTERM', onSigterm);

main(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
});
