import type { EntityMention, LocalMention } from '../types.ts';
import {
  clauseAt,
  isClauseBreak,
  isClosingQuote,
  isOpeningQuote,
  overlaps,
  slice,
  type SentenceContext,
  wordAt,
  wordEndingAt,
} from './context.ts';
import type { PredicateLexicon, PredicateRule } from './lexicon.ts';
import { skipParticles } from './objects.ts';
import type { TriggerMatch } from './triggers.ts';

export interface SubjectPick {
  /** The subject, plus coordinated ones (推出X和Y). */
  entities: EntityMention[];
  rule: SubjectRule;
}

/** How the subject was found, from the most to the least direct. */
export type SubjectRule = 'patient' | 'object' | 'relative' | 'patient-anaphora' | 'preceding' | 'topic' | 'carried';

/** Rules where the subject is what the verb acts on, not merely a name nearby. */
export const PATIENT_RULES: ReadonlySet<SubjectRule> = new Set(['patient', 'object', 'relative', 'patient-anaphora']);

export interface SubjectQuery {
  ctx: SentenceContext;
  lexicon: PredicateLexicon;
  predicate: PredicateRule;
  trigger: TriggerMatch;
  /** The object's span; it is never the subject. */
  object: LocalMention;
  /** The focus of the previous sentence of the same paragraph, for carry-over. */
  previousFocus: EntityMention | null;
}

/**
 * The entity a claim is about. Order: what the money is for (斥资…推广X), the trigger's object
 * (推出X, 上线的X), the nearest name before the trigger in its clause, the sentence's first name,
 * the previous sentence's focus. Returns null when the trigger's object is something that is not an
 * entity (推出红包功能): then no entity launched anything.
 */
export function pickSubject(q: SubjectQuery): SubjectPick | null {
  const { ctx, lexicon, predicate, trigger, object } = q;
  const { text } = ctx;
  const subjectTypes = trigger.compiled.rule.subjectTypes ?? predicate.subjectTypes;
  const allowed = (e: EntityMention) =>
    subjectTypes.includes(e.type) &&
    !overlaps(e, trigger) &&
    !overlaps(e, object) &&
    !isCitedSource(ctx, lexicon, e) &&
    !isMarkedBy(ctx, e, lexicon.agentMarkers);

  if (predicate.patientVerbs.length > 0) {
    const patient = patientOf(q, allowed);
    if (patient) return patient;
  }

  const valency = trigger.compiled.rule.valency;
  if (valency === 'transitive' || valency === 'either') {
    let pos = skipParticles(text, trigger.end, lexicon);
    // 持股21%的陌陌: the object figure sits between the verb and its noun.
    if (object.start >= pos && object.start - pos <= 1) pos = skipParticles(text, object.end, lexicon);
    if (text[pos] === '的') {
      const heads = phraseHeads(ctx, lexicon, allowed, pos + 1);
      return heads.length ? { entities: heads, rule: 'relative' } : null;
    }
    if (!isIntransitiveUse(ctx, lexicon, pos)) {
      const heads = phraseHeads(ctx, lexicon, allowed, pos);
      if (heads.length) return { entities: heads, rule: 'object' };
      // The verb has an object, and it is not a name we know: no entity is the subject.
      if (valency === 'transitive' || predicate.object === 'date') return null;
    }
  }

  const [clauseStart] = clauseAt(ctx, trigger.start);
  const before = trigger.start;
  // 2019年双十一,天猫成交额…: the event is what the figure measures, the platform only hosts it.
  if (predicate.preferTypes.length) {
    const preferred = lastBefore(ctx, lexicon, (e) => allowed(e) && predicate.preferTypes.includes(e.type), ctx.sentence.start, before);
    if (preferred) return { entities: [preferred], rule: preferred.start >= clauseStart ? 'preceding' : 'topic' };
  }
  const nearest = lastBefore(ctx, lexicon, allowed, clauseStart, before);
  if (nearest) return { entities: [nearest], rule: 'preceding' };
  // 移动互联网的用户规模: the measure belongs to something that is not an entity; nobody else's.
  if (valency === 'noun' && hasOtherPossessor(ctx, clauseStart, trigger, object)) return null;
  const topic = firstBefore(ctx, lexicon, allowed, ctx.sentence.start, before);
  if (topic && opensClause(ctx, lexicon, topic)) return { entities: [topic], rule: 'topic' };
  if (topic) return null;
  if (q.previousFocus && subjectTypes.includes(q.previousFocus.type)) {
    return { entities: [q.previousFocus], rule: 'carried' };
  }
  return null;
}

/**
 * 斥资10亿进行推广 / 花掉1000万,全力推广来往: a purpose verb after the money names what it is for.
 * Searched in the trigger's clause and the next one, and not past a new actor.
 */
function patientOf(q: SubjectQuery, allowed: (e: EntityMention) => boolean): SubjectPick | null {
  const { ctx, lexicon, predicate, trigger, object } = q;
  const { text } = ctx;
  // 向京东投资2亿美元 / 对来往投入10亿: the target stands before the verb.
  const [clauseStart] = clauseAt(ctx, trigger.start);
  const target = slice(ctx.entities, clauseStart, trigger.start).filter((e) => allowed(e) && isMarkedBy(ctx, e, lexicon.targetMarkers)).pop();
  if (target) return { entities: [target], rule: 'patient' };
  // 为了推广来往,阿里斥资10亿: the purpose stands before the money.
  for (let pos = trigger.start - 1; pos >= ctx.sentence.start; pos--) {
    const verb = wordAt(text, pos, predicate.patientVerbs);
    if (!verb || pos + verb.length > trigger.start || !wordEndingAt(text, pos, lexicon.purposeMarkers)) continue;
    const heads = phraseHeads(ctx, lexicon, allowed, skipParticles(text, pos + verb.length, lexicon));
    if (heads.length) return { entities: heads, rule: 'patient' };
  }
  const from = Math.max(trigger.end, object.end);
  const clauseIndex = ctx.clauses.findIndex(([s, e]) => from >= s && from < e);
  const windowEnd = clauseIndex >= 0 ? ctx.clauses[Math.min(clauseIndex + 1, ctx.clauses.length - 1)][1] : ctx.sentence.end;
  // A name opening a later clause is a new actor (…,腾讯则推广微信): its verbs are not about this money.
  const clauseStarts = ctx.clauses.map(([s]) => s);
  const actors = slice(ctx.entities, from, windowEnd).filter(
    (e) => lexicon.agentTypes.includes(e.type) && clauseStarts.some((s) => s <= e.start && e.start - s <= 2),
  );
  for (let pos = from; pos < windowEnd; pos++) {
    const verb = wordAt(text, pos, predicate.patientVerbs);
    if (!verb) continue;
    if (actors.some((a) => a.end <= pos)) return null;
    if (ctx.entities.some((e) => e.start < pos + verb.length && e.end > pos)) continue;
    const after = skipParticles(text, pos + verb.length, lexicon);
    const heads = phraseHeads(ctx, lexicon, allowed, after);
    if (heads.length) return { entities: heads, rule: 'patient' };
    if (isIntransitiveUse(ctx, lexicon, after)) {
      const focus = anaphoraTarget(q, allowed);
      return focus ? { entities: [focus], rule: 'patient-anaphora' } : null;
    }
    return null;
  }
  return null;
}

/**
 * 进行推广 with nothing after it: the product or event last acted on before the money, i.e. named
 * after an actor in its clause (阿里推出来往, …进行推广), not one merely mentioned (面对…的抖音).
 */
function anaphoraTarget(q: SubjectQuery, allowed: (e: EntityMention) => boolean): EntityMention | null {
  const { ctx, lexicon, trigger, previousFocus } = q;
  const thing = (e: EntityMention) => allowed(e) && (e.type === 'product' || e.type === 'event');
  const actedOn = (e: EntityMention) => {
    const [clauseStart] = clauseAt(ctx, e.start);
    return slice(ctx.entities, clauseStart, e.start).some((a) => lexicon.agentTypes.includes(a.type));
  };
  const inSentence = slice(ctx.entities, ctx.sentence.start, trigger.start).filter((e) => thing(e) && actedOn(e)).pop();
  if (inSentence) return inSentence;
  return previousFocus && thing(previousFocus) ? previousFocus : null;
}

/**
 * The sentence's first name is its topic only when it opens a clause (而来往虽然…, 2015年,钉钉…),
 * not when it sits inside a phrase (作为腾讯独立于…的产品).
 */
function opensClause(ctx: SentenceContext, lexicon: PredicateLexicon, e: EntityMention): boolean {
  const [clauseStart] = clauseAt(ctx, e.start);
  let lead = '';
  let at = clauseStart;
  for (const date of slice(ctx.dates, clauseStart, e.start)) {
    lead += ctx.text.slice(at, date.start);
    at = date.end;
  }
  lead = (lead + ctx.text.slice(at, e.start)).replace(/[\s\p{P}]/gu, '');
  for (;;) {
    const word = wordAt(lead, 0, lexicon.timeClauseWords);
    if (!word) break;
    lead = lead.slice(word.length);
  }
  return lead.length <= 1;
}

/** After the verb, the phrase ends at a break or the clause end: the verb is used without object. */
function isIntransitiveUse(ctx: SentenceContext, lexicon: PredicateLexicon, pos: number): boolean {
  const { text } = ctx;
  if (pos >= ctx.sentence.end) return true;
  const ch = text[pos];
  if (isClauseBreak(ch) || isClosingQuote(ch) || /\s/u.test(ch)) return true;
  return wordAt(text, pos, lexicon.intransitiveFollowers) !== null;
}

/**
 * Entities heading the noun phrase that starts at `from`: the first allowed one that is not a
 * modifier (基于淘宝的淘江湖: 淘宝 modifies), plus those coordinated with it (X和Y、Z).
 */
export function phraseHeads(
  ctx: SentenceContext,
  lexicon: PredicateLexicon,
  allowed: (e: EntityMention) => boolean,
  from: number,
): EntityMention[] {
  const { text } = ctx;
  const [, clauseEnd] = clauseAt(ctx, from);
  const limit = Math.min(clauseEnd, from + 24, phraseStop(ctx, lexicon, from, clauseEnd));
  const candidates = slice(ctx.entities, from, limit);
  for (const entity of candidates) {
    if (!allowed(entity)) continue;
    const after = skipClosing(text, entity.end);
    if (wordAt(text, after, lexicon.modifierLinks)) continue;
    // 微信小程序: a name right before a noun modifies it, unless the noun only names the category (“集福”活动).
    const next = ctx.tokens.find((t) => t.start === after);
    if (next && lexicon.modifiedTags.includes(next.tag) && !wordAt(text, after, lexicon.categoryNouns) && !overlapsName(ctx, next)) continue;
    const heads = [entity];
    let pos = after;
    for (;;) {
      const link = wordAt(text, pos, lexicon.coordinators);
      if (!link) break;
      let next = pos + link.length;
      while (isOpeningQuote(text[next])) next++;
      const coordinated = slice(ctx.entities, next, ctx.sentence.end).find((e) => e.start === next);
      if (!coordinated || !allowed(coordinated)) break;
      heads.push(coordinated);
      pos = skipClosing(text, coordinated.end);
    }
    return heads;
  }
  return [];
}

/** Where a noun phrase ends: the first preposition, adverb or linking verb after some content. */
function phraseStop(ctx: SentenceContext, lexicon: PredicateLexicon, from: number, to: number): number {
  let seenContent = false;
  for (const token of slice(ctx.tokens, from, to)) {
    const inName = ctx.entities.some((e) => overlaps(e, token));
    if (inName) {
      seenContent = true;
      continue;
    }
    const stops =
      (lexicon.phraseStops.tags.includes(token.tag) && !lexicon.coordinators.includes(token.text)) ||
      lexicon.phraseStops.words.includes(token.text);
    if (stops && seenContent) return token.start;
    if (token.tag.startsWith('n')) seenContent = true;
  }
  return to;
}

function skipClosing(text: string, at: number): number {
  let pos = at;
  while (isClosingQuote(text[pos])) pos++;
  return pos;
}

function overlapsName(ctx: SentenceContext, span: LocalMention): boolean {
  return ctx.entities.some((e) => overlaps(e, span));
}

/** The name is introduced by one of `markers` (由腾讯, 向京东), quotes aside. */
function isMarkedBy(ctx: SentenceContext, e: EntityMention, markers: readonly string[]): boolean {
  let at = e.start;
  while (isOpeningQuote(ctx.text[at - 1])) at--;
  return wordEndingAt(ctx.text, at, markers) !== null;
}

/** A name cited as the source of data (据QuestMobile数据显示) rather than spoken about. */
function isCitedSource(ctx: SentenceContext, lexicon: PredicateLexicon, e: EntityMention): boolean {
  const { text } = ctx;
  let before = e.start;
  while (isOpeningQuote(text[before - 1])) before--;
  if (wordEndingAt(text, before, lexicon.attribution.before)) return true;
  return wordAt(text, skipClosing(text, e.end), lexicon.attribution.after) !== null;
}

/** The measure noun is owned (X的…用户规模) by a phrase that is no entity and not the figure. */
function hasOtherPossessor(ctx: SentenceContext, clauseStart: number, trigger: TriggerMatch, object: LocalMention): boolean {
  const { text } = ctx;
  for (let p = trigger.start - 1; p >= Math.max(clauseStart, trigger.start - 5); p--) {
    const ch = text[p];
    if (isClauseBreak(ch)) return false;
    if (ch !== '的') continue;
    if (object.end === p) return false;
    return !ctx.entities.some((e) => skipClosing(text, e.end) === p);
  }
  return false;
}

/** Names preceded by a comparison word (反超微信, 比腾讯) are not what the sentence is about. */
function isCompared(ctx: SentenceContext, lexicon: PredicateLexicon, e: EntityMention): boolean {
  let at = e.start;
  while (isOpeningQuote(ctx.text[at - 1])) at--;
  return wordEndingAt(ctx.text, at, lexicon.comparisonMarkers) !== null;
}

/** Entities in [from, to) that `allowed` accepts and that are not compared against (反超微信). */
function candidatesIn(
  ctx: SentenceContext,
  lexicon: PredicateLexicon,
  allowed: (e: EntityMention) => boolean,
  from: number,
  to: number,
): EntityMention[] {
  return slice(ctx.entities, from, to).filter((e) => allowed(e) && !isCompared(ctx, lexicon, e));
}

function lastBefore(ctx: SentenceContext, lexicon: PredicateLexicon, allowed: (e: EntityMention) => boolean, from: number, to: number): EntityMention | null {
  return candidatesIn(ctx, lexicon, allowed, from, to).pop() ?? null;
}

function firstBefore(ctx: SentenceContext, lexicon: PredicateLexicon, allowed: (e: EntityMention) => boolean, from: number, to: number): EntityMention | null {
  return candidatesIn(ctx, lexicon, allowed, from, to)[0] ?? null;
}

/** Who acts: the nearest organization or person before the trigger in the sentence, other than the subject. */
export function pickAgent(ctx: SentenceContext, lexicon: PredicateLexicon, trigger: TriggerMatch, subject: string): string | null {
  const found = slice(ctx.entities, ctx.sentence.start, trigger.start).filter(
    (e) => lexicon.agentTypes.includes(e.type) && e.entity !== subject && !isCompared(ctx, lexicon, e),
  );
  return found.pop()?.entity ?? null;
}
