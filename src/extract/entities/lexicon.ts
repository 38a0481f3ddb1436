import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { EntityType } from '../../types.ts';
import type { UserWord } from '../../text/segment.ts';
import { lexiconFileSchema, parseJsonFile } from './schema.ts';
import { compileEntityRules, DEFAULT_ENTITY_RULES_PATH, type EntityRules } from './rules.ts';
import { LEXICON_DIR } from '../../paths.ts';

export const DEFAULT_ENTITY_LEXICON_PATH = join(LEXICON_DIR, 'entities.json');

export interface LexiconEntry {
  name: string;
  type: EntityType;
  /** Other surfaces of the same entity (the canonical name itself is not repeated here). */
  aliases: string[];
  owner?: string;
  renamedFrom?: string;
  ambiguous: boolean;
  cues: string[];
  negativeBefore: string[];
  negativeAfter: string[];
  /** File that last defined or extended the entry. */
  source: string;
}

export interface EntityLexicon {
  entries: LexiconEntry[];
  byName: Map<string, LexiconEntry>;
  /** Surface → entry. Keys of surfaces mixing Latin and CJK are lower-cased (matched case-insensitively). */
  surfaces: Map<string, LexiconEntry>;
  /** First character of a surface key → keys starting with it, longest first. */
  byFirstChar: Map<string, string[]>;
  rules: EntityRules;
  files: string[];
}

const LATIN = /[A-Za-z]/;
const CJK = /[\u3400-\u9fff]/;

/** Surfaces mixing Latin and CJK (Real如我) are matched case-insensitively; pure Latin ones exactly. */
export function surfaceKey(surface: string): string {
  return LATIN.test(surface) && CJK.test(surface) ? lowerAscii(surface) : surface;
}

export function lowerAscii(text: string): string {
  return text.replace(/[A-Z]/g, (c) => c.toLowerCase());
}

/**
 * Load the lexicon: the built-in file first (unless `paths` names it), then each file of `paths` in
 * order. A later entry with an existing name extends it (aliases are added, other fields replace);
 * a later file may take an alias over from another entry. Within one file an alias claimed by two
 * entries is an error. A malformed file throws an Error naming the file and the place.
 */
export function loadEntityLexicon(paths: string[]): EntityLexicon {
  const builtIn = resolve(DEFAULT_ENTITY_LEXICON_PATH);
  const files = [builtIn, ...paths.map((p) => resolve(p)).filter((p) => p !== builtIn)];
  const byName = new Map<string, LexiconEntry>();
  const owners = new Map<string, string>(); // surface key → canonical name
  for (const file of files) {
    let content: string;
    try {
      content = readFileSync(file, 'utf8');
    } catch (error) {
      throw new Error(`${file}: cannot read entity lexicon: ${(error as Error).message}`);
    }
    const parsed = parseJsonFile(file, content, lexiconFileSchema);
    const claimedHere = new Map<string, number>();
    parsed.entities.forEach((input, index) => {
      const existing = byName.get(input.name);
      const entry: LexiconEntry = existing ?? {
        name: input.name,
        type: input.type,
        aliases: [],
        ambiguous: false,
        cues: [],
        negativeBefore: [],
        negativeAfter: [],
        source: file,
      };
      entry.type = input.type;
      entry.source = file;
      if (input.owner !== undefined) entry.owner = input.owner;
      if (input.renamedFrom !== undefined) entry.renamedFrom = input.renamedFrom;
      if (input.ambiguous !== undefined) entry.ambiguous = input.ambiguous;
      if (input.cues) entry.cues = input.cues;
      if (input.negativeBefore) entry.negativeBefore = input.negativeBefore;
      if (input.negativeAfter) entry.negativeAfter = input.negativeAfter;
      byName.set(entry.name, entry);
      for (const surface of [input.name, ...(input.aliases ?? [])]) {
        const key = surfaceKey(surface);
        const firstIndex = claimedHere.get(key);
        if (firstIndex !== undefined && parsed.entities[firstIndex].name !== input.name) {
          throw new Error(
            `${file}: entities[${index}] ("${input.name}"): surface "${surface}" is already used by entities[${firstIndex}] ("${parsed.entities[firstIndex].name}"); expected each name or alias to belong to one entity per file`,
          );
        }
        claimedHere.set(key, index);
        const previousOwner = owners.get(key);
        if (previousOwner && previousOwner !== entry.name) {
          const previous = byName.get(previousOwner);
          if (previous) previous.aliases = previous.aliases.filter((a) => surfaceKey(a) !== key);
        }
        owners.set(key, entry.name);
        if (surface !== entry.name && !entry.aliases.includes(surface)) entry.aliases.push(surface);
      }
    });
  }
  for (const entry of byName.values()) {
    for (const [field, value] of [['owner', entry.owner], ['renamedFrom', entry.renamedFrom]] as const) {
      if (value !== undefined && !byName.has(value)) {
        throw new Error(`${entry.source}: entity "${entry.name}": ${field} "${value}" is not an entity of the lexicon; expected the canonical name of another entry`);
      }
    }
  }
  const surfaces = new Map<string, LexiconEntry>();
  for (const [key, name] of owners) surfaces.set(key, byName.get(name)!);
  const byFirstChar = new Map<string, string[]>();
  for (const key of surfaces.keys()) {
    const list = byFirstChar.get(key[0]) ?? [];
    list.push(key);
    byFirstChar.set(key[0], list);
  }
  for (const list of byFirstChar.values()) list.sort((a, b) => b.length - a.length);
  return {
    entries: [...byName.values()],
    byName,
    surfaces,
    byFirstChar,
    rules: compileEntityRules(DEFAULT_ENTITY_RULES_PATH),
    files,
  };
}

const TAG_BY_TYPE: Record<EntityType, string> = {
  organization: 'nt',
  product: 'nz',
  person: 'nr',
  place: 'ns',
  event: 'nz',
};

/**
 * jieba user words for every name and alias, so they come out as one token. Ambiguous names get a
 * modest frequency: whole, but not strong enough to break up the ordinary compounds that contain
 * them (小米粥, 苹果树).
 */
export function entityUserWords(lexicon: EntityLexicon): UserWord[] {
  const words: UserWord[] = [];
  for (const entry of lexicon.entries) {
    const frequency = entry.ambiguous ? 2000 : 100000;
    for (const surface of [entry.name, ...entry.aliases]) {
      // jieba lower-cases nothing, so feed the surface as written; words with spaces cannot be entries.
      if (/\s/.test(surface)) continue;
      words.push({ word: surface, frequency, tag: TAG_BY_TYPE[entry.type] });
    }
  }
  return words;
}
