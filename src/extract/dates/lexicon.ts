/** Date lexicons: JSON data under src/lexicons/, validated with zod when first loaded. */
import { loadBuiltInLexicon } from '../../lexicons/load.ts';
import { z } from 'zod';

const offsetWord = z.object({ word: z.string().min(1), offset: z.number().int() });
const word = z.string().min(1);

const windowPrefix = z.object({
  word,
  approx: z.boolean(),
  /** Smallest count the prefix takes (前一天 is a context word, 前两天 a window). */
  minCount: z.number().int().min(1).optional(),
  /** Only at the head of a clause: 春节前三天 counts back from the holiday, not from the publication. */
  clauseInitial: z.boolean().optional(),
});

const edge = z.object({
  word,
  level: z.enum(['year', 'quarter', 'month', 'decade', 'century']),
  from: z.number().int().min(0),
  to: z.number().int().min(0),
  standalone: z.boolean(),
  /** A suffix edge (初, 底 …) is no edge when the next character makes another word (初步, 底线). */
  notFollowedBy: z.array(z.string().min(1)).optional(),
});

const dateWordsFile = z.object({
  relativeDays: z.array(offsetWord),
  relativeYears: z.array(offsetWord),
  contextYears: z.array(offsetWord),
  contextMonths: z.array(offsetWord),
  contextDays: z.array(offsetWord),
  relativePrefixes: z.array(offsetWord),
  weekUnits: z.array(word),
  weekdays: z.array(z.object({ word, day: z.number().int().min(1).max(7) })),
  pastWindowPrefixes: z.array(windowPrefix),
  futureWindowPrefixes: z.array(windowPrefix),
  edges: z.array(edge),
  halfMonths: z.array(z.object({ word, from: z.number().int().min(1), to: z.number().int().max(31) })),
  aroundSuffixes: z.array(word),
  timeOfDay: z.array(word),
  blockedCompounds: z.array(word),
  recurrencePrefixes: z.array(word),
  durationCues: z.array(word),
  twoDigitYearCues: z.object({ before: z.array(word), after: z.array(word) }),
  publicationLabels: z.array(word),
  weekNotFollowedBy: z.array(word),
});

const holiday = z
  .object({
    names: z.array(word).min(1),
    calendar: z.enum(['solar', 'lunar', 'lunarEve', 'solarTerm', 'nthWeekday', 'easter']),
    month: z.number().int().min(1).max(12).optional(),
    day: z.number().int().min(1).max(31).optional(),
    term: word.optional(),
    weekday: z.number().int().min(1).max(7).optional(),
    nth: z.number().int().min(1).max(5).optional(),
    approx: z.boolean().optional(),
    /** Days after (negative: before) the calendar day: 寒食节 is the day before 清明. */
    offset: z.number().int().optional(),
    notPrecededBy: z.array(word).optional(),
    notFollowedBy: z.array(word).optional(),
    followedBy: z.array(word).optional(),
    /** The name alone is no date; it counts only with an eve or period suffix (十一期间). */
    suffixRequired: z.boolean().optional(),
  })
  .refine((h) => (h.calendar === 'solar' || h.calendar === 'lunar' ? h.month && h.day : true), {
    message: 'solar and lunar holidays need month and day',
  })
  .refine((h) => (h.calendar === 'solarTerm' ? !!h.term : true), { message: 'solarTerm needs term' })
  .refine((h) => (h.calendar === 'nthWeekday' ? h.month && h.weekday && h.nth : true), {
    message: 'nthWeekday needs month, weekday and nth',
  });

const holidaysFile = z.object({
  holidays: z.array(holiday),
  eveSuffixes: z.array(word),
  periodSuffixes: z.array(word),
  zodiac: z.array(word).length(12),
  heavenlyStems: z.array(word).length(10),
  earthlyBranches: z.array(word).length(12),
  lunarMonths: z.array(z.object({ word, month: z.number().int().min(1).max(12) })),
});

export type DateWords = z.infer<typeof dateWordsFile>;
export type Holiday = z.infer<typeof holiday>;
export type HolidayLexicon = z.infer<typeof holidaysFile>;
export type Edge = z.infer<typeof edge>;
export type WindowPrefix = z.infer<typeof windowPrefix>;

const load = loadBuiltInLexicon;

let words: DateWords | null = null;
let holidays: HolidayLexicon | null = null;

export function dateWords(): DateWords {
  words ??= load('date-words.json', dateWordsFile);
  return words;
}

export function holidayLexicon(): HolidayLexicon {
  holidays ??= load('holidays.json', holidaysFile);
  return holidays;
}

/** Regex alternation of words, longest first so the regex prefers 大前天 over 前天. */
export function alternation(list: readonly string[]): string {
  return [...new Set(list)]
    .sort((a, b) => b.length - a.length)
    .map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
    .join('|');
}
