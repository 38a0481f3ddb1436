import { describe, expect, it } from 'vitest';
import {
  addDigits,
  canonicalDigits,
  multiplyDigits,
  normalizeDigits,
  parseDigitSequence,
  parseNumber,
  scaleDigits,
} from '../../src/extract/numerals.ts';

describe('normalizeDigits', () => {
  it('maps full-width digits, dot, comma, percent and signs one unit for one unit', () => {
    const input = '１２３．５％，＋－';
    const output = normalizeDigits(input);
    expect(output).toBe('123.5%,+-');
    expect(output.length).toBe(input.length);
  });

  it('leaves other characters alone', () => {
    expect(normalizeDigits('增长26%的用户')).toBe('增长26%的用户');
  });
});

describe('scaleDigits', () => {
  it.each([
    ['16.4', 8, '1640000000'],
    ['5', -2, '0.05'],
    ['2.15', 8, '215000000'],
    ['0.5', 1, '5'],
    ['-3.2', 1, '-32'],
    ['120', 12, '120000000000000'],
    ['1', 0, '1'],
    ['7', -1, '0.7'],
    ['0', 4, '0'],
    ['2380.8', 8, '238080000000'],
  ])('%s × 10^%i = %s', (digits, power, expected) => {
    expect(scaleDigits(digits, power)).toBe(expected);
  });

  it('is exact where float multiplication is not', () => {
    expect(16.4 * 1e8).not.toBe(1640000000);
    expect(Number(scaleDigits('16.4', 8))).toBe(1640000000);
  });

  it('rejects non-decimal input', () => {
    expect(() => scaleDigits('1e5', 2)).toThrow();
  });
});

describe('exact helpers', () => {
  it('adds and multiplies decimal strings exactly', () => {
    expect(addDigits('0.1', '0.2')).toBe('0.3');
    expect(addDigits('1000', '-1000')).toBe('0');
    expect(multiplyDigits('1.1', '1.1')).toBe('1.21');
    expect(canonicalDigits('007.50')).toBe('7.5');
    expect(canonicalDigits('-0')).toBe('0');
    expect(canonicalDigits('abc')).toBeNull();
  });
});

describe('parseNumber', () => {
  it.each([
    // Arabic, separators, full width
    ['82,225.00', '82225'],
    ['1,234,567', '1234567'],
    ['１２３', '123'],
    ['0.5', '0.5'],
    ['-3.2', '-3.2'],
    ['0', '0'],
    // Chinese
    ['三千二百万', '32000000'],
    ['三百零五', '305'],
    ['两千', '2000'],
    ['十五', '15'],
    ['二十三', '23'],
    ['十', '10'],
    ['一百一十', '110'],
    ['一千零一', '1001'],
    ['一万零五', '10005'],
    ['两千零一十四', '2014'],
    ['一千二百三十四万五千六百七十八', '12345678'],
    ['十二万三千四百五十六', '123456'],
    ['负三点二', '-3.2'],
    ['零点七七', '0.77'],
    ['十二点五', '12.5'],
    ['三点五亿', '350000000'],
    ['壹佰贰拾', '120'],
    ['壹佰贰拾叁', '123'],
    ['廿三', '23'],
    ['半', '0.5'],
    ['零', '0'],
    ['百万', '1000000'],
    ['千亿', '100000000000'],
    ['十亿', '1000000000'],
    ['一亿', '100000000'],
    // Elided lower place
    ['三万五', '35000'],
    ['两百五', '250'],
    ['一百一', '110'],
    ['一亿五', '150000000'],
    // Mixed
    ['1.5万', '15000'],
    ['3.7万', '37000'],
    ['16.4亿', '1640000000'],
    ['2.15亿', '215000000'],
    ['120万亿', '120000000000000'],
    ['15k', '15000'],
    ['3w', '30000'],
    ['1万2', '12000'],
    ['1万2345', '12345'],
    ['1亿5000万', '150000000'],
    ['3千万', '30000000'],
    ['1.2千万', '12000000'],
    ['5百万', '5000000'],
  ])('%s → %s', (input, digits) => {
    const parsed = parseNumber(input);
    expect(parsed).not.toBeNull();
    expect(parsed!.digits).toBe(digits);
    expect(parsed!.value).toBe(Number(digits));
  });

  it.each([
    '', '万', '亿', '万一', '一方面', '四川', '一二', '十余', '三千多', '二〇一三', '五G', 'k', '三k', '12a', '1.2.3',
    '一十百', '十百', '百十百', '1,23', '点五', '三点', '负', '两两',
  ])('rejects %s', (input) => {
    expect(parseNumber(input)).toBeNull();
  });
});

describe('parseDigitSequence', () => {
  it.each([
    ['二〇一三', '2013'],
    ['一九九八', '1998'],
    ['二零二零', '2020'],
    ['１２３', '123'],
    ['〇五', '05'],
    ['2016', '2016'],
  ])('%s → %s', (input, expected) => {
    expect(parseDigitSequence(input)).toBe(expected);
  });

  it.each(['', '二十', '两千', '一百', 'abc', '二〇一三年'])('rejects %s', (input) => {
    expect(parseDigitSequence(input)).toBeNull();
  });
});
