/**
 * A record of the last complete write of the reports, so a run with nothing new to do leaves them
 * untouched instead of rewriting hundreds of MB with the same bytes (and `watch`ers of output/
 * see no change). It holds a key of everything the reports are made from (the stored articles,
 * the versions, the reconcile options) and the size, times and inode of each report file as
 * written. Written last, after every report: a run cut short leaves either no stamp or one that
 * no longer matches (other state, or replaced files), and the next run writes the reports again.
 *
 * It also holds the layout of the per-article report files (which stored result's rows lie where),
 * so a rerun copies the rows of unchanged articles from the previous files instead of reading
 * them from the database (src/state/reports.ts).
 *
 * It vouches for nothing after a reboot: report files are not synced to disk (the per-article
 * tables are even rewritten in place, joined-tables.ts), so after a power cut or a system crash
 * their content may not be what the stamp describes. The first run after a reboot writes every
 * report again from the database, which is synced.
 */
import { createHash } from 'node:crypto';
import { readFileSync, rmSync, statSync } from 'node:fs';
import { uptime } from 'node:os';
import { join } from 'node:path';
import { writeFileAtomic } from '../report/write.ts';
import { statKey, type JoinedLayout, type PreviousReports } from './joined-tables.ts';
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
  layout?: JoinedLayout;
  /** The system boot the reports were written in (currentBoot). */
  boot?: string | null;
}

const BOOT_ID_FILE = '/proc/sys/kernel/random/boot_id';
let bootId: string | null | undefined;

/**
 * The current boot: Linux's boot id, which changes with every restart (a power cut included);
 * elsewhere the boot time to the minute (a spurious change only costs one full rewrite).
 */
export function currentBoot(): string | null {
  if (bootId === undefined) {
    try {
      bootId = readFileSync(BOOT_ID_FILE, 'utf8').trim() || null;
    } catch {
      bootId = null;
    }
    bootId ??= `booted ${Math.round((Date.now() / 1000 - uptime()) / 60)}`;
  }
  return bootId;
}

/** Tells one stored result of a file from any other: equal identities, equal report rows. */
export function resultIdentity(article: StoredArticle): string {
  const { id, contentKey, status, configHash, rulesVersion, retry, processedAt } = article;
  return createHash('sha256').update(JSON.stringify([id, contentKey, status, configHash, rulesVersion, retry, processedAt])).digest('base64url').slice(0, 22);
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
    return statKey(statSync(path));
  } catch {
    return null;
  }
}

function readStamp(outputDir: string): Stamp | null {
  try {
    const stamp = JSON.parse(readFileSync(join(outputDir, REPORT_STAMP_FILE), 'utf8')) as Stamp;
    if (typeof stamp?.source !== 'string' || typeof stamp.files !== 'object' || stamp.files === null) return null;
    return (stamp.boot ?? null) === currentBoot() ? stamp : null;
  } catch {
    return null;
  }
}

/** The previous reports' layout, if the last write recorded one (the files may have changed since: compare statKey). */
export function previousReports(outputDir: string): PreviousReports | null {
  const stamp = readStamp(outputDir);
  const layout = stamp?.layout;
  if (!stamp || !layout || !Array.isArray(layout.articles) || typeof layout.lengths !== 'object' || layout.lengths === null) return null;
  return { layout, files: stamp.files };
}

/** Whether the reports in `outputDir` were written from `source` and are still as written. */
export function reportsUpToDate(outputDir: string, source: string): boolean {
  const stamp = readStamp(outputDir);
  if (stamp?.source !== source) return false;
  return REPORT_FILES.every((name) => {
    const key = fileKey(join(outputDir, name));
    return key !== null && stamp.files[name] === key;
  });
}

/** Record that the reports now in `outputDir` were written from `source`, the per-article files laid out as `layout`. */
export function stampReports(outputDir: string, source: string, layout: JoinedLayout | null = null): void {
  const files: Record<string, string> = {};
  for (const name of REPORT_FILES) {
    const key = fileKey(join(outputDir, name));
    if (key !== null) files[name] = key;
  }
  const stamp: Stamp = { source, files, boot: currentBoot(), ...(layout ? { layout } : {}) };
  writeFileAtomic(join(outputDir, REPORT_STAMP_FILE), JSON.stringify(stamp) + '\n');
}

/** Before the reports are rewritten: a stamp left in place would vouch for files being replaced. */
export function removeReportStamp(outputDir: string): void {
  rmSync(join(outputDir, REPORT_STAMP_FILE), { force: true });
}
