/**
 * Numeral reading shared by the date and figure extractors.
 *
 * All arithmetic is exact: numbers are kept as a BigInt mantissa and a power-of-ten exponent and
 * printed back as plain decimal strings, so 16.4亿 is "1640000000" (float `16.4 * 1e8` is not).
 */

export interface ParsedNumber {
  /** Canonical plain decimal string: no exponent, no leading zeros, no trailing fractional zeros. */
  digits: string;
  value: number;
}

// ---------------------------------------------------------------------------------------------
// Exact decimals
// ---------------------------------------------------------------------------------------------

/** mantissa × 10^exponent */
interface Decimal {
  mantissa: bigint;
  exponent: number;
}

const ZERO: Decimal = { mantissa: 0n, exponent: 0 };

function decimalFromString(plain: string): Decimal | null {
  const match = /^([+-]?)(\d+)(?:\.(\d+))?$/.exec(plain);
  if (!match) return null;
  const fraction = match[3] ?? '';
  const mantissa = BigInt(match[2]! + fraction);
  return { mantissa: match[1] === '-' ? -mantissa : mantissa, exponent: -fraction.length };
}

function shift(d: Decimal, powerOfTen: number): Decimal {
  return { mantissa: d.mantissa, exponent: d.exponent + powerOfTen };
}

function align(a: Decimal, b: Decimal): [bigint, bigint, number] {
  const exponent = Math.min(a.exponent, b.exponent);
  return [
    a.mantissa * 10n ** BigInt(a.exponent - exponent),
    b.mantissa * 10n ** BigInt(b.exponent - exponent),
    exponent,
  ];
}

function add(a: Decimal, b: Decimal): Decimal {
  const [x, y, exponent] = align(a, b);
  return { mantissa: x + y, exponent };
}

function negate(d: Decimal): Decimal {
  return { mantissa: -d.mantissa, exponent: d.exponent };
}

function isZero(d: Decimal): boolean {
  return d.mantissa === 0n;
}

function decimalToString(d: Decimal): string {
  if (d.mantissa === 0n) return '0';
  const negative = d.mantissa < 0n;
  let body = (negative ? -d.mantissa : d.mantissa).toString();
  let exponent = d.exponent;
  // Drop trailing zeros of the fraction.
  while (exponent < 0 && body.endsWith('0')) {
    body = body.slice(0, -1);
    exponent++;
  }
  let out: string;
  if (exponent >= 0) {
    out = body + '0'.repeat(exponent);
  } else {
    const fractionLength = -exponent;
    const padded = body.padStart(fractionLength + 1, '0');
    out = `${padded.slice(0, padded.length - fractionLength)}.${padded.slice(padded.length - fractionLength)}`;
  }
  return negative ? `-${out}` : out;
}

/** Canonical form of a plain decimal string ("007.50" → "7.5", "-0" → "0"); null if not decimal. */
export function canonicalDigits(plain: string): string | null {
  const d = decimalFromString(plain);
  return d ? decimalToString(d) : null;
}

/** Move the decimal point: ("16.4", 8) → "1640000000"; ("5", -2) → "0.05". */
export function scaleDigits(digits: string, powerOfTen: number): string {
  const d = decimalFromString(digits);
  if (!d) throw new Error(`not a decimal string: ${digits}`);
  return decimalToString(shift(d, powerOfTen));
}

/** Exact sum of two decimal strings. */
export function addDigits(a: string, b: string): string {
  const x = decimalFromString(a);
  const y = decimalFromString(b);
  if (!x || !y) throw new Error(`not decimal strings: ${a}, ${b}`);
  return decimalToString(add(x, y));
}

/** Exact product of two decimal strings. */
export function multiplyDigits(a: string, b: string): string {
  const x = decimalFromString(a);
  const y = decimalFromString(b);
  if (!x || !y) throw new Error(`not decimal strings: ${a}, ${b}`);
  return decimalToString({ mantissa: x.mantissa * y.mantissa, exponent: x.exponent + y.exponent });
}

function parsed(d: Decimal): ParsedNumber {
  const digits = decimalToString(d);
  return { digits, value: Number(digits) };
}

// ---------------------------------------------------------------------------------------------
// Characters
// ---------------------------------------------------------------------------------------------

/**
 * Full-width forms map 1:1 (one UTF-16 unit each) so offsets stay valid after normalizing.
 * ０-９ ． ， ％ ＋ － and the ideographic-free minus sign.
 */
export function normalizeDigits(s: string): string {
  let out = '';
  for (const ch of s) {
    const code = ch.charCodeAt(0);
    if (code >= 0xff10 && code <= 0xff19) out += String.fromCharCode(code - 0xff10 + 0x30);
    else if (ch === '．') out += '.';
    else if (ch === '，') out += ',';
    else if (ch === '％') out += '%';
    else if (ch === '＋') out += '+';
    else if (ch === '－' || ch === '−') out += '-';
    else out += ch;
  }
  return out;
}

/** Chinese digit characters (everyday and financial forms) and their values. */
export const CHINESE_DIGITS: Readonly<Record<string, number>> = {
  零: 0, 〇: 0, '○': 0, 洞: 0,
  一: 1, 壹: 1, 幺: 1,
  二: 2, 贰: 2, 貳: 2, 两: 2, 兩: 2,
  三: 3, 叁: 3, 參: 3, 叄: 3,
  四: 4, 肆: 4,
  五: 5, 伍: 5,
  六: 6, 陆: 6, 陸: 6,
  七: 7, 柒: 7,
  八: 8, 捌: 8,
  九: 9, 玖: 9,
};

/** Digits allowed in an ordinary (positional-word) number; 洞/幺 only occur in digit-by-digit readings. */
const NUMBER_DIGITS = new Set(Object.keys(CHINESE_DIGITS).filter((c) => c !== '洞' && c !== '幺'));

/** Small units multiply the digit before them within a section. */
export const SMALL_UNITS: Readonly<Record<string, number>> = {
  十: 1, 拾: 1, 百: 2, 佰: 2, 千: 3, 仟: 3, k: 3, K: 3,
};

/** Big units close a section; they must appear in decreasing order. 万亿 is a single unit. */
export const BIG_UNITS: Readonly<Record<string, number>> = {
  万亿: 12, 萬億: 12, 万: 4, 萬: 4, w: 4, W: 4, 亿: 8, 億: 8,
};

/** Characters that can appear in a numeral expression (for candidate scans). */
export const NUMERAL_CHARS = '0-9０-９零〇○一壹二贰貳两兩三叁參四肆五伍六陆陸七柒八捌九玖十拾百佰千仟万萬亿億廿卅点點';

const ZERO_CHARS = new Set(['零', '〇', '○']);
const POINT_CHARS = new Set(['点', '點']);
const TENS_SHORTHAND: Readonly<Record<string, number>> = { 廿: 20, 卅: 30, 卌: 40 };

// ---------------------------------------------------------------------------------------------
// Digit-by-digit readings
// ---------------------------------------------------------------------------------------------

/** Digit-by-digit reading: 二〇一三 → "2013", 一九九八 → "1998", １２３ → "123". Leading zeros kept. */
export function parseDigitSequence(s: string): string | null {
  const text = normalizeDigits(s);
  if (text.length === 0) return null;
  let out = '';
  for (const ch of text) {
    if (ch >= '0' && ch <= '9') out += ch;
    else if (ch === '两' || ch === '兩') return null; // 两 is never a digit name in a sequence
    else if (ch in CHINESE_DIGITS) out += String(CHINESE_DIGITS[ch]);
    else return null;
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Positional numbers
// ---------------------------------------------------------------------------------------------

type Token =
  | { type: 'arabic'; value: Decimal; raw: string }
  | { type: 'digit'; value: number }
  | { type: 'zero' }
  | { type: 'small'; power: number }
  | { type: 'big'; power: number }
  | { type: 'tens'; value: number }
  | { type: 'point'; fraction: string };

const ARABIC_AT = /^(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?/;

function tokenize(text: string): Token[] | null {
  const tokens: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const rest = text.slice(i);
    const arabic = ARABIC_AT.exec(rest);
    if (arabic) {
      const value = decimalFromString(arabic[0].replace(/,/g, ''));
      if (!value) return null;
      tokens.push({ type: 'arabic', value, raw: arabic[0] });
      i += arabic[0].length;
      continue;
    }
    // Decimal fraction written .5 after an Arabic or Chinese integer is not accepted: too rare.
    const two = rest.slice(0, 2);
    if (two in BIG_UNITS) {
      tokens.push({ type: 'big', power: BIG_UNITS[two]! });
      i += 2;
      continue;
    }
    const ch = rest[0]!;
    if (POINT_CHARS.has(ch)) {
      let j = 1;
      let fraction = '';
      while (j < rest.length && rest[j]! in CHINESE_DIGITS && rest[j] !== '两' && rest[j] !== '兩') {
        fraction += String(CHINESE_DIGITS[rest[j]!]);
        j++;
      }
      if (!fraction) return null;
      tokens.push({ type: 'point', fraction });
      i += j;
      continue;
    }
    if (ZERO_CHARS.has(ch)) tokens.push({ type: 'zero' });
    else if (NUMBER_DIGITS.has(ch)) tokens.push({ type: 'digit', value: CHINESE_DIGITS[ch]! });
    else if (ch in SMALL_UNITS) tokens.push({ type: 'small', power: SMALL_UNITS[ch]! });
    else if (ch in BIG_UNITS) tokens.push({ type: 'big', power: BIG_UNITS[ch]! });
    else if (ch in TENS_SHORTHAND) tokens.push({ type: 'tens', value: TENS_SHORTHAND[ch]! });
    else return null;
    i++;
  }
  return tokens;
}

/**
 * Read a positional number from tokens. Sections are closed by big units in decreasing order
 * (亿 before 万); inside a section small units decrease (千 before 百 before 十). A lone trailing digit
 * right after a unit of 百 or more is the next lower place: 三万五 = 35000, 两百五 = 250, 1万2 = 12000.
 */
function evaluate(tokens: Token[]): Decimal | null {
  let total: Decimal = ZERO;
  let section: Decimal = ZERO;
  let current: Decimal | null = null;
  let currentIsChineseDigit = false;
  let lastBigPower = Infinity;
  let lastSmallPower = Infinity;
  let lastUnitPower: number | null = null; // power of the unit right before `current`
  let afterZero = false;
  let sawPoint = false;
  let sawAnything = false;

  for (let k = 0; k < tokens.length; k++) {
    const token = tokens[k]!;
    switch (token.type) {
      case 'arabic':
      case 'digit': {
        if (current !== null) return null; // two coefficients in a row (一二, 3三) are not a number
        if (sawPoint) return null;
        // Arabic digits never mix with a Chinese number in the same section (三千5 is not written).
        if (token.type === 'arabic' && tokens[k + 1]?.type === 'point') return null;
        current =
          token.type === 'arabic' ? token.value : { mantissa: BigInt(token.value), exponent: 0 };
        currentIsChineseDigit = token.type === 'digit';
        // Only a single digit can stand for an elided place (三万五, 1万2); 1万2345 is 12345.
        const singleDigit =
          current.exponent === 0 && current.mantissa >= 1n && current.mantissa <= 9n &&
          (token.type === 'digit' || token.raw.length === 1);
        const previous = tokens[k - 1];
        lastUnitPower =
          singleDigit && !afterZero && previous && (previous.type === 'small' || previous.type === 'big')
            ? previous.power
            : null;
        sawAnything = true;
        break;
      }
      case 'tens': {
        if (current !== null || sawPoint) return null;
        if (lastSmallPower <= 1) return null;
        section = add(section, { mantissa: BigInt(token.value), exponent: 0 });
        lastSmallPower = 1;
        sawAnything = true;
        break;
      }
      case 'zero': {
        if (current !== null || sawPoint) return null;
        // A lone 零 is the number zero; inside a number it only marks a skipped place.
        afterZero = true;
        if (tokens.length === 1) current = ZERO;
        sawAnything = true;
        continue;
      }
      case 'point': {
        if (sawPoint) return null;
        const integerPart = add(section, current ?? ZERO);
        if (current === null && isZero(section)) {
          // 点五 alone is not written; require an integer part (零点五 gives current = 0 via zero).
          if (!afterZero) return null;
        }
        const fraction = decimalFromString(`0.${token.fraction}`)!;
        current = add(integerPart, fraction);
        currentIsChineseDigit = false;
        section = ZERO;
        lastSmallPower = 0; // no small unit may follow a decimal fraction
        lastUnitPower = null;
        sawPoint = true;
        sawAnything = true;
        break;
      }
      case 'small': {
        if (token.power >= lastSmallPower) return null;
        if (sawPoint) return null;
        let coefficient = current;
        if (coefficient === null) {
          // A bare 十 means 一十 (十五, 二十 万 = 十万); bare 百/千 only at the very start (百万, 千亿).
          if (token.power === 1 || !sawAnything) coefficient = { mantissa: 1n, exponent: 0 };
          else return null;
        } else if (currentIsChineseDigit && isZero(coefficient)) {
          return null;
        }
        // k/K only follow Arabic digits.
        section = add(section, shift(coefficient, token.power));
        lastSmallPower = token.power;
        current = null;
        sawAnything = true;
        break;
      }
      case 'big': {
        if (token.power >= lastBigPower) {
          // 亿 after 万 inside one number only as the compound 万亿, handled by the tokenizer.
          return null;
        }
        // A big unit needs a coefficient: 万 or 亿 alone is a word (万一, 亿万), not a number.
        if (current === null && isZero(section)) return null;
        const group = add(section, current ?? ZERO);
        total = add(total, shift(group, token.power));
        section = ZERO;
        current = null;
        lastBigPower = token.power;
        lastSmallPower = token.power; // a lower section may use any small unit below this power
        sawPoint = false; // 1.5亿3000万 is unusual but well-defined
        sawAnything = true;
        break;
      }
    }
    afterZero = false;
  }

  if (current !== null) {
    if (lastUnitPower !== null && lastUnitPower >= 2) {
      // Elided place: 三万五 → 五 is 五千; 两百五 → 五十.
      current = shift(current, lastUnitPower - 1);
    }
    section = add(section, current);
  }
  if (!sawAnything) return null;
  return add(total, section);
}

/** Parse a whole string as one number; null when any character is not part of it. */
export function parseNumber(s: string): ParsedNumber | null {
  let text = normalizeDigits(s).trim();
  if (text.length === 0) return null;
  if (text === '半') return { digits: '0.5', value: 0.5 };
  let negative = false;
  if (text.startsWith('负') || text.startsWith('負') || text.startsWith('-')) {
    negative = true;
    text = text.slice(1);
    if (/^ \d/.test(text) && !s.startsWith('-')) text = text.slice(1); // 负 1,200,000
  } else if (text.startsWith('+')) {
    text = text.slice(1);
  }
  if (text.length === 0) return null;
  // k and w are scales only after Arabic digits (15k, 3w), never alone or after Chinese numerals.
  if (/^[kKwW]/.test(text) || /[^0-9.,][kKwW]/.test(text)) return null;
  const tokens = tokenize(text);
  if (!tokens || tokens.length === 0) return null;
  const value = evaluate(tokens);
  if (!value) return null;
  return parsed(negative ? negate(value) : value);
}
