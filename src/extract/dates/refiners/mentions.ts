/** Refiners on resolved mentions: fuzzy edges, composition, suffixes, ranges. */
import type { DateBasis } from '../../../types.ts';
import {
  addDays,
  comparePoints,
  dayPoint,
  daysInMonth,
  formatPoint,
  isValidDay,
  isoWeekday,
  lastPoint,
  mondayOf,
  rangeValue,
  unitValue,
} from '../calendar.ts';
import { alternation, dateWords } from '../lexicon.ts';
import { RANGE_GAP, SP, followedByAny, wordAt } from '../text.ts';
import type { Day, Mention } from '../types.ts';

const BASIS_RANK: Readonly<Record<DateBasis, number>> = { explicit: 0, context: 1, publication: 2 };

function weakest(a: DateBasis, b: DateBasis): DateBasis {
  return BASIS_RANK[a] >= BASIS_RANK[b] ? a : b;
}

/**
 * 2015年底, 11月底, 今年初, 90年代末, 上世纪末: an edge word right after a year, month, decade or
 * century narrows it to an approximate sub-range.
 */
export function attachEdges(text: string, mentions: Mention[]): Mention[] {
  const edges = dateWords().edges.filter((e) => !e.standalone);
  return mentions.map((m) => {
    const { granularity, start: first, end: last } = m.value;
    // Units only: a range (2013至2015年, 八九十年代, 前三季度) has no single edge.
    const span = last ? last.y * 12 + (last.m ?? 0) - (first.y * 12 + (first.m ?? 0)) : 0;
    const unit =
      (granularity === 'year' || granularity === 'month') ? last === null
      : granularity === 'quarter' ? span === 2
      : granularity === 'decade' ? span === 9 * 12
      : granularity === 'century' ? span === 99 * 12
      : false;
    if (!unit) return m;
    const edge = edges
      .filter((e) => e.level === granularity && text.startsWith(e.word, m.end))
      .sort((a, b) => b.word.length - a.word.length)[0];
    if (!edge) return m;
    if (edge.notFollowedBy && followedByAny(text, m.end + edge.word.length, edge.notFollowedBy)) return m;
    let value;
    if (granularity === 'year') value = rangeValue({ y: first.y, m: edge.from }, { y: first.y, m: edge.to }, 'month');
    else if (granularity === 'quarter') value = rangeValue({ y: first.y, m: first.m! + edge.from }, { y: first.y, m: first.m! + edge.to }, 'month');
    else if (granularity === 'month') {
      const lastDay = daysInMonth(first.y, first.m!);
      value = rangeValue({ ...first, d: Math.min(edge.from, lastDay) }, { ...first, d: Math.min(edge.to, lastDay) }, 'day');
    } else value = rangeValue({ y: first.y + edge.from }, { y: first.y + edge.to }, 'year');
    return { ...m, end: m.end + edge.word.length, value, approx: true, rule: `${m.rule}+edge` };
  });
}

/** 2013年前后, 1998年左右: approximately the stated value. */
export function attachAroundSuffixes(text: string, mentions: Mention[]): Mention[] {
  const suffixes = dateWords().aroundSuffixes;
  return mentions.map((m) => {
    const suffix = wordAt(text, m.end, suffixes);
    return suffix ? { ...m, end: m.end + suffix.length, approx: true } : m;
  });
}

/** Components a mention states: those of its precision that are not implied. */
function statedBy(m: Mention): string[] {
  const p = m.value.start;
  const components = p.d !== undefined ? ['year', 'month', 'day'] : p.m !== undefined ? ['year', 'month'] : ['year'];
  return components.filter((c) => !m.implied.includes(c));
}

const COMPOSITION_GAP = /^[ \t\u00a0\u3000]*(?:的[ \t\u00a0\u3000]*)?$/;

/**
 * 去年的双十一, 今年3月, 猴年春节, 除夕当天, 3月上旬, 2015年Q3: a mention that took its missing
 * components from the mention right before it becomes one mention with it.
 */
export function compose(text: string, mentions: Mention[]): Mention[] {
  const out: Mention[] = [];
  for (const m of mentions) {
    const previous = out[out.length - 1];
    if (
      previous &&
      m.contextSource !== undefined &&
      previous.members.includes(m.contextSource) &&
      previous.value.end === null &&
      COMPOSITION_GAP.test(text.slice(previous.end, m.start))
    ) {
      out[out.length - 1] = {
        start: previous.start,
        end: m.end,
        rule: `${previous.rule}+${m.rule}`,
        approx: previous.approx || m.approx,
        weak: false,
        value: m.value,
        basis: previous.basis,
        implied: [...new Set([...previous.implied, ...m.implied.filter((c) => !statedBy(previous).includes(c))])],
        contextSource: previous.contextSource,
        members: [...previous.members, ...m.members],
      };
      continue;
    }
    out.push(m);
  }
  return out;
}

const TODAY_WORDS = ['今天', '今日'];

/**
 * 去年的今天, 三年前的今天, 上个月的今天, 上周的今天: the publication's day carried into the year,
 * month or week named right before it, one day.
 */
export function attachSameDay(text: string, mentions: Mention[]): Mention[] {
  const out: Mention[] = [];
  for (const m of mentions) {
    const previous = out[out.length - 1];
    const isToday = m.rule === 'relative-day' && TODAY_WORDS.includes(text.slice(m.start, m.end));
    const day = previous && isToday && COMPOSITION_GAP.test(text.slice(previous.end, m.start)) ? sameDayIn(previous, m.value.start as Day) : null;
    if (previous && day) {
      out[out.length - 1] = {
        ...previous,
        end: m.end,
        rule: `${previous.rule}+same-day`,
        value: unitValue(dayPoint(day), 'day'),
        basis: weakest(previous.basis, m.basis),
        members: [...previous.members, ...m.members],
      };
      continue;
    }
    out.push(m);
  }
  return out;
}

function sameDayIn(frame: Mention, today: Day): Day | null {
  const { granularity, start, end } = frame.value;
  if (granularity === 'week') return addDays(start as Day, isoWeekday(today) - 1);
  if (end !== null || (granularity !== 'year' && granularity !== 'month')) return null;
  const month = start.m ?? today.m;
  // 31 January + 下个月的今天 → 29 February: a day past the month's end is its last day.
  return { y: start.y, m: month, d: Math.min(today.d, daysInMonth(start.y, month)) };
}

/** 2018年3月2日到5日, 2013年至2015年, 2003.05-2006.11, 周一至周五: one range mention. */
export function mergeRanges(text: string, mentions: Mention[]): Mention[] {
  const out: Mention[] = [];
  for (const original of mentions) {
    const last = out[out.length - 1];
    const m = last ? sameWeekEnd(last, original) : original;
    const previous = last && RANGE_GAP.test(text.slice(last.end, m.start)) ? inYearOfRangeEnd(last, m) : last;
    if (previous && RANGE_GAP.test(text.slice(previous.end, m.start)) && rangeable(previous, m)) {
      const fromPrevious = m.contextSource !== undefined && previous.members.includes(m.contextSource);
      out[out.length - 1] = {
        start: previous.start,
        end: m.end,
        rule: 'range',
        approx: previous.approx || m.approx,
        weak: false,
        value: { start: previous.value.start, end: lastPoint(m.value), granularity: previous.value.granularity },
        basis: fromPrevious ? previous.basis : weakest(previous.basis, m.basis),
        implied: fromPrevious ? previous.implied : [...new Set([...previous.implied, ...m.implied])],
        contextSource: previous.contextSource,
        members: [...previous.members, ...m.members],
      };
      continue;
    }
    out.push(original);
  }
  return out;
}

/**
 * 周一至周五, 下周一至周五: the second bare weekday is read in the week of the first, not on its
 * own; when the first names its week (下周一), the second's week is stated too.
 */
function sameWeekEnd(a: Mention, b: Mention): Mention {
  if ((a.rule !== 'weekday' && a.rule !== 'week-weekday') || b.rule !== 'weekday') return b;
  const first = a.value.start as Day;
  const second = b.value.start as Day;
  const day = addDays(mondayOf(first), isoWeekday(second) - 1);
  const implied = a.rule === 'week-weekday' ? b.implied.filter((c) => c !== 'week') : b.implied;
  return { ...b, value: { ...b.value, start: dayPoint(day) }, implied };
}

/**
 * 10月至12月 in an article of January: each end alone takes its year from the publication date,
 * and the end may have moved to the year before (fillNearestYear). Both ends then take the end's
 * year, when that makes a range.
 */
function inYearOfRangeEnd(a: Mention, b: Mention): Mention {
  const yearOnlyImplied = (x: Mention) => x.basis === 'publication' && x.implied.includes('year') && x.value.end === null;
  if (!yearOnlyImplied(a) || !yearOnlyImplied(b)) return a;
  const from = a.value.start;
  const y = b.value.start.y;
  if (from.y === y || (from.d !== undefined && from.m !== undefined && !isValidDay(y, from.m, from.d))) return a;
  const moved = { ...a, value: { ...a.value, start: { ...from, y } } };
  return rangeable(moved, b) ? moved : a;
}

function rangeable(a: Mention, b: Mention): boolean {
  if (a.value.granularity !== b.value.granularity) return false;
  const from = a.value.start;
  const to = lastPoint(b.value);
  if (formatPoint(from).length !== formatPoint(to).length) return false;
  return comparePoints(from, to) < 0;
}

const CLOCK = `(?:\\d{1,2}${SP}[:：]${SP}\\d{2}(?:${SP}[:：]${SP}\\d{2})?|(?:\\d{1,2}|[零〇一二两三四五六七八九十]{1,3})${SP}[点时](?:${SP}(?:\\d{1,2}|[零〇一二三四五六七八九十]{1,3})${SP}分?|半|一刻|三刻)?(?:钟)?(?:${SP}(?:左右|许))?)`;

const CLAUSE_END = /^(?:$|[，。、；：！？,.;:!?）)」』"”'\s]|在)/;

/**
 * 2月2日上午, 3日晚间, 今天下午三点, 今天下午三点到五点, 2016-06-15 13:56:39: a time of day (or a
 * range of clock times) stays with its day.
 */
export function attachTimesOfDay(text: string, mentions: Mention[]): Mention[] {
  const words = dateWords().timeOfDay;
  const multiChar = words.filter((w) => w.length > 1);
  const singleChar = words.filter((w) => w.length === 1);
  const clock = new RegExp(`^${SP}${CLOCK}(?:${SP}(?:到|至|-|~)${SP}(?:${alternation(multiChar)})?${SP}${CLOCK})?`);
  return mentions.map((m) => {
    if (m.value.granularity !== 'day' || m.value.end !== null) return m;
    let end = m.end;
    const gap = /^[ \t\u00a0\u3000]*/.exec(text.slice(end))![0].length;
    const word = wordAt(text, end + gap, multiChar) ?? wordAt(text, end + gap, singleChar);
    if (word) {
      const after = end + gap + word.length;
      const clockMatch = clock.exec(text.slice(after));
      // 晚 / 早 alone only with a clock time (3日晚8点) or closing the clause (3日晚，), since
      // 早已 / 晚些 / 晚于 are other words.
      if (word.length > 1 || clockMatch || CLAUSE_END.test(text.slice(after, after + 2))) {
        end = after + (clockMatch ? clockMatch[0].length : 0);
      }
    } else {
      const clockMatch = clock.exec(text.slice(end));
      if (clockMatch) end += clockMatch[0].length;
    }
    return end === m.end ? m : { ...m, end };
  });
}

/** 2016年12月21日星期三, 9月3日（周六）: a weekday naming the same day as the date before it restates it. */
export function absorbWeekdays(text: string, mentions: Mention[]): Mention[] {
  const out: Mention[] = [];
  for (const m of mentions) {
    const previous = out[out.length - 1];
    const gap = previous ? text.slice(previous.end, m.start) : '';
    if (
      previous &&
      m.rule === 'weekday' &&
      previous.value.granularity === 'day' &&
      previous.value.end === null &&
      /^[ \t\u3000,，(（]*$/.test(gap) &&
      isoWeekday(previous.value.start as Day) === isoWeekday(m.value.start as Day)
    ) {
      const close = /^[ \t\u3000]*[)）]/.exec(text.slice(m.end));
      const end = gap.includes('(') || gap.includes('（') ? m.end + (close ? close[0].length : 0) : m.end;
      out[out.length - 1] = { ...previous, end, members: [...previous.members, ...m.members] };
      continue;
    }
    out.push(m);
  }
  return out;
}

/** Weak candidates (2003.05, 前两个月) only count inside a range or composition. */
export function dropWeak(mentions: Mention[]): Mention[] {
  return mentions.filter((m) => !m.weak);
}
