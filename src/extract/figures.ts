/**
 * Figure extraction: money, counts, percentages, plain numbers, ranks, durations and ages in a
 * Simplified Chinese text, with offsets into that text.
 *
 * Pipeline (chrono-node style): a cheap candidate scan finds numeric cores (figures/cores.ts), strict
 * refiners attach units, currencies and approximation words and merge ranges (figures/build.ts), and
 * a final refiner decides what is a quantity and drops overlaps (figures/accept.ts). Values are exact:
 * scales move the decimal point of a digit string (numerals.ts).
 *
 * Conventions:
 * - value is in base units: money in the currency's unit (1000万元 → 10000000, 五毛 → 0.5), percent
 *   in percent (26% → 26, 七成 → 70, 千分之五 → 0.5), durations in the unit written (24小时 → 24, unit
 *   小时; 半年 → 0.5, unit 年), ranks as the position.
 * - For `over`/`under` the value is the stated bound; ranges give value..max (几十万 → 200000..900000:
 *   几 and 数 read as 2..9; 十几 as 11..19).
 * - unit: the measure word or symbol (人, 家, 个, %, 百分点, 公里, 岁, 年, 月, 小时); null for money
 *   (the currency field says it) and for plain numbers. 万/亿 are scales, never units.
 * - currencyInferred: a bare amount in a money context (斥资10亿, 571亿的成交额) gets CNY.
 * - Halves and dozens are numbers: 半 and 一半 → 0.5, 半岁 → age 0.5, 一打 → 12, 半打 → 6 (no unit).
 * - An age written as a duration plus 大 covers the 大: 三个月大 → age 3, unit 月.
 * - A lone 一 is a quantity before a measure of age, time, size or percent (满一岁, 用了一年, 一公里,
 *   增长一成) but not before a classifier (一个平台) nor after 那/每/同/有 (那一年, 有一天).
 * - A lower bound directly followed by an upper one is one range: 大于20小于30 → 20..30. 比20大 is
 *   over 20 and 比20小 under, the span covering 比 and the comparative.
 * - A currency written before a generic 元 names it: 港币10元 → HKD. 零下 is the sign of a
 *   temperature: 零下5到10度 → -10..-5.
 * - Fractions: 三又五分之一 → 3.2, 负十三分之一 → -1/13; .77 and 点七七 → 0.77 when they stand alone.
 */
import type { FigureMention } from '../types.ts';
import { normalizeDigits } from './numerals.ts';
import { finalize, type Accepted } from './figures/accept.ts';
import { blockedSpans, SpanIndex } from './figures/blocked.ts';
import { attachPrefix, attachSuffix, mergeRange, type Draft } from './figures/build.ts';
import { scanCores } from './figures/cores.ts';

export interface FigureOptions {
  /** Spans already taken (dates): figures must not overlap them. */
  exclude?: Array<{ start: number; end: number }>;
}

function mergeRanges(text: string, drafts: Draft[]): Draft[] {
  const out: Draft[] = [];
  for (let i = 0; i < drafts.length; i++) {
    const left = drafts[i]!;
    const right = drafts[i + 1];
    if (right && right.start >= left.end) {
      const merged = mergeRange(text, left, right, right.start);
      if (merged) {
        out.push(merged);
        i++;
        continue;
      }
    }
    out.push(left);
  }
  return out;
}

/** Joins a lower bound to the upper bound after it: 大于20小于30, 大于二十且小于三十. */
const BOUNDS_JOINER = /^(?:|并且|且|而且|而|并|但|但是)$/;

/** A lower bound directly followed by an upper bound of the same measure is one range. */
function mergeBounds(text: string, figures: Accepted[]): Accepted[] {
  const out: Accepted[] = [];
  for (let i = 0; i < figures.length; i++) {
    const low = figures[i]!;
    const high = figures[i + 1];
    if (
      high && low.approx === 'over' && high.approx === 'under' && high.start >= low.end &&
      BOUNDS_JOINER.test(text.slice(low.end, high.start)) &&
      low.kind === high.kind && low.unit === high.unit && low.currency === high.currency && low.value < high.value
    ) {
      out.push({ ...low, end: high.end, max: high.value, approx: 'range', rule: 'bounds-range' });
      i++;
      continue;
    }
    out.push(low);
  }
  return out;
}

/**
 * Keep the longest of overlapping figures (ties: the earlier one). Only figures in one chain of
 * overlaps compete, so each chain is settled on its own: linear in the text, not quadratic.
 */
function dropOverlaps(figures: Accepted[]): Accepted[] {
  const byStart = [...figures].sort((a, b) => a.start - b.start || b.end - a.end);
  const kept: Accepted[] = [];
  let group: Accepted[] = [];
  let groupEnd = -Infinity;
  const settle = () => {
    const byLength = group.sort((a, b) => b.end - b.start - (a.end - a.start) || a.start - b.start);
    const chosen: Accepted[] = [];
    for (const figure of byLength) {
      if (!chosen.some((k) => k.start < figure.end && figure.start < k.end)) chosen.push(figure);
    }
    kept.push(...chosen.sort((a, b) => a.start - b.start));
  };
  for (const figure of byStart) {
    if (figure.start >= groupEnd && group.length > 0) {
      settle();
      group = [];
    }
    group.push(figure);
    groupEnd = Math.max(groupEnd, figure.end);
  }
  if (group.length > 0) settle();
  return kept;
}

export function extractFigures(text: string, options: FigureOptions = {}): FigureMention[] {
  // Full-width digits become ASCII one unit for one unit, so offsets stay those of `text`.
  const normalized = normalizeDigits(text);
  const blocked = new SpanIndex([...blockedSpans(normalized), ...(options.exclude ?? [])]);
  const cores = scanCores(normalized).filter((core) => !blocked.overlaps(core.start, core.end));
  const drafts = mergeRanges(
    normalized,
    cores.map((core) => attachSuffix(normalized, core)),
  );
  const accepted: Accepted[] = [];
  for (const draft of drafts) {
    attachPrefix(normalized, draft);
    const figure = finalize(normalized, draft);
    if (figure && !blocked.overlaps(figure.start, figure.end)) accepted.push(figure);
  }
  return mergeBounds(normalized, dropOverlaps(accepted)).map((figure) => ({ ...figure, text: text.slice(figure.start, figure.end) }));
}
