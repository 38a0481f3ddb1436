/** Lunar calendar and solar terms, via lunar-javascript. */
import { Lunar } from 'lunar-javascript';
import { addDays } from './calendar.ts';
import type { Day } from './types.ts';

/** lunar-javascript builds whole lunar years per call: conversions are cached (few distinct keys). */
function memo<A extends unknown[], R>(compute: (...args: A) => R): (...args: A) => R {
  const cache = new Map<string, R>();
  return (...args) => {
    const key = args.join('|');
    if (cache.has(key)) return cache.get(key)!;
    const value = compute(...args);
    if (cache.size < 10_000) cache.set(key, value);
    return value;
  };
}

/** Solar date of a lunar date; `leap` selects the leap month. Null when the day does not exist. */
export function lunarToSolar(lunarYear: number, month: number, day: number, leap = false): Day | null {
  const solar = cachedLunarToSolar(lunarYear, month, day, leap);
  return solar && { ...solar };
}

const cachedLunarToSolar = memo(computeLunarToSolar);

function computeLunarToSolar(lunarYear: number, month: number, day: number, leap: boolean): Day | null {
  try {
    const solar = Lunar.fromYmd(lunarYear, leap ? -month : month, day).getSolar();
    const result = { y: solar.getYear(), m: solar.getMonth(), d: solar.getDay() };
    // The library silently normalizes some impossible dates; reject anything that moved year.
    return result.y === lunarYear || result.y === lunarYear + 1 ? result : null;
  } catch {
    return null;
  }
}

/**
 * The occurrence of a lunar month/day that falls in Gregorian year `y`: popular usage names lunar
 * dates by the Gregorian year they fall in (2017年腊八 is 2017-01-05, lunar year 2016). Falls back to
 * lunar year `y` when neither candidate lands in `y`.
 */
export function lunarInGregorianYear(y: number, month: number, day: number, leap = false): Day | null {
  const same = lunarToSolar(y, month, day, leap);
  if (same && same.y === y) return same;
  const previous = lunarToSolar(y - 1, month, day, leap);
  if (previous && previous.y === y) return previous;
  return same;
}

export function springFestival(y: number): Day | null {
  return lunarToSolar(y, 1, 1);
}

/** 除夕: the last day of the lunar year that ends in Gregorian year `y` (eve of y's Spring Festival). */
export function newYearsEve(y: number): Day | null {
  const festival = springFestival(y);
  return festival ? addDays(festival, -1) : null;
}

/** The next cycle's terms are keyed in upper-case pinyin in lunar-javascript's table. */
const PINYIN_TERMS: Readonly<Record<string, string>> = {
  DA_XUE: '大雪',
  DONG_ZHI: '冬至',
  XIAO_HAN: '小寒',
  DA_HAN: '大寒',
  LI_CHUN: '立春',
  YU_SHUI: '雨水',
  JING_ZHE: '惊蛰',
};

/** Date of the solar term `name` (清明, 冬至 …) in Gregorian year `y`. */
export function solarTerm(y: number, name: string): Day | null {
  const day = cachedSolarTerm(y, name);
  return day && { ...day };
}

const cachedSolarTerm = memo(computeSolarTerm);

function computeSolarTerm(y: number, name: string): Day | null {
  const table = Lunar.fromYmd(y, 6, 1).getJieQiTable();
  for (const [key, solar] of Object.entries(table)) {
    if ((PINYIN_TERMS[key] ?? key) === name && solar.getYear() === y) {
      return { y, m: solar.getMonth(), d: solar.getDay() };
    }
  }
  return null;
}
