import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { cleanText } from '../../src/clean/clean.ts';
import { loadBoilerplateRules } from '../../src/clean/rules.ts';

const rules = loadBoilerplateRules();
const read = (path: string) => readFileSync(new URL(path, import.meta.url), 'utf8');

function expectTraceable(source: string, result: ReturnType<typeof cleanText>) {
  for (let i = 0; i < result.text.length; i++) {
    const [s, e] = result.map.toSource(i, i + 1);
    if (result.text[i] !== '\n') expect(source.slice(s, e)).toBe(result.text[i]);
  }
  for (const field of Object.values(result.meta)) {
    if (field) expect(source.slice(field.start, field.end)).toBe(field.original);
  }
}

describe('cleanText on a portal page', () => {
  const source = read('../fixtures/clean/portal-page.txt');
  const result = cleanText(source, rules);

  it('keeps the body and the headline', () => {
    expect(result.text.split('\n')).toEqual([
      '华为发布新款手机 售价4999元起',
      '华为今天在深圳举行发布会，推出新款手机，起售价为4999元。',
      '据介绍，新机首批备货超过100万台。',
    ]);
  });

  it('drops navigation, share, prev/next, related and copyright lines with the rule that fired', () => {
    const rulesFired = result.dropped.map((d) => d.rule);
    expect(rulesFired).toEqual(
      expect.arrayContaining(['site-name', 'breadcrumb', 'share', 'prev-next', 'related', 'copyright']),
    );
    expect(result.text).not.toMatch(/ICP|分享|上一篇|当前位置/);
  });

  it('reads title, source, author and publication date with their positions', () => {
    expect(result.meta.title?.value).toBe('华为发布新款手机 售价4999元起');
    expect(result.meta.published?.value).toBe('2023-09-25');
    expect(result.meta.source?.value).toBe('科技日报网');
    expect(result.meta.author?.value).toBe('张伟');
    expectTraceable(source, result);
  });
});

describe('cleanText on the sample articles', () => {
  it('003 keeps its body, loses its copyright/ICP footer and reads its date, site and author', () => {
    const source = read('../../raw/003_679c830559632711.txt');
    const result = cleanText(source, rules);
    expect(result.text).toContain('在天猫双十一当天571亿的成交额中,移动端占比已高达42.6%');
    expect(result.text).toContain('阿里有足够的资金和资源来尝试。');
    expect(result.text).not.toMatch(/Copyright|ICP备|免责声明|放大字体|当前位置/);
    expect(result.meta.published?.value).toBe('2016-06-15');
    expect(result.meta.published?.original).toBe('2016-06-15');
    expect(result.meta.title?.value).toBe('红包大战背后的阿里社交的尝试和经验积累');
    expect(result.meta.source?.value).toBe('易商讯');
    expect(result.meta.author?.value).toBe('小编');
    expectTraceable(source, result);
  });

  it('000 loses the related-article headlines that trail the body', () => {
    const source = read('../../raw/000_7754bb22d4149d4a.txt');
    const result = cleanText(source, rules);
    expect(result.text).not.toContain('知识普惠行动');
    expect(result.text.endsWith('到时候就真的要感叹一句活久见了。')).toBe(true);
    expectTraceable(source, result);
  });

  it('001 (Traditional body) is cleaned through a Simplified view: disclaimer and trailer go, 来源 is read', () => {
    const source = read('../../raw/001_75b01f558353f6b7.txt');
    const result = cleanText(source, rules);
    expect(result.text).not.toMatch(/點擊關閉|点击关闭|今日关键词|不代表和訊網立場/);
    expect(result.text).toContain('並宣布斥資10億進行推廣');
    expect(result.meta.source?.value).toBe('一鸣网');
    expect(result.meta.source?.original).toBe('一鳴網');
    expect(result.meta.title?.value).toBe('阿里正在重启“来往”准备再战社交');
    expectTraceable(source, result);
  });

  it('004 drops repeated copies of its headline', () => {
    const source = read('../../raw/004_1242e5f8326a04b2.txt');
    const result = cleanText(source, rules);
    expect(result.text.split('\n').filter((l) => l.includes('阿里重燃社交烽火'))).toHaveLength(1);
    expect(result.text).not.toMatch(/分享到|相關文章/);
  });
});
