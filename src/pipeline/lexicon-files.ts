/**
 * The data files the per-article stages read, by path: their contents version the rules
 * (state/versions.ts). Paths only, so versioning does not load the stages.
 */
import { join } from 'node:path';
import { PREDICATES_FILE } from '../claims/lexicon.ts';
import { configPath, type PipelineConfig } from '../config/config.ts';
import { DEFAULT_ENTITY_LEXICON_PATH } from '../extract/entities/lexicon.ts';
import { LEXICON_DIR } from '../paths.ts';

export const BUILTIN_USER_DICTIONARY = join(LEXICON_DIR, 'user-dict.txt');

/** Paths of every data file the stages read: their contents version the rules. */
export function lexiconFiles(config: PipelineConfig): string[] {
  return [
    config.lexicons.boilerplate ? configPath(config, config.lexicons.boilerplate) : null,
    BUILTIN_USER_DICTIONARY,
    ...config.lexicons.userDictionaries.map((p) => configPath(config, p)),
    DEFAULT_ENTITY_LEXICON_PATH,
    PREDICATES_FILE,
    ...config.lexicons.entities.map((p) => configPath(config, p)),
  ].filter((p): p is string => p !== null);
}
