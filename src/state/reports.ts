/**
 * Reconcile and write every report from the state database. The same files, byte for byte, as
 * writeReports (src/report/reports.ts) writes from the full results, but the per-article tables
 * (articles, dates, figures, entities, claims) are joined from the stored per-article fragments
 * and streamed to disk, so a rerun neither parses nor re-serializes every article and memory stays
 * flat. Only what crosses articles is computed: reconciliation, the entity summary, report.md.
 */
import { close, closeSync, copyFileSync, fstatSync, ftruncateSync, openSync, readSync, renameSync, rmSync, statSync, writeSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import type { ClaimRow } from '../claims/types.ts';
import { summarizeEntities, type SummarizedMention } from '../extract/entity-summary.ts';
import { reconcile, renderReport, type ArticleInfo, type ReconcileOptions, type ReconcileResult } from '../reconcile/reconcile.ts';
import { writeReports } from '../report/reports.ts';
import { REPORT_COLUMNS } from '../report/columns.ts';
import { toCsv, writeFileAtomic, writeTable } from '../report/write.ts';
import type { EntityType } from '../types.ts';
import { FRAGMENT_COLUMNS, FRAGMENT_TABLES, type ArticleCore, type FragmentTable, type StoredFragment } from './fragments.ts';
import { resultIdentity, statKey, type JoinedLayout, type PreviousReports } from './report-stamp.ts';
import type { StateStore, StoredArticle } from './store.ts';

/** An article's stored core, with the input file it belongs to. */
export interface StoredCore {
  file: string;
  core: ArticleCore;
}

/** The cross-article results of a run, ready to be written. */
export interface ReconciledState {
  /** Every stored article, sorted by file. */
  cores: StoredCore[];
  infos: ArticleInfo[];
  reconciliation: ReconcileResult;
  articles: number;
  /** Articles whose status is `error`. */
  failed: number;
}

const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** Reconcile the claims of every stored article (`cores` sorted by file, as listInputFiles sorts). */
export function reconcileCores(cores: StoredCore[], options: ReconcileOptions): ReconciledState {
  // What writeReports' callers give reconcile: claims and articles in file order; stored signatures stand in for tokens.
  const infos: ArticleInfo[] = cores
    .filter(({ core }) => core.article.status === 'ok')
    .map(({ core: { article, signature } }) => ({ id: article.id, title: article.title, source: article.source, published: article.published, tokens: [], signature }));
  const reconciliation = reconcile(
    cores.flatMap(({ core }) => core.claims),
    infos,
    options,
  );
  const failed = cores.filter(({ core }) => core.article.status === 'error').length;
  return { cores, infos, reconciliation, articles: cores.length, failed };
}

/** What writeStateReports may reuse: the stored articles (for their identities) and the previous reports. */
export interface ReportReuse {
  articles: Map<string, StoredArticle>;
  previous: PreviousReports | null;
}

/**
 * Write every report: the per-article tables joined from the fragments in `store`, the rest from
 * `reconciled` (which must describe what `store` holds). With `reuse`, the rows of articles whose
 * stored result is the one the previous reports were written from are copied from those files.
 * Returns the layout of the per-article files (null when written by the general path).
 */
export function writeStateReports(
  outputDir: string,
  store: StateStore,
  { cores, infos, reconciliation }: ReconciledState,
  reuse: ReportReuse | null = null,
): JoinedLayout | null {
  const ids = new Set(cores.map(({ core }) => core.article.id));
  let layout: JoinedLayout | null = null;
  if (ids.size < cores.length) {
    // Two files with one id (same name in two folders): writeReports interleaves their rows by
    // position, which joined fragments cannot; take the general path.
    writeReports(outputDir, { results: store.loadResults(), reconciliation, articleInfos: infos });
    return null;
  }

  // writeReports' order: results sorted by id (stable over file order), rows by article then position.
  const order = cores.map((entry, index) => ({ ...entry, index })).sort((a, b) => compare(a.core.article.id, b.core.article.id) || a.index - b.index);
  layout = writeJoinedTables(outputDir, order.map(({ file }) => file), store, reuse);
  const entityRows: SummarizedMention[] = order.flatMap(({ core }) =>
    core.entities.map(([entity, type, text, discovered, mentions]) => ({ article: core.article.id, entity, type: type as EntityType, text, discovered, mentions })),
  );
  writeFileAtomic(join(outputDir, 'entity-summary.csv'), toCsv(summarizeEntities(entityRows), REPORT_COLUMNS.entitySummary));
  writeTable(outputDir, 'conflicts', reconciliation.groups, REPORT_COLUMNS.conflicts);
  const claims: ClaimRow[] = order
    .flatMap(({ core }) => core.claims)
    .sort((a, b) => compare(a.article, b.article) || a.start - b.start || a.end - b.end);
  writeFileAtomic(join(outputDir, 'report.md'), renderReport(reconciliation, claims, infos));
  return layout;
}

const OPEN = Buffer.from('[\n');
const SEPARATOR = Buffer.from(',\n');
const CLOSE = Buffer.from('\n]\n');
const EMPTY_ARRAY = Buffer.from('[]\n');

/** One per-article report file being written, and where its previous version's rows lie. */
interface JoinedOutput {
  table: FragmentTable;
  format: 'json' | 'csv';
  name: string;
  file: StreamedFile;
  /** Bytes before the first row (CSV: the header; JSON: '[\n'). */
  head: Buffer;
  rows: number;
  lengths: number[];
  /** The previous file, open, its size, times and inode, and its rows' offsets by input file; null when it cannot be used. */
  previous: { fd: number; key: string; ranges: Map<string, [number, number]> } | null;
  /** Rows copied from the previous file and not yet written: a byte range of it. */
  pendingCopy: [number, number] | null;
  /** Whether any row has been written (copied or not): until then the file holds only its head. */
  started: boolean;
}

/**
 * `<table>.json` and `<table>.csv` of every fragment table, in `files` order, streamed and atomic.
 * All tables are written in one pass over the articles: an article's fragments are one database
 * row, and reading one column of a large row walks its overflow pages up to that column, so one
 * read per row is about three times faster than one per table. Rows of unchanged articles come from
 * the previous files when `reuse` vouches for them: consecutive ones are one copy of a byte range.
 */
function writeJoinedTables(outputDir: string, files: string[], store: StateStore, reuse: ReportReuse | null): JoinedLayout {
  const outputs: JoinedOutput[] = FRAGMENT_TABLES.flatMap((table) =>
    (['json', 'csv'] as const).map((format) => {
      const name = `${table}.${format}`;
      const head = format === 'json' ? OPEN : Buffer.from(toCsv([], FRAGMENT_COLUMNS[table]), 'utf8');
      return { table, format, name, file: new StreamedFile(join(outputDir, name)), head, rows: 0, lengths: [], previous: null, pendingCopy: null, started: false };
    }),
  );
  const identities = reuse ? new Map([...reuse.articles].map(([file, article]) => [file, resultIdentity(article)])) : new Map<string, string>();
  const reusable = reuse?.previous ? reusableArticles(reuse.previous.layout, identities) : new Set<string>();
  try {
    if (reusable.size) for (const output of outputs) output.previous = openPrevious(outputDir, output, reuse!.previous!, reusable);
    for (const output of outputs) if (output.format === 'csv') output.file.write(output.head);
    for (const file of files) {
      let fragments: Record<FragmentTable, StoredFragment> | null = null;
      for (const output of outputs) {
        const range = output.previous?.ranges.get(file);
        if (range) {
          copyRows(output, range);
          continue;
        }
        fragments ??= store.fragments(file);
        const bytes = fragments[output.table][output.format];
        output.lengths.push(bytes.length);
        if (!bytes.length) continue;
        flushCopy(output);
        if (output.format === 'json') output.file.write(output.rows === 0 ? OPEN : SEPARATOR);
        output.rows++;
        output.file.write(bytes);
        output.started = true;
      }
    }
    for (const output of outputs) {
      flushCopy(output);
      // Same text as toJsonRows(): '[]' for no rows.
      if (output.format === 'json') output.file.write(output.rows === 0 ? EMPTY_ARRAY : CLOSE);
      output.file.commit();
    }
  } finally {
    for (const output of outputs) {
      output.file.abandon();
      if (output.previous) closeInBackground(output.previous.fd);
    }
  }
  const lengths = Object.fromEntries(outputs.map((output) => [output.name, output.lengths]));
  return { articles: files.map((file) => [file, identities.get(file) ?? '']), lengths };
}

/** Articles whose stored result is the one the previous reports hold. */
function reusableArticles(layout: JoinedLayout, identities: Map<string, string>): Set<string> {
  const reusable = new Set<string>();
  for (const entry of layout.articles) {
    if (!Array.isArray(entry)) return new Set();
    const [file, identity] = entry;
    if (identity && identities.get(file) === identity) reusable.add(file);
  }
  return reusable;
}

/**
 * Open the previous version of an output and locate each reusable article's rows in it, replaying
 * how it was written. Null when the file is not exactly as that write left it (edited, replaced,
 * other size): its rows then come from the database.
 */
function openPrevious(outputDir: string, output: JoinedOutput, previous: PreviousReports, reusable: Set<string>): JoinedOutput['previous'] {
  const path = join(outputDir, output.name);
  const lengths = previous.layout.lengths[output.name];
  const { articles } = previous.layout;
  if (!Array.isArray(lengths) || lengths.length !== articles.length) return null;
  const ranges = new Map<string, [number, number]>();
  let at = output.head.length;
  let rows = 0;
  for (let i = 0; i < articles.length; i++) {
    const length = lengths[i];
    if (!Number.isSafeInteger(length) || length < 0) return null;
    if (length && output.format === 'json' && rows > 0) at += SEPARATOR.length;
    if (length) rows++;
    // An article without rows here has an empty range: nothing to copy, nothing to read from the database.
    if (reusable.has(articles[i][0])) ranges.set(articles[i][0], [at, at + length]);
    at += length;
  }
  const expectedSize = output.format === 'csv' ? at : rows === 0 ? EMPTY_ARRAY.length : at + CLOSE.length;
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch {
    return null;
  }
  // Checked on the open file: what is read is what was checked, whatever replaces the path meanwhile.
  const stat = fstatSync(fd);
  if (previous.files[output.name] !== statKey(stat) || stat.size !== expectedSize) {
    closeSync(fd);
    return null;
  }
  return { fd, key: statKey(stat), ranges };
}

/** Take an article's rows from the previous file: extends the pending copy when they follow it there. */
function copyRows(output: JoinedOutput, [start, end]: [number, number]): void {
  output.lengths.push(end - start);
  if (start === end) return;
  const json = output.format === 'json';
  const pending = output.pendingCopy;
  // In both files the rows are apart by the same separator: copy it along with them.
  if (pending && pending[1] + (json ? SEPARATOR.length : 0) === start) pending[1] = end;
  else {
    flushCopy(output);
    if (json) output.file.write(output.rows === 0 ? OPEN : SEPARATOR);
    output.pendingCopy = [start, end];
  }
  output.rows++;
}

function flushCopy(output: JoinedOutput): void {
  if (!output.pendingCopy || !output.previous) return;
  const [start, end] = output.pendingCopy;
  output.pendingCopy = null;
  const first = !output.started;
  output.started = true;
  // Nothing written yet but the head, as in the previous file: when the rows copied follow the head
  // there too, the previous file up to `end` is the new file's beginning, and the kernel copies it
  // (copy_file_range) about three times faster than reading and writing it.
  if (first && output.file.bytesWritten === start && output.file.startAsPrefixOf(output.file.path, output.previous.key, end)) return;
  output.file.copyFrom(output.previous.fd, start, end - start);
}

/** A file written in pieces to a temporary name, renamed into place on commit (atomic like writeFileAtomic). */
class StreamedFile {
  private readonly temporary: string;
  private fd: number | null;
  private readonly buffer = Buffer.allocUnsafe(BUFFER_BYTES);
  private filled = 0;
  private flushed = 0;

  constructor(readonly path: string) {
    // The naming scheme of writeFileAtomic, so a run cut short leaves the same kind of leftovers.
    this.temporary = join(dirname(path), `.${basename(path)}.${process.pid}.${Date.now()}.tmp`);
    this.fd = openSync(this.temporary, 'w');
  }

  write(bytes: Buffer): void {
    if (this.filled + bytes.length > this.buffer.length) this.flush();
    if (bytes.length >= this.buffer.length) {
      writeFully(this.fd!, bytes, bytes.length);
      this.flushed += bytes.length;
      return;
    }
    bytes.copy(this.buffer, this.filled);
    this.filled += bytes.length;
  }

  get bytesWritten(): number {
    return this.flushed + this.filled;
  }

  /**
   * Make the file so far the first `length` bytes of `source` (whose first bytesWritten bytes must
   * equal what was written), by copying `source` whole and cutting it. False when `source` is no
   * longer the file with statKey `key`; nothing is changed then.
   */
  startAsPrefixOf(source: string, key: string, length: number): boolean {
    try {
      if (statKey(statSync(source)) !== key) return false;
    } catch {
      return false;
    }
    closeSync(this.fd!);
    this.fd = null;
    copyFileSync(source, this.temporary);
    // Appending: every later write goes after the cut.
    this.fd = openSync(this.temporary, 'a');
    ftruncateSync(this.fd, length);
    this.filled = 0;
    this.flushed = length;
    return true;
  }

  /** Append `length` bytes of the file open as `fd`, from `position`. */
  copyFrom(fd: number, position: number, length: number): void {
    while (length > 0) {
      if (this.filled === this.buffer.length) this.flush();
      const read = readSync(fd, this.buffer, this.filled, Math.min(length, this.buffer.length - this.filled), position);
      if (read === 0) throw new Error(`${this.path}: the previous file ended early while its rows were copied`);
      this.filled += read;
      position += read;
      length -= read;
    }
  }

  commit(): void {
    this.flush();
    closeSync(this.fd!);
    this.fd = null;
    // The file replaced is held open across the rename and closed off this thread: its disk space
    // is freed at its last close, which takes about a millisecond per MB (~0.5 s for a rerun's
    // reports), while this thread writes the remaining reports.
    let replaced: number | null = null;
    try {
      replaced = openSync(this.path, 'r');
    } catch {
      // Nothing to replace.
    }
    renameSync(this.temporary, this.path);
    if (replaced !== null) closeInBackground(replaced);
  }

  /** After a failure: drop the temporary file. No-op once committed. */
  abandon(): void {
    if (this.fd === null) return;
    closeSync(this.fd);
    this.fd = null;
    rmSync(this.temporary, { force: true });
  }

  private flush(): void {
    if (!this.filled) return;
    writeFully(this.fd!, this.buffer, this.filled);
    this.flushed += this.filled;
    this.filled = 0;
  }
}

const BUFFER_BYTES = 4 << 20;

function closeInBackground(fd: number): void {
  close(fd, () => {
    // Closing a file only read cannot lose data; there is nothing to report.
  });
}

function writeFully(fd: number, bytes: Buffer, length: number): void {
  for (let written = 0; written < length; ) written += writeSync(fd, bytes, written, length - written);
}
