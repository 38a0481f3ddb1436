import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import nodejieba from 'nodejieba';
import type { Token } from '../types.ts';

/** One user-dictionary entry. jieba needs a frequency on every line, or known words get demoted. */
export interface UserWord {
  word: string;
  frequency: number;
  tag: string;
}

/** Parse a jieba user-dictionary file: `word frequency tag` per line, `#` starts a comment. */
export function parseUserDictionary(content: string, file = 'user dictionary'): UserWord[] {
  const words: UserWord[] = [];
  content.split(/\r?\n/).forEach((line, index) => {
    const trimmed = line.replace(/#.*$/, '').trim();
    if (!trimmed) return;
    const [word, frequency, tag, ...rest] = trimmed.split(/\s+/);
    const parsedFrequency = Number(frequency);
    if (rest.length > 0 || !frequency || !Number.isInteger(parsedFrequency) || parsedFrequency <= 0) {
      throw new Error(`${file}:${index + 1}: expected "word frequency [tag]" with a positive whole frequency, got "${trimmed}"`);
    }
    words.push({ word, frequency: parsedFrequency, tag: tag ?? 'nz' });
  });
  return words;
}

let loadedKey: string | null = null;

/**
 * Load jieba once per process with the given user words. `load()` replaces the whole dictionary
 * and costs ~1.3 s and ~240 MB, so a second call with the same words is a no-op.
 */
export function loadSegmenter(words: UserWord[]): void {
  const unique = dedupeWords(words);
  const lines = unique.map((w) => `${w.word} ${w.frequency} ${w.tag}`);
  const content = lines.join('\n') + '\n';
  const key = createHash('sha256').update(content).digest('hex').slice(0, 16);
  if (loadedKey === key) return;
  const dir = join(tmpdir(), 'zh-news-pipeline');
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `user-dict-${key}.utf8`);
  writeOnce(file, content);
  // Keyword extraction is never used, yet load() parses its 6 MB IDF table (~0.3 s): give it a
  // one-word table and stop list instead. Segmentation and tags do not read them.
  const idfDict = join(dir, 'unused-idf.utf8');
  const stopWordDict = join(dir, 'unused-stop-words.utf8');
  writeOnce(idfDict, '的 1.0\n');
  writeOnce(stopWordDict, '的\n');
  nodejieba.load({ userDict: file, idfDict, stopWordDict });
  loadedWords = unique;
  partOfSpeech = null;
  linesSegmented = 0;
  loadedKey = key;
}

/**
 * The tag jieba's `tag()` gives each dictionary word: the main dictionary's, then the user words'
 * (a later entry replaces an earlier one, as in jieba's trie). Segmenting with `cut()` and looking
 * tags up here gives exactly `tag()`'s output, faster: `tag()` segments the same way, then looks
 * every word up in its trie and builds an object per word, which costs as much as the segmenting
 * (measured: `cut()` takes half of `tag()`'s time; the lookups here add back about a fifth).
 * Reading the table costs ~0.4 s, so a process uses `tag()` until it has done enough lines to repay it.
 */
let partOfSpeech: Map<string, string> | null = null;
let loadedWords: UserWord[] = [];
let linesSegmented = 0;
/** About 40 articles' worth of lines; the table pays for itself after a few hundred articles. */
const LINES_BEFORE_TAG_TABLE = 2000;

export type SegmentMethod = 'tag' | 'cut';

function readPartOfSpeech(userWords: UserWord[]): Map<string, string> {
  // loadSegmenter() loads jieba's default main dictionary (no `dict` option), so that is the one to read.
  const mainDictionary = (nodejieba as unknown as { DEFAULT_DICT?: string }).DEFAULT_DICT;
  if (!mainDictionary) throw new Error('nodejieba does not expose DEFAULT_DICT: cannot read its dictionary tags');
  const tags = new Map<string, string>();
  for (const line of readFileSync(mainDictionary, 'utf8').split('\n')) {
    const first = line.indexOf(' ');
    const last = line.lastIndexOf(' ');
    if (first > 0 && last > first) tags.set(line.slice(0, first), line.slice(last + 1).trim());
  }
  for (const w of userWords) tags.set(w.word, w.tag);
  return tags;
}

/** jieba's tag for a word not in its dictionary: x, or m / eng when its first half holds ASCII digits / letters. */
export function tagUnknownWord(word: string): string {
  const units = [...word];
  const half = Math.floor(units.length / 2);
  let ascii = 0;
  let digits = 0;
  for (let i = 0; i < units.length && ascii < half; i++) {
    const code = units[i].codePointAt(0)!;
    if (code < 0x80) {
      ascii++;
      if (code >= 0x30 && code <= 0x39) digits++;
    }
  }
  if (ascii === 0) return 'x';
  return digits === ascii ? 'm' : 'eng';
}

function tagOf(word: string): string {
  const tag = partOfSpeech!.get(word);
  return tag ? tag : tagUnknownWord(word);
}

/** Write a file unless it exists; through a rename, so a worker loading at the same time never reads half of it. */
function writeOnce(path: string, content: string): void {
  if (existsSync(path)) return;
  const temporary = `${path}.${process.pid}.tmp`;
  writeFileSync(temporary, content, 'utf8');
  try {
    renameSync(temporary, path);
  } catch (error) {
    // Another worker put the same file in place first (and may hold it open: Windows refuses the rename).
    rmSync(temporary, { force: true });
    if (!existsSync(path)) throw error;
  }
}

function dedupeWords(words: UserWord[]): UserWord[] {
  const byWord = new Map<string, UserWord>();
  for (const w of words) {
    // jieba's user dictionary is split on white space, so such words cannot be entries.
    if (/\s/.test(w.word) || !w.word) continue;
    const seen = byWord.get(w.word);
    if (!seen || seen.frequency < w.frequency) byWord.set(w.word, { ...w, frequency: w.frequency });
  }
  return [...byWord.values()];
}

export function loadUserDictionaryFile(path: string): UserWord[] {
  return parseUserDictionary(readFileSync(path, 'utf8'), path);
}

/** The method segment() uses now: `tag` until enough lines have been segmented, then `cut`. */
export function segmentMethodInUse(): SegmentMethod {
  return partOfSpeech ? 'cut' : 'tag';
}

/** Whether this process has loaded jieba (a later load with the same words costs nothing). */
export function segmenterLoaded(): boolean {
  return loadedKey !== null;
}

/**
 * Segment and POS-tag `text`. Tokens carry offsets into `text`; white space is not a token.
 * jieba's `tag()` always uses the HMM, so unknown names stay whole (tagged `x`).
 */
export function segment(text: string): Token[] {
  if (loadedKey === null) throw new Error('segmenter not loaded: call loadSegmenter() first');
  if (!partOfSpeech && linesSegmented >= LINES_BEFORE_TAG_TABLE) partOfSpeech = readPartOfSpeech(loadedWords);
  return segmentWith(text, partOfSpeech ? 'cut' : 'tag');
}

/** segment() with a chosen method; both give the same tokens (tests/text/segment.test.ts). */
export function segmentWith(text: string, method: SegmentMethod): Token[] {
  if (loadedKey === null) throw new Error('segmenter not loaded: call loadSegmenter() first');
  if (method === 'cut') partOfSpeech ??= readPartOfSpeech(loadedWords);
  const tokens: Token[] = [];
  let cursor = 0;
  // jieba is fed line by line: it is faster on short inputs and never merges across lines.
  for (const line of text.split('\n')) {
    const lineStart = cursor;
    cursor += line.length + 1;
    if (!line.trim()) continue;
    linesSegmented++;
    let at = lineStart;
    const tagged = method === 'cut' ? nodejieba.cut(line, true).map((word) => ({ word, tag: tagOf(word) })) : nodejieba.tag(line);
    for (const { word, tag } of tagged) {
      const start = text.indexOf(word, at);
      // jieba returns the input's characters in order; if a word is not found (it never should be),
      // skip it rather than report a wrong offset.
      if (start < 0 || start >= lineStart + line.length + 1) continue;
      at = start + word.length;
      if (!word.trim()) continue;
      tokens.push({ start, end: at, text: word, tag });
    }
  }
  return tokens;
}
