/**
 * Resolve candidates in text order, tracking the narrative context: the latest stated year, month
 * and day. A mention states a component when it is not among its implied ones.
 */
import { lastPoint } from '../calendar.ts';
import type { Candidate, Day, Mention, ResolveContext } from '../types.ts';

/** Relative words that set the narrative's year or month when they can be resolved. */
const FRAME_SETTING_RULES = new Set(['relative-year', 'relative-month', 'relative-quarter']);

export function resolveInOrder(candidates: Candidate[], ref: Day | null): Mention[] {
  // A loop, not Math.max(...years): a long text can hold more years than a call takes arguments.
  let latestExplicitYear: number | null = null;
  for (const c of candidates) {
    if (c.explicitYear !== undefined && (latestExplicitYear === null || c.explicitYear > latestExplicitYear)) latestExplicitYear = c.explicitYear;
  }
  const ctx: ResolveContext = { ref, year: null, month: null, day: null, latestExplicitYear };
  const mentions: Mention[] = [];
  candidates.forEach((candidate, index) => {
    const resolution = candidate.resolve(ctx, index);
    if (!resolution) {
      // 今年/去年/上月 that cannot be placed (no publication date) move the story to an unknown
      // time: what follows (今年三月) must not borrow an earlier stated year.
      if (FRAME_SETTING_RULES.has(candidate.rule)) ctx.year = ctx.month = ctx.day = null;
      return;
    }
    const mention: Mention = {
      start: candidate.start,
      end: candidate.end,
      rule: candidate.rule,
      approx: resolution.approx ?? candidate.approx,
      weak: candidate.weak === true,
      value: resolution.value,
      basis: resolution.basis,
      implied: resolution.implied,
      contextSource: resolution.contextSource,
      members: [index],
    };
    mentions.push(mention);
    if (!candidate.publicationLabel) updateContext(ctx, mention, index);
  });
  return mentions;
}

function updateContext(ctx: ResolveContext, mention: Mention, index: number): void {
  const { value, implied } = mention;
  if (value.granularity === 'decade' || value.granularity === 'century') return;
  // Words relative to the publication date (今天, 上周, 近两年) say nothing about the narrative's
  // time, except a single year or month (今年1月底, 去年……3月).
  const relative = mention.basis === 'publication' && !implied.includes('year');
  if (relative && (value.end !== null || (value.granularity !== 'year' && value.granularity !== 'month'))) return;
  const p = lastPoint(value);
  if (!implied.includes('year')) {
    ctx.year = { y: p.y, source: index };
    ctx.month = null;
    ctx.day = null;
  }
  const single = value.end === null;
  if (single && p.m !== undefined && !implied.includes('month')) {
    ctx.month = { y: p.y, m: p.m, source: index };
    ctx.day = null;
  }
  if (single && p.m !== undefined && p.d !== undefined) ctx.day = { y: p.y, m: p.m, d: p.d, source: index, yearImplied: implied.includes('year') };
}
