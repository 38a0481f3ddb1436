/**
 * Comparing claim objects: dates as intervals (at the coarser precision of the two), amounts as
 * intervals widened by their approximation and the tolerance, names as names.
 */
import type { ClaimObject, DateObject, FigureObject } from '../claims/types.ts';
import type { DateValue, Granularity } from '../types.ts';
import type { ReconcileOptions } from './options.ts';

/** Inclusive day bounds of a date value, as ISO strings that compare lexicographically. */
export function dateBounds(value: Pick<DateValue, 'start' | 'end'>): [string, string] {
  return [firstDay(value.start), lastDay(value.end ?? value.start)];
}

function firstDay(partial: string): string {
  // A whole date (YYYY-MM-DD) is its own first day: the common case, without splitting.
  if (partial.length === 10) return partial;
  const [y, m, d] = partial.split('-');
  return `${y}-${m ?? '01'}-${d ?? '01'}`;
}

function lastDay(partial: string): string {
  const [y, m, d] = partial.split('-');
  if (d) return partial;
  if (!m) return `${y}-12-31`;
  const days = new Date(Date.UTC(Number(y), Number(m), 0)).getUTCDate();
  return `${y}-${m}-${String(days).padStart(2, '0')}`;
}

/** Days covered by a date value (1 for a day, ~365 for a year): smaller is more specific. */
export function dateWidthDays(value: Pick<DateValue, 'start' | 'end'>): number {
  const [lo, hi] = dateBounds(value);
  return (Date.parse(`${hi}T00:00:00Z`) - Date.parse(`${lo}T00:00:00Z`)) / 86_400_000 + 1;
}

export function datesOverlap(a: Pick<DateValue, 'start' | 'end'>, b: Pick<DateValue, 'start' | 'end'>): boolean {
  const [aLo, aHi] = dateBounds(a);
  const [bLo, bHi] = dateBounds(b);
  return aLo <= bHi && bLo <= aHi;
}

/** `a` lies inside `b` (or equals it). */
export function dateWithin(a: Pick<DateValue, 'start' | 'end'>, b: Pick<DateValue, 'start' | 'end'>): boolean {
  const [aLo, aHi] = dateBounds(a);
  const [bLo, bHi] = dateBounds(b);
  return bLo <= aLo && aHi <= bHi;
}

const PRECISION_ORDER: Granularity[] = ['day', 'week', 'month', 'quarter', 'half', 'year', 'decade', 'century'];

export function coarser(a: Granularity, b: Granularity): Granularity {
  return PRECISION_ORDER.indexOf(a) >= PRECISION_ORDER.indexOf(b) ? a : b;
}

/** CNY value of an amount when rates allow a conversion, else the amount in its own currency. */
function converted(figure: FigureObject, value: number, options: ReconcileOptions): number {
  if (figure.kind !== 'money' || !figure.currency) return value;
  const rate = rateOf(figure.currency, options);
  return rate === null ? value : value * rate;
}

function rateOf(currency: string, options: ReconcileOptions): number | null {
  if (currency in options.currencyRates) return options.currencyRates[currency];
  if (currency === 'CNY' && Object.keys(options.currencyRates).length > 0) return 1;
  return null;
}

/**
 * The measure an amount is expressed in: amounts are comparable only within one measure.
 * '?' marks an unstated currency or unit, which may join the one stated measure of its group.
 */
export function measureOf(figure: FigureObject, options: ReconcileOptions, unitClasses: Record<string, string[]>): string {
  if (figure.kind === 'money') {
    if (!figure.currency) return 'money:?';
    return rateOf(figure.currency, options) !== null ? 'money:CNY' : `money:${figure.currency}`;
  }
  const family = figure.kind === 'percent' ? 'percent' : figure.kind === 'duration' || figure.kind === 'age' ? figure.kind : 'quantity';
  if (!figure.unit) return `${family}:?`;
  const cls = Object.entries(unitClasses).find(([, units]) => units.includes(figure.unit!))?.[0];
  return `${family}:${cls ?? figure.unit}`;
}

/** Lower and upper bound of an amount, before tolerance. */
export function figureBounds(figure: FigureObject, options: ReconcileOptions): [number, number] {
  const v = converted(figure, figure.value, options);
  const max = figure.max === null ? null : converted(figure, figure.max, options);
  switch (figure.approx) {
    case 'exact':
      return [v, max ?? v];
    case 'about': {
      const spread = Math.abs(v) * options.approximateTolerance;
      return [v - spread, (max ?? v) + spread];
    }
    case 'over':
      return [v, max ?? Infinity];
    case 'under':
      return [v >= 0 ? 0 : -Infinity, max ?? v];
    case 'range':
      return [v, max ?? v];
  }
}

export function figuresCompatible(a: FigureObject, b: FigureObject, options: ReconcileOptions): boolean {
  const [aLo, aHi] = figureBounds(a, options);
  const [bLo, bHi] = figureBounds(b, options);
  // The gap between the two intervals may be at most the tolerance of the larger bound.
  const within = (low: number, high: number) => low - high <= options.relativeTolerance * Math.max(Math.abs(low), Math.abs(high));
  if (aLo > bHi) return within(aLo, bHi);
  if (bLo > aHi) return within(bLo, aHi);
  return true;
}

export function compatible(a: ClaimObject, b: ClaimObject, options: ReconcileOptions): boolean {
  if (a.type === 'date' && b.type === 'date') return datesOverlap(a, b);
  if (a.type === 'figure' && b.type === 'figure') return figuresCompatible(a, b, options);
  if (a.type === 'entity' && b.type === 'entity') return a.name === b.name;
  return false;
}

/** A key equal for equal values (used to collapse repeated statements of one value). */
export function valueKey(object: ClaimObject): string {
  switch (object.type) {
    case 'date':
      return `d:${object.start}:${object.end ?? ''}`;
    case 'figure':
      return `f:${object.kind}:${object.value}:${object.max ?? ''}:${object.approx}:${object.currency ?? ''}:${object.unit ?? ''}`;
    case 'entity':
      return `e:${object.name}`;
  }
}

const APPROX_RANK: Record<FigureObject['approx'], number> = { exact: 3, about: 2, range: 1, over: 0, under: 0 };

/** Higher is more specific: a day over a year, an exact amount over "more than". */
export function specificity(object: ClaimObject, options: ReconcileOptions): number {
  if (object.type === 'date') return -dateWidthDays(object);
  if (object.type === 'figure') {
    const [lo, hi] = figureBounds(object, options);
    const width = Number.isFinite(lo) && Number.isFinite(hi) ? (hi - lo) / Math.max(Math.abs(hi), Math.abs(lo), 1) : 1;
    return APPROX_RANK[object.approx] * 10 - Math.min(width, 1);
  }
  return 0;
}

const BASIS_RANK: Record<DateObject['basis'], number> = { explicit: 2, context: 1, publication: 0 };

/** How directly the value is stated: a full date beats one completed from context. */
export function basisRank(object: ClaimObject): number {
  return object.type === 'date' ? BASIS_RANK[object.basis] : 0;
}
