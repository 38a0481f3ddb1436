/**
 * Status, preferred claim and a plain-words reason for one group of claims about one fact.
 * Repeated statements of a value collapse first, so comparisons are between distinct values only.
 */
import type { ClaimObject } from '../claims/types.ts';
import type { DateValue } from '../types.ts';
import { formatDate, formatObject, plural, precisionWord } from './format.ts';
import type { ClaimGroup, Prepared } from './group.ts';
import type { ReconcileOptions } from './options.ts';
import { basisRank, coarser, compatible, specificity, valueKey } from './values.ts';

export type Status = 'single' | 'agree' | 'conflict';

/** One row of output/conflicts.{csv,json}. */
export interface ConflictRow {
  subject: string;
  predicate: string;
  when: DateValue | null;
  status: Status;
  /** Ids of the claims of the group, by article then position. */
  claims: string[];
  /** Distinct values, each with how many independent sources state it. */
  values: string[];
  articles: string[];
  /** Id of the claim to trust, when one can be argued; else null. */
  preferred: string | null;
  reason: string;
}

interface Value {
  object: ClaimObject;
  text: string;
  members: Prepared[];
  sources: Set<string>;
  /** The member that best represents the value. */
  best: Prepared;
}

interface Score {
  support: number;
  basis: number;
  specificity: number;
  weight: number;
}

const BASIS_WORD = ['inferred from the publication date', 'completed from context', 'stated in full'];

function compareIds(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function collapse(members: Prepared[]): Value[] {
  const byValue = new Map<string, Prepared[]>();
  for (const m of members) {
    const key = valueKey(m.claim.object);
    let list = byValue.get(key);
    if (!list) byValue.set(key, (list = []));
    list.push(m);
  }
  const values: Value[] = [];
  // The best member: the first under this order (a scan, not a sort: values can have thousands).
  const better = (a: Prepared, b: Prepared) =>
    basisRank(b.claim.object) - basisRank(a.claim.object) || b.claim.confidence - a.claim.confidence || compareIds(a.claim.id, b.claim.id);
  for (const list of byValue.values()) {
    let best = list[0];
    for (const m of list) if (better(m, best) < 0) best = m;
    values.push({ object: best.claim.object, text: formatObject(best.claim.object), members: list, sources: new Set(list.map((m) => m.source)), best });
  }
  return values.sort((a, b) => b.sources.size - a.sources.size || compareIds(a.text, b.text));
}

function score(value: Value, values: Value[], options: ReconcileOptions): Score {
  const supporters = new Set<string>();
  for (const other of values) if (other === value || compatible(value.object, other.object, options)) for (const s of other.sources) supporters.add(s);
  const weights = new Map<string, number>();
  for (const m of value.members) weights.set(m.source, m.weight);
  return {
    support: supporters.size,
    basis: Math.max(...value.members.map((m) => basisRank(m.claim.object))),
    specificity: specificity(value.object, options),
    weight: [...weights.values()].reduce((a, b) => a + b, 0),
  };
}

function sourceCount(value: Value): string {
  return plural(value.sources.size, 'article');
}

/** "1 article states X" / "2 independent articles state X". */
function states(value: Value): string {
  const n = value.sources.size;
  return n === 1 ? `1 article states ${value.text}` : `${n} independent articles state ${value.text}`;
}

export function decide(group: ClaimGroup, options: ReconcileOptions): ConflictRow {
  const members = [...group.members].sort(
    (a, b) => compareIds(a.claim.article, b.claim.article) || a.claim.start - b.claim.start || compareIds(a.claim.id, b.claim.id),
  );
  const values = collapse(members);
  const allSources = new Set(members.map((m) => m.source));
  const articles = [...new Set(members.map((m) => m.claim.article))].sort(compareIds);
  const copies = articles.length - allSources.size;
  const base = {
    subject: group.subject,
    predicate: group.predicate,
    when: group.when,
    claims: members.map((m) => m.claim.id),
    values: values.map((v) => `${v.text} (${sourceCount(v)})`),
    articles,
  };
  const notes: string[] = [];
  if (group.agent) notes.push(`Agent: ${group.agent}.`);
  if (copies > 0) notes.push(`${plural(copies, 'copy', 'copies')} of republished articles counted once.`);
  if (group.whenFromPublication && group.when) notes.push(`No date in the text; grouped by publication date ${formatDate(group.when)}.`);
  const withNotes = (reason: string) => [reason, ...notes].join(' ');

  if (allSources.size === 1) {
    const best = pickMostSpecific(values, options);
    const reason =
      values.length === 1
        ? `Only one source states ${values[0].text}.`
        : `Only one source, which states ${values.map((v) => v.text).join(' and ')}; values within one source are not compared.`;
    return { ...base, status: 'single', preferred: best.best.claim.id, reason: withNotes(reason) };
  }

  const clash = findClash(values, options);
  if (!clash) {
    const best = pickMostSpecific(values, options);
    const others = values.filter((v) => v !== best);
    let reason = states(best);
    if (others.length) {
      reason += `; ${others.map(states).join('; ')}, which ${others.length === 1 ? 'agrees' : 'agree'} ${agreementWords(best.object, others.map((o) => o.object), options)}`;
    }
    return { ...base, status: 'agree', preferred: best.best.claim.id, reason: withNotes(`${reason}.`) };
  }

  const scored = values.map((v) => ({ value: v, score: score(v, values, options) }));
  scored.sort((a, b) => compareScores(b.score, a.score) || compareIds(a.value.best.claim.id, b.value.best.claim.id));
  const top = scored[0];
  // The strongest value that disagrees with the top one decides whether the top can be argued.
  const rival = scored.find((s) => s !== top && !compatible(top.value.object, s.value.object, options)) ?? scored[1];
  const statement = values.map(states).join('; ');
  const difference = differenceWords(clash[0].object, clash[1].object, options);
  const because = preferenceWords(top.score, rival.score);
  const reason = because
    ? `${statement}; ${difference}. Preferred ${top.value.text}: ${because}.`
    : `${statement}; ${difference}. Neither can be preferred: same number of independent sources, same kind of evidence.`;
  return { ...base, status: 'conflict', preferred: because ? top.value.best.claim.id : null, reason: withNotes(reason) };
}

/** Two values that disagree and come from different sources, or null. */
function findClash(values: Value[], options: ReconcileOptions): [Value, Value] | null {
  for (let i = 0; i < values.length; i++) {
    for (let j = i + 1; j < values.length; j++) {
      const a = values[i];
      const b = values[j];
      if (compatible(a.object, b.object, options)) continue;
      const independent = [...a.sources].some((s) => [...b.sources].some((t) => s !== t));
      if (independent) return [a, b];
    }
  }
  return null;
}

function pickMostSpecific(values: Value[], options: ReconcileOptions): Value {
  return [...values].sort(
    (a, b) =>
      specificity(b.object, options) - specificity(a.object, options) ||
      basisRank(b.object) - basisRank(a.object) ||
      b.sources.size - a.sources.size ||
      compareIds(a.best.claim.id, b.best.claim.id),
  )[0];
}

function compareScores(a: Score, b: Score): number {
  return a.support - b.support || a.basis - b.basis || a.specificity - b.specificity || a.weight - b.weight;
}

function preferenceWords(top: Score, rival: Score): string | null {
  if (top.support !== rival.support) return `stated by more independent sources (${top.support} against ${rival.support})`;
  if (top.basis !== rival.basis) return `a date ${BASIS_WORD[top.basis]}, against one ${BASIS_WORD[rival.basis]}`;
  if (top.specificity !== rival.specificity) return 'the more specific value, each side having as many independent sources';
  if (top.weight !== rival.weight) return `its sources weigh more (${top.weight} against ${rival.weight})`;
  return null;
}

function agreementWords(best: ClaimObject, others: ClaimObject[], options: ReconcileOptions): string {
  if (best.type === 'date') {
    let granularity = best.granularity;
    for (const o of others) if (o.type === 'date') granularity = coarser(granularity, o.granularity);
    return `at ${precisionWord(granularity)} precision`;
  }
  if (best.type === 'figure') {
    const approximate = others.some((o) => o.type === 'figure' && o.approx !== 'exact') || best.approx !== 'exact';
    return approximate ? `once approximation is allowed for (tolerance ${percent(options.relativeTolerance)})` : `within the ${percent(options.relativeTolerance)} tolerance`;
  }
  return 'on the name';
}

function differenceWords(a: ClaimObject, b: ClaimObject, options: ReconcileOptions): string {
  if (a.type === 'date') return 'these dates do not overlap';
  if (a.type === 'figure' && b.type === 'figure') return `these amounts differ by more than the ${percent(options.relativeTolerance)} tolerance`;
  return 'these names differ';
}

function percent(fraction: number): string {
  return `${Math.round(fraction * 1000) / 10}%`;
}
