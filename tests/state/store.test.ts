import Database from 'better-sqlite3';
import { existsSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ArticleResult } from '../../src/pipeline/rows.ts';
import { SCHEMA_VERSION } from '../../src/state/schema.ts';
import { articleSignature } from '../../src/reconcile/duplicates.ts';
import { packResult } from '../../src/state/fragments.ts';
import { STATE_FILE, StateStore, type ResultToStore } from '../../src/state/store.ts';

const versions = { configHash: 'c1', rulesVersion: 'r1' };
const tempDir = () => mkdtempSync(join(tmpdir(), 'state-'));

function result(id: string, overrides: Partial<ArticleResult['article']> = {}): ArticleResult {
  const article = `${id}`;
  return {
    article: {
      id,
      file: `${id}.txt`,
      title: `标题${id}`,
      source: null,
      published: '2016-06-15',
      author: null,
      script: 'simplified',
      encoding: 'utf-8',
      chars: 120,
      sha256: `${id}`.padEnd(64, '0'),
      status: 'ok',
      error: null,
      ...overrides,
    },
    dates: [
      {
        article,
        text: '2013年9月23日',
        original: '2013年9月23日',
        start: 10,
        end: 20,
        sentence: '来往于2013年9月23日上线。',
        value: { start: '2013-09-23', end: null, granularity: 'day' },
        approx: false,
        basis: 'explicit',
        implied: [],
        rule: 'ymd',
      },
    ],
    figures: [
      {
        article,
        text: '10亿',
        original: '10億',
        start: 30,
        end: 33,
        sentence: '斥资10亿。',
        kind: 'money',
        value: 1000000000,
        max: null,
        approx: 'exact',
        currency: 'CNY',
        currencyInferred: true,
        unit: null,
        rule: 'amount',
      },
    ],
    entities: [
      { article, text: '来往', original: '來往', start: 0, end: 2, sentence: '来往于2013年9月23日上线。', entity: '来往', type: 'product', discovered: false, rule: 'lexicon' },
      { article, text: '阿里', original: '阿里', start: 40, end: 42, sentence: '阿里推出。', entity: '阿里巴巴', type: 'organization', discovered: false, rule: 'lexicon' },
    ],
    claims: [
      {
        id: `claim-${id}`,
        article,
        subject: '来往',
        predicate: 'launch',
        object: { type: 'date', start: '2013-09-23', end: null, granularity: 'day', basis: 'explicit' },
        when: { start: '2013-09-23', end: null, granularity: 'day' },
        agent: null,
        sentence: '来往于2013年9月23日上线。',
        original: '來往於2013年9月23日上線。',
        start: 0,
        end: 16,
        evidence: { start: 3, end: 13, text: '2013年9月23日', original: '2013年9月23日' },
        confidence: 0.9,
        rule: 'launch-date',
      },
    ],
    tokens: ['来往', '于', '2013', '年'],
    timings: { ingest: 1.5, segment: 2 },
  };
}

function entry(r: ArticleResult, retry = false): ResultToStore {
  return { packed: packResult(r), contentKey: r.article.sha256, retry };
}

function count(dir: string, table: string): number {
  const db = new Database(join(dir, STATE_FILE), { readonly: true });
  try {
    return (db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
  } finally {
    db.close();
  }
}

describe('state store', () => {
  it('gives back the stored results, sorted by file, without timings and tokens', () => {
    const dir = tempDir();
    const store = StateStore.open(dir);
    const b = result('b');
    const a = result('a');
    store.save([entry(b), entry(a)], versions);
    const loaded = store.loadResults();
    expect(loaded.map((r) => r.article.file)).toEqual(['a.txt', 'b.txt']);
    // Tokens are not kept: reconciliation reads the stored near-duplicate signature.
    expect(loaded[0]).toEqual({ ...a, tokens: [], timings: {} });
    expect(loaded[1]).toEqual({ ...b, tokens: [], timings: {} });
    const cores = store.loadCores();
    expect(cores.map((c) => c.file)).toEqual(['a.txt', 'b.txt']);
    expect(cores[0].core.signature).toEqual(articleSignature(a.tokens));
    expect(cores[0].core.entities).toEqual([
      ['来往', 'product', '来往', false, 1],
      ['阿里巴巴', 'organization', '阿里', false, 1],
    ]);
    expect(store.loadCoresOf(['b.txt', 'missing.txt', 'a.txt']).map((c) => c.file)).toEqual(['a.txt', 'b.txt']);
    expect(store.loadCores((file) => file !== 'a.txt').map((c) => c.file)).toEqual(['b.txt']);
    store.close();
  });

  it('keeps one entity tuple per distinct surface, counting its mentions', () => {
    const r = result('a');
    const [first, second] = r.entities;
    r.entities = [first, { ...first, start: 10, end: 12 }, { ...first, start: 20, end: 22, discovered: true }, second, { ...second, start: 50, end: 52 }];
    const core = JSON.parse(packResult(r).core) as { entities: unknown[] };
    expect(core.entities).toEqual([
      ['来往', 'product', '来往', false, 2],
      ['来往', 'product', '来往', true, 1],
      ['阿里巴巴', 'organization', '阿里', false, 2],
    ]);
  });

  it('caches file fingerprints, replacing the whole set on each save', () => {
    const dir = tempDir();
    const store = StateStore.open(dir);
    const a = { size: 10, mtimeMs: 1.5, ctimeMs: 1.75, inode: '12', contentKey: 'k-a', seenMs: 5000 };
    const b = { size: 21, mtimeMs: 3, ctimeMs: 4, inode: '18446744073709551615', contentKey: 'k-b2', seenMs: 7000 };
    store.saveFileStats(new Map([['a.txt', a], ['b.txt', { ...b, contentKey: 'k-b' }]]));
    store.saveFileStats(new Map([['b.txt', b]]));
    expect([...store.fileStats()]).toEqual([['b.txt', b]]);
    store.close();
  });

  it('keeps real columns users can query with SQL', () => {
    const dir = tempDir();
    const store = StateStore.open(dir);
    store.save([entry(result('a')), entry(result('b', { status: 'error', error: 'empty file', title: null }))], versions);
    store.close();
    const db = new Database(join(dir, STATE_FILE), { readonly: true });
    expect(db.prepare('SELECT file, status, error, title, config_hash, rules_version FROM articles ORDER BY file').all()).toEqual([
      { file: 'a.txt', status: 'ok', error: null, title: '标题a', config_hash: 'c1', rules_version: 'r1' },
      { file: 'b.txt', status: 'error', error: 'empty file', title: null, config_hash: 'c1', rules_version: 'r1' },
    ]);
    expect(db.prepare("SELECT article, value_start, value_end, granularity, approx, span_start, span_end, implied FROM dates WHERE file = 'a.txt'").get()).toEqual({
      article: 'a',
      value_start: '2013-09-23',
      value_end: null,
      granularity: 'day',
      approx: 0,
      span_start: 10,
      span_end: 20,
      implied: '[]',
    });
    expect(db.prepare("SELECT original, value, currency, currency_inferred FROM figures WHERE file = 'a.txt'").get()).toEqual({
      original: '10億',
      value: 1000000000,
      currency: 'CNY',
      currency_inferred: 1,
    });
    expect(db.prepare("SELECT entity, type FROM entities WHERE file = 'a.txt' ORDER BY span_start").all()).toEqual([
      { entity: '来往', type: 'product' },
      { entity: '阿里巴巴', type: 'organization' },
    ]);
    expect(
      db.prepare("SELECT id, subject, predicate, json_extract(object, '$.start') AS value, when_start FROM claims WHERE file = 'b.txt'").get(),
    ).toEqual({ id: 'claim-b', subject: '来往', predicate: 'launch', value: '2013-09-23', when_start: '2013-09-23' });
    db.close();
  });

  it('replaces the rows of a file stored again, and removes every row of a dropped file', () => {
    const dir = tempDir();
    const store = StateStore.open(dir);
    store.save([entry(result('a')), entry(result('b'))], versions);
    const changed = result('a', { title: '新标题' });
    changed.entities = changed.entities.slice(0, 1);
    store.save([entry(changed)], { configHash: 'c2', rulesVersion: 'r2' });
    expect(count(dir, 'articles')).toBe(2);
    expect(count(dir, 'entities')).toBe(3);
    expect(store.articles().get('a.txt')).toMatchObject({ configHash: 'c2', rulesVersion: 'r2', retry: false });
    expect(store.loadResults()[0].article.title).toBe('新标题');

    store.remove(['b.txt']);
    expect(count(dir, 'articles')).toBe(1);
    expect(count(dir, 'fragments')).toBe(1);
    expect(count(dir, 'claims')).toBe(1);
    expect(count(dir, 'dates')).toBe(1);
    expect(count(dir, 'entities')).toBe(1); // the changed a.txt kept one of its two
    expect([...store.articles().keys()]).toEqual(['a.txt']);
    store.close();
  });

  it('commits a batch whole or not at all', () => {
    const dir = tempDir();
    const store = StateStore.open(dir);
    const broken = result('b');
    (broken.article as { status: string }).status = 'bogus'; // violates the CHECK constraint
    expect(() => store.save([entry(result('a')), entry(broken)], versions)).toThrow();
    expect(store.articles().size).toBe(0);
    expect(count(dir, 'dates')).toBe(0);
    store.close();
  });

  it('remembers retryable failures and meta values', () => {
    const dir = tempDir();
    const store = StateStore.open(dir);
    store.save([entry(result('a', { status: 'error', error: 'timed out' }), true)], versions);
    store.setMeta({ rules_version: 'r1' });
    store.setMeta({ rules_version: 'r2' });
    store.close();
    const again = StateStore.open(dir);
    expect(again.articles().get('a.txt')?.retry).toBe(true);
    expect(again.meta()).toMatchObject({ schema_version: String(SCHEMA_VERSION), rules_version: 'r2' });
    again.close();
  });

  it('stores the conflict rows of the last run', () => {
    const dir = tempDir();
    const store = StateStore.open(dir);
    store.saveConflicts([{ subject: '来往', predicate: 'launch', status: 'agree' }, { subject: '钉钉', predicate: 'launch', status: 'conflict' }]);
    store.saveConflicts([{ subject: '钉钉', predicate: 'launch', status: 'conflict' }]);
    store.close();
    const db = new Database(join(dir, STATE_FILE), { readonly: true });
    expect(db.prepare('SELECT position, subject, status, data FROM conflicts').all()).toEqual([
      { position: 0, subject: '钉钉', status: 'conflict', data: JSON.stringify({ subject: '钉钉', predicate: 'launch', status: 'conflict' }) },
    ]);
    db.close();
  });

  it('rebuilds a database of an older schema version', () => {
    const dir = tempDir();
    const store = StateStore.open(dir);
    store.save([entry(result('a'))], versions);
    store.close();
    const db = new Database(join(dir, STATE_FILE));
    db.prepare("UPDATE meta SET value = '0' WHERE key = 'schema_version'").run();
    db.close();
    const reopened = StateStore.open(dir);
    expect(reopened.articles().size).toBe(0);
    expect(reopened.meta().schema_version).toBe(String(SCHEMA_VERSION));
    reopened.close();
  });

  it('replaces a file that is not a database, and says so', () => {
    const dir = tempDir();
    writeFileSync(join(dir, STATE_FILE), 'this is not a database, just some text that is long enough to have a header'.repeat(20));
    const store = StateStore.open(dir);
    expect(store.rebuilt).toMatch(/not a usable database.*rebuilding/);
    store.save([entry(result('a'))], versions);
    expect(store.articles().size).toBe(1);
    store.close();
  });

  it('opens for reading only when a database exists, creating nothing', () => {
    const dir = tempDir();
    expect(StateStore.openExisting(dir)).toBeNull();
    expect(readdirSync(dir)).toEqual([]);
    const store = StateStore.open(dir);
    store.save([entry(result('a'))], versions);
    store.close();
    const reader = StateStore.openExisting(dir)!;
    expect([...reader.articles().keys()]).toEqual(['a.txt']);
    reader.close();
    expect(readdirSync(dir)).toEqual([STATE_FILE]);
    expect(existsSync(join(dir, `${STATE_FILE}-journal`))).toBe(false);
  });
});
