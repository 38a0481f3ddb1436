/**
 * Shared types of the pipeline. Every span reported anywhere carries offsets into the decoded
 * original file (`start`/`end`, JavaScript string offsets), the Simplified `text` and the raw
 * `original` surface, with `original === rawText.slice(start, end)`.
 *
 * Extractors work on a plain Simplified string and report `LocalMention`s (offsets into that
 * string); the pipeline maps them back to the raw file with the document's offset map.
 */

/** A mention found by an extractor: offsets into the string the extractor was given. */
export interface LocalMention {
  start: number;
  end: number;
  /** The matched Simplified text, `input.slice(start, end)`. */
  text: string;
}

/** A span mapped back to the original file. */
export interface Span {
  start: number;
  end: number;
  /** Simplified text of the span. */
  text: string;
  /** The raw surface as written in the original file: `rawText.slice(start, end)`. */
  original: string;
}

export type Granularity = 'day' | 'week' | 'month' | 'quarter' | 'half' | 'year' | 'decade' | 'century';

/** A calendar value at the expression's own precision: `YYYY`, `YYYY-MM` or `YYYY-MM-DD`. */
export interface DateValue {
  start: string;
  /** Inclusive end of a range; null for a single point or unit. */
  end: string | null;
  granularity: Granularity;
}

/** Where a date's value came from. `explicit`: the text states it in full. */
export type DateBasis = 'explicit' | 'context' | 'publication';

export interface DateMention extends LocalMention {
  value: DateValue;
  approx: boolean;
  basis: DateBasis;
  /** Components that were not stated but inferred (e.g. `['year']` for 9月23日). */
  implied: string[];
  /** Name of the parser that produced the value (for debugging and reports). */
  rule: string;
}

export type FigureKind = 'money' | 'count' | 'percent' | 'number' | 'rank' | 'duration' | 'age';
export type Approximation = 'exact' | 'about' | 'over' | 'under' | 'range';

export interface FigureMention extends LocalMention {
  kind: FigureKind;
  /** Value in base units (1000万 → 10000000; 26% → 26). Lower bound for ranges and `over`. */
  value: number;
  /** Upper bound of a range, else null. */
  max: number | null;
  approx: Approximation;
  /** ISO 4217 code, or null when no currency is stated or implied. */
  currency: string | null;
  /** True when the currency was inferred from the sentence (斥资10亿) rather than stated. */
  currencyInferred: boolean;
  /** Measure word or symbol (人, 次, 家, %, 百分点 …), or null. */
  unit: string | null;
  rule: string;
}

export type EntityType = 'organization' | 'product' | 'person' | 'place' | 'event';

export interface EntityMention extends LocalMention {
  /** Canonical name. */
  entity: string;
  type: EntityType;
  /** True when found by discovery rules rather than the lexicon. */
  discovered: boolean;
  rule: string;
}

export interface Token extends LocalMention {
  /** jieba part-of-speech tag. */
  tag: string;
}
