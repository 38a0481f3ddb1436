import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { formatZodError } from '../config/errors.ts';
import { LEXICON_DIR } from '../paths.ts';

export const DEFAULT_BOILERPLATE_PATH = join(LEXICON_DIR, 'boilerplate.json');

const regexSource = z.string().refine(
  (source) => {
    try {
      new RegExp(source, 'iu');
      return true;
    } catch {
      return false;
    }
  },
  { message: 'expected a valid regular expression' },
);

const NamedPattern = z.strictObject({ name: z.string().min(1), pattern: regexSource });

const BoilerplateFile = z.strictObject({
  $comment: z.string().optional(),
  dropLines: z.array(NamedPattern),
  footerStarts: z.array(NamedPattern),
  metadata: z.strictObject({
    published: z.array(NamedPattern),
    author: z.array(NamedPattern),
    source: z.array(NamedPattern),
  }),
  titleSeparators: regexSource,
  siteNameMaxLength: z.number().int().positive(),
});

export interface CompiledPattern {
  name: string;
  regex: RegExp;
}

export interface BoilerplateRules {
  dropLines: CompiledPattern[];
  footerStarts: CompiledPattern[];
  metadata: { published: CompiledPattern[]; author: CompiledPattern[]; source: CompiledPattern[] };
  titleSeparators: RegExp;
  siteNameMaxLength: number;
}

const compile = (patterns: Array<{ name: string; pattern: string }>): CompiledPattern[] =>
  patterns.map(({ name, pattern }) => ({ name, regex: new RegExp(pattern, 'iu') }));

/** Load and validate a boilerplate rules file; errors name the file and the place. */
export function loadBoilerplateRules(path = DEFAULT_BOILERPLATE_PATH): BoilerplateRules {
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new Error(`${path}: ${(error as Error).message}`);
  }
  const parsed = BoilerplateFile.safeParse(json);
  if (!parsed.success) throw new Error(formatZodError(parsed.error, path));
  const data = parsed.data;
  return {
    dropLines: compile(data.dropLines),
    footerStarts: compile(data.footerStarts),
    metadata: {
      published: compile(data.metadata.published),
      author: compile(data.metadata.author),
      source: compile(data.metadata.source),
    },
    titleSeparators: new RegExp(data.titleSeparators, 'u'),
    siteNameMaxLength: data.siteNameMaxLength,
  };
}
