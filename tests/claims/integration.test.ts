/**
 * Claims on the output of the real date, figure and entity extractors, on short sentences shaped
 * like news text (not copies of the samples), then reconciled across three small articles.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { extractClaims, toClaimRows, type ClaimRow, type LocalClaim } from '../../src/claims/extract.ts';
import { parseConfig } from '../../src/config/config.ts';
import { extractDates } from '../../src/extract/dates.ts';
import { extractEntities } from '../../src/extract/entities.ts';
import { extractFigures } from '../../src/extract/figures.ts';
import { loadResources, type Resources } from '../../src/pipeline/resources.ts';
import { defaultReconcileOptions, reconcile } from '../../src/reconcile/reconcile.ts';
import { segment } from '../../src/text/segment.ts';
import { splitSentences } from '../../src/text/sentences.ts';

let resources: Resources;

beforeAll(() => {
  resources = loadResources(parseConfig({}, null, process.cwd()));
});

function claimsOf(text: string, articleId = 'x', published: string | null = null): LocalClaim[] {
  const tokens = segment(text);
  const dates = extractDates(text, { ref: published });
  const figures = extractFigures(text, { exclude: dates });
  const entities = extractEntities(text, tokens, resources.entityLexicon);
  return extractClaims({ articleId, text, sentences: splitSentences(text), dates, figures, entities, tokens });
}

function rowsOf(text: string, articleId: string): ClaimRow[] {
  // The text is its own raw file here: the identity mapping.
  return toClaimRows(articleId, claimsOf(text, articleId), (start, end) => ({ start, end, text: text.slice(start, end), original: text.slice(start, end) }));
}

function brief(c: LocalClaim) {
  const o = c.object;
  const value = o.type === 'date' ? o.start : o.type === 'figure' ? `${o.value}${o.currency ? ` ${o.currency}` : ''}` : o.name;
  return [c.predicate, c.subject, value, c.when?.start ?? null, c.evidence.text];
}

describe('claims from the real extractors', () => {
  it('reads a launch date, a promotion budget and its purpose', () => {
    const text = '2016年 5月 10日,“飞书”上线,主打协同办公。当时的字节跳动曾经放言称要在“一周内花掉3000万,全力推广飞书”。';
    const claims = claimsOf(text);
    expect(claims.map(brief)).toEqual([
      ['launch', '飞书', '2016-05-10', '2016-05-10', '2016年 5月 10日'],
      ['spend', '飞书', '30000000 CNY', null, '3000万'],
    ]);
    expect(claims[1].evidence.start).toBe(text.indexOf('3000万'));
    expect(claims[1].agent).toBe('字节跳动');
  });

  it('resolves 进行推广 to the product just launched, and 问世 to the name before it', () => {
    const claims = claimsOf('面对当时渐成气候的钉钉,字节跳动推出飞书,并宣布斥资20亿进行推广。飞书在2016年问世时已晚于钉钉一年。');
    expect(claims.map(brief)).toEqual([
      ['spend', '飞书', '2000000000 CNY', null, '20亿'],
      ['launch', '飞书', '2016', '2016', '2016年'],
    ]);
  });

  it('dates a yearly series by each clause and resolves 当年', () => {
    const claims = claimsOf('2019年,京东首次推出红包玩法,当年618最终战绩为2015亿元;2020年,京东618成交额2692亿元。');
    expect(claims.map(brief)).toEqual([
      ['gmv', '618', '201500000000 CNY', '2019', '2015亿元'],
      ['gmv', '618', '269200000000 CNY', '2020', '2692亿元'],
    ]);
  });

  it('reads a stake with its holder and a listing date', () => {
    const claims = claimsOf('腾讯持股18%的京东则在2014年5月22日登陆了纳斯达克。');
    expect(claims.map(brief)).toEqual([
      ['stake', '京东', '18', '2014-05-22', '18%'],
      ['listing', '京东', '2014-05-22', '2014-05-22', '2014年5月22日'],
    ]);
    expect(claims[0].agent).toBe('腾讯');
  });

  it('takes the company bought into, in dollars', () => {
    const claims = claimsOf('随后腾讯在社交领域“合纵连横”,斥资3亿美元入股美国社交应用Snap,后者被称为阅后即焚的鼻祖。');
    expect(claims.map(brief)).toEqual([['spend', 'Snap', '300000000 USD', null, '3亿美元']]);
  });

  it('makes no claim when the named product is missing from the sentence', () => {
    expect(claimsOf('钉钉在2月25日上线全新功能圈子,定位为私域流量运营平台。', 'x', '2020-03-01')).toEqual([]);
    expect(claimsOf('根据艾瑞数据显示,2019年Q2,移动互联网的用户规模预计将在11.38亿封顶。')).toEqual([]);
  });
});

describe('reconciling three small articles', () => {
  it('finds the budget conflict and the launch-date conflict, with the majority preferred', () => {
    const a = rowsOf('2016年 5月 10日,“飞书”上线,主打协同办公。当时的字节跳动曾经放言称要在“一周内花掉3000万,全力推广飞书”。', 'A');
    const b = rowsOf('面对当时渐成气候的钉钉,字节跳动推出飞书,并宣布斥资20亿进行推广。飞书在2016年问世时已晚于钉钉一年。', 'B');
    const c = rowsOf('2017年,一改之前的高调作风,飞书低调上线。', 'C');
    const claims = [...a, ...b, ...c];
    const articles = ['A', 'B', 'C'].map((id) => ({ id, title: `Article ${id}`, source: null, published: null, tokens: [id] }));
    const { groups } = reconcile(claims, articles, defaultReconcileOptions());
    expect(groups.map((g) => [g.subject, g.predicate, g.status, g.articles])).toEqual([
      ['飞书', 'launch', 'conflict', ['A', 'B', 'C']],
      ['飞书', 'spend', 'conflict', ['A', 'B']],
    ]);
    const launchA = a.find((r) => r.predicate === 'launch')!;
    expect(groups[0].preferred).toBe(launchA.id);
    expect(groups[0].reason).toContain('Preferred 2016-05-10: stated by more independent sources (2 against 1)');
    expect(groups[1].preferred).toBeNull();
  });
});
