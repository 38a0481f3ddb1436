/** Hand-made claim rows and articles for reconciliation tests. */
import { claimId } from '../../src/claims/extract.ts';
import type { ClaimObject, ClaimRow, DateObject, FigureObject } from '../../src/claims/types.ts';
import type { ArticleInfo } from '../../src/reconcile/reconcile.ts';
import type { DateValue, Granularity } from '../../src/types.ts';

let position = 0;

export function date(start: string, granularity: Granularity, basis: DateObject['basis'] = 'explicit'): DateObject {
  return { type: 'date', start, end: null, granularity, basis };
}

export function money(value: number, currency: string | null, approx: FigureObject['approx'] = 'exact', max: number | null = null): FigureObject {
  return { type: 'figure', kind: 'money', value, max, approx, currency, unit: null };
}

export function count(value: number, unit: string | null, approx: FigureObject['approx'] = 'exact', kind: FigureObject['kind'] = 'count'): FigureObject {
  return { type: 'figure', kind, value, max: null, approx, currency: null, unit };
}

export function year(y: string): DateValue {
  return { start: y, end: null, granularity: 'year' };
}

export interface RowSpec {
  article: string;
  subject: string;
  predicate: string;
  object: ClaimObject;
  when?: DateValue | null;
  agent?: string | null;
  confidence?: number;
  /** The sentence as written; Simplified defaults to the same. */
  original?: string;
  sentence?: string;
  evidence?: string;
}

/** A claim row whose sentence sits at a fresh position, with the evidence inside it. */
export function row(spec: RowSpec): ClaimRow {
  const original = spec.original ?? `${spec.subject}${spec.predicate}`;
  const sentence = spec.sentence ?? original;
  const start = (position += 1000);
  const evidenceText = spec.evidence ?? original;
  const offset = Math.max(0, original.indexOf(evidenceText));
  const evidence = { start: start + offset, end: start + offset + evidenceText.length, text: sentence.slice(offset, offset + evidenceText.length), original: evidenceText };
  const when = spec.when !== undefined ? spec.when : spec.object.type === 'date' ? { start: spec.object.start, end: spec.object.end, granularity: spec.object.granularity } : null;
  return {
    id: claimId(spec.article, spec.predicate, spec.subject, evidence.start, evidence.end),
    article: spec.article,
    subject: spec.subject,
    predicate: spec.predicate,
    object: spec.object,
    when,
    agent: spec.agent ?? null,
    sentence,
    original,
    start,
    end: start + original.length,
    evidence,
    confidence: spec.confidence ?? 0.85,
    rule: 'test',
  };
}

/** Distinct filler tokens per article, so no two articles look alike unless a test makes them. */
export function tokensFor(seed: string, length = 200): string[] {
  let h = 0x811c9dc5;
  for (const ch of seed) h = Math.imul(h ^ ch.charCodeAt(0), 0x01000193) >>> 0;
  const tokens: string[] = [];
  for (let i = 0; i < length; i++) {
    // Each token hashes (seed, position): sequences of different seeds never fall into step.
    let x = (h ^ Math.imul(i + 1, 0x9e3779b1)) >>> 0;
    x = Math.imul(x ^ (x >>> 16), 0x85ebca6b) >>> 0;
    x = Math.imul(x ^ (x >>> 13), 0xc2b2ae35) >>> 0;
    tokens.push(`词${(x ^ (x >>> 16)) % 20000}`);
  }
  return tokens;
}

export function article(id: string, options: Partial<ArticleInfo> = {}): ArticleInfo {
  return { id, title: options.title ?? `Title ${id}`, source: options.source ?? null, published: options.published ?? null, tokens: options.tokens ?? tokensFor(id) };
}
