import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { addEntriesIn, canScope, dictionaryTags, readMainDictionary, subsetContent } from '../../src/text/jieba-dictionary.ts';

const SMALL = 'tests/fixtures/jieba/small.dict.utf8';

function dictionaryFile(content: string): string {
  const path = join(mkdtempSync(join(tmpdir(), 'jieba-dict-')), 'dict.utf8');
  writeFileSync(path, content, 'utf8');
  return path;
}

describe('readMainDictionary', () => {
  it('totals the frequencies of every entry, a repeated word\'s included, and finds the longest word', () => {
    const dictionary = readMainDictionary(SMALL);
    expect(dictionary.frequencySum).toBe(300 + 500 + 20 + 1000 + 8000 + 4000 + 350);
    expect(dictionary.smallestFrequency).toBe(20);
    expect(dictionary.longestWord).toBe(4);
    expect(dictionary.scopable).toBe(true);
    // The later entry of a repeated word is the one jieba keeps.
    expect(dictionaryTags(dictionary).get('阿里')).toBe('nz');
  });

  it('cannot stand in a subset when a frequency is not a whole number (its sum would depend on order)', () => {
    expect(readMainDictionary(dictionaryFile('阿里 300.5 nr\n来往 10 v\n')).scopable).toBe(false);
    expect(readMainDictionary(dictionaryFile('阿里 300 nr\n来往 10 v\n')).scopable).toBe(true);
  });
});

describe('a subset for a text', () => {
  /** The words of a subset's lines, fillers aside. */
  const wordsOf = (content: string) =>
    content
      .trimEnd()
      .split('\n')
      .map((line) => line.split(' ')[0])
      .filter((word) => !/[\uFDD0\uFDD1]/.test(word));

  it('holds the entries whose words occur in the text, in file order, then fillers keeping the sum and minimum', () => {
    const dictionary = readMainDictionary(SMALL);
    const entries = new Set<number>();
    // Both entries of the repeated 阿里: jieba's trie then keeps the later, as with the whole file.
    expect(addEntriesIn(dictionary, '我和阿里有来往', entries)).toBe(5);
    expect(addEntriesIn(dictionary, '来往', entries)).toBe(0);
    const content = subsetContent(dictionary, entries)!;
    const lines = content.trimEnd().split('\n');
    expect(lines.slice(0, -2)).toEqual(['阿里 300 nr', '来往 1000 v', '来 8000 v', '往 4000 v', '阿里 350 nz']);
    const [minimum, rest] = lines.slice(-2).map((line) => line.split(' '));
    expect(minimum).toEqual(['\uFDD0', '20', 'x']);
    expect(Number(rest[1])).toBe(dictionary.frequencySum - (300 + 1000 + 8000 + 4000 + 350) - 20);
  });

  it('takes no word across a space or a line break', () => {
    const dictionary = readMainDictionary(SMALL);
    const entries = new Set<number>();
    addEntriesIn(dictionary, '阿里 巴巴\n来\n往', entries);
    expect(wordsOf(subsetContent(dictionary, entries)!).sort()).toEqual(['巴巴', '往', '来', '阿里', '阿里'].sort());
  });

  it('is refused when the left-out frequency would fall below the minimum', () => {
    const dictionary = readMainDictionary(SMALL);
    const entries = new Set<number>();
    addEntriesIn(dictionary, '阿里巴巴来往', entries);
    expect(subsetContent(dictionary, entries)).toBeNull();
  });

  it('cannot serve a text holding a filler character', () => {
    const dictionary = readMainDictionary(SMALL);
    expect(canScope(dictionary, '阿里\uFDD1')).toBe(false);
    expect(canScope(dictionary, '阿里')).toBe(true);
  });
});
