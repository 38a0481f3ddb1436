import { SCORE, type Candidate } from './candidates.ts';
import type { EntityRules } from './rules.ts';
import type { TextIndex } from './text-index.ts';

/** Places jieba tags `ns` (several characters; generic words such as 山区 excluded by the rules). */
export function placeCandidates(index: TextIndex, rules: EntityRules): Candidate[] {
  const out: Candidate[] = [];
  for (const token of index.tokens) {
    if (token.tag !== 'ns' || token.text.length < 2) continue;
    if (rules.place.genericPlaceWords.has(token.text)) continue;
    out.push({ start: token.start, end: token.end, entity: token.text, type: 'place', discovered: true, rule: 'place:jieba', score: SCORE.place });
  }
  return out;
}
