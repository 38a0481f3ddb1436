import { readdirSync, statSync, existsSync } from 'node:fs';
import { join, relative, extname, sep } from 'node:path';
import { configPath, type PipelineConfig } from '../config/config.ts';
import { formatZodError, UsageError } from '../config/errors.ts';
import { ReconcileOptionsSchema } from '../reconcile/reconcile.ts';
import { articleIdOf } from './article-result.ts';

export interface InputFile {
  /** Absolute path. */
  path: string;
  /** Path relative to the input folder, with forward slashes. */
  file: string;
  id: string;
}

/** Article files under the input folder, recursively, sorted; hidden files and folders skipped. */
export function listInputFiles(config: PipelineConfig): InputFile[] {
  const root = configPath(config, config.input);
  if (!existsSync(root) || !statSync(root).isDirectory()) {
    throw new UsageError(`input folder not found: ${root}`);
  }
  const extensions = new Set(config.ingest.extensions.map((e) => e.toLowerCase()));
  const files: InputFile[] = [];
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      if (entry.name.startsWith('.')) continue;
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.isFile() && extensions.has(extname(entry.name).toLowerCase())) {
        const file = relative(root, path).split(sep).join('/');
        files.push({ path, file, id: articleIdOf(file) });
      }
    }
  };
  walk(root);
  files.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
  return files;
}

export interface Progress {
  done: number;
  total: number;
  current: string;
}

export function reconcileOptions(config: PipelineConfig) {
  const parsed = ReconcileOptionsSchema.safeParse(config.reconcile);
  if (!parsed.success) throw new UsageError(formatZodError(parsed.error, `${config.configPath ?? 'config'} (reconcile)`));
  return parsed.data;
}
