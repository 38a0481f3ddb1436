import type { EntityMention, EntityType } from '../../types.ts';
import { SCORE, type Candidate } from './candidates.ts';
import type { EntityLexicon } from './lexicon.ts';
import { isCjk, isLatinOrDigit, type TextIndex } from './text-index.ts';

/**
 * Aliases stated in the text. After a mention, 花名/简称/又称… introduce another name of the same
 * entity (陈航(花名:无招) → 无招 is 陈航). 更名为/原名… introduce a different name of the same
 * thing: the new name is its own entity (来往 更名为 点点虫), as in the lexicon's renamedFrom.
 */
export interface StatedName {
  surface: string;
  canonical: string;
  type: EntityType;
  kind: 'alias' | 'rename';
  marker: string;
  /** Where the surface was introduced. */
  start: number;
  end: number;
}

const OPENERS = /^[\s(（,，、]*$/;
const STOP = /[\s(（)）,，。、；;！!？?:：“”"「」『』《》\n]/;
/** Markers that follow their subject at a distance (来往……之后更名为点点虫). */
const LOOKBACK = 40;

export function statedNames(index: TextIndex, lexicon: EntityLexicon, mentions: EntityMention[]): StatedName[] {
  const { text } = index;
  const rules = lexicon.rules.alias;
  const found: StatedName[] = [];
  for (let pos = 0; pos < text.length; pos++) {
    const marker = rules.markers.startingAt(text, pos);
    if (!marker) continue;
    const hit = { marker, kind: rules.renameMarkers.has(marker) ? ('rename' as const) : ('alias' as const) };
    const markerEnd = pos + hit.marker.length;
    const subject = subjectBefore(index, mentions, pos, hit.kind);
    pos = markerEnd - 1;
    if (!subject) continue;
    const name = nameAfter(index, markerEnd, rules.joiners, rules.maxAliasLength);
    if (!name) continue;
    const surface = text.slice(name.start, name.end);
    if (surface === subject.entity || surface === subject.text) continue;
    found.push({ surface, canonical: hit.kind === 'alias' ? subject.entity : surface, type: subject.type, kind: hit.kind, marker: hit.marker, start: name.start, end: name.end });
  }
  return found;
}

/** The mention the marker speaks about: right before it (allowing an opening bracket), or for renames the nearest one earlier in the sentence. */
function subjectBefore(index: TextIndex, mentions: EntityMention[], pos: number, kind: 'alias' | 'rename'): EntityMention | null {
  const sentenceStart = index.sentenceStart(pos);
  let best: EntityMention | null = null;
  for (const m of mentions) {
    if (m.end > pos) break;
    if (OPENERS.test(index.text.slice(m.end, pos))) best = m;
    else if (kind === 'rename' && m.start >= Math.max(sentenceStart - LOOKBACK, 0) && pos - m.end <= LOOKBACK && m.type !== 'place' && m.type !== 'person') best = m;
  }
  return best;
}

function nameAfter(index: TextIndex, from: number, joiners: string[], maxLength: number): { start: number; end: number } | null {
  const { text } = index;
  let p = from;
  const joiner = joiners.find((j) => text.startsWith(j, p));
  if (joiner) p += joiner.length;
  const quoted = /[“"「『]/.test(text[p] ?? '');
  if (quoted) p++;
  const start = p;
  while (p < text.length && p - start < maxLength && !STOP.test(text[p])) p++;
  if (p === start) return null;
  if (!quoted) {
    // Unquoted: stop at a word boundary jieba agrees with, and never inside a Latin word.
    while (p > start && (!index.isBoundary(p) || (isLatinOrDigit(text[p - 1]) && isLatinOrDigit(text[p])))) p--;
    if (p === start) return null;
  }
  const surface = text.slice(start, p);
  if (![...surface].some((c) => isCjk(c) || isLatinOrDigit(c))) return null;
  if (/^[的了是在和与及等]|[的了]$/.test(surface)) return null;
  return { start, end: p };
}

/** Every boundary-aligned occurrence of a stated name, as a candidate of its canonical entity. */
export function statedNameCandidates(index: TextIndex, names: StatedName[], lexicon: EntityLexicon): Candidate[] {
  const out: Candidate[] = [];
  for (const name of names) {
    const known = lexicon.surfaces.get(name.surface);
    if (known) continue; // the lexicon already reports it, under its own canonical name
    for (let at = index.text.indexOf(name.surface); at >= 0; at = index.text.indexOf(name.surface, at + 1)) {
      const end = at + name.surface.length;
      if (!edgeOk(index, at, end)) continue;
      out.push({
        start: at,
        end,
        entity: name.canonical,
        type: name.type,
        discovered: true,
        rule: `${name.kind}:${name.marker}`,
        score: SCORE.alias,
      });
    }
  }
  return out;
}

function edgeOk(index: TextIndex, start: number, end: number): boolean {
  const { text } = index;
  const latinEdge = (a: string | undefined, b: string | undefined) => isLatinOrDigit(a) && isLatinOrDigit(b);
  if (latinEdge(text[start - 1], text[start]) || latinEdge(text[end - 1], text[end])) return false;
  return index.isBoundary(start) && index.isBoundary(end);
}
