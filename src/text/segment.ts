import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import nodejieba from 'nodejieba';
import type { Token } from '../types.ts';
import { addEntriesIn, canScope, dictionaryTags, readMainDictionary, subsetContent, type MainDictionary } from './jieba-dictionary.ts';

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
 * How much of jieba's main dictionary a process loads:
 * - `whole`: all of it, once (~1.5 s, ~240 MB): for batches of many articles;
 * - `as-needed`: before each text, only the entries that text can match (jieba-dictionary.ts: the
 *   same words and tags as the whole dictionary), in tens of milliseconds: for the one or few
 *   articles of a rerun, or a sentence tried with `extract`. After PARTIAL_LOADS_BEFORE_WHOLE loads the
 *   process switches to the whole dictionary, so a long-lived process pays at most a few partial loads.
 */
export type DictionaryLoading = 'whole' | 'as-needed';

export const PARTIAL_LOADS_BEFORE_WHOLE = 8;

/**
 * Finding a text's entries takes every substring of up to 16 characters: beyond this length that
 * costs more time and memory than loading the whole dictionary (a 1 MB line: seconds, hundreds of MB).
 */
export const PARTIAL_TEXT_AT_MOST = 100_000;

interface PartialState {
  dictionary: MainDictionary;
  /** Entries of the main dictionary loaded now. */
  entries: Set<number>;
  loads: number;
}

/** Set while the process runs on part of the main dictionary; null once it has the whole one. */
let partial: PartialState | null = null;
let userDictionaryFile = '';

/**
 * Load jieba with the given user words, the whole main dictionary or (`as-needed`) parts of it as
 * texts come. `load()` replaces the whole dictionary, so a second call with the same words is a
 * no-op; a process that has the whole dictionary keeps it.
 */
export function loadSegmenter(words: UserWord[], loading: DictionaryLoading = 'whole'): void {
  const unique = dedupeWords(words);
  const lines = unique.map((w) => `${w.word} ${w.frequency} ${w.tag}`);
  const content = lines.join('\n') + '\n';
  const key = createHash('sha256').update(content).digest('hex').slice(0, 16);
  if (loadedKey === key && (loading === 'as-needed' || !partial)) return;
  userDictionaryFile = join(workDirectory(), `user-dict-${key}.utf8`);
  writeOnce(userDictionaryFile, content);
  loadedWords = unique;
  partOfSpeech = null;
  linesSegmented = 0;
  loadedKey = key;
  const dictionary = loading === 'as-needed' ? mainDictionary() : null;
  if (dictionary?.scopable) {
    partial = { dictionary, entries: new Set(), loads: 0 };
  } else {
    loadWholeDictionary();
  }
}

function workDirectory(): string {
  const dir = join(tmpdir(), 'zh-news-pipeline');
  mkdirSync(dir, { recursive: true });
  return dir;
}

function loadJieba(dict: string | undefined): void {
  // Keyword extraction is never used, yet load() parses its 6 MB IDF table (~0.3 s): give it a
  // one-word table and stop list instead. Segmentation and tags do not read them.
  const dir = workDirectory();
  const idfDict = join(dir, 'unused-idf.utf8');
  const stopWordDict = join(dir, 'unused-stop-words.utf8');
  writeOnce(idfDict, '的 1.0\n');
  writeOnce(stopWordDict, '的\n');
  nodejieba.load({ ...(dict ? { dict } : {}), userDict: userDictionaryFile, idfDict, stopWordDict });
}

function loadWholeDictionary(): void {
  loadJieba(undefined);
  partial = null;
  // The index is only needed for partial loads; the tag table, if ever built, reads the file again.
  cachedMainDictionary = null;
}

/** Before segmenting `text` on a partial dictionary: load the entries it can match, if some are missing. */
function coverText(text: string): void {
  if (!partial) return;
  const { dictionary, entries } = partial;
  if (!canScope(dictionary, text) || text.length > PARTIAL_TEXT_AT_MOST) {
    loadWholeDictionary();
    return;
  }
  if (!addEntriesIn(dictionary, text, entries) && partial.loads > 0) return;
  const content = partial.loads < PARTIAL_LOADS_BEFORE_WHOLE ? subsetContent(dictionary, entries) : null;
  if (content === null) {
    loadWholeDictionary();
    return;
  }
  const file = join(workDirectory(), `main-dict-part-${process.pid}.utf8`);
  writeFileSync(file, content, 'utf8');
  try {
    loadJieba(file);
  } finally {
    rmSync(file, { force: true });
  }
  partial.loads++;
}

let cachedMainDictionary: MainDictionary | null = null;

/** The main dictionary nodejieba loads by default (loadSegmenter passes no `dict` of its own). */
function mainDictionary(): MainDictionary {
  const path = (nodejieba as unknown as { DEFAULT_DICT?: string }).DEFAULT_DICT;
  if (!path) throw new Error('nodejieba does not expose DEFAULT_DICT: cannot read its dictionary');
  if (cachedMainDictionary?.path !== path) cachedMainDictionary = readMainDictionary(path);
  return cachedMainDictionary;
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
  const tags = dictionaryTags(mainDictionary());
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

/** How much of the main dictionary jieba holds now, and how many partial loads it took. */
export function dictionaryInUse(): { loading: DictionaryLoading; partialLoads: number } {
  return partial ? { loading: 'as-needed', partialLoads: partial.loads } : { loading: 'whole', partialLoads: 0 };
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
  coverText(text);
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
