/** Dates that state their year: 2013年9月23日, 二〇一三年, 2015年10月, 19年 (in context), 民国38年. */
import { isValidDay, unitValue } from '../calendar.ts';
import { fillYear } from '../context.ts';
import { parseDigitSequence } from '../../numerals.ts';
import { alternation, dateWords, holidayLexicon } from '../lexicon.ts';
import { DAY, MONTH, YEAR4, readDay, readInt, readMonth, readYear } from '../numbers.ts';
import { NUMERAL_CHARS, SP, ZH_DIGITS, followedByAny, lazy, matches, precededByAny } from '../text.ts';
import type { Candidate, Point, ResolveContext } from '../types.ts';

/** Year, then optional month, then optional day; the shape every absolute form shares. */
function ymdTail(): string {
  return `(?:${SP}(${MONTH})${SP}月(?:份)?(?:${SP}(${DAY})${SP}[日号])?)?`;
}

const FULL = new RegExp(`(?<![${NUMERAL_CHARS}.])(${YEAR4})${SP}年(?:度)?${ymdTail()}`, 'g');
const TWO_DIGIT = new RegExp(`(?<![${NUMERAL_CHARS}.\\-/%])(\\d{2}|[${ZH_DIGITS}]{2})${SP}年${ymdTail()}`, 'g');
const MINGUO = new RegExp(`民国${SP}(元|\\d{1,2}|[一二三四五六七八九十]{1,3})${SP}年${ymdTail()}`, 'g');

/** Suffixes that make 1500年 a length of time rather than a year. */
const YEARS_LONG = ['来', '之久', '历史', '的历史', '时间', '光阴', '以上', '左右', '前', '后'];

function pointOf(y: number, month: string | undefined, day: string | undefined): Point | null {
  if (month === undefined) return { y };
  const m = readMonth(month);
  if (m === null) return null;
  if (day === undefined) return { y, m };
  const d = readDay(day);
  if (d === null || !isValidDay(y, m, d)) return null;
  return { y, m, d };
}

function granularityOf(p: Point): 'year' | 'month' | 'day' {
  return p.d !== undefined ? 'day' : p.m !== undefined ? 'month' : 'year';
}

function explicit(start: number, end: number, rule: string, p: Point): Candidate {
  return {
    start,
    end,
    rule,
    approx: false,
    explicitYear: p.y,
    resolve: () => ({ value: unitValue(p, granularityOf(p)), basis: 'explicit', implied: [] }),
  };
}

/** A span that looks like a date but names no day: it wins the overlap and resolves to nothing. */
function impossible(start: number, end: number): Candidate {
  return { start, end, rule: 'impossible-date', approx: false, resolve: () => null };
}

export function parseFullYear(text: string): Candidate[] {
  const out: Candidate[] = [];
  const cues = dateWords().durationCues;
  for (const match of matches(FULL, text)) {
    const y = readYear(match[1]!);
    if (y === null || y < 1000 || y > 2199) continue;
    if (precededByAny(text, match.index, ['公元前'])) continue;
    const end = match.index + match[0].length;
    // A bare year after a duration cue (长达2000年) or before 来/历史 is a length of time.
    if (match[2] === undefined && precededByAny(text, match.index, cues)) continue;
    if (match[2] === undefined && y < 1900 && followedByAny(text, end, YEARS_LONG)) continue;
    const p = pointOf(y, match[2], match[3]);
    // 2019年2月29日 does not exist: claim the span so that 2月29日 is not read on its own.
    out.push(p ? explicit(match.index, end, 'absolute', p) : impossible(match.index, end));
  }
  return out;
}

/** Consecutive ascending digit pairs (三四年, 七八年) are approximate counts of years. */
function looksLikeCount(s: string): boolean {
  if (/\d/.test(s) || /[〇零○]/.test(s)) return false;
  const a = readInt(s[0]!);
  const b = readInt(s[1]!);
  return a !== null && b !== null && b === a + 1;
}

/**
 * Two-digit years (19年, 九八年) only with evidence that a year is meant: a month follows, or a
 * comparison/time cue stands right before or after (较19年, 19年底). 经历了19年 is a duration.
 */
export function parseTwoDigitYear(text: string): Candidate[] {
  const out: Candidate[] = [];
  const { before } = dateWords().twoDigitYearCues;
  const after = twoDigitYearFollowers();
  for (const match of matches(TWO_DIGIT, text)) {
    const digits = match[1]!;
    const sequence = parseDigitSequence(digits);
    if (sequence === null || sequence.length !== 2) continue;
    const yy = Number(sequence);
    const end = match.index + match[0].length;
    const hasMonth = match[2] !== undefined;
    const cue = precededByAny(text, match.index, before) || followedByAny(text, end, after);
    // 零八年 / 〇八年 can only be a year; other pairs need a month or a cue.
    const zeroLed = /^[〇零○]/.test(digits);
    if (!hasMonth && !zeroLed && (!cue || looksLikeCount(digits))) continue;
    const monthText = match[2];
    const dayText = match[3];
    out.push({
      start: match.index,
      end,
      rule: 'absolute-two-digit-year',
      approx: false,
      resolve: (ctx) => {
        const y = expandTwoDigitYear(yy, ctx);
        const p = pointOf(y, monthText, dayText);
        if (!p) return null;
        return { value: unitValue(p, granularityOf(p)), basis: 'explicit', implied: ['century'] };
      },
    });
  }
  return out;
}

/** 19 → 2019 unless that lies more than ten years after the publication (or latest stated) year. */
export function expandTwoDigitYear(yy: number, ctx: ResolveContext): number {
  const pivot = ctx.ref?.y ?? fillYear(ctx)?.y ?? ctx.latestExplicitYear ?? 2030;
  return 2000 + yy <= pivot + 10 ? 2000 + yy : 1900 + yy;
}

export function parseMinguo(text: string): Candidate[] {
  const out: Candidate[] = [];
  for (const match of matches(MINGUO, text)) {
    const n = match[1] === '元' ? 1 : readInt(match[1]!);
    if (n === null || n < 1 || n > 200) continue;
    const p = pointOf(n + 1911, match[2], match[3]);
    if (!p) continue;
    out.push(explicit(match.index, match.index + match[0].length, 'minguo', p));
  }
  return out;
}

/** Words that a year written without 年 can lead directly (2018春节, 2019双11, 2016上半年). */
function bareYearFollowers(): string[] {
  const holidays = holidayLexicon().holidays.flatMap((h) => h.names);
  return [...holidays, '上半年', '下半年', '第一季度', '第二季度', '第三季度', '第四季度', '一季度', '二季度', '三季度', '四季度', '前三季度', '春季', '夏季', '秋季', '冬季'];
}

/** Words after 19年 that make it a year: the cues of the lexicon and every calendar word (18年国庆). */
const twoDigitYearFollowers = lazy(() => [...dateWords().twoDigitYearCues.after, ...bareYearFollowers()]);

/** 2018春节, 2019双11: a four-digit year without 年, only right before a calendar word. */
const bareYearPattern = lazy(
  () => new RegExp(`(?<![\\w.\\-/])((?:19|20)\\d{2})(?=${SP}(?:${alternation(bareYearFollowers())}))`, 'g'),
);

export function parseBareYear(text: string): Candidate[] {
  const re = bareYearPattern();
  const out: Candidate[] = [];
  for (const match of matches(re, text)) {
    const y = Number(match[1]);
    out.push({ ...explicit(match.index, match.index + match[0].length, 'absolute', { y }), weak: true });
  }
  return out;
}
