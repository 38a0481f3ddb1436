import { describe, expect, it } from 'vitest';
import { EntitySummary, summarizeEntities } from '../../src/extract/entity-summary.ts';
import type { EntityMention } from '../../src/types.ts';

function row(article: string, entity: string, type: EntityMention['type'], text: string, discovered = false): EntityMention & { article: string } {
  return { article, entity, type, text, start: 0, end: text.length, discovered, rule: discovered ? 'person:jieba' : 'lexicon' };
}

describe('summarizeEntities', () => {
  it('groups mentions by canonical entity and type, with surfaces, mentions and articles', () => {
    const rows = [
      row('000', '阿里巴巴', 'organization', '阿里'),
      row('000', '阿里巴巴', 'organization', '阿里'),
      row('001', '阿里巴巴', 'organization', '阿里巴巴集团'),
      row('001', '陈航', 'person', '陈航'),
      row('004', '陈航', 'person', '无招'),
      row('004', '钉钉', 'product', '钉钉'),
      row('004', '刘德顺', 'person', '刘德顺', true),
    ];
    expect(summarizeEntities(rows)).toEqual([
      { entity: '阿里巴巴', type: 'organization', aliases: ['阿里', '阿里巴巴集团'], mentions: 3, articles: 2, discovered: false },
      { entity: '陈航', type: 'person', aliases: ['无招', '陈航'], mentions: 2, articles: 2, discovered: false },
      { entity: '刘德顺', type: 'person', aliases: ['刘德顺'], mentions: 1, articles: 1, discovered: true },
      { entity: '钉钉', type: 'product', aliases: ['钉钉'], mentions: 1, articles: 1, discovered: false },
    ]);
  });

  it('keeps the same name with two types apart and orders ties by entity', () => {
    const rows = [row('000', '苹果', 'organization', '苹果', true), row('000', '苹果', 'product', '苹果', true), row('000', 'B', 'place', 'B', true)];
    expect(summarizeEntities(rows).map((r) => `${r.entity}/${r.type}`)).toEqual(['B/place', '苹果/organization', '苹果/product']);
  });

  it('counts an entity as discovered only when no mention came from the lexicon', () => {
    const rows = [row('000', '蜂巢', 'product', '蜂巢', true), row('001', '蜂巢', 'product', '蜂巢', false)];
    expect(summarizeEntities(rows)[0].discovered).toBe(false);
    expect(summarizeEntities([])).toEqual([]);
  });

  it('gives the same rows whatever order the mentions are added in, counted one by one or together', () => {
    const rows = [
      row('000', '阿里巴巴', 'organization', '阿里'),
      row('001', '阿里巴巴', 'organization', '阿里巴巴集团'),
      row('001', '阿里巴巴', 'organization', '阿里巴巴集团'),
      row('002', '钉钉', 'product', '钉钉', true),
      row('003', '钉钉', 'product', 'DingTalk'),
      row('003', '陈航', 'person', '无招'),
    ];
    const expected = summarizeEntities(rows);
    const reversed = new EntitySummary();
    for (const r of [...rows].reverse()) reversed.add(r.article, r.entity, r.type, r.text, r.discovered);
    expect(reversed.rows()).toEqual(expected);
    const together = new EntitySummary();
    together.add('001', '阿里巴巴', 'organization', '阿里巴巴集团', false, 2);
    for (const r of rows.filter((r) => r.text !== '阿里巴巴集团')) together.add(r.article, r.entity, r.type, r.text, r.discovered);
    expect(together.rows()).toEqual(expected);
  });
});
