import { describe, expect, it } from 'vitest';
import type { ClaimRow } from '../../src/claims/types.ts';
import { defaultReconcileOptions, reconcile, ReconcileOptionsSchema, type ConflictRow } from '../../src/reconcile/reconcile.ts';
import { article, count, date, money, row, tokensFor, year } from './rows.ts';

const options = defaultReconcileOptions();

function only(groups: ConflictRow[], subject: string, predicate: string): ConflictRow {
  const found = groups.filter((g) => g.subject === subject && g.predicate === predicate);
  expect(found).toHaveLength(1);
  return found[0];
}

describe('dates as objects', () => {
  it('agrees 2013-09-23 (twice) with 2013, prefers the full stated date, and says why', () => {
    const a = row({ article: 'A', subject: '来往', predicate: 'launch', object: date('2013-09-23', 'day') });
    const b = row({ article: 'B', subject: '来往', predicate: 'launch', object: date('2013-09-23', 'day', 'context') });
    const c = row({ article: 'C', subject: '来往', predicate: 'launch', object: date('2013', 'year') });
    const { groups } = reconcile([c, b, a], [article('A'), article('B'), article('C')], options);
    expect(groups).toEqual([
      {
        subject: '来往',
        predicate: 'launch',
        when: null,
        status: 'agree',
        claims: [a.id, b.id, c.id],
        values: ['2013-09-23 (2 articles)', '2013 (1 article)'],
        articles: ['A', 'B', 'C'],
        preferred: a.id,
        reason: '2 independent articles state 2013-09-23; 1 article states 2013, which agrees at year precision.',
      },
    ]);
  });

  it('reports 2015 against 2017-02-05 as a conflict, preferring the more specific date', () => {
    const a = row({ article: 'A', subject: '钉钉', predicate: 'launch', object: date('2017-02-05', 'day') });
    const b = row({ article: 'B', subject: '钉钉', predicate: 'launch', object: date('2015', 'year') });
    const group = only(reconcile([a, b], [article('A'), article('B')], options).groups, '钉钉', 'launch');
    expect(group.status).toBe('conflict');
    expect(group.preferred).toBe(a.id);
    expect(group.reason).toBe(
      '1 article states 2015; 1 article states 2017-02-05; these dates do not overlap. Preferred 2017-02-05: the more specific value, each side having as many independent sources.',
    );
  });

  it('prefers more independent sources, then a stated date over one completed from context', () => {
    const majority = [
      row({ article: 'A', subject: 'X', predicate: 'launch', object: date('2014', 'year') }),
      row({ article: 'B', subject: 'X', predicate: 'launch', object: date('2014-05', 'month', 'publication') }),
      row({ article: 'C', subject: 'X', predicate: 'launch', object: date('2016-01-01', 'day') }),
    ];
    const byCount = only(reconcile(majority, ['A', 'B', 'C'].map((id) => article(id)), options).groups, 'X', 'launch');
    expect(byCount.status).toBe('conflict');
    expect(byCount.preferred).toBe(majority[0].id);
    expect(byCount.reason).toContain('stated by more independent sources (2 against 1)');

    const stated = row({ article: 'A', subject: 'Y', predicate: 'launch', object: date('2013-09-23', 'day') });
    const context = row({ article: 'B', subject: 'Y', predicate: 'launch', object: date('2013-09-24', 'day', 'context') });
    const byBasis = only(reconcile([context, stated], [article('A'), article('B')], options).groups, 'Y', 'launch');
    expect(byBasis.preferred).toBe(stated.id);
    expect(byBasis.reason).toContain('a date stated in full, against one completed from context');
  });

  it('breaks an even conflict by source weight, and leaves it open without weights', () => {
    const a = row({ article: 'A', subject: 'Z', predicate: 'listing', object: date('2014-12-12', 'day') });
    const b = row({ article: 'B', subject: 'Z', predicate: 'listing', object: date('2014-12-11', 'day') });
    const articles = [article('A', { source: '新浪科技' }), article('B', { source: '某自媒体' })];
    const open = only(reconcile([a, b], articles, options).groups, 'Z', 'listing');
    expect(open.status).toBe('conflict');
    expect(open.preferred).toBeNull();
    expect(open.reason).toContain('Neither can be preferred');
    const weighted = ReconcileOptionsSchema.parse({ sourceWeights: { 新浪科技: 2 } });
    const decided = only(reconcile([a, b], articles, weighted).groups, 'Z', 'listing');
    expect(decided.preferred).toBe(a.id);
    expect(decided.reason).toContain('its sources weigh more (2 against 1)');
  });
});

describe('amounts', () => {
  it('reports 1000万 against 10亿 for one promotion as a conflict with nothing to prefer', () => {
    const a = row({ article: 'A', subject: '来往', predicate: 'spend', object: money(10_000_000, null) });
    const b = row({ article: 'B', subject: '来往', predicate: 'spend', object: money(1_000_000_000, 'CNY') });
    const group = only(reconcile([a, b], [article('A'), article('B')], options).groups, '来往', 'spend');
    expect(group).toMatchObject({ status: 'conflict', preferred: null, claims: [a.id, b.id], when: null });
    expect(group.values).toEqual(['1000万 (currency not stated) (1 article)', '10亿 CNY (1 article)']);
    expect(group.reason).toContain('these amounts differ by more than the 5% tolerance');
  });

  it('keeps a series apart: one group per year, no conflict', () => {
    const rows = [
      row({ article: 'A', subject: '双十一', predicate: 'gmv', object: money(213_500_000_000, null), when: year('2018') }),
      row({ article: 'A', subject: '双十一', predicate: 'gmv', object: money(268_400_000_000, 'CNY'), when: year('2019') }),
      row({ article: 'B', subject: '双十一', predicate: 'gmv', object: money(498_200_000_000, null, 'over'), when: year('2020') }),
    ];
    const { groups } = reconcile(rows, [article('A'), article('B')], options);
    expect(groups.map((g) => [g.when?.start, g.status])).toEqual([
      ['2018', 'single'],
      ['2019', 'single'],
      ['2020', 'single'],
    ]);
  });

  it('joins a year to the one finer date it contains, and keeps monthly figures apart', () => {
    const rows = [
      row({ article: 'A', subject: 'S', predicate: 'gmv', object: money(100, 'CNY'), when: year('2019') }),
      row({ article: 'B', subject: 'S', predicate: 'gmv', object: money(102, 'CNY'), when: { start: '2019-11-11', end: null, granularity: 'day' } }),
      row({ article: 'A', subject: 'T', predicate: 'gmv', object: money(5, 'CNY'), when: year('2019') }),
      row({ article: 'B', subject: 'T', predicate: 'gmv', object: money(1, 'CNY'), when: { start: '2019-01', end: null, granularity: 'month' } }),
      row({ article: 'C', subject: 'T', predicate: 'gmv', object: money(2, 'CNY'), when: { start: '2019-02', end: null, granularity: 'month' } }),
    ];
    const { groups } = reconcile(rows, ['A', 'B', 'C'].map((id) => article(id)), options);
    expect(groups.map((g) => [g.subject, g.when?.start, g.status])).toEqual([
      ['S', '2019-11-11', 'agree'],
      ['T', '2019', 'single'],
      ['T', '2019-01', 'single'],
      ['T', '2019-02', 'single'],
    ]);
  });

  it('treats different currencies as different facts unless rates are given', () => {
    const cny = row({ article: 'A', subject: 'Tango', predicate: 'spend', object: money(215_000_000, 'CNY') });
    const usd = row({ article: 'B', subject: 'Tango', predicate: 'spend', object: money(215_000_000, 'USD') });
    const apart = reconcile([cny, usd], [article('A'), article('B')], options).groups;
    expect(apart.map((g) => [g.values, g.status])).toEqual([
      [['2.15亿 CNY (1 article)'], 'single'],
      [['2.15亿 USD (1 article)'], 'single'],
    ]);
    const rated = ReconcileOptionsSchema.parse({ currencyRates: { USD: 7 } });
    const together = only(reconcile([cny, usd], [article('A'), article('B')], rated).groups, 'Tango', 'spend');
    expect(together.status).toBe('conflict');
  });

  it('lets an amount without currency join the one stated currency, and agree within tolerance', () => {
    const rows = [
      row({ article: 'A', subject: 'W', predicate: 'spend', object: money(1_000_000_000, 'CNY') }),
      row({ article: 'B', subject: 'W', predicate: 'spend', object: money(1_020_000_000, null) }),
    ];
    const group = only(reconcile(rows, [article('A'), article('B')], options).groups, 'W', 'spend');
    expect(group.status).toBe('agree');
    expect(group.reason).toBe('1 article states 10.2亿 (currency not stated); 1 article states 10亿 CNY, which agrees within the 5% tolerance.');
  });

  it('agrees 11亿+ with 11.38亿 and 三千多万 with 3000万', () => {
    const rows = [
      row({ article: 'A', subject: '微信', predicate: 'users', object: count(1_100_000_000, null, 'over', 'number'), when: year('2021') }),
      row({ article: 'B', subject: '微信', predicate: 'users', object: count(1_138_000_000, null, 'exact', 'number'), when: year('2021') }),
      row({ article: 'A', subject: '校园', predicate: 'users', object: count(30_000_000, null, 'over', 'number'), when: year('2019') }),
      row({ article: 'B', subject: '校园', predicate: 'users', object: count(30_000_000, null, 'exact', 'number'), when: year('2019') }),
    ];
    const { groups } = reconcile(rows, [article('A'), article('B')], options);
    expect(groups.map((g) => [g.subject, g.status])).toEqual([
      ['微信', 'agree'],
      ['校园', 'agree'],
    ]);
    // The exact figure is the more specific statement.
    expect(groups[0].preferred).toBe(rows[1].id);
  });

  it('keeps users counted in people apart from companies counted as customers', () => {
    const rows = [
      row({ article: 'A', subject: '钉钉', predicate: 'users', object: count(1_000_000, '家', 'over'), when: year('2015') }),
      row({ article: 'B', subject: '钉钉', predicate: 'users', object: count(100_000_000, '人'), when: year('2015') }),
    ];
    const { groups } = reconcile(rows, [article('A'), article('B')], options);
    expect(groups.map((g) => g.status)).toEqual(['single', 'single']);
  });

  it('keeps stakes of different holders apart', () => {
    const rows = [
      row({ article: 'A', subject: '京东', predicate: 'stake', object: count(18, '%', 'exact', 'percent'), agent: '腾讯', when: year('2014') }),
      row({ article: 'B', subject: '京东', predicate: 'stake', object: count(10, '%', 'exact', 'percent'), agent: '沃尔玛', when: year('2014') }),
      row({ article: 'C', subject: '京东', predicate: 'stake', object: count(20, '%', 'exact', 'percent'), agent: '腾讯', when: year('2014') }),
    ];
    const { groups } = reconcile(rows, ['A', 'B', 'C'].map((id) => article(id)), options);
    expect(groups.map((g) => [g.claims.length, g.status])).toEqual(
      expect.arrayContaining([
        [2, 'conflict'],
        [1, 'single'],
      ]),
    );
    const conflict = groups.find((g) => g.status === 'conflict')!;
    expect(conflict.reason).toContain('Agent: 腾讯.');
  });
});

describe('no false alarms', () => {
  it('leaves low-confidence claims out', () => {
    const a = row({ article: 'A', subject: '来往', predicate: 'spend', object: money(10_000_000, 'CNY') });
    const weak = row({ article: 'B', subject: '来往', predicate: 'spend', object: money(1_000_000_000, 'CNY'), confidence: 0.4 });
    const { groups } = reconcile([a, weak], [article('A'), article('B')], options);
    expect(groups.map((g) => [g.status, g.claims])).toEqual([['single', [a.id]]]);
  });

  it('does not compare undated changing figures across publication years, nor without one', () => {
    const rows = [
      row({ article: 'A', subject: '微信', predicate: 'users', object: count(800_000_000, null, 'exact', 'number') }),
      row({ article: 'B', subject: '微信', predicate: 'users', object: count(1_200_000_000, null, 'exact', 'number') }),
      row({ article: 'C', subject: '微信', predicate: 'users', object: count(1_210_000_000, null, 'exact', 'number') }),
      row({ article: 'D', subject: '微信', predicate: 'users', object: count(500_000_000, null, 'exact', 'number') }),
      row({ article: 'E', subject: '微信', predicate: 'users', object: count(600_000_000, null, 'exact', 'number') }),
    ];
    const articles = [
      article('A', { published: '2016-05-01' }),
      article('B', { published: '2021-01-03' }),
      article('C', { published: '2021-06-30' }),
      article('D'),
      article('E'),
    ];
    const { groups } = reconcile(rows, articles, options);
    expect(groups.map((g) => [g.when?.start ?? null, g.articles, g.status])).toEqual([
      [null, ['D'], 'single'],
      [null, ['E'], 'single'],
      ['2016', ['A'], 'single'],
      ['2021', ['B', 'C'], 'agree'],
    ]);
    expect(groups[3].reason).toContain('No date in the text; grouped by publication date 2021.');
  });

  it('does not call values within one article a conflict', () => {
    const rows = [
      row({ article: 'A', subject: 'Q', predicate: 'spend', object: money(10_000_000, 'CNY') }),
      row({ article: 'A', subject: 'Q', predicate: 'spend', object: money(1_000_000_000, 'CNY') }),
    ];
    const group = only(reconcile(rows, [article('A')], options).groups, 'Q', 'spend');
    expect(group.status).toBe('single');
    expect(group.reason).toContain('values within one source are not compared');
  });

  it('counts a republished copy once', () => {
    const story = tokensFor('story', 400);
    const copy = story.map((t, i) => (i % 60 === 0 ? `改${i}` : t));
    const articles = [
      article('A', { published: '2020-10-01', tokens: story }),
      article('A2', { published: '2020-10-02', tokens: copy }),
      article('B', { published: '2020-10-03' }),
    ];
    const rows = [
      row({ article: 'A', subject: 'P', predicate: 'spend', object: money(10_000_000, 'CNY') }),
      row({ article: 'A2', subject: 'P', predicate: 'spend', object: money(10_000_000, 'CNY') }),
      row({ article: 'B', subject: 'P', predicate: 'spend', object: money(1_000_000_000, 'CNY') }),
    ];
    const result = reconcile(rows, articles, options);
    expect(result.duplicateOf).toEqual({ A2: 'A' });
    const group = only(result.groups, 'P', 'spend');
    expect(group.status).toBe('conflict');
    // Two copies of one piece are one source: 1 against 1, nothing to prefer.
    expect(group.values).toEqual(['1000万 CNY (1 article)', '10亿 CNY (1 article)']);
    expect(group.preferred).toBeNull();
    expect(group.reason).toContain('1 copy of republished articles counted once.');
    // A copy alone is not a second source.
    const agreeing = reconcile(rows.slice(0, 2), articles, options).groups;
    expect(agreeing.map((g) => g.status)).toEqual(['single']);
  });
});

describe('determinism and scale', () => {
  function corpus(): { rows: ClaimRow[]; articles: ReturnType<typeof article>[] } {
    const rows: ClaimRow[] = [];
    const articles = [];
    for (let i = 0; i < 40; i++) {
      const id = `n${i}`;
      articles.push(article(id, { published: `2020-01-${String((i % 28) + 1).padStart(2, '0')}` }));
      rows.push(row({ article: id, subject: `S${i % 7}`, predicate: 'launch', object: date(`${2010 + (i % 3)}`, 'year') }));
      rows.push(row({ article: id, subject: `S${i % 5}`, predicate: 'gmv', object: money(1000 + (i % 4), 'CNY'), when: year(`${2015 + (i % 2)}`) }));
    }
    return { rows, articles };
  }

  it('gives the same rows whatever the input order', () => {
    const { rows, articles } = corpus();
    const forward = reconcile(rows, articles, options);
    const backward = reconcile([...rows].reverse(), [...articles].reverse(), options);
    expect(JSON.stringify(backward)).toBe(JSON.stringify(forward));
    const keys = forward.groups.map((g) => `${g.subject}|${g.predicate}|${g.when?.start ?? ''}`);
    expect(keys).toEqual([...keys].sort());
  });

  it('reconciles thousands of copies of one claim as one source', () => {
    const story = tokensFor('viral', 300);
    const articles = [];
    const rows: ClaimRow[] = [];
    for (let i = 0; i < 2000; i++) {
      const id = `copy${String(i).padStart(4, '0')}`;
      articles.push(article(id, { tokens: story.map((t, j) => (j % 50 === i % 50 ? `${id}` : t)) }));
      rows.push(row({ article: id, subject: 'V', predicate: 'launch', object: date('2013-09-23', 'day') }));
    }
    const result = reconcile(rows, articles, options);
    expect(Object.keys(result.duplicateOf)).toHaveLength(1999);
    expect(result.groups).toHaveLength(1);
    expect(result.groups[0].status).toBe('single');
    expect(result.groups[0].articles).toHaveLength(2000);
  });
});
