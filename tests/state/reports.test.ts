import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { processArticleFile } from '../../src/pipeline/article.ts';
import { loadResources, type Resources } from '../../src/pipeline/resources.ts';
import { listInputFiles } from '../../src/pipeline/run.ts';
import type { ArticleResult } from '../../src/pipeline/rows.ts';
import { csvLines, packResult, renderFragment } from '../../src/state/fragments.ts';
import { toCsv } from '../../src/report/write.ts';
import { StateStore } from '../../src/state/store.ts';
import { expectSameReports, sample, sampleCorpus, SAMPLES, tempDir, testConfig, variant, writeReportsFromResults, writeReportsFromState } from './helpers.ts';

/**
 * The reports written from the state (joined fragments) must be writeReports' reports byte for
 * byte: writing every result from memory (writeReportsFromResults) is the reference.
 */
let resources: Resources;

beforeAll(() => {
  resources = loadResources(testConfig('raw', 'output'));
});

function corpus(withSameIds: boolean): string {
  const input = sampleCorpus(join(tempDir('reports'), 'raw'));
  writeFileSync(join(input, 'empty.txt'), '');
  writeFileSync(join(input, 'copy.txt'), sample(SAMPLES[0]));
  writeFileSync(join(input, 'variant.txt'), variant(sample(SAMPLES[1]), 3));
  // Names that sort differently in UTF-16 (JavaScript) and UTF-8 (SQLite): U+1F4F0 vs U+FF5A.
  writeFileSync(join(input, '\u{1F4F0}.txt'), variant(sample(SAMPLES[3]), 2));
  writeFileSync(join(input, '\uFF5A.txt'), variant(sample(SAMPLES[3]), 2));
  if (withSameIds) {
    // Same id ("variant", and a sample's id) in a sub-folder: rows of both interleave by position.
    mkdirSync(join(input, 'sub'));
    writeFileSync(join(input, 'sub', 'variant.txt'), variant(sample(SAMPLES[2]), 5));
    writeFileSync(join(input, 'sub', SAMPLES[3]), sample(SAMPLES[3]));
  }
  return input;
}

function compareWithReference(input: string): void {
  const root = join(input, '..');
  const reference = join(root, 'reference');
  const fromState = join(root, 'state');
  const config = testConfig(input, reference);
  const results: ArticleResult[] = listInputFiles(config).map((f) => processArticleFile(f.path, f.file, resources));
  writeReportsFromResults(config, results);

  mkdirSync(fromState, { recursive: true });
  const store = StateStore.open(fromState);
  store.save(
    results.map((r) => ({ packed: packResult(r), contentKey: r.article.sha256, retry: false })),
    { configHash: 'c', rulesVersion: 'r' },
  );
  writeReportsFromState(fromState, store, config);
  store.close();
  expectSameReports(fromState, reference);
}

describe('reports from the state', () => {
  it('equal writeReports byte for byte (joined fragments)', () => {
    compareWithReference(corpus(false));
  });

  it('equal writeReports byte for byte when two files share an id (general path), and drop the spares', () => {
    const input = corpus(true);
    // Spares left by earlier writes of the joined tables would only take room: the general path writes new files.
    mkdirSync(join(input, '..', 'state', '.spare'), { recursive: true });
    writeFileSync(join(input, '..', 'state', '.spare', 'entities.json'), '[]\n');
    compareWithReference(input);
    expect(existsSync(join(input, '..', 'state', '.spare'))).toBe(false);
  });

  it('keep the same text for empty tables', () => {
    const dir = tempDir('reports-empty');
    const store = StateStore.open(dir);
    writeReportsFromState(dir, store, testConfig('raw', dir));
    store.close();
    expect(readFileSync(join(dir, 'entities.json'), 'utf8')).toBe('[]\n');
    expect(readFileSync(join(dir, 'dates.csv'), 'utf8')).toBe('\ufeffarticle,text,original,start,end,sentence,value.start,value.end,value.granularity,approx,basis,implied,rule\r\n');
  });
});

describe('fragments', () => {
  it('are the rows of the table as they stand in the report', () => {
    const rows = [
      { article: 'a', entity: '来往', type: 'product', text: '来往', original: '來往', start: 3, end: 5, sentence: '推出"来往,"。', discovered: false, rule: 'lexicon' },
      { article: 'a', entity: '阿里巴巴', type: 'organization', text: '阿里', original: '阿里', start: 0, end: 2, sentence: '阿里', discovered: true, rule: 'suffix' },
    ];
    const fragment = renderFragment('entities', rows);
    expect(fragment.json).toBe(rows.map((row) => JSON.stringify(row)).join(',\n'));
    expect(fragment.csv).toBe('a,来往,product,来往,來往,3,5,"推出""来往,""。",false,lexicon\r\na,阿里巴巴,organization,阿里,阿里,0,2,阿里,true,suffix\r\n');
    expect(renderFragment('entities', [])).toEqual({ json: '', csv: '' });
  });

  it('write CSV lines exactly as toCsv does, for awkward cells too', () => {
    const awkward = ['', ' ', 'a,b', 'say "hi"', '"', 'line\nbreak', 'cr\r', 'crlf\r\n', ',', '，全角', '=1+1', '-3', ' lead', 'trail ', '\t', '😀', '\u2028'];
    const values: unknown[] = [...awkward, null, undefined, true, false, 0, -0, 1.5, 1e21, 2.15e-7, NaN, ['x', 'y,z'], [{ a: 1 }], []];
    const rows = values.map((value, i) => ({ article: `a${i}`, text: value, original: values[(i + 7) % values.length], start: i, end: value, sentence: { nested: value } }));
    const columns = ['article', 'text', 'original', 'start', 'end', 'sentence.nested', 'missing'];
    const header = toCsv([], columns);
    expect(csvLines(rows, columns)).toBe(toCsv(rows, columns).slice(header.length));
  });
});
