import { createHash } from 'node:crypto';
import type { DateMention, EntityMention, FigureMention, LocalMention, Span, Token } from '../types.ts';
import { byPosition, clauseAt, clausesOf, slice, type SentenceContext, wordEndingAt } from './context.ts';
import { defaultPredicateLexicon, type PredicateLexicon, type PredicateRule } from './lexicon.ts';
import { dateValueOf, figureCandidates, pickEventDate, pickNewName, pickWhen, type FigureCandidate } from './objects.ts';
import { PATIENT_RULES, pickAgent, pickSubject, type SubjectRule } from './subject.ts';
import { compileTriggers, findTriggers, type TriggerIndex, type TriggerMatch } from './triggers.ts';
import type { ClaimObject, ClaimRow, LocalClaim } from './types.ts';

export type { ClaimObject, ClaimRow, DateObject, EntityObject, FigureObject, LocalClaim } from './types.ts';

export interface ClaimInput {
  articleId: string;
  text: string;
  sentences: LocalMention[];
  dates: DateMention[];
  figures: FigureMention[];
  entities: EntityMention[];
  tokens: Token[];
}

/** Maps local Simplified offsets to a span of the raw file (one per article, from the pipeline). */
export type SpanMapper = (start: number, end: number) => Span;

const SUBJECT_PENALTY: Record<SubjectRule, number> = {
  patient: 0,
  object: 0,
  relative: 0,
  preceding: 0,
  'patient-anaphora': 0.1,
  topic: 0.15,
  carried: 0.25,
};

/** Without the thing the money was for, a spend is not comparable with other spends. */
const NO_PATIENT_CEILING = 0.4;

const compiledCache = new WeakMap<PredicateLexicon, TriggerIndex>();

function compiledFor(lexicon: PredicateLexicon): TriggerIndex {
  let compiled = compiledCache.get(lexicon);
  if (!compiled) {
    compiled = compileTriggers(lexicon);
    compiledCache.set(lexicon, compiled);
  }
  return compiled;
}

interface ObjectFound {
  trigger: TriggerMatch;
  object: ClaimObject;
  evidence: LocalMention;
  when: LocalClaim['when'];
  rule: string;
  /** Confidence lost to how loosely the object was attached. */
  penalty: number;
}

/** Extract the claims of one article. Offsets are local to `input.text`. */
export function extractClaims(input: ClaimInput, lexicon: PredicateLexicon = defaultPredicateLexicon()): LocalClaim[] {
  const { text } = input;
  const entities = [...input.entities].sort(byPosition);
  const dates = [...input.dates].sort(byPosition);
  const figures = [...input.figures].sort(byPosition);
  const tokens = [...input.tokens].sort(byPosition);
  const sentences = [...input.sentences].sort(byPosition);
  const triggers = compiledFor(lexicon);
  const claims: LocalClaim[] = [];
  let previousFocus: EntityMention | null = null;
  let previousEnd = -1;

  sentences.forEach((sentence, index) => {
    const ctx: SentenceContext = {
      text,
      index,
      sentence,
      clauses: clausesOf(text, sentence),
      entities: slice(entities, sentence.start, sentence.end),
      dates: slice(dates, sentence.start, sentence.end),
      figures: slice(figures, sentence.start, sentence.end),
      tokens: slice(tokens, sentence.start, sentence.end),
    };
    // Carry-over stays within a paragraph.
    if (previousEnd >= 0 && text.slice(previousEnd, sentence.start).includes('\n')) previousFocus = null;
    const found = findTriggers(ctx, triggers).filter((t) => !isNegated(text, t, lexicon));
    const sentenceClaims: LocalClaim[] = [];
    for (const item of objectsOf(ctx, lexicon, found)) {
      sentenceClaims.push(...claimsFor(ctx, lexicon, item, previousFocus));
    }
    claims.push(...sentenceClaims);
    const lastSubject = sentenceClaims.at(-1)?.subjectEvidence;
    const focusEntity = lastSubject
      ? ctx.entities.find((e) => e.start === lastSubject.start && e.end === lastSubject.end) ?? previousFocus
      : ctx.entities.find((e) => e.type === 'product' || e.type === 'organization' || e.type === 'event');
    if (focusEntity) previousFocus = focusEntity;
    previousEnd = sentence.end;
  });
  return dedupe(claims);
}

function isNegated(text: string, trigger: TriggerMatch, lexicon: PredicateLexicon): boolean {
  for (let back = 0; back <= 2; back++) {
    const at = trigger.start - back;
    const word = wordEndingAt(text, at, lexicon.negations);
    // 未来 / 未必 / 未知 are not negations.
    if (word && !(word === '未' && /[来必知免]/u.test(text[at] ?? ''))) return true;
  }
  return false;
}

/** Find every trigger's object. A figure belongs to the closest trigger that can take it. */
function objectsOf(ctx: SentenceContext, lexicon: PredicateLexicon, triggers: TriggerMatch[]): ObjectFound[] {
  const out: ObjectFound[] = [];
  const candidates: FigureCandidate[] = [];
  for (const trigger of triggers) {
    const predicate = trigger.compiled.predicate;
    if (predicate.object === 'figure') {
      candidates.push(...figureCandidates(ctx, lexicon, trigger));
    } else if (predicate.object === 'date') {
      const pick = pickEventDate(ctx, lexicon, trigger);
      if (!pick) continue;
      const { date } = pick;
      const value = dateValueOf(date);
      out.push({
        trigger,
        object: { type: 'date', start: value.start, end: value.end, granularity: value.granularity, basis: date.basis },
        evidence: date,
        when: value,
        rule: pick.rule,
        penalty: date.approx ? 0.05 : 0,
      });
    } else {
      const pick = pickNewName(ctx, lexicon, trigger);
      if (!pick) continue;
      const when = pickWhen(ctx, lexicon, trigger, pick.evidence);
      out.push({
        trigger,
        object: { type: 'entity', name: pick.name },
        evidence: pick.evidence,
        when: when ? dateValueOf(when) : null,
        rule: pick.rule,
        penalty: pick.entity ? 0 : 0.1,
      });
    }
  }
  candidates.sort((a, b) => a.gap - b.gap || (a.side === b.side ? 0 : a.side === 'after' ? -1 : 1) || a.trigger.start - b.trigger.start);
  const usedFigures = new Set<FigureMention>();
  const usedTriggers = new Set<TriggerMatch>();
  for (const candidate of candidates) {
    if (usedFigures.has(candidate.figure) || usedTriggers.has(candidate.trigger)) continue;
    usedFigures.add(candidate.figure);
    usedTriggers.add(candidate.trigger);
    const { figure, trigger } = candidate;
    const when = pickWhen(ctx, lexicon, trigger, figure);
    const moneyPredicate = trigger.compiled.predicate.figureKinds.includes('money');
    out.push({
      trigger,
      object: {
        type: 'figure',
        kind: figure.kind === 'number' && moneyPredicate ? 'money' : figure.kind,
        value: figure.value,
        max: figure.max,
        approx: figure.approx,
        currency: figure.currency,
        unit: figure.unit,
      },
      evidence: figure,
      when: when ? dateValueOf(when) : null,
      rule: `figure-${candidate.side}`,
      penalty: (figure.kind === 'number' && moneyPredicate ? 0.1 : 0) + (candidate.gap > 4 ? 0.05 : 0),
    });
  }
  return out.sort((a, b) => a.trigger.start - b.trigger.start || a.evidence.start - b.evidence.start);
}

function claimsFor(ctx: SentenceContext, lexicon: PredicateLexicon, found: ObjectFound, previousFocus: EntityMention | null): LocalClaim[] {
  const { trigger } = found;
  const predicate = trigger.compiled.predicate;
  const subject = pickSubject({ ctx, lexicon, predicate, trigger, object: found.evidence, previousFocus });
  if (!subject) return [];
  const name = predicateName(ctx.text, trigger, predicate);
  const claims: LocalClaim[] = [];
  for (const entity of subject.entities) {
    if (found.object.type === 'entity' && found.object.name === entity.text) continue;
    let confidence = predicate.confidence - SUBJECT_PENALTY[subject.rule] - found.penalty - contextPenalty(ctx, lexicon, trigger, predicate);
    if (entity.discovered) confidence -= 0.05;
    let rule = `${name}:${trigger.text}:${subject.rule}:${found.rule}`;
    if (predicate.requiresPatient && !PATIENT_RULES.has(subject.rule)) {
      confidence = Math.min(confidence, NO_PATIENT_CEILING);
      rule += ':no-patient';
    }
    claims.push({
      predicate: name,
      subject: entity.entity,
      subjectType: entity.type,
      subjectDiscovered: entity.discovered,
      agent: predicate.agent ? pickAgent(ctx, lexicon, trigger, entity.entity) : null,
      object: found.object,
      when: found.when,
      sentence: ctx.sentence,
      subjectEvidence: { start: entity.start, end: entity.end, text: entity.text },
      trigger: { start: trigger.start, end: trigger.end, text: trigger.text },
      evidence: { start: found.evidence.start, end: found.evidence.end, text: found.evidence.text },
      confidence: Math.round(Math.max(0, Math.min(1, confidence)) * 100) / 100,
      rule,
    });
  }
  return claims;
}

/** 日均下载量 measures something else than 下载量: the qualifier becomes part of the predicate. */
function predicateName(text: string, trigger: TriggerMatch, predicate: PredicateRule): string {
  const qualifier = wordEndingAt(text, trigger.start, Object.keys(predicate.qualifiers));
  return qualifier ? `${predicate.name}-${predicate.qualifiers[qualifier]}` : predicate.name;
}

/** Hedged (据传, 如果) or planned (计划, 预计) statements are weaker evidence. */
function contextPenalty(ctx: SentenceContext, lexicon: PredicateLexicon, trigger: TriggerMatch, predicate: PredicateRule): number {
  const [clauseStart] = clauseAt(ctx, trigger.start);
  const clauseBefore = ctx.text.slice(clauseStart, trigger.start);
  let penalty = 0;
  if (lexicon.hedges.some((h) => clauseBefore.includes(h))) penalty += 0.2;
  if (lexicon.plans.some((p) => clauseBefore.includes(p))) penalty += predicate.object === 'date' ? 0.4 : 0.1;
  // A repeated event (再次上线, 追加投资) would be compared with the first one as if it were the same.
  // One-character markers (又, 再) only count right before the verb: elsewhere they are parts of words.
  const repeated = lexicon.repeatMarkers.some((r) =>
    r.length > 1 ? clauseBefore.includes(r) : clauseBefore.endsWith(r) || clauseBefore.slice(0, -1).endsWith(r),
  );
  if (!predicate.timeSensitive && repeated) penalty += 0.4;
  // 在美国上线: a launch in one market, not the launch.
  if (predicate.object === 'date' && slice(ctx.entities, clauseStart, trigger.start).some((e) => e.type === 'place')) penalty += 0.4;
  return penalty;
}

/** One claim per (predicate, subject, object span): the most confident. */
function dedupe(claims: LocalClaim[]): LocalClaim[] {
  const best = new Map<string, LocalClaim>();
  for (const claim of claims) {
    const key = `${claim.predicate}\u0000${claim.subject}\u0000${claim.evidence.start}\u0000${claim.evidence.end}`;
    const seen = best.get(key);
    if (!seen || claim.confidence > seen.confidence) best.set(key, claim);
  }
  return [...best.values()].sort((a, b) => a.sentence.start - b.sentence.start || a.trigger.start - b.trigger.start || a.evidence.start - b.evidence.start);
}

/** Stable id: the same claim gets the same id on every run. */
export function claimId(articleId: string, predicate: string, subject: string, evidenceStart: number, evidenceEnd: number): string {
  return createHash('sha256').update(`${articleId}\u0000${predicate}\u0000${subject}\u0000${evidenceStart}\u0000${evidenceEnd}`).digest('hex').slice(0, 16);
}

/** Rows of output/claims: sentence and object spans mapped to the raw file. */
export function toClaimRows(articleId: string, claims: LocalClaim[], map: SpanMapper): ClaimRow[] {
  const rows = new Map<string, ClaimRow>();
  for (const claim of claims) {
    const sentence = map(claim.sentence.start, claim.sentence.end);
    const evidence = map(claim.evidence.start, claim.evidence.end);
    const id = claimId(articleId, claim.predicate, claim.subject, evidence.start, evidence.end);
    if (rows.has(id)) continue;
    rows.set(id, {
      id,
      article: articleId,
      subject: claim.subject,
      predicate: claim.predicate,
      object: claim.object,
      when: claim.when,
      agent: claim.agent,
      sentence: claim.sentence.text,
      original: sentence.original,
      start: sentence.start,
      end: sentence.end,
      evidence,
      confidence: claim.confidence,
      rule: claim.rule,
    });
  }
  return [...rows.values()];
}
