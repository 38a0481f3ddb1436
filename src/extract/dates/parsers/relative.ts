/**
 * Expressions relative to the publication date (今天, 去年, 上个月, 三天后, 近两年, 明后两天) and to
 * the narrative context (当年, 次年, 当月, 当天, 次日).
 */
import type { Granularity } from '../../../types.ts';
import { addDays, addMonths, dayPoint, quarterOf, quarterValue, rangeValue, unitValue } from '../calendar.ts';
import { fillDay } from '../context.ts';
import { alternation, dateWords, type WindowPrefix } from '../lexicon.ts';
import { COUNT, readInt } from '../numbers.ts';
import { NUMERAL_CHARS, SP, followedByAny, lazy, matches, wordOccurrences } from '../text.ts';
import type { Candidate, CalendarValue, Day, Resolution } from '../types.ts';

/** Word occurrences shaped like regex matches (index, [0]). */
function occurrences(text: string, words: readonly string[]): Array<{ index: number; 0: string }> {
  return wordOccurrences(text, words).map(({ index, word }) => ({ index, 0: word }));
}

function publication(value: CalendarValue): Resolution {
  return { value, basis: 'publication', implied: [] };
}

function candidate(start: number, end: number, rule: string, resolve: Candidate['resolve'], approx = false): Candidate {
  return { start, end, rule, approx, resolve };
}

/** Characters that turn a trailing 年 into another word (年轻, 年龄, 年级, 年纪, 年代). */
const YEAR_WORD_TAILS = ['轻', '龄', '级', '纪', '代'];

function offsetsByWord(list: ReadonlyArray<{ word: string; offset: number }>): Map<string, number> {
  return new Map(list.map((e) => [e.word, e.offset]));
}

export function parseRelativeWords(text: string): Candidate[] {
  const words = dateWords();
  const out: Candidate[] = [];
  const days = offsetsByWord(words.relativeDays);
  for (const match of occurrences(text, [...days.keys()])) {
    const offset = days.get(match[0])!;
    out.push(
      candidate(match.index, match.index + match[0].length, 'relative-day', (ctx) =>
        ctx.ref ? publication(unitValue(dayPoint(addDays(ctx.ref, offset)), 'day')) : null,
      ),
    );
  }
  const years = offsetsByWord(words.relativeYears);
  for (const match of occurrences(text, [...years.keys()])) {
    const offset = years.get(match[0])!;
    // 百年前年轻人: 年 followed by 轻/龄/级/纪/代 belongs to another word.
    if (followedByAny(text, match.index + match[0].length, YEAR_WORD_TAILS)) continue;
    out.push(
      candidate(match.index, match.index + match[0].length, 'relative-year', (ctx) =>
        ctx.ref ? publication(unitValue({ y: ctx.ref.y + offset }, 'year')) : null,
      ),
    );
  }
  const contextYears = offsetsByWord(words.contextYears);
  for (const match of occurrences(text, [...contextYears.keys()])) {
    const offset = contextYears.get(match[0])!;
    if (followedByAny(text, match.index + match[0].length, YEAR_WORD_TAILS)) continue;
    out.push(
      candidate(match.index, match.index + match[0].length, 'context-year', (ctx) => {
        if (!ctx.year) return null;
        return { value: unitValue({ y: ctx.year.y + offset }, 'year'), basis: 'context', implied: [], contextSource: ctx.year.source };
      }),
    );
  }
  const contextMonths = offsetsByWord(words.contextMonths);
  for (const match of occurrences(text, [...contextMonths.keys()])) {
    const offset = contextMonths.get(match[0])!;
    out.push(
      candidate(match.index, match.index + match[0].length, 'context-month', (ctx) => {
        if (!ctx.month) return null;
        const p = addMonths(ctx.month, offset);
        return { value: unitValue(p, 'month'), basis: 'context', implied: [], contextSource: ctx.month.source };
      }),
    );
  }
  const contextDays = offsetsByWord(words.contextDays);
  for (const match of occurrences(text, [...contextDays.keys()])) {
    const offset = contextDays.get(match[0])!;
    out.push(
      candidate(match.index, match.index + match[0].length, 'context-day', (ctx) => {
        const day = fillDay(ctx);
        if (!day) return null;
        // 次日 after 12月28日 states no year either: it must not set the narrative's year.
        return { value: unitValue(dayPoint(addDays(day, offset)), 'day'), basis: 'context', implied: day.yearImplied ? ['year'] : [], contextSource: day.source };
      }),
    );
  }
  return out;
}

/** 本月, 上个月, 下下个月, 本季度, 上个季度. */
const monthQuarterPattern = lazy(() => {
  const prefixes = offsetsByWord(dateWords().relativePrefixes);
  return { prefixes, re: new RegExp(`(${alternation([...prefixes.keys()])})(月份?|季度)`, 'g') };
});

export function parseRelativeMonthQuarter(text: string): Candidate[] {
  const { prefixes, re } = monthQuarterPattern();
  const out: Candidate[] = [];
  for (const match of matches(re, text)) {
    const offset = prefixes.get(match[1]!)!;
    const quarter = match[2] === '季度';
    out.push(
      candidate(match.index, match.index + match[0].length, quarter ? 'relative-quarter' : 'relative-month', (ctx) => {
        if (!ctx.ref) return null;
        if (quarter) {
          const first = addMonths({ y: ctx.ref.y, m: 3 * quarterOf(ctx.ref.m) - 2 }, 3 * offset);
          return publication(quarterValue(first.y, quarterOf(first.m)));
        }
        return publication(unitValue(addMonths(ctx.ref, offset), 'month'));
      }),
    );
  }
  return out;
}

type Unit = 'day' | 'week' | 'month' | 'year';

const UNIT_PATTERN = '(天|日|周|个星期|星期|个礼拜|礼拜|个月|年)';

function unitOf(word: string): Unit {
  if (word === '天' || word === '日') return 'day';
  if (word.endsWith('月')) return 'month';
  if (word === '年') return 'year';
  return 'week';
}

/** The unit containing `day` shifted by `n` units, at the unit's own precision (weeks → days). */
function shifted(ref: Day, unit: Unit, n: number): { value: CalendarValue; granularity: Granularity } {
  switch (unit) {
    case 'day':
      return { value: unitValue(dayPoint(addDays(ref, n)), 'day'), granularity: 'day' };
    case 'week':
      return { value: unitValue(dayPoint(addDays(ref, 7 * n)), 'day'), granularity: 'day' };
    case 'month':
      return { value: unitValue(addMonths(ref, n), 'month'), granularity: 'month' };
    case 'year':
      return { value: unitValue({ y: ref.y + n }, 'year'), granularity: 'year' };
  }
}

const OFFSET = new RegExp(
  `(?<![${NUMERAL_CHARS}.第每几数])(${COUNT}|半)${SP}(多|余)?${SP}${UNIT_PATTERN}(半)?${SP}(多|余)?${SP}(以前|之前|以后|之后|前|后)`,
  'g',
);

/** 三天后, 2天前, 两年前, 一年多前 (approximate), 半年前, 3个月后, 两周后. */
export function parseRelativeOffset(text: string): Candidate[] {
  const out: Candidate[] = [];
  for (const match of matches(OFFSET, text)) {
    const [, countText, moreA, unitText, half, moreB, direction] = match;
    let unit = unitOf(unitText!);
    // 3月前 is "before March", 3日前 "before the 3rd": months need 个, days need 天 before 前.
    if (unitText === '日' && direction!.endsWith('前')) continue;
    let count = countText === '半' ? 0.5 : readInt(countText!);
    if (count === null || count <= 0 || count > 500) continue;
    if (half) count += 0.5;
    if (!Number.isInteger(count)) {
      // Only half years resolve cleanly (半年 = 6 months).
      if (unit !== 'year') continue;
      unit = 'month';
      count *= 12;
    }
    const sign = direction!.endsWith('前') ? -1 : 1;
    const approx = moreA !== undefined || moreB !== undefined;
    const n = sign * count;
    out.push(
      candidate(
        match.index,
        match.index + match[0].length,
        'relative-offset',
        (ctx) => (ctx.ref ? { ...publication(shifted(ctx.ref, unit, n).value), approx } : null),
        approx,
      ),
    );
  }
  return out;
}

/** 近两年, 过去三天, 未来一周, 前两年: the N whole units before (or after) the publication unit. */
const windowPattern = lazy(() => {
  const words = dateWords();
  const prefixes = new Map<string, WindowPrefix & { past: boolean }>([
    ...words.pastWindowPrefixes.map((p) => [p.word, { ...p, past: true }] as const),
    ...words.futureWindowPrefixes.map((p) => [p.word, { ...p, past: false }] as const),
  ]);
  const re = new RegExp(`(${alternation([...prefixes.keys()])})(?:的)?${SP}(${COUNT})${SP}${UNIT_PATTERN}`, 'g');
  return { prefixes, re };
});

/** Start of a clause: text start, whitespace, punctuation, or a preposition of time (在, 于). */
const CLAUSE_HEAD = /(?:^|[\s，。、；：！？,.;:!?（(「『"“]|在|于)$/;

export function parseWindow(text: string): Candidate[] {
  const { prefixes, re } = windowPattern();
  const out: Candidate[] = [];
  for (const match of matches(re, text)) {
    const count = readInt(match[2]!);
    const prefix = prefixes.get(match[1]!)!;
    if (count === null || count < (prefix.minCount ?? 1) || count > 100) continue;
    if (prefix.clauseInitial && !CLAUSE_HEAD.test(text.slice(Math.max(0, match.index - 1), match.index))) continue;
    const isPast = prefix.past;
    const approx = prefix.approx;
    const unit = unitOf(match[3]!);
    out.push(
      candidate(
        match.index,
        match.index + match[0].length,
        'window',
        (ctx) => {
          if (!ctx.ref) return null;
          const [from, to] = isPast ? [-count, -1] : [1, count];
          if (unit === 'week') {
            const a = addDays(ctx.ref, isPast ? -7 * count : 1);
            const b = addDays(ctx.ref, isPast ? -1 : 7 * count);
            return publication(rangeValue(dayPoint(a), dayPoint(b), 'day'));
          }
          const a = shifted(ctx.ref, unit, from);
          const b = shifted(ctx.ref, unit, to);
          return publication(rangeValue(a.value.start, b.value.start, a.granularity));
        },
        approx,
      ),
    );
  }
  return out;
}

const PAIR_DAYS: Readonly<Record<string, number>> = { 前: -2, 昨: -1, 今: 0, 明: 1, 后: 2 };
const PAIR_YEARS: Readonly<Record<string, number>> = { 前: -2, 去: -1, 今: 0, 明: 1, 后: 2 };

/** 明后两天, 明后天, 今明两天, 昨今两日, 今明两年: two adjacent relative units. */
export function parseRelativePair(text: string): Candidate[] {
  const out: Candidate[] = [];
  for (const match of matches(/([前昨去今明])([昨今明后])(?:两|2)?(天|日|年)/g, text)) {
    const table = match[3] === '年' ? PAIR_YEARS : PAIR_DAYS;
    const a = table[match[1]!];
    const b = table[match[2]!];
    if (a === undefined || b === undefined || b !== a + 1) continue;
    const years = match[3] === '年';
    out.push(
      candidate(match.index, match.index + match[0].length, 'relative-pair', (ctx) => {
        if (!ctx.ref) return null;
        if (years) return publication(rangeValue({ y: ctx.ref.y + a }, { y: ctx.ref.y + b }, 'year'));
        return publication(rangeValue(dayPoint(addDays(ctx.ref, a)), dayPoint(addDays(ctx.ref, b)), 'day'));
      }),
    );
  }
  return out;
}

