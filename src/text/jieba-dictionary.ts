/**
 * jieba's main dictionary, read the way cppjieba reads it, for two uses:
 * - the tag of every word, so `cut()` plus a lookup can stand in for `tag()` (segment.ts);
 * - a smaller dictionary holding only the entries a given text can match, which segments that text
 *   exactly as the whole dictionary does but loads in tens of milliseconds instead of ~1.5 s.
 *
 * Why the smaller dictionary gives the same words and tags (cppjieba DictTrie, MPSegment, MixSegment,
 * PosTagger): a sentence's candidate words are the dictionary words that occur in it; each weighs
 * log(frequency / sum of all main-dictionary frequencies); a character that starts no word weighs the
 * smallest of those; a word's tag is looked up by the word itself. So the subset keeps every entry
 * whose word occurs in the text, in file order, plus two filler entries no text can contain: one with
 * the smallest frequency (the same minimum) and one carrying the frequency left out (the same sum,
 * exact because frequencies are whole numbers). User words all state a frequency, so the median
 * weight, jieba's default for user words without one, plays no part.
 */
import { readFileSync } from 'node:fs';

/** Noncharacters (permanently reserved for internal use) as the fillers' words: no article contains them. */
const FILLER_MIN = '\uFDD0';
const FILLER_REST = '\uFDD1';
const FILLER_CHARS = /[\uFDD0\uFDD1]/;

export interface MainDictionary {
  path: string;
  /** The file's text, lines as jieba reads them (`word frequency tag`). */
  content: string;
  /** Longest word, in UTF-16 units. */
  longestWord: number;
  /** Sum of every frequency, and the smallest one. */
  frequencySum: number;
  smallestFrequency: number;
  /** Whether a subset can reproduce the whole dictionary's segmentation (see canScope). */
  scopable: boolean;
}

/**
 * Read a dictionary file (`word frequency tag` per line, as jieba.dict.utf8) and total its
 * frequencies. No per-word index is built: a 350,000-entry map costs more to build (~0.3 s with
 * its garbage) than the scans of the few texts a partial load serves (addEntriesIn).
 */
export function readMainDictionary(path: string): MainDictionary {
  const content = readFileSync(path, 'utf8');
  let longestWord = 0;
  let frequencySum = 0;
  let smallestFrequency = Infinity;
  let wholeNumbers = true;
  let lines = 0;
  for (let at = 0; at < content.length; ) {
    let end = content.indexOf('\n', at);
    if (end < 0) end = content.length;
    const firstSpace = content.indexOf(' ', at);
    if (firstSpace > at && firstSpace < end) {
      lines++;
      if (firstSpace - at > longestWord) longestWord = firstSpace - at;
      const frequency = wholeNumberAt(content, firstSpace + 1);
      if (frequency <= 0) wholeNumbers = false;
      else {
        frequencySum += frequency;
        if (frequency < smallestFrequency) smallestFrequency = frequency;
      }
    }
    at = end + 1;
  }
  return {
    path,
    content,
    longestWord,
    frequencySum,
    smallestFrequency,
    // Whole frequencies sum exactly in any order (below 2^53), so the subset's sum equals jieba's.
    scopable: wholeNumbers && lines > 0 && Number.isSafeInteger(frequencySum),
  };
}

/** The whole number written at `at` up to a space or line end; -1 when it is not one (a fraction, a sign, nothing). */
function wholeNumberAt(content: string, at: number): number {
  let value = 0;
  let digits = 0;
  for (let i = at; i < content.length; i++) {
    const code = content.charCodeAt(i);
    if (code >= 48 && code <= 57) {
      value = value * 10 + (code - 48);
      digits++;
    } else if (code === 32 || code === 10 || code === 13) break;
    else return -1;
  }
  return digits > 0 && digits <= 15 ? value : -1;
}

/** word → tag of every entry (a later entry replaces an earlier one, as in jieba's trie). */
export function dictionaryTags(dictionary: MainDictionary): Map<string, string> {
  const tags = new Map<string, string>();
  for (const line of dictionary.content.split('\n')) {
    const first = line.indexOf(' ');
    const last = line.lastIndexOf(' ');
    if (first > 0 && last > first) tags.set(line.slice(0, first), line.slice(last + 1).trim());
  }
  return tags;
}

/** Whether segmenting `text` with a subset is exact: a text holding a filler's character is not. */
export function canScope(dictionary: MainDictionary, text: string): boolean {
  return dictionary.scopable && !FILLER_CHARS.test(text);
}

/**
 * Add to `entries` (line offsets in the dictionary's text) every entry whose word occurs in `text`;
 * returns how many were new. An entry is looked up only when each of its characters is in the text.
 * No entry's word holds a space or a line break (jieba splits its lines on them).
 */
export function addEntriesIn(dictionary: MainDictionary, text: string, entries: Set<number>): number {
  const { content, longestWord } = dictionary;
  const present = new Uint8Array(0x10000);
  for (let i = 0; i < text.length; i++) present[text.charCodeAt(i)] = 1;
  const substrings = new Set<string>();
  for (let start = 0; start < text.length; start++) {
    if (isSpace(text.charCodeAt(start))) continue;
    const limit = Math.min(text.length, start + longestWord);
    for (let end = start + 1; end <= limit && !isSpace(text.charCodeAt(end - 1)); end++) substrings.add(text.slice(start, end));
  }
  let added = 0;
  for (let at = 0; at < content.length; ) {
    let end = content.indexOf('\n', at);
    if (end < 0) end = content.length;
    let wordEnd = at;
    while (wordEnd < end && content.charCodeAt(wordEnd) !== 32 && present[content.charCodeAt(wordEnd)]) wordEnd++;
    if (wordEnd > at && wordEnd < end && content.charCodeAt(wordEnd) === 32 && !entries.has(at) && substrings.has(content.slice(at, wordEnd))) {
      entries.add(at);
      added++;
    }
    at = end + 1;
  }
  return added;
}

/**
 * The dictionary file's text for a subset of entries: the entries in file order, then the two
 * fillers. Null when the fillers cannot keep the sum and minimum (the subset is nearly everything).
 */
export function subsetContent(dictionary: MainDictionary, entries: Set<number>): string | null {
  const { content, frequencySum, smallestFrequency } = dictionary;
  const lines: string[] = [];
  let kept = 0;
  for (const at of Float64Array.from(entries).sort()) {
    let end = content.indexOf('\n', at);
    if (end < 0) end = content.length;
    lines.push(content.slice(at, end));
    kept += wholeNumberAt(content, content.indexOf(' ', at) + 1);
  }
  const rest = frequencySum - kept - smallestFrequency;
  // The rest filler must not become the new minimum.
  if (rest < smallestFrequency) return null;
  lines.push(`${FILLER_MIN} ${smallestFrequency} x`, `${FILLER_REST} ${rest} x`);
  return lines.join('\n') + '\n';
}

function isSpace(code: number): boolean {
  return code === 32 || code === 10;
}
