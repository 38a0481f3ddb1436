import type { Approximation, DateBasis, DateValue, EntityType, FigureKind, Granularity, LocalMention, Span } from '../types.ts';

export interface DateObject {
  type: 'date';
  start: string;
  end: string | null;
  granularity: Granularity;
  basis: DateBasis;
}

export interface FigureObject {
  type: 'figure';
  kind: FigureKind;
  value: number;
  max: number | null;
  approx: Approximation;
  currency: string | null;
  unit: string | null;
}

export interface EntityObject {
  type: 'entity';
  /** The name as written (Simplified), e.g. the new name after 更名为. */
  name: string;
}

export type ClaimObject = DateObject | FigureObject | EntityObject;

/** A claim with offsets into the article's Simplified text. */
export interface LocalClaim {
  predicate: string;
  /** Canonical name of the subject entity. */
  subject: string;
  subjectType: EntityType;
  subjectDiscovered: boolean;
  /** Who acts (the buyer of a stake, the spender), when the predicate records one. */
  agent: string | null;
  object: ClaimObject;
  /** Time qualifier; for date objects, the date itself. */
  when: DateValue | null;
  sentence: LocalMention;
  subjectEvidence: LocalMention;
  trigger: LocalMention;
  /** The object's span. */
  evidence: LocalMention;
  confidence: number;
  rule: string;
}

/** One row of output/claims.{csv,json}: spans mapped to the raw file. */
export interface ClaimRow {
  /** Stable across reruns: a hash of article, predicate, subject and the object's raw offsets. */
  id: string;
  article: string;
  subject: string;
  predicate: string;
  object: ClaimObject;
  when: DateValue | null;
  agent: string | null;
  /** The sentence in Simplified. */
  sentence: string;
  /** The sentence as written: `raw.slice(start, end)`. */
  original: string;
  start: number;
  end: number;
  evidence: Span;
  confidence: number;
  rule: string;
}
