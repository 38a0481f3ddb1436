/** Helpers shared by the state, incremental, robustness and CLI tests. */
import { spawn } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { expect } from 'vitest';
import { configPath, parseConfig, type PipelineConfig } from '../../src/config/config.ts';
import { reconcileOptions } from '../../src/pipeline/run.ts';
import type { ArticleResult } from '../../src/pipeline/rows.ts';
import { reconcile, type ArticleInfo } from '../../src/reconcile/reconcile.ts';
import { writeReports } from '../../src/report/reports.ts';
import { reconcileCores, writeStateReports } from '../../src/state/reports.ts';
import { REPORT_STAMP_FILE } from '../../src/state/report-stamp.ts';
import type { StateStore } from '../../src/state/store.ts';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));
export const RAW = join(ROOT, 'raw');
export const SAMPLES = readdirSync(RAW).filter((f) => f.endsWith('.txt')).sort();

export function tempDir(prefix: string): string {
  return mkdtempSync(join(tmpdir(), `${prefix}-`));
}

/** A folder holding copies of the sample articles (or the named ones). */
export function sampleCorpus(dir: string, names: string[] = SAMPLES): string {
  mkdirSync(dir, { recursive: true });
  for (const name of names) copyFileSync(join(RAW, name), join(dir, name));
  return dir;
}

export function sample(name: string): string {
  return readFileSync(join(RAW, name), 'utf8');
}

/** A config for tests: in-process by default (jieba loads once per test process). */
export function testConfig(input: string, output: string, extra: Record<string, unknown> = {}): PipelineConfig {
  const run = { inProcessBelow: 1000, ...((extra.run as object | undefined) ?? {}) };
  return parseConfig({ ...extra, input, output, run }, null, ROOT);
}

/**
 * Files of an output folder that a run must reproduce exactly: everything but run.json, the state
 * and the report stamp (it records file identities, which differ from folder to folder).
 */
export function reportFiles(outputDir: string): Map<string, Buffer> {
  const files = new Map<string, Buffer>();
  for (const name of readdirSync(outputDir).sort()) {
    if (name === 'run.json' || name === REPORT_STAMP_FILE || name.startsWith('pipeline.sqlite')) continue;
    if (statSync(join(outputDir, name)).isFile()) files.set(name, readFileSync(join(outputDir, name)));
  }
  return files;
}

/** Every report byte-identical, and the same set of files. */
export function expectSameReports(actualDir: string, expectedDir: string): void {
  const actual = reportFiles(actualDir);
  const expected = reportFiles(expectedDir);
  expect([...actual.keys()]).toEqual([...expected.keys()]);
  for (const [name, bytes] of expected) {
    const got = actual.get(name)!;
    if (!got.equals(bytes)) {
      const a = got.toString('utf8').split('\n');
      const b = bytes.toString('utf8').split('\n');
      const line = a.findIndex((l, i) => l !== b[i]);
      expect(`${name}:${line + 1}: ${a[line]}`).toBe(`${name}:${line + 1}: ${b[line]}`);
    }
  }
  expect(actual.size).toBeGreaterThan(0);
}

/** The sample article with its paragraphs in another order and its first number changed: new content. */
export function variant(text: string, seed: number): string {
  const paragraphs = text.split('\n');
  const head = paragraphs.slice(0, 1);
  const body = paragraphs.slice(1);
  const rotated = body.length > 2 ? [...body.slice(seed % body.length), ...body.slice(0, seed % body.length)] : body;
  return [...head, ...rotated].join('\n').replace(/\d+/, (digits) => String(Number(digits) + seed + 1));
}

export interface CliResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

export const CLI = join(ROOT, 'src', 'cli.ts');
// `node --import tsx` rather than the tsx binary: that one runs the CLI in a second process, which a
// SIGKILL of the first would not reach.
const TSX_LOADER = pathToFileURL(join(ROOT, 'node_modules', 'tsx', 'dist', 'loader.mjs')).href;

/** Run the CLI from source (`tsx src/cli.ts ...`, what `npm run cli` falls back to), from `cwd`. */
export function runCli(args: string[], options: { cwd?: string; killAfterMs?: number; until?: () => boolean } = {}): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', TSX_LOADER, CLI, ...args], { cwd: options.cwd ?? ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    let poll: NodeJS.Timeout | null = null;
    if (options.killAfterMs !== undefined) setTimeout(() => child.kill('SIGKILL'), options.killAfterMs);
    if (options.until) {
      const until = options.until;
      poll = setInterval(() => {
        if (until()) child.kill('SIGKILL');
      }, 5);
    }
    child.on('error', reject);
    child.on('close', (code, signal) => {
      if (poll) clearInterval(poll);
      resolve({ code, signal, stdout, stderr });
    });
  });
}

/**
 * The reference the state's reports must equal: every result in memory, reconciled and written by
 * writeReports, as a run without a state database would.
 */
export function writeReportsFromResults(config: PipelineConfig, results: ArticleResult[]): void {
  const infos: ArticleInfo[] = results
    .filter((r) => r.article.status === 'ok')
    .map((r) => ({ id: r.article.id, title: r.article.title, source: r.article.source, published: r.article.published, tokens: r.tokens }));
  const reconciliation = reconcile(results.flatMap((r) => r.claims), infos, reconcileOptions(config));
  writeReports(configPath(config, config.output), { results, reconciliation, articleInfos: infos });
}

/** What a run does at its end: reconcile what the state holds, then write every report from it. */
export function writeReportsFromState(outputDir: string, store: StateStore, config: PipelineConfig): void {
  writeStateReports(outputDir, store, reconcileCores(store.loadCores(), reconcileOptions(config)));
}
