/**
 * Filling unstated components: from the narrative context (the latest date stated earlier in the
 * text, basis `context`) or else from the publication date (basis `publication`).
 */
import type { DateBasis } from '../../types.ts';
import { daysBetween, isValidDay, unitValue } from './calendar.ts';
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
  /** The year was taken from the publication date, not stated (see ContextDay). */
  yearImplied?: boolean;
}

export function fillYear(ctx: ResolveContext): YearFill | null {
  if (ctx.year) return { y: ctx.year.y, basis: 'context', source: ctx.year.source };
  if (ctx.ref) return { y: ctx.ref.y, basis: 'publication' };
  return null;
}

/**
 * Across a year boundary, a date this close to the publication date is read in the neighbouring
 * year: in an article of 15 January, 双11 is last November. Farther apart, which year is meant
 * cannot be told (圣诞节 in a May article), and the publication year stays.
 */
const ACROSS_YEAR_BOUNDARY_DAYS = 92;

/** The same for a whole month, measured from its middle: about the two months next to the boundary (10月 in a January article stays ahead). */
export const ACROSS_YEAR_BOUNDARY_DAYS_FOR_MONTHS = 62;

/**
 * The year of a date stated without one (12月28日, 春节, 三月), and its day in that year
 * (`dayIn`; for a month, a day in its middle). A year the text set is kept. A year taken from the
 * publication date moves by one when the date then lies within `withinDays` of the publication
 * date (chrono-node's closest-year rule, kept to where it is not a guess): in an
 * article of early January 12月28日 is last December, in one of late December 元旦 is the coming one.
 */
export function fillNearestYear(ctx: ResolveContext, dayIn: (y: number) => Day | null, withinDays = ACROSS_YEAR_BOUNDARY_DAYS): (YearFill & { day: Day }) | null {
  const year = fillYear(ctx);
  if (!year) return null;
  const day = dayIn(year.y);
  const stated = day ? { ...year, day } : null;
  if (year.basis !== 'publication' || !ctx.ref) return stated;
  const ref = ctx.ref;
  const distance = (d: Day) => Math.abs(daysBetween(ref, d));
  for (const y of [year.y - 1, year.y + 1]) {
    const other = dayIn(y);
    if (other && distance(other) <= withinDays && (!stated || distance(other) < distance(stated.day))) return { y, basis: 'publication', day: other };
  }
  return stated;
}

/** A month and day stated without a year (9月23日, 5·12): the year comes from context (fillNearestYear). */
export function monthDayCandidate(start: number, end: number, rule: string, m: number, d: number): Candidate {
  return {
    start,
    end,
    rule,
    approx: false,
    resolve: (ctx) => {
      const year = fillNearestYear(ctx, (y) => (isValidDay(y, m, d) ? { y, m, d } : null));
      if (!year) return null;
      return { value: unitValue(year.day, 'day'), basis: year.basis, implied: ['year'], contextSource: year.source };
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
