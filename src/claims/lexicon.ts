import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { LEXICON_DIR } from '../paths.ts';

export const PREDICATES_FILE = join(LEXICON_DIR, 'predicates.json');

const EntityTypeSchema = z.enum(['organization', 'product', 'person', 'place', 'event']);
const FigureKindSchema = z.enum(['money', 'count', 'percent', 'number', 'rank', 'duration', 'age']);
const words = z.array(z.string().min(1));

const TriggerSchema = z
  .strictObject({
    word: z.string().min(1).optional(),
    /** A regular expression (source) for triggers with variable parts, e.g. 登陆了?纳斯达克. */
    pattern: z.string().min(1).optional(),
    valency: z.enum(['transitive', 'intransitive', 'either', 'noun']),
    maxGap: z.number().int().min(0).optional(),
    /** Narrows the predicate's subject types for this trigger (成立: organizations; 上线: products). */
    subjectTypes: z.array(EntityTypeSchema).optional(),
    notFollowedBy: words.default([]),
    notPrecededBy: words.default([]),
  })
  .refine((t) => (t.word === undefined) !== (t.pattern === undefined), { message: 'give exactly one of "word" or "pattern"' })
  .refine((t) => t.pattern === undefined || isValidRegExp(t.pattern), { message: 'not a valid regular expression', path: ['pattern'] });

const PredicateSchema = z.strictObject({
  name: z.string().regex(/^[a-z]+$/, 'lower-case letters only (a qualifier is added after a dash)'),
  object: z.enum(['date', 'figure', 'entity']),
  subjectTypes: z.array(EntityTypeSchema).min(1),
  confidence: z.number().min(0).max(1),
  triggers: z.array(TriggerSchema).min(1),
  figureKinds: z.array(FigureKindSchema).default([]),
  /** Unit classes (see unitClasses) the figure may carry; a figure without unit is always allowed. */
  units: z.array(z.string()).default([]),
  figureNotFollowedBy: words.default([]),
  objectSide: z.enum(['after', 'before', 'both']).default('after'),
  /** What may stand between a figure and a trigger after it (571亿的成交额, 30亿美元的E轮融资). */
  beforeGap: z
    .string()
    .refine(isValidRegExp, { message: 'not a valid regular expression' })
    .default('^的?$'),
  /** Entity types preferred as subject anywhere before the trigger in the sentence (双十一 over 天猫 for GMV). */
  preferTypes: z.array(EntityTypeSchema).default([]),
  maxGap: z.number().int().min(0).default(6),
  /** The money must name what it is for (推广X, 入股X); without it the claim has low confidence. */
  requiresPatient: z.boolean().default(false),
  patientVerbs: words.default([]),
  /** Record who acts (an organization or person other than the subject). */
  agent: z.boolean().default(false),
  /** Claims with different agents are different facts (阿里's stake vs 腾讯's stake). */
  agentInKey: z.boolean().default(false),
  /** The value changes over time, so an undated claim cannot be compared with one from another time. */
  timeSensitive: z.boolean().default(false),
  qualifiers: z.record(z.string().min(1), z.string().regex(/^[a-z-]+$/)).default({}),
});

export const PredicateLexiconSchema = z.strictObject({
  $comment: z.string().optional(),
  version: z.number().int().positive(),
  negations: words,
  plans: words,
  hedges: words,
  /** 再次上线 / 追加投资 / 二次上市: a repeated event, not comparable with the first one. */
  repeatMarkers: words,
  comparisonMarkers: words,
  deltaMarkers: words,
  levelMarkers: words,
  modifierLinks: words,
  coordinators: words,
  intransitiveFollowers: words,
  aspectParticles: words,
  agentTypes: z.array(EntityTypeSchema),
  /** Where the noun phrase after a verb ends: jieba tags (p preposition, d adverb, c conjunction) and words. */
  phraseStops: z.strictObject({ tags: words, words }),
  /** Words that may stand beside a date in a clause that only sets the time (早在2009年, / 2015年前期,). */
  timeClauseWords: words,
  /** A name cited as a source (据QuestMobile数据显示) is not what the claim is about. */
  attribution: z.strictObject({ before: words, after: words }),
  /** 由腾讯推出 / 被阿里收购: the name after these acts; it is not what the claim is about. */
  agentMarkers: words,
  /** 向京东投资 / 对来往投入: the name after these is what the money goes to. */
  targetMarkers: words,
  /** 为了推广来往,阿里斥资…: a purpose stated before the money. */
  purposeMarkers: words,
  /** Verbs allowed between a measure noun and its figure (用户数达到5亿); any other verb means another figure. */
  gapVerbs: words,
  /** Generic nouns after a quoted name that keep the name as head (“集福”活动). */
  categoryNouns: words,
  /** jieba tags of nouns and verbs. */
  nounTags: words,
  /** Tags of a word that, right after a name, makes the name a modifier (微信小程序, 来往客户端). */
  modifiedTags: words,
  verbTags: words,
  unitClasses: z.record(z.string(), words),
  predicates: z.array(PredicateSchema).min(1),
}).superRefine((lexicon, ctx) => {
  lexicon.predicates.forEach((p, index) => {
    for (const unit of p.units) {
      if (!(unit in lexicon.unitClasses)) {
        ctx.addIssue({ code: 'custom', path: ['predicates', index, 'units'], message: `unknown unit class "${unit}"` });
      }
    }
    if (p.object === 'figure' && p.figureKinds.length === 0) {
      ctx.addIssue({ code: 'custom', path: ['predicates', index, 'figureKinds'], message: 'a figure predicate needs figureKinds' });
    }
  });
});

export type PredicateLexicon = z.output<typeof PredicateLexiconSchema>;
export type PredicateRule = PredicateLexicon['predicates'][number];
export type TriggerRule = PredicateRule['triggers'][number];

function isValidRegExp(source: string): boolean {
  try {
    new RegExp(source, 'u');
    return true;
  } catch {
    return false;
  }
}

/** Parse and validate a predicate lexicon; errors name the file and the key path. */
export function parsePredicateLexicon(json: unknown, file = 'predicates.json'): PredicateLexicon {
  const parsed = PredicateLexiconSchema.safeParse(json);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => {
      const path = issue.path.length ? issue.path.map(String).join('.') : '(top level)';
      return `${file}: ${path}: ${issue.message}`;
    });
    throw new Error(lines.join('\n'));
  }
  return parsed.data;
}

export function loadPredicateLexicon(file = PREDICATES_FILE): PredicateLexicon {
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(file, 'utf8').replace(/^\ufeff/, ''));
  } catch (error) {
    throw new Error(`${file}: ${(error as Error).message}`);
  }
  return parsePredicateLexicon(json, file);
}

let builtIn: PredicateLexicon | null = null;

/** The built-in lexicon, read once per process. */
export function defaultPredicateLexicon(): PredicateLexicon {
  builtIn ??= loadPredicateLexicon();
  return builtIn;
}

/** The lexicon entry of a claim's predicate (`downloads-daily` → `downloads`), or null. */
export function predicateRule(lexicon: PredicateLexicon, predicate: string): PredicateRule | null {
  const base = predicate.split('-', 1)[0];
  return lexicon.predicates.find((p) => p.name === base) ?? null;
}
