/** Weeks and weekdays: 本周, 上个星期, 下周三, 上周六, 这周末, 周一, 礼拜天. Weeks run Monday to Sunday. */
import { addDays, dayPoint, isoWeekday, mondayOf, rangeValue, unitValue, weekValue } from '../calendar.ts';
import { alternation, dateWords } from '../lexicon.ts';
import { NUMERAL_CHARS, SP, followedByAny, lazy, matches } from '../text.ts';
import { fillMonth } from '../context.ts';
import { readInt } from '../numbers.ts';
import type { Candidate, Day } from '../types.ts';

/** One numeral character. */
const NUMERAL = new RegExp(`[${NUMERAL_CHARS}]`);

/**
 * A weekday with no week word: the nearest such day to the publication date (at most three days
 * away), as chrono does: on a Friday, 周四 is yesterday and 周一 next Monday.
 */
export function nearestWeekday(ref: Day, weekday: number): Day {
  let diff = weekday - isoWeekday(ref);
  if (diff > 3) diff -= 7;
  if (diff < -3) diff += 7;
  return addDays(ref, diff);
}

const weekPattern = lazy(() => {
  const words = dateWords();
  const prefixes = new Map(words.relativePrefixes.map((p) => [p.word, p.offset]));
  const weekdays = new Map(words.weekdays.map((w) => [w.word, w.day]));
  const units = alternation(words.weekUnits);
  // 下周三, and the longer 下周的周三 / 下星期的星期三.
  const re = new RegExp(
    `(${alternation([...prefixes.keys()])})?${SP}(?:${units})(?:(?:的)?(?:${units}))?(${alternation([...weekdays.keys(), '末'])})?`,
    'g',
  );
  const nth = new RegExp(
    `第${SP}([1-5一二三四五])${SP}个${SP}(?:${alternation(words.weekUnits)})(${alternation([...weekdays.keys()])})`,
    'g',
  );
  // 周一至五, 下周一到三: the second weekday drops the week word.
  const weekdayWords = alternation([...weekdays.keys()]);
  const elided = new RegExp(
    `(${alternation([...prefixes.keys()])})?${SP}(?:${units})(${weekdayWords})${SP}(?:至|到|-|~)${SP}(${weekdayWords})(?![${NUMERAL_CHARS}])`,
    'g',
  );
  return { prefixes, weekdays, re, nth, elided };
});

export function parseWeeks(text: string): Candidate[] {
  const words = dateWords();
  const { prefixes, weekdays, re } = weekPattern();
  const out: Candidate[] = [];
  for (const match of matches(re, text)) {
    const [whole, prefix, suffix] = match;
    const start = match.index;
    const end = start + whole.length;
    const offset = prefix === undefined ? null : prefixes.get(prefix)!;
    const repeatedUnit = /^(?:[^周星礼]*)(?:周|星期|礼拜).*(?:周|星期|礼拜)/.test(whole);
    // 周的周三 without a prefix, or 下周星期 without a weekday, is no date.
    if (repeatedUnit && (offset === null || suffix === undefined)) continue;
    if (suffix === undefined) {
      // 本周 / 上周: a whole week. A bare 周 or 星期 is no date, and 本周期 / 上周年 are other words.
      if (offset === null || followedByAny(text, end, words.weekNotFollowedBy)) continue;
      out.push({
        start,
        end,
        rule: 'week',
        approx: false,
        resolve: (ctx) => (ctx.ref ? { value: weekValue(mondayOf(ctx.ref, offset)), basis: 'publication', implied: [] } : null),
      });
      continue;
    }
    // 一周一次, 3周三: a numeral before a bare week word makes a count, not a weekday.
    if (offset === null && start > 0 && NUMERAL.test(text[start - 1]!)) continue;
    if (suffix === '末') {
      out.push({
        start,
        end,
        rule: 'weekend',
        approx: false,
        resolve: (ctx) => {
          if (!ctx.ref) return null;
          const monday = mondayOf(ctx.ref, offset ?? 0);
          return { value: rangeValue(dayPoint(addDays(monday, 5)), dayPoint(addDays(monday, 6)), 'day'), basis: 'publication', implied: [] };
        },
      });
      continue;
    }
    // Digits after 周 are weekdays only when nothing numeric follows (周3 but not 周30).
    if (/\d/.test(suffix!) && /^\d/.test(text.slice(end))) continue;
    const weekday = weekdays.get(suffix!)!;
    out.push({
      start,
      end,
      rule: offset === null ? 'weekday' : 'week-weekday',
      approx: false,
      resolve: (ctx) => {
        if (offset !== null) {
          if (!ctx.ref) return null;
          return { value: unitValue(dayPoint(addDays(mondayOf(ctx.ref, offset), weekday - 1)), 'day'), basis: 'publication', implied: [] };
        }
        // Without a publication date, a bare weekday is read near the day the text last stated
        // (2016年12月21日（周三）).
        const anchor = ctx.ref ?? ctx.day;
        if (!anchor) return null;
        const day = nearestWeekday(anchor, weekday);
        return ctx.ref
          ? { value: unitValue(dayPoint(day), 'day'), basis: 'publication', implied: ['week'] }
          : { value: unitValue(dayPoint(day), 'day'), basis: 'context', implied: ['week'] };
      },
    });
  }
  return out;
}

/** 第二个周三, 11月的第一个星期一: the nth weekday of the month in context. */
export function parseNthWeekday(text: string): Candidate[] {
  const { weekdays, nth: re } = weekPattern();
  const out: Candidate[] = [];
  for (const match of matches(re, text)) {
    const nth = readInt(match[1]!);
    const weekday = weekdays.get(match[2]!)!;
    if (nth === null) continue;
    out.push({
      start: match.index,
      end: match.index + match[0].length,
      rule: 'nth-weekday',
      approx: false,
      resolve: (ctx) => {
        const month = fillMonth(ctx);
        if (!month) return null;
        const first = { y: month.y, m: month.m, d: 1 };
        const day = addDays(first, ((weekday - isoWeekday(first) + 7) % 7) + 7 * (nth - 1));
        if (day.m !== month.m) return null;
        return { value: unitValue(dayPoint(day), 'day'), basis: month.basis, implied: ['year', 'month'], contextSource: month.source };
      },
    });
  }
  return out;
}

/** 周一至五, 下周一到三: a range of weekdays in one week, the second without its week word. */
export function parseWeekdayRanges(text: string): Candidate[] {
  const { prefixes, weekdays, elided } = weekPattern();
  const out: Candidate[] = [];
  for (const match of matches(elided, text)) {
    const [whole, prefix, firstText, lastText] = match;
    const first = weekdays.get(firstText!)!;
    const last = weekdays.get(lastText!)!;
    if (last <= first) continue;
    const offset = prefix === undefined ? null : prefixes.get(prefix)!;
    const start = match.index;
    if (offset === null && start > 0 && NUMERAL.test(text[start - 1]!)) continue;
    out.push({
      start,
      end: start + whole.length,
      rule: 'weekday-range',
      approx: false,
      resolve: (ctx) => {
        const anchor = offset !== null ? (ctx.ref ? mondayOf(ctx.ref, offset) : null) : (ctx.ref ?? ctx.day);
        if (!anchor) return null;
        const monday = offset !== null ? anchor : mondayOf(nearestWeekday(anchor, first));
        const value = rangeValue(dayPoint(addDays(monday, first - 1)), dayPoint(addDays(monday, last - 1)), 'day');
        if (offset !== null) return { value, basis: 'publication', implied: [] };
        return { value, basis: ctx.ref ? 'publication' : 'context', implied: ['week'] };
      },
    });
  }
  return out;
}
