import { describe, expect, it } from 'vitest';
import { articleSignature, estimatedSimilarity, findDuplicates, signature } from '../../src/reconcile/duplicates.ts';
import { tokensFor } from './rows.ts';

/** Replace every n-th token: a republished copy with small edits. */
function perturb(tokens: string[], every: number, tag: string): string[] {
  return tokens.map((t, i) => (i % every === 0 ? `${tag}${i}` : t));
}

describe('near-duplicate articles', () => {
  it('estimates similarity close to the true shingle overlap', () => {
    const base = tokensFor('base', 600);
    const same = signature(base)!;
    expect(estimatedSimilarity(same, signature([...base])!)).toBe(1);
    const unrelated = estimatedSimilarity(same, signature(tokensFor('other', 600))!);
    expect(unrelated).toBeLessThan(0.1);
    // Changing one token in 20 touches 3 shingles in 20: Jaccard ≈ 0.74.
    const edited = estimatedSimilarity(same, signature(perturb(base, 20, 'x'))!);
    expect(edited).toBeGreaterThan(0.6);
    expect(edited).toBeLessThan(0.9);
  });

  it('ignores punctuation and white space tokens', () => {
    const words = tokensFor('w', 100);
    const punctuated = words.flatMap((w, i) => (i % 5 === 0 ? [w, ',', ' '] : [w]));
    expect(estimatedSimilarity(signature(words)!, signature(punctuated)!)).toBe(1);
    expect(signature([',', '。', ' '])).toBeNull();
  });

  it('maps copies to the earliest published article, then the smallest id', () => {
    const base = tokensFor('story', 400);
    const articles = [
      { id: 'c', published: '2020-03-02', tokens: perturb(base, 40, 'c') },
      { id: 'b', published: '2020-03-01', tokens: perturb(base, 50, 'b') },
      { id: 'a', published: null, tokens: [...base] },
      { id: 'z', published: '2020-03-01', tokens: tokensFor('elsewhere', 400) },
    ];
    expect(findDuplicates(articles, 0.7)).toEqual({ c: 'b', a: 'b' });
  });

  it('respects the threshold', () => {
    const base = tokensFor('story', 400);
    const articles = [
      { id: 'a', published: null, tokens: base },
      { id: 'b', published: null, tokens: perturb(base, 8, 'b') },
    ];
    const similarity = estimatedSimilarity(signature(articles[0].tokens)!, signature(articles[1].tokens)!);
    expect(findDuplicates(articles, similarity - 0.05)).toEqual({ b: 'a' });
    expect(findDuplicates(articles, Math.min(1, similarity + 0.05))).toEqual({});
  });

  it('finds exactly the planted copies in a corpus of thousands', () => {
    const articles: Array<{ id: string; published: string | null; tokens: string[] }> = [];
    const planted: Record<string, string> = {};
    for (let i = 0; i < 3000; i++) {
      const id = `a${String(i).padStart(5, '0')}`;
      articles.push({ id, published: null, tokens: tokensFor(id, 300) });
      if (i % 10 === 0) {
        for (let copy = 1; copy <= 3; copy++) {
          const copyId = `${id}-copy${copy}`;
          articles.push({ id: copyId, published: null, tokens: perturb(tokensFor(id, 300), 25 + copy, copyId) });
          planted[copyId] = id;
        }
      }
    }
    expect(findDuplicates(articles, 0.6)).toEqual(planted);
  });

  it('treats identical short articles as copies and leaves empty ones alone', () => {
    const articles = [
      { id: 'x', published: null, tokens: ['你好'] },
      { id: 'y', published: null, tokens: ['你好'] },
      { id: 'e', published: null, tokens: [] },
      { id: 'f', published: null, tokens: [] },
    ];
    expect(findDuplicates(articles, 0.7)).toEqual({ y: 'x' });
  });

  it('accepts stored signatures instead of tokens', () => {
    const base = tokensFor('story', 400);
    const withTokens = [
      { id: 'a', published: null, tokens: base },
      { id: 'b', published: null, tokens: perturb(base, 40, 'b') },
      { id: 'c', published: null, tokens: tokensFor('other', 400) },
    ];
    const stored = withTokens.map((a) => ({ id: a.id, published: a.published, tokens: [], signature: articleSignature(a.tokens) }));
    expect(JSON.parse(JSON.stringify(stored[0].signature))).toEqual(Array.from(signature(base)!));
    expect(findDuplicates(stored, 0.7)).toEqual(findDuplicates(withTokens, 0.7));
    expect(findDuplicates(stored, 0.7)).toEqual({ b: 'a' });
  });
});
