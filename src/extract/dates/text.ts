/** Small text helpers shared by the date parsers. */

/** Horizontal whitespace allowed inside an expression (2013年 9月 23日); never a line break. */
export const SP = '[ \\t\\u00a0\\u3000]*';

/** The whole gap between the two ends of a range (2013年至2015年, 周一到周五). */
export const RANGE_GAP = new RegExp(`^${SP}(?:到|至|~|-|--|—|——|－|～|直到)${SP}$`);

/** Chinese digit characters written digit by digit (二〇一三). */
export const ZH_DIGITS = '〇零○一二三四五六七八九';

/** Characters that can be part of a numeral: a date number must not touch them. */
export const NUMERAL_CHARS = '0-9〇零○一二两三四五六七八九十百千万亿廿卅';

export function precededByAny(text: string, index: number, words: readonly string[]): boolean {
  return words.some((w) => text.endsWith(w, index));
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
  紀: '纪', 層: '层', 勞: '劳', 動: '动', 兒: '儿', 婦: '妇', 親: '亲', 師: '师', 萬: '万', 樹: '树',
  復: '复', 陽: '阳', 雙: '双', 過: '过', 鐘: '钟', 裡: '里', 裏: '里', 龍: '龙', 雞: '鸡', 豬: '猪',
  馬: '马', 護: '护', 讀: '读', 書: '书', 環: '环', 蘭: '兰', 處: '处', 驚: '惊', 蟄: '蛰', 滿: '满',
  種: '种', 噚: '寻', 晝: '昼', 無: '无', 煙: '烟', 愛: '爱', 衛: '卫', 憲: '宪', 黨: '党', 軍: '军',
  穀: '谷', 該: '该', 豐: '丰', 記: '记', 戰: '战', 勝: '胜', 糧: '粮', 館: '馆', 網: '网', 絡: '络',
  殘: '残', 歷: '历', 經: '经', 約: '约', 將: '将', 僅: '仅', 連: '连', 續: '续', 為: '为', 達: '达',
  較: '较', 對: '对', 發: '发', 佈: '布', 條: '条', 說: '说', 關: '关', 羅: '罗', 現: '现', 懷: '怀',
  亞: '亚',
  '〜': '~', '～': '~', '—': '-', '–': '-', '－': '-',
  '−': '-', '／': '/', '．': '.', '：': ':', '・': '·', '•': '·',
};

/** Full-width digits and Latin letters, and the characters of FOLD, in one pass. */
const FOLDABLE = new RegExp(`[\uff10-\uff19\uff21-\uff3a\uff41-\uff5a${Object.keys(FOLD).join('')}]`, 'g');

export function foldText(text: string): string {
  // Full-width forms sit 0xfee0 above their ASCII counterparts.
  return text.replace(FOLDABLE, (ch) => FOLD[ch] ?? String.fromCharCode(ch.charCodeAt(0) - 0xfee0));
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
