import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { htmlToText } from '../../src/ingest/html.ts';

describe('htmlToText', () => {
  const html = readFileSync(new URL('../fixtures/ingest/entities.html', import.meta.url), 'utf8');
  const result = htmlToText(html);

  it('decodes numeric and named character references', () => {
    expect(result.text).toContain('钉钉于2015年上线，阿里巴巴&蚂蚁金服联合推出。');
  });

  it('drops scripts and styles and breaks lines at block tags', () => {
    expect(result.text).not.toContain('不是正文');
    expect(result.text).not.toContain('color');
    expect(result.text.split('\n').map((l) => l.trim()).filter(Boolean)).toContain('用户超过1000万。');
  });

  it('reads the title', () => {
    expect(result.title?.value).toBe('钉钉上线 - 新闻网');
  });

  it('maps every text span back to the HTML source, entities to their whole reference', () => {
    const at = result.text.indexOf('钉钉于');
    const [start, end] = result.map.toSource(at, at + 3);
    expect(html.slice(start, end)).toBe('&#38025;&#38025;于');
    const plain = result.text.indexOf('用户超过');
    expect(html.slice(...result.map.toSource(plain, plain + 4))).toBe('用户超过');
  });
});
