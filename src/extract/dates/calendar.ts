/** Gregorian calendar arithmetic on plain {y, m, d} values (no time zones involved). */
import type { Granularity } from '../../types.ts';
import type { CalendarValue, Day, Point } from './types.ts';

const MS_PER_DAY = 86_400_000;

export function isLeapYear(y: number): boolean {
  return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
}

export function daysInMonth(y: number, m: number): number {
  return [31, isLeapYear(y) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 1]!;
}

export function isValidDay(y: number, m: number, d: number): boolean {
  return Number.isInteger(y) && m >= 1 && m <= 12 && d >= 1 && d <= daysInMonth(y, m);
}

function toEpochDay(day: Day): number {
  return Math.round(Date.UTC(day.y, day.m - 1, day.d) / MS_PER_DAY);
}

function fromEpochDay(n: number): Day {
  const date = new Date(n * MS_PER_DAY);
  return { y: date.getUTCFullYear(), m: date.getUTCMonth() + 1, d: date.getUTCDate() };
}

export function addDays(day: Day, n: number): Day {
  return fromEpochDay(toEpochDay(day) + n);
}

export function daysBetween(a: Day, b: Day): number {
  return toEpochDay(b) - toEpochDay(a);
}

/** Month arithmetic on {y, m}. */
export function addMonths(p: { y: number; m: number }, n: number): { y: number; m: number } {
  const index = p.y * 12 + (p.m - 1) + n;
  return { y: Math.floor(index / 12), m: (index % 12 + 12) % 12 + 1 };
}

/** Easter Sunday of Gregorian year `y` (the anonymous Gregorian computus). */
export function easterSunday(y: number): Day {
  const a = y % 19;
  const b = Math.floor(y / 100);
  const c = y % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return { y, m: month, d: day };
}

/** ISO weekday: Monday 1 … Sunday 7. */
export function isoWeekday(day: Day): number {
  const w = new Date(Date.UTC(day.y, day.m - 1, day.d)).getUTCDay();
  return w === 0 ? 7 : w;
}

/** Monday of the (Monday-based) week containing `day`, shifted by `weeks`. */
export function mondayOf(day: Day, weeks = 0): Day {
  return addDays(day, 1 - isoWeekday(day) + 7 * weeks);
}

export function quarterOf(m: number): number {
  return Math.floor((m - 1) / 3) + 1;
}

export function compareDays(a: Day, b: Day): number {
  return toEpochDay(a) - toEpochDay(b);
}

/** Compare points at the precision of the coarser one (2016 vs 2016-03 is equal). */
export function comparePoints(a: Point, b: Point): number {
  if (a.y !== b.y) return a.y - b.y;
  if (a.m === undefined || b.m === undefined) return 0;
  if (a.m !== b.m) return a.m - b.m;
  if (a.d === undefined || b.d === undefined) return 0;
  return a.d - b.d;
}

export function formatPoint(p: Point): string {
  const year = String(p.y).padStart(4, '0');
  if (p.m === undefined) return year;
  const month = `${year}-${String(p.m).padStart(2, '0')}`;
  if (p.d === undefined) return month;
  return `${month}-${String(p.d).padStart(2, '0')}`;
}

export function dayPoint(day: Day): Point {
  return { y: day.y, m: day.m, d: day.d };
}

/** A single point or unit. */
export function unitValue(start: Point, granularity: Granularity): CalendarValue {
  return { start, end: null, granularity };
}

/** An inclusive range; collapses to a single value when both ends are equal. */
export function rangeValue(start: Point, end: Point, granularity: Granularity): CalendarValue {
  const same = formatPoint(start) === formatPoint(end);
  return { start, end: same ? null : end, granularity };
}

export function weekValue(monday: Day): CalendarValue {
  return { start: dayPoint(monday), end: dayPoint(addDays(monday, 6)), granularity: 'week' };
}

export function quarterValue(y: number, q: number): CalendarValue {
  return { start: { y, m: 3 * q - 2 }, end: { y, m: 3 * q }, granularity: 'quarter' };
}

export function halfValue(y: number, half: 1 | 2): CalendarValue {
  return half === 1
    ? { start: { y, m: 1 }, end: { y, m: 6 }, granularity: 'half' }
    : { start: { y, m: 7 }, end: { y, m: 12 }, granularity: 'half' };
}

/** The last point covered by a value (its end, else its start). */
export function lastPoint(value: CalendarValue): Point {
  return value.end ?? value.start;
}
