import { mkdirSync, renameSync, writeFileSync, rmSync } from 'node:fs';
import { dirname, join, basename } from 'node:path';
import { stringify } from 'csv-stringify/sync';

/**
 * Write a file atomically: a temporary file in the same folder, then a rename, so an interrupted
 * run never leaves a half-written report.
 */
export function writeFileAtomic(path: string, content: string | Uint8Array): void {
  mkdirSync(dirname(path), { recursive: true });
  const temporary = join(dirname(path), `.${basename(path)}.${process.pid}.${Date.now()}.tmp`);
  try {
    writeFileSync(temporary, content);
    renameSync(temporary, path);
  } catch (error) {
    rmSync(temporary, { force: true });
    throw error;
  }
}

/** Pretty-printed UTF-8 JSON with a final newline. */
export function toJson(value: unknown): string {
  return JSON.stringify(value, null, 2) + '\n';
}

/**
 * A JSON array of report rows, one row per line: as easy to grep and diff as the CSV, and a
 * sixth smaller than pretty-printing (reports reach hundreds of MB on large corpora).
 */
export function toJsonRows(rows: readonly unknown[]): string {
  if (!rows.length) return '[]\n';
  let out = '[\n';
  for (let i = 0; i < rows.length; i++) out += (i ? ',\n' : '') + JSON.stringify(rows[i]);
  return out + '\n]\n';
}

type Cell = string | number | boolean | null | undefined;

/**
 * Flatten nested objects into dotted columns (`value.start`) and arrays into `|`-joined cells, so
 * every CSV row is one flat line Excel can show.
 */
export function flattenRow(row: object, prefix = '', into: Record<string, Cell> = {}): Record<string, Cell> {
  for (const [key, value] of Object.entries(row)) {
    const column = prefix ? `${prefix}.${key}` : key;
    if (Array.isArray(value)) {
      into[column] = value.map((v) => (v !== null && typeof v === 'object' ? JSON.stringify(v) : String(v))).join('|');
    } else if (value !== null && typeof value === 'object') {
      flattenRow(value as object, column, into);
    } else {
      into[column] = value as Cell;
    }
  }
  return into;
}

/**
 * CSV with a UTF-8 byte-order mark (Excel needs it to show Chinese) and a header row. Columns are
 * the given ones, or the union of the flattened rows' keys in first-seen order.
 */
export function toCsv(rows: object[], columns?: readonly string[]): string {
  const flat = rows.map((row) => flattenRow(row));
  const header = columns ?? unionKeys(flat);
  return stringify(
    flat.map((row) => header.map((column) => formatCell(row[column]))),
    // Rows end in CRLF for Excel; a cell holding a lone LF or CR must be quoted too.
    { bom: true, header: true, columns: [...header], record_delimiter: 'windows', quoted_match: /[\r\n]/ },
  );
}

function unionKeys(rows: Array<Record<string, Cell>>): string[] {
  const keys = new Set<string>();
  for (const row of rows) for (const key of Object.keys(row)) keys.add(key);
  return [...keys];
}

function formatCell(value: Cell): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  return String(value);
}

/** Write `name.json` and `name.csv` for the same rows. */
export function writeTable(outputDir: string, name: string, rows: object[], columns?: readonly string[]): void {
  writeFileAtomic(join(outputDir, `${name}.json`), toJsonRows(rows));
  writeFileAtomic(join(outputDir, `${name}.csv`), toCsv(rows, columns));
}
