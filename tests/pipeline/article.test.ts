import { readFileSync, readdirSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config/config.ts';
import { processArticleBytes } from '../../src/pipeline/article.ts';
import { loadResources, type Resources } from '../../src/pipeline/resources.ts';
import type { ArticleResult } from '../../src/pipeline/rows.ts';

const RAW = new URL('../../raw/', import.meta.url);
const FIXTURES = new URL('../fixtures/ingest/', import.meta.url);
let resources: Resources;

beforeAll(() => {
  resources = loadResources(parseConfig({}, null, process.cwd()));
});

/** Every reported span, from every layer, with the raw text it must slice. */
function spansOf(result: ArticleResult) {
  const spans: Array<{ layer: string; start: number; end: number; original: string }> = [];
  for (const layer of ['dates', 'figures', 'entities', 'claims'] as const) {
    for (const row of result[layer] as Array<{ start: number; end: number; original: string; evidence?: { start: number; end: number; original: string } }>) {
      spans.push({ layer, start: row.start, end: row.end, original: row.original });
      if (row.evidence) spans.push({ layer: `${layer}.evidence`, ...row.evidence });
    }
  }
  return spans;
}

describe('the five sample articles', () => {
  const files = readdirSync(RAW).filter((f) => f.endsWith('.txt')).sort();
  const results = new Map<string, { raw: string; result: ArticleResult }>();

  beforeAll(() => {
    for (const file of files) {
      const bytes = readFileSync(new URL(file, RAW));
      results.set(file, { raw: new TextDecoder().decode(bytes), result: processArticleBytes(file.replace(/\.txt$/, ''), file, bytes, resources) });
    }
  });

  it('are all processed', () => {
    expect(files).toHaveLength(5);
    for (const { result } of results.values()) expect(result.article.error).toBeNull();
  });

  it('keep the offset invariant for every reported span: original === raw.slice(start, end)', () => {
    let checked = 0;
    for (const { raw, result } of results.values()) {
      for (const span of spansOf(result)) {
        expect(raw.slice(span.start, span.end), `${result.article.id} ${span.layer}`).toBe(span.original);
        expect(span.end).toBeGreaterThan(span.start);
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(100);
  });

  it('report titles, scripts and the publication date of 003', () => {
    const byId = Object.fromEntries([...results.values()].map(({ result }) => [result.article.id.slice(0, 3), result.article]));
    expect(byId['000'].script).toBe('simplified');
    expect(byId['001'].script).toMatch(/^(traditional|mixed)$/);
    expect(byId['002'].script).toBe('simplified');
    expect(byId['003'].script).toBe('simplified');
    expect(byId['004'].script).toMatch(/^(traditional|mixed)$/);
    expect(byId['003'].published).toBe('2016-06-15');
    expect(byId['003'].title).toBe('红包大战背后的阿里社交的尝试和经验积累');
    expect(byId['004'].title).toBe('新品上线、钉钉“出圈”,阿里重燃社交烽火');
    for (const article of Object.values(byId)) expect(article.title).toBeTruthy();
  });

  it('map Traditional surfaces back to the original characters (釘釘 for 钉钉)', () => {
    const { result } = results.get(files.find((f) => f.startsWith('004'))!)!;
    const dingding = result.entities.find((e) => e.text === '钉钉');
    expect(dingding?.original).toBe('釘釘');
  });
});

describe('bad inputs get a clear error and never throw', () => {
  const run = (name: string, file = name) => processArticleBytes(name.replace(/\.\w+$/, ''), file, readFileSync(new URL(name, FIXTURES)), resources).article;

  it('empty file', () => {
    expect(run('empty.txt')).toMatchObject({ status: 'error', error: 'empty file' });
  });

  it('binary file', () => {
    expect(run('binary.txt')).toMatchObject({ status: 'error', error: expect.stringMatching(/binary/) });
  });

  it('GBK, Big5 and UTF-16 files are read', () => {
    expect(run('gbk.txt')).toMatchObject({ status: 'ok', encoding: 'gb18030', script: 'simplified' });
    expect(run('big5.txt')).toMatchObject({ status: 'ok', encoding: 'big5', script: 'traditional' });
    expect(run('utf16le-bom.txt')).toMatchObject({ status: 'ok', encoding: 'utf-16le' });
  });

  it('an HTML page with numeric entities keeps offsets into the HTML source', () => {
    const bytes = readFileSync(new URL('entities.html', FIXTURES));
    const html = new TextDecoder().decode(bytes);
    const result = processArticleBytes('entities', 'entities.html', bytes, resources);
    expect(result.article.status).toBe('ok');
    const launch = result.dates.find((d) => d.text === '2015年');
    expect(launch).toBeDefined();
    for (const span of spansOf(result)) expect(html.slice(span.start, span.end)).toBe(span.original);
    const dingding = result.entities.find((e) => e.text === '钉钉');
    expect(dingding?.original).toBe('&#38025;&#38025;');
  });

  it('a file of boilerplate only', () => {
    const bytes = new TextEncoder().encode('点击关闭\n分享到:\n相关文章:\nCopyright © 2020 example.com\n');
    expect(processArticleBytes('b', 'b.txt', bytes, resources).article).toMatchObject({
      status: 'error',
      error: 'no article text: every line is boilerplate',
    });
  });
});
