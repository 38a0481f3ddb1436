import { defaultPredicateLexicon, predicateRule, type PredicateLexicon } from '../claims/lexicon.ts';
import type { ClaimRow } from '../claims/types.ts';
import type { DateValue } from '../types.ts';
import { decide, type ConflictRow } from './decide.ts';
import { findDuplicates } from './duplicates.ts';
import { groupClaims, type Prepared } from './group.ts';
import type { ReconcileOptions } from './options.ts';

export { defaultReconcileOptions, ReconcileOptionsSchema, type ReconcileOptions, type ReconcileOptionsInput } from './options.ts';
export type { ConflictRow, Status } from './decide.ts';
export { renderReport } from './report.ts';
export { articleSignature } from './duplicates.ts';

export interface ArticleInfo {
  id: string;
  title: string | null;
  source: string | null;
  /** Publication date, YYYY-MM-DD. */
  published: string | null;
  /** jieba token texts of the body, for near-duplicate detection. */
  tokens: string[];
  /**
   * Optional precomputed `articleSignature(tokens)`: reruns can store it per article and pass it
   * with empty `tokens`, so reconciliation does not rehash every article.
   */
  signature?: number[] | null;
}

export interface ReconcileResult {
  /** One row per fact, sorted by subject, predicate and time. */
  groups: ConflictRow[];
  /** Article id → the representative of its copies, for articles that are copies of another. */
  duplicateOf: Record<string, string>;
}

/**
 * Reconcile the claims of every article: group statements of one fact, count copies of an article
 * once, and decide for each group whether its sources agree. Linear in the number of claims, apart
 * from sorting and comparing the distinct values of one fact.
 */
export function reconcile(
  claims: ClaimRow[],
  articles: ArticleInfo[],
  options: ReconcileOptions,
  lexicon: PredicateLexicon = defaultPredicateLexicon(),
): ReconcileResult {
  const duplicateOf = findDuplicates(articles, options.duplicateThreshold);
  const articleById = new Map(articles.map((a) => [a.id, a]));
  const prepared: Prepared[] = [];
  for (const claim of claims) {
    if (claim.confidence < options.minConfidence) continue;
    const article = articleById.get(claim.article);
    const weight = (article?.source ? options.sourceWeights[article.source] : undefined) ?? options.sourceWeights[claim.article] ?? 1;
    let when: DateValue | null = claim.when;
    let whenFromPublication = false;
    // An undated figure that changes over time is dated by its article's publication year.
    if (when === null && claim.object.type !== 'date' && predicateRule(lexicon, claim.predicate)?.timeSensitive && article?.published) {
      when = { start: article.published.slice(0, 4), end: null, granularity: 'year' };
      whenFromPublication = true;
    }
    prepared.push({ claim, source: duplicateOf[claim.article] ?? claim.article, weight, when, whenFromPublication });
  }
  const groups = groupClaims(prepared, lexicon, options).map((g) => decide(g, options));
  groups.sort(compareRows);
  return { groups, duplicateOf };
}

function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function compareRows(a: ConflictRow, b: ConflictRow): number {
  return (
    compareStrings(a.subject, b.subject) ||
    compareStrings(a.predicate, b.predicate) ||
    compareStrings(a.when?.start ?? '', b.when?.start ?? '') ||
    compareStrings(a.when?.end ?? '', b.when?.end ?? '') ||
    compareStrings(a.values.join('\n'), b.values.join('\n')) ||
    compareStrings(a.claims[0] ?? '', b.claims[0] ?? '')
  );
}
