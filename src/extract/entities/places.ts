import { SCORE, type Candidate } from './candidates.ts';
import type { EntityRules } from './rules.ts';
import type { TextIndex } from './text-index.ts';

/**
 * Places jieba tags `ns`. Its dictionary tags many ordinary words ns (冰山, 维度), so a
 * two-character one needs a place suffix (…县, …湖), a locative word before it (在, 来自, 位于)
 * or another place right next to it (四川/阿坝).
 */
export function placeCandidates(index: TextIndex, rules: EntityRules): Candidate[] {
  const pl = rules.place;
  const { tokens } = index;
  const isPlaceToken = (i: number) => i >= 0 && i < tokens.length && tokens[i].tag === 'ns' && !pl.genericPlaceWords.has(tokens[i].text);
  const out: Candidate[] = [];
  tokens.forEach((token, i) => {
    if (!isPlaceToken(i) || token.text.length < 2) return;
    if (token.text.length === 2) {
      const suffix = pl.placeSuffixChars.has(token.text[1]);
      const cue = index.wordEndingAt(token.start, pl.placeCuesBefore) !== null;
      const neighbour = (isPlaceToken(i - 1) && tokens[i - 1].end === token.start) || (isPlaceToken(i + 1) && tokens[i + 1].start === token.end);
      if (!suffix && !cue && !neighbour) return;
    }
    out.push({ start: token.start, end: token.end, entity: token.text, type: 'place', discovered: true, rule: 'place:jieba', score: SCORE.place });
  });
  return out;
}
