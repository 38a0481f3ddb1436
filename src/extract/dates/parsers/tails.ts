/**
 * Days and weeks picked out of the year or month right before them: 今年的最后一天, 这个月的第一天,
 * 今年最后一周, 2020年第3周. They are weak: alone (活动的最后一天) they name no calendar date, so they
 * only count when composed with that year or month.
 */
import { addDays, compareDays, daysInMonth, dayPoint, isoWeekday, mondayOf, unitValue, weekValue } from '../calendar.ts';
import { readInt } from '../numbers.ts';
import { SP, matches } from '../text.ts';
import type { Candidate, CalendarValue, Day, ResolveContext } from '../types.ts';

const TAIL = new RegExp(
  `(最后${SP}(?:一|1)${SP}天|第${SP}(?:一|1)${SP}天)|(最后${SP}(?:一|1)${SP}(?:个${SP})?(?:周|星期|礼拜)|第${SP}(\\d{1,2}|[一二三四五六七八九十]{1,3})${SP}(?:个${SP}(?:星期|礼拜)|周))(?![一二三四五六日天末1-7])`,
  'g',
);

interface Frame {
  /** The stated month, or the whole year when no month was stated. */
  y: number;
  m: number | null;
  source: number;
}

/** The month stated last (a stated year resets it), else the year stated last. */
function frameOf(ctx: ResolveContext): Frame | null {
  if (ctx.month) return { y: ctx.month.y, m: ctx.month.m, source: ctx.month.source };
  if (ctx.year) return { y: ctx.year.y, m: null, source: ctx.year.source };
  return null;
}

function firstDay(f: Frame): Day {
  return { y: f.y, m: f.m ?? 1, d: 1 };
}

function lastDay(f: Frame): Day {
  const m = f.m ?? 12;
  return { y: f.y, m, d: daysInMonth(f.y, m) };
}

/**
 * Weeks run Monday to Sunday and belong to the frame holding most of their days, the ISO rule
 * applied to years and months alike: week 1 holds the frame's first Thursday (4 January for a
 * year), the last week its last Thursday. Null when week `n` runs past the frame.
 */
function nthWeek(f: Frame, n: number): CalendarValue | null {
  const first = firstDay(f);
  const firstThursday = addDays(first, (4 - isoWeekday(first) + 7) % 7);
  const thursday = addDays(firstThursday, 7 * (n - 1));
  if (compareDays(thursday, lastDay(f)) > 0) return null;
  return weekValue(mondayOf(thursday));
}

function lastWeek(f: Frame): CalendarValue {
  const last = lastDay(f);
  return weekValue(mondayOf(addDays(last, -((isoWeekday(last) - 4 + 7) % 7))));
}

export function parseTails(text: string): Candidate[] {
  const out: Candidate[] = [];
  for (const match of matches(TAIL, text)) {
    const [whole, dayWord, weekWord, nthText] = match;
    const n = nthText !== undefined ? readInt(nthText) : null;
    if (nthText !== undefined && (n === null || n < 1 || n > 53)) continue;
    const last = whole.startsWith('最后');
    out.push({
      start: match.index,
      end: match.index + whole.length,
      rule: dayWord !== undefined ? 'tail-day' : 'tail-week',
      approx: false,
      weak: true,
      resolve: (ctx) => {
        const frame = frameOf(ctx);
        if (!frame) return null;
        let value: CalendarValue | null;
        if (dayWord !== undefined) value = unitValue(dayPoint(last ? lastDay(frame) : firstDay(frame)), 'day');
        else if (weekWord !== undefined && last) value = lastWeek(frame);
        else value = nthWeek(frame, n!);
        if (!value) return null;
        const implied = frame.m === null ? ['year'] : ['year', 'month'];
        return { value, basis: 'context', implied, contextSource: frame.source };
      },
    });
  }
  return out;
}

