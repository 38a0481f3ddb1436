/**
 * Calendar words: holidays (春节, 国庆节, 双十一, 清明节 …), lunar dates (农历正月初一, 腊月二十三)
 * and cyclic years (猴年, 丙申年). The Gregorian year comes from context or the publication date.
 */
import { addDays, dayPoint, easterSunday, isoWeekday, unitValue } from '../calendar.ts';
import { anchorYear, fillNearestYear } from '../context.ts';
import { alternation, holidayLexicon, type Holiday } from '../lexicon.ts';
import { lunarInGregorianYear, lunarToSolar, newYearsEve, solarTerm } from '../lunar.ts';
import { YEAR4, readInt, readYear } from '../numbers.ts';
import { SP, followedByAny, lazy, matches, precededByAny } from '../text.ts';
import type { Candidate, Day } from '../types.ts';

/** The holiday's day in Gregorian year `y`. */
export function holidayDay(holiday: Holiday, y: number): Day | null {
  const day = calendarDay(holiday, y);
  return day && holiday.offset ? addDays(day, holiday.offset) : day;
}

function calendarDay(holiday: Holiday, y: number): Day | null {
  switch (holiday.calendar) {
    case 'solar':
      return { y, m: holiday.month!, d: holiday.day! };
    case 'lunar':
      return lunarInGregorianYear(y, holiday.month!, holiday.day!);
    case 'lunarEve':
      return newYearsEve(y);
    case 'solarTerm':
      return solarTerm(y, holiday.term!);
    case 'easter':
      return easterSunday(y);
    case 'nthWeekday': {
      const first = { y, m: holiday.month!, d: 1 };
      const shift = (holiday.weekday! - isoWeekday(first) + 7) % 7;
      return addDays(first, shift + 7 * (holiday.nth! - 1));
    }
  }
}

const END_OR_PUNCTUATION = /^[ \t\u3000]*(?:$|[，。、；：！？,.;:!?）)」』"”'\n\r])/;

const holidayPattern = lazy(() => {
  const lexicon = holidayLexicon();
  const byName = new Map<string, Holiday>();
  for (const holiday of lexicon.holidays) for (const name of holiday.names) byName.set(name, holiday);
  const re = new RegExp(`(${alternation([...byName.keys()])})(${alternation([...lexicon.eveSuffixes, ...lexicon.periodSuffixes])})?`, 'g');
  return { byName, re };
});

export function parseHolidays(text: string): Candidate[] {
  const lexicon = holidayLexicon();
  const { byName, re } = holidayPattern();
  const out: Candidate[] = [];
  for (const match of matches(re, text)) {
    const name = match[1]!;
    const suffix = match[2];
    const holiday = byName.get(name)!;
    const start = match.index;
    const nameEnd = start + name.length;
    if (holiday.notPrecededBy && precededByAny(text, start, holiday.notPrecededBy)) continue;
    if (holiday.notFollowedBy && followedByAny(text, nameEnd, holiday.notFollowedBy)) continue;
    if (holiday.suffixRequired && suffix === undefined) continue;
    if (
      holiday.followedBy &&
      suffix === undefined &&
      !followedByAny(text, nameEnd, holiday.followedBy) &&
      !END_OR_PUNCTUATION.test(text.slice(nameEnd))
    ) {
      continue;
    }
    const eve = suffix !== undefined && lexicon.eveSuffixes.includes(suffix);
    const approx = holiday.approx === true || suffix !== undefined;
    out.push({
      start,
      end: start + match[0].length,
      rule: 'holiday',
      approx,
      resolve: (ctx) => {
        const year = fillNearestYear(ctx, (y) => holidayDay(holiday, y));
        if (!year) return null;
        const day = year.day;
        return {
          value: unitValue(dayPoint(eve ? addDays(day, -1) : day), 'day'),
          basis: year.basis,
          implied: ['year'],
          contextSource: year.source,
        };
      },
    });
  }
  return out;
}

const LUNAR_DAY = '初[一二三四五六七八九十]|二十[一二三四五六七八九]?|十[一二三四五六七八九]?|廿[一二三四五六七八九]|三十|[12]\\d|30|0?[1-9]';

function readLunarDay(s: string): number | null {
  const n = readInt(s.startsWith('初') ? s.slice(1) : s);
  return n !== null && n >= 1 && n <= 30 ? n : null;
}

/** 农历正月初一, 腊月二十三, 正月十五, 农历二〇一五年八月十五, 闰四月初五. */
const lunarPattern = lazy(() => {
  const months = new Map(holidayLexicon().lunarMonths.map((m) => [m.word, m.month]));
  const re = new RegExp(
    `(农历|阴历)?${SP}(?:(${YEAR4})${SP}年${SP})?(闰)?(${alternation([...months.keys()])})月${SP}(${LUNAR_DAY})(?:${SP}[日号])?`,
    'g',
  );
  return { months, re };
});

/** 大年初二, 大年初五: days of the first lunar month counted from the new year. */
const NEW_YEAR_DAY = /大年(初[一二三四五六七八九十])/g;

export function parseLunarDates(text: string): Candidate[] {
  const { months, re } = lunarPattern();
  const out: Candidate[] = [];
  for (const match of matches(NEW_YEAR_DAY, text)) {
    const day = readLunarDay(match[1]!);
    if (day === null) continue;
    out.push(lunarCandidate(match.index, match.index + match[0].length, 1, day, false));
  }
  for (const match of matches(re, text)) {
    const [whole, prefix, yearText, leap, monthText, dayText] = match;
    const lunarStyle = prefix !== undefined || /^[正冬腊]$/.test(monthText!) || /^[初廿]/.test(dayText!);
    if (!lunarStyle) continue;
    const month = months.get(monthText!)!;
    const day = readLunarDay(dayText!);
    if (day === null) continue;
    const start = match.index;
    const end = start + whole.length;
    const isLeap = leap !== undefined;
    if (yearText !== undefined) {
      const y = readYear(yearText);
      if (y === null) continue;
      // After 农历 the year is the lunar year; before a lunar date without 农历 it names the
      // Gregorian year the date falls in.
      const solar = prefix !== undefined ? lunarToSolar(y, month, day, isLeap) : lunarInGregorianYear(y, month, day, isLeap);
      if (!solar) continue;
      out.push({
        start,
        end,
        rule: 'lunar-date',
        approx: false,
        explicitYear: y,
        resolve: () => ({ value: unitValue(dayPoint(solar), 'day'), basis: 'explicit', implied: [] }),
      });
      continue;
    }
    out.push(lunarCandidate(start, end, month, day, isLeap));
  }
  return out;
}

/** A lunar month and day in the Gregorian year of the context or the publication. */
function lunarCandidate(start: number, end: number, month: number, day: number, leap: boolean): Candidate {
  return {
    start,
    end,
    rule: 'lunar-date',
    approx: false,
    resolve: (ctx) => {
      const year = fillNearestYear(ctx, (y) => lunarInGregorianYear(y, month, day, leap));
      if (!year) return null;
      return { value: unitValue(dayPoint(year.day), 'day'), basis: year.basis, implied: ['year'], contextSource: year.source };
    },
  };
}

/** Characters before a zodiac animal that make another word (蜗牛, 赛马, 斑马, 黑马). */
const ANIMAL_WORD_HEADS = ['蜗', '赛', '斑', '木', '黑', '骏', '海', '河', '野', '牦', '犀', '奶', '耕', '恐', '飞', '青', '属', '生', '肉', '种', '母', '公', '仔', '家', '养'];
const YEAR_WORD_TAILS = ['龄', '级', '代', '会', '轻', '度', '鉴', '报', '份'];

/** The latest year ≤ limit whose position in a cycle of `length` years is `index` (甲子 1984 is 0). */
function latestInCycle(limit: number, index: number, length: number): number {
  const position = (((limit - 1984) % length) + length) % length;
  return limit - ((position - index + length) % length);
}

/**
 * 猴年, 鸡年, 丙申年, 丙申猴年: the nearest such year not after the anchor year + 1 (the
 * publication year, else the text's own years), so 猴年 in a 2016 article is 2016.
 */
const cyclicPattern = lazy(() => {
  const lexicon = holidayLexicon();
  const stems = lexicon.heavenlyStems.join('');
  const branches = lexicon.earthlyBranches.join('');
  const animals = lexicon.zodiac.join('');
  return new RegExp(`(?:([${stems}])([${branches}]))?([${animals}])?年`, 'g');
});

export function parseCyclicYears(text: string): Candidate[] {
  const lexicon = holidayLexicon();
  const re = cyclicPattern();
  const out: Candidate[] = [];
  for (const match of matches(re, text)) {
    const [whole, stem, branch, animal] = match;
    if (stem === undefined && animal === undefined) continue;
    const start = match.index;
    const end = start + whole.length;
    if (followedByAny(text, end, YEAR_WORD_TAILS)) continue;
    if (stem === undefined && precededByAny(text, start, ANIMAL_WORD_HEADS)) continue;
    const animalIndex = animal !== undefined ? lexicon.zodiac.indexOf(animal) : null;
    const branchIndex = branch !== undefined ? lexicon.earthlyBranches.indexOf(branch) : animalIndex!;
    // A stem-branch pair and an animal must agree (丙申猴年), else this is not a year name.
    if (animalIndex !== null && branch !== undefined && animalIndex !== branchIndex) continue;
    let cycleIndex: number;
    let cycleLength: number;
    if (stem !== undefined) {
      const s = lexicon.heavenlyStems.indexOf(stem);
      // The sexagenary index n satisfies n ≡ s (mod 10) and n ≡ b (mod 12); (s, b) must share parity.
      if ((s - branchIndex) % 2 !== 0) continue;
      cycleIndex = [0, 1, 2, 3, 4, 5].map((k) => s + 10 * k).find((n) => n % 12 === branchIndex)!;
      cycleLength = 60;
    } else {
      cycleIndex = branchIndex;
      cycleLength = 12;
    }
    out.push({
      start,
      end,
      rule: 'cyclic-year',
      approx: false,
      resolve: (ctx) => {
        const anchor = anchorYear(ctx);
        if (!anchor) return null;
        const y = latestInCycle(anchor.y + 1, cycleIndex, cycleLength);
        return { value: unitValue({ y }, 'year'), basis: anchor.basis, implied: [], contextSource: anchor.source };
      },
    });
  }
  return out;
}

