import { describe, expect, it } from 'vitest';
import { defaultReconcileOptions, ReconcileOptionsSchema } from '../../src/reconcile/options.ts';
import { formatAmount, formatObject } from '../../src/reconcile/format.ts';
import { compatible, dateBounds, datesOverlap, figuresCompatible, measureOf, specificity } from '../../src/reconcile/values.ts';
import { count, date, money } from './rows.ts';

const options = defaultReconcileOptions();
const unitClasses = { person: ['人', '名'], organization: ['家'], percent: ['%'], points: ['百分点'] };

describe('dates compare as intervals at the coarser precision', () => {
  it('expands partial dates to day bounds, month ends included', () => {
    expect(dateBounds({ start: '2013', end: null })).toEqual(['2013-01-01', '2013-12-31']);
    expect(dateBounds({ start: '2013-02', end: null })).toEqual(['2013-02-01', '2013-02-28']);
    expect(dateBounds({ start: '2016-02', end: null })).toEqual(['2016-02-01', '2016-02-29']);
    expect(dateBounds({ start: '2019-04', end: '2019-06' })).toEqual(['2019-04-01', '2019-06-30']);
  });

  it('agrees when one date contains the other, conflicts when they do not meet', () => {
    expect(datesOverlap({ start: '2013', end: null }, { start: '2013-09-23', end: null })).toBe(true);
    expect(datesOverlap({ start: '2013-09', end: null }, { start: '2013-09-23', end: null })).toBe(true);
    expect(datesOverlap({ start: '2015', end: null }, { start: '2017-02-05', end: null })).toBe(false);
    expect(datesOverlap({ start: '2013-09-23', end: null }, { start: '2013-09-24', end: null })).toBe(false);
    expect(datesOverlap({ start: '2012-12-31', end: null }, { start: '2013', end: null })).toBe(false);
  });

  it('ranks a day as more specific than a year', () => {
    expect(specificity(date('2013-09-23', 'day'), options)).toBeGreaterThan(specificity(date('2013', 'year'), options));
  });
});

describe('amounts compare with approximation, tolerance and currency', () => {
  it('reads "more than" as open upwards: 11亿+ agrees with 11.38亿, not with 10亿', () => {
    const over = count(1_100_000_000, null, 'over', 'number');
    expect(figuresCompatible(over, count(1_138_000_000, null, 'exact', 'number'), options)).toBe(true);
    expect(figuresCompatible(over, count(1_000_000_000, null, 'exact', 'number'), options)).toBe(false);
  });

  it('agrees 三千多万 with 3000万, and conflicts 1000万 with 10亿', () => {
    expect(figuresCompatible(count(30_000_000, '人', 'over'), count(30_000_000, '人'), options)).toBe(true);
    expect(figuresCompatible(money(10_000_000, null), money(1_000_000_000, 'CNY'), options)).toBe(false);
  });

  it('applies the relative tolerance, which is configurable', () => {
    expect(figuresCompatible(money(100, 'CNY'), money(104, 'CNY'), options)).toBe(true);
    expect(figuresCompatible(money(100, 'CNY'), money(109, 'CNY'), options)).toBe(false);
    const loose = ReconcileOptionsSchema.parse({ relativeTolerance: 0.1 });
    expect(figuresCompatible(money(100, 'CNY'), money(109, 'CNY'), loose)).toBe(true);
    expect(figuresCompatible(money(100, 'CNY'), money(112, 'CNY'), loose)).toBe(false);
  });

  it('stretches approximate values and ranges', () => {
    expect(figuresCompatible(count(120, '名', 'about'), count(130, '名'), options)).toBe(true);
    expect(figuresCompatible(count(120, '名', 'about'), count(150, '名'), options)).toBe(false);
    const range = { ...count(40_000, null, 'range', 'number'), max: 50_000 };
    expect(figuresCompatible(range, count(45_000, null, 'exact', 'number'), options)).toBe(true);
    expect(figuresCompatible(range, count(60_000, null, 'exact', 'number'), options)).toBe(false);
    expect(figuresCompatible(count(100, null, 'under', 'number'), count(80, null, 'exact', 'number'), options)).toBe(true);
  });

  it('keeps currencies apart unless rates are configured', () => {
    expect(measureOf(money(1, 'CNY'), options, unitClasses)).toBe('money:CNY');
    expect(measureOf(money(1, 'USD'), options, unitClasses)).toBe('money:USD');
    expect(measureOf(money(1, null), options, unitClasses)).toBe('money:?');
    const rated = ReconcileOptionsSchema.parse({ currencyRates: { USD: 7 } });
    expect(measureOf(money(1, 'USD'), rated, unitClasses)).toBe('money:CNY');
    expect(measureOf(money(1, 'CNY'), rated, unitClasses)).toBe('money:CNY');
    expect(measureOf(money(1, 'EUR'), rated, unitClasses)).toBe('money:EUR');
    // 2.15亿美元 at 7 is 15.05亿元.
    expect(figuresCompatible(money(215_000_000, 'USD'), money(1_505_000_000, 'CNY'), rated)).toBe(true);
    expect(figuresCompatible(money(215_000_000, 'USD'), money(215_000_000, 'CNY'), rated)).toBe(false);
  });

  it('keeps units of different classes apart: people are not companies', () => {
    expect(measureOf(count(1, '人'), options, unitClasses)).toBe('quantity:person');
    expect(measureOf(count(1, '名'), options, unitClasses)).toBe('quantity:person');
    expect(measureOf(count(1, '家'), options, unitClasses)).toBe('quantity:organization');
    expect(measureOf(count(1, '%', 'exact', 'percent'), options, unitClasses)).toBe('percent:percent');
    expect(measureOf(count(1, '百分点', 'exact', 'percent'), options, unitClasses)).toBe('percent:points');
  });

  it('compares names exactly and never across object types', () => {
    expect(compatible({ type: 'entity', name: '点点虫' }, { type: 'entity', name: '点点虫' }, options)).toBe(true);
    expect(compatible({ type: 'entity', name: '点点虫' }, { type: 'entity', name: '钉钉' }, options)).toBe(false);
    expect(compatible(date('2013', 'year'), money(2013, null), options)).toBe(false);
  });
});

describe('formatting values', () => {
  it('writes amounts with 万 and 亿 by moving the decimal point', () => {
    expect(formatAmount(10_000_000)).toBe('1000万');
    expect(formatAmount(238_080_000_000)).toBe('2380.8亿');
    expect(formatAmount(1_640_000_000)).toBe('16.4亿');
    expect(formatAmount(26)).toBe('26');
    expect(formatAmount(42.6)).toBe('42.6');
  });

  it('says approximation and currency in words', () => {
    expect(formatObject(money(1_000_000_000, 'CNY'))).toBe('10亿 CNY');
    expect(formatObject(money(10_000_000, null))).toBe('1000万 (currency not stated)');
    expect(formatObject(count(1_100_000_000, null, 'over', 'number'))).toBe('more than 11亿');
    expect(formatObject(count(26, '%', 'exact', 'percent'))).toBe('26%');
    expect(formatObject(date('2013-09-23', 'day'))).toBe('2013-09-23');
    expect(formatObject(count(150, '名', 'about', 'rank'))).toBe('about No. 150');
  });
});

describe('options schema', () => {
  it('has a default for every option', () => {
    expect(ReconcileOptionsSchema.parse({})).toEqual({
      relativeTolerance: 0.05,
      approximateTolerance: 0.1,
      currencyRates: {},
      sourceWeights: {},
      duplicateThreshold: 0.7,
      minConfidence: 0.5,
    });
  });

  it('rejects unknown keys, bad currency codes and out-of-range numbers', () => {
    const unknown = ReconcileOptionsSchema.safeParse({ tolerance: 0.1 });
    expect(unknown.success).toBe(false);
    expect(unknown.error?.issues[0].code).toBe('unrecognized_keys');
    const badCode = ReconcileOptionsSchema.safeParse({ currencyRates: { usd: 7 } });
    expect(badCode.success).toBe(false);
    expect(badCode.error?.issues[0].path).toEqual(['currencyRates', 'usd']);
    expect(ReconcileOptionsSchema.safeParse({ relativeTolerance: 2 }).success).toBe(false);
    expect(ReconcileOptionsSchema.safeParse({ sourceWeights: { 新浪: -1 } }).success).toBe(false);
  });
});
