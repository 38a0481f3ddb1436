import { describe, expect, it } from 'vitest';
import type { ClaimObject, ClaimRow } from '../../src/claims/types.ts';
import { ReconcileDraft, reconcile, ReconcileOptionsSchema, type ArticleInfo } from '../../src/reconcile/reconcile.ts';
import type { DateValue } from '../../src/types.ts';
import { article, count, date, money, row, tokensFor, year } from './rows.ts';

const options = ReconcileOptionsSchema.parse({ sourceWeights: { 'site-a': 3, 'site-b': 0.5 } });

/** A small seeded generator (mulberry32), so a failing case can be replayed. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface Corpus {
  articles: ArticleInfo[];
  /** Claims in reconcile's input order: by article, then position. */
  claims: ClaimRow[];
}

/**
 * Articles with a few shared stories (so some are copies of others), sources with weights,
 * publication dates or none, and claims of every object type on a few subjects: some dated, some
 * undated time-sensitive figures, some below the confidence threshold, some with an agent.
 */
function corpus(seed: number, size: number): Corpus {
  const next = random(seed);
  const pick = <T,>(items: readonly T[]): T => items[Math.floor(next() * items.length)];
  const stories = ['story-1', 'story-2', 'story-3'].map((name) => tokensFor(name, 300));
  const articles: ArticleInfo[] = [];
  const claims: ClaimRow[] = [];
  for (let i = 0; i < size; i++) {
    const id = `A${String(i).padStart(3, '0')}`;
    const copy = next() < 0.35;
    const tokens = copy ? [...pick(stories)] : tokensFor(id);
    if (copy) tokens[Math.floor(next() * tokens.length)] = `改${i}`;
    articles.push(
      article(id, {
        tokens,
        source: pick([null, 'site-a', 'site-b', 'site-c']),
        published: pick([null, '2019-05-01', '2020-01-15', '2021-07-30']),
      }),
    );
    const claimCount = Math.floor(next() * 6);
    for (let c = 0; c < claimCount; c++) {
      const predicate = pick(['launch', 'spend', 'users', 'stake', 'revenue', 'renamed']);
      const when: DateValue | null = pick([null, null, year('2019'), year('2020'), { start: '2020-03', end: null, granularity: 'month' }]);
      let object: ClaimObject;
      if (predicate === 'launch') object = pick([date('2013-09-23', 'day'), date('2013', 'year'), date('2015', 'year'), date('2013-09-23', 'day', 'context')]);
      else if (predicate === 'renamed') object = { type: 'entity', name: pick(['甲', '乙']) } as ClaimObject;
      else if (predicate === 'users') object = count(pick([1e6, 1.02e6, 3e6]), pick(['人', null]), pick(['exact', 'about']));
      else object = money(pick([1e7, 1e9, 1.03e9]), pick(['CNY', 'USD', null]));
      claims.push(
        row({
          article: id,
          subject: pick(['来往', '钉钉', '淘宝']),
          predicate,
          object,
          when: predicate === 'launch' ? undefined : when,
          agent: predicate === 'stake' ? pick(['阿里', '腾讯']) : null,
          confidence: pick([0.85, 0.85, 0.6, 0.4]),
        }),
      );
    }
  }
  return { articles, claims };
}

/** Draft from the articles `keep` accepts (with copies as last known, if given), completed with everything. */
function draftThenComplete({ articles, claims }: Corpus, keep: (id: string) => boolean, knownCopies?: Record<string, string>): ReturnType<typeof reconcile> {
  const draft = new ReconcileDraft(
    claims.filter((c) => keep(c.article)),
    articles.filter((a) => keep(a.id)),
    options,
    undefined,
    knownCopies,
  );
  return draft.complete(claims, articles);
}

describe('ReconcileDraft', () => {
  it('completed with the added claims, gives exactly what reconcile gives on all of them (random corpora)', () => {
    for (let seed = 1; seed <= 60; seed++) {
      const data = corpus(seed, 12 + (seed % 20));
      const next = random(seed * 7919);
      const added = new Set(data.articles.filter(() => next() < 0.2).map((a) => a.id));
      const expected = reconcile(data.claims, data.articles, options);
      expect(draftThenComplete(data, (id) => !added.has(id)), `seed ${seed}`).toEqual(expected);
      // Copies as the last run knew them: right, or wrong in every way (stale pairs, a removed representative).
      expect(draftThenComplete(data, (id) => !added.has(id), expected.duplicateOf), `seed ${seed}, known copies`).toEqual(expected);
      const wrong = Object.fromEntries(data.articles.filter(() => next() < 0.3).map((a) => [a.id, next() < 0.5 ? data.articles[0].id : 'gone']));
      expect(draftThenComplete(data, (id) => !added.has(id), wrong), `seed ${seed}, wrong copies`).toEqual(expected);
    }
  });

  it('finds conflicts, agreements and copies in those corpora (the comparison above is not vacuous)', () => {
    const statuses = new Set<string>();
    let copies = 0;
    for (let seed = 1; seed <= 60; seed++) {
      const data = corpus(seed, 12 + (seed % 20));
      const result = reconcile(data.claims, data.articles, options);
      for (const group of result.groups) statuses.add(group.status);
      copies += Object.keys(result.duplicateOf).length;
    }
    expect([...statuses].sort()).toEqual(['agree', 'conflict', 'single']);
    expect(copies).toBeGreaterThan(20);
  });

  it('decides again the facts of articles that an added article joins as copies of one piece', () => {
    // A and B each keep most of the story, too little in common to be copies of each other; the
    // added article, the whole story, is a copy of both, so the three count as one source.
    const story = tokensFor('story', 300);
    const a = article('A', { tokens: [...story.slice(0, 260), ...tokensFor('A-end', 40)], published: '2020-01-01' });
    const b = article('B', { tokens: [...tokensFor('B-start', 40), ...story.slice(40)], published: '2020-02-01' });
    const whole = article('Z', { tokens: story, published: '2019-01-01' });
    const claims = [
      row({ article: 'A', subject: '来往', predicate: 'spend', object: money(1e7, 'CNY'), when: year('2013') }),
      row({ article: 'B', subject: '来往', predicate: 'spend', object: money(1e9, 'CNY'), when: year('2013') }),
      row({ article: 'Z', subject: '钉钉', predicate: 'launch', object: date('2015', 'year') }),
    ];
    const draft = new ReconcileDraft(claims.slice(0, 2), [a, b], options);
    expect(draft.result().duplicateOf).toEqual({});
    expect(draft.result().groups[0].status).toBe('conflict');
    const completed = draft.complete(claims, [a, b, whole]);
    expect(completed.duplicateOf).toEqual({ A: 'Z', B: 'Z' });
    expect(completed.groups.find((g) => g.subject === '来往')?.status).toBe('single');
    expect(completed).toEqual(reconcile(claims, [a, b, whole], options));
  });

  it('prepares again the claims of an article whose source or publication date changed', () => {
    const a = article('A', { source: 'site-a' });
    const b = article('B', { published: '2020-01-01' });
    const claims = [
      row({ article: 'A', subject: 'X', predicate: 'spend', object: money(1e7, 'CNY'), when: year('2020') }),
      row({ article: 'B', subject: 'X', predicate: 'spend', object: money(1e9, 'CNY'), when: year('2020') }),
      // Undated and time-sensitive: dated by the publication year.
      row({ article: 'B', subject: 'X', predicate: 'users', object: count(1e6, '人'), when: null }),
    ];
    const draft = new ReconcileDraft(claims, [a, b], options);
    const now = [article('A', { source: 'site-b' }), article('B', { published: '2021-06-01' })];
    expect(draft.complete(claims, now)).toEqual(reconcile(claims, now, options));
    expect(draft.complete(claims, now)).not.toEqual(draft.result());
  });

  it('reconciles afresh when a claim of the draft is missing or one is given twice', () => {
    const data = corpus(5, 20);
    const draft = new ReconcileDraft(data.claims, data.articles, options);
    const fewer = data.claims.slice(1);
    expect(draft.complete(fewer, data.articles)).toEqual(reconcile(fewer, data.articles, options));
    const counted = data.claims.find((c) => c.confidence >= options.minConfidence)!;
    const twice = [...data.claims, counted];
    expect(draft.complete(twice, data.articles)).toEqual(reconcile(twice, data.articles, options));
    const draftWithRepeat = new ReconcileDraft(twice, data.articles, options);
    expect(draftWithRepeat.complete(data.claims, data.articles)).toEqual(reconcile(data.claims, data.articles, options));
  });

  it('orders rows that tie on everything but the agent the same way (two files with one id)', () => {
    const added = row({ article: 'A', subject: 'X', predicate: 'stake', object: money(1e7, 'CNY'), when: year('2020'), agent: '腾讯' });
    const kept = { ...row({ article: 'A', subject: 'X', predicate: 'stake', object: money(1e7, 'CNY'), when: year('2020'), agent: '阿里' }), id: added.id };
    const articles = [article('A', { tokens: tokensFor('one') }), article('A', { tokens: tokensFor('two') })];
    const draft = new ReconcileDraft([kept], [articles[1]], options);
    const completed = draft.complete([added, kept], articles);
    expect(completed).toEqual(reconcile([added, kept], articles, options));
    expect(completed.groups.map((g) => g.reason)).toEqual(['Only one source states 1000万 CNY. Agent: 腾讯.', 'Only one source states 1000万 CNY. Agent: 阿里.']);
  });

  it('gives reconcile’s result unchanged when nothing is added', () => {
    const data = corpus(9, 25);
    const draft = new ReconcileDraft(data.claims, data.articles, options);
    expect(draft.complete(data.claims, data.articles)).toEqual(draft.result());
    expect(draft.result()).toEqual(reconcile(data.claims, data.articles, options));
  });
});
