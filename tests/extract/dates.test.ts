import { readFileSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { extractDates } from '../../src/extract/dates.ts';
import { addDays, easterSunday, isoWeekday, mondayOf } from '../../src/extract/dates/calendar.ts';
import { holidayDay } from '../../src/extract/dates/parsers/holiday.ts';
import { dateWords, holidayLexicon } from '../../src/extract/dates/lexicon.ts';
import { lunarToSolar, newYearsEve, solarTerm, springFestival } from '../../src/extract/dates/lunar.ts';
import type { DateMention } from '../../src/types.ts';

/** A mention in the compact fixture form: 'text@start | value | granularity | basis | implied | approx'. */
interface Expected {
  text: string;
  start: number;
  end: number;
  value: string;
  granularity: string;
  basis: string;
  implied: string[];
  approx: boolean;
}

function parseExpected(spec: string): Expected {
  const [head, value, granularity, basis, implied, approx] = spec.split('|').map((s) => s.trim());
  const at = head!.lastIndexOf('@');
  const text = head!.slice(0, at);
  const start = Number(head!.slice(at + 1));
  return {
    text,
    start,
    end: start + text.length,
    value: value!,
    granularity: granularity!,
    basis: basis!,
    implied: implied === '-' ? [] : implied!.split(','),
    approx: approx === '~',
  };
}

function actual(m: DateMention): Expected {
  return {
    text: m.text,
    start: m.start,
    end: m.end,
    value: m.value.end ? `${m.value.start}..${m.value.end}` : m.value.start,
    granularity: m.value.granularity,
    basis: m.basis,
    implied: m.implied,
    approx: m.approx,
  };
}

type Case = [string, string[]] | { text: string; ref: string | null; expect: string[] };

interface Fixture {
  defaultRef: string;
  groups: Record<string, Case[]>;
}

function readFixture(name: string): Fixture {
  return JSON.parse(readFileSync(new URL(`../fixtures/dates/${name}`, import.meta.url), 'utf8')) as Fixture;
}

/**
 * cases.json: the extractor's own cases (ref 2016-06-15). probe.json: expressions of the kinds in
 * the chrono-node zh, Duckling zh and Recognizers-Text Chinese suites (ref 2020-05-20), every one
 * asserted exactly: span, value, granularity, basis, implied components and approx.
 */
for (const [file, label] of [['cases.json', 'dates'], ['probe.json', 'dates probe']] as const) {
  const fixture = readFixture(file);
  for (const [group, cases] of Object.entries(fixture.groups)) {
    describe(`${label}: ${group}`, () => {
      for (const c of cases) {
        const { text, ref, expected } = Array.isArray(c)
          ? { text: c[0], ref: fixture.defaultRef, expected: c[1] }
          : { text: c.text, ref: c.ref, expected: c.expect };
        it(`${text} (ref ${ref})`, () => {
          const mentions = extractDates(text, { ref });
          for (const m of mentions) expect(m.text).toBe(text.slice(m.start, m.end));
          expect(mentions.map(actual)).toEqual(expected.map(parseExpected));
        });
      }
    });
  }
}

describe('dates: rule names and options', () => {
  it('names the parsers that produced a composed value', () => {
    const [m] = extractDates('去年的双十一', { ref: '2021-01-15' });
    expect(m!.rule).toBe('relative-year+holiday');
  });

  it('rejects a malformed ref and accepts a date-time ref', () => {
    expect(() => extractDates('今天', { ref: '2016/06/15' })).toThrow(/YYYY-MM-DD/);
    expect(() => extractDates('今天', { ref: '2016-02-30' })).toThrow(/YYYY-MM-DD/);
    expect(extractDates('今天', { ref: '2016-06-15T08:00:00Z' })[0]!.value.start).toBe('2016-06-15');
  });

  it('uses a labelled publication date in the text when no ref is given', () => {
    const text = '发布日期:2016-06-15 13:56:39\n昨天,支付宝上线。';
    const mentions = extractDates(text, { ref: null }).map(actual);
    expect(mentions).toEqual([
      parseExpected('2016-06-15 13:56:39@5 | 2016-06-15 | day | explicit | - |'),
      parseExpected('昨天@25 | 2016-06-14 | day | publication | - |'),
    ]);
  });

  it('does not let a labelled publication date set the narrative year', () => {
    const text = '发布日期:2015-12-30\n1月26日上线';
    const [, partial] = extractDates(text, { ref: '2016-06-15' });
    expect(actual(partial!)).toEqual(parseExpected('1月26日@16 | 2016-01-26 | day | publication | year |'));
  });

  it('reads a relative year and then lets later partial dates use it', () => {
    const text = '今年1月底钉钉排名靠后,但进入到2月份就开始蹿升';
    expect(extractDates(text, { ref: '2020-03-10' }).map(actual)).toEqual([
      parseExpected('今年1月底@0 | 2020-01-21..2020-01-31 | day | publication | - | ~'),
      parseExpected('2月份@16 | 2020-02 | month | context | year |'),
    ]);
  });

  it('does not let a publication-relative day (今天) reset the narrative year', () => {
    const text = '2013年,马云发帖:“今天,天气变了。”11月底好友数小于100的员工没有年终奖。';
    const found = extractDates(text, { ref: '2020-03-10' }).map(actual);
    expect(found).toContainEqual(parseExpected('11月底@21 | 2013-11-21..2013-11-30 | day | context | year | ~'));
  });
});

describe('dates: calendar helpers', () => {
  it('uses Monday-based weeks', () => {
    expect(isoWeekday({ y: 2016, m: 6, d: 15 })).toBe(3);
    expect(isoWeekday({ y: 2016, m: 6, d: 19 })).toBe(7);
    expect(mondayOf({ y: 2016, m: 6, d: 19 })).toEqual({ y: 2016, m: 6, d: 13 });
    expect(addDays({ y: 2016, m: 2, d: 28 }, 2)).toEqual({ y: 2016, m: 3, d: 1 });
  });

  it('converts lunar dates and solar terms', () => {
    expect(springFestival(2016)).toEqual({ y: 2016, m: 2, d: 8 });
    expect(springFestival(2017)).toEqual({ y: 2017, m: 1, d: 28 });
    expect(newYearsEve(2017)).toEqual({ y: 2017, m: 1, d: 27 });
    expect(lunarToSolar(2016, 12, 31)).toBeNull();
    expect(solarTerm(2016, '清明')).toEqual({ y: 2016, m: 4, d: 4 });
    expect(solarTerm(2016, '冬至')).toEqual({ y: 2016, m: 12, d: 21 });
  });

  it('computes Easter Sunday and holidays offset from another day', () => {
    expect(easterSunday(2019)).toEqual({ y: 2019, m: 4, d: 21 });
    expect(easterSunday(2020)).toEqual({ y: 2020, m: 4, d: 12 });
    expect(easterSunday(2024)).toEqual({ y: 2024, m: 3, d: 31 });
    const coldFood = holidayLexicon().holidays.find((h) => h.names.includes('寒食节'))!;
    expect(holidayDay(coldFood, 2020)).toEqual({ y: 2020, m: 4, d: 3 });
  });

  it('loads and validates the lexicons', () => {
    expect(dateWords().relativeDays.find((w) => w.word === '大前天')?.offset).toBe(-3);
    expect(holidayLexicon().holidays.some((h) => h.names.includes('春节') && h.calendar === 'lunar')).toBe(true);
    for (const edge of dateWords().edges) expect(edge.from).toBeLessThanOrEqual(edge.to);
  });
});

describe('dates: long inputs', () => {
  // Each of these was quadratic once (overlap checks, blocked words, lunar conversions).
  it.each([
    ['dense dates', '2019年，公司上市。3月5日，股价大涨；我们下周三开会，每周一至周五营业，去年的今天下午3点，前两天。'],
    ['blocked compounds', '今日头条'],
    ['lunar holidays', '春节中秋节'],
  ])('handles 300 000 characters of %s in linear time', (_, sample) => {
    const text = sample.repeat(Math.ceil(300_000 / sample.length)).slice(0, 300_000);
    const started = performance.now();
    const mentions = extractDates(text, { ref: '2020-05-20' });
    expect(performance.now() - started).toBeLessThan(5000);
    for (const m of mentions.slice(0, 50)) expect(m.text).toBe(text.slice(m.start, m.end));
  });
});

function readArticle(prefix: string): string {
  const dir = new URL('../../raw/', import.meta.url);
  const name = readdirSync(dir).find((f) => f.startsWith(prefix))!;
  return readFileSync(new URL(name, dir), 'utf8');
}

/** Offset of the n-th (0-based) occurrence of `needle` in `text`. */
function nth(text: string, needle: string, n = 0): number {
  let index = -1;
  for (let i = 0; i <= n; i++) {
    index = text.indexOf(needle, index + 1);
    if (index === -1) throw new Error(`occurrence ${n} of ${needle} not found`);
  }
  return index;
}

function mention(text: string, surface: string, n: number, rest: string): Expected {
  return parseExpected(`${surface}@${nth(text, surface, n)} | ${rest}`);
}

describe('dates: sample articles', () => {
  it('000 (ref 2021-01-15): every date, with context years', () => {
    const text = readArticle('000_');
    const found = extractDates(text, { ref: '2021-01-15' }).map(actual);
    expect(found).toEqual([
      mention(text, '2013年 9月 23日', 0, '2013-09-23 | day | explicit | - |'),
      mention(text, '2015年 10月', 0, '2015-10 | month | explicit | - |'),
      mention(text, '2017年2月5日', 0, '2017-02-05 | day | explicit | - |'),
      mention(text, '2016年', 0, '2016 | year | explicit | - |'),
      mention(text, '2017年', 1, '2017 | year | explicit | - |'),
      mention(text, '去年的双十一', 0, '2020-11-11 | day | publication | - |'),
      mention(text, '2018年', 0, '2018 | year | explicit | - |'),
      mention(text, '双十一', 1, '2018-11-11 | day | context | year |'),
      mention(text, '2019年', 0, '2019 | year | explicit | - |'),
      mention(text, '当年双十一', 0, '2019-11-11 | day | context | - |'),
      mention(text, '2020年', 0, '2020 | year | explicit | - |'),
      mention(text, '双十一', 3, '2020-11-11 | day | context | year |'),
      mention(text, '当年双11当天', 0, '2020-11-11 | day | context | - |'),
      parseExpected(`19年@${nth(text, '较19年') + 1} | 2019 | year | explicit | century |`),
      mention(text, '去年的双十一', 1, '2020-11-11 | day | publication | - |'),
      mention(text, '去年双十一', 0, '2020-11-11 | day | publication | - |'),
    ]);
    // Versions, section numbers and durations are not dates.
    for (const surface of ['9.2版本', '01\n', '02\n', '3-5公里', '数年', '3年打造']) {
      const at = nth(text, surface);
      expect(found.some((m) => m.start < at + surface.length && at < m.end)).toBe(false);
    }
  });

  it('002 (ref unknown): zodiac year anchored on the text, context years, quarters', () => {
    const text = readArticle('002_');
    const found = extractDates(text, { ref: null }).map(actual);
    expect(found).toEqual([
      mention(text, '猴年春节', 0, '2016-02-08 | day | context | - |'),
      mention(text, '除夕当天', 0, '2016-02-07 | day | context | year |'),
      mention(text, '2013年', 0, '2013 | year | explicit | - |'),
      mention(text, '2015年Q3', 0, '2015-07..2015-09 | quarter | explicit | - |'),
      // A generic mention of the festival takes the latest year of the narrative.
      mention(text, '春节', 1, '2015-02-19 | day | context | year |'),
    ]);
    // 一年多前 needs a publication date.
    expect(found.some((m) => m.text.includes('一年多前'))).toBe(false);
  });

  it('003 (ref 2016-06-15): partial dates, context month, relative words, no versions or ICP', () => {
    const text = readArticle('003_');
    const found = extractDates(text, { ref: '2016-06-15' }).map(actual);
    expect(found).toEqual([
      mention(text, '2016-06-15 13:56:39', 0, '2016-06-15 | day | explicit | - |'),
      mention(text, '1月26日', 0, '2016-01-26 | day | publication | year |'),
      mention(text, '2月2日上午', 0, '2016-02-02 | day | publication | year |'),
      mention(text, '3日晚间', 0, '2016-02-03 | day | context | year,month |'),
      mention(text, '1月26日', 1, '2016-01-26 | day | publication | year |'),
      mention(text, '春节', 0, '2016-02-08 | day | publication | year |'),
      mention(text, '一年前', 0, '2015 | year | publication | - |'),
      mention(text, '今年', 0, '2016 | year | publication | - |'),
      mention(text, '春节', 1, '2016-02-08 | day | context | year |'),
      mention(text, '2013年', 0, '2013 | year | explicit | - |'),
      mention(text, '2014年12月12日', 0, '2014-12-12 | day | explicit | - |'),
      mention(text, '双十一当天', 0, '2014-11-11 | day | context | year |'),
      mention(text, '去年', 0, '2015 | year | publication | - |'),
      mention(text, '2014年双十二', 0, '2014-12-12 | day | explicit | - |'),
      mention(text, '双十一', 1, '2014-11-11 | day | context | year |'),
    ]);
    for (const surface of ['8.5版本', '5.4版本', '冀ICP备2023038169号-3', '今日头条', '24小时', '21点', '8个小时', '微信3年']) {
      const at = nth(text, surface);
      expect(found.some((m) => m.start < at + surface.length && at < m.end)).toBe(false);
    }
  });
});
