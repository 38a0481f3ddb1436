import type { z } from 'zod';

/** A configuration or data-file problem the user must fix; the CLI exits with code 2. */
export class UsageError extends Error {
  override name = 'UsageError';
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
