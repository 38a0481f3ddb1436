import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import nodejieba from 'nodejieba';
import * as OpenCC from 'opencc-js';
import { beforeAll, describe, expect, it } from 'vitest';
import { entityUserWords, loadEntityLexicon } from '../../src/extract/entities.ts';
import { loadSegmenter, loadUserDictionaryFile, segment, segmentMethodInUse, segmentWith, tagUnknownWord } from '../../src/text/segment.ts';

const USER_DICT = 'src/lexicons/user-dict.txt';
const NER_FIXTURES = 'tests/fixtures/entities';

/** The sample articles, their Simplified conversion, and the NER fixture sentences: news text of every kind. */
function corpus(): string[] {
  const toSimplified = OpenCC.Converter({ from: 'tw', to: 'cn' });
  const samples = readdirSync('raw').map((f) => readFileSync(join('raw', f), 'utf8'));
  const fixtures = readdirSync(NER_FIXTURES)
    .filter((f) => f.endsWith('.txt'))
    .map((f) => readFileSync(join(NER_FIXTURES, f), 'utf8'));
  return [...samples, ...samples.map((s) => toSimplified(s)), ...fixtures, 'iPhone 6s售价5288元，A股3000点，Q3财报，5G，x86，ＡＢＣ全角，Ｍ２，阿里巴巴CEO张勇'];
}

beforeAll(() => {
  loadSegmenter([...loadUserDictionaryFile(USER_DICT), ...entityUserWords(loadEntityLexicon([]))]);
});

describe('segment', () => {
  it.each(['tag', 'cut'] as const)("gives exactly jieba's tag() words and tags, with offsets into the text (%s)", (method) => {
    let compared = 0;
    for (const text of corpus()) {
      const tokens = segmentWith(text, method);
      const expected = text
        .split('\n')
        .filter((line) => line.trim())
        .flatMap((line) => nodejieba.tag(line))
        .filter(({ word }) => word.trim())
        .map(({ word, tag }) => `${word}/${tag}`);
      expect(tokens.map((t) => `${t.text}/${t.tag}`)).toEqual(expected);
      for (const t of tokens) expect(text.slice(t.start, t.end)).toBe(t.text);
      compared += tokens.length;
    }
    expect(compared).toBeGreaterThan(5000);
  });

  it('switches from tag() to cut() once enough lines are done, with the same tokens', () => {
    // Another word list reloads jieba and starts the count again.
    const words = [...loadUserDictionaryFile(USER_DICT), ...entityUserWords(loadEntityLexicon([])), { word: '换词测试', frequency: 5, tag: 'nz' }];
    loadSegmenter(words);
    expect(segmentMethodInUse()).toBe('tag');
    const text = Array.from({ length: 4 }, () => corpus().join('\n')).join('\n');
    const lines = text.split('\n').filter((line) => line.trim()).length;
    expect(lines).toBeGreaterThan(2000);
    const byTag = segment(text);
    expect(segmentMethodInUse()).toBe('tag');
    const byCut = segment(text);
    expect(segmentMethodInUse()).toBe('cut');
    expect(byCut).toEqual(byTag);
  });

  it('tags words missing from the dictionary as jieba does', () => {
    expect(tagUnknownWord('张三丰')).toBe('x');
    expect(tagUnknownWord('5288')).toBe('m');
    expect(tagUnknownWord('x86')).toBe('eng');
    expect(tagUnknownWord('Q3财报')).toBe('eng');
    expect(tagUnknownWord('12网络')).toBe('m');
    expect(tagUnknownWord('3G网络')).toBe('eng');
    // jieba looks at ASCII only until it has seen half the word's length: a one-character word has none.
    expect(tagUnknownWord('5')).toBe('x');
  });
});
