import type { PredicateLexicon, PredicateRule, TriggerRule } from './lexicon.ts';
import { overlaps, slice, type SentenceContext, wordEndingAt } from './context.ts';

export interface CompiledTrigger {
  predicate: PredicateRule;
  rule: TriggerRule;
  /** For pattern triggers only; words are found through the first-character index. */
  regex: RegExp | null;
}

export interface TriggerMatch {
  compiled: CompiledTrigger;
  start: number;
  end: number;
  text: string;
}

/** Compiled triggers: words indexed by first character (one pass over the text), patterns as regexes. */
export interface TriggerIndex {
  byFirstChar: Map<number, CompiledTrigger[]>;
  patterns: CompiledTrigger[];
}

export function compileTriggers(lexicon: PredicateLexicon): TriggerIndex {
  const byFirstChar = new Map<number, CompiledTrigger[]>();
  const patterns: CompiledTrigger[] = [];
  for (const predicate of lexicon.predicates) {
    for (const rule of predicate.triggers) {
      const compiled: CompiledTrigger = { predicate, rule, regex: rule.pattern !== undefined ? new RegExp(rule.pattern, 'gu') : null };
      if (rule.word === undefined) {
        patterns.push(compiled);
        continue;
      }
      const first = rule.word.charCodeAt(0);
      let list = byFirstChar.get(first);
      if (!list) byFirstChar.set(first, (list = []));
      list.push(compiled);
    }
  }
  return { byFirstChar, patterns };
}

/**
 * Trigger words of a sentence, without overlaps: the longest match wins where two overlap
 * (月活跃用户 over 用户). Triggers inside an entity name or a figure are not triggers.
 */
export function findTriggers(ctx: SentenceContext, index: TriggerIndex): TriggerMatch[] {
  const { text, sentence } = ctx;
  const found: TriggerMatch[] = [];
  const accept = (compiled: CompiledTrigger, start: number, matched: string) => {
    const end = start + matched.length;
    const { notFollowedBy, notPrecededBy } = compiled.rule;
    if (notFollowedBy.some((w) => text.startsWith(w, end))) return;
    if (wordEndingAt(text, start, notPrecededBy)) return;
    found.push({ compiled, start, end, text: matched });
  };
  for (let i = sentence.start; i < sentence.end; i++) {
    const candidates = index.byFirstChar.get(text.charCodeAt(i));
    if (!candidates) continue;
    for (const compiled of candidates) {
      const word = compiled.rule.word!;
      if (i + word.length <= sentence.end && text.startsWith(word, i)) accept(compiled, i, word);
    }
  }
  if (index.patterns.length) {
    const body = text.slice(sentence.start, sentence.end);
    for (const compiled of index.patterns) {
      for (const match of body.matchAll(compiled.regex!)) {
        if (match[0]) accept(compiled, sentence.start + match.index!, match[0]);
      }
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
