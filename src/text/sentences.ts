import type { LocalMention } from '../types.ts';

/** Sentence-ending punctuation, with closing quotes and brackets that stay with the sentence. */
const SENTENCE = /[^。！？!?；;\n]*(?:[。！？!?；;]+[”’"」』）)]*|\n|$)/gu;

/**
 * Split a Simplified text into sentences (offsets into `text`), trimmed of surrounding white space.
 * Line breaks always end a sentence: in cleaned articles they are paragraph breaks.
 */
export function splitSentences(text: string): LocalMention[] {
  const sentences: LocalMention[] = [];
  for (const match of text.matchAll(SENTENCE)) {
    const raw = match[0];
    if (!raw) continue;
    const lead = raw.length - raw.trimStart().length;
    const body = raw.trim();
    if (!body) continue;
    const start = match.index! + lead;
    sentences.push({ start, end: start + body.length, text: body });
  }
  return sentences;
}

/** Index of the sentence containing offset `at` (binary search), or -1. */
export function sentenceAt(sentences: LocalMention[], at: number): number {
  let lo = 0;
  let hi = sentences.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const s = sentences[mid];
    if (at < s.start) hi = mid - 1;
    else if (at >= s.end) lo = mid + 1;
    else return mid;
  }
  return -1;
}
