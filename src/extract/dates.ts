/**
 * Date extraction (chrono-node style): cheap parsers propose candidates, overlapping readings are
 * reduced to one, candidates are resolved in text order against the narrative context and the
 * publication date, and refiners attach edges and times, compose adjacent parts and merge ranges.
 *
 * Every mention keeps what was stated apart from what was inferred: `basis` says where the value
 * came from (explicit, context = an earlier date in the text, publication = the `ref` date) and
 * `implied` lists the components that were not written.
 */
import type { DateMention } from '../types.ts';
import { formatPoint, isValidDay } from './dates/calendar.ts';
import { parseBareYear, parseFullYear, parseMinguo, parseTwoDigitYear } from './dates/parsers/absolute.ts';
import { parseCyclicYears, parseHolidays, parseLunarDates } from './dates/parsers/holiday.ts';
import { parseNumericDate } from './dates/parsers/numeric.ts';
import { parseDayOfMonth, parseMonth, parseMonthDay } from './dates/parsers/partial.ts';
import { parseDecades, parseElidedRanges, parseQuarters, parseSeasons, parseStandaloneEdges } from './dates/parsers/period.ts';
import {
  parseRelativeMonthQuarter,
  parseRelativeOffset,
  parseRelativePair,
  parseRelativeWords,
  parseWindow,
} from './dates/parsers/relative.ts';
import { parseTails } from './dates/parsers/tails.ts';
import { parseNthWeekday, parseWeekdayRanges, parseWeeks } from './dates/parsers/week.ts';
import { dropBlockedCompounds, dropOverlaps, dropRecurrences, markPublicationLabels } from './dates/refiners/candidates.ts';
import {
  absorbWeekdays,
  attachAroundSuffixes,
  attachEdges,
  attachSameDay,
  attachTimesOfDay,
  compose,
  dropWeak,
  mergeRanges,
} from './dates/refiners/mentions.ts';
import { resolveInOrder } from './dates/refiners/resolve.ts';
import { foldText } from './dates/text.ts';
import type { Candidate, Day, Parser } from './dates/types.ts';

export interface DateOptions {
  /** Publication date YYYY-MM-DD, or null when unknown. */
  ref: string | null;
}

/** Parsers in priority order: on equal spans the earlier one wins. */
const PARSERS: readonly Parser[] = [
  parseNumericDate,
  parseFullYear,
  parseBareYear,
  parseMinguo,
  parseLunarDates,
  parseMonthDay,
  parseElidedRanges,
  parseDecades,
  parseQuarters,
  parseHolidays,
  parseCyclicYears,
  parseRelativeOffset,
  parseWindow,
  parseRelativePair,
  parseRelativeWords,
  parseRelativeMonthQuarter,
  parseNthWeekday,
  parseTails,
  parseWeekdayRanges,
  parseWeeks,
  parseStandaloneEdges,
  parseSeasons,
  parseTwoDigitYear,
  parseMonth,
  parseDayOfMonth,
];

/** YYYY-MM-DD (a trailing time, as in 2016-06-15 13:56:39 or ISO 8601, is ignored). */
export function parseRef(ref: string | null): Day | null {
  if (ref === null) return null;
  const match = /^(\d{4})-(\d{2})-(\d{2})(?:$|[T ])/.exec(ref.trim());
  const day = match ? { y: Number(match[1]), m: Number(match[2]), d: Number(match[3]) } : null;
  if (!day || !isValidDay(day.y, day.m, day.d)) throw new Error(`invalid ref date (expected YYYY-MM-DD): ${ref}`);
  return day;
}

export function extractDates(text: string, options: DateOptions): DateMention[] {
  const folded = foldText(text);
  let candidates: Candidate[] = PARSERS.flatMap((parse) => parse(folded));
  candidates = dropBlockedCompounds(folded, candidates);
  candidates = dropRecurrences(folded, candidates);
  candidates = dropOverlaps(candidates);
  markPublicationLabels(folded, candidates);

  let ref = parseRef(options.ref);
  if (!ref) ref = labelledPublicationDate(candidates);

  let mentions = resolveInOrder(candidates, ref);
  mentions = attachEdges(folded, mentions);
  mentions = attachAroundSuffixes(folded, mentions);
  mentions = compose(folded, mentions);
  mentions = attachSameDay(folded, mentions);
  mentions = attachTimesOfDay(folded, mentions);
  mentions = absorbWeekdays(folded, mentions);
  mentions = mergeRanges(folded, mentions);
  mentions = dropWeak(mentions);

  return mentions.map((m) => ({
    start: m.start,
    end: m.end,
    text: text.slice(m.start, m.end),
    value: {
      start: formatPoint(m.value.start),
      end: m.value.end ? formatPoint(m.value.end) : null,
      granularity: m.value.granularity,
    },
    approx: m.approx,
    basis: m.basis,
    implied: m.implied,
    rule: m.rule,
  }));
}

/** With no ref given, a full date labelled 发布日期 in the text is the publication date. */
function labelledPublicationDate(candidates: Candidate[]): Day | null {
  for (const c of candidates) {
    if (!c.publicationLabel) continue;
    const resolution = c.resolve({ ref: null, year: null, month: null, day: null, latestExplicitYear: null }, -1);
    const p = resolution?.value.start;
    if (resolution && resolution.basis === 'explicit' && p?.m !== undefined && p.d !== undefined) return { y: p.y, m: p.m, d: p.d };
  }
  return null;
}
