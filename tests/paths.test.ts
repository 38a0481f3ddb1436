import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { LEXICON_DIR, PACKAGE_ROOT } from '../src/paths.ts';

describe('paths', () => {
  it('finds the package root (the folder with package.json) and the lexicons under src/', () => {
    expect(PACKAGE_ROOT).toBe(fileURLToPath(new URL('..', import.meta.url)).replace(/[\\/]$/, ''));
    expect(LEXICON_DIR).toBe(join(PACKAGE_ROOT, 'src', 'lexicons'));
    expect(existsSync(join(LEXICON_DIR, 'units.json'))).toBe(true);
  });
});
