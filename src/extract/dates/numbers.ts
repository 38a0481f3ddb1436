/** Numeral fragments of date expressions, read with the shared numeral module. */
import { parseDigitSequence, parseNumber } from '../numerals.ts';
import { ZH_DIGITS } from './text.ts';

/** A four-digit year: 2013 or 二〇一三. */
export const YEAR4 = `\\d{4}|[${ZH_DIGITS}]{4}`;
/** Month 1–12: 09, 9, 十二, 三. */
export const MONTH = '1[0-2]|0?[1-9]|十[一二]?|[一二三四五六七八九]';
/** Day of month 1–31: 05, 23, 二十三, 廿三, 三十一. */
export const DAY = '3[01]|[12]\\d|0?[1-9]|三十一?|[一二]?十[一二三四五六七八九]?|廿[一二三四五六七八九]?|卅一?|[一二三四五六七八九]';
/** A small count (三, 十五, 两, 3, 120) for 三天后, 近两年. */
export const COUNT = '\\d{1,3}|[零〇一二两三四五六七八九十百]{1,4}';

/**
 * Date numerals are few and repeat (3, 12, 二十三): readings are cached, since the shared numeral
 * module does exact decimal arithmetic that is slow to redo for every match of a long text.
 */
function cached(read: (s: string) => number | null): (s: string) => number | null {
  const cache = new Map<string, number | null>();
  return (s) => {
    let value = cache.get(s);
    if (value === undefined && !cache.has(s)) {
      value = read(s);
      if (cache.size < 10_000) cache.set(s, value);
    }
    return value ?? null;
  };
}

/** Year from four Arabic digits or a digit-by-digit Chinese reading. */
export const readYear = cached((s) => {
  if (/^\d{4}$/.test(s)) return Number(s);
  const digits = parseDigitSequence(s);
  return digits && digits.length === 4 ? Number(digits) : null;
});

/** An integer written in Arabic or Chinese numerals (十五, 廿三, 09); null when not an integer. */
export const readInt = cached((s) => {
  if (/^\d{1,6}$/.test(s)) return Number(s);
  const parsed = parseNumber(s);
  if (!parsed || !/^\d+$/.test(parsed.digits)) return null;
  return parsed.value;
});

export function readMonth(s: string): number | null {
  const m = readInt(s);
  return m !== null && m >= 1 && m <= 12 ? m : null;
}

export function readDay(s: string): number | null {
  const d = readInt(s);
  return d !== null && d >= 1 && d <= 31 ? d : null;
}
