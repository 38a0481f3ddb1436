/**
 * Date extraction (chrono-node style): cheap parsers propose candidates, overlapping readings are
 * reduced to one, candidates are resolved in text order against the narrative context and the
 * publication date, and refiners attach edges and times, compose adjacent parts and merge ranges.
 *
 * Every mention keeps what was stated apart from what was inferred: `basis` says where the value
 * came from (explicit, context = an earlier date in the text, publication = the `ref` date) and
 * `implied` lists the components that were not written.
 *
 * Conventions (values at the expression's own precision, ends inclusive):
 * - A bare weekday (周五) is the nearest such day to the publication date, as chrono does; 下周三
 *   is in the Monday-to-Sunday week after the publication's. Weeks are day ranges (周一至五 too).
 * - N天后 / 两周后 are days, 三个月后 a month, 两年前 a year; 过去三天 / 未来两周 / 前两年 are the
 *   whole units before or after the publication's (not including it).
 * - Partial dates take the year of the narrative, else of the publication (not the nearest one).
 * - 最后一天 / 第一天 / 第N周 / 最后一周 only count right after a year or month (今年的最后一天);
 *   weeks of a year or month follow the ISO rule (the week holding most of its days).
 * - 去年的今天 carries the publication's day into that year or month (clamped to the month's end).
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
