import { SCORE, type Candidate } from './candidates.ts';
import type { EntityLexicon, LexiconEntry } from './lexicon.ts';
import { isLatinOrDigit, type TextIndex } from './text-index.ts';

export interface LexiconHit {
  start: number;
  end: number;
  entry: LexiconEntry;
}

/**
 * Every occurrence of a lexicon surface whose edges are word boundaries (jieba token edges for
 * CJK, non-alphanumeric neighbours for Latin). At one position the longest valid surface wins.
 */
export function findLexiconHits(index: TextIndex, lexicon: EntityLexicon): LexiconHit[] {
  const { text, lower } = index;
  const hits: LexiconHit[] = [];
  for (let i = 0; i < text.length; i++) {
    const keys = candidatesAt(lexicon, text[i], lower[i]);
    if (!keys) continue;
    for (const key of keys) {
      const source = key === lower.substr(i, key.length) && key !== text.substr(i, key.length) ? lower : text;
      if (!source.startsWith(key, i)) continue;
      const end = i + key.length;
      const glue = lexicon.rules.person.trailingFunctionChars;
      if (!edgeOk(index, i, key[0], 'start', glue) || !edgeOk(index, end, key[key.length - 1], 'end', glue)) continue;
      hits.push({ start: i, end, entry: lexicon.surfaces.get(key)! });
      break;
    }
  }
  return hits;
}

function candidatesAt(lexicon: EntityLexicon, ch: string, lowerCh: string): string[] | undefined {
  const exact = lexicon.byFirstChar.get(ch);
  if (ch === lowerCh) return exact;
  const folded = lexicon.byFirstChar.get(lowerCh);
  if (!exact) return folded;
  if (!folded) return exact;
  return [...exact, ...folded].sort((a, b) => b.length - a.length);
}

function edgeOk(index: TextIndex, pos: number, edgeChar: string, side: 'start' | 'end', glue: Set<string>): boolean {
  if (isLatinOrDigit(edgeChar)) {
    const neighbour = side === 'start' ? index.text[pos - 1] : index.text[pos];
    return !isLatinOrDigit(neighbour);
  }
  if (index.isBoundary(pos)) return true;
  // jieba's HMM sometimes glues a function character onto a known name (马云说 → one unknown word):
  // accept the name when the rest of that unknown token is one such character.
  if (side === 'end') {
    const t = index.tokenAt(pos);
    const token = t >= 0 ? index.tokens[t] : undefined;
    return !!token && token.tag === 'x' && token.end === pos + 1 && glue.has(index.text[pos]);
  }
  return false;
}

type Evidence = 'support' | 'against' | 'none';

/**
 * Context for a name that is also an ordinary word. Quotes around it or an owner, a cue word
 * (推出, 上线, 用户…) nearby support it; an ordinary-word neighbour (有来往, 来往车辆) rules it out.
 */
function evidenceFor(index: TextIndex, lexicon: EntityLexicon, hit: LexiconHit): Evidence {
  const { text } = index;
  const amb = lexicon.rules.ambiguity;
  const before = text[hit.start - 1];
  const after = text[hit.end];
  if (amb.quotePairs.some(([open, close]) => before === open && after === close)) return 'support';
  if (index.wordEndingAt(hit.start, amb.negativeBefore) || index.wordStartingAt(hit.end, amb.negativeAfter)) return 'against';
  if (hit.entry.negativeBefore.some((w) => text.startsWith(w, hit.start - w.length))) return 'against';
  if (hit.entry.negativeAfter.some((w) => text.startsWith(w, hit.end))) return 'against';
  const { before: left, after: right } = index.window(hit.start, hit.end, amb.window);
  const around = `${left}\u0000${right}`;
  const owner = hit.entry.owner ? lexicon.byName.get(hit.entry.owner) : undefined;
  if (owner && [owner.name, ...owner.aliases].some((s) => around.includes(s))) return 'support';
  if ([...hit.entry.cues, ...amb.positiveCues].some((cue) => around.includes(cue))) return 'support';
  return 'none';
}

/**
 * Lexicon candidates. Ambiguous names need support at the mention itself or, failing that,
 * a supported mention elsewhere in the same text with nothing against this one.
 */
export function lexiconCandidates(index: TextIndex, lexicon: EntityLexicon, hits: LexiconHit[]): Candidate[] {
  const supported = new Set<string>();
  const pending: LexiconHit[] = [];
  const out: Candidate[] = [];
  const toCandidate = (hit: LexiconHit, rule: string): Candidate => ({
    start: hit.start,
    end: hit.end,
    entity: hit.entry.name,
    type: hit.entry.type,
    discovered: false,
    rule,
    score: SCORE.lexicon,
  });
  for (const hit of hits) {
    if (!hit.entry.ambiguous) {
      out.push(toCandidate(hit, 'lexicon'));
      continue;
    }
    const evidence = evidenceFor(index, lexicon, hit);
    if (evidence === 'support') {
      supported.add(hit.entry.name);
      out.push(toCandidate(hit, 'lexicon:context'));
    } else if (evidence === 'none') {
      pending.push(hit);
    }
  }
  for (const hit of pending) {
    if (supported.has(hit.entry.name)) out.push(toCandidate(hit, 'lexicon:document'));
  }
  return out;
}
