import { describe, expect, it } from 'vitest';
import { claimId, extractClaims, toClaimRows, type SpanMapper } from '../../src/claims/extract.ts';
import { Fixture, locate } from './fixture.ts';

// The raw file: a title line, then the body in Traditional script with corner quotes.
const RAW_PREFIX = '快聊上線記\n\n';
const RAW_BODY = '2014年 3月 8日,「快聊」正式上線。騰訊斥資5億元推廣快聊。';
const RAW = RAW_PREFIX + RAW_BODY;
const TEXT = '2014年 3月 8日,“快聊”正式上线。腾讯斥资5亿元推广快聊。';

const mapper: SpanMapper = (start, end) => ({
  start: start + RAW_PREFIX.length,
  end: end + RAW_PREFIX.length,
  text: TEXT.slice(start, end),
  original: RAW.slice(start + RAW_PREFIX.length, end + RAW_PREFIX.length),
});

function fixture(articleId = '000_x'): Fixture {
  return new Fixture(TEXT, articleId)
    .date('2014年 3月 8日', '2014-03-08', 'day')
    .entity('快聊', '快聊', 'product')
    .entity('腾讯', '腾讯', 'organization')
    .figure('5亿元', 'money', 500_000_000, { currency: 'CNY' })
    .entity('快聊', '快聊', 'product', 1);
}

describe('claim rows', () => {
  it('maps the sentence and the evidence to the raw file', () => {
    const rows = toClaimRows('000_x', extractClaims(fixture().input()), mapper);
    expect(rows.map((r) => [r.predicate, r.subject])).toEqual([
      ['launch', '快聊'],
      ['spend', '快聊'],
    ]);
    const [launch, spend] = rows;
    const sentence = locate(TEXT, '2014年 3月 8日,“快聊”正式上线。');
    expect(launch).toMatchObject({
      article: '000_x',
      sentence: sentence.text,
      original: '2014年 3月 8日,「快聊」正式上線。',
      start: sentence.start + RAW_PREFIX.length,
      end: sentence.end + RAW_PREFIX.length,
      object: { type: 'date', start: '2014-03-08', end: null, granularity: 'day', basis: 'explicit' },
      when: { start: '2014-03-08', end: null, granularity: 'day' },
      agent: null,
      rule: 'launch:正式上线:preceding:date-before',
    });
    for (const r of rows) {
      expect(RAW.slice(r.start, r.end)).toBe(r.original);
      expect(RAW.slice(r.evidence.start, r.evidence.end)).toBe(r.evidence.original);
    }
    expect(spend.evidence).toEqual({ start: RAW.indexOf('5億元'), end: RAW.indexOf('5億元') + 3, text: '5亿元', original: '5億元' });
    expect(spend.agent).toBe('腾讯');
    expect(spend.original).toBe('騰訊斥資5億元推廣快聊。');
  });

  it('gives ids that are stable across runs and differ by article', () => {
    const first = toClaimRows('000_x', extractClaims(fixture().input()), mapper);
    const again = toClaimRows('000_x', extractClaims(fixture().input()), mapper);
    expect(again.map((r) => r.id)).toEqual(first.map((r) => r.id));
    expect(first[0].id).toMatch(/^[0-9a-f]{16}$/);
    expect(first[0].id).toBe(claimId('000_x', 'launch', '快聊', first[0].evidence.start, first[0].evidence.end));
    const other = toClaimRows('001_y', extractClaims(fixture('001_y').input()), mapper);
    expect(other.map((r) => r.id)).not.toContain(first[0].id);
    expect(new Set(first.map((r) => r.id)).size).toBe(first.length);
  });
});
