/**
 * A set of words with longest-first lookups at a position. Words are indexed by their first and
 * their last UTF-16 unit, so a lookup tries only the lengths of words that can start (or end) at
 * that character, usually none (extraction runs these at every token and character).
 */
export class WordList {
  private readonly set: Set<string>;
  /** Distinct lengths, longest first, of the words starting with a given unit. */
  private readonly lengthsByFirst = new Map<number, number[]>();
  /** Distinct lengths, longest first, of the words ending with a given unit. */
  private readonly lengthsByLast = new Map<number, number[]>();

  constructor(words: Iterable<string>) {
    this.set = new Set(words);
    for (const word of this.set) {
      if (!word) continue;
      addLength(this.lengthsByFirst, word.charCodeAt(0), word.length);
      addLength(this.lengthsByLast, word.charCodeAt(word.length - 1), word.length);
    }
  }

  has(word: string): boolean {
    return this.set.has(word);
  }

  get words(): string[] {
    return [...this.set];
  }

  /** The longest word that `text` has ending exactly at `pos`, or null. */
  endingAt(text: string, pos: number): string | null {
    if (pos <= 0) return null;
    const lengths = this.lengthsByLast.get(text.charCodeAt(pos - 1));
    if (!lengths) return null;
    for (const length of lengths) {
      if (length > pos) continue;
      const candidate = text.slice(pos - length, pos);
      if (this.set.has(candidate)) return candidate;
    }
    return null;
  }

  /** The longest word that `text` has starting at `pos`, or null. */
  startingAt(text: string, pos: number): string | null {
    if (pos >= text.length) return null;
    const lengths = this.lengthsByFirst.get(text.charCodeAt(pos));
    if (!lengths) return null;
    for (const length of lengths) {
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

function addLength(index: Map<number, number[]>, unit: number, length: number): void {
  const lengths = index.get(unit);
  if (!lengths) index.set(unit, [length]);
  else if (!lengths.includes(length)) {
    lengths.push(length);
    lengths.sort((a, b) => b - a);
  }
}
