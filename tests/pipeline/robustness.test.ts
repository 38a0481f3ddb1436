import Database from 'better-sqlite3';
import iconv from 'iconv-lite';
import { closeSync, mkdirSync, openSync, readFileSync, writeFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ArticleRow } from '../../src/pipeline/rows.ts';
import { runIncremental, type RunReport } from '../../src/pipeline/incremental.ts';
import { STATE_FILE } from '../../src/state/store.ts';
import { sample, SAMPLES, tempDir, testConfig } from '../state/helpers.ts';

/**
 * One batch holding every kind of bad input next to a good article: each bad file gets its own
 * clear status and reason, and the batch goes on.
 */
const SIMPLIFIED = SAMPLES[0];
const TRADITIONAL = SAMPLES[4];

let input: string;
let output: string;
let report: RunReport;
let rows: Map<string, ArticleRow>;

const entityEncoded = (text: string) => [...text].map((ch) => `&#${ch.codePointAt(0)};`).join('');
/** First line of the body with at least some Chinese, for the HTML page. */
const bodyLine = sample(SIMPLIFIED)
  .split('\n')
  .find((line, index) => index > 0 && line.trim().length > 30)!
  .trim();

beforeAll(async () => {
  const root = tempDir('robustness');
  input = join(root, 'raw');
  output = join(root, 'out');
  const write = (name: string, content: string | Uint8Array) => writeFileSync(join(input, name), content);
  mkdirSync(input, { recursive: true });

  write('good.txt', sample(SIMPLIFIED));
  write('empty.txt', '');
  write('binary.txt', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52, 0, 1, 2, 3]));
  // Cut inside the last multi-byte character.
  const utf8 = Buffer.from(sample(SIMPLIFIED).trimEnd(), 'utf8');
  write('truncated.txt', utf8.subarray(0, utf8.length - 1));
  write('gbk.txt', iconv.encode(sample(SIMPLIFIED), 'gbk'));
  write('big5.txt', iconv.encode(sample(TRADITIONAL), 'big5'));
  write('boilerplate.txt', '点击关闭\n放大字体 缩小字体\n分享到：\n相关文章\n免责声明：本文仅代表作者本人观点。\nCopyright © 2016 Example.com All Rights Reserved\n冀ICP备12345678号\n');
  write(
    'entities.html',
    `<!DOCTYPE html><html><head><meta charset="utf-8"><title>${entityEncoded('阿里巴巴推出来往')}</title></head>` +
      `<body><h1>${entityEncoded('阿里巴巴推出来往')}</h1><p>${entityEncoded(bodyLine)}</p></body></html>\n`,
  );
  write('copy-one.txt', sample(SIMPLIFIED));
  write('copy-two.txt', sample(SIMPLIFIED));
  // 50 MB, written in chunks: over the default 10 MB limit.
  const big = openSync(join(input, 'huge.txt'), 'w');
  const chunk = Buffer.from(sample(SIMPLIFIED).repeat(64), 'utf8');
  const size = 50 * 1024 * 1024;
  for (let written = 0; written < size; written += chunk.length) writeSync(big, chunk.subarray(0, Math.min(chunk.length, size - written)));
  closeSync(big);

  report = await runIncremental(testConfig(input, output));
  const articles = JSON.parse(readFileSync(join(output, 'articles.json'), 'utf8')) as ArticleRow[];
  rows = new Map(articles.map((a) => [a.file, a]));
});

describe('bad input files', () => {
  it('processes the whole batch and counts the failures', () => {
    expect(report.articles).toBe(11);
    expect(report.failed).toBe(5);
    expect(rows.get('good.txt')).toMatchObject({ status: 'ok', error: null, encoding: 'utf-8', script: 'simplified' });
  });

  it('an empty file', () => {
    expect(rows.get('empty.txt')).toMatchObject({ status: 'error', error: 'empty file', chars: 0 });
  });

  it('a binary file', () => {
    expect(rows.get('binary.txt')).toMatchObject({ status: 'error' });
    expect(rows.get('binary.txt')!.error).toMatch(/^binary file/);
  });

  it('truncated UTF-8', () => {
    const row = rows.get('truncated.txt')!;
    expect(row.status).toBe('error');
    expect(row.error).toMatch(/UTF-8/);
  });

  it('GBK without a declaration', () => {
    expect(rows.get('gbk.txt')).toMatchObject({ status: 'ok', encoding: 'gb18030', script: 'simplified', title: rows.get('good.txt')!.title });
  });

  it('Big5 without a declaration', () => {
    const row = rows.get('big5.txt')!;
    expect(row).toMatchObject({ status: 'ok', encoding: 'big5' });
    expect(['traditional', 'mixed']).toContain(row.script);
    expect(row.title).toBeTruthy();
  });

  it('a file of boilerplate only', () => {
    expect(rows.get('boilerplate.txt')).toMatchObject({ status: 'error', error: 'no article text: every line is boilerplate' });
  });

  it('a 50 MB file is refused without being read', () => {
    const row = rows.get('huge.txt')!;
    expect(row.status).toBe('error');
    expect(row.error).toBe('file is 50.0 MB, over the 10.0 MB limit (ingest.maxFileBytes)');
    // Not hashed either: the file was never read, neither when planning nor when processing.
    expect(row.sha256).toBe('');
    const db = new Database(join(output, STATE_FILE), { readonly: true });
    const key = (db.prepare("SELECT content_key FROM articles WHERE file = 'huge.txt'").get() as { content_key: string }).content_key;
    db.close();
    expect(key).toMatch(/^unread:52428800:/);
  });

  it('an HTML page with numeric character entities: decoded text, offsets into the page as written', () => {
    const row = rows.get('entities.html')!;
    expect(row).toMatchObject({ status: 'ok', title: '阿里巴巴推出来往' });
    const raw = readFileSync(join(input, 'entities.html'), 'utf8');
    const entities = (JSON.parse(readFileSync(join(output, 'entities.json'), 'utf8')) as Array<{ article: string; text: string; original: string; start: number; end: number }>).filter(
      (e) => e.article === 'entities',
    );
    expect(entities.length).toBeGreaterThan(0);
    for (const e of entities) {
      expect(raw.slice(e.start, e.end)).toBe(e.original);
      expect(e.original).toBe(entityEncoded(e.text));
    }
  });

  it('two identical articles: both processed, counted as one source', () => {
    const one = rows.get('copy-one.txt')!;
    const two = rows.get('copy-two.txt')!;
    expect(one).toMatchObject({ status: 'ok', sha256: two.sha256 });
    const groups = JSON.parse(readFileSync(join(output, 'conflicts.json'), 'utf8')) as Array<{ articles: string[]; status: string; values: string[] }>;
    // Facts stated only by the copies (and the other copies of the same text) have one independent source.
    const copies = new Set(['copy-one', 'copy-two', 'good', 'gbk']);
    const onlyCopies = groups.filter((g) => g.articles.includes('copy-one') && g.articles.every((a) => copies.has(a)));
    expect(onlyCopies.length).toBeGreaterThan(0);
    for (const group of onlyCopies) {
      expect(group.articles).toContain('copy-two');
      expect(group.status).toBe('single');
    }
  });

  it('a single 1 MB line finishes (no stage is quadratic in the line length)', async () => {
    const root = tempDir('long-line');
    const folder = join(root, 'raw');
    mkdirSync(folder);
    // The body of one article with its line breaks removed (a disclaimer in the line would make it all boilerplate).
    const flat = sample(SIMPLIFIED).replace(/\s+/g, '');
    const target = 1024 * 1024;
    let line = '';
    while (Buffer.byteLength(line) < target) line += flat;
    writeFileSync(join(folder, 'one-line.txt'), line);
    writeFileSync(join(folder, 'good.txt'), sample(SIMPLIFIED));
    const result = await runIncremental(testConfig(folder, join(root, 'out')));
    const articles = JSON.parse(readFileSync(join(root, 'out', 'articles.json'), 'utf8')) as ArticleRow[];
    expect(result.articles).toBe(2);
    expect(articles.find((a) => a.file === 'one-line.txt')).toMatchObject({ status: 'ok', chars: line.length });
  });
});
