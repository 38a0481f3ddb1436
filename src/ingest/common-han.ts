import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const LIST = fileURLToPath(new URL('../lexicons/common-han.txt', import.meta.url));

/** Frequent Simplified Chinese characters (data file), for scoring candidate decodings. */
export const COMMON_HAN: ReadonlySet<string> = new Set(
  readFileSync(LIST, 'utf8')
    .split('\n')
    .filter((line) => !line.startsWith('#'))
    .join('')
    .replace(/\s/g, ''),
);
