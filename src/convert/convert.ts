import * as OpenCC from 'opencc-js';
import { OffsetMap, OffsetMapBuilder } from '../text/offsets.ts';
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

/** Simplified view of a text for pattern matching only (no offsets). */
export function toSimplifiedForMatching(text: string, preset: ConversionPreset = 'tw'): string {
  return restoreKept(text, toSimplifiedRaw(text, preset));
}

function restoreKept(source: string, converted: string): string {
  if (source.length !== converted.length) return converted;
  let out = converted;
  for (let i = 0; i < source.length; i++) {
    if (KEEP_AS_WRITTEN.has(source[i]) && converted[i] !== source[i]) {
      out = out.slice(0, i) + source[i] + out.slice(i + 1);
    }
  }
  return out;
}

export interface ScriptCounts {
  /** Characters that change under Traditional → Simplified: evidence of Traditional text. */
  traditional: number;
  /** Characters that change under Simplified → Traditional: evidence of Simplified text. */
  simplified: number;
}

export function countScriptEvidence(text: string): ScriptCounts {
  const toSimplified = toSimplifiedRaw(text, 'tw');
  const toTraditional = converter('cn', 'tw')(text);
  let traditional = 0;
  let simplified = 0;
  if (toSimplified.length === text.length) {
    for (let i = 0; i < text.length; i++) if (toSimplified[i] !== text[i]) traditional++;
  } else {
    traditional = [...text].filter((ch) => toSimplifiedRaw(ch, 'tw') !== ch).length;
  }
  if (toTraditional.length === text.length) {
    for (let i = 0; i < text.length; i++) if (toTraditional[i] !== text[i]) simplified++;
  } else {
    simplified = [...text].filter((ch) => converter('cn', 'tw')(ch) !== ch).length;
  }
  return { traditional, simplified };
}

/** Script of one paragraph: Traditional only when its Traditional evidence clearly outweighs the Simplified. */
export function paragraphScript(counts: ScriptCounts): 'simplified' | 'traditional' | 'none' {
  if (counts.traditional === 0 && counts.simplified === 0) return 'none';
  return counts.traditional > counts.simplified * 2 ? 'traditional' : 'simplified';
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
  const builder = new OffsetMapBuilder();
  let traditionalParagraphs = 0;
  let simplifiedParagraphs = 0;
  let from = 0;
  while (from <= text.length) {
    let to = text.indexOf('\n', from);
    if (to < 0) to = text.length;
    const paragraph = text.slice(from, to);
    const script = paragraphScript(countScriptEvidence(paragraph));
    if (script === 'traditional') {
      traditionalParagraphs++;
      appendConverted(builder, text, from, to, preset);
    } else {
      if (script === 'simplified') simplifiedParagraphs++;
      builder.copy(text, from, to);
    }
    if (to < text.length) builder.copy(text, to, to + 1);
    from = to + 1;
  }
  const { text: converted, map } = builder.build(text.length);
  const script: Script =
    traditionalParagraphs === 0 ? 'simplified' : simplifiedParagraphs === 0 ? 'traditional' : 'mixed';
  return { text: converted, map, script, paragraphsConverted: traditionalParagraphs };
}

/**
 * Append the conversion of `text.slice(from, to)`. When the whole paragraph converts to the same
 * length, characters correspond one to one (opencc replaces characters and equal-length phrases in
 * place); otherwise each code point is converted on its own, so every output character still
 * points at the code point it came from.
 */
function appendConverted(builder: OffsetMapBuilder, text: string, from: number, to: number, preset: ConversionPreset): void {
  const source = text.slice(from, to);
  const converted = restoreKept(source, toSimplifiedRaw(source, preset));
  if (converted.length === source.length) {
    for (let i = 0; i < source.length; i++) {
      if (converted[i] === source[i]) builder.copy(text, from + i, from + i + 1);
      else builder.replace(converted[i], from + i, from + i + 1);
    }
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
