/**
 * An article's id, and the result of an article that could not be processed. Kept apart from the
 * stages (article.ts) so that a process which only plans and stores a run does not load them.
 */
import { basename, extname } from 'node:path';
import type { ArticleResult } from './rows.ts';

/** Thrown by a stage for a problem with the article itself (recorded on the article, batch goes on). */
export class ArticleError extends Error {}

/** The article id: the file name without its extension. */
export function articleIdOf(file: string): string {
  return basename(file, extname(file));
}

/** The result of an article that could not be processed: an `error` row and no mentions. */
export function errorResult(id: string, file: string, sha256: string, message: string, timings: Record<string, number> = {}): ArticleResult {
  return {
    article: {
      id,
      file,
      title: null,
      source: null,
      published: null,
      author: null,
      script: null,
      encoding: null,
      chars: 0,
      sha256,
      status: 'error',
      error: message,
    },
    dates: [],
    figures: [],
    entities: [],
    claims: [],
    tokens: [],
    timings,
  };
}

