import { describe, expect, it } from 'vitest';
import { sentenceAt, splitSentences } from '../../src/text/sentences.ts';

describe('splitSentences', () => {
  it('splits on Chinese end punctuation and line breaks, keeping closing quotes', () => {
    const text = '他说：“好。”然后走了！\n第二段；还有\n';
    const sentences = splitSentences(text);
    expect(sentences.map((s) => s.text)).toEqual(['他说：“好。”', '然后走了！', '第二段；', '还有']);
    for (const s of sentences) expect(text.slice(s.start, s.end)).toBe(s.text);
    expect(sentenceAt(sentences, text.indexOf('走'))).toBe(1);
    expect(sentenceAt(sentences, text.indexOf('\n'))).toBe(-1);
  });
});
