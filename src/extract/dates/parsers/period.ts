/**
 * Periods: quarters (2015年Q3, 第二季度, 前三季度), halves (上半年, 2016H1), 上半月, 前5个月,
 * decades (90年代, 上世纪80年代, 八九十年代), centuries (21世纪, 上世纪), fuzzy edges standing
 * alone (年底, 月初, 上旬) and ranges whose first number drops the unit (2013至2015年, 3-5月).
 */
import { addMonths, daysInMonth, halfValue, isValidDay, quarterValue, rangeValue } from '../calendar.ts';
import { anchorYear, fillMonth, fillYear } from '../context.ts';
import { dateWords } from '../lexicon.ts';
import { COUNT, DAY, MONTH, YEAR4, readDay, readInt, readMonth, readYear } from '../numbers.ts';
import { NUMERAL_CHARS, SP, ZH_DIGITS, matches, precededByAny, wordOccurrences } from '../text.ts';
import type { Candidate, CalendarValue, Resolution, ResolveContext } from '../types.ts';
import { parseDigitSequence } from '../../numerals.ts';

/** A value whose year is filled from context or the publication date. */
function withYear(ctx: ResolveContext, build: (y: number) => CalendarValue | null): Resolution | null {
  const year = fillYear(ctx);
  if (!year) return null;
  const value = build(year.y);
  return value ? { value, basis: year.basis, implied: ['year'], contextSource: year.source } : null;
}

function explicitValue(value: CalendarValue, y: number, start: number, end: number, rule: string): Candidate {
  return { start, end, rule, approx: false, explicitYear: y, resolve: () => ({ value, basis: 'explicit', implied: [] }) };
}

/** 第二季度, 二季度, 首季度, 第二个季度 (个 only after 第: 一个季度 is a length of time). */
const QUARTER_WORD = new RegExp(`(?<![${NUMERAL_CHARS}])(?:第${SP}([1-4一二三四])${SP}个|(?:第${SP})?([1-4一二三四首]))${SP}季度`, 'g');
const QUARTER_Q = new RegExp(`(?<![A-Za-z\\d])(?:(\\d{4})${SP}年?${SP})?[Qq]([1-4])(?![A-Za-z\\d])`, 'g');
const HALF_H = new RegExp(`(?<![A-Za-z\\d])(\\d{4})${SP}年?${SP}H([12])(?![A-Za-z\\d])`, 'g');
const FIRST_QUARTERS = new RegExp(`前${SP}([二三两2-3])${SP}(?:个)?${SP}季度`, 'g');
const FIRST_MONTHS = new RegExp(`(?<![${NUMERAL_CHARS}])前${SP}(${COUNT})${SP}(个)?${SP}月(?:份)?`, 'g');

export function parseQuarters(text: string): Candidate[] {
  const out: Candidate[] = [];
  for (const match of matches(QUARTER_WORD, text)) {
    const digit = match[1] ?? match[2]!;
    const q = digit === '首' ? 1 : readInt(digit);
    if (q === null || q < 1 || q > 4) continue;
    out.push({
      start: match.index,
      end: match.index + match[0].length,
      rule: 'quarter',
      approx: false,
      resolve: (ctx) => withYear(ctx, (y) => quarterValue(y, q)),
    });
  }
  for (const match of matches(QUARTER_Q, text)) {
    const q = Number(match[2]);
    const start = match.index;
    const end = start + match[0].length;
    if (match[1] !== undefined) {
      const y = Number(match[1]);
      out.push(explicitValue(quarterValue(y, q), y, start, end, 'quarter'));
    } else {
      out.push({ start, end, rule: 'quarter', approx: false, resolve: (ctx) => withYear(ctx, (y) => quarterValue(y, q)) });
    }
  }
  for (const match of matches(HALF_H, text)) {
    const y = Number(match[1]);
    out.push(explicitValue(halfValue(y, match[2] === '1' ? 1 : 2), y, match.index, match.index + match[0].length, 'half'));
  }
  for (const match of matches(FIRST_QUARTERS, text)) {
    const n = readInt(match[1]!);
    if (n === null) continue;
    out.push({
      start: match.index,
      end: match.index + match[0].length,
      rule: 'first-quarters',
      approx: false,
      resolve: (ctx) => withYear(ctx, (y) => ({ start: { y, m: 1 }, end: { y, m: 3 * n }, granularity: 'quarter' })),
    });
  }
  for (const match of matches(FIRST_MONTHS, text)) {
    const n = readInt(match[1]!);
    if (n === null || n < 2 || n > 11) continue;
    out.push({
      start: match.index,
      end: match.index + match[0].length,
      rule: 'first-months',
      approx: false,
      // 前两个月 alone usually means "two months ago": only 今年前两个月 / 2016年前5个月 are periods.
      weak: match[2] !== undefined,
      resolve: (ctx) => withYear(ctx, (y) => rangeValue({ y, m: 1 }, { y, m: n }, 'month')),
    });
  }
  for (const match of matches(/(上|下)半年/g, text)) {
    const half = match[1] === '上' ? 1 : 2;
    out.push({
      start: match.index,
      end: match.index + match[0].length,
      rule: 'half',
      approx: false,
      resolve: (ctx) => withYear(ctx, (y) => halfValue(y, half)),
    });
  }
  return out;
}

/** Edges standing alone (年底, 月初, 上旬, 上半月): their year or month comes from context. */
export function parseStandaloneEdges(text: string): Candidate[] {
  const words = dateWords();
  const out: Candidate[] = [];
  const edges = words.edges.filter((e) => e.standalone);
  const halves = words.halfMonths.map((h) => ({ ...h, level: 'month' as const, approx: false }));
  const all = [...edges.map((e) => ({ ...e, approx: true })), ...halves];
  for (const { index, word } of wordOccurrences(text, all.map((e) => e.word))) {
    const edge = all.find((e) => e.word === word)!;
    // 一年中 / 这个月中: after a numeral, measure word or demonstrative these mean "within".
    if ((word === '年中' || word === '月中') && (precededByAny(text, index, ['一', '这', '那', '每', '全', '多', '几', '半', '个', '当', '同']) || /\d/.test(text[index - 1] ?? ''))) continue;
    const start = index;
    const end = start + word.length;
    if (edge.level === 'year') {
      out.push({
        start,
        end,
        rule: 'edge',
        approx: edge.approx,
        resolve: (ctx) => withYear(ctx, (y) => rangeValue({ y, m: edge.from }, { y, m: edge.to }, 'month')),
      });
    } else {
      out.push({
        start,
        end,
        rule: 'edge',
        approx: edge.approx,
        resolve: (ctx) => {
          const month = fillMonth(ctx);
          if (!month) return null;
          const last = daysInMonth(month.y, month.m);
          const value = rangeValue(
            { y: month.y, m: month.m, d: Math.min(edge.from, last) },
            { y: month.y, m: month.m, d: Math.min(edge.to, last) },
            'day',
          );
          return { value, basis: month.basis, implied: ['year', 'month'], contextSource: month.source };
        },
      });
    }
  }
  return out;
}

const CENTURY_NUMBER = '\\d{1,2}|[一二]?十[一二三四五六七八九]?|[一二三四五六七八九]';
const CENTURY = `(?:(${CENTURY_NUMBER})${SP}世纪|(上个|上|本|这个|下个|下)世纪)`;
const DECADE_NUMBER = `\\d0|\\d{3}0|[一二三四五六七八九]十|[${ZH_DIGITS}]{2}`;
const DECADE = new RegExp(
  `(?<![${NUMERAL_CHARS}])(?:${CENTURY}${SP}(?:的)?${SP})?(?:(${DECADE_NUMBER})|([一二三四五六七八九])([一二三四五六七八九])十|(\\d0)${SP}[-~至到、]${SP}(\\d0))${SP}年代`,
  'g',
);
const CENTURY_ALONE = new RegExp(`(?<![${NUMERAL_CHARS}])${CENTURY}`, 'g');

/** First year of the century named by a number (21 → 2000) or relative word; null when unknown. */
function centuryStart(numberText: string | undefined, relative: string | undefined, ctx: ResolveContext): number | null {
  if (numberText !== undefined) {
    const n = readInt(numberText);
    return n !== null && n >= 1 && n <= 22 ? (n - 1) * 100 : null;
  }
  const anchor = anchorYear(ctx);
  // Without any year to anchor on, 上世纪 is taken from the 21st century (texts are recent).
  const base = Math.floor((anchor?.y ?? 2000) / 100) * 100;
  const offset = relative!.startsWith('上') ? -100 : relative!.startsWith('下') ? 100 : 0;
  return base + offset;
}

function decadeValue(first: number, last: number): CalendarValue {
  return { start: { y: first }, end: { y: last + 9 }, granularity: 'decade' };
}

export function parseDecades(text: string): Candidate[] {
  const out: Candidate[] = [];
  for (const match of matches(DECADE, text)) {
    const [, centuryNumber, centuryRelative, single, pairA, pairB, rangeA, rangeB] = match;
    const hasCentury = centuryNumber !== undefined || centuryRelative !== undefined;
    // Offsets of the decade(s) inside a century, or a full four-digit decade.
    let first: number | null = null;
    let last: number | null = null;
    let full = false;
    if (single !== undefined) {
      let value: number | null;
      if (/^\d+$/.test(single)) value = Number(single);
      else if (single.endsWith('十')) value = readInt(single);
      else {
        const sequence = parseDigitSequence(single);
        value = sequence === null ? null : Number(sequence);
      }
      if (value === null || value % 10 !== 0) continue;
      full = value >= 1000;
      if (!full && value >= 100) continue;
      first = last = value;
    } else if (pairA !== undefined) {
      first = readInt(pairA)! * 10;
      last = readInt(pairB!)! * 10;
      if (last !== first + 10) continue;
    } else {
      first = Number(rangeA);
      last = Number(rangeB);
      if (last <= first) continue;
    }
    const a = first!;
    const b = last!;
    out.push({
      start: match.index,
      end: match.index + match[0].length,
      rule: 'decade',
      approx: false,
      resolve: (ctx) => {
        if (full) return { value: decadeValue(a, b), basis: 'explicit', implied: [] };
        if (hasCentury) {
          const base = centuryStart(centuryNumber, centuryRelative, ctx);
          if (base === null) return null;
          const anchor = centuryRelative !== undefined ? anchorYear(ctx) : null;
          const implied = centuryRelative !== undefined && !anchor ? ['century'] : [];
          return { value: decadeValue(base + a, base + b), basis: anchor?.basis ?? 'explicit', implied };
        }
        // 90年代 → 1990s; 00年代 and 10年代 → 2000s, 2010s.
        const base = a <= 10 ? 2000 : 1900;
        return { value: decadeValue(base + a, base + b), basis: 'explicit', implied: ['century'] };
      },
    });
  }
  for (const match of matches(CENTURY_ALONE, text)) {
    const [, numberText, relative] = match;
    out.push({
      start: match.index,
      end: match.index + match[0].length,
      rule: 'century',
      approx: false,
      resolve: (ctx) => {
        if (relative !== undefined && !anchorYear(ctx)) return null;
        const base = centuryStart(numberText, relative, ctx);
        if (base === null) return null;
        const basis = relative !== undefined ? anchorYear(ctx)!.basis : 'explicit';
        return { value: { start: { y: base }, end: { y: base + 99 }, granularity: 'century' }, basis, implied: [] };
      },
    });
  }
  return out;
}

const RANGE_SEPARATOR = `${SP}(?:-|~|至|到)${SP}`;
/** Ranges whose shared year is elided (3-5月, 2至3季度): the year comes from context. */
function elidedInYear(
  text: string,
  pattern: RegExp,
  read: (s: string) => number | null,
  build: (y: number, a: number, b: number) => CalendarValue,
): Candidate[] {
  const out: Candidate[] = [];
  for (const match of matches(pattern, text)) {
    const a = read(match[1]!);
    const b = read(match[2]!);
    if (a === null || b === null || b <= a) continue;
    out.push({
      start: match.index,
      end: match.index + match[0].length,
      rule: 'range-elided',
      approx: false,
      resolve: (ctx) => withYear(ctx, (y) => build(y, a, b)),
    });
  }
  return out;
}

const ELIDED_YEARS = new RegExp(`(?<![${NUMERAL_CHARS}.\\-/])(${YEAR4})${RANGE_SEPARATOR}(${YEAR4})${SP}年`, 'g');
const ELIDED_MONTHS = new RegExp(`(?<![${NUMERAL_CHARS}.\\-/])(${MONTH})${RANGE_SEPARATOR}(${MONTH})${SP}月(?:份)?`, 'g');
const ELIDED_DAYS = new RegExp(`(?<![${NUMERAL_CHARS}.\\-/])(${DAY})${RANGE_SEPARATOR}(${DAY})${SP}([日号])`, 'g');
const ELIDED_QUARTERS = new RegExp(`(?<![${NUMERAL_CHARS}.\\-/])(?:第)?([1-4一二三四])${RANGE_SEPARATOR}(?:第)?([1-4一二三四])${SP}季度`, 'g');

/** 2013至2015年, 3-5月, 2-5日, 一至三季度: the first number borrows the unit of the second. */
export function parseElidedRanges(text: string): Candidate[] {
  const out: Candidate[] = [];
  const cues = dateWords().durationCues;
  for (const match of matches(ELIDED_YEARS, text)) {
    const a = readYear(match[1]!);
    const b = readYear(match[2]!);
    if (a === null || b === null || a < 1000 || b > 2199 || b <= a) continue;
    out.push(explicitValue(rangeValue({ y: a }, { y: b }, 'year'), b, match.index, match.index + match[0].length, 'range-elided'));
  }
  out.push(...elidedInYear(text, ELIDED_MONTHS, readMonth, (y, a, b) => rangeValue({ y, m: a }, { y, m: b }, 'month')));
  for (const match of matches(ELIDED_DAYS, text)) {
    const a = readDay(match[1]!);
    const b = readDay(match[2]!);
    const end = match.index + match[0].length;
    if (a === null || b === null || b <= a) continue;
    if (precededByAny(text, match.index, cues) || /^(?:内|以内|之内|左右)/.test(text.slice(end))) continue;
    if (match[3] === '号' && /^[^\s，。、；：,.;:!?！？到至的起]/.test(text.slice(end))) continue;
    out.push({
      start: match.index,
      end,
      rule: 'range-elided',
      approx: false,
      resolve: (ctx) => {
        const month = fillMonth(ctx);
        if (!month || !isValidDay(month.y, month.m, b)) return null;
        const value = rangeValue({ y: month.y, m: month.m, d: a }, { y: month.y, m: month.m, d: b }, 'day');
        return { value, basis: month.basis, implied: ['year', 'month'], contextSource: month.source };
      },
    });
  }
  out.push(...elidedInYear(text, ELIDED_QUARTERS, readInt, (y, a, b) => ({ start: { y, m: 3 * a - 2 }, end: { y, m: 3 * b }, granularity: 'quarter' })));
  return out;
}

const SEASONS: ReadonlyArray<{ words: string[]; from: number; months: number }> = [
  { words: ['春季', '春天'], from: 3, months: 3 },
  { words: ['夏季', '夏天'], from: 6, months: 3 },
  { words: ['秋季', '秋天'], from: 9, months: 3 },
  { words: ['冬季', '冬天'], from: 12, months: 3 },
];

/**
 * 今年夏天, 2016年冬季: a season as a month range (winter runs into the next year). Weak: a season
 * word alone is usually generic (夏天很热), so it needs a year right before it.
 */
export function parseSeasons(text: string): Candidate[] {
  const out: Candidate[] = [];
  for (const season of SEASONS) {
    for (const { index, word } of wordOccurrences(text, season.words)) {
      out.push({
        start: index,
        end: index + word.length,
        rule: 'season',
        approx: true,
        weak: true,
        resolve: (ctx) =>
          withYear(ctx, (y) => {
            const last = addMonths({ y, m: season.from }, season.months - 1);
            return rangeValue({ y, m: season.from }, last, 'month');
          }),
      });
    }
  }
  return out;
}
