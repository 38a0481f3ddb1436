import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config/config.ts';
import { UsageError } from '../../src/config/errors.ts';
import { canonicalJson, configHash, rulesVersion } from '../../src/state/versions.ts';

const config = (json: object, baseDir = '/tmp') => parseConfig(json, null, baseDir);

describe('config hash', () => {
  it('ignores options that do not change a per-article result', () => {
    const base = configHash(config({}));
    expect(configHash(config({ input: 'articles', output: 'reports' }))).toBe(base);
    expect(configHash(config({ run: { workers: 3, inProcessBelow: 1, watchDebounceMs: 10, spareReports: false } }))).toBe(base);
    expect(configHash(config({ reconcile: { anything: 1 } }))).toBe(base);
    expect(configHash(config({}, '/elsewhere'))).toBe(base);
  });

  it('changes with options that do', () => {
    const base = configHash(config({}));
    expect(configHash(config({ convert: { preset: 't' } }))).not.toBe(base);
    expect(configHash(config({ ingest: { maxFileBytes: 1000 } }))).not.toBe(base);
    expect(configHash(config({ lexicons: { entities: ['mine.json'] } }))).not.toBe(base);
    expect(configHash(config({ dates: { fallbackReference: 'today' } }))).not.toBe(base);
  });

  it('depends on the day when relative dates fall back to today', () => {
    const today = config({ dates: { fallbackReference: 'today' } });
    expect(configHash(today, '2024-01-01')).toBe(configHash(today, '2024-01-01'));
    expect(configHash(today, '2024-01-01')).not.toBe(configHash(today, '2024-01-02'));
    const none = config({});
    expect(configHash(none, '2024-01-01')).toBe(configHash(none, '2024-01-02'));
  });
});

describe('rules version', () => {
  it('changes when a configured data file changes, and only then', () => {
    const dir = mkdtempSync(join(tmpdir(), 'versions-'));
    writeFileSync(join(dir, 'words.txt'), '盒马集市 50000 nz\n');
    const withWords = config({ lexicons: { userDictionaries: ['words.txt'] } }, dir);
    const first = rulesVersion(withWords);
    expect(rulesVersion(withWords)).toBe(first);
    expect(rulesVersion(config({}, dir))).not.toBe(first);
    writeFileSync(join(dir, 'words.txt'), '盒马集市 60000 nz\n');
    expect(rulesVersion(withWords)).not.toBe(first);
  });

  it('names a configured data file that does not exist', () => {
    const dir = mkdtempSync(join(tmpdir(), 'versions-'));
    const missing = config({ lexicons: { entities: ['nope.json'] } }, dir);
    expect(() => rulesVersion(missing)).toThrow(UsageError);
    expect(() => rulesVersion(missing)).toThrow(`${join(dir, 'nope.json')}: data file not found`);
  });
});

describe('canonical JSON', () => {
  it('does not depend on key order', () => {
    expect(canonicalJson({ b: 1, a: { d: [1, { y: 2, x: 1 }], c: null } })).toBe('{"a":{"c":null,"d":[1,{"x":1,"y":2}]},"b":1}');
  });
});
