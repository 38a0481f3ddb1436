import { describe, expect, it } from 'vitest';
import { WordList } from '../../../src/extract/entities/word-list.ts';

describe('WordList', () => {
  const list = new WordList(['阿里', '阿里巴巴', '巴巴', '集团', '有限公司', '公司', 'A']);

  it('finds the longest word starting at a position', () => {
    expect(list.startingAt('阿里巴巴集团', 0)).toBe('阿里巴巴');
    expect(list.startingAt('阿里云', 0)).toBe('阿里');
    expect(list.startingAt('阿里巴巴集团', 2)).toBe('巴巴');
    expect(list.startingAt('阿里巴巴集团', 4)).toBe('集团');
    expect(list.startingAt('阿里巴巴集团', 5)).toBeNull();
    expect(list.startingAt('阿里巴巴集团', 6)).toBeNull();
    expect(list.startingAt('阿', 0)).toBeNull();
  });

  it('finds the longest word ending at a position', () => {
    expect(list.endingAt('阿里巴巴集团', 4)).toBe('阿里巴巴');
    expect(list.endingAt('某某有限公司', 6)).toBe('有限公司');
    expect(list.endingAt('某某分公司', 5)).toBe('公司');
    expect(list.endingAt('阿里巴巴集团', 3)).toBeNull();
    expect(list.endingAt('阿里巴巴集团', 0)).toBeNull();
    expect(list.suffixOf('某有限公司')).toBe('有限公司');
    expect(list.suffixOf('公')).toBeNull();
  });

  it('never reads outside the text', () => {
    expect(list.startingAt('有限公', 0)).toBeNull();
    expect(list.endingAt('限公司', 3)).toBe('公司');
    expect(list.startingAt('xA', 1)).toBe('A');
    expect(list.endingAt('A', 1)).toBe('A');
  });
});
