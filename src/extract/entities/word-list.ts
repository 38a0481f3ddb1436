/**
 * A set of words with longest-first lookups at a position, in time proportional to the number of
 * distinct word lengths rather than the number of words (extraction runs these per token).
 */
export class WordList {
  private readonly set: Set<string>;
  private readonly lengths: number[];

  constructor(words: Iterable<string>) {
    this.set = new Set(words);
    this.lengths = [...new Set([...this.set].map((w) => w.length))].sort((a, b) => b - a);
  }

  has(word: string): boolean {
    return this.set.has(word);
  }

  get words(): string[] {
    return [...this.set];
  }

  /** The longest word that `text` has ending exactly at `pos`, or null. */
  endingAt(text: string, pos: number): string | null {
    for (const length of this.lengths) {
      if (length > pos) continue;
      const candidate = text.slice(pos - length, pos);
      if (this.set.has(candidate)) return candidate;
    }
    return null;
  }

  /** The longest word that `text` has starting at `pos`, or null. */
  startingAt(text: string, pos: number): string | null {
    for (const length of this.lengths) {
      if (pos + length > text.length) continue;
      const candidate = text.slice(pos, pos + length);
      if (this.set.has(candidate)) return candidate;
    }
    return null;
  }

  /** The longest word that `word` ends with (a suffix of it), or null. */
  suffixOf(word: string): string | null {
    return this.endingAt(word, word.length);
  }
}
