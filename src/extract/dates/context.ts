/**
 * Filling unstated components: from the narrative context (the latest date stated earlier in the
 * text, basis `context`) or else from the publication date (basis `publication`).
 */
import type { DateBasis } from '../../types.ts';
import { isValidDay, unitValue } from './calendar.ts';
import type { Candidate, Day, ResolveContext } from './types.ts';

export interface YearFill {
  y: number;
  basis: DateBasis;
  source?: number;
}

export interface MonthFill extends YearFill {
  m: number;
}

export interface DayFill extends MonthFill {
  d: number;
}

export function fillYear(ctx: ResolveContext): YearFill | null {
  if (ctx.year) return { y: ctx.year.y, basis: 'context', source: ctx.year.source };
  if (ctx.ref) return { y: ctx.ref.y, basis: 'publication' };
  return null;
}

/** A month and day stated without a year (9月23日, 5·12): the year comes from context. */
export function monthDayCandidate(start: number, end: number, rule: string, m: number, d: number): Candidate {
  return {
    start,
    end,
    rule,
    approx: false,
    resolve: (ctx) => {
      const year = fillYear(ctx);
      if (!year || !isValidDay(year.y, m, d)) return null;
      return { value: unitValue({ y: year.y, m, d }, 'day'), basis: year.basis, implied: ['year'], contextSource: year.source };
    },
  };
}

/** Month (with its year) for a bare day such as 3日: the month stated last, else the publication month. */
export function fillMonth(ctx: ResolveContext): MonthFill | null {
  if (ctx.month) return { y: ctx.month.y, m: ctx.month.m, basis: 'context', source: ctx.month.source };
  // A year set by the text without a month gives no month to borrow.
  if (!ctx.year && ctx.ref) return { y: ctx.ref.y, m: ctx.ref.m, basis: 'publication' };
  return null;
}

/** Day for 当天, 次日 …: only a day stated earlier in the text. */
export function fillDay(ctx: ResolveContext): DayFill | null {
  if (ctx.day) return { ...ctx.day, basis: 'context', source: ctx.day.source };
  return null;
}

/**
 * A year standing in for the publication year when anchoring cyclic names (猴年): the publication
 * year, else the latest year stated before, else the latest year stated anywhere in the text.
 */
export function anchorYear(ctx: ResolveContext): YearFill | null {
  if (ctx.ref) return { y: ctx.ref.y, basis: 'publication' };
  if (ctx.year) return { y: ctx.year.y, basis: 'context', source: ctx.year.source };
  if (ctx.latestExplicitYear !== null) return { y: ctx.latestExplicitYear, basis: 'context' };
  return null;
}

export function refDay(ctx: ResolveContext): Day | null {
  return ctx.ref;
}
