import { z } from 'zod';

/** Shape of an entity lexicon file (src/lexicons/entities.json and user files). */
const nonEmpty = z.string().trim().min(1, 'expected a non-empty string');

export const entityTypeSchema = z.enum(['organization', 'product', 'person', 'place', 'event']);

export const lexiconEntrySchema = z
  .object({
    name: nonEmpty,
    type: entityTypeSchema,
    aliases: z.array(nonEmpty).optional(),
    /** Canonical name of the owning organization (its mention near an ambiguous name supports it). */
    owner: nonEmpty.optional(),
    /** A former name that has its own entry (来往 → 点点虫). */
    renamedFrom: nonEmpty.optional(),
    /** The name is also an ordinary word: report it only when the context supports it. */
    ambiguous: z.boolean().optional(),
    cues: z.array(nonEmpty).optional(),
    negativeBefore: z.array(nonEmpty).optional(),
    negativeAfter: z.array(nonEmpty).optional(),
    note: z.string().optional(),
  })
  .strict();

export const lexiconFileSchema = z
  .object({
    $comment: z.string().optional(),
    entities: z.array(lexiconEntrySchema),
  })
  .strict();

export type LexiconEntryInput = z.infer<typeof lexiconEntrySchema>;

const charSet = z.string().min(1, 'expected a string of characters');
const words = z.array(nonEmpty);

export const entityRulesSchema = z
  .object({
    $comment: z.string().optional(),
    person: z
      .object({
        surnames: charSet,
        compoundSurnames: words,
        ambiguousSurnames: charSet,
        $ambiguousSurnames: z.string().optional(),
        givenNameChars: charSet,
        transliterationChars: charSet,
        titlesBefore: words,
        titlesAfter: words,
        attributionAfter: words,
        attributionBefore: words,
        nameBreakChars: charSet,
        trailingFunctionChars: charSet,
        nameStopwords: words,
        nameFinalStopChars: charSet,
        foreignNameSeparators: charSet,
        placeOfficeTitles: words,
        japaneseSurnames: words,
        indefiniteGivenNames: words,
        placeNounsAfter: words,
      })
      .strict(),
    organization: z
      .object({
        suffixes: words,
        weakSuffixes: words,
        standaloneSuffixes: words,
        chainModifiers: words,
        properTags: words,
        modifierTags: words,
        genericHeads: words,
        genericOrgWords: words,
        abbreviationPrefixes: words,
        jiebaOrgRejectEndings: words,
        jiebaOrgKeepEndings: words,
        jiebaOrgStopwords: words,
        twoCharSuffixWords: words,
      })
      .strict(),
    product: z
      .object({
        launchVerbs: words,
        productNouns: words,
        organizationNouns: words,
        organizationCuesAfter: words,
        documentTitleEndings: words,
        maxQuotedLength: z.number().int().positive(),
        maxTitleLength: z.number().int().positive(),
        verbWindow: z.number().int().nonnegative(),
      })
      .strict(),
    latin: z
      .object({
        genericTerms: words,
        minLength: z.number().int().positive(),
        productCuesBefore: words,
        organizationCuesBefore: words,
        organizationCuesAfter: words,
      })
      .strict(),
    alias: z
      .object({
        aliasMarkers: words,
        renameMarkers: words,
        aliasJoiners: words,
        maxAliasLength: z.number().int().positive(),
      })
      .strict(),
    place: z.object({ genericPlaceWords: words, placeSuffixChars: charSet, placeCuesBefore: words, venueSuffixes: words }).strict(),
    ambiguity: z
      .object({
        window: z.number().int().positive(),
        quotePairs: z.array(z.string().length(2, 'expected an opening and a closing quote character')),
        positiveCues: words,
        negativeBefore: words,
        negativeAfter: words,
      })
      .strict(),
  })
  .strict();

export type EntityRulesInput = z.infer<typeof entityRulesSchema>;

/** Render a JSON path like `entities[12].aliases[0]`, naming the entry when it has a name. */
function describePath(path: PropertyKey[], data: unknown): string {
  let out = '';
  let node: unknown = data;
  for (const key of path) {
    if (typeof key === 'number') {
      out += `[${key}]`;
      node = Array.isArray(node) ? node[key] : undefined;
      const name = node && typeof node === 'object' ? (node as { name?: unknown }).name : undefined;
      if (typeof name === 'string') out += ` ("${name}")`;
    } else {
      out += (out ? '.' : '') + String(key);
      node = node && typeof node === 'object' ? (node as Record<string, unknown>)[String(key)] : undefined;
    }
  }
  return out || '(root)';
}

/** Parse `content` as JSON and validate it; errors name the file, the place and what was expected. */
export function parseJsonFile<T>(file: string, content: string, schema: z.ZodType<T>): T {
  let data: unknown;
  try {
    data = JSON.parse(content);
  } catch (error) {
    throw new Error(`${file}: invalid JSON: ${(error as Error).message}`);
  }
  const result = schema.safeParse(data);
  if (!result.success) {
    const problems = result.error.issues.slice(0, 5).map((issue) => `${describePath(issue.path, data)}: ${issue.message}`);
    const more = result.error.issues.length > 5 ? ` (and ${result.error.issues.length - 5} more)` : '';
    throw new Error(`${file}: ${problems.join('; ')}${more}`);
  }
  return result.data;
}
