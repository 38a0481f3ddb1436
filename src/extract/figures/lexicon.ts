/**
 * Figure lexicons: JSON data under src/lexicons/, validated with zod when first loaded.
 */
import { loadBuiltInLexicon } from '../../lexicons/load.ts';
import { z } from 'zod';

const approximation = z.enum(['exact', 'about', 'over', 'under', 'range']);
const figureKind = z.enum(['money', 'count', 'percent', 'number', 'rank', 'duration', 'age']);

const unitEntry = z.object({
  word: z.string().min(1),
  kind: figureKind,
  /** Canonical unit reported; defaults to `word`. */
  unit: z.string().optional(),
  /** false: only after Arabic digits (十分 is 'very', not ten points). */
  chineseNumeralOk: z.boolean().default(true),
  /**
   * With chineseNumeralOk false: Chinese numerals are still fine from this absolute value up, or
   * when negative (三十度, 负五度; 一度 and 两度 are 'once', 'twice').
   */
  chineseNumeralMin: z.number().positive().optional(),
  /** The unit counts this many items and the value is reported in items, without a unit (一打 → 12). */
  multiplier: z.number().int().positive().optional(),
  /** Latin units must not be followed by another letter (5GB ok, 5Gbps not). */
  latin: z.boolean().default(false),
  /** The unit word is the start of a longer word (岁月, 年级). */
  notFollowedBy: z.array(z.string()).default([]),
  /** Extra approximation carried by the unit word itself (个多月). */
  inner: approximation.optional(),
  /** Power of ten applied to the value (‰ → percent). */
  powerOfTen: z.number().int().default(0),
});

const unitsFile = z.object({ units: z.array(unitEntry).min(1) });

const currencyEntry = z.object({
  word: z.string().min(1),
  code: z.string().regex(/^[A-Z]{3}$/),
  powerOfTen: z.number().int().default(0),
  /** Also a measure word (块) or a common noun (毛, 角): money only when the context confirms it. */
  ambiguous: z.boolean().default(false),
  latin: z.boolean().default(false),
  notFollowedBy: z.array(z.string()).default([]),
});

const currenciesFile = z.object({
  suffix: z.array(currencyEntry).min(1),
  prefix: z.array(currencyEntry.pick({ word: true, code: true })).min(1),
  minor: z.array(z.object({ word: z.string().min(1), powerOfTen: z.number().int() })),
  moneyTail: z.array(z.string().min(1)),
});

const approxEntry = z.object({
  word: z.string().min(1),
  approx: approximation,
  /** Only before a bare scale (上万, 破亿), never before digits. */
  bareScaleOnly: z.boolean().default(false),
  /** Inner word only counts when a scale or unit follows (二十来岁). */
  needsFollower: z.boolean().default(false),
  notFollowedBy: z.array(z.string()).default([]),
});

const approximationsFile = z.object({
  prefix: z.array(approxEntry),
  inner: z.array(approxEntry),
  suffix: z.array(approxEntry),
});

const contextFile = z.object({
  moneyBefore: z.array(z.string().min(1)),
  moneyAfter: z.array(z.string().min(1)),
  rankBefore: z.array(z.string().min(1)),
  rankAfter: z.array(z.string().min(1)),
  notFigureAfter: z.array(z.string().min(1)),
  codeBefore: z.array(z.string().min(1)),
  dateBefore: z.array(z.string().min(1)),
  durationBefore: z.array(z.string().min(1)),
  enumerationFollowers: z.array(z.string().min(1)),
  timeBefore: z.array(z.string().min(1)),
});

const idiomsFile = z.object({ idioms: z.array(z.string().min(2)) });

export type UnitEntry = z.infer<typeof unitEntry>;
export type CurrencyEntry = z.infer<typeof currencyEntry>;
export type ApproxEntry = z.infer<typeof approxEntry>;

const load = loadBuiltInLexicon;

/** Longest entries first, so matching at a position takes 个多月 before 个. */
function longestFirst<E extends { word: string }>(entries: E[]): E[] {
  return [...entries].sort((a, b) => b.word.length - a.word.length);
}

export interface FigureLexicon {
  units: UnitEntry[];
  suffixCurrencies: CurrencyEntry[];
  prefixCurrencies: Array<{ word: string; code: string }>;
  minorCurrencyUnits: Array<{ word: string; powerOfTen: number }>;
  moneyTail: string[];
  prefixApprox: ApproxEntry[];
  innerApprox: ApproxEntry[];
  suffixApprox: ApproxEntry[];
  context: z.infer<typeof contextFile>;
  idioms: string[];
  longestIdiom: number;
}

let cached: FigureLexicon | null = null;

export function figureLexicon(): FigureLexicon {
  if (cached) return cached;
  const units = load('units.json', unitsFile);
  const currencies = load('currencies.json', currenciesFile);
  const approximations = load('approximations.json', approximationsFile);
  const context = load('figure-context.json', contextFile);
  const idioms = load('figure-idioms.json', idiomsFile);
  const byLength = (words: string[]) => [...words].sort((a, b) => b.length - a.length);
  cached = {
    units: longestFirst(units.units),
    suffixCurrencies: longestFirst(currencies.suffix),
    prefixCurrencies: longestFirst(currencies.prefix),
    minorCurrencyUnits: currencies.minor,
    moneyTail: currencies.moneyTail,
    prefixApprox: longestFirst(approximations.prefix),
    innerApprox: longestFirst(approximations.inner),
    suffixApprox: longestFirst(approximations.suffix),
    context: {
      ...context,
      moneyBefore: byLength(context.moneyBefore),
      moneyAfter: byLength(context.moneyAfter),
      rankBefore: byLength(context.rankBefore),
      notFigureAfter: byLength(context.notFigureAfter),
      codeBefore: byLength(context.codeBefore),
      dateBefore: byLength(context.dateBefore),
      durationBefore: byLength(context.durationBefore),
    },
    idioms: idioms.idioms,
    longestIdiom: Math.max(...idioms.idioms.map((w) => w.length)),
  };
  return cached;
}

/**
 * Lists indexed by the first or last character of their words, so a lookup at a position only
 * tries the few words that can match there. Built once per list (lists are cached with the
 * lexicon); each per-character list keeps the caller's order (longest first).
 */
const byFirst = new WeakMap<object, Map<string, unknown[]>>();
const byLast = new WeakMap<object, Map<string, unknown[]>>();

function indexed<E>(cache: WeakMap<object, Map<string, unknown[]>>, list: readonly E[], charOf: (e: E) => string): Map<string, E[]> {
  let index = cache.get(list);
  if (!index) {
    index = new Map();
    for (const entry of list) {
      const ch = charOf(entry);
      const bucket = index.get(ch);
      if (bucket) bucket.push(entry);
      else index.set(ch, [entry]);
    }
    cache.set(list, index);
  }
  return index as Map<string, E[]>;
}

const NONE: never[] = [];

/** Entries whose word may start at `at` (its first character matches). */
export function entriesStartingAt<E extends { word: string }>(text: string, at: number, list: readonly E[]): readonly E[] {
  const ch = text[at];
  return ch === undefined ? NONE : (indexed(byFirst, list, (e) => e.word[0]!).get(ch) ?? NONE);
}

/** Entries whose word may end at `end` (its last character matches). */
export function entriesEndingAt<E extends { word: string }>(text: string, end: number, list: readonly E[]): readonly E[] {
  const ch = text[end - 1];
  return ch === undefined ? NONE : (indexed(byLast, list, (e) => e.word[e.word.length - 1]!).get(ch) ?? NONE);
}

/** Does any of `words` end exactly at `end` in `text`? Returns the longest such word. */
export function wordEndingAt(text: string, end: number, words: readonly string[]): string | null {
  const ch = text[end - 1];
  if (ch === undefined) return null;
  for (const word of indexed(byLast, words, (w) => w[w.length - 1]!).get(ch) ?? NONE) {
    if (end >= word.length && text.startsWith(word, end - word.length)) return word;
  }
  return null;
}

/** Does any of `words` start at `start`? Returns the first (callers pass longest-first lists). */
export function wordStartingAt(text: string, start: number, words: readonly string[]): string | null {
  const ch = text[start];
  if (ch === undefined) return null;
  for (const word of indexed(byFirst, words, (w) => w[0]!).get(ch) ?? NONE) if (text.startsWith(word, start)) return word;
  return null;
}
