import { existsSync } from 'node:fs';
import { dirname, extname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const THIS_FILE = fileURLToPath(import.meta.url);

/** This process runs the compiled build in dist/ (scripts/cli.mjs), not the TypeScript sources. */
export const RUNNING_BUILD = extname(THIS_FILE) === '.js';

/**
 * The package root: the nearest folder above this module that holds package.json. Found by walking
 * up rather than by a fixed `..`, so it is the same whether this module runs from src/ or dist/.
 */
export const PACKAGE_ROOT = findPackageRoot(dirname(THIS_FILE));

/**
 * The built-in lexicons, always read from src/ (the build does not copy them), so a run from dist/
 * and a run from source use the same data.
 */
export const LEXICON_DIR = join(PACKAGE_ROOT, 'src', 'lexicons');

function findPackageRoot(start: string): string {
  for (let dir = start; ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'package.json'))) return dir;
    if (dirname(dir) === dir) throw new Error(`no package.json above ${start}`);
  }
}
