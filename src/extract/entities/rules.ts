import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { entityRulesSchema, parseJsonFile, type EntityRulesInput } from './schema.ts';
import { WordList } from './word-list.ts';
import { LEXICON_DIR } from '../../paths.ts';

export const DEFAULT_ENTITY_RULES_PATH = join(LEXICON_DIR, 'entity-rules.json');

/** The rule data of entity-rules.json, turned into sets and longest-first lists for lookups. */
export interface EntityRules {
  raw: EntityRulesInput;
  person: {
    surnames: Set<string>;
    compoundSurnames: Set<string>;
    ambiguousSurnames: Set<string>;
    givenNameChars: Set<string>;
    transliterationChars: Set<string>;
    titlesBefore: Set<string>;
    titlesBeforeLongestFirst: WordList;
    titlesAfter: WordList;
    attributionAfter: WordList;
    attributionBefore: WordList;
    breakChars: Set<string>;
    trailingFunctionChars: Set<string>;
    stopwords: Set<string>;
    finalStopChars: Set<string>;
    separators: Set<string>;
    placeOfficeTitles: WordList;
    japaneseSurnames: Set<string>;
    indefiniteGivenNames: WordList;
    /** Words that make the name before them a place (张家口地区, 湛江一带). */
    placeNounsAfter: WordList;
    placeCuesBefore: WordList;
  };
  organization: {
    suffixes: WordList;
    weakSuffixes: Set<string>;
    standaloneSuffixes: Set<string>;
    chainModifiers: Set<string>;
    properTags: Set<string>;
    modifierTags: Set<string>;
    genericHeads: Set<string>;
    genericOrgWords: Set<string>;
    jiebaOrgRejectEndings: WordList;
    jiebaOrgKeepEndings: WordList;
    jiebaOrgStopwords: Set<string>;
    twoCharSuffixWords: Set<string>;
  };
  product: Omit<EntityRulesInput['product'], 'documentTitleEndings' | 'launchVerbs'> & {
    launchVerbsLongestFirst: WordList;
    documentTitleEndings: WordList;
  };
  latin: {
    genericTerms: Set<string>;
    minLength: number;
    productCuesBefore: WordList;
    organizationCuesBefore: WordList;
    organizationCuesAfter: WordList;
  };
  alias: {
    /** Alias and rename markers together, for one lookup per position. */
    markers: WordList;
    renameMarkers: Set<string>;
    joiners: string[];
    maxAliasLength: number;
  };
  place: {
    genericPlaceWords: Set<string>;
    placeSuffixChars: Set<string>;
    placeCuesBefore: WordList;
    /** Endings of venues (…体育中心, …会展中心, …大剧院): such a name is a place, not the organization its suffix suggests. */
    venueSuffixes: WordList;
  };
  ambiguity: {
    window: number;
    quotePairs: Array<[string, string]>;
    positiveCues: string[];
    negativeBefore: WordList;
    negativeAfter: WordList;
  };
}

const chars = (s: string) => new Set([...s]);
const longestFirst = (words: string[]) => [...new Set(words)].sort((a, b) => b.length - a.length);

const cache = new Map<string, EntityRules>();

export function compileEntityRules(path: string): EntityRules {
  const cached = cache.get(path);
  if (cached) return cached;
  let content: string;
  try {
    content = readFileSync(path, 'utf8');
  } catch (error) {
    throw new Error(`${path}: cannot read entity rules: ${(error as Error).message}`);
  }
  const raw = parseJsonFile(path, content, entityRulesSchema);
  const p = raw.person;
  const o = raw.organization;
  const rules: EntityRules = {
    raw,
    person: {
      surnames: chars(p.surnames),
      compoundSurnames: new Set(p.compoundSurnames),
      ambiguousSurnames: chars(p.ambiguousSurnames),
      givenNameChars: chars(p.givenNameChars),
      transliterationChars: chars(p.transliterationChars),
      titlesBefore: new Set(p.titlesBefore),
      titlesBeforeLongestFirst: new WordList(p.titlesBefore),
      titlesAfter: new WordList(p.titlesAfter),
      attributionAfter: new WordList(p.attributionAfter),
      attributionBefore: new WordList(p.attributionBefore),
      breakChars: chars(p.nameBreakChars),
      trailingFunctionChars: chars(p.trailingFunctionChars),
      stopwords: new Set(p.nameStopwords),
      finalStopChars: chars(p.nameFinalStopChars),
      separators: chars(p.foreignNameSeparators),
      placeOfficeTitles: new WordList(p.placeOfficeTitles),
      japaneseSurnames: new Set(p.japaneseSurnames),
      indefiniteGivenNames: new WordList(p.indefiniteGivenNames),
      placeNounsAfter: new WordList(p.placeNounsAfter),
      placeCuesBefore: new WordList(raw.place.placeCuesBefore),
    },
    organization: {
      suffixes: new WordList(o.suffixes),
      weakSuffixes: new Set(o.weakSuffixes),
      standaloneSuffixes: new Set(o.standaloneSuffixes),
      chainModifiers: new Set(o.chainModifiers),
      properTags: new Set(o.properTags),
      modifierTags: new Set(o.modifierTags),
      genericHeads: new Set(o.genericHeads),
      genericOrgWords: new Set(o.genericOrgWords),
      jiebaOrgRejectEndings: new WordList(o.jiebaOrgRejectEndings),
      jiebaOrgKeepEndings: new WordList(o.jiebaOrgKeepEndings),
      jiebaOrgStopwords: new Set(o.jiebaOrgStopwords),
      twoCharSuffixWords: new Set(o.twoCharSuffixWords),
    },
    product: {
      ...raw.product,
      launchVerbsLongestFirst: new WordList(raw.product.launchVerbs),
      documentTitleEndings: new WordList(raw.product.documentTitleEndings),
    },
    latin: {
      genericTerms: new Set(raw.latin.genericTerms),
      minLength: raw.latin.minLength,
      productCuesBefore: new WordList(raw.latin.productCuesBefore),
      organizationCuesBefore: new WordList(raw.latin.organizationCuesBefore),
      organizationCuesAfter: new WordList(raw.latin.organizationCuesAfter),
    },
    alias: {
      markers: new WordList([...raw.alias.aliasMarkers, ...raw.alias.renameMarkers]),
      renameMarkers: new Set(raw.alias.renameMarkers),
      joiners: longestFirst(raw.alias.aliasJoiners),
      maxAliasLength: raw.alias.maxAliasLength,
    },
    place: {
      genericPlaceWords: new Set(raw.place.genericPlaceWords),
      placeSuffixChars: chars(raw.place.placeSuffixChars),
      placeCuesBefore: new WordList(raw.place.placeCuesBefore),
      venueSuffixes: new WordList(raw.place.venueSuffixes),
    },
    ambiguity: {
      window: raw.ambiguity.window,
      quotePairs: raw.ambiguity.quotePairs.map((pair) => [pair[0], pair[1]] as [string, string]),
      positiveCues: longestFirst(raw.ambiguity.positiveCues),
      negativeBefore: new WordList(raw.ambiguity.negativeBefore),
      negativeAfter: new WordList(raw.ambiguity.negativeAfter),
    },
  };
  cache.set(path, rules);
  return rules;
}
