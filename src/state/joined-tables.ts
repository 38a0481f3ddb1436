/**
 * The per-article report files (articles, dates, figures, entities, claims; .json and .csv), written
 * by joining each article's rows in report order: rows stored as bytes when the article was
 * processed, or, for articles whose stored result the previous files already hold, copied from
 * those files. Streamed to a file that is renamed into place once complete (atomic, like
 * writeFileAtomic): the table's spare, or a new temporary file.
 *
 * Each file replaced is kept as the spare of its table (output/.spare/), and the next write of the
 * table rewrites the spare in place, then swaps it in. On ext4, writing into a file's existing
 * pages is several times faster than filling a new file, a rename onto a report then has no
 * delayed allocation to flush, and no disk space is freed (about 1 ms per MB) when the run ends.
 * The price is a second copy of these tables on disk, and, as with writeFileAtomic, no sync: after
 * a power cut a rewritten table may be damaged, so the report stamp vouches for nothing written
 * before a reboot (report-stamp.ts) and the next run writes every report again.
 *
 * Only node built-ins are imported: a rerun writes these files in a worker thread
 * (joined-tables-thread.ts) while the main thread reconciles, and the thread starts in milliseconds.
 */
import {
  close,
  closeSync,
  constants,
  copyFileSync,
  fstatSync,
  ftruncateSync,
  linkSync,
  lstatSync,
  mkdirSync,
  openSync,
  readSync,
  renameSync,
  rmdirSync,
  rmSync,
  statSync,
  writeSync,
  type Stats,
} from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';

/** Where each article's rows lie in the per-article report files, as written. */
export interface JoinedLayout {
  /** The articles in the order written: input file, and the identity of the stored result written. */
  articles: Array<[string, string]>;
  /** Per report file name: the byte length of each article's rows, in that order (0: no rows). */
  lengths: Record<string, number[]>;
}

/** The reports as the last complete write left them: the layout, and each file's statKey then. */
export interface PreviousReports {
  layout: JoinedLayout;
  files: Record<string, string>;
}

/** One article's rows for one table: inside the JSON array, and as CSV lines. */
export interface TableRows {
  json: Uint8Array;
  csv: Uint8Array;
}

/** An article's rows, by table name. */
export type ArticleRows = Record<string, TableRows>;

export interface JoinedOutputSpec {
  /** File name, `<table>.<format>`. */
  name: string;
  table: string;
  format: 'json' | 'csv';
  /** CSV: BOM and header line (written even with no rows). JSON: unused ('[' comes with the first row). */
  csvHead: Uint8Array;
}

export interface JoinedTablesJob {
  outputDir: string;
  outputs: JoinedOutputSpec[];
  /** Input files in report order, with the identity of each one's stored result. */
  articles: Array<[string, string]>;
  /** The previous reports, and the files whose rows may be copied from them. */
  previous: PreviousReports | null;
  reusable: string[];
  /** Write over the tables' spares and keep the files replaced as the next spares (false: no spares, and any there are deleted). */
  spares: boolean;
}

/** Size, times and inode of a file: a file rewritten or edited since has another key. */
export function statKey(stat: Stats): string {
  return `${stat.size}:${stat.mtimeMs}:${stat.ctimeMs}:${stat.ino}`;
}

const OPEN = Buffer.from('[\n');
const SEPARATOR = Buffer.from(',\n');
const CLOSE = Buffer.from('\n]\n');
const EMPTY_ARRAY = Buffer.from('[]\n');

/**
 * Whether every previous file is exactly as the layout describes (same statKey, and the size the
 * layout adds up to): then rows can be copied from all of them.
 */
export function previousFilesIntact(job: JoinedTablesJob): boolean {
  if (!job.previous) return false;
  return job.outputs.every((output) => {
    try {
      const stat = statSync(join(job.outputDir, output.name));
      return job.previous!.files[output.name] === statKey(stat) && previousRanges(output, job.previous!, new Set())?.fileSize === stat.size;
    } catch {
      return false;
    }
  });
}

/** One per-article report file being written, and where its previous version's rows lie. */
interface JoinedOutput extends JoinedOutputSpec {
  file: StreamedFile;
  rows: number;
  lengths: number[];
  /** The previous file, open, its statKey, and its rows' offsets by input file; null when it cannot be used. */
  previous: { fd: number; key: string; ranges: Map<string, [number, number]> } | null;
  /** Rows copied from the previous file and not yet written: a byte range of it. */
  pendingCopy: [number, number] | null;
  /** Whether any row has been written (copied or not): until then the file holds only its head. */
  started: boolean;
}

/** A file written and not yet in place: [where it was written (a temporary file or the spare), final path]. */
export type PendingRename = [string, string];

/**
 * Write every output in one pass over the articles. `rowsOf` gives an article's rows when they are
 * not copied (it is called at most once per article). Rows of reusable articles are copied from the
 * previous files that are exactly as written; runs of consecutive ones are one copy of a byte range.
 */
export function writeJoinedTables(job: JoinedTablesJob, rowsOf: (file: string) => ArticleRows): JoinedLayout {
  const { layout, renames } = writeJoinedTablesUnrenamed(job, rowsOf);
  renameIntoPlace(renames, job.spares);
  return layout;
}

/**
 * writeJoinedTables, leaving the files written (spares or temporary files) for renameIntoPlace:
 * until a new temporary file is renamed, its pages need no disk blocks, so a database sync
 * meanwhile does not wait for them (ext4 allocates a file's blocks when it replaces another by
 * rename, and a sync then waits for them).
 */
export function writeJoinedTablesUnrenamed(job: JoinedTablesJob, rowsOf: (file: string) => ArticleRows): { layout: JoinedLayout; renames: PendingRename[] } {
  const outputs: JoinedOutput[] = [];
  const reusable = new Set(job.reusable);
  let done = false;
  try {
    for (const spec of job.outputs) {
      outputs.push({ ...spec, file: new StreamedFile(join(job.outputDir, spec.name), job.spares), rows: 0, lengths: [], previous: null, pendingCopy: null, started: false });
    }
    if (reusable.size && job.previous) for (const output of outputs) output.previous = openPrevious(job.outputDir, output, job.previous, reusable);
    for (const output of outputs) if (output.format === 'csv') output.file.write(output.csvHead);
    for (const [file] of job.articles) {
      let rows: ArticleRows | null = null;
      for (const output of outputs) {
        const range = output.previous?.ranges.get(file);
        if (range) {
          copyRows(output, range);
          continue;
        }
        rows ??= rowsOf(file);
        const bytes = rows[output.table][output.format];
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
    }
    const renames = outputs.map((output) => output.file.finish());
    done = true;
    return {
      layout: { articles: job.articles, lengths: Object.fromEntries(outputs.map((output) => [output.name, output.lengths])) },
      renames,
    };
  } finally {
    for (const output of outputs) {
      // After a failure, every temporary file goes, finished or not.
      if (!done) output.file.abandon();
      if (output.previous) closeInBackground(output.previous.fd);
    }
  }
}

/** Folder of the spare copies of the per-article tables, inside the output folder. */
export const SPARE_DIR = '.spare';

/** The spare of a report file: its previous version, rewritten in place by the next write. */
export function spareOf(path: string): string {
  return join(dirname(path), SPARE_DIR, basename(path));
}

/**
 * Rename written files into place. With `spares`, the file each one replaces becomes its spare (a
 * hard link taken before the rename keeps it), and a table written where none was is copied as
 * its spare. Otherwise, or where no link can be made, the file replaced is held open across the
 * rename and closed off this thread, because its disk space is freed at its last close; without
 * spares, any left from earlier runs are deleted.
 */
export function renameIntoPlace(renames: PendingRename[], spares: boolean): void {
  let renamed = 0;
  try {
    for (const [written, path] of renames) {
      const existed = existsAsEntry(path);
      const held = existed && spares ? holdReplaced(path) : null;
      let replaced: number | null = null;
      if (existed && !held) {
        try {
          replaced = openSync(path, 'r');
        } catch {
          // Nothing to replace.
        }
      }
      try {
        renameSync(written, path);
        renamed++;
      } catch (error) {
        if (held) rmSync(held, { force: true });
        throw error;
      } finally {
        if (replaced !== null) closeInBackground(replaced);
      }
      if (held) keepAsSpare(held, spareOf(path));
      else if (!existed && spares) makeSpare(path);
    }
  } finally {
    discardRenames(renames.slice(renamed));
  }
  if (!spares && renames.length) dropSpares(dirname(renames[0][1]));
}

/** A second name, in the spare folder, for the file at `path` (to outlive its replacement); null if none can be made. */
function holdReplaced(path: string): string | null {
  const created = ensureSpareFolder(path);
  if (created === null) return null;
  const held = `${spareOf(path)}.held`;
  try {
    rmSync(held, { force: true });
    linkSync(path, held);
    return held;
  } catch {
    // No hard links on this file system: the replaced file is freed, as without spares.
    if (created) rmdirSync(dirname(held));
    return null;
  }
}

/**
 * A table written where none was (a first run): copy it as its spare, so the next write already
 * rewrites in place. The kernel copies it; a spare that cannot be made is simply not there.
 */
function makeSpare(path: string): void {
  if (ensureSpareFolder(path) === null) return;
  try {
    copyFileSync(path, spareOf(path), constants.COPYFILE_EXCL);
  } catch {
    // An existing spare (kept as it is) or no room: nothing is lost.
  }
}

/** Make sure the spare folder of `path` is a real folder: true if made now, false if it was there, null if it cannot be. */
function ensureSpareFolder(path: string): boolean | null {
  const spares = dirname(spareOf(path));
  if (isRealDirectory(spares)) return false;
  try {
    mkdirSync(spares);
    return true;
  } catch {
    return null;
  }
}

function existsAsEntry(path: string): boolean {
  try {
    lstatSync(path);
    return true;
  } catch {
    return false;
  }
}

/** Make the replaced file, held under `held`, the spare; a spare that cannot be kept is dropped (the next write makes a new file). */
function keepAsSpare(held: string, spare: string): void {
  try {
    renameSync(held, spare);
  } catch {
    rmSync(held, { force: true });
  }
}

function isRealDirectory(path: string): boolean {
  try {
    return lstatSync(path).isDirectory();
  } catch {
    return false;
  }
}

/**
 * The spare of `path` opened for rewriting in place, or null when there is none to use: missing,
 * not a plain file, or linked from elsewhere too (rewriting it would change that other file).
 */
function openSpare(path: string): number | null {
  if (!isRealDirectory(dirname(spareOf(path)))) return null;
  let fd: number;
  try {
    fd = openSync(spareOf(path), constants.O_RDWR | constants.O_NOFOLLOW);
  } catch {
    return null;
  }
  const stat = fstatSync(fd);
  if (!stat.isFile() || stat.nlink !== 1) {
    closeSync(fd);
    return null;
  }
  return fd;
}

/** Delete the spares (when the tables are written another way, they would only take up room). */
export function dropSpares(outputDir: string): void {
  rmSync(join(outputDir, SPARE_DIR), { recursive: true, force: true });
}

/** Delete files written under temporary names that will not be renamed (spares stay: they are rewritten anyway). */
export function discardRenames(renames: PendingRename[]): void {
  for (const [written, path] of renames) if (written !== spareOf(path)) rmSync(written, { force: true });
}

const THREAD_MODULE = new URL(`./joined-tables-thread${import.meta.url.endsWith('.ts') ? '.ts' : '.js'}`, import.meta.url);

/** The per-article tables being written by a worker thread. */
export interface JoinedTablesThread {
  /** The layout and the files to rename into place; rejects if the thread fails. */
  result: Promise<{ layout: JoinedLayout; renames: PendingRename[] }>;
  /** After a failure elsewhere: stop the thread, and delete what it wrote if it had finished. */
  abandon(): Promise<void>;
}

/**
 * writeJoinedTablesUnrenamed in a worker thread, with the rows of every article not copied given
 * up front (`rows`): the thread reads no database.
 */
export function writeJoinedTablesInThread(job: JoinedTablesJob, rows: Map<string, ArticleRows>): JoinedTablesThread {
  let worker: Worker;
  const result = new Promise<{ layout: JoinedLayout; renames: PendingRename[] }>((resolve, reject) => {
    worker = THREAD_MODULE.pathname.endsWith('.ts')
      ? // From source: the thread needs the TypeScript loader, registered before its module loads.
        new Worker(`import(${JSON.stringify(tsxApi())}).then(({ register }) => { register(); return import(${JSON.stringify(THREAD_MODULE.href)}); });`, {
          eval: true,
          workerData: { job, rows },
        })
      : new Worker(THREAD_MODULE, { workerData: { job, rows } });
    let settled = false;
    worker.once('message', (message: { layout?: JoinedLayout; renames?: PendingRename[]; error?: string }) => {
      settled = true;
      if (message.layout && message.renames) resolve({ layout: message.layout, renames: message.renames });
      else reject(new Error(message.error ?? 'the report thread failed'));
    });
    worker.once('error', (error) => {
      settled = true;
      reject(error);
    });
    worker.once('exit', (code) => {
      if (!settled) reject(new Error(`the report thread stopped (exit code ${code}) before writing the reports`));
    });
  });
  // Until awaited, a failure must not count as unhandled.
  result.catch(() => {});
  return {
    result,
    async abandon() {
      // A thread stopped mid-way leaves temporary files: the next run removes them (removeStaleTemporaryFiles).
      await worker.terminate();
      const written = await result.catch(() => null);
      if (written) discardRenames(written.renames);
    },
  };
}

function tsxApi(): string {
  const packageJson = createRequire(import.meta.url).resolve('tsx/package.json');
  return pathToFileURL(join(dirname(packageJson), 'dist', 'esm', 'api', 'index.mjs')).href;
}

/** Offsets of the reusable articles' rows in the previous file, as the layout lays them out, and the file's size; null for a malformed layout. */
function previousRanges(output: JoinedOutputSpec, previous: PreviousReports, reusable: Set<string>): { ranges: Map<string, [number, number]>; fileSize: number } | null {
  const ranges = new Map<string, [number, number]>();
  const lengths = previous.layout.lengths[output.name];
  const { articles } = previous.layout;
  if (!Array.isArray(lengths) || !Array.isArray(articles) || lengths.length !== articles.length) return null;
  let at = output.format === 'csv' ? output.csvHead.length : OPEN.length;
  let rows = 0;
  for (let i = 0; i < articles.length; i++) {
    const length = lengths[i];
    if (!Number.isSafeInteger(length) || length < 0 || !Array.isArray(articles[i])) return null;
    if (length && output.format === 'json' && rows > 0) at += SEPARATOR.length;
    if (length) rows++;
    // An article without rows here has an empty range: nothing to copy, nothing to read elsewhere.
    if (reusable.has(articles[i][0])) ranges.set(articles[i][0], [at, at + length]);
    at += length;
  }
  return { ranges, fileSize: output.format === 'csv' ? at : rows === 0 ? EMPTY_ARRAY.length : at + CLOSE.length };
}

/**
 * Open the previous version of an output and locate each reusable article's rows in it. Null when
 * the file is not exactly as that write left it (edited, replaced, other size): its rows are then
 * not copied.
 */
function openPrevious(outputDir: string, output: JoinedOutputSpec, previous: PreviousReports, reusable: Set<string>): JoinedOutput['previous'] {
  const located = previousRanges(output, previous, reusable);
  if (!located) return null;
  let fd: number;
  try {
    fd = openSync(join(outputDir, output.name), 'r');
  } catch {
    return null;
  }
  // Checked on the open file: what is read is what was checked, whatever replaces the path meanwhile.
  const stat = fstatSync(fd);
  if (previous.files[output.name] !== statKey(stat) || stat.size !== located.fileSize) {
    closeSync(fd);
    return null;
  }
  return { fd, key: statKey(stat), ranges: located.ranges };
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

const BUFFER_BYTES = 4 << 20;

/**
 * A file written in pieces, renamed into place on commit (atomic like writeFileAtomic): written
 * over its spare when there is one, else to a new temporary file.
 */
class StreamedFile {
  /** Where the bytes go until the rename: the spare, or a temporary file. */
  private readonly target: string;
  /** Whether `target` is the spare, rewritten from its start (what lies past the new end is cut at finish). */
  private readonly inPlace: boolean;
  private fd: number | null;
  private readonly buffer = Buffer.allocUnsafe(BUFFER_BYTES);
  private filled = 0;
  private flushed = 0;

  constructor(
    readonly path: string,
    spares: boolean,
  ) {
    const spare = spares ? openSpare(path) : null;
    this.inPlace = spare !== null;
    // The naming scheme of writeFileAtomic, so a run cut short leaves the same kind of leftovers.
    this.target = this.inPlace ? spareOf(path) : join(dirname(path), `.${basename(path)}.${process.pid}.${Date.now()}.tmp`);
    this.fd = spare ?? openSync(this.target, 'w');
  }

  get bytesWritten(): number {
    return this.flushed + this.filled;
  }

  write(bytes: Uint8Array): void {
    if (this.filled + bytes.length > this.buffer.length) this.flush();
    if (bytes.length >= this.buffer.length) {
      writeFully(this.fd!, bytes, bytes.length);
      this.flushed += bytes.length;
      return;
    }
    this.buffer.set(bytes, this.filled);
    this.filled += bytes.length;
  }

  /**
   * Make the file so far the first `length` bytes of `source` (whose first bytesWritten bytes must
   * equal what was written), by copying `source` whole and cutting it. False when `source` is no
   * longer the file with statKey `key`, or when writing over the spare (copying its pages is
   * faster than a new file); nothing is changed then.
   */
  startAsPrefixOf(source: string, key: string, length: number): boolean {
    if (this.inPlace) return false;
    try {
      if (statKey(statSync(source)) !== key) return false;
    } catch {
      return false;
    }
    closeSync(this.fd!);
    this.fd = null;
    copyFileSync(source, this.target);
    // Appending: every later write goes after the cut.
    this.fd = openSync(this.target, 'a');
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

  /** Flush and close; the file is complete under its temporary name (or the spare's), to be renamed into place. */
  finish(): PendingRename {
    this.flush();
    if (this.inPlace) ftruncateSync(this.fd!, this.flushed);
    closeSync(this.fd!);
    this.fd = null;
    return [this.target, this.path];
  }

  /** After a failure: close, and delete the temporary file (a spare stays, to be rewritten next time). */
  abandon(): void {
    if (this.fd !== null) closeSync(this.fd);
    this.fd = null;
    if (!this.inPlace) rmSync(this.target, { force: true });
  }

  private flush(): void {
    if (!this.filled) return;
    writeFully(this.fd!, this.buffer, this.filled);
    this.flushed += this.filled;
    this.filled = 0;
  }
}

function closeInBackground(fd: number): void {
  close(fd, () => {
    // Closing a file only read cannot lose data; there is nothing to report.
  });
}

function writeFully(fd: number, bytes: Uint8Array, length: number): void {
  for (let written = 0; written < length; ) written += writeSync(fd, bytes, written, length - written);
}
