/**
 * A record of the last complete write of the reports, so a run with nothing new to do leaves them
 * untouched instead of rewriting hundreds of MB with the same bytes (and `watch`ers of output/
 * see no change). It holds a key of everything the reports are made from (the stored articles,
 * the versions, the reconcile options) and the size, times and inode of each report file as
 * written. Written last, after every report: a run cut short leaves either no stamp or one that
 * no longer matches (other state, or replaced files), and the next run writes the reports again.
 */
import { createHash } from 'node:crypto';
import { readFileSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { writeFileAtomic } from '../report/write.ts';
import type { StoredArticle } from './store.ts';
import type { Versions } from './versions.ts';

export const REPORT_STAMP_FILE = '.reports-stamp.json';

/** Every file the reports consist of (run.json aside: it describes each run). */
export const REPORT_FILES = [
  'articles.json', 'articles.csv', 'dates.json', 'dates.csv', 'figures.json', 'figures.csv',
  'entities.json', 'entities.csv', 'entity-summary.csv', 'claims.json', 'claims.csv',
  'conflicts.json', 'conflicts.csv', 'report.md',
] as const;

interface Stamp {
  source: string;
  files: Record<string, string>;
}

/** Key of what the reports are made from: a change to any stored article, version or reconcile option changes it. */
export function reportSourceKey(articles: Map<string, StoredArticle>, versions: Versions, reconcileOptions: unknown): string {
  const hash = createHash('sha256');
  hash.update(JSON.stringify([versions.configHash, versions.rulesVersion, reconcileOptions]));
  for (const file of [...articles.keys()].sort()) {
    const a = articles.get(file)!;
    hash.update(`\n${JSON.stringify([a.file, a.id, a.contentKey, a.status, a.configHash, a.rulesVersion, a.retry])}`);
  }
  return hash.digest('hex');
}

function fileKey(path: string): string | null {
  try {
    const stat = statSync(path);
    return `${stat.size}:${stat.mtimeMs}:${stat.ctimeMs}:${stat.ino}`;
  } catch {
    return null;
  }
}

/** Whether the reports in `outputDir` were written from `source` and are still as written. */
export function reportsUpToDate(outputDir: string, source: string): boolean {
  let stamp: Stamp;
  try {
    stamp = JSON.parse(readFileSync(join(outputDir, REPORT_STAMP_FILE), 'utf8')) as Stamp;
  } catch {
    return false;
  }
  if (stamp?.source !== source || typeof stamp.files !== 'object' || stamp.files === null) return false;
  return REPORT_FILES.every((name) => {
    const key = fileKey(join(outputDir, name));
    return key !== null && stamp.files[name] === key;
  });
}

/** Record that the reports now in `outputDir` were written from `source`. */
export function stampReports(outputDir: string, source: string): void {
  const files: Record<string, string> = {};
  for (const name of REPORT_FILES) {
    const key = fileKey(join(outputDir, name));
    if (key !== null) files[name] = key;
  }
  writeFileAtomic(join(outputDir, REPORT_STAMP_FILE), JSON.stringify({ source, files } satisfies Stamp, null, 2) + '\n');
}

/** Before the reports are rewritten: a stamp left in place would vouch for files being replaced. */
export function removeReportStamp(outputDir: string): void {
  rmSync(join(outputDir, REPORT_STAMP_FILE), { force: true });
}
