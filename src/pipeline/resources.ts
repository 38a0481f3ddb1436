import { loadBoilerplateRules, type BoilerplateRules } from '../clean/rules.ts';
import { configPath, type PipelineConfig } from '../config/config.ts';
import { UsageError } from '../config/errors.ts';
import type { ConversionPreset } from '../convert/convert.ts';
import { DEFAULT_ENTITY_LEXICON_PATH, entityUserWords, loadEntityLexicon, type EntityLexicon } from '../extract/entities.ts';
import { loadSegmenter, loadUserDictionaryFile, type DictionaryLoading } from '../text/segment.ts';
import { defaultPredicateLexicon } from '../claims/lexicon.ts';
import { dateWords, holidayLexicon } from '../extract/dates/lexicon.ts';
import { figureLexicon } from '../extract/figures/lexicon.ts';
import { BUILTIN_USER_DICTIONARY } from './lexicon-files.ts';

/** Everything the per-article stages need, loaded and validated once per process. */
export interface Resources {
  boilerplate: BoilerplateRules;
  entityLexicon: EntityLexicon;
  convertPreset: ConversionPreset;
  maxFileBytes: number;
  /** Reference date for relative expressions when an article states no publication date. */
  fallbackReference: () => string | null;
}

/**
 * Load lexicons and the segmenter. A malformed data file is a UsageError naming the file and place.
 * `dictionary`: how much of jieba's dictionary to load (segment.ts); a process about to segment a
 * few texts, or none, loads only what they need.
 */
export function loadResources(config: PipelineConfig, dictionary: DictionaryLoading = 'whole'): Resources {
  try {
    // The extractors' built-in lexicons load lazily; loading them here makes a malformed file fail
    // the run up front (exit 2, nothing written) instead of failing every article.
    defaultPredicateLexicon();
    dateWords();
    holidayLexicon();
    figureLexicon();
    const boilerplate = loadBoilerplateRules(config.lexicons.boilerplate ? configPath(config, config.lexicons.boilerplate) : undefined);
    const entityLexicon = loadEntityLexicon([DEFAULT_ENTITY_LEXICON_PATH, ...config.lexicons.entities.map((p) => configPath(config, p))]);
    const userWords = [BUILTIN_USER_DICTIONARY, ...config.lexicons.userDictionaries.map((p) => configPath(config, p))].flatMap((p) =>
      loadUserDictionaryFile(p),
    );
    loadSegmenter([...userWords, ...entityUserWords(entityLexicon)], dictionary);
    return {
      boilerplate,
      entityLexicon,
      convertPreset: config.convert.preset,
      maxFileBytes: config.ingest.maxFileBytes,
      fallbackReference: () => (config.dates.fallbackReference === 'today' ? new Date().toISOString().slice(0, 10) : null),
    };
  } catch (error) {
    if (error instanceof UsageError) throw error;
    throw new UsageError((error as Error).message);
  }
}
