import { join } from 'node:path';
import type { ClaimRow } from '../claims/extract.ts';
import { summarizeEntities } from '../extract/entity-summary.ts';
import type { ArticleResult } from '../pipeline/rows.ts';
import { renderReport, type ArticleInfo, type ReconcileResult } from '../reconcile/reconcile.ts';
import { REPORT_COLUMNS } from './columns.ts';
import { toCsv, writeFileAtomic, writeTable } from './write.ts';

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

  writeTable(outputDir, 'articles', sorted.map((r) => r.article), REPORT_COLUMNS.articles);
  writeTable(outputDir, 'dates', dates, REPORT_COLUMNS.dates);
  writeTable(outputDir, 'figures', figures, REPORT_COLUMNS.figures);
  writeTable(outputDir, 'entities', entities, REPORT_COLUMNS.entities);
  writeFileAtomic(join(outputDir, 'entity-summary.csv'), toCsv(summarizeEntities(entities), REPORT_COLUMNS.entitySummary));
  writeTable(outputDir, 'claims', claims, REPORT_COLUMNS.claims);
  writeTable(outputDir, 'conflicts', reconciliation.groups, REPORT_COLUMNS.conflicts);
  writeFileAtomic(join(outputDir, 'report.md'), renderReport(reconciliation, claims, articleInfos));
  return ['articles', 'dates', 'figures', 'entities', 'entity-summary', 'claims', 'conflicts', 'report.md'];
}
