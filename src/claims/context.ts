import type { DateMention, EntityMention, FigureMention, LocalMention, Token } from '../types.ts';

/** Punctuation that ends a clause. ASCII ',' and ':' only count outside numbers (1,000 / 21:00). */
const CLAUSE_BREAK = /[，；：。！？!?;\n]|,(?!\d)|:(?!\d)/gu;
const CLAUSE_BREAK_ONCE = new RegExp(CLAUSE_BREAK.source, 'u');
const OPENING = '“「『《（(〈【"\'‘';
const CLOSING = '”」』》）)〉】"\'’';

export function isOpeningQuote(ch: string | undefined): boolean {
  return ch !== undefined && OPENING.includes(ch);
}

export function isClosingQuote(ch: string | undefined): boolean {
  return ch !== undefined && CLOSING.includes(ch);
}

/** Everything inside one sentence, with clause limits; offsets stay those of the full text. */
export interface SentenceContext {
  text: string;
  index: number;
  sentence: LocalMention;
  /** Clause limits as [start, end) pairs covering the sentence. */
  clauses: Array<[number, number]>;
  entities: EntityMention[];
  dates: DateMention[];
  figures: FigureMention[];
  tokens: Token[];
}

export function clausesOf(text: string, sentence: LocalMention): Array<[number, number]> {
  const clauses: Array<[number, number]> = [];
  const body = text.slice(sentence.start, sentence.end);
  let from = sentence.start;
  for (const match of body.matchAll(CLAUSE_BREAK)) {
    const at = sentence.start + match.index! + match[0].length;
    clauses.push([from, at]);
    from = at;
  }
  if (from < sentence.end) clauses.push([from, sentence.end]);
  return clauses;
}

export function clauseAt(ctx: SentenceContext, at: number): [number, number] {
  for (const clause of ctx.clauses) if (at >= clause[0] && at < clause[1]) return clause;
  return [ctx.sentence.start, ctx.sentence.end];
}

export function isClauseBreak(ch: string | undefined): boolean {
  return ch === undefined || /[，；：。！？!?;\n,:]/u.test(ch);
}

/** True if `text` has a clause break anywhere in [from, to). */
export function hasBreakBetween(text: string, from: number, to: number): boolean {
  return CLAUSE_BREAK_ONCE.test(text.slice(from, to));
}

/** The longest word of `words` that `text` starts with at `at`, or null. */
export function wordAt(text: string, at: number, words: readonly string[]): string | null {
  let best: string | null = null;
  for (const w of words) if (text.startsWith(w, at) && (best === null || w.length > best.length)) best = w;
  return best;
}

/** The longest word of `words` that ends exactly at `at`, or null. */
export function wordEndingAt(text: string, at: number, words: readonly string[]): string | null {
  let best: string | null = null;
  for (const w of words) {
    if (at - w.length >= 0 && text.startsWith(w, at - w.length) && (best === null || w.length > best.length)) best = w;
  }
  return best;
}

export function overlaps(a: { start: number; end: number }, b: { start: number; end: number }): boolean {
  return a.start < b.end && b.start < a.end;
}

export function byPosition<T extends { start: number; end: number }>(a: T, b: T): number {
  return a.start - b.start || b.end - a.end;
}

/** Index of the first mention starting at or after `at` in a list sorted by start. */
export function firstFrom<T extends { start: number }>(sorted: readonly T[], at: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid].start < at) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Mentions of a sorted list inside [start, end). Linear in the result, not the list. */
export function slice<T extends LocalMention>(sorted: readonly T[], start: number, end: number): T[] {
  const out: T[] = [];
  for (let i = firstFrom(sorted, start); i < sorted.length && sorted[i].start < end; i++) {
    if (sorted[i].end <= end) out.push(sorted[i]);
  }
  return out;
}
