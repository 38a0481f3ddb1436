/** Numeric dates: 2016-06-15, 2016/6/15, 2020.3.17, 20181105, 2016-06, 2003.05 (in ranges), 3/3/2015, 5·12. */
import { isValidDay, unitValue } from '../calendar.ts';
import { monthDayCandidate } from '../context.ts';
import { matches } from '../text.ts';
import type { Candidate, Point } from '../types.ts';

const YMD = /(?<![\w./])(\d{4})([-/.])(\d{1,2})\2(\d{1,2})(?![\d%]|\2\d)/g;
const YM = /(?<![\w./])(\d{4})([-/.])(\d{1,2})(?![\d%]|\2\d)/g;
const COMPACT = /(?<![\w.\-/])(\d{4})(\d{2})(\d{2})(?![\w%]|[.\-/]\d)/g;
/** 3/3/2015, 12/25/2019: the year last (US order, read day first only when the first number exceeds 12). */
const YEAR_LAST = /(?<![\w./\-])(\d{1,2})\/(\d{1,2})\/(\d{4})(?![\w%]|[./\-]\d)/g;
const MIDDLE_DOT = /(?<![\d.·])(\d{1,2})·(\d{1,2})(?![\d.·])/g;

/** Words before a digit run that make it an identifier rather than a date. */
const ID_CUES = ['号', '编号', '单号', '订单', '代码', '账号', '帐号', '电话', '热线', '传真', '手机', '备', '证', '码', 'ID', 'No', 'NO', 'QQ', '#'];

function plausibleYear(y: number): boolean {
  return y >= 1900 && y <= 2100;
}

function explicitCandidate(start: number, end: number, rule: string, p: Point, weak = false): Candidate {
  const granularity = p.d !== undefined ? 'day' : 'month';
  return {
    start,
    end,
    rule,
    approx: false,
    weak,
    explicitYear: p.y,
    resolve: () => ({ value: unitValue(p, granularity), basis: 'explicit', implied: [] }),
  };
}

export function parseNumericDate(text: string): Candidate[] {
  const out: Candidate[] = [];
  for (const match of matches(YMD, text)) {
    const [y, m, d] = [Number(match[1]), Number(match[3]), Number(match[4])];
    if (!plausibleYear(y) || !isValidDay(y, m, d)) continue;
    out.push(explicitCandidate(match.index, match.index + match[0].length, 'numeric-ymd', { y, m, d }));
  }
  for (const match of matches(YM, text)) {
    const [y, m] = [Number(match[1]), Number(match[3])];
    if (!plausibleYear(y) || m < 1 || m > 12) continue;
    // 2016.12 alone reads as a decimal number: only a range (2003.05-2006.11) makes it a month.
    const weak = match[2] === '.';
    out.push(explicitCandidate(match.index, match.index + match[0].length, 'numeric-ym', { y, m }, weak));
  }
  for (const match of matches(COMPACT, text)) {
    const [y, m, d] = [Number(match[1]), Number(match[2]), Number(match[3])];
    if (!plausibleYear(y) || !isValidDay(y, m, d)) continue;
    const before = text.slice(Math.max(0, match.index - 8), match.index).replace(/[ \t\u3000]+$/, '');
    if (ID_CUES.some((cue) => before.endsWith(cue))) continue;
    out.push(explicitCandidate(match.index, match.index + match[0].length, 'numeric-compact', { y, m, d }));
  }
  for (const match of matches(YEAR_LAST, text)) {
    const [a, b, y] = [Number(match[1]), Number(match[2]), Number(match[3])];
    const [m, d] = a > 12 ? [b, a] : [a, b];
    if (!plausibleYear(y) || !isValidDay(y, m, d)) continue;
    out.push(explicitCandidate(match.index, match.index + match[0].length, 'numeric-mdy', { y, m, d }));
  }
  for (const match of matches(MIDDLE_DOT, text)) {
    const [m, d] = [Number(match[1]), Number(match[2])];
    if (m < 1 || m > 12 || d < 1 || d > 31) continue;
    out.push(monthDayCandidate(match.index, match.index + match[0].length, 'numeric-month-day', m, d));
  }
  return out;
}
