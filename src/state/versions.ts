import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import type { PipelineConfig } from '../config/config.ts';
import { StaleBuildError, UsageError } from '../config/errors.ts';
import { lexiconFiles } from '../pipeline/lexicon-files.ts';
import { PACKAGE_ROOT, RUNNING_BUILD } from '../paths.ts';
import { staleReason } from '../../scripts/build-freshness.mjs';

/**
 * The source folder (src/): its code and built-in lexicons version every stored result. Always
 * src/, also when running the build in dist/, so both give the same version (switching between
 * them must not reprocess the corpus).
 */
export const SOURCE_DIR = join(PACKAGE_ROOT, 'src');
const PACKAGE_LOCK = join(PACKAGE_ROOT, 'package-lock.json');

/** Top-level config sections that do not change what a per-article stage produces. */
const RUN_ONLY_KEYS = new Set(['$schema', 'input', 'output', 'run', 'reconcile', 'configPath', 'baseDir']);

export interface Versions {
  /** Hash of the options that affect per-article processing. */
  configHash: string;
  /** Hash of the source code, the built-in and configured data files, and the installed dependency set. */
  rulesVersion: string;
}

/**
 * Hash of every config option that can change a per-article result. New sections count by
 * default (only known run-level sections are left out), so a forgotten option errs toward
 * reprocessing. With `dates.fallbackReference: "today"` results depend on the day, so the day is
 * part of the hash.
 */
export function configHash(config: PipelineConfig, today = new Date().toISOString().slice(0, 10)): string {
  const relevant: Record<string, unknown> = {};
  for (const key of Object.keys(config).sort()) {
    if (!RUN_ONLY_KEYS.has(key)) relevant[key] = (config as Record<string, unknown>)[key];
  }
  if (config.dates.fallbackReference === 'today') relevant.today = today;
  return sha256(canonicalJson(relevant)).slice(0, 16);
}

/**
 * Version of the rules: the content of every source file under src/ (code and built-in
 * lexicons), of the user's data files named in the config, and of package-lock.json (a new
 * jieba or opencc changes results too). A missing configured data file is a UsageError.
 */
export function rulesVersion(config: PipelineConfig): string {
  assertBuildMatchesSources();
  const hash = createHash('sha256');
  for (const file of listFiles(SOURCE_DIR)) {
    hash.update(`src/${relative(SOURCE_DIR, file).split(sep).join('/')}\0`);
    hash.update(readFileSync(file));
    hash.update('\0');
  }
  for (const file of lexiconFiles(config)) {
    if (!existsSync(file)) throw new UsageError(`${file}: data file not found (named in ${config.configPath ?? 'the config'})`);
    hash.update(`${file}\0`);
    hash.update(readFileSync(file));
    hash.update('\0');
  }
  if (existsSync(PACKAGE_LOCK)) hash.update(readFileSync(PACKAGE_LOCK));
  return hash.digest('hex').slice(0, 16);
}

/**
 * The version hashes src/, which describes the code that runs only while dist/ was built from it.
 * A long-lived process started from dist/ (watch) after sources were edited would tag the results
 * of its old code with the new version, and they would never be redone: it must restart instead.
 */
function assertBuildMatchesSources(): void {
  if (!RUNNING_BUILD) return;
  const stale = staleReason(PACKAGE_ROOT);
  if (stale !== null) {
    throw new StaleBuildError(`${stale}, which this process runs: restart the command (after \`npm run build\` for a fast start)`);
  }
}

export function currentVersions(config: PipelineConfig): Versions {
  return { configHash: configHash(config), rulesVersion: rulesVersion(config) };
}

function listFiles(dir: string): string[] {
  const files: string[] = [];
  const walk = (folder: string): void => {
    for (const entry of readdirSync(folder, { withFileTypes: true })) {
      const path = join(folder, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.isFile()) files.push(path);
    }
  };
  walk(dir);
  return files.sort();
}

/** JSON with object keys sorted at every level, so equal values always hash alike. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : v,
  );
}

function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}
