import { describe, expect, it } from 'vitest';
import { extractClaims } from '../../src/claims/extract.ts';
import type { LocalClaim } from '../../src/claims/types.ts';
import { Fixture, locate } from './fixture.ts';

const find = (claims: LocalClaim[], predicate: string, subject?: string) =>
  claims.filter((c) => c.predicate === predicate && (subject === undefined || c.subject === subject));

/** The one claim of a predicate (fails if there are several or none). */
function only(claims: LocalClaim[], predicate: string, subject?: string): LocalClaim {
  const found = find(claims, predicate, subject);
  expect(found.map((c) => `${c.predicate} ${c.subject} ${c.rule}`)).toHaveLength(1);
  return found[0];
}

function span(m: { start: number; end: number; text: string }) {
  return [m.start, m.end, m.text];
}

describe('launch claims', () => {
  it('reads a full date before a quoted product and an intransitive 上线', () => {
    const f = new Fixture('2014年 3月 8日,“快聊”正式上线,主打陌生人社交。')
      .date('2014年 3月 8日', '2014-03-08', 'day')
      .entity('快聊', '快聊', 'product');
    const claims = extractClaims(f.input());
    const claim = only(claims, 'launch');
    expect(claim.subject).toBe('快聊');
    expect(claim.object).toEqual({ type: 'date', start: '2014-03-08', end: null, granularity: 'day', basis: 'explicit' });
    expect(claim.when).toEqual({ start: '2014-03-08', end: null, granularity: 'day' });
    expect(span(claim.evidence)).toEqual(span(locate(f.text, '2014年 3月 8日')));
    expect(span(claim.subjectEvidence)).toEqual(span(locate(f.text, '快聊')));
    expect(span(claim.trigger)).toEqual(span(locate(f.text, '正式上线')));
    expect(span(claim.sentence)).toEqual([0, f.text.length, f.text]);
    expect(claim.rule).toBe('launch:正式上线:preceding:date-before');
    expect(claim.confidence).toBeGreaterThanOrEqual(0.8);
  });

  it('takes a year in an earlier clause and the name right before the verb', () => {
    const f = new Fixture('2016年,一改往日高调作风,飞书低调上线,并在办公领域站稳了脚跟。')
      .date('2016年', '2016', 'year')
      .entity('飞书', '飞书', 'product');
    const claim = only(extractClaims(f.input()), 'launch');
    expect(claim.subject).toBe('飞书');
    expect(claim.object).toMatchObject({ type: 'date', start: '2016', granularity: 'year' });
    expect(span(claim.evidence)).toEqual(span(locate(f.text, '2016年')));
  });

  it('keeps the basis of a date whose year came from context', () => {
    const f = new Fixture('2012年,腾讯成立移动事业部。5月20日,“微米”正式上线。')
      .date('2012年', '2012', 'year')
      .date('5月20日', '2012-05-20', 'day', { basis: 'context' })
      .entity('腾讯', '腾讯', 'organization')
      .entity('微米', '微米', 'product');
    const claims = extractClaims(f.input());
    const claim = only(claims, 'launch', '微米');
    expect(claim.object).toEqual({ type: 'date', start: '2012-05-20', end: null, granularity: 'day', basis: 'context' });
    expect(span(claim.evidence)).toEqual(span(locate(f.text, '5月20日')));
    // 成立 + a phrase that is no known entity: nobody is said to have been founded.
    expect(find(claims, 'launch', '腾讯')).toEqual([]);
  });

  it('reads relative clauses: 2015年上线的X、2017年上线的“Y”活动', () => {
    const f = new Fixture('2015年上线的芝麻信用、2017年上线的“集卡”活动,都为支付宝赢回了口碑。')
      .date('2015年', '2015', 'year')
      .date('2017年', '2017', 'year')
      .entity('芝麻信用', '芝麻信用', 'product')
      .entity('集卡', '集卡', 'event')
      .entity('支付宝', '支付宝', 'product');
    const claims = find(extractClaims(f.input()), 'launch');
    expect(claims.map((c) => [c.subject, (c.object as { start: string }).start, c.rule])).toEqual([
      ['芝麻信用', '2015', 'launch:上线:relative:date-before'],
      ['集卡', '2017', 'launch:上线:relative:date-before'],
    ]);
    expect(span(claims[1].evidence)).toEqual(span(locate(f.text, '2017年')));
  });

  it('makes the object of 推出 the subject, not the company that launched it', () => {
    const f = new Fixture('早在2010年11月小米推出移动社交软件“米聊”,比微信早了两个月。')
      .date('2010年11月', '2010-11', 'month')
      .entity('小米', '小米', 'organization')
      .entity('米聊', '米聊', 'product')
      .entity('微信', '微信', 'product');
    const claim = only(extractClaims(f.input()), 'launch');
    expect(claim.subject).toBe('米聊');
    expect(claim.rule).toBe('launch:推出:object:date-before');
    expect(span(claim.subjectEvidence)).toEqual(span(locate(f.text, '米聊')));
  });

  it('gives one claim per coordinated product', () => {
    const f = new Fixture('2016年,支付宝推出「校园日记」和「白领日记」两项功能。')
      .date('2016年', '2016', 'year')
      .entity('支付宝', '支付宝', 'product')
      .entity('校园日记', '校园日记', 'product', 0, true)
      .entity('白领日记', '白领日记', 'product', 0, true);
    const claims = find(extractClaims(f.input()), 'launch');
    expect(claims.map((c) => c.subject)).toEqual(['校园日记', '白领日记']);
    // Discovered names are a little less certain than lexicon names.
    expect(claims[0].confidence).toBeLessThan(0.85);
  });

  it('skips a modifier name inside the object phrase (基于淘宝的淘江湖)', () => {
    const f = new Fixture('早在2009年,阿里推出了基于淘宝的淘江湖。')
      .date('2009年', '2009', 'year')
      .entity('阿里', '阿里巴巴', 'organization')
      .entity('淘宝', '淘宝', 'product')
      .entity('淘江湖', '淘江湖', 'product', 0, true);
    const claims = extractClaims(f.input());
    expect(find(claims, 'launch').map((c) => c.subject)).toEqual(['淘江湖']);
  });

  it('makes no claim when the launched thing is not an entity (a feature)', () => {
    const f = new Fixture('3月1日支付宝钱包9.0版本推出红包功能。随后钉钉在3月2日上线全新功能群直播。')
      .date('3月1日', '2016-03-01', 'day', { basis: 'context' })
      .date('3月2日', '2016-03-02', 'day', { basis: 'context' })
      .entity('支付宝钱包', '支付宝', 'product')
      .entity('钉钉', '钉钉', 'product');
    expect(find(extractClaims(f.input()), 'launch')).toEqual([]);
  });

  it('stops the object phrase at a preposition (jieba tag p)', () => {
    const f = new Fixture('2016年推出红包功能给淘宝带来了不少新用户。')
      .date('2016年', '2016', 'year')
      .entity('淘宝', '淘宝', 'product')
      .token('红包', 'n')
      .token('功能', 'n')
      .token('给', 'p');
    expect(find(extractClaims(f.input()), 'launch')).toEqual([]);
    // Without tokens the phrase would run on to 淘宝: the tokens are what stops it.
    const withoutTokens = { ...f.input(), tokens: [] };
    expect(find(extractClaims(withoutTokens), 'launch').map((c) => c.subject)).toEqual(['淘宝']);
  });

  it('ignores negated and planned launches, and 上线测试', () => {
    const negated = new Fixture('到2020年,“快聊”仍然尚未正式上线。').date('2020年', '2020', 'year').entity('快聊', '快聊', 'product');
    expect(extractClaims(negated.input())).toEqual([]);
    const planned = new Fixture('京东计划于2021年在香港上市。').date('2021年', '2021', 'year').entity('京东', '京东', 'organization');
    const listing = only(extractClaims(planned.input()), 'listing');
    expect(listing.subject).toBe('京东');
    expect(listing.confidence).toBeLessThan(0.5);
    const notNegated = new Fixture('2016年,阿里不断推出“来往”。').date('2016年', '2016', 'year').entity('来往', '来往', 'product');
    expect(only(extractClaims(notNegated.input()), 'launch').subject).toBe('来往');
    const test = new Fixture('2016年春节,微信的红包照片上线测试就爆红。').date('2016年', '2016', 'year').entity('微信', '微信', 'product');
    expect(extractClaims(test.input())).toEqual([]);
  });

  it('takes the sentence topic when the clause of the verb names nobody', () => {
    const f = new Fixture('而快聊虽然作为腾讯独立于游戏业务之外的重磅产品,在2014年问世时已晚于微信3年;')
      .entity('快聊', '快聊', 'product')
      .entity('腾讯', '腾讯', 'organization')
      .entity('微信', '微信', 'product')
      .date('2014年', '2014', 'year')
      .figure('3年', 'duration', 3, { unit: '年' });
    const claim = only(extractClaims(f.input()), 'launch');
    expect(claim.subject).toBe('快聊');
    expect(claim.rule).toBe('launch:问世:topic:date-before');
    expect(claim.confidence).toBeCloseTo(0.7, 5);
  });

  it('carries the subject over from the previous sentence of the paragraph only', () => {
    const text = '飞书是字节跳动的办公产品。2019年正式上线后,增长迅速。\n2020年正式上线后,增长迅速。';
    const f = new Fixture(text)
      .entity('飞书', '飞书', 'product')
      .entity('字节跳动', '字节跳动', 'organization')
      .date('2019年', '2019', 'year')
      .date('2020年', '2020', 'year');
    const claims = find(extractClaims(f.input()), 'launch');
    expect(claims.map((c) => [c.subject, c.rule, (c.object as { start: string }).start])).toEqual([
      ['飞书', 'launch:正式上线:carried:date-before', '2019'],
    ]);
    expect(claims[0].confidence).toBeCloseTo(0.6, 5);
  });

  it('dates a launch only from its own clause or a clause that just sets the time', () => {
    const f = new Fixture('马化腾在春节谈到微视是腾讯战术性产品,他还说,推出微视给腾讯培养了人才。早在2013年,一改往日作风,腾讯推出微视。')
      .entity('马化腾', '马化腾', 'person')
      .date('春节', '2014-01-31', 'day', { basis: 'context' })
      .entity('微视', '微视', 'product')
      .entity('腾讯', '腾讯', 'organization')
      .entity('微视', '微视', 'product', 1)
      .entity('腾讯', '腾讯', 'organization', 1)
      .date('2013年', '2013', 'year')
      .entity('腾讯', '腾讯', 'organization', 2)
      .entity('微视', '微视', 'product', 2);
    const claims = find(extractClaims(f.input()), 'launch');
    expect(claims.map((c) => [c.subject, (c.object as { start: string }).start])).toEqual([['微视', '2013']]);
    expect(span(claims[0].evidence)).toEqual(span(locate(f.text, '2013年')));
  });

  it('reads 成立于 + a date after the verb', () => {
    const f = new Fixture('字节跳动成立于2012年3月,总部位于北京。')
      .entity('字节跳动', '字节跳动', 'organization')
      .date('2012年3月', '2012-03', 'month')
      .entity('北京', '北京', 'place');
    const claim = only(extractClaims(f.input()), 'launch');
    expect(claim.subject).toBe('字节跳动');
    expect(claim.rule).toBe('launch:成立:preceding:date-after');
  });
});

describe('listing and stake claims', () => {
  it('reads a stake held in a company (X持股N%的Y) and its listing date', () => {
    const f = new Fixture('腾讯持股18%的京东则在2014年5月22日登陆了纳斯达克。')
      .entity('腾讯', '腾讯', 'organization')
      .entity('京东', '京东', 'organization')
      .entity('纳斯达克', '纳斯达克', 'organization')
      .figure('18%', 'percent', 18, { unit: '%' })
      .date('2014年5月22日', '2014-05-22', 'day');
    const claims = extractClaims(f.input());
    const stake = only(claims, 'stake');
    expect(stake).toMatchObject({ subject: '京东', agent: '腾讯', rule: 'stake:持股:relative:figure-after' });
    expect(stake.object).toEqual({ type: 'figure', kind: 'percent', value: 18, max: null, approx: 'exact', currency: null, unit: '%' });
    expect(span(stake.evidence)).toEqual(span(locate(f.text, '18%')));
    const listing = only(claims, 'listing');
    expect(listing.subject).toBe('京东');
    expect(listing.object).toMatchObject({ start: '2014-05-22', granularity: 'day' });
    expect(span(listing.trigger)).toEqual(span(locate(f.text, '登陆了纳斯达克')));
  });

  it('does not read 上市公司 as a listing', () => {
    const f = new Fixture('2019年,作为上市公司的京东业绩稳健。').date('2019年', '2019', 'year').entity('京东', '京东', 'organization');
    expect(extractClaims(f.input())).toEqual([]);
  });

  it('gives a holder-only stake low confidence', () => {
    const f = new Fixture('2018年,腾讯持股12%。').date('2018年', '2018', 'year').entity('腾讯', '腾讯', 'organization').figure('12%', 'percent', 12, { unit: '%' });
    const stake = only(extractClaims(f.input()), 'stake');
    expect(stake.confidence).toBeLessThanOrEqual(0.4);
    expect(stake.rule.endsWith(':no-patient')).toBe(true);
  });
});

describe('spend claims', () => {
  it('takes what the money promotes as the subject (花掉X,全力推广Y)', () => {
    const f = new Fixture('当时腾讯曾放言要在“一周内花掉500万,全力推广微视”。')
      .entity('腾讯', '腾讯', 'organization')
      .entity('微视', '微视', 'product')
      .figure('500万', 'money', 5_000_000, { currency: 'CNY', inferred: true });
    const claim = only(extractClaims(f.input()), 'spend');
    expect(claim).toMatchObject({ subject: '微视', agent: '腾讯', rule: 'spend:花掉:patient:figure-after' });
    expect(claim.object).toEqual({ type: 'figure', kind: 'money', value: 5_000_000, max: null, approx: 'exact', currency: 'CNY', unit: null });
    expect(span(claim.evidence)).toEqual(span(locate(f.text, '500万')));
    expect(claim.when).toBeNull();
  });

  it('resolves 进行推广 to the product named before the money', () => {
    const f = new Fixture('面对当时如日中天的抖音,腾讯推出微视,并宣布斥资30亿进行推广。')
      .entity('抖音', '抖音', 'product')
      .entity('腾讯', '腾讯', 'organization')
      .entity('微视', '微视', 'product')
      .figure('30亿', 'money', 3_000_000_000, { currency: 'CNY', inferred: true });
    const claim = only(extractClaims(f.input()), 'spend');
    expect(claim).toMatchObject({ subject: '微视', agent: '腾讯', rule: 'spend:斥资:patient-anaphora:figure-after' });
    expect(claim.confidence).toBeGreaterThanOrEqual(0.7);
  });

  it('takes the company bought into, not the country before it (入股美国…X)', () => {
    const f = new Fixture('随后腾讯在海外“合纵连横”,斥资3亿美元入股美国社交应用Snap,后者被称为西方的“阅后即焚”。')
      .entity('腾讯', '腾讯', 'organization')
      .entity('美国', '美国', 'place')
      .entity('Snap', 'Snap', 'organization', 0, true)
      .figure('3亿美元', 'money', 300_000_000, { currency: 'USD' });
    const claim = only(extractClaims(f.input()), 'spend');
    expect(claim).toMatchObject({ subject: 'Snap', agent: '腾讯', rule: 'spend:斥资:patient:figure-after' });
    expect((claim.object as { currency: string }).currency).toBe('USD');
  });

  it('reads 以X美元收购Y as a spend on Y', () => {
    const f = new Fixture('2014年,阿里巴巴以11亿美元收购高德。')
      .date('2014年', '2014', 'year')
      .entity('阿里巴巴', '阿里巴巴', 'organization')
      .entity('高德', '高德', 'organization')
      .figure('11亿美元', 'money', 1_100_000_000, { currency: 'USD' });
    const claim = only(extractClaims(f.input()), 'spend');
    expect(claim).toMatchObject({ subject: '高德', agent: '阿里巴巴' });
    expect(claim.when).toEqual({ start: '2014', end: null, granularity: 'year' });
  });

  it('gives a spend without a stated purpose low confidence', () => {
    const f = new Fixture('拼多多投入5000万元启动大规模“知识普惠行动”。')
      .entity('拼多多', '拼多多', 'organization')
      .figure('5000万元', 'money', 50_000_000, { currency: 'CNY' });
    const claim = only(extractClaims(f.input()), 'spend');
    expect(claim.subject).toBe('拼多多');
    expect(claim.confidence).toBeLessThanOrEqual(0.4);
  });

  it('does not take a purpose verb of a new actor in a later clause', () => {
    const f = new Fixture('阿里斥资10亿元,腾讯则全力推广微信。')
      .entity('阿里', '阿里巴巴', 'organization')
      .entity('腾讯', '腾讯', 'organization')
      .entity('微信', '微信', 'product')
      .figure('10亿元', 'money', 1_000_000_000, { currency: 'CNY' });
    const claims = find(extractClaims(f.input()), 'spend');
    expect(claims.map((c) => c.subject)).not.toContain('微信');
    expect(claims.every((c) => c.confidence <= 0.4)).toBe(true);
  });

  it('ignores 花 and 投资 that carry no amount', () => {
    const f = new Fixture('阿里曾两次投资陌陌,还花了很多心思。').entity('阿里', '阿里巴巴', 'organization').entity('陌陌', '陌陌', 'product');
    expect(extractClaims(f.input())).toEqual([]);
  });
});

describe('figure claims and their time', () => {
  const series = [
    '2018年,天猫双十一成交额2135亿,增长已显疲态;',
    '2019年,淘宝首次推出叠猫猫活动,当年双十一最终战绩为2684亿元;',
    '2020年,当年双11当天较19年增长了26%,创下4982亿+的成绩。',
  ].join('');

  function seriesFixture(): Fixture {
    return new Fixture(series)
      .date('2018年', '2018', 'year')
      .entity('天猫双十一', '双十一', 'event')
      .figure('2135亿', 'number', 213_500_000_000)
      .date('2019年', '2019', 'year')
      .entity('淘宝', '淘宝', 'product')
      .date('当年', '2019', 'year', { basis: 'context' })
      .entity('双十一', '双十一', 'event', 1)
      .figure('2684亿元', 'money', 268_400_000_000, { currency: 'CNY' })
      .date('2020年', '2020', 'year')
      .date('当年', '2020', 'year', { basis: 'context', occurrence: 1 })
      .entity('双11', '双十一', 'event')
      .date('19年', '2019', 'year')
      .figure('26%', 'percent', 26, { unit: '%' })
      .figure('4982亿+', 'number', 498_200_000_000, { approx: 'over' });
  }

  it('dates each GMV by the year of its own sentence', () => {
    const claims = extractClaims(seriesFixture().input());
    const gmv = find(claims, 'gmv');
    expect(gmv.map((c) => [c.subject, (c.object as { value: number }).value, c.when?.start])).toEqual([
      ['双十一', 213_500_000_000, '2018'],
      ['双十一', 268_400_000_000, '2019'],
    ]);
    // A bare number after 成交额 is read as money, a little less surely than a stated amount.
    expect(gmv[0].object).toMatchObject({ kind: 'money', currency: null });
    expect(gmv[0].confidence).toBeLessThan(gmv[1].confidence);
    expect(span(gmv[1].evidence)).toEqual(span(locate(series, '2684亿元')));
  });

  it('skips the comparison base (较19年) when dating a growth figure', () => {
    const growth = only(extractClaims(seriesFixture().input()), 'growth');
    expect(growth.subject).toBe('双十一');
    expect(growth.when).toEqual({ start: '2020', end: null, granularity: 'year' });
    expect(span(growth.evidence)).toEqual(span(locate(series, '26%')));
  });

  it('reads a figure standing before its measure noun (X的成交额)', () => {
    const f = new Fixture('在京东618当天1000亿的成交额中,移动端占比已高达80%。')
      .entity('京东', '京东', 'organization')
      .entity('618', '618', 'event')
      .figure('1000亿', 'number', 100_000_000_000)
      .figure('80%', 'percent', 80, { unit: '%' });
    const claims = extractClaims(f.input());
    const gmv = only(claims, 'gmv');
    expect(gmv.subject).toBe('618');
    expect(gmv.rule).toBe('gmv:成交额:preceding:figure-before');
    expect(claims.filter((c) => c.evidence.text === '80%')).toEqual([]);
  });

  it('reads monthly users of the product named before the figure', () => {
    const f = new Fixture('腾讯看中的是微信那12亿+的月活流量。')
      .entity('腾讯', '腾讯', 'organization')
      .entity('微信', '微信', 'product')
      .figure('12亿+', 'number', 1_200_000_000, { approx: 'over' });
    const claim = only(extractClaims(f.input()), 'users');
    expect(claim.subject).toBe('微信');
    expect(claim.object).toMatchObject({ kind: 'number', value: 1_200_000_000, approx: 'over' });
  });

  it('reads a customer count with its unit and the report date as time', () => {
    const f = new Fixture('阿里巴巴2016年Q2的财报显示,钉钉的企业客户数量已经超过200万家。')
      .entity('阿里巴巴', '阿里巴巴', 'organization')
      .date('2016年Q2', '2016-04', 'quarter', { end: '2016-06' })
      .entity('钉钉', '钉钉', 'product')
      .figure('超过200万家', 'count', 2_000_000, { approx: 'over', unit: '家' });
    const claim = only(extractClaims(f.input()), 'users');
    expect(claim.subject).toBe('钉钉');
    expect(claim.when).toEqual({ start: '2016-04', end: '2016-06', granularity: 'quarter' });
    expect(claim.object).toMatchObject({ unit: '家', approx: 'over' });
  });

  it('does not take a cited data source, or the topic, for a measure owned by something else', () => {
    const f = new Fixture('快手今年表现亮眼。根据艾瑞数据显示,2020年Q1,移动互联网的用户规模预计将在11.5亿封顶。')
      .entity('快手', '快手', 'product')
      .entity('艾瑞', '艾瑞咨询', 'organization')
      .date('2020年Q1', '2020-01', 'quarter', { end: '2020-03' })
      .figure('11.5亿', 'number', 1_150_000_000);
    expect(extractClaims(f.input())).toEqual([]);
    // The same measure owned by a named product is a claim.
    const owned = new Fixture('根据艾瑞数据显示,2020年Q1,快手的用户规模已达4.4亿。')
      .entity('艾瑞', '艾瑞咨询', 'organization')
      .date('2020年Q1', '2020-01', 'quarter', { end: '2020-03' })
      .entity('快手', '快手', 'product')
      .figure('4.4亿', 'number', 440_000_000);
    expect(extractClaims(owned.input()).map((c) => [c.predicate, c.subject, c.when?.start])).toEqual([['users', '快手', '2020-01']]);
  });

  it('does not read distances or changes as user counts', () => {
    const distance = new Fixture('快团团覆盖周围3公里的用户。').entity('快团团', '快团团', 'product').figure('3公里', 'number', 3, { unit: '公里' });
    expect(extractClaims(distance.input())).toEqual([]);
    const change = new Fixture('今年Q2,快手用户净减300万。').entity('快手', '快手', 'product').figure('300万', 'number', 3_000_000);
    expect(extractClaims(change.input())).toEqual([]);
  });

  it('takes the level after 从…至, and keeps daily downloads apart', () => {
    const f = new Fixture('钉钉的日均下载量直接从四五万左右暴涨至25万。')
      .entity('钉钉', '钉钉', 'product')
      .figure('四五万左右', 'number', 40_000, { max: 50_000, approx: 'range' })
      .figure('25万', 'number', 250_000);
    const claim = only(extractClaims(f.input()), 'downloads-daily');
    expect(claim.subject).toBe('钉钉');
    expect(span(claim.evidence)).toEqual(span(locate(f.text, '25万')));
  });

  it('reads rankings with their dates, not the rival after 反超', () => {
    const f = new Fixture('今年1月底快手在免费榜单的排名还在120名左右,但2月8日就拿到第一,首次反超抖音。')
      .date('今年1月底', '2020-01', 'month', { basis: 'publication', approx: true })
      .entity('快手', '快手', 'product')
      .figure('120名左右', 'count', 120, { approx: 'about', unit: '名' })
      .date('2月8日', '2020-02-08', 'day', { basis: 'context' })
      .figure('第一', 'rank', 1)
      .entity('抖音', '抖音', 'product');
    const ranks = find(extractClaims(f.input()), 'rank');
    expect(ranks.map((c) => [c.subject, (c.object as { value: number }).value, c.when?.start])).toEqual([
      ['快手', 120, '2020-01'],
      ['快手', 1, '2020-02-08'],
    ]);
  });

  it('does not read an ordinal (第一家) as a ranking', () => {
    const f = new Fixture('快手成为第一家上市的短视频公司。').entity('快手', '快手', 'organization').figure('第一', 'rank', 1);
    expect(find(extractClaims(f.input()), 'rank')).toEqual([]);
  });

  it('gives a figure to the closest trigger only', () => {
    const f = new Fixture('2021年,京东营收9516亿元,净利润194亿元。')
      .date('2021年', '2021', 'year')
      .entity('京东', '京东', 'organization')
      .figure('9516亿元', 'money', 951_600_000_000, { currency: 'CNY' })
      .figure('194亿元', 'money', 19_400_000_000, { currency: 'CNY' });
    const claims = extractClaims(f.input());
    expect(claims.map((c) => [c.predicate, c.subject, c.evidence.text])).toEqual([
      ['revenue', '京东', '9516亿元'],
      ['profit', '京东', '194亿元'],
    ]);
  });
});

describe('renamed claims', () => {
  it('reads the new name and carries the subject over a semicolon', () => {
    const f = new Fixture('一阵风头过后,快聊也就销声匿迹了;至于之后更名为小蜜蜂,更是少有人知!').entity('快聊', '快聊', 'product');
    const claim = only(extractClaims(f.input()), 'renamed');
    expect(claim.subject).toBe('快聊');
    expect(claim.object).toEqual({ type: 'entity', name: '小蜜蜂' });
    expect(span(claim.evidence)).toEqual(span(locate(f.text, '小蜜蜂')));
    expect(claim.rule).toBe('renamed:更名为:carried:name-after');
  });

  it('uses an entity mention as the new name when there is one', () => {
    const f = new Fixture('2019年,Facebook更名为“Meta”。')
      .date('2019年', '2019', 'year')
      .entity('Facebook', 'Facebook', 'organization')
      .entity('Meta', 'Meta', 'organization');
    const claim = only(extractClaims(f.input()), 'renamed');
    expect(claim).toMatchObject({ subject: 'Facebook', object: { type: 'entity', name: 'Meta' }, rule: 'renamed:更名为:preceding:entity-after' });
    expect(claim.when?.start).toBe('2019');
  });
});

describe('subject guards', () => {
  it('does not take a name inside a phrase as the sentence topic', () => {
    const f = new Fixture('而新品虽然作为腾讯独立于游戏业务之外的重磅产品,在2013年问世时已晚于抖音3年;')
      .entity('腾讯', '腾讯', 'product')
      .entity('抖音', '抖音', 'product')
      .date('2013年', '2013', 'year');
    expect(extractClaims(f.input())).toEqual([]);
  });

  it('resolves 进行推广 only to a product someone acted on, not one merely mentioned', () => {
    const f = new Fixture('面对当时如日中天的抖音,腾讯宣布斥资30亿进行推广。')
      .entity('抖音', '抖音', 'product')
      .entity('腾讯', '腾讯', 'organization')
      .figure('30亿', 'money', 3_000_000_000, { currency: 'CNY', inferred: true });
    const claims = extractClaims(f.input());
    expect(claims.filter((c) => c.confidence >= 0.5)).toEqual([]);
  });

  it('lets organizations be founded (成立) but not go live (上线)', () => {
    const f = new Fixture('2013年,阿里巴巴低调上线。1999年,阿里巴巴在杭州成立。')
      .date('2013年', '2013', 'year')
      .entity('阿里巴巴', '阿里巴巴', 'organization')
      .date('1999年', '1999', 'year')
      .entity('阿里巴巴', '阿里巴巴', 'organization', 1)
      .entity('杭州', '杭州', 'place');
    const claims = extractClaims(f.input());
    expect(claims.map((c) => [c.predicate, c.subject, (c.object as { start: string }).start])).toEqual([['launch', '阿里巴巴', '1999']]);
  });

  it('skips the agent of a passive (由腾讯推出)', () => {
    const f = new Fixture('2011年1月,微信由腾讯推出。').date('2011年1月', '2011-01', 'month').entity('微信', '微信', 'product').entity('腾讯', '腾讯', 'product');
    expect(extractClaims(f.input()).map((c) => c.subject)).toEqual(['微信']);
  });

  it('reads the target of an investment before the verb (向X投资) and a purpose before the money (为了推广X)', () => {
    const target = new Fixture('2014年,腾讯向京东投资2.14亿美元。')
      .date('2014年', '2014', 'year')
      .entity('腾讯', '腾讯', 'organization')
      .entity('京东', '京东', 'organization')
      .figure('2.14亿美元', 'money', 214_000_000, { currency: 'USD' });
    expect(extractClaims(target.input()).map((c) => [c.subject, c.agent, c.rule])).toEqual([['京东', '腾讯', 'spend:投资:patient:figure-after']]);
    const purpose = new Fixture('为了推广来往,阿里当年斥资5亿元。')
      .entity('来往', '来往', 'product')
      .entity('阿里', '阿里巴巴', 'organization')
      .figure('5亿元', 'money', 500_000_000, { currency: 'CNY' });
    expect(extractClaims(purpose.input()).map((c) => [c.subject, c.agent, c.rule])).toEqual([['来往', '阿里巴巴', 'spend:斥资:patient:figure-after']]);
  });

  it('uses jieba tags: a name before a noun modifies it, a verb or a noun after a count points elsewhere', () => {
    const compound = new Fixture('2020年,钉钉上线微信小程序。')
      .date('2020年', '2020', 'year')
      .entity('钉钉', '钉钉', 'product')
      .entity('微信', '微信', 'product')
      .token('小', 'a')
      .token('程序', 'n');
    expect(extractClaims(compound.input())).toEqual([]);
    const category = new Fixture('2017年上线的“集卡”活动很成功。').date('2017年', '2017', 'year').entity('集卡', '集卡', 'event').token('活动', 'vn');
    expect(extractClaims(category.input()).map((c) => c.subject)).toEqual(['集卡']);
    const verb = new Fixture('2020年,快手为用户提供了500万个。')
      .date('2020年', '2020', 'year')
      .entity('快手', '快手', 'product')
      .figure('500万个', 'count', 5_000_000, { unit: '个' })
      .token('提供', 'v');
    expect(extractClaims(verb.input())).toEqual([]);
    const counted = new Fixture('2020年,快手用户达500万个岗位。')
      .date('2020年', '2020', 'year')
      .entity('快手', '快手', 'product')
      .figure('500万个', 'count', 5_000_000, { unit: '个' })
      .token('达', 'v')
      .token('岗位', 'n');
    expect(extractClaims(counted.input())).toEqual([]);
    const users = new Fixture('2020年,快手用户达5亿人。').date('2020年', '2020', 'year').entity('快手', '快手', 'product').figure('5亿人', 'count', 500_000_000, { unit: '人' }).token('达', 'v');
    expect(extractClaims(users.input()).map((c) => [c.predicate, c.subject])).toEqual([['users', '快手']]);
  });
});

describe('events that must not be compared with the first one', () => {
  it('lowers repeated events and launches in one market below the reconciliation threshold', () => {
    const again = new Fixture('2016年,腾讯再次向京东投资13亿美元。')
      .date('2016年', '2016', 'year')
      .entity('腾讯', '腾讯', 'organization')
      .entity('京东', '京东', 'organization')
      .figure('13亿美元', 'money', 1_300_000_000, { currency: 'USD' });
    const spend = only(extractClaims(again.input()), 'spend');
    expect(spend.subject).toBe('京东');
    expect(spend.confidence).toBeLessThan(0.5);
    const market = new Fixture('2018年,抖音在日本正式上线。').date('2018年', '2018', 'year').entity('抖音', '抖音', 'product').entity('日本', '日本', 'place');
    expect(only(extractClaims(market.input()), 'launch').confidence).toBeLessThan(0.5);
    // The first launch keeps its confidence; 再创新高 after the figure is no repetition.
    const first = new Fixture('2016年9月,抖音正式上线,再创新高。').date('2016年9月', '2016-09', 'month').entity('抖音', '抖音', 'product');
    expect(only(extractClaims(first.input()), 'launch').confidence).toBe(0.85);
  });
});
