import * as OpenCC from 'opencc-js';
import { OffsetMapBuilder, type OffsetMap } from '../text/offsets.ts';
import type { Script } from '../document.ts';

/**
 * Traditional → Simplified conversion with an offset map.
 *
 * Preset choice (measured on the samples): `tw → cn` is the one that turns the particle 著 into 着
 * (面臨著 → 面临着) while keeping 著名/著作; `t → cn` and `hk → cn` leave 著 alone; the `twp`
 * presets also swap vocabulary (核心 → 内核, 社群 → 社区), which is wrong for news. `tw → cn` has
 * one known flaw: a standalone 么 becomes 幺, so it is never run over Simplified paragraphs and 么
 * is kept as written.
 */
export type ConversionPreset = 'tw' | 't' | 'hk';

/** Characters the converter must leave as written (they are already Simplified). */
const KEEP_AS_WRITTEN = new Set(['么']);

const converters = new Map<string, (s: string) => string>();

function converter(from: string, to: string): (s: string) => string {
  const key = `${from}>${to}`;
  const cached = converters.get(key);
  if (cached) return cached;
  const fn = OpenCC.Converter({ from: from as 'tw', to: to as 'cn' }) as (s: string) => string;
  converters.set(key, fn);
  return fn;
}

function toSimplifiedRaw(text: string, preset: ConversionPreset): string {
  return converter(preset, 'cn')(text);
}

/**
 * Per-character conversions, learned once per process. opencc-js costs a lot per call and per
 * character, so script evidence and matching views use single characters (phrase context does not
 * matter there); only the real conversion of Traditional paragraphs runs opencc on whole text.
 */
interface CharInfo {
  /** The character's Simplified form when it has the same length, else the character itself. */
  simplified: string;
  /** It changes under Traditional → Simplified: evidence of Traditional text. */
  traditionalOnly: boolean;
  /** It changes under Simplified → Traditional: evidence of Simplified text. */
  simplifiedOnly: boolean;
}

/** Code points beyond the BMP (rare), learned as strings. */
const astralInfo = new Map<string, CharInfo>();
/**
 * The same for BMP units, in flat tables indexed by the unit: extraction views and script evidence
 * read these for every character of every article, so lookups must not build strings.
 */
const bmpSimplified = new Uint16Array(0x10000);
const bmpFlags = new Uint8Array(0x10000);
const LEARNED = 1;
const TRADITIONAL_ONLY = 2;
const SIMPLIFIED_ONLY = 4;
/** Below this, no unit changes under conversion (CJK starts at U+2E80). */
const FIRST_CONVERTIBLE = 0x2e80;

const isHighSurrogate = (code: number) => code >= 0xd800 && code < 0xdc00;

function learnCharacters(text: string): void {
  const unknown = new Set<string>();
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < FIRST_CONVERTIBLE) continue;
    if (isHighSurrogate(code) && i + 1 < text.length) {
      const pair = text.slice(i, i + 2);
      if (!astralInfo.has(pair)) unknown.add(pair);
      i++;
    } else if (!(bmpFlags[code] & LEARNED)) {
      unknown.add(text[i]);
    }
  }
  if (unknown.size === 0) return;
  const chars = [...unknown];
  const joined = chars.join('\n');
  let toSimplified = converter('tw', 'cn')(joined).split('\n');
  let toTraditional = converter('cn', 'tw')(joined).split('\n');
  if (toSimplified.length !== chars.length) toSimplified = chars.map((ch) => converter('tw', 'cn')(ch));
  if (toTraditional.length !== chars.length) toTraditional = chars.map((ch) => converter('cn', 'tw')(ch));
  chars.forEach((ch, i) => {
    const converted = KEEP_AS_WRITTEN.has(ch) ? ch : toSimplified[i];
    const info: CharInfo = {
      simplified: converted.length === ch.length ? converted : ch,
      traditionalOnly: converted !== ch,
      simplifiedOnly: toTraditional[i] !== ch,
    };
    if (ch.length === 2) {
      astralInfo.set(ch, info);
      return;
    }
    const code = ch.charCodeAt(0);
    bmpSimplified[code] = info.simplified.charCodeAt(0);
    bmpFlags[code] = LEARNED | (info.traditionalOnly ? TRADITIONAL_ONLY : 0) | (info.simplifiedOnly ? SIMPLIFIED_ONLY : 0);
  });
}

/**
 * Simplified view of a text for pattern matching only: character by character, always the same
 * length as the input, so a match position in the view is the position in the text.
 */
export function toSimplifiedForMatching(text: string): string {
  learnCharacters(text);
  let units: Uint16Array | null = null;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < FIRST_CONVERTIBLE) continue;
    if (isHighSurrogate(code) && i + 1 < text.length) {
      const pair = text.slice(i, i + 2);
      const simplified = astralInfo.get(pair)?.simplified ?? pair;
      if (simplified !== pair) {
        units ??= unitsOf(text);
        units[i] = simplified.charCodeAt(0);
        units[i + 1] = simplified.charCodeAt(1);
      }
      i++;
    } else if (bmpFlags[code] & LEARNED && bmpSimplified[code] !== code) {
      units ??= unitsOf(text);
      units[i] = bmpSimplified[code];
    }
  }
  return units ? fromUnits(units) : text;
}

function unitsOf(text: string): Uint16Array {
  const units = new Uint16Array(text.length);
  for (let i = 0; i < text.length; i++) units[i] = text.charCodeAt(i);
  return units;
}

function fromUnits(units: Uint16Array): string {
  let out = '';
  // In chunks: String.fromCharCode takes its arguments on the stack.
  for (let i = 0; i < units.length; i += 8192) out += String.fromCharCode(...units.subarray(i, i + 8192));
  return out;
}

export interface ScriptCounts {
  /** Characters that change under Traditional → Simplified: evidence of Traditional text. */
  traditional: number;
  /** Characters that change under Simplified → Traditional: evidence of Simplified text. */
  simplified: number;
}

export function countScriptEvidence(text: string): ScriptCounts {
  learnCharacters(text);
  return countLearned(text, 0, text.length);
}

/** Evidence in `text.slice(from, to)`, whose characters have been learned already. */
function countLearned(text: string, from: number, to: number): ScriptCounts {
  let traditional = 0;
  let simplified = 0;
  for (let i = from; i < to; i++) {
    const code = text.charCodeAt(i);
    if (code < FIRST_CONVERTIBLE) continue;
    let flags: number;
    // Surrogate pairs are learned as whole code points.
    if (isHighSurrogate(code) && i + 1 < to) {
      const info = astralInfo.get(text.slice(i, i + 2));
      i++;
      if (!info) continue;
      flags = (info.traditionalOnly ? TRADITIONAL_ONLY : 0) | (info.simplifiedOnly ? SIMPLIFIED_ONLY : 0);
    } else {
      flags = bmpFlags[code];
    }
    if (flags & TRADITIONAL_ONLY) traditional++;
    if (flags & SIMPLIFIED_ONLY) simplified++;
  }
  return { traditional, simplified };
}

/** Script of one paragraph: Traditional when its Traditional evidence outweighs the Simplified (per-character evidence has some noise: 里 reads as Simplified). */
export function paragraphScript(counts: ScriptCounts): 'simplified' | 'traditional' | 'none' {
  if (counts.traditional === 0 && counts.simplified === 0) return 'none';
  return counts.traditional > counts.simplified ? 'traditional' : 'simplified';
}

export interface Conversion {
  text: string;
  /** Maps converted offsets to offsets in the input text. */
  map: OffsetMap;
  script: Script;
  paragraphsConverted: number;
}

/**
 * Convert a text paragraph by paragraph: Traditional paragraphs are converted, Simplified ones are
 * copied unchanged (so `tw → cn` never touches Simplified text). Paragraph breaks are newlines.
 */
export function convertToSimplified(text: string, preset: ConversionPreset = 'tw'): Conversion {
  const paragraphs: Array<{ from: number; to: number; counts: ScriptCounts; script: 'simplified' | 'traditional' | 'none' }> = [];
  learnCharacters(text); // once for the whole text; paragraphs only count
  const total: ScriptCounts = { traditional: 0, simplified: 0 };
  for (let from = 0; from <= text.length; ) {
    let to = text.indexOf('\n', from);
    if (to < 0) to = text.length;
    const counts = countLearned(text, from, to);
    total.traditional += counts.traditional;
    total.simplified += counts.simplified;
    paragraphs.push({ from, to, counts, script: paragraphScript(counts) });
    from = to + 1;
  }
  // A paragraph whose evidence is a tie (阿里…目標: one character each way) follows the article.
  const articleScript = paragraphScript(total);
  for (const p of paragraphs) {
    if (p.counts.traditional > 0 && p.counts.traditional === p.counts.simplified) p.script = articleScript;
  }
  const traditional = paragraphs.filter((p) => p.script === 'traditional');
  // One opencc call for all Traditional paragraphs together; split back by position.
  const joined = traditional.map((p) => text.slice(p.from, p.to)).join('\n');
  const convertedJoined = joined ? toSimplifiedRaw(joined, preset) : '';
  const aligned = convertedJoined.length === joined.length;

  const builder = new OffsetMapBuilder();
  let offsetInJoined = 0;
  for (const paragraph of paragraphs) {
    const { from, to } = paragraph;
    if (paragraph.script === 'traditional') {
      if (aligned) {
        appendAligned(builder, text, from, to, (i) => convertedJoined[offsetInJoined + (i - from)]);
        offsetInJoined += to - from + 1;
      } else {
        appendConverted(builder, text, from, to, preset);
      }
    } else {
      builder.copy(text, from, to);
    }
    if (to < text.length) builder.copy(text, to, to + 1);
  }
  const { text: converted, map } = builder.build(text.length);
  const simplifiedCount = paragraphs.filter((p) => p.script === 'simplified').length;
  const script: Script = traditional.length === 0 ? 'simplified' : simplifiedCount === 0 ? 'traditional' : 'mixed';
  return { text: converted, map, script, paragraphsConverted: traditional.length };
}

/**
 * Copy a same-length conversion unit by unit: unchanged runs are copies, changed units are
 * replacements of the unit they came from. 么 is kept as written.
 */
function appendAligned(builder: OffsetMapBuilder, text: string, from: number, to: number, convertedAt: (i: number) => string): void {
  let run = from;
  for (let i = from; i < to; i++) {
    const converted = convertedAt(i);
    if (converted === text[i] || KEEP_AS_WRITTEN.has(text[i])) continue;
    builder.copy(text, run, i);
    builder.replace(converted, i, i + 1);
    run = i + 1;
  }
  builder.copy(text, run, to);
}

/**
 * Append the conversion of `text.slice(from, to)`. When the paragraph converts to the same length,
 * units correspond one to one (opencc replaces characters and equal-length phrases in place);
 * otherwise each code point is converted on its own, so every output character still points at
 * the code point it came from.
 */
function appendConverted(builder: OffsetMapBuilder, text: string, from: number, to: number, preset: ConversionPreset): void {
  const source = text.slice(from, to);
  const converted = toSimplifiedRaw(source, preset);
  if (converted.length === source.length) {
    appendAligned(builder, text, from, to, (i) => converted[i - from]);
    return;
  }
  let at = from;
  for (const ch of source) {
    const one = KEEP_AS_WRITTEN.has(ch) ? ch : toSimplifiedRaw(ch, preset);
    if (one === ch) builder.copy(text, at, at + ch.length);
    else builder.replace(one, at, at + ch.length);
    at += ch.length;
  }
}

