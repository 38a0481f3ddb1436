#!/usr/bin/env node
// Entry point of `npm run cli` and `npm run pipeline`. Runs the compiled CLI in dist/ when it was
// built from the current sources: no TypeScript loader to start, here or in the worker processes.
// Otherwise runs src/cli.ts through tsx, so a missing or stale build is only slower, never wrong.
// Arguments reach the CLI untouched: it reads process.argv.slice(2), as under `tsx src/cli.ts`.
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { ENTRY_FILE, staleReason } from './build-freshness.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const stale = staleReason(root);

if (stale === null) {
  // Stack traces then name the TypeScript lines (dist/ has source maps).
  process.setSourceMapsEnabled(true);
  await import(pathToFileURL(join(root, ENTRY_FILE)).href);
} else {
  // stderr only: stdout carries command output (extract writes JSON Lines).
  process.stderr.write(`note: running from source, ${stale} (npm run build makes start-up faster)\n`);
  const { register } = await import('tsx/esm/api');
  register();
  await import(pathToFileURL(join(root, 'src', 'cli.ts')).href);
}
