import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { LEXICON_DIR } from '../paths.ts';

const LIST = join(LEXICON_DIR, 'common-han.txt');

/** Frequent Simplified Chinese characters (data file), for scoring candidate decodings. */
export const COMMON_HAN: ReadonlySet<string> = new Set(
  readFileSync(LIST, 'utf8')
    .split('\n')
    .filter((line) => !line.startsWith('#'))
    .join('')
    .replace(/\s/g, ''),
);
