import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import nodejieba from 'nodejieba';
import type { Token } from '../../src/types.ts';
import * as OpenCC from 'opencc-js';
import { beforeAll, describe, expect, it } from 'vitest';
import { entityUserWords, loadEntityLexicon } from '../../src/extract/entities.ts';
import {
  dictionaryInUse,
  loadSegmenter,
  loadUserDictionaryFile,
  PARTIAL_LOADS_BEFORE_WHOLE,
  PARTIAL_TEXT_AT_MOST,
  segment,
  segmentMethodInUse,
  segmentWith,
  tagUnknownWord,
  type UserWord,
} from '../../src/text/segment.ts';

const USER_DICT = 'src/lexicons/user-dict.txt';
const NER_FIXTURES = 'tests/fixtures/entities';

/** The sample articles, their Simplified conversion, and the NER fixture sentences: news text of every kind. */
function corpus(): string[] {
  const toSimplified = OpenCC.Converter({ from: 'tw', to: 'cn' });
  const samples = readdirSync('raw').map((f) => readFileSync(join('raw', f), 'utf8'));
  const fixtures = readdirSync(NER_FIXTURES)
    .filter((f) => f.endsWith('.txt'))
    .map((f) => readFileSync(join(NER_FIXTURES, f), 'utf8'));
  // Distinct texts only: a Simplified sample converts to itself.
  return [...new Set([...samples, ...samples.map((s) => toSimplified(s)), ...fixtures, 'iPhone 6s售价5288元，A股3000点，Q3财报，5G，x86，ＡＢＣ全角，Ｍ２，阿里巴巴CEO张勇'])];
}

const userWords = (): UserWord[] => [...loadUserDictionaryFile(USER_DICT), ...entityUserWords(loadEntityLexicon([]))];

beforeAll(() => {
  loadSegmenter(userWords());
});

const asText = (tokens: Token[]) => tokens.map((t) => `${t.start}:${t.text}/${t.tag}`);

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

  describe('with the dictionary loaded as needed', () => {
    // A user word no text contains gives each load its own word list, so each starts afresh on part of the dictionary.
    let fresh = 0;
    const loadAsNeeded = (): UserWord[] => {
      const words = [...userWords(), { word: `未见词${fresh++}号`, frequency: 3, tag: 'nz' }];
      loadSegmenter(words, 'as-needed');
      return words;
    };
    let texts: string[] = [];
    /** Each text's tokens with the whole dictionary. */
    let expected: string[][] = [];

    beforeAll(() => {
      loadSegmenter(userWords());
      texts = corpus();
      expected = texts.map((text) => asText(segmentWith(text, 'tag')));
      for (const text of texts) expect(text).not.toMatch(/未见词/);
    });

    it('gives exactly the words and tags of the whole dictionary, text by text', () => {
      texts.forEach((text, i) => {
        loadAsNeeded();
        const tokens = segmentWith(text, 'tag');
        expect(dictionaryInUse()).toEqual({ loading: 'as-needed', partialLoads: 1 });
        expect(asText(tokens)).toEqual(expected[i]);
      });
    });

    it('gives the same tokens when texts share one process, loading only for new words', () => {
      loadAsNeeded();
      const some = texts.slice(0, PARTIAL_LOADS_BEFORE_WHOLE);
      for (const [i, text] of some.entries()) expect(asText(segmentWith(text, 'cut'))).toEqual(expected[i]);
      expect(dictionaryInUse()).toEqual({ loading: 'as-needed', partialLoads: some.length });
      // A text with no word the loaded part lacks costs no load.
      segmentWith(some[0].slice(0, 200), 'tag');
      expect(dictionaryInUse().partialLoads).toBe(some.length);
    });

    it('switches to the whole dictionary after a few partial loads', () => {
      loadAsNeeded();
      expect(texts.length).toBeGreaterThan(PARTIAL_LOADS_BEFORE_WHOLE);
      for (const text of texts.slice(0, PARTIAL_LOADS_BEFORE_WHOLE)) segment(text);
      expect(dictionaryInUse().loading).toBe('as-needed');
      const tokens = segment(texts[PARTIAL_LOADS_BEFORE_WHOLE]);
      expect(dictionaryInUse()).toEqual({ loading: 'whole', partialLoads: 0 });
      expect(asText(tokens)).toEqual(expected[PARTIAL_LOADS_BEFORE_WHOLE]);
    });

    it('loads the whole dictionary for a text too long to look up piece by piece', () => {
      loadAsNeeded();
      const long = texts.join('\n').repeat(Math.ceil((PARTIAL_TEXT_AT_MOST + 1) / texts.join('\n').length));
      expect(long.length).toBeGreaterThan(PARTIAL_TEXT_AT_MOST);
      segmentWith(long.slice(0, 2000), 'tag');
      expect(dictionaryInUse()).toEqual({ loading: 'as-needed', partialLoads: 1 });
      segmentWith(long, 'cut');
      expect(dictionaryInUse().loading).toBe('whole');
    });

    it("loads the whole dictionary for a text holding a filler entry's character, and keeps it", () => {
      const words = loadAsNeeded();
      const tokens = segmentWith('阿里巴巴\uFDD0发布了钉钉', 'tag');
      expect(dictionaryInUse().loading).toBe('whole');
      expect(tokens.map((t) => t.text)).toContain('钉钉');
      // Asking for as-needed with the same words keeps the whole dictionary loaded.
      loadSegmenter(words, 'as-needed');
      expect(dictionaryInUse().loading).toBe('whole');
    });
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
