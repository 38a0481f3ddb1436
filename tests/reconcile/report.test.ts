import { describe, expect, it } from 'vitest';
import { defaultReconcileOptions, reconcile, renderReport } from '../../src/reconcile/reconcile.ts';
import { article, date, money, row, tokensFor } from './rows.ts';

describe('report.md', () => {
  const spendA = row({
    article: 'A',
    subject: '来往',
    predicate: 'spend',
    object: money(10_000_000, null),
    original: '要在三天內花掉1000萬,全力推廣來往',
    sentence: '要在三天内花掉1000万,全力推广来往',
    evidence: '1000萬',
  });
  const spendB = row({
    article: 'B',
    subject: '来往',
    predicate: 'spend',
    object: money(1_000_000_000, 'CNY'),
    original: '阿里推出来往,并宣布斥资10亿进行推广。',
    evidence: '10亿',
  });
  const launchA = row({ article: 'A', subject: '来往', predicate: 'launch', object: date('2013-09-23', 'day'), original: '9月23日,來往上線', sentence: '9月23日,来往上线', evidence: '9月23日' });
  const launchB = row({ article: 'B', subject: '来往', predicate: 'launch', object: date('2013', 'year'), original: '来往在2013年问世', evidence: '2013年' });
  const gmv = row({ article: 'C', subject: '双十一', predicate: 'gmv', object: money(213_500_000_000, null), when: { start: '2018', end: null, granularity: 'year' }, original: '2018年双十一成交额2135亿', evidence: '2135亿' });
  const claims = [spendA, spendB, launchA, launchB, gmv];
  const story = tokensFor('story', 300);
  const articles = [
    article('A', { title: '阿里的社交梦', tokens: story }),
    article('B', { title: '阿里重启来往' }),
    article('C', { title: '双十一战绩' }),
    article('C2', { title: '双十一战绩(转载)', tokens: story.map((t, i) => (i % 70 === 0 ? 'x' : t)) }),
  ];
  const result = reconcile(claims, articles, defaultReconcileOptions());
  const report = renderReport(result, claims, articles);

  it('puts conflicts first, with both quotes as written and in Simplified, and the titles', () => {
    const conflicts = report.indexOf('## Conflicts');
    const timeline = report.indexOf('## Timeline of agreed facts');
    expect(conflicts).toBeGreaterThan(0);
    expect(timeline).toBeGreaterThan(conflicts);
    const section = report.slice(conflicts, timeline);
    expect(section).toContain('### 来往 — spend');
    expect(section).toContain('| 阿里的社交梦 (`A`) | 1000万 (currency not stated) | 要在三天內花掉**1000萬**,全力推廣來往 | 要在三天内花掉**1000万**,全力推广来往 |');
    expect(section).toContain('| 阿里重启来往 (`B`) | 10亿 CNY | 阿里推出来往,并宣布斥资**10亿**进行推广。 | 阿里推出来往,并宣布斥资**10亿**进行推广。 |');
    expect(section).not.toContain('launch');
  });

  it('lists copies and a per-entity timeline of agreed facts in date order', () => {
    expect(report).toContain('- `C2` (双十一战绩(转载)) is a copy of `A` (阿里的社交梦)');
    const timeline = report.slice(report.indexOf('## Timeline of agreed facts'));
    expect(timeline).toContain('### 来往\n\n- **2013-09-23** — launch: 2013-09-23 (2 articles agree: 阿里的社交梦; 阿里重启来往)');
    expect(timeline).toContain('### 双十一\n\n- **2018** — gmv: 2135亿 (currency not stated) (single source: 双十一战绩)');
    expect(timeline.indexOf('### 双十一')).toBeLessThan(timeline.indexOf('### 来往'));
  });

  it('summarises the counts and escapes table separators', () => {
    expect(report.split('\n')[2]).toBe('4 articles, 5 claims; 3 facts reconciled: 1 conflict, 1 agreement, 1 from a single source.');
    const piped = row({ article: 'A', subject: 'K', predicate: 'spend', object: money(5, 'CNY'), original: 'a|b 5元', evidence: '5元' });
    const other = row({ article: 'B', subject: 'K', predicate: 'spend', object: money(500, 'CNY'), original: 'c 500元', evidence: '500元' });
    const text = renderReport(reconcile([piped, other], articles, defaultReconcileOptions()), [piped, other], articles);
    expect(text).toContain('a\\|b **5元**');
  });
});
