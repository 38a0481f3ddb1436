import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { z } from 'zod';
import { formatZodError } from '../config/errors.ts';
import { LEXICON_DIR } from '../paths.ts';

/** Absolute path of a built-in lexicon file in this folder. */
export function builtInLexiconPath(file: string): string {
  return join(LEXICON_DIR, file);
}

/**
 * Read and validate a built-in JSON lexicon. A mistake throws one message per problem naming the
 * file and the key path (`…/units.json: units.3.word: …`).
 */
export function loadBuiltInLexicon<T extends z.ZodType>(file: string, schema: T): z.infer<T> {
  const path = builtInLexiconPath(file);
  let data: unknown;
  try {
    data = JSON.parse(readFileSync(path, 'utf8').replace(/^\ufeff/, ''));
  } catch (error) {
    throw new Error(`${path}: ${(error as Error).message}`);
  }
  const result = schema.safeParse(data);
  if (!result.success) throw new Error(formatZodError(result.error, path));
  return result.data;
}
