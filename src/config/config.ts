import { existsSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { z } from 'zod';
import { formatZodError, UsageError } from './errors.ts';

/**
 * The one configuration schema. Every option has a default, unknown keys are errors, and every
 * mistake is reported on its own line with the key path and what was expected.
 */
export const ConfigSchema = z.strictObject({
  $schema: z.string().optional(),
  /** Folder of articles, relative to the config file. */
  input: z.string().min(1).default('raw'),
  /** Folder of reports, relative to the config file. */
  output: z.string().min(1).default('output'),
  ingest: z
    .strictObject({
      /** Files larger than this are recorded as errors instead of read. */
      maxFileBytes: z.number().int().positive().default(10 * 1024 * 1024),
      extensions: z.array(z.string().regex(/^\.[a-z0-9]+$/i, 'expected an extension like ".txt"')).min(1).default(['.txt', '.md', '.html', '.htm']),
    })
    .prefault({}),
  convert: z
    .strictObject({
      /** opencc-js source preset for Traditional paragraphs (target is always `cn`). */
      preset: z.enum(['tw', 't', 'hk']).default('tw'),
    })
    .prefault({}),
  lexicons: z
    .strictObject({
      /** Boilerplate and metadata rules; null uses the built-in file. */
      boilerplate: z.string().nullable().default(null),
      /** Extra jieba user-dictionary files (`word frequency tag` per line), added to the built-in one. */
      userDictionaries: z.array(z.string()).default([]),
      /** Extra entity lexicon files (same schema as src/lexicons/entities.json). */
      entities: z.array(z.string()).default([]),
    })
    .prefault({}),
  dates: z
    .strictObject({
      /** Reference date for articles without a publication date: 'none' leaves relative dates unresolved. */
      fallbackReference: z.enum(['none', 'today']).default('none'),
    })
    .prefault({}),
  run: z
    .strictObject({
      /** Worker processes for per-article stages; 0 means one per core. */
      workers: z.number().int().min(0).default(0),
      /** Fewer articles to process than this: process them in the main process (no worker start-up). */
      inProcessBelow: z.number().int().min(0).default(32),
      /** An article still unfinished after this long is recorded as failed (retried next run); its worker restarts. */
      articleTimeoutMs: z.number().int().positive().default(120_000),
      /** `watch`: wait this long after the last change in the input folder before rerunning. */
      watchDebounceMs: z.number().int().min(0).default(1000),
      /** Keep a spare of each per-article table in output/.spare/, rewritten in place by the next run (faster; twice the disk). */
      spareReports: z.boolean().default(true),
    })
    .prefault({}),
  reconcile: z.record(z.string(), z.unknown()).default({}),
});

export type PipelineConfig = z.infer<typeof ConfigSchema> & {
  /** Absolute path of the config file, or null when defaults were used. */
  configPath: string | null;
  /** Folder that relative paths are resolved against. */
  baseDir: string;
};

export const DEFAULT_CONFIG_FILE = 'pipeline.config.json';

export interface ConfigOverrides {
  config?: string;
  input?: string;
  output?: string;
}

/**
 * Load the configuration: `--config` if given (it must exist), else `pipeline.config.json` in the
 * current folder if present, else defaults. CLI overrides win. Throws UsageError on any mistake.
 */
export function loadConfig(overrides: ConfigOverrides = {}, cwd = process.cwd()): PipelineConfig {
  let json: unknown = {};
  let configPath: string | null = null;
  const candidate = resolve(cwd, overrides.config ?? DEFAULT_CONFIG_FILE);
  if (existsSync(candidate)) {
    configPath = candidate;
    let text: string;
    try {
      text = readFileSync(candidate, 'utf8');
    } catch (error) {
      throw new UsageError(`${candidate}: cannot read: ${(error as Error).message}`);
    }
    try {
      json = JSON.parse(text.replace(/^\ufeff/, ''));
    } catch (error) {
      throw new UsageError(`${candidate}: not valid JSON: ${(error as Error).message}`);
    }
  } else if (overrides.config) {
    throw new UsageError(`${candidate}: config file not found`);
  }
  return parseConfig(json, configPath, configPath ? dirname(configPath) : cwd, overrides);
}

export function parseConfig(json: unknown, configPath: string | null, baseDir: string, overrides: ConfigOverrides = {}): PipelineConfig {
  const parsed = ConfigSchema.safeParse(json);
  if (!parsed.success) throw new UsageError(formatZodError(parsed.error, configPath ?? 'config'));
  const config = { ...parsed.data, configPath, baseDir };
  // CLI paths are relative to where the user stands, config paths to the config file.
  if (overrides.input) config.input = resolve(overrides.input);
  if (overrides.output) config.output = resolve(overrides.output);
  return config;
}

/** Resolve a path from the config against its folder. */
export function configPath(config: PipelineConfig, path: string): string {
  return resolve(config.baseDir, path);
}
