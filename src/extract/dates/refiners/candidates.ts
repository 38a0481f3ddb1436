/** Refiners on candidates, before resolution: drop blocked words and recurrences, pick one reading. */
import { dateWords } from '../lexicon.ts';
import { RANGE_GAP, precededByAny } from '../text.ts';
import type { Candidate } from '../types.ts';

/** Candidates overlapping a blocked compound (今日头条, 猴年马月) are parts of other words. */
export function dropBlockedCompounds(text: string, candidates: Candidate[]): Candidate[] {
  // Prefix sums of blocked characters: a candidate overlaps a blocked word when its span holds any.
  let blocked: Uint8Array | null = null;
  for (const word of dateWords().blockedCompounds) {
    for (let i = text.indexOf(word); i !== -1; i = text.indexOf(word, i + 1)) {
      blocked ??= new Uint8Array(text.length);
      blocked.fill(1, i, i + word.length);
    }
  }
  if (!blocked) return candidates;
  const before = new Uint32Array(text.length + 1);
  for (let i = 0; i < text.length; i++) before[i + 1] = before[i]! + blocked[i]!;
  return candidates.filter((c) => before[c.end] === before[c.start]);
}

/** Longest gap between the ends of a range (a separator with spaces around it). */
const MAX_RANGE_GAP = 8;

/** 每周一, 每年春节, 每月3日, 每周一至周五: recurrences (and the other end of their range) are not dates. */
export function dropRecurrences(text: string, candidates: Candidate[]): Candidate[] {
  const prefixes = dateWords().recurrencePrefixes;
  const withDe = prefixes.map((p) => `${p}的`);
  const recurring = candidates.filter((c) => precededByAny(text, c.start, prefixes) || precededByAny(text, c.start, withDe));
  const dropped = new Set(recurring);
  // Sorted by start, so each recurrence finds the candidates right after it by binary search.
  const byStart = [...candidates].sort((a, b) => a.start - b.start);
  for (const r of recurring) {
    let lo = 0;
    let hi = byStart.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (byStart[mid]!.start < r.end) lo = mid + 1;
      else hi = mid;
    }
    for (let i = lo; i < byStart.length && byStart[i]!.start - r.end <= MAX_RANGE_GAP; i++) {
      if (RANGE_GAP.test(text.slice(r.end, byStart[i]!.start))) dropped.add(byStart[i]!);
    }
  }
  return candidates.filter((c) => !dropped.has(c));
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
  // Kept candidates never overlap, so marking the characters they cover answers "does this one
  // overlap a kept one" in time proportional to its own length (linear in the text overall).
  const limit = candidates.reduce((max, c) => Math.max(max, c.end), 0);
  const covered = new Uint8Array(limit);
  const kept: Candidate[] = [];
  for (const { c } of order) {
    let free = true;
    for (let i = c.start; i < c.end && free; i++) free = covered[i] === 0;
    if (!free) continue;
    covered.fill(1, c.start, c.end);
    kept.push(c);
  }
  return kept.sort((a, b) => a.start - b.start);
}
