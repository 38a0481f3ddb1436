import type { DateMention, DateValue, EntityMention, FigureMention, LocalMention } from '../types.ts';
import {
  clauseAt,
  hasBreakBetween,
  isClauseBreak,
  isClosingQuote,
  isOpeningQuote,
  slice,
  type SentenceContext,
  wordAt,
  wordEndingAt,
} from './context.ts';
import type { PredicateLexicon, PredicateRule } from './lexicon.ts';
import type { TriggerMatch } from './triggers.ts';

export interface FigureCandidate {
  trigger: TriggerMatch;
  figure: FigureMention;
  /** Characters between trigger and figure; the assignment prefers the closest pairs. */
  gap: number;
  side: 'after' | 'before';
}

/** Skip aspect particles (了 过 着) after `at`. */
export function skipParticles(text: string, at: number, lexicon: PredicateLexicon): number {
  let pos = at;
  for (;;) {
    const w = wordAt(text, pos, lexicon.aspectParticles);
    if (!w) return pos;
    pos += w.length;
  }
}

/** Is the figure of a kind and unit that the predicate measures? */
export function acceptsFigure(lexicon: PredicateLexicon, predicate: PredicateRule, figure: FigureMention, text: string): boolean {
  if (!predicate.figureKinds.includes(figure.kind)) return false;
  const moneyPredicate = predicate.figureKinds.includes('money');
  // A bare number may stand for an amount (成交额2135亿), a measured one (3公里) may not.
  if (figure.kind === 'number' && moneyPredicate && figure.unit !== null) return false;
  if (figure.kind !== 'money' && figure.unit !== null && predicate.units.length > 0) {
    const unit = figure.unit;
    if (!predicate.units.some((cls) => lexicon.unitClasses[cls]?.includes(unit))) return false;
  }
  if (predicate.figureNotFollowedBy.some((w) => text.startsWith(w, figure.end))) return false;
  return true;
}

/**
 * Figures a trigger may take as its object: after it within `maxGap` characters of the same clause,
 * or right before it (571亿的成交额). A figure after a change word (净减200万) is a change, not the
 * level, unless a level word (至, 到) stands right before it.
 */
export function figureCandidates(
  ctx: SentenceContext,
  lexicon: PredicateLexicon,
  trigger: TriggerMatch,
): FigureCandidate[] {
  const { text } = ctx;
  const predicate = trigger.compiled.predicate;
  const side = predicate.objectSide;
  const maxGap = trigger.compiled.rule.maxGap ?? predicate.maxGap;
  const isChangePredicate = predicate.triggers.some((t) => t.word !== undefined && lexicon.deltaMarkers.includes(t.word));
  const out: FigureCandidate[] = [];
  if (side === 'after' || side === 'both') {
    const after = ctx.figures.filter((f) => f.start >= trigger.end && f.start - trigger.end <= maxGap);
    const first = after[0];
    if (first && !hasBreakBetween(text, trigger.end, first.start)) {
      const gapText = text.slice(trigger.end, first.start);
      const isChange = !isChangePredicate && lexicon.deltaMarkers.some((d) => gapText.includes(d)) && !wordEndingAt(text, first.start, lexicon.levelMarkers);
      let figure: FigureMention | null = isChange || hasForeignVerb(ctx, lexicon, trigger.end, first.start) ? null : first;
      if (figure && text[figure.start - 1] === '从') figure = targetOfFromTo(ctx, lexicon, figure);
      if (figure && countsSomethingElse(ctx, lexicon, figure, trigger)) figure = null;
      if (figure && acceptsFigure(lexicon, predicate, figure, text)) {
        out.push({ trigger, figure, gap: first.start - trigger.end, side: 'after' });
      }
    }
  }
  if (side === 'before' || side === 'both') {
    const before = ctx.figures.filter((f) => f.end <= trigger.start && trigger.start - f.end <= 6).pop();
    if (before) {
      const gapText = text.slice(before.end, trigger.start);
      if (beforeGapRegex(predicate).test(gapText) && acceptsFigure(lexicon, predicate, before, text)) {
        out.push({ trigger, figure: before, gap: gapText.length, side: 'before' });
      }
    }
  }
  return out;
}

/** 为用户提供了500万个岗位: a verb between the measure noun and the figure makes it another figure. */
function hasForeignVerb(ctx: SentenceContext, lexicon: PredicateLexicon, from: number, to: number): boolean {
  return slice(ctx.tokens, from, to).some(
    (t) =>
      lexicon.verbTags.includes(t.tag) &&
      !lexicon.gapVerbs.includes(t.text) &&
      !lexicon.deltaMarkers.includes(t.text) &&
      !lexicon.levelMarkers.includes(t.text),
  );
}

/** 500万个岗位: a count followed by a noun counts that noun (unless it is the measure itself: 5亿用户). */
function countsSomethingElse(ctx: SentenceContext, lexicon: PredicateLexicon, figure: FigureMention, trigger: TriggerMatch): boolean {
  if (figure.kind !== 'count' && figure.kind !== 'number') return false;
  const next = ctx.tokens.find((t) => t.start === figure.end);
  if (!next || !lexicon.nounTags.includes(next.tag)) return false;
  const sameMeasure = trigger.compiled.predicate.triggers.some((t) => t.word !== undefined && ctx.text.startsWith(t.word, figure.end));
  return !sameMeasure;
}

const beforeGapCache = new WeakMap<PredicateRule, RegExp>();

function beforeGapRegex(predicate: PredicateRule): RegExp {
  let regex = beforeGapCache.get(predicate);
  if (!regex) beforeGapCache.set(predicate, (regex = new RegExp(predicate.beforeGap, 'u')));
  return regex;
}

/** 从四五万暴涨至25万: the level now is the figure after 至/到. */
function targetOfFromTo(ctx: SentenceContext, lexicon: PredicateLexicon, from: FigureMention): FigureMention | null {
  const [, clauseEnd] = clauseAt(ctx, from.start);
  const next = ctx.figures.find((f) => f.start >= from.end && f.end <= clauseEnd && wordEndingAt(ctx.text, f.start, lexicon.levelMarkers));
  return next ?? from;
}

/** A date standing as comparison base (较2019年, 比去年) is not the time of the claim. */
function isComparisonBase(text: string, date: LocalMention, lexicon: PredicateLexicon): boolean {
  return wordEndingAt(text, date.start, lexicon.comparisonMarkers) !== null;
}

export interface DatePick {
  date: DateMention;
  rule: string;
}

/**
 * The date of a launch-like trigger: right after it with 于/在 (成立于1999年), else the nearest
 * date before it in the sentence (2013年9月23日,“来往”上线).
 */
export function pickEventDate(ctx: SentenceContext, lexicon: PredicateLexicon, trigger: TriggerMatch): DatePick | null {
  const { text } = ctx;
  const pos = skipParticles(text, trigger.end, lexicon);
  if (text[pos] === '于' || text[pos] === '在') {
    const after = ctx.dates.find((d) => d.start >= pos + 1 && d.start <= pos + 2);
    if (after) return { date: after, rule: 'date-after' };
  }
  const [clauseStart] = clauseAt(ctx, trigger.start);
  for (let i = ctx.dates.length - 1; i >= 0; i--) {
    const date = ctx.dates[i];
    if (date.end > trigger.start) continue;
    if (isComparisonBase(text, date, lexicon)) continue;
    // A date in an earlier clause dates this verb only if that clause does nothing but set the time
    // (2017年2月5日,钉钉上线); 陆兆禧在双十一谈到…,推出来往 does not date the launch.
    if (date.start >= clauseStart || isTimeClause(ctx, lexicon, clauseAt(ctx, date.start))) return { date, rule: 'date-before' };
  }
  return null;
}

/** A clause made only of dates and time words (早在2009年, / 2020年,双十一前期,). */
export function isTimeClause(ctx: SentenceContext, lexicon: PredicateLexicon, [start, end]: [number, number]): boolean {
  let residue = '';
  let at = start;
  for (const date of slice(ctx.dates, start, end)) {
    residue += ctx.text.slice(at, date.start);
    at = date.end;
  }
  residue += ctx.text.slice(at, end);
  residue = residue.replace(/[\s\p{P}]/gu, '');
  for (;;) {
    const word = wordAt(residue, 0, lexicon.timeClauseWords);
    if (!word) break;
    residue = residue.slice(word.length);
  }
  return residue === '';
}

/**
 * The time qualifier of a figure claim: the nearest date before the trigger or figure in the
 * sentence, else a date after the figure in its clause. Comparison bases are skipped.
 */
export function pickWhen(ctx: SentenceContext, lexicon: PredicateLexicon, trigger: TriggerMatch, object: LocalMention): DateMention | null {
  const { text } = ctx;
  const from = Math.min(trigger.start, object.start);
  for (let i = ctx.dates.length - 1; i >= 0; i--) {
    const date = ctx.dates[i];
    if (date.end > from) continue;
    if (isComparisonBase(text, date, lexicon)) continue;
    return date;
  }
  const [, clauseEnd] = clauseAt(ctx, object.start);
  const to = Math.max(trigger.end, object.end);
  return ctx.dates.find((d) => d.start >= to && d.end <= clauseEnd && !isComparisonBase(text, d, lexicon)) ?? null;
}

export interface NamePick {
  name: string;
  evidence: LocalMention;
  entity: EntityMention | null;
  rule: string;
}

/** The new name after 更名为: an entity there, else the word itself up to the next break. */
export function pickNewName(ctx: SentenceContext, lexicon: PredicateLexicon, trigger: TriggerMatch): NamePick | null {
  const { text } = ctx;
  let pos = skipParticles(text, trigger.end, lexicon);
  while (isOpeningQuote(text[pos])) pos++;
  const entity = slice(ctx.entities, pos, ctx.sentence.end).find((e) => e.start === pos);
  if (entity) return { name: entity.text, evidence: entity, entity, rule: 'entity-after' };
  let end = pos;
  while (end < ctx.sentence.end && end - pos < 12) {
    const ch = text[end];
    if (isClauseBreak(ch) || isClosingQuote(ch) || /[\s的了]/u.test(ch)) break;
    end++;
  }
  if (end - pos < 2 || !/^[\p{Script=Han}A-Za-z0-9]+$/u.test(text.slice(pos, end))) return null;
  return { name: text.slice(pos, end), evidence: { start: pos, end, text: text.slice(pos, end) }, entity: null, rule: 'name-after' };
}

export function dateValueOf(date: DateMention): DateValue {
  return { start: date.value.start, end: date.value.end, granularity: date.value.granularity };
}
