/** Small text helpers shared by the date parsers. */

/** Horizontal whitespace allowed inside an expression (2013年 9月 23日); never a line break. */
export const SP = '[ \\t\\u00a0\\u3000]*';

/** Chinese digit characters written digit by digit (二〇一三). */
export const ZH_DIGITS = '〇零○一二三四五六七八九';

/** Characters that can be part of a numeral: a date number must not touch them. */
export const NUMERAL_CHARS = '0-9〇零○一二两三四五六七八九十百千万亿廿卅';

export function precededByAny(text: string, index: number, words: readonly string[]): boolean {
  return words.some((w) => index >= w.length && text.slice(index - w.length, index) === w);
}

export function followedByAny(text: string, index: number, words: readonly string[]): boolean {
  return words.some((w) => text.startsWith(w, index));
}

/** The longest word of `words` starting at `index`, or null. */
export function wordAt(text: string, index: number, words: readonly string[]): string | null {
  let best: string | null = null;
  for (const w of words) if (text.startsWith(w, index) && (!best || w.length > best.length)) best = w;
  return best;
}

/** All matches of a global regex with their offsets. */
export function* matches(re: RegExp, text: string): Generator<RegExpExecArray> {
  const global = re.global ? re : new RegExp(re.source, `${re.flags}g`);
  global.lastIndex = 0;
  let match: RegExpExecArray | null;
  while ((match = global.exec(text)) !== null) {
    yield match;
    if (match[0].length === 0) global.lastIndex++;
  }
}

/**
 * One-to-one character folding so the parsers see one spelling: full-width digits become ASCII
 * and the Traditional characters of date words become Simplified. Lengths never change, so
 * offsets into the folded text are offsets into the input.
 */
const FOLD: Readonly<Record<string, string>> = {
  號: '号', 週: '周', 個: '个', 後: '后', 這: '这', 禮: '礼', 聽: '听', 點: '点', 時: '时',
  國: '国', 節: '节', 聖: '圣', 誕: '诞', 農: '农', 曆: '历', 臘: '腊', 陰: '阴', 閏: '闰',
  兩: '两', 間: '间', 際: '际', 慶: '庆', 黃: '黄', 長: '长', 舊: '旧', 當: '当',
  來: '来', 還: '还', 尋: '寻', 於: '于', 從: '从', 歲: '岁', 頭: '头', 樣: '样',
  紀: '纪', 層: '层', '〜': '~', '～': '~', '—': '-', '–': '-', '－': '-',
  '−': '-', '／': '/', '．': '.', '：': ':', '・': '·', '•': '·',
};

export function foldText(text: string): string {
  let out = '';
  for (const ch of text) {
    const code = ch.charCodeAt(0);
    if (ch.length === 1 && code >= 0xff10 && code <= 0xff19) out += String.fromCharCode(code - 0xff10 + 0x30);
    else if (ch.length === 1 && code >= 0xff21 && code <= 0xff3a) out += String.fromCharCode(code - 0xff21 + 0x41);
    else if (ch.length === 1 && code >= 0xff41 && code <= 0xff5a) out += String.fromCharCode(code - 0xff41 + 0x61);
    else out += FOLD[ch] ?? ch;
  }
  return out;
}

/** Every occurrence of every word, overlapping ones included (月中 and 中旬 in 3月中旬). */
export function wordOccurrences(text: string, words: readonly string[]): Array<{ index: number; word: string }> {
  const out: Array<{ index: number; word: string }> = [];
  for (const word of new Set(words)) {
    for (let i = text.indexOf(word); i !== -1; i = text.indexOf(word, i + 1)) out.push({ index: i, word });
  }
  return out.sort((a, b) => a.index - b.index || b.word.length - a.word.length);
}

/** A value built once on first use (regexes compiled from lexicons). */
export function lazy<T>(make: () => T): () => T {
  let value: T | undefined;
  let made = false;
  return () => {
    if (!made) {
      value = make();
      made = true;
    }
    return value as T;
  };
}
