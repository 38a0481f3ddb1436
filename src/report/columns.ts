/**
 * Column lists of the CSV reports: one place, used by the report writer and by the state
 * database's per-article fragments, so the two can never drift apart.
 */
const MENTION_COLUMNS = ['article', 'text', 'original', 'start', 'end', 'sentence'];
const WHEN_COLUMNS = ['when.start', 'when.end', 'when.granularity'];

export const REPORT_COLUMNS = {
  articles: ['id', 'file', 'title', 'source', 'published', 'author', 'script', 'encoding', 'chars', 'sha256', 'status', 'error'],
  dates: [...MENTION_COLUMNS, 'value.start', 'value.end', 'value.granularity', 'approx', 'basis', 'implied', 'rule'],
  figures: [...MENTION_COLUMNS, 'kind', 'value', 'max', 'approx', 'currency', 'currencyInferred', 'unit', 'rule'],
  entities: ['article', 'entity', 'type', 'text', 'original', 'start', 'end', 'sentence', 'discovered', 'rule'],
  // Date objects fill object.start…basis, figure objects object.kind…unit, entity objects object.name.
  claims: [
    'id', 'article', 'subject', 'predicate',
    'object.type', 'object.start', 'object.end', 'object.granularity', 'object.basis',
    'object.kind', 'object.value', 'object.max', 'object.approx', 'object.currency', 'object.unit', 'object.name',
    ...WHEN_COLUMNS, 'agent', 'confidence', 'rule',
    'sentence', 'original', 'start', 'end',
    'evidence.text', 'evidence.original', 'evidence.start', 'evidence.end',
  ],
  conflicts: ['subject', 'predicate', ...WHEN_COLUMNS, 'status', 'values', 'articles', 'claims', 'preferred', 'reason'],
  entitySummary: ['entity', 'type', 'aliases', 'mentions', 'articles', 'discovered'],
} as const satisfies Record<string, readonly string[]>;
