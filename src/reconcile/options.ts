import { z } from 'zod';

/** Options of the `reconcile` section of pipeline.config.json. Every key has a default. */
export const ReconcileOptionsSchema = z.strictObject({
  /** Two amounts agree when they differ by at most this fraction of the larger one. */
  relativeTolerance: z.number().min(0).max(1).default(0.05),
  /** How far an approximate amount (约, 左右) may stretch each way, as a fraction. */
  approximateTolerance: z.number().min(0).max(1).default(0.1),
  /** CNY per unit of each ISO currency. Empty: amounts in different currencies are never compared. */
  currencyRates: z.record(z.string().regex(/^[A-Z]{3}$/, 'expected an ISO 4217 code like "USD"'), z.number().positive()).default({}),
  /** Weight of a source (the article's site or source name, or its id); unlisted sources weigh 1. */
  sourceWeights: z.record(z.string().min(1), z.number().min(0)).default({}),
  /** Estimated Jaccard similarity of token shingles above which two articles are copies of one piece. */
  duplicateThreshold: z.number().gt(0).max(1).default(0.7),
  /** Claims below this confidence are left out of reconciliation, so they never raise a conflict. */
  minConfidence: z.number().min(0).max(1).default(0.5),
});

export type ReconcileOptions = z.output<typeof ReconcileOptionsSchema>;
export type ReconcileOptionsInput = z.input<typeof ReconcileOptionsSchema>;

export function defaultReconcileOptions(): ReconcileOptions {
  return ReconcileOptionsSchema.parse({});
}
