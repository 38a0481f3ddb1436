/**
 * Candidate scan: finds the numeric core of every figure (the numeral with its scale, e.g. 1000万,
 * 三千多万, 四五万, 百分之二十, 第三) and reads its value exactly. Units, currencies, approximation words
 * around the core and ranges are attached later (build.ts); whether a core is a figure at all is
 * decided last (accept.ts).
 */
import type { Approximation } from '../../types.ts';
import { addDigits, canonicalDigits, CHINESE_DIGITS, parseNumber, scaleDigits } from '../numerals.ts';

export type CoreShape =
  /** A positional numeral: 1000万, 三千二百, 15k. */
  | 'numeral'
  /** 第 + numeral. */
  | 'ordinal'
  /** 前N名 / 前N强: a rank bound. */
  | 'top-rank'
  /** 百分之/千分之/万分之 + numeral (a percent already). */
  | 'percent-words'
  /** N分之M. */
  | 'fraction'
  /** Adjacent Chinese digits (四五万), 几十万/数百/十几: a range by itself. */
  | 'vague-range'
  /** 半 + a time unit (半年). */
  | 'half'
  /** 八五折: two Chinese digits read as a discount. */
  | 'discount'
  /** .77, 点七七: a fraction with no integer part, a figure only when it stands alone. */
  | 'leading-point';

export interface Core {
  start: number;
  /** End of the numeral with its scale and any inner approximation word (三千多万). */
  end: number;
  shape: CoreShape;
  /** Lower bound (or the value), a canonical decimal string, before any unit factor. */
  lo: string;
  /** Upper bound when the core is a range by itself, else null. */
  hi: string | null;
  approx: Approximation;
  /** Contains Arabic digits. */
  arabic: boolean;
  /** Contains a digit character (Arabic or 一..九, 零): 十万 and 百 do not. */
  hasDigit: boolean;
  /** Uses a large scale: 万, 亿, k, w, or 千/百 written after Arabic digits. */
  scaled: boolean;
  /** Power of ten of the scale written after the last digit (8万 → 4, 三千 → 3, 3千万 → 7). */
  trailingScale: number;
  /** The numeral is a lone 一 (or 壹): usually an article, not a quantity. */
  loneOne: boolean;
  /** Only a big unit (万, 亿) with no coefficient: needs an approximation word (上万, 破亿). */
  bareScale: boolean;
  /** Inner approximation word consumed (多, 余, 来). */
  inner: string | null;
  /** Percent-words cores: power of ten applied to reach percent (千分之 → -1). */
  percentPower: number | null;
  /** half cores: the time unit they came with. */
  halfUnit?: string;
  rule: string;
}

const CN_DIGITS = '零〇○一壹二贰貳两兩三叁參四肆五伍六陆陸七柒八捌九玖';
const CN_UNITS = '十拾百佰千仟万萬亿億';
const CN_NUMERAL = new Set([...CN_DIGITS, ...CN_UNITS, '廿', '卅']);
const CN_DIGIT_SET = new Set([...CN_DIGITS]);
const SCALE_POWER: Record<string, number> = {
  十: 1, 拾: 1, 百: 2, 佰: 2, 千: 3, 仟: 3, 万: 4, 萬: 4, 亿: 8, 億: 8, k: 3, K: 3, w: 4, W: 4,
};
const BIG_SCALE = /[万萬亿億kKwW]/;
const PUNCTUATION = /[\s\p{P}\p{S}]/u;

function isBoundary(ch: string | undefined): boolean {
  return ch === undefined || PUNCTUATION.test(ch);
}
const LATIN = /[A-Za-z]/;

export function isDigit(ch: string | undefined): boolean {
  return ch !== undefined && ch >= '0' && ch <= '9';
}

export function isNumeralChar(ch: string | undefined): boolean {
  return ch !== undefined && (isDigit(ch) || CN_NUMERAL.has(ch));
}

function isChineseDigit(ch: string | undefined): boolean {
  return ch !== undefined && CN_DIGIT_SET.has(ch);
}

/** Power of ten of the scale characters written after the last digit of a numeral. */
function trailingScaleOf(numeral: string): number {
  let power = 0;
  for (let i = numeral.length - 1; i >= 0; i--) {
    const ch = numeral[i]!;
    if (isDigit(ch) || isChineseDigit(ch) || ch === '.' || ch === '点') break;
    power += SCALE_POWER[ch] ?? 0;
  }
  return power;
}

function describe(numeral: string): Pick<Core, 'arabic' | 'hasDigit' | 'scaled' | 'trailingScale' | 'loneOne'> {
  const arabic = /\d/.test(numeral);
  const hasDigit = arabic || [...numeral].some((ch) => isChineseDigit(ch));
  // For Arabic numerals any Chinese unit is a scale (3千, 5百万); for Chinese ones only 万/亿 are.
  const scaled = BIG_SCALE.test(numeral) || (arabic && /[十百千拾佰仟]/.test(numeral));
  const loneOne = /^[一壹幺]$/.test(numeral);
  return { arabic, hasDigit, scaled, trailingScale: trailingScaleOf(numeral), loneOne };
}

function baseCore(start: number, end: number, numeral: string, lo: string, rule: string): Core {
  return {
    start,
    end,
    shape: 'numeral',
    lo,
    hi: null,
    approx: 'exact',
    ...describe(numeral),
    bareScale: false,
    inner: null,
    percentPower: null,
    rule,
  };
}

// ---------------------------------------------------------------------------------------------
// Positional numerals
// ---------------------------------------------------------------------------------------------

/** Longer runs are not quantities: 1,234,567,890,123.45 and 一千二百三十四万五千六百七十八 fit easily. */
const MAX_NUMERAL_LENGTH = 40;

/** End of the numeral run starting at `start` (digits, separators between digits, Chinese numerals). */
function runEnd(text: string, start: number): number {
  let j = start;
  if (text[j] === '负' || text[j] === '-') j++;
  if (text[start] === '负' && text[j] === ' ' && isDigit(text[j + 1])) j++; // 负 1,200,000
  while (j < text.length) {
    const ch = text[j]!;
    const prev = text[j - 1];
    const next = text[j + 1];
    // 2百分点 is 2 points, not 200; 5千米 and 3千克 are 5 km and 3 kg.
    if (/^(?:百分点|百分之|千米|千克|千瓦|千卡|百米|千字)/.test(text.slice(j, j + 3))) break;
    if (isDigit(ch) || CN_NUMERAL.has(ch)) j++;
    else if ((ch === ',' || ch === '.') && isDigit(prev) && isDigit(next)) j++;
    else if ((ch === '点' || ch === '點') && isNumeralChar(prev) && !isDigit(prev) && isChineseDigit(next)) j++;
    else if (/[kw]/.test(ch) && isDigit(prev) && !(next && LATIN.test(next))) j++;
    // Upper-case K and W are kilo and watt as often as scales (4K电视): only next to a currency sign.
    else if (/[KW]/.test(ch) && isDigit(prev) && (/[$€£¥￥]/.test(next ?? '') || /[$€£¥￥]/.test(text[start - 1] ?? ''))) j++;
    // 100K, 1200K at a word end; a single digit (4K, 8K) is a resolution, not thousands.
    else if (ch === 'K' && isDigit(prev) && isDigit(text[j - 2]) && isBoundary(next)) j++;
    else break;
  }
  return j;
}

/** A positional numeral may start here: not inside another numeral or a Latin/number token. */
function isRunStart(text: string, i: number): boolean {
  const ch = text[i]!;
  const prev = text[i - 1];
  if (isNumeralChar(prev) || ((prev === '.' || prev === ',') && isDigit(text[i - 2]))) return false;
  if (isNumeralChar(ch)) return true;
  // A sign: 负 before a numeral, '-' only where it cannot be a hyphen (after a letter, digit, 号 …).
  if (ch === '负' && (isNumeralChar(text[i + 1]) || (text[i + 1] === ' ' && isDigit(text[i + 2])))) return true;
  if (ch === '-' && isDigit(text[i + 1])) {
    return prev === undefined || /[\s(（:：=，,;；为是至到了达]/.test(prev);
  }
  return false;
}

function scanNumerals(text: string, taken: boolean[]): Core[] {
  const cores: Core[] = [];
  let i = 0;
  while (i < text.length) {
    if (taken[i] || !isRunStart(text, i)) {
      i++;
      continue;
    }
    const end = runEnd(text, i);
    if (end - i > MAX_NUMERAL_LENGTH) {
      // A digit run this long is a code or noise, never a quantity (and parsing it would be quadratic).
      i = end;
      continue;
    }
    let found: Core | null = null;
    for (let e = end; e > i && !found; e--) {
      if (!isNumeralChar(text[e - 1]) && !/[kKwW]/.test(text[e - 1]!)) continue;
      const numeral = text.slice(i, e);
      const parsed = parseNumber(numeral);
      if (parsed) found = baseCore(i, e, numeral, parsed.digits, 'numeral');
    }
    const whole = text.slice(i, end);
    if (!found && /^(?:[万萬亿億]|万亿)$/.test(whole)) {
      // 上万, 破亿: a scale with no coefficient, valid only after an approximation word.
      const power = [...whole].reduce((sum, ch) => sum + (SCALE_POWER[ch] ?? 0), 0);
      found = { ...baseCore(i, end, whole, scaleDigits('1', power), 'bare-scale'), bareScale: true };
    }
    if (found) cores.push(found);
    i = Math.max(end, i + 1);
  }
  return cores;
}

// ---------------------------------------------------------------------------------------------
// Special shapes
// ---------------------------------------------------------------------------------------------

/** Bounded: an unbounded class makes every position of a long digit run rescan the run. */
const NUM = '[0-9.零〇○一二两三四五六七八九十百千万亿点壹贰叁肆伍陆柒捌玖拾佰仟]{1,24}';
const RANGE_LINK = '(?:到|至|-|–|—|~|～|〜)';

function chineseDigitValue(ch: string): number {
  return CHINESE_DIGITS[ch] ?? -1;
}

/** 百分之二十, 千分之五, 百分之二十到三十. Values are percent. */
function scanPercentWords(text: string): Core[] {
  const cores: Core[] = [];
  const head = new RegExp(`(百|千|万)分之(${NUM})`, 'g');
  for (const m of text.matchAll(head)) {
    const power = m[1] === '百' ? 0 : m[1] === '千' ? -1 : -2;
    const lo = parseNumber(m[2]!);
    if (!lo) continue;
    let end = m.index + m[0].length;
    let hi: string | null = null;
    const tail = new RegExp(`^${RANGE_LINK}(?:${m[1]}分之)?(${NUM})`).exec(text.slice(end, end + 32));
    if (tail) {
      const upper = parseNumber(tail[1]!);
      if (upper && upper.value > lo.value) {
        hi = upper.digits;
        end += tail[0].length;
      }
    }
    cores.push({
      ...baseCore(m.index, end, m[2]!, lo.digits, 'percent-words'),
      shape: 'percent-words',
      hi,
      approx: hi ? 'range' : 'exact',
      hasDigit: true,
      percentPower: power,
    });
  }
  return cores;
}

/** 三分之一 → 1/3, 三又五分之一 → 3.2, 负十三分之一 (a number; exact when the decimal terminates). */
function scanFractions(text: string): Core[] {
  const cores: Core[] = [];
  const re = new RegExp(`(负|-)?(?:(${NUM})又)?(${NUM})分之(${NUM})`, 'g');
  for (const m of text.matchAll(re)) {
    if (/^[百千万]$/.test(m[3]!)) continue; // percent words
    const denominator = parseNumber(m[3]!);
    const numerator = parseNumber(m[4]!);
    const whole = m[2] === undefined ? null : parseNumber(m[2]);
    if (!denominator || !numerator || denominator.value === 0 || (m[2] !== undefined && !whole)) continue;
    let value = divide(numerator.digits, denominator.digits);
    if (whole) value = addDigits(whole.digits, value);
    if (m[1]) value = value.startsWith('-') ? value.slice(1) : `-${value}`;
    cores.push({
      ...baseCore(m.index, m.index + m[0].length, m[0], value, 'fraction'),
      shape: 'fraction',
      hasDigit: true,
    });
  }
  return cores;
}

/** Exact quotient when it terminates within 12 places, else the float's shortest form. */
function divide(numerator: string, denominator: string): string {
  if (/^\d+$/.test(numerator) && /^\d+$/.test(denominator)) {
    const n = BigInt(numerator);
    const d = BigInt(denominator);
    for (let places = 0; places <= 12; places++) {
      const scaled = n * 10n ** BigInt(places);
      if (scaled % d === 0n) return scaleDigits((scaled / d).toString(), -places);
    }
  }
  return String(Number(numerator) / Number(denominator));
}

/** 第三, 第3名: ordinals, candidates for ranks. */
function scanOrdinals(text: string): Core[] {
  const cores: Core[] = [];
  const re = /第\s?([0-9]+|[零〇一二两三四五六七八九十百千]+)/g;
  for (const m of text.matchAll(re)) {
    const parsed = parseNumber(m[1]!);
    if (!parsed || parsed.value <= 0 || !Number.isInteger(parsed.value)) continue;
    cores.push({
      ...baseCore(m.index, m.index + m[0].length, m[1]!, parsed.digits, 'ordinal'),
      shape: 'ordinal',
      loneOne: false,
    });
  }
  return cores;
}

/** 前三名, 前10强: the top N, a rank bound (approx 'under'). */
function scanTopRanks(text: string): Core[] {
  const cores: Core[] = [];
  for (const m of text.matchAll(/前\s?([0-9]+|[一二两三四五六七八九十百]+)\s?(名|强|位)?/g)) {
    // Without 名/强/位 only after a ranking verb: 排名前三, 跻身前十 (前三季度 is a date).
    if (!m[2] && !/(?:排名|排行|位列|跻身|进入|挤进|位居|名列|排在|杀入|闯入)$/.test(text.slice(Math.max(0, m.index - 2), m.index))) continue;
    if (!m[2] && (isNumeralChar(text[m.index + m[0].length]) || /[季年月天周个]/.test(text[m.index + m[0].length] ?? ''))) continue;
    const parsed = parseNumber(m[1]!);
    if (!parsed || parsed.value < 2 || !Number.isInteger(parsed.value)) continue;
    cores.push({
      ...baseCore(m.index, m.index + m[0].length, m[1]!, parsed.digits, 'top-rank'),
      shape: 'top-rank',
      approx: 'under',
      loneOne: false,
    });
  }
  return cores;
}

/**
 * Adjacent Chinese digits read as a range: 四五万 (40000..50000), 两三个, 七八十 (70..80), 十五六 (15..16),
 * 二十七八 (27..28), 三四百万; also 三五 (3..5) and 一两 (1..2).
 */
function scanAdjacentDigits(text: string): Core[] {
  const cores: Core[] = [];
  const re = /(?<tens>[一二两三四五六七八九]?十)?(?<a>[一二两三四五六七八九])(?<comma>、)?(?<b>[一二两三四五六七八九])(?<small>[十百千])?(?<big>万亿|万|亿)?/g;
  for (const m of text.matchAll(re)) {
    const { tens, a, comma, b, small, big } = m.groups as Record<string, string | undefined>;
    const start = m.index;
    const end = start + m[0].length;
    if (isNumeralChar(text[start - 1]) || (isChineseDigit(text[end]) || /[十百千]/.test(text[end] ?? ''))) continue;
    if (tens && small) continue;
    // 一、二、 enumerates; 三、四十人 is a range only with a place or a measure word after it.
    if (comma && (tens || (!small && !big && isBoundary(text[end])))) continue;
    const x = chineseDigitValue(a!);
    const y = chineseDigitValue(b!);
    const adjacent = y === x + 1 || (x === 3 && y === 5) || (a === '一' && b === '两');
    if (!adjacent) continue;
    const base = tens ? (tens.length === 2 ? chineseDigitValue(tens[0]!) : 1) * 10 : 0;
    const place = small ? { 十: 1, 百: 2, 千: 3 }[small]! : 0;
    const bigPower = big ? (big === '万亿' ? 12 : big === '万' ? 4 : 8) : 0;
    const value = (digit: number) => scaleDigits(addDigits(String(base), scaleDigits(String(digit), place)), bigPower);
    cores.push({
      ...baseCore(start, end, m[0], value(x), 'adjacent-digits'),
      shape: 'vague-range',
      hi: value(y),
      approx: 'range',
      scaled: bigPower > 0,
      trailingScale: place + bigPower,
    });
  }
  return cores;
}

/** 几十万 / 数百 / 十几 / 二十几万: ranges with 几 and 数 read as 2..9 (十几 as 11..19). */
function scanVagueNumbers(text: string): Core[] {
  const cores: Core[] = [];
  const re = /(?:(?<several>[几数])(?<unit>十|百|千|万|亿)|(?<tens>[一二两三四五六七八九]?十)几)(?<small>[十百千](?=[万亿]))?(?<big>万亿|万|亿)?/g;
  for (const m of text.matchAll(re)) {
    const { several, unit, tens, small, big } = m.groups as Record<string, string | undefined>;
    const start = m.index;
    const end = start + m[0].length;
    if (isNumeralChar(text[start - 1])) continue;
    if (several === '数' && text[end] === '以') continue; // 数以万计
    let lo: string;
    let hi: string;
    const extra = (small ? { 十: 1, 百: 2, 千: 3 }[small]! : 0) + (big ? (big === '万亿' ? 12 : big === '万' ? 4 : 8) : 0);
    if (several) {
      const power = { 十: 1, 百: 2, 千: 3, 万: 4, 亿: 8 }[unit!]!;
      lo = scaleDigits('2', power + extra);
      hi = scaleDigits('9', power + extra);
    } else {
      const tensValue = (tens!.length === 2 ? chineseDigitValue(tens![0]!) : 1) * 10;
      lo = scaleDigits(String(tensValue + 1), extra);
      hi = scaleDigits(String(tensValue + 9), extra);
    }
    cores.push({
      ...baseCore(start, end, m[0], lo, several ? 'several' : 'tens-and-some'),
      shape: 'vague-range',
      hi,
      approx: 'range',
      hasDigit: true,
      scaled: extra >= 4 || (several !== undefined && /[万亿]/.test(unit!)),
      trailingScale: extra,
    });
  }
  return cores;
}

/** 半年, 半个月, 半小时: a half unit of time. */
function scanHalves(text: string): Core[] {
  const cores: Core[] = [];
  const re = /半(个)?(年|月|天|小时|钟头|世纪|星期|礼拜|分钟|日)|(?<=^|[\s\p{P}])半(?=$|[\s\p{P}])|半(?=岁|打)|(?<![另多大小上下前后第])一半/gu;
  for (const m of text.matchAll(re)) {
    const prev = text[m.index - 1];
    if (!m[2]) {
      // 半 on its own, 一半 and 半岁 / 半打 are the number 0.5 (a unit may follow).
      if (m[0] === '半' && isNumeralChar(prev)) continue;
      cores.push({ ...baseCore(m.index, m.index + m[0].length, m[0], '0.5', 'half'), hasDigit: true, loneOne: false });
      continue;
    }
    if (prev && /[上下前后一多大]/.test(prev)) continue; // 上半年 is a date, 一半 / 多半 are not durations
    if (!m[1] && /^(?:月|世纪|星期|礼拜|日)$/.test(m[2]!)) continue; // 半月谈, 半日: only with 个
    if (m[2] === '年' && /[报度终]/.test(text[m.index + 2] ?? '')) continue;
    cores.push({
      ...baseCore(m.index, m.index + 1, '半', '0.5', 'half'),
      shape: 'half',
      hasDigit: true,
      halfUnit: m[2],
    });
  }
  return cores;
}

/** 八五折 → 85 (percent of the price paid). Single digits (八折, 7.5折) go through the 折 unit. */
function scanTwoDigitDiscounts(text: string): Core[] {
  const cores: Core[] = [];
  for (const m of text.matchAll(/([一二三四五六七八九])([一二三四五六七八九])折/g)) {
    if (isNumeralChar(text[m.index - 1])) continue;
    const value = chineseDigitValue(m[1]!) * 10 + chineseDigitValue(m[2]!);
    cores.push({
      ...baseCore(m.index, m.index + 2, m[0], String(value), 'discount'),
      shape: 'discount',
    });
  }
  return cores;
}

/** .77 and 点七七: a decimal fraction written without its zero, after a boundary. */
function scanLeadingPoints(text: string): Core[] {
  const cores: Core[] = [];
  for (const m of text.matchAll(/(?<=^|[\s(（:：=，,;；])(?:\.(\d+)(?![\d.])|点([零〇一二三四五六七八九]+))/g)) {
    const fraction = m[1] ?? [...m[2]!].map((ch) => String(CHINESE_DIGITS[ch])).join('');
    const value = canonicalDigits(`0.${fraction}`);
    if (value === null) continue;
    cores.push({ ...baseCore(m.index, m.index + m[0].length, m[0], value, 'leading-point'), shape: 'leading-point', hasDigit: true });
  }
  return cores;
}

/** All cores in text order. Special shapes claim their characters first. */
export function scanCores(text: string): Core[] {
  const special = [
    ...scanPercentWords(text),
    ...scanFractions(text),
    ...scanOrdinals(text),
    ...scanTopRanks(text),
    ...scanAdjacentDigits(text),
    ...scanVagueNumbers(text),
    ...scanHalves(text),
    ...scanTwoDigitDiscounts(text),
    ...scanLeadingPoints(text),
  ];
  const taken: boolean[] = new Array(text.length).fill(false);
  for (const core of special) for (let k = core.start; k < core.end; k++) taken[k] = true;
  const cores = [...special, ...scanNumerals(text, taken)];
  return cores.sort((a, b) => a.start - b.start || b.end - a.end);
}
