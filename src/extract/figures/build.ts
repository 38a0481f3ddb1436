/**
 * Refiners: grow a numeric core into a figure by attaching what is written around it.
 *
 * Span convention (consistent for every figure): the span covers the approximation words that
 * belong to the quantity (约, 超过, 近 before; 多, 余 inside; 左右, 以上, + after), a currency written
 * before or after it (人民币, $, 元, 美元, 块钱, 元整), the scale (万, 亿) and the unit or measure word
 * (人, 家, 个月, %, 百分点), and for ranges both ends with the connector (3-5公里). It never covers
 * context words that only tell what the number is about (斥资, 营收, 排名, 打 in 打八折).
 */
import type { Approximation, FigureKind } from '../../types.ts';
import { addDigits, CHINESE_DIGITS, multiplyDigits, scaleDigits } from '../numerals.ts';
import type { Core } from './cores.ts';
import { isDigit, isNumeralChar } from './cores.ts';
import { entriesEndingAt, entriesStartingAt, figureLexicon, wordEndingAt, wordStartingAt, type UnitEntry } from './lexicon.ts';

export interface Draft {
  start: number;
  end: number;
  core: Core;
  /** Right-hand core when two cores were merged into a range. */
  upper: Core | null;
  /** Lower bound / value in base units (after unit factors). */
  lo: string;
  hi: string | null;
  approx: Approximation;
  currency: string | null;
  currencyInferred: boolean;
  /** The currency is written (not only a measure word like 块 taken as money by context). */
  currencyWord: string | null;
  unit: string | null;
  unitKind: FigureKind | null;
  /** An approximation word before or after the core was attached. */
  prefixApprox: string | null;
  suffixApprox: string | null;
  /** A compound like 一块二毛五 or 一年半 added a smaller part. */
  compound: boolean;
  /** End of the core plus the unit/currency, before suffix approximation words. */
  unitEnd: number;
  rule: string;
}

function isRankShape(core: Core): boolean {
  return core.shape === 'ordinal' || core.shape === 'top-rank';
}

/** The next few characters: look-ahead patterns never need more, and slicing to the end is O(n). */
export function ahead(text: string, at: number): string {
  return text.slice(at, at + 12);
}

const PUNCTUATION = /[\s\p{P}\p{S}]/u;

export function isBoundary(ch: string | undefined): boolean {
  return ch === undefined || PUNCTUATION.test(ch);
}

function notFollowed(text: string, at: number, words: readonly string[]): boolean {
  return !words.some((w) => text.startsWith(w, at));
}

/** Chinese digits usable as the single digit of a money compound (3块5, 一块二毛五). */
const COMPOUND_DIGIT: Record<string, number> = Object.fromEntries(
  Object.entries(CHINESE_DIGITS).filter(([ch, value]) => value > 0 && ch !== '幺'),
);

function compoundDigit(ch: string | undefined): number | null {
  if (ch === undefined) return null;
  if (isDigit(ch)) return Number(ch);
  return COMPOUND_DIGIT[ch] ?? null;
}

/**
 * 3块5, 一块二毛五, 3元5角2分, 三元零一分: the smaller money units after a major one. `level` is the
 * power of ten of the unit just read (0 for 元). Returns the amount added and the new end.
 */
function readMoneyCompound(text: string, at: number, level: number): { add: string; end: number } | null {
  const { minorCurrencyUnits } = figureLexicon();
  let pos = at;
  let total = '0';
  let found = false;
  while (pos < text.length) {
    let q = pos;
    let skippedZero = false;
    if (text[q] === '零') {
      skippedZero = true;
      q++;
    }
    const digit = compoundDigit(text[q]);
    // One digit per place: 3块50 or 两块五十 are not compounds; in 一块五一个 the 一 starts a new quantity.
    if (digit === null || (isNumeralChar(text[q + 1]) && !startsQuantityOfOne(text, q + 1))) break;
    q++;
    const minor = minorCurrencyUnits.find((m) => text.startsWith(m.word, q) && m.powerOfTen < level);
    if (minor) {
      // 分 after a number is also points or minutes: only inside a compound that already has 元/角.
      total = addDigits(total, scaleDigits(String(digit), minor.powerOfTen));
      level = minor.powerOfTen;
      pos = q + minor.word.length;
      found = true;
      continue;
    }
    if (skippedZero || level - 1 < -2) break;
    // 两块一斤: a digit before a measure word starts the next quantity.
    if (entriesStartingAt(text, q, figureLexicon().units).some((u) => text.startsWith(u.word, q))) break;
    // Elided unit: 3块5 is 3.5, 一块二毛五 ends in 五分.
    total = addDigits(total, scaleDigits(String(digit), level - 1));
    pos = q;
    found = true;
    break;
  }
  return found ? { add: total, end: pos } : null;
}

/** 一个, 一斤, 两瓶 at `at`: one or two of a measure word, as in the price 一块五一个. */
function startsQuantityOfOne(text: string, at: number): boolean {
  if (text[at] !== '一' && text[at] !== '两') return false;
  return entriesStartingAt(text, at + 1, figureLexicon().units).some((u) => text.startsWith(u.word, at + 1));
}

/** A unit from the lexicon starting at `at`, honouring its restrictions. */
function unitAt(text: string, at: number, core: Core): UnitEntry | null {
  const { units } = figureLexicon();
  for (const entry of entriesStartingAt(text, at, units)) {
    if (!text.startsWith(entry.word, at)) continue;
    const after = at + entry.word.length;
    if (!notFollowed(text, after, entry.notFollowedBy)) continue;
    if (!entry.chineseNumeralOk && !core.arabic && !chineseNumeralAllowed(entry, core)) continue;
    if (entry.latin && /[A-Za-z]/.test(text[after] ?? '')) continue;
    // A dozen of something: 一打, 两打, 半打; 三打一 and 3打2 are scores.
    if (entry.multiplier && (isNumeralChar(text[after]) || core.hi !== null || Number(core.lo) > 100)) continue;
    return entry;
  }
  return null;
}

function chineseNumeralAllowed(entry: UnitEntry, core: Core): boolean {
  if (entry.chineseNumeralMin === undefined) return false;
  const value = Number(core.lo);
  return value < 0 || Math.abs(value) >= entry.chineseNumeralMin;
}

function moneyContextBefore(text: string, start: number): boolean {
  const { context } = figureLexicon();
  for (let pos = start; pos >= Math.max(0, start - 8); pos--) {
    if (wordEndingAt(text, pos, context.moneyBefore)) return true;
    const ch = text[pos - 1];
    if (ch === undefined || /[，。；！？,;!?\n]/.test(ch) || isDigit(ch)) break;
  }
  return false;
}

export function inferMoney(text: string, start: number, end: number): boolean {
  if (moneyContextBefore(text, start)) return true;
  return wordStartingAt(text, end, figureLexicon().context.moneyAfter) !== null;
}

const MAJOR_CNY = new Set(['元', '圆', '块', '块钱', '元人民币']);
/** Suffixes that name a currency unit without naming the currency when another one is written before. */
const GENERIC_MAJOR = new Set(['元', '圆']);

/** Attach inner approximation, scale after it, unit or currency, compounds and suffix approximation. */
export function attachSuffix(text: string, core: Core): Draft {
  const lexicon = figureLexicon();
  const draft: Draft = {
    start: core.start,
    end: core.end,
    core,
    upper: null,
    lo: core.lo,
    hi: core.hi,
    approx: core.approx,
    currency: null,
    currencyInferred: false,
    currencyWord: null,
    unit: null,
    unitKind: null,
    prefixApprox: null,
    suffixApprox: null,
    compound: false,
    unitEnd: core.end,
    rule: core.rule,
  };
  let pos = core.end;

  if (core.shape === 'percent-words') {
    draft.lo = scaleDigits(core.lo, core.percentPower!);
    draft.hi = core.hi === null ? null : scaleDigits(core.hi, core.percentPower!);
    draft.unit = '%';
    draft.unitKind = 'percent';
  } else if (core.shape === 'half') {
    const unit = text.startsWith('个', pos) ? `个${core.halfUnit}` : core.halfUnit!;
    draft.unit = normalizeTimeUnit(core.halfUnit!);
    draft.unitKind = 'duration';
    pos += unit.length;
  } else if (core.shape === 'discount') {
    draft.unit = '%';
    draft.unitKind = 'percent';
    pos += 1; // 折
  } else if (core.shape === 'fraction' || isRankShape(core)) {
    // Ordinals take 名/位 in accept.ts; fractions carry no unit.
  } else {
    // Inner approximation (三千多万, 十余家, 二十来岁), possibly followed by a scale.
    if (core.shape === 'numeral' && !core.bareScale) {
      const inner = lexicon.innerApprox.find(
        (e) => text.startsWith(e.word, pos) && notFollowed(text, pos + e.word.length, e.notFollowedBy),
      );
      if (inner) {
        let q = pos + inner.word.length;
        const scale = /^(?:万亿|千万|百万|十万|万|亿|千|百)/.exec(ahead(text, q));
        const scalePower = scale ? { 万亿: 12, 千万: 7, 百万: 6, 十万: 5, 万: 4, 亿: 8, 千: 3, 百: 2 }[scale[0]]! : 0;
        const scaleOk = scale !== null && scalePower > core.trailingScale && !isNumeralChar(text[q + scale[0].length]);
        const followerOk = scaleOk || unitAt(text, q, core) !== null || currencyAt(text, q) !== null;
        if (!inner.needsFollower || followerOk) {
          if (scaleOk) {
            draft.lo = scaleDigits(draft.lo, scalePower);
            q += scale![0].length;
          }
          draft.approx = inner.approx;
          core = { ...core, inner: inner.word, scaled: core.scaled || (scaleOk && scalePower >= 4) };
          draft.core = core;
          pos = q;
          draft.end = q;
        }
      }
    }
    pos = attachUnitOrCurrency(text, draft, pos);
  }
  draft.unitEnd = pos;
  draft.end = pos;
  attachSuffixApprox(text, draft);
  return draft;
}

/** A currency written after the amount (元, 美元, 块钱, RMB), honouring its restrictions. */
function currencyAt(text: string, at: number) {
  const { suffixCurrencies } = figureLexicon();
  for (const entry of entriesStartingAt(text, at, suffixCurrencies)) {
    if (!text.startsWith(entry.word, at)) continue;
    const after = at + entry.word.length;
    if (!notFollowed(text, after, entry.notFollowedBy)) continue;
    if (entry.latin && /[A-Za-z]/.test(text[after] ?? '')) continue;
    return entry;
  }
  return null;
}

function normalizeTimeUnit(word: string): string {
  if (word === '钟头') return '小时';
  if (word === '星期' || word === '礼拜') return '周';
  if (word === '日') return '天';
  return word;
}

/** 10块到20块: a range connector, a number and the same currency word follow. */
function rangeClosedBy(text: string, at: number, word: string): boolean {
  const m = /^\s?(?:-|–|—|~|～|〜|至|到)\s?[\d零一二两三四五六七八九十百千万亿.]+/.exec(ahead(text, at));
  return m !== null && text.startsWith(word, at + m[0].length);
}

/** Units that take a trailing 半 (一年半, 3岁半, 两个半小时 is handled before the unit). */
const HALF_AFTER = new Set(['年', '天', '小时', '岁', '月', '周', '分钟', '世纪']);

function attachUnitOrCurrency(text: string, draft: Draft, start: number): number {
  const lexicon = figureLexicon();
  const core = draft.core;
  let pos = start;
  // An Arabic number may be separated from its unit by one space (100 美元, 5 公里).
  if (core.arabic && text[pos] === ' ' && !/\s/.test(text[pos + 1] ?? ' ')) {
    if (currencyAt(text, pos + 1) || unitAt(text, pos + 1, core)) pos++;
  }

  // 两个半小时: 个半 between the numeral and a time unit.
  const halfTime = /^个半(小时|钟头|月|星期|礼拜|世纪)/.exec(ahead(text, pos));
  if (halfTime) {
    draft.lo = addDigits(draft.lo, '0.5');
    draft.unit = normalizeTimeUnit(halfTime[1]!);
    draft.unitKind = 'duration';
    draft.compound = true;
    return pos + halfTime[0].length;
  }

  // 七成 → 70 percent; 八折, 7.5折 → 80, 75 percent (the price paid).
  const tenth = /^(成|折)/.exec(ahead(text, pos));
  if (tenth && Number(draft.lo) <= 10 && Number(draft.hi ?? draft.lo) <= 10 && !core.scaled) {
    const blocked = tenth[1] === '成'
      ? /^成(?:交|本|员|立|功|长|果|绩|熟|都|就|型|品|分|年|人|为了|效|份|了|像|天|群|批|套|片|形|全|家|名|真|语|婚|行|绩)/
      : /^折(?:扣|叠|腾|旧|合|算|射|线|磨|返|价|损|现|中)/;
    if (!blocked.test(ahead(text, pos))) {
      draft.lo = scaleDigits(draft.lo, 1);
      if (draft.hi !== null) draft.hi = scaleDigits(draft.hi, 1);
      draft.unit = '%';
      draft.unitKind = 'percent';
      draft.rule = tenth[1] === '成' ? 'tenths' : 'discount';
      let end = pos + 1;
      // 三成五 → 35%.
      const digit = compoundDigit(text[end]);
      if (tenth[1] === '成' && digit !== null && !isNumeralChar(text[end + 1]) && draft.hi === null) {
        draft.lo = addDigits(draft.lo, String(digit));
        end++;
      }
      return end;
    }
  }

  const currency = currencyAt(text, pos);
  if (currency) {
    let end = pos + currency.word.length;
    let amount = scaleDigits(draft.lo, currency.powerOfTen);
    let compound = false;
    // 钱 closes an amount: in 五块钱一斤 the 一 starts the next quantity.
    if ((MAJOR_CNY.has(currency.word) || currency.powerOfTen < 0) && !currency.word.endsWith('钱')) {
      const extra = readMoneyCompound(text, end, currency.powerOfTen);
      if (extra && draft.hi === null) {
        amount = addDigits(amount, extra.add);
        end = extra.end;
        compound = true;
      }
    }
    const tail = wordStartingAt(text, end, lexicon.moneyTail);
    const confirmed =
      !currency.ambiguous || compound || tail !== null || isBoundary(text[end]) ||
      rangeClosedBy(text, end, currency.word) ||
      /^(?:的|左右|多|以上|以下|上下|起|每|半(?![天年月个小]))/.test(ahead(text, end)) || moneyContextBefore(text, draft.start);
    if (confirmed) {
      if (tail) end += tail.length;
      draft.lo = amount;
      if (draft.hi !== null) draft.hi = scaleDigits(draft.hi, currency.powerOfTen);
      draft.currency = currency.code;
      draft.currencyWord = currency.word;
      draft.unitKind = 'money';
      draft.compound = compound;
      draft.rule = compound ? 'money-compound' : 'money';
      if (/^半/.test(ahead(text, end)) && MAJOR_CNY.has(currency.word) && !compound) {
        draft.lo = addDigits(draft.lo, '0.5'); // 一块半
        draft.compound = true;
        end++;
      }
      return end;
    }
  }

  const unit = unitAt(text, pos, core);
  if (unit) {
    let end = pos + unit.word.length;
    draft.unit = unit.unit ?? unit.word;
    draft.unitKind = unit.kind;
    if (unit.powerOfTen) {
      draft.lo = scaleDigits(draft.lo, unit.powerOfTen);
      if (draft.hi !== null) draft.hi = scaleDigits(draft.hi, unit.powerOfTen);
    }
    if (unit.multiplier) {
      // The value is in items: 两打 → 24, no unit.
      draft.lo = multiplyDigits(draft.lo, String(unit.multiplier));
      draft.unit = null;
      draft.rule = 'multiplier';
      return end;
    }
    if (unit.inner) draft.approx = unit.inner;
    if (unit.kind === 'duration' || unit.kind === 'age') draft.unit = normalizeTimeUnit(draft.unit);
    if (text[end] === '半' && HALF_AFTER.has(draft.unit) && draft.hi === null && !/^半[年月天日]/.test(ahead(text, end)) && !/^半载/.test(ahead(text, end))) {
      draft.lo = addDigits(draft.lo, '0.5');
      draft.compound = true;
      end++;
    }
    return end;
  }
  return pos;
}

function attachSuffixApprox(text: string, draft: Draft): void {
  const { suffixApprox } = figureLexicon();
  const entry = entriesStartingAt(text, draft.end, suffixApprox).find(
    (e) => text.startsWith(e.word, draft.end) && notFollowed(text, draft.end + e.word.length, e.notFollowedBy),
  );
  if (!entry) return;
  // 多 after a unit only (3年多, 1万多 is inner); + must not start an arithmetic expression.
  if (entry.word === '多' && (draft.unit === null && draft.currency === null || draft.approx !== 'exact')) return;
  if (entry.word === '+' && isDigit(text[draft.end + 1])) return;
  if (isRankShape(draft.core)) return;
  // 之间 only closes a range (10到20之间): attached here, removed again in accept.ts when no range forms.
  draft.suffixApprox = entry.word;
  if (entry.approx === 'range') {
    draft.end += entry.word.length;
    return;
  }
  if (draft.approx !== 'range') draft.approx = entry.approx;
  draft.end += entry.word.length;
}

/** Connector between the two ends of a range; the right end may repeat a currency sign ($10-$20). */
const RANGE_CONNECTOR = /^\s?(?:-|–|—|~|～|〜|至|到)\s?(?:[$¥￥€£]|US\$|人民币)?$/;
/** 和/与 join two numbers into a range only when 之间 follows (在10和20之间). */
const BETWEEN_CONNECTOR = /^\s?(?:和|与|跟|及)\s?$/;

/**
 * Merge `left` and `right` into a range when only a connector separates them: 3-5公里, 2万-8万元,
 * 两到三万. A left side without scale or unit takes the right side's (2-8万 → 20000..80000).
 */
export function mergeRange(text: string, left: Draft, right: Draft, rightStart: number): Draft | null {
  if (isRankShape(left.core) || isRankShape(right.core)) return null;
  if (left.hi !== null || right.hi !== null || left.suffixApprox || left.approx !== 'exact') return null;
  if (right.approx !== 'exact' && right.approx !== 'about' && right.suffixApprox !== '之间') return null;
  const connector = text.slice(left.end, rightStart);
  const between = BETWEEN_CONNECTOR.test(connector) && right.suffixApprox === '之间';
  if (!RANGE_CONNECTOR.test(connector) && !between) return null;
  if (left.unit !== null && left.unit !== right.unit) return null;
  if (left.currency !== null && left.currency !== right.currency) return null;
  if (left.core.arabic !== right.core.arabic && left.core.arabic) return null;

  let lo = left.lo;
  if (left.unitKind === null) {
    // The left side is bare: it shares the right side's scale and unit factor.
    const rightCoefficient = scaleDigits(right.core.lo, -right.core.trailingScale);
    const scale = right.core.trailingScale >= 3 && !left.core.scaled ? right.core.trailingScale : 0;
    if (scale > 0 && Number(left.core.lo) < Number(rightCoefficient)) lo = scaleDigits(lo, scale);
    lo = applyUnitFactor(lo, right);
  }
  if (!(Number(lo) < Number(right.lo))) return null;
  return {
    ...right,
    start: left.start,
    core: left.core,
    upper: right.core,
    lo,
    hi: right.lo,
    approx: 'range',
    prefixApprox: left.prefixApprox,
    rule: 'range',
  };
}

/** Apply to a bare left value the factor the right side's unit applied (成 ×10, 元 ×1, 美分 ×0.01). */
function applyUnitFactor(value: string, right: Draft): string {
  const rightRaw = Number(right.core.lo);
  if (rightRaw === 0) return value;
  const factor = Number(right.lo) / rightRaw;
  const power = Math.round(Math.log10(factor));
  if (power !== 0 && Math.abs(factor - 10 ** power) < 1e-9 * factor) return scaleDigits(value, power);
  return value;
}

/** Prefix currency (人民币, $, US$) and approximation words (约, 超过, 近) written before the figure. */
export function attachPrefix(text: string, draft: Draft): void {
  const lexicon = figureLexicon();
  for (let round = 0; round < 2; round++) {
    if (draft.currency === null || draft.currencyWord === null || round > 0) {
      const gap = text[draft.start - 1] === ' ' && /[A-Z$¥￥€£]/.test(text[draft.start - 2] ?? '') ? 1 : 0;
      const currency = entriesEndingAt(text, draft.start - gap, lexicon.prefixCurrencies).find((c) => {
        const at = draft.start - gap - c.word.length;
        return at >= 0 && text.startsWith(c.word, at);
      });
      // 港币10元: 元 is the generic word for a currency unit, the prefix names the currency.
      const genericSuffix = draft.currencyWord !== null && GENERIC_MAJOR.has(draft.currencyWord);
      if (
        currency &&
        (draft.currency === null || draft.currency === currency.code || genericSuffix) &&
        (draft.unitKind === null || draft.unitKind === 'money') &&
        !isRankShape(draft.core)
      ) {
        draft.start -= gap + currency.word.length;
        if (genericSuffix && draft.currency !== currency.code) draft.currencyWord = currency.word;
        draft.currency = currency.code;
        draft.currencyWord = draft.currencyWord ?? currency.word;
        draft.unitKind = 'money';
        if (draft.rule === 'numeral' || draft.rule === 'range') draft.rule = draft.rule === 'range' ? 'range' : 'money';
      }
    }
    if (draft.prefixApprox === null && !isRankShape(draft.core)) {
      const approx = entriesEndingAt(text, draft.start, lexicon.prefixApprox).find((a) => {
        const at = draft.start - a.word.length;
        if (at < 0 || !text.startsWith(a.word, at)) return false;
        if (a.bareScaleOnly && !draft.core.bareScale && !/^[百千万亿]/.test(ahead(text, draft.core.start))) return false;
        if (a.approx === 'range' && draft.approx !== 'range') return false; // 介于 opens a range only
        return !falseApproxPrefix(text, at, a.word);
      });
      if (approx) {
        draft.start -= approx.word.length;
        draft.prefixApprox = approx.word;
        if (draft.approx === 'exact') draft.approx = approx.approx;
      }
    }
  }
  attachComparison(text, draft);
  attachBelowZero(text, draft);
}

const TEMPERATURE_UNITS = new Set(['度', '摄氏度', '华氏度', '℃']);

/** 零下10度 is -10 degrees: 零下 is the sign of a temperature. */
function attachBelowZero(text: string, draft: Draft): void {
  if (!draft.unit || !TEMPERATURE_UNITS.has(draft.unit) || !text.startsWith('零下', draft.start - 2)) return;
  if (draft.lo.startsWith('-')) return;
  draft.start -= 2;
  if (draft.hi === null) {
    draft.lo = `-${draft.lo}`;
  } else {
    // 零下5到10度 is -10..-5: the bounds swap when negated.
    [draft.lo, draft.hi] = [`-${draft.hi}`, `-${draft.lo}`];
  }
}

/**
 * 比20大, 比100多 (over) and 比20小, 比五十少 (under): a comparison closed right after the figure.
 * Only when nothing else qualifies the figure and the clause ends there (比20大的数).
 */
function attachComparison(text: string, draft: Draft): void {
  if (draft.prefixApprox !== null || draft.suffixApprox !== null || draft.approx !== 'exact' || isRankShape(draft.core)) return;
  if (text[draft.start - 1] !== '比') return;
  const m = /^(?:(大|多|高|长|重)|(小|少|低|短|轻))(?=$|的|[\s\p{P}\p{S}])/u.exec(ahead(text, draft.end));
  if (!m) return;
  draft.start -= 1;
  draft.end += 1;
  draft.prefixApprox = '比';
  draft.suffixApprox = m[0];
  draft.approx = m[1] ? 'over' : 'under';
}

/** 最近3天 is not 'under 3 days', 节约30% is not 'about 30%'. */
function falseApproxPrefix(text: string, at: number, word: string): boolean {
  const before = text[at - 1] ?? '';
  if (word === '近') return /[最附邻亲靠贴将接]/.test(before);
  if (word === '约') return /[预签节相制合邀条公契婚赴爽如违履特]/.test(before);
  if (word === '超') return /[高赶挑]/.test(before);
  if (word === '上') return /[以之马网线身手早晚路北南东西]/.test(before);
  if (word === '过') return /[超经通不难路错罪]/.test(before);
  if (word === '破') return /[突打攻]/.test(before);
  if (word === '逾') return false;
  return false;
}

