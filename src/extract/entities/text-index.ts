import type { Token } from '../../types.ts';
import type { WordList } from './word-list.ts';

const CJK = /[\u3400-\u9fff\uf900-\ufaff]/;
const LATIN_OR_DIGIT = /[A-Za-z0-9]/;
const SENTENCE_END = /[。！？!?；;\n]/;

export const isCjk = (ch: string | undefined): boolean => ch !== undefined && CJK.test(ch);
export const isLatinOrDigit = (ch: string | undefined): boolean => ch !== undefined && LATIN_OR_DIGIT.test(ch);

/**
 * Lookups from character positions to jieba tokens: which token starts or ends at a position,
 * and which token covers it. Built once per call of extractEntities.
 */
export class TextIndex {
  readonly lower: string;
  private readonly startsAt: Int32Array;
  private readonly endsAt: Int32Array;
  private readonly covering: Int32Array;

  constructor(
    readonly text: string,
    readonly tokens: Token[],
  ) {
    this.lower = text.replace(/[A-Z]/g, (c) => c.toLowerCase());
    const n = text.length;
    this.startsAt = new Int32Array(n + 1).fill(-1);
    this.endsAt = new Int32Array(n + 1).fill(-1);
    this.covering = new Int32Array(n).fill(-1);
    tokens.forEach((token, i) => {
      if (token.start < 0 || token.end > n || token.start >= token.end) return;
      this.startsAt[token.start] = i;
      this.endsAt[token.end] = i;
      for (let p = token.start; p < token.end; p++) this.covering[p] = i;
    });
  }

  tokenStartingAt(pos: number): number {
    return pos >= 0 && pos <= this.text.length ? this.startsAt[pos] : -1;
  }

  tokenEndingAt(pos: number): number {
    return pos >= 0 && pos <= this.text.length ? this.endsAt[pos] : -1;
  }

  tokenAt(pos: number): number {
    return pos >= 0 && pos < this.text.length ? this.covering[pos] : -1;
  }

  /** A boundary between characters that jieba also treats as a boundary (or a non-CJK edge). */
  isBoundary(pos: number): boolean {
    if (pos <= 0 || pos >= this.text.length) return true;
    const before = this.text[pos - 1];
    const after = this.text[pos];
    if (!isCjk(before) || !isCjk(after)) {
      // Between two Latin letters/digits is never a boundary; elsewhere a script change is.
      return !(isLatinOrDigit(before) && isLatinOrDigit(after));
    }
    return this.startsAt[pos] >= 0 || this.covering[pos] < 0;
  }

  /** Start of the sentence (clause chain up to 。！？；or a line break) containing `pos`. */
  sentenceStart(pos: number): number {
    let p = Math.min(pos, this.text.length) - 1;
    while (p >= 0 && !SENTENCE_END.test(this.text[p])) p--;
    return p + 1;
  }

  sentenceEnd(pos: number): number {
    let p = Math.max(pos, 0);
    while (p < this.text.length && !SENTENCE_END.test(this.text[p])) p++;
    return p;
  }

  /** The text around [start, end) within `window` characters, not crossing a sentence end. */
  window(start: number, end: number, size: number): { before: string; after: string; from: number; to: number } {
    const from = Math.max(this.sentenceStart(start), start - size);
    const to = Math.min(this.sentenceEnd(end), end + size);
    return { before: this.text.slice(from, start), after: this.text.slice(end, to), from, to };
  }

  /** The longest word of `words` that the text has ending at `pos`. */
  wordEndingAt(pos: number, words: WordList): string | null {
    return words.endingAt(this.text, pos);
  }

  /** The longest word of `words` that the text has starting at `pos`. */
  wordStartingAt(pos: number, words: WordList): string | null {
    return words.startingAt(this.text, pos);
  }
}
