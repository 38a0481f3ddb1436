import { defaultPredicateLexicon, predicateRule, type PredicateLexicon } from '../claims/lexicon.ts';
import type { ClaimRow } from '../claims/types.ts';
import type { DateValue } from '../types.ts';
import { decide, type ConflictRow } from './decide.ts';
import { findDuplicates } from './duplicates.ts';
import { factKey, groupsOfFact, type Prepared } from './group.ts';
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
  return new ReconcileDraft(claims, articles, options, lexicon).result();
}

/** How reconciliation sees an article's claims: its representative among copies, and the fields prepare reads. */
function articleKey(article: ArticleInfo | undefined, representative: string | undefined): string {
  return article ? `${representative ?? ''}\u0000${article.source ?? ''}\u0001${article.published ?? ''}` : `${representative ?? ''}\u0002`;
}

/**
 * Reconciliation of some of the claims (those of the articles a rerun leaves as they are), worked
 * out while the rest is still being extracted, then completed with every claim (`complete`): the
 * facts none of the added or otherwise affected claims belong to keep their decided rows. The
 * result is exactly reconcile's on all the claims.
 */
export class ReconcileDraft {
  private readonly duplicateOf: Record<string, string>;
  private readonly articleById: Map<string, ArticleInfo>;
  /** Fact key → its prepared claims in input order, and their decided rows. */
  private readonly facts = new Map<string, { members: Prepared[]; rows: ConflictRow[] }>();
  /** Every claim given, prepared or left out (below the confidence threshold), with its fact key. */
  private readonly keyOf = new Map<ClaimRow, string | null>();
  /** Whether a claim was given twice (complete cannot tell its copies apart, so it starts afresh). */
  private readonly repeats: boolean;

  /**
   * `knownCopies`: which articles were copies of which when last reconciled (the previous run's
   * duplicateOf). A draft takes it as it is instead of finding the copies again: complete() finds
   * them among all the articles anyway, and decides again whatever it got wrong.
   */
  constructor(
    claims: ClaimRow[],
    articles: ArticleInfo[],
    private readonly options: ReconcileOptions,
    private readonly lexicon: PredicateLexicon = defaultPredicateLexicon(),
    knownCopies?: Record<string, string>,
  ) {
    this.duplicateOf = knownCopies ? copiesAmong(knownCopies, articles) : findDuplicates(articles, options.duplicateThreshold);
    this.articleById = new Map(articles.map((a) => [a.id, a]));
    const byFact = new Map<string, Prepared[]>();
    for (const claim of claims) {
      const prepared = prepare(claim, this.articleById, this.duplicateOf, options, lexicon);
      const key = prepared ? factKey(prepared, lexicon) : null;
      this.keyOf.set(claim, key);
      if (!prepared || key === null) continue;
      let list = byFact.get(key);
      if (!list) byFact.set(key, (list = []));
      list.push(prepared);
    }
    for (const [key, members] of byFact) this.facts.set(key, { members, rows: this.decideFact(members) });
    this.repeats = this.keyOf.size < claims.length;
  }

  /** The reconciliation of the claims and articles given to the constructor. */
  result(): ReconcileResult {
    return { groups: sortRows([...this.facts.values()].flatMap((fact) => fact.rows)), duplicateOf: this.duplicateOf };
  }

  /**
   * Reconcile `claims` and `articles` (all of them, in reconcile's input order), reusing this
   * draft's decisions. The draft's claims must be among `claims` as the same objects: if one is
   * missing (or a claim is given twice, here or to the draft), everything is reconciled afresh.
   */
  complete(claims: ClaimRow[], articles: ArticleInfo[]): ReconcileResult {
    const duplicateOf = findDuplicates(articles, this.options.duplicateThreshold);
    const articleById = new Map(articles.map((a) => [a.id, a]));
    // Articles whose claims prepare differently now: added, changed, or another representative.
    const affected = new Set<string>();
    for (const id of new Set([...this.articleById.keys(), ...articleById.keys()])) {
      if (articleKey(this.articleById.get(id), this.duplicateOf[id]) !== articleKey(articleById.get(id), duplicateOf[id])) affected.add(id);
    }
    const position = new Map<ClaimRow, number>();
    const touched = new Map<string, Prepared[]>();
    const touch = (key: string): Prepared[] => {
      let list = touched.get(key);
      if (!list) touched.set(key, (list = []));
      return list;
    };
    let kept = 0;
    let repeated = false;
    claims.forEach((claim, index) => {
      if (position.has(claim)) repeated = true;
      position.set(claim, index);
      const draftKey = this.keyOf.get(claim);
      if (draftKey !== undefined) {
        kept++;
        if (!affected.has(claim.article)) return;
        // Prepared again below: its fact, if it had one, is decided again without it.
        if (draftKey !== null) touch(draftKey);
      }
      const prepared = prepare(claim, articleById, duplicateOf, this.options, this.lexicon);
      if (prepared) touch(factKey(prepared, this.lexicon)).push(prepared);
    });
    if (this.repeats || repeated || kept !== this.keyOf.size) return reconcile(claims, articles, this.options, this.lexicon);

    const rows: ConflictRow[] = [];
    for (const [key, fact] of this.facts) if (!touched.has(key)) rows.push(...fact.rows);
    for (const [key, added] of touched) {
      const unchanged = (this.facts.get(key)?.members ?? []).filter((p) => !affected.has(p.claim.article));
      const members = [...unchanged, ...added].sort((a, b) => position.get(a.claim)! - position.get(b.claim)!);
      if (members.length) rows.push(...this.decideFact(members));
    }
    return { groups: sortRows(rows), duplicateOf };
  }

  private decideFact(members: Prepared[]): ConflictRow[] {
    return groupsOfFact(members, this.lexicon, this.options).map((g) => decide(g, this.options));
  }
}

/** The entries of `duplicateOf` for these articles. */
function copiesAmong(duplicateOf: Record<string, string>, articles: ArticleInfo[]): Record<string, string> {
  const copies: Record<string, string> = {};
  for (const { id } of articles) if (Object.hasOwn(duplicateOf, id) && typeof duplicateOf[id] === 'string') copies[id] = duplicateOf[id];
  return copies;
}

/** A claim as grouping reads it, or null when its confidence leaves it out of reconciliation. */
function prepare(
  claim: ClaimRow,
  articleById: Map<string, ArticleInfo>,
  duplicateOf: Record<string, string>,
  options: ReconcileOptions,
  lexicon: PredicateLexicon,
): Prepared | null {
  if (claim.confidence < options.minConfidence) return null;
  const article = articleById.get(claim.article);
  const weight = (article?.source ? options.sourceWeights[article.source] : undefined) ?? options.sourceWeights[claim.article] ?? 1;
  let when: DateValue | null = claim.when;
  let whenFromPublication = false;
  // An undated figure that changes over time is dated by its article's publication year.
  if (when === null && claim.object.type !== 'date' && predicateRule(lexicon, claim.predicate)?.timeSensitive && article?.published) {
    when = { start: article.published.slice(0, 4), end: null, granularity: 'year' };
    whenFromPublication = true;
  }
  return { claim, source: duplicateOf[claim.article] ?? claim.article, weight, when, whenFromPublication };
}

function sortRows(rows: ConflictRow[]): ConflictRow[] {
  return rows.sort(compareRows);
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
    compareStrings(a.claims[0] ?? '', b.claims[0] ?? '') ||
    // Ties past the first claim need two files with one id and colliding claim ids; the order
    // must still not depend on the order groups were formed in (ReconcileDraft.complete): rows
    // equal in every field below are equal as written.
    compareStrings(a.claims.join('\n'), b.claims.join('\n')) ||
    compareStrings(a.status, b.status) ||
    compareStrings(a.reason, b.reason) ||
    compareStrings(a.preferred ?? '', b.preferred ?? '') ||
    compareStrings(a.articles.join('\n'), b.articles.join('\n')) ||
    compareStrings(a.when?.granularity ?? '', b.when?.granularity ?? '')
  );
}
