import { readFileSync, readdirSync } from 'node:fs';
import * as OpenCC from 'opencc-js';
import { describe, expect, it } from 'vitest';
import { extractFigures } from '../../src/extract/figures.ts';
import type { Approximation, FigureKind, FigureMention } from '../../src/types.ts';

/** [text, start, kind, value, max, approx, currency, unit, currencyInferred?] */
type Expected = [string, number, FigureKind, number, number | null, Approximation, string | null, string | null, boolean?];
type Case = [string, Expected[]];

function row(f: FigureMention) {
  return [f.text, f.start, f.end, f.kind, f.value, f.max, f.approx, f.currency, f.unit, f.currencyInferred];
}

function check(input: string, expected: Expected[]) {
  const found = extractFigures(input);
  for (const f of found) expect(input.slice(f.start, f.end)).toBe(f.text);
  expect(found.map(row)).toEqual(
    expected.map(([text, start, kind, value, max, approx, currency, unit, inferred]) => [
      text, start, start + text.length, kind, value, max, approx, currency, unit, inferred ?? false,
    ]),
  );
}

function table(cases: Case[]) {
  it.each(cases)('%s', (input, expected) => check(input, expected));
}

describe('money', () => {
  table([
    ['十块钱', [['十块钱', 0, 'money', 10, null, 'exact', 'CNY', null]]],
    ['3块5', [['3块5', 0, 'money', 3.5, null, 'exact', 'CNY', null]]],
    ['两块五', [['两块五', 0, 'money', 2.5, null, 'exact', 'CNY', null]]],
    ['五毛', [['五毛', 0, 'money', 0.5, null, 'exact', 'CNY', null]]],
    ['一毛钱', [['一毛钱', 0, 'money', 0.1, null, 'exact', 'CNY', null]]],
    ['一块二毛五', [['一块二毛五', 0, 'money', 1.25, null, 'exact', 'CNY', null]]],
    ['三块五毛', [['三块五毛', 0, 'money', 3.5, null, 'exact', 'CNY', null]]],
    ['4块3毛', [['4块3毛', 0, 'money', 4.3, null, 'exact', 'CNY', null]]],
    ['三元零一分', [['三元零一分', 0, 'money', 3.01, null, 'exact', 'CNY', null]]],
    ['五元零五分', [['五元零五分', 0, 'money', 5.05, null, 'exact', 'CNY', null]]],
    ['三元二角', [['三元二角', 0, 'money', 3.2, null, 'exact', 'CNY', null]]],
    ['5角', [['5角', 0, 'money', 0.5, null, 'exact', 'CNY', null]]],
    ['一块半', [['一块半', 0, 'money', 1.5, null, 'exact', 'CNY', null]]],
    ['人民币5元', [['人民币5元', 0, 'money', 5, null, 'exact', 'CNY', null]]],
    ['¥10', [['¥10', 0, 'money', 10, null, 'exact', 'CNY', null]]],
    ['￥1,000', [['￥1,000', 0, 'money', 1000, null, 'exact', 'CNY', null]]],
    ['10元', [['10元', 0, 'money', 10, null, 'exact', 'CNY', null]]],
    ['3.01元', [['3.01元', 0, 'money', 3.01, null, 'exact', 'CNY', null]]],
    ['100美元', [['100美元', 0, 'money', 100, null, 'exact', 'USD', null]]],
    ['十美金', [['十美金', 0, 'money', 10, null, 'exact', 'USD', null]]],
    ['$100', [['$100', 0, 'money', 100, null, 'exact', 'USD', null]]],
    ['$10,000', [['$10,000', 0, 'money', 10000, null, 'exact', 'USD', null]]],
    ['$10k', [['$10k', 0, 'money', 10000, null, 'exact', 'USD', null]]],
    ['10美分', [['10美分', 0, 'money', 0.1, null, 'exact', 'USD', null]]],
    ['1000万美元', [['1000万美元', 0, 'money', 10000000, null, 'exact', 'USD', null]]],
    ['2.15亿美元', [['2.15亿美元', 0, 'money', 215000000, null, 'exact', 'USD', null]]],
    ['壹佰贰拾元整', [['壹佰贰拾元整', 0, 'money', 120, null, 'exact', 'CNY', null]]],
    ['一万五千元', [['一万五千元', 0, 'money', 15000, null, 'exact', 'CNY', null]]],
    ['两千块钱', [['两千块钱', 0, 'money', 2000, null, 'exact', 'CNY', null]]],
    ['100万元人民币', [['100万元人民币', 0, 'money', 1000000, null, 'exact', 'CNY', null]]],
    ['RMB100', [['RMB100', 0, 'money', 100, null, 'exact', 'CNY', null]]],
    ['USD 100', [['USD 100', 0, 'money', 100, null, 'exact', 'USD', null]]],
    ['HK$500', [['HK$500', 0, 'money', 500, null, 'exact', 'HKD', null]]],
    ['港币100', [['港币100', 0, 'money', 100, null, 'exact', 'HKD', null]]],
    ['以每股10.5港元的价格', [['10.5港元', 3, 'money', 10.5, null, 'exact', 'HKD', null]]],
    ['100新台币', [['100新台币', 0, 'money', 100, null, 'exact', 'TWD', null]]],
    ['100欧元', [['100欧元', 0, 'money', 100, null, 'exact', 'EUR', null]]],
    ['3千万日元', [['3千万日元', 0, 'money', 30000000, null, 'exact', 'JPY', null]]],
    ['20英镑', [['20英镑', 0, 'money', 20, null, 'exact', 'GBP', null]]],
    ['五百韩元', [['五百韩元', 0, 'money', 500, null, 'exact', 'KRW', null]]],
    ['净利润为-3.2亿元', [['-3.2亿元', 4, 'money', -320000000, null, 'exact', 'CNY', null]]],
    ['价格从3999元降至2999元', [
      ['3999元', 3, 'money', 3999, null, 'exact', 'CNY', null],
      ['2999元', 10, 'money', 2999, null, 'exact', 'CNY', null],
    ]],
    ['双十一收关战绩为2380.8亿元', [['2380.8亿元', 8, 'money', 238080000000, null, 'exact', 'CNY', null]]],
    ['16.4亿元', [['16.4亿元', 0, 'money', 1640000000, null, 'exact', 'CNY', null]]],
    ['十元二角', [['十元二角', 0, 'money', 10.2, null, 'exact', 'CNY', null]]],
    ['10块2', [['10块2', 0, 'money', 10.2, null, 'exact', 'CNY', null]]],
    ['六角钱', [['六角钱', 0, 'money', 0.6, null, 'exact', 'CNY', null]]],
    ['3分钱', [['3分钱', 0, 'money', 0.03, null, 'exact', 'CNY', null]]],
    ['一美元', [['一美元', 0, 'money', 1, null, 'exact', 'USD', null]]],
    ['十万元整', [['十万元整', 0, 'money', 100000, null, 'exact', 'CNY', null]]],
    ['7亿元人民币', [['7亿元人民币', 0, 'money', 700000000, null, 'exact', 'CNY', null]]],
    ['1000.00元', [['1000.00元', 0, 'money', 1000, null, 'exact', 'CNY', null]]],
    ['18.01万元', [['18.01万元', 0, 'money', 180100, null, 'exact', 'CNY', null]]],
    ['40万港元', [['40万港元', 0, 'money', 400000, null, 'exact', 'HKD', null]]],
    ['约合人民币100元', [['约合人民币100元', 0, 'money', 100, null, 'about', 'CNY', null]]],
    ['人民币壹仟贰佰叁拾肆元伍角陆分', [['人民币壹仟贰佰叁拾肆元伍角陆分', 0, 'money', 1234.56, null, 'exact', 'CNY', null]]],
    ['小王捡了一百块钱', [['一百块钱', 4, 'money', 100, null, 'exact', 'CNY', null]]],
    ['十多块钱', [['十多块钱', 0, 'money', 10, null, 'over', 'CNY', null]]],
    ['3千多万元', [['3千多万元', 0, 'money', 30000000, null, 'over', 'CNY', null]]],
    ['上百万元', [['上百万元', 0, 'money', 1000000, null, 'over', 'CNY', null]]],
    ['最高500万元', [['最高500万元', 0, 'money', 5000000, null, 'under', 'CNY', null]]],
    ['不超过十块', [['不超过十块', 0, 'money', 10, null, 'under', 'CNY', null]]],
    ['10元以下', [['10元以下', 0, 'money', 10, null, 'under', 'CNY', null]]],
    ['30余万元', [['30余万元', 0, 'money', 300000, null, 'over', 'CNY', null]]],
  ]);
});

describe('money inferred from context', () => {
  table([
    ['斥资10亿', [['10亿', 2, 'money', 1000000000, null, 'exact', 'CNY', null, true]]],
    ['三天内花掉1000万', [
      ['三天', 0, 'duration', 3, null, 'exact', null, '天'],
      ['1000万', 5, 'money', 10000000, null, 'exact', 'CNY', null, true],
    ]],
    ['成交额571亿', [['571亿', 3, 'money', 57100000000, null, 'exact', 'CNY', null, true]]],
    ['在天猫双十一当天571亿的成交额中', [['571亿', 8, 'money', 57100000000, null, 'exact', 'CNY', null, true]]],
    ['此番新春10亿红包的推出', [['10亿', 4, 'money', 1000000000, null, 'exact', 'CNY', null, true]]],
    ['营收达到100亿', [['100亿', 4, 'money', 10000000000, null, 'exact', 'CNY', null, true]]],
    ['花了三百。', [['三百', 2, 'money', 300, null, 'exact', 'CNY', null, true]]],
    // Not money: a count, a percent, a user base.
    ['投资3家公司', [['3家', 2, 'count', 3, null, 'exact', null, '家']]],
    ['营收增长26%', [['26%', 4, 'percent', 26, null, 'exact', null, '%']]],
    ['用户规模达到5.6亿', [['5.6亿', 6, 'number', 560000000, null, 'exact', null, null]]],
    ['月活用户11亿。', [['11亿', 4, 'number', 1100000000, null, 'exact', null, null]]],
  ]);
});

describe('percent', () => {
  table([
    ['26%', [['26%', 0, 'percent', 26, null, 'exact', null, '%']]],
    ['占比已高达42.6%', [['42.6%', 5, 'percent', 42.6, null, 'exact', null, '%']]],
    ['１５％', [['１５％', 0, 'percent', 15, null, 'exact', null, '%']]],
    ['百分之二十', [['百分之二十', 0, 'percent', 20, null, 'exact', null, '%']]],
    ['百分之五十点五', [['百分之五十点五', 0, 'percent', 50.5, null, 'exact', null, '%']]],
    ['百分之一百', [['百分之一百', 0, 'percent', 100, null, 'exact', null, '%']]],
    ['千分之五', [['千分之五', 0, 'percent', 0.5, null, 'exact', null, '%']]],
    ['万分之三', [['万分之三', 0, 'percent', 0.03, null, 'exact', null, '%']]],
    ['七成', [['七成', 0, 'percent', 70, null, 'exact', null, '%']]],
    ['三成五', [['三成五', 0, 'percent', 35, null, 'exact', null, '%']]],
    ['不到一成', [['不到一成', 0, 'percent', 10, null, 'under', null, '%']]],
    ['六到七成', [['六到七成', 0, 'percent', 60, 70, 'range', null, '%']]],
    ['八折', [['八折', 0, 'percent', 80, null, 'exact', null, '%']]],
    ['八五折', [['八五折', 0, 'percent', 85, null, 'exact', null, '%']]],
    ['7.5折', [['7.5折', 0, 'percent', 75, null, 'exact', null, '%']]],
    ['同比下降3.5个百分点', [['3.5个百分点', 4, 'percent', 3.5, null, 'exact', null, '百分点']]],
    ['提高了2百分点', [['2百分点', 3, 'percent', 2, null, 'exact', null, '百分点']]],
    ['20%-30%', [['20%-30%', 0, 'percent', 20, 30, 'range', null, '%']]],
    ['20-30%', [['20-30%', 0, 'percent', 20, 30, 'range', null, '%']]],
    ['百分之二十到三十', [['百分之二十到三十', 0, 'percent', 20, 30, 'range', null, '%']]],
    ['约30%', [['约30%', 0, 'percent', 30, null, 'about', null, '%']]],
  ]);
});

describe('plain numbers, scales and numerals', () => {
  table([
    ['82,225.00', [['82,225.00', 0, 'number', 82225, null, 'exact', null, null]]],
    ['１２３', [['１２３', 0, 'number', 123, null, 'exact', null, null]]],
    ['三千二百万', [['三千二百万', 0, 'number', 32000000, null, 'exact', null, null]]],
    ['三百零五', [['三百零五', 0, 'number', 305, null, 'exact', null, null]]],
    ['两千', [['两千', 0, 'number', 2000, null, 'exact', null, null]]],
    ['负三点二', [['负三点二', 0, 'number', -3.2, null, 'exact', null, null]]],
    ['壹佰贰拾叁', [['壹佰贰拾叁', 0, 'number', 123, null, 'exact', null, null]]],
    ['半', [['半', 0, 'number', 0.5, null, 'exact', null, null]]],
    ['十五', [['十五', 0, 'number', 15, null, 'exact', null, null]]],
    ['一', [['一', 0, 'number', 1, null, 'exact', null, null]]],
    ['1.5万', [['1.5万', 0, 'number', 15000, null, 'exact', null, null]]],
    ['3.7万', [['3.7万', 0, 'number', 37000, null, 'exact', null, null]]],
    ['120万亿', [['120万亿', 0, 'number', 120000000000000, null, 'exact', null, null]]],
    ['15k', [['15k', 0, 'number', 15000, null, 'exact', null, null]]],
    ['3w', [['3w', 0, 'number', 30000, null, 'exact', null, null]]],
    ['1万2', [['1万2', 0, 'number', 12000, null, 'exact', null, null]]],
    ['三万五', [['三万五', 0, 'number', 35000, null, 'exact', null, null]]],
    ['十一亿', [['十一亿', 0, 'number', 1100000000, null, 'exact', null, null]]],
    ['-1200000', [['-1200000', 0, 'number', -1200000, null, 'exact', null, null]]],
    ['三分之二', [['三分之二', 0, 'number', 2 / 3, null, 'exact', null, null]]],
    ['占比达四分之一', [['四分之一', 3, 'number', 0.25, null, 'exact', null, null]]],
    ['增长了2倍', [['2倍', 3, 'number', 2, null, 'exact', null, '倍']]],
    ['移动互联网用户净减200万,移动', [['200万', 9, 'number', 2000000, null, 'exact', null, null]]],
    ['经验却几乎为0。', [['0', 6, 'number', 0, null, 'exact', null, null]]],
    ['覆盖周围3-5公里的用户', [['3-5公里', 4, 'number', 3, 5, 'range', null, '公里']]],
    ['3～5公里', [['3～5公里', 0, 'number', 3, 5, 'range', null, '公里']]],
    ['5千米', [['5千米', 0, 'number', 5, null, 'exact', null, '千米']]],
    ['3千克', [['3千克', 0, 'number', 3, null, 'exact', null, '千克']]],
    ['一点五万', [['一点五万', 0, 'number', 15000, null, 'exact', null, null]]],
    ['一亿零一万零一百', [['一亿零一万零一百', 0, 'number', 100010100, null, 'exact', null, null]]],
    ['十万零二十', [['十万零二十', 0, 'number', 100020, null, 'exact', null, null]]],
    ['两万五', [['两万五', 0, 'number', 25000, null, 'exact', null, null]]],
    ['一万一', [['一万一', 0, 'number', 11000, null, 'exact', null, null]]],
    ['零', [['零', 0, 'number', 0, null, 'exact', null, null]]],
    ['零点七七', [['零点七七', 0, 'number', 0.77, null, 'exact', null, null]]],
    ['一共有三千零五人', [['三千零五人', 3, 'count', 3005, null, 'exact', null, '人']]],
  ]);
});

describe('approximation', () => {
  table([
    ['约1000万元', [['约1000万元', 0, 'money', 10000000, null, 'about', 'CNY', null]]],
    ['大约10美元', [['大约10美元', 0, 'money', 10, null, 'about', 'USD', null]]],
    ['10美元左右', [['10美元左右', 0, 'money', 10, null, 'about', 'USD', null]]],
    ['五十岁上下', [['五十岁上下', 0, 'age', 50, null, 'about', null, '岁']]],
    ['二十来岁', [['二十来岁', 0, 'age', 20, null, 'about', null, '岁']]],
    ['微信那11亿+的月活', [['11亿+', 3, 'number', 1100000000, null, 'over', null, null]]],
    ['三千多万', [['三千多万', 0, 'number', 30000000, null, 'over', null, null]]],
    ['十余万', [['十余万', 0, 'number', 100000, null, 'over', null, null]]],
    ['3万余人', [['3万余人', 0, 'count', 30000, null, 'over', null, '人']]],
    ['1000余家', [['1000余家', 0, 'count', 1000, null, 'over', null, '家']]],
    ['三十多人', [['三十多人', 0, 'count', 30, null, 'over', null, '人']]],
    ['2万多元', [['2万多元', 0, 'money', 20000, null, 'over', 'CNY', null]]],
    ['逾千家', [['逾千家', 0, 'count', 1000, null, 'over', null, '家']]],
    ['超过100万家', [['超过100万家', 0, 'count', 1000000, null, 'over', null, '家']]],
    ['至少10美元', [['至少10美元', 0, 'money', 10, null, 'over', 'USD', null]]],
    ['年龄在18岁以上', [['18岁以上', 3, 'age', 18, null, 'over', null, '岁']]],
    ['上万人', [['上万人', 0, 'count', 10000, null, 'over', null, '人']]],
    ['销量过亿', [['过亿', 2, 'number', 100000000, null, 'over', null, null]]],
    ['近10万', [['近10万', 0, 'number', 100000, null, 'under', null, null]]],
    ['近百家', [['近百家', 0, 'count', 100, null, 'under', null, '家']]],
    ['不到半年', [['不到半年', 0, 'duration', 0.5, null, 'under', null, '年']]],
    ['最多10美元', [['最多10美元', 0, 'money', 10, null, 'under', 'USD', null]]],
    ['小于100的员工', [['小于100', 0, 'number', 100, null, 'under', null, null]]],
    ['3家以下', [['3家以下', 0, 'count', 3, null, 'under', null, '家']]],
    ['最近3天', [['3天', 2, 'duration', 3, null, 'exact', null, '天']]],
    ['节约30%', [['30%', 2, 'percent', 30, null, 'exact', null, '%']]],
    ['大于10', [['大于10', 0, 'number', 10, null, 'over', null, null]]],
    ['大于等于10', [['大于等于10', 0, 'number', 10, null, 'over', null, null]]],
    ['小于等于5', [['小于等于5', 0, 'number', 5, null, 'under', null, null]]],
    ['20多', [['20多', 0, 'number', 20, null, 'over', null, null]]],
    ['约4.2亿元', [['约4.2亿元', 0, 'money', 420000000, null, 'about', 'CNY', null]]],
  ]);
});

describe('ranges', () => {
  table([
    ['四五万', [['四五万', 0, 'number', 40000, 50000, 'range', null, null]]],
    ['四五万左右', [['四五万左右', 0, 'number', 40000, 50000, 'range', null, null]]],
    ['两到三万', [['两到三万', 0, 'number', 20000, 30000, 'range', null, null]]],
    ['几十万', [['几十万', 0, 'number', 200000, 900000, 'range', null, null]]],
    ['数十家', [['数十家', 0, 'count', 20, 90, 'range', null, '家']]],
    ['数万名', [['数万名', 0, 'count', 20000, 90000, 'range', null, '名']]],
    ['十几个', [['十几个', 0, 'count', 11, 19, 'range', null, '个']]],
    ['2万-8万元', [['2万-8万元', 0, 'money', 20000, 80000, 'range', 'CNY', null]]],
    ['2-8万元', [['2-8万元', 0, 'money', 20000, 80000, 'range', 'CNY', null]]],
    ['5000-1万元', [['5000-1万元', 0, 'money', 5000, 10000, 'range', 'CNY', null]]],
    ['10-20美元', [['10-20美元', 0, 'money', 10, 20, 'range', 'USD', null]]],
    ['10至20美元', [['10至20美元', 0, 'money', 10, 20, 'range', 'USD', null]]],
    ['$10-$20', [['$10-$20', 0, 'money', 10, 20, 'range', 'USD', null]]],
    ['两三个月', [['两三个月', 0, 'duration', 2, 3, 'range', null, '月']]],
    ['三到五年', [['三到五年', 0, 'duration', 3, 5, 'range', null, '年']]],
    ['5至10年', [['5至10年', 0, 'duration', 5, 10, 'range', null, '年']]],
    ['五六十岁', [['五六十岁', 0, 'age', 50, 60, 'range', null, '岁']]],
    ['18-35岁', [['18-35岁', 0, 'age', 18, 35, 'range', null, '岁']]],
    ['七八十人', [['七八十人', 0, 'count', 70, 80, 'range', null, '人']]],
    ['十五六岁', [['十五六岁', 0, 'age', 15, 16, 'range', null, '岁']]],
    ['10到20之间', [['10到20之间', 0, 'number', 10, 20, 'range', null, null]]],
    ['在10和20之间', [['10和20之间', 1, 'number', 10, 20, 'range', null, null]]],
    ['介于3和5之间', [['介于3和5之间', 0, 'number', 3, 5, 'range', null, null]]],
    ['3至5万元', [['3至5万元', 0, 'money', 30000, 50000, 'range', 'CNY', null]]],
    ['1.2-1.8万元', [['1.2-1.8万元', 0, 'money', 12000, 18000, 'range', 'CNY', null]]],
    ['3500万-5000万', [['3500万-5000万', 0, 'number', 35000000, 50000000, 'range', null, null]]],
    ['两千万至三千万', [['两千万至三千万', 0, 'number', 20000000, 30000000, 'range', null, null]]],
    ['十几万元', [['十几万元', 0, 'money', 110000, 190000, 'range', 'CNY', null]]],
    ['六七万元', [['六七万元', 0, 'money', 60000, 70000, 'range', 'CNY', null]]],
    ['七八十万元', [['七八十万元', 0, 'money', 700000, 800000, 'range', 'CNY', null]]],
    ['三到五块', [['三到五块', 0, 'money', 3, 5, 'range', 'CNY', null]]],
    ['几百块钱', [['几百块钱', 0, 'money', 200, 900, 'range', 'CNY', null]]],
    ['3-5元', [['3-5元', 0, 'money', 3, 5, 'range', 'CNY', null]]],
    // Not a range: the right side is smaller; 之间 alone does not make one.
    ['5-3', []],
    ['20之间', [['20', 0, 'number', 20, null, 'exact', null, null]]],
  ]);
});

describe('counts, durations, ages, ranks', () => {
  table([
    ['共产生了3245亿次', [['3245亿次', 4, 'count', 324500000000, null, 'exact', null, '次']]],
    ['8.54亿人的网民', [['8.54亿人', 0, 'count', 854000000, null, 'exact', null, '人']]],
    ['6万人齐聚', [['6万人', 0, 'count', 60000, null, 'exact', null, '人']]],
    ['三个平台中', [['三个', 0, 'count', 3, null, 'exact', null, '个']]],
    ['两款产品', [['两款', 0, 'count', 2, null, 'exact', null, '款']]],
    ['100名员工', [['100名', 0, 'count', 100, null, 'exact', null, '名']]],
    ['5位专家', [['5位', 0, 'count', 5, null, 'exact', null, '位']]],
    ['20辆车', [['20辆', 0, 'count', 20, null, 'exact', null, '辆']]],
    ['三块蛋糕', [['三块', 0, 'count', 3, null, 'exact', null, '块']]],
    ['马云55岁生日', [['55岁', 2, 'age', 55, null, 'exact', null, '岁']]],
    ['3岁半', [['3岁半', 0, 'age', 3.5, null, 'exact', null, '岁']]],
    ['年满18周岁', [['18周岁', 2, 'age', 18, null, 'exact', null, '岁']]],
    ['经历了19年', [['19年', 3, 'duration', 19, null, 'exact', null, '年']]],
    ['已晚于微信3年,', [['3年', 5, 'duration', 3, null, 'exact', null, '年']]],
    ['半年', [['半年', 0, 'duration', 0.5, null, 'exact', null, '年']]],
    ['半个月', [['半个月', 0, 'duration', 0.5, null, 'exact', null, '月']]],
    ['一年半', [['一年半', 0, 'duration', 1.5, null, 'exact', null, '年']]],
    ['两个半小时', [['两个半小时', 0, 'duration', 2.5, null, 'exact', null, '小时']]],
    ['3个多月', [['3个多月', 0, 'duration', 3, null, 'over', null, '月']]],
    ['3年多', [['3年多', 0, 'duration', 3, null, 'over', null, '年']]],
    ['过去十多年', [['十多年', 2, 'duration', 10, null, 'over', null, '年']]],
    ['近两年的零售', [['近两年', 0, 'duration', 2, null, 'under', null, '年']]],
    ['在24小时内处理', [['24小时', 1, 'duration', 24, null, 'exact', null, '小时']]],
    ['也在8个小时被全面封锁', [['8个小时', 2, 'duration', 8, null, 'exact', null, '小时']]],
    ['30分钟', [['30分钟', 0, 'duration', 30, null, 'exact', null, '分钟']]],
    ['第一', [['第一', 0, 'rank', 1, null, 'exact', null, null]]],
    ['第3名', [['第3名', 0, 'rank', 3, null, 'exact', null, '名']]],
    ['排名第二', [['第二', 2, 'rank', 2, null, 'exact', null, null]]],
    ['排在第5位', [['第5位', 2, 'rank', 5, null, 'exact', null, '位']]],
    ['在2月5日拿到第一,首次反超', [['第一', 7, 'rank', 1, null, 'exact', null, null]]],
    ['成为中国第一的企业社交平台', [['第一', 4, 'rank', 1, null, 'exact', null, null]]],
    ['集团第三大购物节', [['第三', 2, 'rank', 3, null, 'exact', null, null]]],
    ['排名还在150名左右', [['150名左右', 4, 'rank', 150, null, 'about', null, '名']]],
    ['排名前三', [['前三', 2, 'rank', 3, null, 'under', null, null]]],
    ['进入前10强', [['前10强', 2, 'rank', 10, null, 'under', null, null]]],
    ['一天', [['一天', 0, 'duration', 1, null, 'exact', null, '天']]],
    ['一分钟', [['一分钟', 0, 'duration', 1, null, 'exact', null, '分钟']]],
    ['一岁半', [['一岁半', 0, 'age', 1.5, null, 'exact', null, '岁']]],
    ['两岁半', [['两岁半', 0, 'age', 2.5, null, 'exact', null, '岁']]],
    ['婴儿才三个月大', [['三个月大', 3, 'age', 3, null, 'exact', null, '月']]],
    ['十个百分点', [['十个百分点', 0, 'percent', 10, null, 'exact', null, '百分点']]],
    ['第一百五十三', [['第一百五十三', 0, 'rank', 153, null, 'exact', null, null]]],
    ['GMV3年打造100个亿级新品牌', [
      ['3年', 3, 'duration', 3, null, 'exact', null, '年'],
      ['100个', 7, 'count', 100, null, 'exact', null, '个'],
    ]],
  ]);
});

describe('not figures', () => {
  it.each([
    // versions and names
    '支付宝在9.2版本中正式推出', '钱包8.5版本推出红包功能', '手机QQ最新5.4版本加入', 'V2.0上线', '进入3.0时代',
    '升级为「99划算节」', '99大促', '1.2.3版', 'iPhone 12发布', 'Win10系统', 'MP3格式',
    // identifiers
    '冀ICP备2023038169号-3', '联系电话13812345678', '客服热线400-123-4567', '电话：010-12345678',
    '身份证110101199003074514', '编号12345', '5号线', '01', '007',
    // tokens with letters
    '5G网络和4G手机，3D打印', 'B站和A股', 'Q2', '4K电视',
    // words containing numerals
    '四川成都', '一方面是阿里的流量焦虑', '万一出事', '两会期间', '一鸣网', '十荟团', '三星电子', '大家一起努力', '一直以来',
    '一些用户', '统一企业', '唯一一个', '一个电商平台', '百度和千牛', '万达集团', '十分喜人', '一星半', '百万级别',
    '乱七八糟', '三五成群', '五大玩法', '两回事', '千万不要', '十万火急', '一点一滴', '有一点', '十足',
    '一成不变', '又一次机会', '那一天', '第一次', '第一个吃螃蟹', '第十届大会', '三只松鼠', '七匹狼', '361度', '第二阶段优化', '第三方服务', '第一时间', '其二，', '周三，', '初一，',
    '双十一当天', '双11购物节', '十一月', '七麦数据', '一、背景', '（二）发展', '1. 背景',
    // times and dates
    '晚上21点左右', '7×24小时', '13:56:39', '2016-06-15', '2020.3.17', '20181105', '3月', '2月份', '9月23日', '2013年', '较19年增长',
    '3年前', '5天后', '一年多前就开始', '三天之后', '第1季度', '前三季度营收',
    // urls and enumerations
    'http://www.esxun.cn/dianshang/856.html', '第一，微信支付的崛起', '第二，', '5/8',
  ])('%s', (input) => {
    expect(extractFigures(input).map(row)).toEqual([]);
  });
});

describe('options and offsets', () => {
  it('does not report figures overlapping excluded spans (dates)', () => {
    const text = '2013年9月23日上线,3年后花了1000万';
    const figures = extractFigures(text, { exclude: [{ start: 0, end: 10 }] });
    expect(figures.map(row)).toEqual([['1000万', 18, 23, 'money', 10000000, null, 'exact', 'CNY', null, true]]);
  });

  it('drops a figure that an excluded span cuts', () => {
    expect(extractFigures('共计3000人', { exclude: [{ start: 4, end: 6 }] })).toEqual([]);
  });

  it('keeps offsets into the original text with full-width digits', () => {
    const text = '营收１２．５亿元，增长３０％';
    expect(extractFigures(text).map(row)).toEqual([
      ['１２．５亿元', 2, 8, 'money', 1250000000, null, 'exact', 'CNY', null, false],
      ['３０％', 11, 14, 'percent', 30, null, 'exact', null, '%', false],
    ]);
  });

  it('reports the parser that fired', () => {
    const [figure] = extractFigures('百分之二十');
    expect(figure!.rule).toBe('percent-words');
  });

  it('handles a long text without overlapping mentions', () => {
    const text = '阿里斥资10亿,其中约3000万元用于补贴,覆盖5-8万家商户,增长26%。'.repeat(50);
    const figures = extractFigures(text);
    expect(figures.length).toBe(200);
    for (let i = 1; i < figures.length; i++) expect(figures[i]!.start).toBeGreaterThanOrEqual(figures[i - 1]!.end);
  });
});

describe('sample articles', () => {
  const converter = OpenCC.Converter({ from: 'tw', to: 'cn' });
  const files = readdirSync('raw').sort();
  const article = (prefix: string) => {
    const file = files.find((f) => f.startsWith(prefix));
    if (!file) throw new Error(`missing raw/${prefix}*`);
    return converter(readFileSync(`raw/${file}`, 'utf8'));
  };
  const expectations = JSON.parse(readFileSync('tests/fixtures/figures/articles.json', 'utf8')) as Record<
    string,
    { found: Array<[string, FigureKind, number, number | null, Approximation, string | null, string | null]>; absent: string[] }
  >;

  it.each(Object.keys(expectations))('article %s', (prefix) => {
    const text = article(prefix);
    const figures = extractFigures(text);
    const summary = figures.map((f) => [f.text, f.kind, f.value, f.max, f.approx, f.currency, f.unit]);
    for (const expected of expectations[prefix]!.found) expect(summary).toContainEqual(expected);
    for (const surface of expectations[prefix]!.absent) {
      let at = text.indexOf(surface);
      expect(at, `${surface} should occur in the article`).toBeGreaterThanOrEqual(0);
      while (at >= 0) {
        const end = at + surface.length;
        const hits = figures.filter((f) => f.start < end && at < f.end);
        expect(hits.map((f) => f.text), surface).toEqual([]);
        at = text.indexOf(surface, at + 1);
      }
    }
    for (const f of figures) expect(text.slice(f.start, f.end)).toBe(f.text);
  });
});

describe('probe set (tests/fixtures/figures/probe.json)', () => {
  type ProbeFigure = [string, number, FigureKind, number, number | null, Approximation, string | null, string | null];
  const probe = JSON.parse(readFileSync('tests/fixtures/figures/probe.json', 'utf8')) as {
    sections: Record<string, Array<[string, ProbeFigure[]]>>;
  };
  const toSimplified = OpenCC.Converter({ from: 'tw', to: 'cn' });

  it('holds at least 300 expressions, positive and negative', () => {
    const cases = Object.values(probe.sections).flat();
    expect(cases.length).toBeGreaterThanOrEqual(300);
    expect(cases.filter(([, expected]) => expected.length === 0).length).toBeGreaterThanOrEqual(50);
  });

  for (const [section, cases] of Object.entries(probe.sections)) {
    describe(section, () => {
      it.each(cases)('%s', (input, expected) => {
        const text = toSimplified(input);
        expect(text.length).toBe(input.length); // offsets of the Simplified text are those of the input
        const found = extractFigures(text).map((f) => [
          input.slice(f.start, f.end), f.start, f.kind, f.value, f.max, f.approx, f.currency, f.unit,
        ]);
        expect(found).toEqual(expected);
      });
    });
  }
});

describe('new shapes', () => {
  table([
    ['半打', [['半打', 0, 'number', 6, null, 'exact', null, null]]],
    ['他比我大半岁', [['半岁', 4, 'age', 0.5, null, 'exact', null, '岁']]],
    ['三又五分之一', [['三又五分之一', 0, 'number', 3.2, null, 'exact', null, null]]],
    ['约有两千人参加', [['约有两千人', 0, 'count', 2000, null, 'about', null, '人']]],
    ['大于20小于30', [['大于20小于30', 0, 'number', 20, 30, 'range', null, null]]],
    ['20以上30以下', [['20以上30以下', 0, 'number', 20, 30, 'range', null, null]]],
    ['港币10元', [['港币10元', 0, 'money', 10, null, 'exact', 'HKD', null]]],
    ['零下5到10度', [['零下5到10度', 0, 'number', -10, -5, 'range', null, '度']]],
    // Not a range: the upper bound comes first, or a clause separates them.
    ['小于30大于20', [
      ['小于30', 0, 'number', 30, null, 'under', null, null],
      ['大于20', 4, 'number', 20, null, 'over', null, null],
    ]],
    ['大于20，小于30', [
      ['大于20', 0, 'number', 20, null, 'over', null, null],
      ['小于30', 5, 'number', 30, null, 'under', null, null],
    ]],
    // A price per unit: the 一 after the amount is 'per', and 钱 closes the amount.
    ['五块钱一斤', [['五块钱', 0, 'money', 5, null, 'exact', 'CNY', null]]],
    ['两块五一瓶', [['两块五', 0, 'money', 2.5, null, 'exact', 'CNY', null]]],
  ]);

  it.each(['总价,.99元', 'V.5', '1.5.77', '点一份外卖', '一、二等奖', '三角形', '那一天', '一年一度'])('%s is not a leading-point or lone-one figure', (input) => {
    expect(extractFigures(input).filter((f) => f.value === 0.99 || f.value === 0.5 || f.value === 0.77 || f.value === 0.1 || f.value === 1)).toEqual([]);
  });
});

describe('performance', () => {
  it('stays linear on a 1 MB single line dense with numerals', () => {
    const unit = '阿里斥资10亿,其中约3000万元用于补贴,覆盖5-8万家商户,增长26%,七成用户在二三十岁之间。第一';
    const text = unit.repeat(Math.ceil((1 << 20) / unit.length));
    const started = performance.now();
    const figures = extractFigures(text, { exclude: [{ start: 0, end: 1 }] });
    const elapsed = performance.now() - started;
    expect(figures.length).toBeGreaterThan(100_000);
    expect(elapsed).toBeLessThan(20_000); // quadratic steps took minutes here
  }, 60_000);

  it('handles thousands of excluded spans', () => {
    const text = '2020年花了100万元，'.repeat(20_000);
    const exclude = Array.from({ length: 20_000 }, (_, k) => ({ start: k * 13, end: k * 13 + 5 }));
    const started = performance.now();
    const figures = extractFigures(text, { exclude });
    expect(figures.length).toBe(20_000);
    expect(figures[0]!.text).toBe('100万元');
    expect(performance.now() - started).toBeLessThan(10_000);
  }, 60_000);

  it('reports nothing for a megabyte of digits', () => {
    expect(extractFigures('1234567890'.repeat(100_000))).toEqual([]);
  });
});
