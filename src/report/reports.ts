import { join } from 'node:path';
import type { ClaimRow } from '../claims/extract.ts';
import { summarizeEntities } from '../extract/entity-summary.ts';
import type { ArticleResult } from '../pipeline/rows.ts';
import { renderReport, type ArticleInfo, type ReconcileResult } from '../reconcile/reconcile.ts';
import { toCsv, writeFileAtomic, writeTable } from './write.ts';

const ARTICLE_COLUMNS = ['id', 'file', 'title', 'source', 'published', 'author', 'script', 'encoding', 'chars', 'sha256', 'status', 'error'];
const MENTION_COLUMNS = ['article', 'text', 'original', 'start', 'end', 'sentence'];
const DATE_COLUMNS = [...MENTION_COLUMNS, 'value.start', 'value.end', 'value.granularity', 'approx', 'basis', 'implied', 'rule'];
const FIGURE_COLUMNS = [...MENTION_COLUMNS, 'kind', 'value', 'max', 'approx', 'currency', 'currencyInferred', 'unit', 'rule'];
const ENTITY_COLUMNS = ['article', 'entity', 'type', 'text', 'original', 'start', 'end', 'sentence', 'discovered', 'rule'];
const WHEN_COLUMNS = ['when.start', 'when.end', 'when.granularity'];
// Date objects fill object.start…basis, figure objects object.kind…unit, entity objects object.name.
const CLAIM_COLUMNS = [
  'id', 'article', 'subject', 'predicate',
  'object.type', 'object.start', 'object.end', 'object.granularity', 'object.basis',
  'object.kind', 'object.value', 'object.max', 'object.approx', 'object.currency', 'object.unit', 'object.name',
  ...WHEN_COLUMNS, 'agent', 'confidence', 'rule',
  'sentence', 'original', 'start', 'end',
  'evidence.text', 'evidence.original', 'evidence.start', 'evidence.end',
];
const CONFLICT_COLUMNS = ['subject', 'predicate', ...WHEN_COLUMNS, 'status', 'values', 'articles', 'claims', 'preferred', 'reason'];

/** Rows sorted by article then position, so reruns diff cleanly. */
function byArticleAndPosition<T extends { article: string; start: number; end: number }>(rows: T[]): T[] {
  return rows.sort((a, b) => (a.article < b.article ? -1 : a.article > b.article ? 1 : a.start - b.start || a.end - b.end));
}

export interface ReportInput {
  results: ArticleResult[];
  reconciliation: ReconcileResult;
  articleInfos: ArticleInfo[];
}

/** Write every report of a run to `outputDir`. Each file is written atomically. */
export function writeReports(outputDir: string, { results, reconciliation, articleInfos }: ReportInput): string[] {
  const sorted = [...results].sort((a, b) => (a.article.id < b.article.id ? -1 : a.article.id > b.article.id ? 1 : 0));
  const dates = byArticleAndPosition(sorted.flatMap((r) => r.dates));
  const figures = byArticleAndPosition(sorted.flatMap((r) => r.figures));
  const entities = byArticleAndPosition(sorted.flatMap((r) => r.entities));
  const claims: ClaimRow[] = byArticleAndPosition(sorted.flatMap((r) => r.claims));

  writeTable(outputDir, 'articles', sorted.map((r) => r.article), ARTICLE_COLUMNS);
  writeTable(outputDir, 'dates', dates, DATE_COLUMNS);
  writeTable(outputDir, 'figures', figures, FIGURE_COLUMNS);
  writeTable(outputDir, 'entities', entities, ENTITY_COLUMNS);
  writeFileAtomic(join(outputDir, 'entity-summary.csv'), toCsv(summarizeEntities(entities), ['entity', 'type', 'aliases', 'mentions', 'articles', 'discovered']));
  writeTable(outputDir, 'claims', claims, CLAIM_COLUMNS);
  writeTable(outputDir, 'conflicts', reconciliation.groups, CONFLICT_COLUMNS);
  writeFileAtomic(join(outputDir, 'report.md'), renderReport(reconciliation, claims, articleInfos));
  return ['articles', 'dates', 'figures', 'entities', 'entity-summary', 'claims', 'conflicts', 'report.md'];
}
