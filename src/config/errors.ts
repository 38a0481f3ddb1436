import type { z } from 'zod';

/** A configuration or data-file problem the user must fix; the CLI exits with code 2. */
export class UsageError extends Error {
  override name = 'UsageError';
}

/**
 * The compiled build this process runs no longer matches the sources (they were edited since it
 * started): results would carry the new sources' version but come from the old code. The command
 * must be restarted; `watch` stops (exit code 2) instead of failing every rerun.
 */
export class StaleBuildError extends UsageError {
  override name = 'StaleBuildError';
}

/** One line per problem: `file: key.path: what was expected`. */
export function formatZodError(error: z.ZodError, file: string): string {
  return error.issues
    .map((issue) => {
      const path = issue.path.length ? issue.path.map(String).join('.') : '(top level)';
      let message = issue.message;
      if (issue.code === 'unrecognized_keys') {
        message = `unknown key${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((k) => `"${k}"`).join(', ')}`;
      }
      return `${file}: ${path}: ${message}`;
    })
    .join('\n');
}
