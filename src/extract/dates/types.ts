/**
 * Internal model of the date extractor. Parsers produce `Candidate`s: a span plus a `resolve`
 * function, because partial and relative expressions only get a value once the text before them
 * (context year/month/day) and the publication date are known. Refiners work on resolved `Mention`s.
 */
import type { DateBasis, Granularity } from '../../types.ts';

export interface Day {
  y: number;
  m: number;
  d: number;
}

/** A calendar point at its own precision: year, year-month or year-month-day. */
export interface Point {
  y: number;
  m?: number;
  d?: number;
}

export interface CalendarValue {
  start: Point;
  /** Inclusive end of a range, null for a single point or unit. */
  end: Point | null;
  granularity: Granularity;
}

/** A component of the narrative context and the mention that stated it. */
export interface ContextYear {
  y: number;
  source: number;
}
export interface ContextMonth {
  y: number;
  m: number;
  source: number;
}
export interface ContextDay extends Day {
  source: number;
  /** The day's year was not stated but taken from the publication date (a word such as 次日 does not state it either). */
  yearImplied?: boolean;
}

export interface ResolveContext {
  /** Publication date, or null when unknown. */
  ref: Day | null;
  year: ContextYear | null;
  month: ContextMonth | null;
  day: ContextDay | null;
  /** Latest explicit year stated anywhere in the text: a stand-in for the publication year. */
  latestExplicitYear: number | null;
}

export interface Resolution {
  value: CalendarValue;
  basis: DateBasis;
  /** Components that were not stated but inferred. */
  implied: string[];
  /** Overrides the candidate's approx flag when set. */
  approx?: boolean;
  /** Index of the mention whose components filled the implied ones. */
  contextSource?: number;
}

export interface Candidate {
  start: number;
  end: number;
  rule: string;
  approx: boolean;
  /** Only valid as one end of a range or as the tail of a composition (2003.05, 前5个月). */
  weak?: boolean;
  /** A year written out in digits (for the publication-year stand-in). */
  explicitYear?: number;
  /** A date introduced by a label such as 发布日期: metadata, not narrative context. */
  publicationLabel?: boolean;
  resolve(ctx: ResolveContext, index: number): Resolution | null;
}

export interface Mention {
  start: number;
  end: number;
  rule: string;
  approx: boolean;
  weak: boolean;
  value: CalendarValue;
  basis: DateBasis;
  implied: string[];
  contextSource: number | undefined;
  /** Indices of the candidates merged into this mention. */
  members: number[];
}

/** A parser scans the (normalized) text and returns candidates with offsets into it. */
export type Parser = (text: string) => Candidate[];
