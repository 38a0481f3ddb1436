/** Weeks and weekdays: 本周, 上个星期, 下周三, 上周六, 这周末, 周一, 礼拜天. Weeks run Monday to Sunday. */
import { addDays, dayPoint, isoWeekday, mondayOf, rangeValue, unitValue, weekValue } from '../calendar.ts';
import { alternation, dateWords } from '../lexicon.ts';
import { NUMERAL_CHARS, SP, followedByAny, matches } from '../text.ts';
import type { Candidate, Day } from '../types.ts';

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

export function parseWeeks(text: string): Candidate[] {
  const words = dateWords();
  const prefixes = new Map(words.relativePrefixes.map((p) => [p.word, p.offset]));
  const weekdays = new Map(words.weekdays.map((w) => [w.word, w.day]));
  const re = new RegExp(
    `(${alternation([...prefixes.keys()])})?${SP}(?:${alternation(words.weekUnits)})(${alternation([...weekdays.keys(), '末'])})?`,
    'g',
  );
  const out: Candidate[] = [];
  for (const match of matches(re, text)) {
    const [whole, prefix, suffix] = match;
    const start = match.index;
    const end = start + whole.length;
    const offset = prefix === undefined ? null : prefixes.get(prefix)!;
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
    if (offset === null && start > 0 && new RegExp(`[${NUMERAL_CHARS}]`).test(text[start - 1]!)) continue;
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
        if (!ctx.ref) return null;
        const day = offset === null ? nearestWeekday(ctx.ref, weekday) : addDays(mondayOf(ctx.ref, offset), weekday - 1);
        return { value: unitValue(dayPoint(day), 'day'), basis: 'publication', implied: offset === null ? ['week'] : [] };
      },
    });
  }
  return out;
}
