/**
 * Per-article pieces of the reports, rendered once when the article is processed and stored, so a
 * rerun writes the large per-mention reports by concatenation instead of re-serializing every
 * article. The pieces are the exact bytes writeReports (src/report/reports.ts) produces for the
 * article's rows: `toJsonRows(rows)` without its brackets and `toCsv(rows)` without its header, so
 * joining them in writeReports' order gives its output byte for byte (tests/state/reports.test.ts
 * compares the two).
 */
import type { ClaimRow } from '../claims/types.ts';
import type { ArticleResult, ArticleRow } from '../pipeline/rows.ts';
import { articleSignature } from '../reconcile/duplicates.ts';
import { REPORT_COLUMNS } from '../report/columns.ts';
import { flattenRow, toCsv, toJsonRows } from '../report/write.ts';

const { articles, dates, figures, entities, claims } = REPORT_COLUMNS;
export const FRAGMENT_COLUMNS = { articles, dates, figures, entities, claims };

export type FragmentTable = keyof typeof FRAGMENT_COLUMNS;
export const FRAGMENT_TABLES = Object.keys(FRAGMENT_COLUMNS) as FragmentTable[];

export interface Fragment {
  /** The article's rows as they stand inside the table's JSON array ('' when none). */
  json: string;
  /** The article's CSV lines, without BOM and header ('' when none). */
  csv: string;
}

/** A fragment as stored: UTF-8 bytes, written to the reports without decoding. */
export interface StoredFragment {
  json: Buffer;
  csv: Buffer;
}

/**
 * An article's entity mentions reduced to what the entity summary reads: one tuple per distinct
 * [entity, type, text, discovered], with how many mentions it stands for.
 */
export type EntityTuple = [entity: string, type: string, text: string, discovered: boolean, mentions: number];

/** What reconciliation, report.md and the entity summary read back for an article. */
export interface ArticleCore {
  article: ArticleRow;
  claims: ClaimRow[];
  /** Near-duplicate signature of the tokens (reconcile's articleSignature): the tokens are not kept. */
  signature: number[] | null;
  entities: EntityTuple[];
}

/** A processed article, ready to store: small parts as data, large ones pre-rendered. */
export interface PackedResult {
  article: ArticleRow;
  claims: ClaimRow[];
  /** ArticleCore as JSON. */
  core: string;
  fragments: Record<FragmentTable, StoredFragment>;
}

/** Rows in the order writeReports gives them within one article: by position, stable. */
function byPosition<T extends { start: number; end: number }>(rows: readonly T[]): T[] {
  return [...rows].sort((a, b) => a.start - b.start || a.end - b.end);
}

export function renderFragment(table: FragmentTable, rows: readonly object[]): Fragment {
  if (!rows.length) return { json: '', csv: '' };
  const json = toJsonRows(rows);
  // toJsonRows(rows) is '[\n' + rows + '\n]\n'.
  return { json: json.slice(2, -3), csv: csvLines(rows, FRAGMENT_COLUMNS[table]) };
}

/**
 * The lines toCsv (src/report/write.ts, csv-stringify) writes for `rows` after its header, five
 * times faster: cells flattened and formatted as toCsv does, quoted when they hold a comma or a
 * quote, quotes doubled, CRLF line ends. A row with a line break in a cell is left to toCsv itself
 * (its quoting of line breaks depends on csv-stringify options). tests/state/reports.test.ts
 * compares the two.
 */
export function csvLines(rows: readonly object[], columns: readonly string[]): string {
  let out = '';
  const cells: string[] = new Array(columns.length);
  const read = cellReaders(columns);
  for (const row of rows) {
    let breaks = false;
    for (let i = 0; i < columns.length; i++) {
      const value = read[i](row);
      const text = value === null || value === undefined ? '' : typeof value === 'boolean' ? (value ? 'true' : 'false') : String(value);
      if (LINE_BREAK.test(text)) breaks = true;
      cells[i] = QUOTE_OR_COMMA.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
    }
    out += breaks ? toCsv([row], columns).slice(csvHeader(columns).length) : `${cells.join(',')}\r\n`;
  }
  return out;
}

type Cell = ReturnType<typeof flattenRow>[string];
const readers = new Map<readonly string[], Array<(row: object) => Cell>>();

/**
 * For each column, what flattenRow(row)[column] would hold, read straight from the row without
 * building the flattened object: the dotted path walked through plain objects, an array at its
 * end joined as flattenRow joins it, anything else (an object, a missing key) undefined.
 */
function cellReaders(columns: readonly string[]): Array<(row: object) => Cell> {
  let found = readers.get(columns);
  if (!found) {
    found = columns.map((column) => {
      const path = column.split('.');
      return (row: object): Cell => {
        let value: unknown = row;
        for (const key of path) {
          if (value === null || typeof value !== 'object' || Array.isArray(value) || !Object.hasOwn(value, key)) return undefined;
          value = (value as Record<string, unknown>)[key];
        }
        if (Array.isArray(value)) return flattenRow({ v: value }).v;
        return value !== null && typeof value === 'object' ? undefined : (value as Cell);
      };
    });
    readers.set(columns, found);
  }
  return found;
}

const QUOTE_OR_COMMA = /[",]/;
const LINE_BREAK = /[\r\n]/;
const headers = new Map<readonly string[], string>();

function csvHeader(columns: readonly string[]): string {
  let header = headers.get(columns);
  if (header === undefined) headers.set(columns, (header = toCsv([], [...columns])));
  return header;
}

export function packResult(result: ArticleResult): PackedResult {
  const core: ArticleCore = {
    article: result.article,
    claims: result.claims,
    signature: articleSignature(result.tokens),
    entities: countEntityMentions(result.entities),
  };
  return {
    article: result.article,
    claims: result.claims,
    core: JSON.stringify(core),
    fragments: {
      articles: encode(renderFragment('articles', [result.article])),
      dates: encode(renderFragment('dates', byPosition(result.dates))),
      figures: encode(renderFragment('figures', byPosition(result.figures))),
      entities: encode(renderFragment('entities', byPosition(result.entities))),
      claims: encode(renderFragment('claims', byPosition(result.claims))),
    },
  };
}

function countEntityMentions(entities: ArticleResult['entities']): EntityTuple[] {
  const tuples = new Map<string, EntityTuple>();
  for (const e of entities) {
    const key = `${e.entity}\u0000${e.type}\u0000${e.text}\u0000${e.discovered}`;
    const tuple = tuples.get(key);
    if (tuple) tuple[4]++;
    else tuples.set(key, [e.entity, e.type, e.text, e.discovered, 1]);
  }
  return [...tuples.values()];
}

function encode(fragment: Fragment): StoredFragment {
  return { json: Buffer.from(fragment.json, 'utf8'), csv: Buffer.from(fragment.csv, 'utf8') };
}

/**
 * The result again, from what was stored (for the general report path): everything the reports
 * show. Tokens are not kept; reconciliation reads the stored signature instead.
 */
export function unpackResult(core: ArticleCore, fragments: Record<FragmentTable, StoredFragment>): ArticleResult {
  const rows = (fragment: StoredFragment) => (fragment.json.length ? JSON.parse(`[${fragment.json.toString('utf8')}]`) : []);
  return {
    article: core.article,
    dates: rows(fragments.dates),
    figures: rows(fragments.figures),
    entities: rows(fragments.entities),
    claims: core.claims,
    tokens: [],
    timings: {},
  };
}
