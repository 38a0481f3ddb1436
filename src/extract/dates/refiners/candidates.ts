/** Refiners on candidates, before resolution: drop blocked words and recurrences, pick one reading. */
import { dateWords } from '../lexicon.ts';
import { precededByAny } from '../text.ts';
import type { Candidate } from '../types.ts';

/** Candidates overlapping a blocked compound (今日头条, 猴年马月) are parts of other words. */
export function dropBlockedCompounds(text: string, candidates: Candidate[]): Candidate[] {
  const blocked: Array<[number, number]> = [];
  for (const word of dateWords().blockedCompounds) {
    for (let i = text.indexOf(word); i !== -1; i = text.indexOf(word, i + 1)) blocked.push([i, i + word.length]);
  }
  return candidates.filter((c) => !blocked.some(([s, e]) => c.start < e && s < c.end));
}

/** 每周一, 每年春节, 每月3日: recurrences are not dates. */
export function dropRecurrences(text: string, candidates: Candidate[]): Candidate[] {
  const prefixes = dateWords().recurrencePrefixes;
  return candidates.filter((c) => !precededByAny(text, c.start, prefixes) && !precededByAny(text, c.start, prefixes.map((p) => `${p}的`)));
}

/** A date right after 发布日期: / 时间: is the article's own metadata. */
export function markPublicationLabels(text: string, candidates: Candidate[]): void {
  const labels = dateWords().publicationLabels;
  for (const c of candidates) {
    const before = text.slice(Math.max(0, c.start - 12), c.start).replace(/[ \t\u3000:：]+$/, '');
    if (labels.some((label) => before.endsWith(label))) c.publicationLabel = true;
  }
}

/**
 * Keep one reading per stretch of text: longer candidates first (2013年9月23日 over 9月23日), then
 * earlier ones, then the parser order; a candidate overlapping a kept one is dropped.
 */
export function dropOverlaps(candidates: Candidate[]): Candidate[] {
  const order = candidates.map((c, i) => ({ c, i }));
  order.sort((a, b) => b.c.end - b.c.start - (a.c.end - a.c.start) || a.c.start - b.c.start || a.i - b.i);
  const kept: Candidate[] = [];
  for (const { c } of order) {
    if (kept.some((k) => c.start < k.end && k.start < c.end)) continue;
    kept.push(c);
  }
  return kept.sort((a, b) => a.start - b.start);
}
