/**
 * The last refiner: decide whether a draft is a quantity at all, and its kind.
 *
 * Precision first (a false figure costs the analyst a check):
 * - A lone 一 with a measure word (一个电商平台, 一次, 一方面) is an article, not a figure, unless it
 *   carries an approximation, a compound (一年半), a currency (一元) or stands alone.
 * - A Chinese numeral without unit or currency counts only when it has a scale (三千多万, 十一亿) or
 *   stands alone between punctuation; 三星, 十荟团, 五大玩法 and 百度 are words.
 * - An Arabic number without unit or currency counts when it has a scale, an approximation word, or
 *   is followed by punctuation or a function word; 99划算节 and 3.0时代 are names.
 * - Versions, codes, phone numbers, clock times and the digits of dates are never figures.
 */
import type { FigureKind, FigureMention } from '../../types.ts';
import type { Draft } from './build.ts';
import { ahead, inferMoney, isBoundary } from './build.ts';
import { isDigit } from './cores.ts';
import { figureLexicon, wordEndingAt, wordStartingAt } from './lexicon.ts';

const LATIN = /[A-Za-z]/;
/** Characters that may directly follow a bare Arabic number in running text. */
const FUNCTION_FOLLOWERS = new Set([...'的了和与及或是为在之以多余左上下到至也都就而并且但却被从向对比等内间中里，']);
const STRONG_RANK_CUES = ['排名', '排行', '名列', '位列', '位居', '排在', '排第', '排行榜'];

export type Accepted = Omit<FigureMention, 'text'>;

function isLineStart(text: string, at: number): boolean {
  let k = at - 1;
  while (k >= 0 && (text[k] === ' ' || text[k] === '\t' || text[k] === '\u3000')) k--;
  return k < 0 || text[k] === '\n' || text[k] === '\r';
}

/** 一、 1. （二） 3) at the start of a line or in brackets: list numbering. */
function isListMarker(text: string, start: number, end: number): boolean {
  const before = text[start - 1];
  const after = text[end];
  if (isLineStart(text, start) && after !== undefined && /[、.．)）]/.test(after)) return true;
  return before !== undefined && /[(（]/.test(before) && after !== undefined && /[)）]/.test(after);
}

/** Between punctuation (or text edges), and not a list marker. */
function standsAlone(text: string, start: number, end: number): boolean {
  if (!isBoundary(text[start - 1]) || !isBoundary(text[end])) return false;
  return !isListMarker(text, start, end);
}

/** A context word ending within a few characters before `at`, inside the same clause. */
function cueBefore(text: string, at: number, words: readonly string[], reach: number): string | null {
  for (let pos = at; pos >= Math.max(0, at - reach); pos--) {
    const word = wordEndingAt(text, pos, words);
    if (word) return word;
    const ch = text[pos - 1];
    if (ch === undefined || /[，。；！？,;!?\n、：:]/.test(ch) || isDigit(ch)) break;
  }
  return null;
}

function numeralText(text: string, draft: Draft): string {
  return text.slice(draft.core.start, draft.core.end);
}

/** Labels, codes, versions and clock times written with digits. */
function isCodeLike(text: string, draft: Draft): boolean {
  const { context } = figureLexicon();
  const core = draft.core;
  const numeral = numeralText(text, draft);
  const before = text[draft.start - 1];
  const after = text[draft.end];
  const afterCore = text[core.end];

  if (core.arabic) {
    // Glued to Latin letters: 5G, iPhone6, QQ2016, A4; an uppercase acronym before a unit is fine (GMV3年).
    if (before !== undefined && LATIN.test(before)) {
      const acronym = /[A-Z]{2,}$/.exec(text.slice(Math.max(0, draft.start - 8), draft.start));
      if (!acronym || (draft.unitKind === null && draft.currency === null)) return true;
    }
    if (before === ' ' && LATIN.test(text[draft.start - 2] ?? '') && draft.unitKind === null) return true;
    if (after !== undefined && LATIN.test(after)) return true;
    // Leading zeros (01, 007) are labels; nine or more bare digits are identifiers.
    if (/^-?0\d/.test(numeral)) return true;
    const integerDigits = /^-?(\d+)/.exec(numeral)?.[1] ?? '';
    if (integerDigits.length >= 11 || (integerDigits.length >= 9 && draft.unitKind === null && !core.scaled)) return true;
  }
  // 1.2.3, 2.0.1, 3/5, 13:56 and codes after a hyphen (号-3, A-1).
  if (before === '.' && isDigit(text[draft.start - 2])) return true;
  if (after === '.' && isDigit(text[draft.end + 1])) return true;
  if (afterCore === '.' && isDigit(text[core.end + 1])) return true;
  if ((before === '/' || before === ':' || before === '：') && isDigit(text[draft.start - 2])) return true;
  if ((afterCore === '/' || afterCore === ':' || afterCore === '：') && isDigit(text[core.end + 1])) return true;
  // 3·15晚会, 9·11事件: digits joined by a middle dot name a date or an event.
  if (/[·•・]/.test(before ?? '') && isDigit(text[draft.start - 2])) return true;
  if (/[·•・]/.test(afterCore ?? '') && isDigit(text[core.end + 1])) return true;
  // 7×24小时: a schedule, not a quantity.
  if (/[×*xX]/.test(afterCore ?? '') && isDigit(text[core.end + 1])) return true;
  if (/[×*]/.test(before ?? '') && isDigit(text[draft.start - 2])) return true;
  if (before === '-' && draft.upper === null && text[draft.start - 2] !== undefined && !isBoundary(text[draft.start - 2])) return true;
  if ((after === '-' || afterCore === '-') && isDigit(text[(after === '-' ? draft.end : core.end) + 1]) && draft.upper === null) return true;
  // Identifier context: 电话 400…, 编号 123, ICP备 ….
  const trimmedStart = draft.start - (before === ' ' || before === ':' || before === '：' ? 1 : 0);
  if (wordEndingAt(text, trimmedStart, context.codeBefore)) return true;
  // Versions, names and designations: 9.2版本, 3.0时代, 99划算节, 3号线.
  if (draft.unitKind === null && wordStartingAt(text, draft.unitEnd, context.notFigureAfter)) return true;
  // Clock times: 21点, 3时许, 下午3.
  if (draft.unitKind === null) {
    const next = text.slice(core.end, core.end + 2);
    if (/^点(?![\d零〇一二三四五六七八九])/.test(next) || /^时(?![间代候期刻段光空尚装事])/.test(next)) return true;
  }
  if (wordEndingAt(text, draft.start, context.timeBefore) && draft.unitKind === null) return true;
  return false;
}

/** N年 that is a calendar year or a relative date rather than a duration. */
function isDateLike(text: string, draft: Draft): boolean {
  const { context } = figureLexicon();
  if (draft.unitKind !== 'duration') return false;
  const rest = ahead(text, draft.end);
  // 3年前, 5天后: relative dates, the date extractor's job.
  if (/^(?:之|以)?[前后]/.test(rest) && !/^前后/.test(rest)) return true;
  // 1990-2000年, 2013至2015年: a span of calendar years.
  if (draft.unit === '年' && draft.hi !== null && /^\d{4}$/.test(numeralText(text, draft)) && Number(draft.lo) >= 1800 && Number(draft.lo) <= 2100) return true;
  if (draft.unit !== '年' || draft.prefixApprox || draft.suffixApprox || draft.core.inner || draft.hi !== null) return false;
  const numeral = numeralText(text, draft);
  if (!/^\d+$/.test(numeral)) return false;
  const durationCue = cueBefore(text, draft.start, context.durationBefore, 2) !== null || /^(?:来|间|之久|历史|多)/.test(rest);
  if (numeral.length === 4) return !durationCue;
  if (numeral.length === 2 && !durationCue) {
    if (/^[内里间来中]/.test(rest)) return false;
    if (wordEndingAt(text, draft.start, context.dateBefore)) return true;
    if (isBoundary(text[draft.start - 1])) return true;
  }
  return false;
}

function idiomContains(text: string, start: number, end: number): boolean {
  const { idioms, longestIdiom } = figureLexicon();
  // An idiom covering [start, end) starts at most longestIdiom - (end - start) before `start`.
  for (let at = Math.max(0, end - longestIdiom); at <= start; at++) {
    for (const idiom of idiomsStartingWith(text[at]!, idioms)) {
      if (at + idiom.length >= end && text.startsWith(idiom, at)) return true;
    }
  }
  return false;
}

let idiomIndex: Map<string, string[]> | null = null;

function idiomsStartingWith(ch: string, idioms: readonly string[]): readonly string[] {
  if (!idiomIndex) {
    idiomIndex = new Map();
    for (const idiom of idioms) {
      const bucket = idiomIndex.get(idiom[0]!);
      if (bucket) bucket.push(idiom);
      else idiomIndex.set(idiom[0]!, [idiom]);
    }
  }
  return idiomIndex.get(ch) ?? [];
}

function rankFromOrdinal(text: string, draft: Draft): Accepted | null {
  const { context } = figureLexicon();
  const core = draft.core;
  let end = core.end;
  let unit: string | null = null;
  const strongCue = cueBefore(text, core.start, STRONG_RANK_CUES, 4);
  const cue = strongCue ?? cueBefore(text, core.start, context.rankBefore, 2);
  if (text[end] === '名' && !/^名(?:字|称|义|单|片|额)/.test(ahead(text, end))) unit = '名';
  else if (text[end] === '位' && cue && !/^位(?:置|于|数)/.test(ahead(text, end))) unit = '位';
  if (unit) end++;
  const next = text[end];
  let accepted = unit !== null || cue !== null;
  if (!accepted && next !== undefined && /^(?:大|的|强)/.test(ahead(text, end))) accepted = true;
  if (!accepted && isBoundary(next)) {
    // 第一，… at the start of a clause enumerates points; 拿到第一。 ranks.
    const enumerates = isBoundary(text[core.start - 1]) && next !== undefined && context.enumerationFollowers.includes(next);
    accepted = !enumerates;
  }
  if (!accepted) return null;
  let approx: Accepted['approx'] = 'exact';
  const suffix = /^(?:左右|上下|以内|之内|以外|开外)/.exec(ahead(text, end));
  if (suffix) {
    approx = suffix[0] === '左右' || suffix[0] === '上下' ? 'about' : suffix[0] === '以内' || suffix[0] === '之内' ? 'under' : 'over';
    end += suffix[0].length;
  }
  return {
    start: core.start,
    end,
    kind: 'rank',
    value: Number(core.lo),
    max: null,
    approx,
    currency: null,
    currencyInferred: false,
    unit,
    rule: 'ordinal',
  };
}

/**
 * A lone 一 before a measure of time, age or size is a quantity (满一岁, 用了一年, 一公里), unlike
 * 一 before a classifier (一个平台). 有一天, 那一年, 每一天 and 同一天 tell when, not how long.
 */
function loneOneMeasures(text: string, draft: Draft): boolean {
  const before = text[draft.start - 1] ?? '';
  // 每一公里, 那一岁; 五块钱一斤 is a price per unit.
  if (/[那这某每同哪逐另钱元块毛角]/.test(before)) return false;
  if (draft.unitKind === 'age' || draft.rule === 'multiplier') return true;
  if (draft.unitKind === 'percent') return true; // 增长一成 (一成不变 is an idiom)
  if (draft.unitKind === 'number') return draft.unit !== null;
  if (draft.unitKind !== 'duration') return false;
  if (/[有当前后上下头整]/.test(before)) return false;
  return !/^[一到天年]/.test(ahead(text, draft.end)); // 一天一天, 一年一度, 一天到晚
}

/** 2018-2019赛季: two years joined by a dash name a period, not a range of quantities. */
function isYearRange(text: string, draft: Draft): boolean {
  if (draft.hi === null || draft.unitKind !== null || draft.prefixApprox || draft.suffixApprox) return false;
  const numeral = text.slice(draft.start, draft.end);
  const m = /^(\d{4})\s?[-–—~～/至到]\s?(\d{2}|\d{4})$/.exec(numeral);
  if (!m) return false;
  const from = Number(m[1]);
  return from >= 1800 && from <= 2100;
}

/** Turn a draft into a figure, or null when it is not a quantity. */
export function finalize(text: string, draft: Draft): Accepted | null {
  const core = draft.core;
  if (draft.suffixApprox === '之间' && draft.approx !== 'range') {
    draft.end -= '之间'.length;
    draft.suffixApprox = null;
  }
  if (core.shape === 'top-rank') {
    const last = text[core.end - 1];
    return {
      start: core.start,
      end: core.end,
      kind: 'rank',
      value: Number(core.lo),
      max: null,
      approx: 'under',
      currency: null,
      currencyInferred: false,
      unit: last === '名' || last === '位' ? last : null,
      rule: 'top-rank',
    };
  }
  if (core.shape === 'ordinal') return idiomContains(text, draft.start, draft.end) ? null : rankFromOrdinal(text, draft);
  if (idiomContains(text, draft.start, draft.end)) return null;
  if (isCodeLike(text, draft) || isDateLike(text, draft)) return null;

  const hasQualifier = draft.prefixApprox !== null || draft.suffixApprox !== null || core.inner !== null;
  const isRange = draft.hi !== null;
  const bare = draft.unitKind === null;
  const alone = standsAlone(text, draft.start, draft.end);

  if (core.bareScale && draft.prefixApprox === null) return null;
  if (bare && !hasQualifier && isListMarker(text, draft.start, draft.end)) return null;
  if (core.shape === 'leading-point' && !(bare && alone)) return null;
  if (isYearRange(text, draft)) return null;
  // 大于二十且…, 不到一半: a comparison word makes a Chinese numeral a quantity whatever follows.
  const compared = draft.prefixApprox !== null && draft.prefixApprox.length >= 2;
  if (core.shape === 'numeral' && !core.arabic && core.rule !== 'half') {
    if (core.loneOne && !isRange && !hasQualifier && !draft.compound && draft.currency === null && draft.unit !== '百分点' && !alone && !loneOneMeasures(text, draft)) return null;
    if (!core.hasDigit && !core.bareScale) {
      const numeral = numeralText(text, draft);
      const ok = hasQualifier || alone || draft.currency !== null ||
        (draft.unitKind !== null && draft.unitKind !== 'count') || (draft.unitKind === 'count' && numeral.startsWith('十'));
      if (!ok) return null;
    }
    if (bare && !(core.scaled && core.hasDigit) && !alone && !isRange && !compared) {
      // 花了三百。 counts; 其二， 周三， 初一， 老二 are labels and names.
      const before = text[draft.start - 1] ?? '';
      const labelBefore = /[其之第初周期拜老小阿高大星次排号届前]/.test(before);
      if (!isBoundary(text[draft.end]) || labelBefore || (core.loneOne && !hasQualifier)) return null;
    }
  }
  if (core.shape === 'vague-range' && bare && !core.scaled && !alone) return null;
  if (core.arabic && bare && !core.scaled && !hasQualifier) {
    // Ranges too: 7-11便利店 and 2-3号楼 are names, 3-5公里 has its unit.
    const after = text[draft.end];
    if (!isBoundary(after) && !FUNCTION_FOLLOWERS.has(after!)) return null;
  }
  if (core.arabic && !bare && draft.unit === '分' && !draft.currency) {
    // N分 is points only in scoring contexts; elsewhere it is minutes or a part of a time.
    if (!/[得打考获拿评扣]$/.test(text.slice(Math.max(0, draft.start - 1), draft.start))) return null;
  }

  let kind: FigureKind = draft.currency !== null ? 'money' : draft.unitKind ?? 'number';
  let currency = draft.currency;
  let currencyInferred = false;
  if (kind === 'number' && bare && core.shape !== 'fraction' && inferMoney(text, draft.start, draft.end)) {
    kind = 'money';
    currency = 'CNY';
    currencyInferred = true;
  }
  let end = draft.end;
  if (kind === 'duration' && draft.suffixApprox === null && text[end] === '大' && !/^大[学会概约多型量陆部家小]/.test(ahead(text, end))) {
    kind = 'age'; // 三个月大: 大 makes the duration an age and belongs to the expression
    end++;
  }
  if (kind === 'count' && (draft.unit === '名' || draft.unit === '位') && cueBefore(text, draft.start, STRONG_RANK_CUES, 4)) {
    kind = 'rank';
  }
  const unit = kind === 'money' ? null : draft.unit;
  return {
    start: draft.start,
    end,
    kind,
    value: Number(draft.lo),
    max: draft.hi === null ? null : Number(draft.hi),
    approx: draft.approx,
    currency,
    currencyInferred,
    unit,
    rule: ruleName(draft, kind),
  };
}

function ruleName(draft: Draft, kind: FigureKind): string {
  if (draft.rule === 'range') return `range-${kind}`;
  if (draft.rule === 'numeral' || draft.rule === 'money') return `${draft.core.arabic ? 'arabic' : 'chinese'}-${kind}`;
  return draft.rule;
}
