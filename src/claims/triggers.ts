import type { PredicateLexicon, PredicateRule, TriggerRule } from './lexicon.ts';
import { overlaps, slice, type SentenceContext, wordEndingAt } from './context.ts';

export interface CompiledTrigger {
  predicate: PredicateRule;
  rule: TriggerRule;
  /** Label used in the claim's `rule` field. */
  label: string;
  regex: RegExp;
}

export interface TriggerMatch {
  compiled: CompiledTrigger;
  start: number;
  end: number;
  text: string;
}

function escapeRegExp(word: string): string {
  return word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

export function compileTriggers(lexicon: PredicateLexicon): CompiledTrigger[] {
  const compiled: CompiledTrigger[] = [];
  for (const predicate of lexicon.predicates) {
    for (const rule of predicate.triggers) {
      const source = rule.word !== undefined ? escapeRegExp(rule.word) : rule.pattern!;
      compiled.push({ predicate, rule, label: rule.word ?? rule.pattern!, regex: new RegExp(source, 'gu') });
    }
  }
  return compiled;
}

/**
 * Trigger words of a sentence, without overlaps: the longest match wins where two overlap
 * (月活跃用户 over 用户). Triggers inside an entity name or a figure are not triggers.
 */
export function findTriggers(ctx: SentenceContext, triggers: readonly CompiledTrigger[]): TriggerMatch[] {
  const { text, sentence } = ctx;
  const body = text.slice(sentence.start, sentence.end);
  const found: TriggerMatch[] = [];
  for (const compiled of triggers) {
    compiled.regex.lastIndex = 0;
    for (const match of body.matchAll(compiled.regex)) {
      if (!match[0]) continue;
      const start = sentence.start + match.index!;
      const end = start + match[0].length;
      const { notFollowedBy, notPrecededBy } = compiled.rule;
      if (notFollowedBy.some((w) => text.startsWith(w, end))) continue;
      if (wordEndingAt(text, start, notPrecededBy)) continue;
      found.push({ compiled, start, end, text: match[0] });
    }
  }
  const blockers = [...ctx.figures, ...ctx.dates];
  const insideName = (m: TriggerMatch) =>
    slice(ctx.entities, m.start - 40, m.end + 1).some((e) => e.start <= m.start && e.end >= m.end && e.end - e.start > m.end - m.start);
  found.sort((a, b) => a.start - b.start || b.end - b.start - (a.end - a.start));
  const kept: TriggerMatch[] = [];
  for (const match of found) {
    if (insideName(match) || blockers.some((b) => overlaps(b, match))) continue;
    const clash = kept.findIndex((k) => overlaps(k, match));
    if (clash < 0) {
      kept.push(match);
    } else if (match.end - match.start > kept[clash].end - kept[clash].start) {
      kept[clash] = match;
    }
  }
  return kept.sort((a, b) => a.start - b.start);
}
