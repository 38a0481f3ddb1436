import type { EntityMention, EntityType } from '../../types.ts';

/** A possible mention before overlaps are settled. */
export interface Candidate {
  start: number;
  end: number;
  entity: string;
  type: EntityType;
  discovered: boolean;
  rule: string;
  /** Confidence used to settle overlaps of equal length: lexicon 100, strong rules 60–80, weak 30–50. */
  score: number;
}

export const SCORE = {
  lexicon: 100,
  alias: 95,
  strong: 80,
  organization: 70,
  person: 60,
  product: 55,
  weak: 40,
  place: 30,
} as const;

/**
 * Keep non-overlapping candidates: the longest span wins, then the higher score, then the earlier
 * start. Returns mentions sorted by start.
 */
export function settleOverlaps(text: string, candidates: Candidate[]): EntityMention[] {
  const ordered = [...candidates].sort(
    (a, b) => b.end - b.start - (a.end - a.start) || b.score - a.score || a.start - b.start,
  );
  const taken = new Uint8Array(text.length);
  const kept: Candidate[] = [];
  for (const c of ordered) {
    if (c.start < 0 || c.end > text.length || c.start >= c.end) continue;
    let free = true;
    for (let p = c.start; p < c.end; p++) {
      if (taken[p]) {
        free = false;
        break;
      }
    }
    if (!free) continue;
    taken.fill(1, c.start, c.end);
    kept.push(c);
  }
  kept.sort((a, b) => a.start - b.start);
  return kept.map((c) => ({
    start: c.start,
    end: c.end,
    text: text.slice(c.start, c.end),
    entity: c.entity,
    type: c.type,
    discovered: c.discovered,
    rule: c.rule,
  }));
}
