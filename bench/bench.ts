/**
 * `npm run bench [-- --articles N] [--workers N] [--seed N]`
 *
 * Builds the CLI (`npm run build`) and a synthetic corpus (bench/corpus.ts) in .bench/, then
 * measures in one go:
 * - bare nodejieba `tag` throughput on the same text, one core (bench/tag.ts);
 * - a full `cli run` on the corpus into an empty output folder, started as users start it
 *   (scripts/cli.mjs, running the compiled dist/): wall time, MB/s, peak memory of the whole
 *   process tree (main process and workers);
 * - a rerun after adding one article.
 * Prints a table, then as its last line one JSON object:
 * {"tagMBps", "pipelineMBps", "ratio", "peakRssMB", "articles", "fullRunMs", "rerunMs"}.
 * Environment: BENCH_ARTICLES, BENCH_WORKERS, BENCH_SEED stand in for the flags.
 */
import { execSync, spawn, spawnSync } from 'node:child_process';
import { cpus, totalmem } from 'node:os';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { buildCorpus, perturb, sampleArticles } from './corpus.ts';
import { sampleTreeMemory } from './proc.ts';
import { staleReason } from '../scripts/build-freshness.mjs';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const BENCH_DIR = join(ROOT, '.bench');
const TSX_LOADER = pathToFileURL(join(ROOT, 'node_modules', 'tsx', 'dist', 'loader.mjs')).href;
const LAUNCHER = join(ROOT, 'scripts', 'cli.mjs');

const { values } = parseArgs({
  options: {
    articles: { type: 'string', default: process.env.BENCH_ARTICLES ?? '5000' },
    workers: { type: 'string', default: process.env.BENCH_WORKERS ?? '0' },
    seed: { type: 'string', default: process.env.BENCH_SEED ?? '1' },
    help: { type: 'boolean', short: 'h' },
  },
});
if (values.help) {
  process.stdout.write('Usage: npm run bench -- [--articles N (5000)] [--workers N (0: one per core)] [--seed N (1)]\n');
  process.exit(0);
}
const articles = Number(values.articles);
const workers = Number(values.workers);
const seed = Number(values.seed);
if (!Number.isInteger(articles) || articles < 1 || !Number.isInteger(workers) || workers < 0 || !Number.isInteger(seed)) {
  process.stderr.write('--articles must be a positive whole number, --workers and --seed whole numbers\n');
  process.exit(2);
}

interface Timed {
  ms: number;
  code: number | null;
  stdout: string;
  stderr: string;
  peakRssMB: number;
  processes: number;
}

/** Run `node <args>` to completion, timing it and sampling its process tree's memory. */
function runNode(args: string[]): Promise<Timed> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(process.execPath, args, { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    const memory = sampleTreeMemory(child.pid!);
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    child.on('error', reject);
    child.on('close', (code) => {
      const ms = performance.now() - started;
      resolve({ ms, code, stdout, stderr, ...memory.stop() });
    });
  });
}

/** `cli run` through the launcher, which must find the build fresh: the compiled path is measured. */
function runCli(args: string[]): Promise<Timed> {
  const stale = staleReason(ROOT);
  if (stale !== null) throw new Error(`dist/ would not be used (${stale}): src/ changed during the benchmark; run it again`);
  return runNode([LAUNCHER, ...args]);
}

function build(): void {
  // tsc's output goes to stderr: stdout is the result table.
  const result = spawnSync(process.execPath, [join(ROOT, 'scripts', 'build.mjs')], { cwd: ROOT, stdio: ['ignore', 2, 2] });
  if (result.status !== 0) throw new Error(`npm run build failed (exit ${result.status ?? result.signal})`);
}

function log(line: string): void {
  process.stderr.write(`${line}\n`);
}

const mb = (bytes: number) => bytes / 1e6;
const fixed = (value: number, digits = 2) => value.toFixed(digits);

async function main(): Promise<void> {
  log('building the CLI (npm run build)…');
  build();
  mkdirSync(BENCH_DIR, { recursive: true });
  const corpusDir = join(BENCH_DIR, `corpus-${articles}-${seed}`);
  const outputDir = join(BENCH_DIR, `output-${articles}-${seed}`);
  const configFile = join(BENCH_DIR, 'bench.config.json');

  log(`building the corpus: ${articles} articles in ${corpusDir}`);
  const corpus = buildCorpus(join(ROOT, 'raw'), corpusDir, articles, seed);
  log(`corpus: ${corpus.files} articles, ${fixed(mb(corpus.bytes))} MB`);

  log('bare nodejieba tag, one core…');
  const tagRun = await runNode(['--import', TSX_LOADER, join(ROOT, 'bench', 'tag.ts'), corpusDir]);
  if (tagRun.code !== 0) throw new Error(`tag measurement failed:\n${tagRun.stderr}`);
  const tag = JSON.parse(tagRun.stdout.trim().split('\n').pop()!) as { bytes: number; ms: number; MBps: number; loadMs: number };

  rmSync(outputDir, { recursive: true, force: true });
  writeFileSync(configFile, JSON.stringify({ input: corpusDir, output: outputDir, run: { workers } }, null, 2));
  log('full run…');
  const full = await runCli(['run', '-c', configFile]);
  if (full.code !== 0 && full.code !== 1) throw new Error(`full run failed (exit ${full.code}):\n${full.stderr}`);
  const fullReport = JSON.parse(readFileSync(join(outputDir, 'run.json'), 'utf8')) as RunJson;
  // The full run leaves ~1 GB of dirty pages (state database, reports); flush them now, or the
  // kernel writes them back during the rerun and its time measures the disk, not the rerun.
  execSync('sync');

  const addedDir = join(corpusDir, 'added');
  mkdirSync(addedDir, { recursive: true });
  const added = join(addedDir, `added-${Date.now()}.txt`);
  const samples = sampleArticles(join(ROOT, 'raw'));
  writeFileSync(added, perturb(samples[0], Date.now() % 1_000_000));
  log('rerun after adding one article…');
  let rerun: Timed;
  let rerunReport: RunJson;
  try {
    rerun = await runCli(['run', '-c', configFile]);
    if (rerun.code !== 0 && rerun.code !== 1) throw new Error(`rerun failed (exit ${rerun.code}):\n${rerun.stderr}`);
    rerunReport = JSON.parse(readFileSync(join(outputDir, 'run.json'), 'utf8')) as RunJson;
  } finally {
    rmSync(addedDir, { recursive: true, force: true });
  }

  const pipelineMBps = mb(corpus.bytes) / (full.ms / 1000);
  const result = {
    tagMBps: round(tag.MBps, 3),
    pipelineMBps: round(pipelineMBps, 3),
    ratio: round(pipelineMBps / tag.MBps, 3),
    peakRssMB: round(Math.max(full.peakRssMB, rerun.peakRssMB), 1),
    articles: corpus.files,
    fullRunMs: Math.round(full.ms),
    rerunMs: Math.round(rerun.ms),
  };

  const cpu = cpus();
  const rows: Array<[string, string]> = [
    ['machine', `${cpu.length} × ${cpu[0]?.model ?? 'unknown CPU'}, ${fixed(totalmem() / 2 ** 30, 1)} GiB, Node ${process.version}`],
    ['corpus', `${corpus.files} articles, ${fixed(mb(corpus.bytes))} MB`],
    ['bare jieba tag (1 core)', `${fixed(tag.MBps)} MB/s (${fixed(tag.ms / 1000, 1)} s; dictionary load ${fixed(tag.loadMs / 1000, 1)} s)`],
    ['full run', `${fixed(full.ms / 1000, 1)} s wall, ${fixed(pipelineMBps)} MB/s, ${fullReport.failed} failed`],
    ['ratio pipeline / tag', `${fixed(result.ratio)}× (target ≥ 1.0)`],
    ['peak memory', `${fixed(result.peakRssMB, 0)} MB over ${full.processes} processes (target < 1500)`],
    ['rerun, one article added', `${fixed(rerun.ms / 1000, 2)} s wall = ${fixed((100 * rerun.ms) / full.ms, 1)}% of the full run (target < 5%)`],
  ];
  const width = Math.max(...rows.map(([name]) => name.length));
  const lines = ['', ...rows.map(([name, value]) => `${name.padEnd(width)}  ${value}`), ''];
  lines.push(`${'stage (ms)'.padEnd(14)} ${'full run'.padStart(10)} ${'rerun'.padStart(10)}`);
  const stages = [...new Set([...Object.keys(fullReport.stages), ...Object.keys(rerunReport.stages)])];
  for (const stage of stages) {
    lines.push(`${stage.padEnd(14)} ${String(fullReport.stages[stage] ?? '').padStart(10)} ${String(rerunReport.stages[stage] ?? '').padStart(10)}`);
  }
  lines.push(`${'in-process'.padEnd(14)} ${String(fullReport.durationMs).padStart(10)} ${String(rerunReport.durationMs).padStart(10)}`);
  lines.push(`${'wall'.padEnd(14)} ${String(Math.round(full.ms)).padStart(10)} ${String(Math.round(rerun.ms)).padStart(10)}`);
  lines.push(
    '',
    'per-article stages are summed over all articles and workers; the others are wall time.',
    'runs start as `npm run pipeline` does (scripts/cli.mjs, compiled dist/); `sync` runs between the full run and',
    "the rerun, so the rerun's time does not include flushing the full run's writes to disk.",
    '',
  );
  process.stdout.write(lines.join('\n') + '\n');
  process.stdout.write(JSON.stringify(result) + '\n');
}

interface RunJson {
  processed: number;
  failed: number;
  durationMs: number;
  stages: Record<string, number>;
}

function round(value: number, digits: number): number {
  const scale = 10 ** digits;
  return Math.round(value * scale) / scale;
}

main().catch((error: Error) => {
  process.stderr.write(`${error.stack ?? error.message}\n`);
  process.exit(1);
});
