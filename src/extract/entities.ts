/**
 * Entity extraction: lexicon names (with context checks for names that are also ordinary words),
 * discovery rules for names the lexicon does not know (persons, organizations, places, quoted and
 * Latin-script names), and aliases stated in the text (花名, 简称, 更名为).
 *
 * Works on one Simplified string (an article or a line) and its jieba tokens; offsets are into
 * that string, and mentions never overlap (the longest span wins, then the stronger rule).
 */
import type { EntityMention, Token } from '../types.ts';
import { statedNameCandidates, statedNames } from './entities/aliases.ts';
import { settleOverlaps, SCORE, type Candidate } from './entities/candidates.ts';
import { findLexiconHits, lexiconCandidates } from './entities/lexicon-matches.ts';
import { organizationCandidates } from './entities/organizations.ts';
import { personCandidates } from './entities/persons.ts';
import { placeCandidates } from './entities/places.ts';
import { markedNameCandidates } from './entities/products.ts';
import { TextIndex } from './entities/text-index.ts';
import type { EntityLexicon } from './entities/lexicon.ts';

export {
  DEFAULT_ENTITY_LEXICON_PATH,
  entityUserWords,
  loadEntityLexicon,
  type EntityLexicon,
  type LexiconEntry,
} from './entities/lexicon.ts';
export { DEFAULT_ENTITY_RULES_PATH } from './entities/rules.ts';

export function extractEntities(text: string, tokens: Token[], lexicon: EntityLexicon): EntityMention[] {
  const index = new TextIndex(text, tokens);
  const hits = findLexiconHits(index, lexicon);
  const candidates: Candidate[] = [
    ...lexiconCandidates(index, lexicon, hits),
    ...organizationCandidates(index, lexicon.rules, hits),
    ...personCandidates(index, lexicon.rules),
    ...markedNameCandidates(index, lexicon.rules),
    ...placeCandidates(index, lexicon.rules),
  ];
  candidates.push(...repeatedNames(index, candidates));
  const first = settleOverlaps(text, candidates);
  const stated = statedNames(index, lexicon, first);
  const settled = stated.length === 0 ? first : settleOverlaps(text, [...candidates, ...statedNameCandidates(index, stated, lexicon)]);
  return latinHeadsAsShortForms(settled);
}

/**
 * A product named in Latin letters then Chinese (Real如我) is shortened to its Latin head in the
 * same text (在Real里): a Latin word found by discovery that heads exactly one such product name
 * mentioned in the text (compared without case) is that product, not a new organization. Heads of
 * organizations stay apart: IBM is not IBM中国研究院.
 */
function latinHeadsAsShortForms(mentions: EntityMention[]): EntityMention[] {
  const headed = new Map<string, EntityMention | null>();
  for (const m of mentions) {
    if (m.type !== 'product') continue;
    const head = /^([A-Za-z][A-Za-z0-9]*)\p{Script=Han}/u.exec(m.entity)?.[1]?.toLowerCase();
    if (!head) continue;
    const known = headed.get(head);
    // A head shared by two products names neither.
    if (known === undefined) headed.set(head, m);
    else if (known !== null && known.entity !== m.entity) headed.set(head, null);
  }
  if (headed.size === 0) return mentions;
  return mentions.map((m) => {
    const full = m.rule === 'latin' ? headed.get(m.entity.toLowerCase()) : undefined;
    return full ? { ...m, entity: full.entity, type: full.type, rule: 'latin:short-form' } : m;
  });
}

/**
 * A discovered person or organization found with good evidence once is the same name elsewhere in
 * the text, where the context alone may not have been enough (马化腾评价张小龙……张小龙却).
 */
function repeatedNames(index: TextIndex, candidates: Candidate[]): Candidate[] {
  const strong = new Map<string, Candidate>();
  for (const c of candidates) {
    if (!c.discovered || c.score < SCORE.person) continue;
    if (c.type !== 'person' && c.type !== 'organization') continue;
    const surface = index.text.slice(c.start, c.end);
    if (surface.length >= 2 && !strong.has(surface)) strong.set(surface, c);
  }
  const covered = new Set(candidates.map((c) => `${c.start}:${c.end}`));
  const out: Candidate[] = [];
  for (const [surface, c] of strong) {
    for (let at = index.text.indexOf(surface); at >= 0; at = index.text.indexOf(surface, at + 1)) {
      const end = at + surface.length;
      if (covered.has(`${at}:${end}`) || !index.isBoundary(at) || !index.isBoundary(end)) continue;
      out.push({ ...c, start: at, end, rule: `${c.rule}+repeat`, score: SCORE.weak });
    }
  }
  return out;
}
