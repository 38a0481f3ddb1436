import type { Script } from '../document.ts';
import type { DateValue, EntityType, FigureKind, Approximation, DateBasis } from '../types.ts';
import type { ClaimRow } from '../claims/extract.ts';

/** One row of output/articles.{csv,json}. */
export interface ArticleRow {
  id: string;
  file: string;
  title: string | null;
  source: string | null;
  published: string | null;
  author: string | null;
  script: Script | null;
  encoding: string | null;
  chars: number;
  sha256: string;
  status: 'ok' | 'error';
  error: string | null;
}

interface MentionRowBase {
  article: string;
  text: string;
  original: string;
  start: number;
  end: number;
  /** The Simplified sentence the mention stands in. */
  sentence: string;
}

export interface DateRow extends MentionRowBase {
  value: DateValue;
  approx: boolean;
  basis: DateBasis;
  implied: string[];
  rule: string;
}

export interface FigureRow extends MentionRowBase {
  kind: FigureKind;
  value: number;
  max: number | null;
  approx: Approximation;
  currency: string | null;
  currencyInferred: boolean;
  unit: string | null;
  rule: string;
}

export interface EntityRow extends MentionRowBase {
  entity: string;
  type: EntityType;
  discovered: boolean;
  rule: string;
}

/** Everything the per-article stages produce for one article: plain data, safe to send between processes. */
export interface ArticleResult {
  article: ArticleRow;
  dates: DateRow[];
  figures: FigureRow[];
  entities: EntityRow[];
  claims: ClaimRow[];
  /** jieba token texts of the body, for near-duplicate detection. */
  tokens: string[];
  /** Milliseconds per stage. */
  timings: Record<string, number>;
}
