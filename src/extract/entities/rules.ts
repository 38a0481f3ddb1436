import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { entityRulesSchema, parseJsonFile, type EntityRulesInput } from './schema.ts';

export const DEFAULT_ENTITY_RULES_PATH = fileURLToPath(new URL('../../lexicons/entity-rules.json', import.meta.url));

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
    titlesBeforeLongestFirst: string[];
    titlesAfter: string[];
    attributionAfter: string[];
    attributionBefore: Set<string>;
    breakChars: Set<string>;
    trailingFunctionChars: Set<string>;
    stopwords: Set<string>;
    finalStopChars: Set<string>;
    separators: Set<string>;
    placeOfficeTitles: string[];
    japaneseSurnames: Set<string>;
    indefiniteGivenNames: string[];
  };
  organization: {
    /** Longest first. */
    suffixes: string[];
    weakSuffixes: Set<string>;
    standaloneSuffixes: Set<string>;
    chainModifiers: Set<string>;
    properTags: Set<string>;
    modifierTags: Set<string>;
    genericHeads: Set<string>;
    genericOrgWords: Set<string>;
    jiebaOrgRejectEndings: string[];
    jiebaOrgKeepEndings: string[];
    jiebaOrgStopwords: Set<string>;
    twoCharSuffixWords: Set<string>;
  };
  product: EntityRulesInput['product'] & {
    launchVerbsLongestFirst: string[];
    documentTitleEndings: string[];
  };
  latin: {
    genericTerms: Set<string>;
    minLength: number;
    productCuesBefore: string[];
    organizationCuesBefore: string[];
    organizationCuesAfter: string[];
  };
  alias: {
    aliasMarkers: string[];
    renameMarkers: string[];
    joiners: string[];
    maxAliasLength: number;
  };
  place: { genericPlaceWords: Set<string> };
  ambiguity: {
    window: number;
    quotePairs: Array<[string, string]>;
    positiveCues: string[];
    negativeBefore: string[];
    negativeAfter: string[];
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
      titlesBeforeLongestFirst: longestFirst(p.titlesBefore),
      titlesAfter: longestFirst(p.titlesAfter),
      attributionAfter: longestFirst(p.attributionAfter),
      attributionBefore: new Set(p.attributionBefore),
      breakChars: chars(p.nameBreakChars),
      trailingFunctionChars: chars(p.trailingFunctionChars),
      stopwords: new Set(p.nameStopwords),
      finalStopChars: chars(p.nameFinalStopChars),
      separators: chars(p.foreignNameSeparators),
      placeOfficeTitles: longestFirst(p.placeOfficeTitles),
      japaneseSurnames: new Set(p.japaneseSurnames),
      indefiniteGivenNames: longestFirst(p.indefiniteGivenNames),
    },
    organization: {
      suffixes: longestFirst(o.suffixes),
      weakSuffixes: new Set(o.weakSuffixes),
      standaloneSuffixes: new Set(o.standaloneSuffixes),
      chainModifiers: new Set(o.chainModifiers),
      properTags: new Set(o.properTags),
      modifierTags: new Set(o.modifierTags),
      genericHeads: new Set(o.genericHeads),
      genericOrgWords: new Set(o.genericOrgWords),
      jiebaOrgRejectEndings: longestFirst(o.jiebaOrgRejectEndings),
      jiebaOrgKeepEndings: longestFirst(o.jiebaOrgKeepEndings),
      jiebaOrgStopwords: new Set(o.jiebaOrgStopwords),
      twoCharSuffixWords: new Set(o.twoCharSuffixWords),
    },
    product: {
      ...raw.product,
      launchVerbsLongestFirst: longestFirst(raw.product.launchVerbs),
      documentTitleEndings: longestFirst(raw.product.documentTitleEndings),
    },
    latin: {
      genericTerms: new Set(raw.latin.genericTerms),
      minLength: raw.latin.minLength,
      productCuesBefore: longestFirst(raw.latin.productCuesBefore),
      organizationCuesBefore: longestFirst(raw.latin.organizationCuesBefore),
      organizationCuesAfter: longestFirst(raw.latin.organizationCuesAfter),
    },
    alias: {
      aliasMarkers: longestFirst(raw.alias.aliasMarkers),
      renameMarkers: longestFirst(raw.alias.renameMarkers),
      joiners: longestFirst(raw.alias.aliasJoiners),
      maxAliasLength: raw.alias.maxAliasLength,
    },
    place: { genericPlaceWords: new Set(raw.place.genericPlaceWords) },
    ambiguity: {
      window: raw.ambiguity.window,
      quotePairs: raw.ambiguity.quotePairs.map((pair) => [pair[0], pair[1]] as [string, string]),
      positiveCues: longestFirst(raw.ambiguity.positiveCues),
      negativeBefore: longestFirst(raw.ambiguity.negativeBefore),
      negativeAfter: longestFirst(raw.ambiguity.negativeAfter),
    },
  };
  cache.set(path, rules);
  return rules;
}
