import type { Token } from '../../types.ts';
import { SCORE, type Candidate } from './candidates.ts';
import type { LexiconHit } from './lexicon-matches.ts';
import type { EntityRules } from './rules.ts';
import { isCjk, type TextIndex } from './text-index.ts';

/**
 * Organization discovery: jieba `nt` tokens, and chains of a proper-name head plus modifiers ending
 * in an organization suffix (杭州市/西湖区/人民法院, 中国科学院/物理/研究所, 大疆/创新/科技/有限公司).
 */

/** Suffixes that only turn the lexicon name before them into a longer name of the same company. */
const COMPANY_FORM = /^(?:股份有限公司|有限责任公司|有限公司|集团公司|集团|公司|控股|控股公司|股份公司)$/;
const MAX_CHAIN_TOKENS = 7;
const PROVINCE = /^..+(?:省|自治区)$/;
const MAX_CHAIN_LENGTH = 26;

interface SuffixSplit {
  /** Where the organization name ends (a title glued on by jieba is cut off: 医院院长 → 医院). */
  end: number;
  suffix: string;
  /** Part of the token before the suffix (路透 of 路透社); empty when the token is the suffix. */
  prefix: string;
}

export function organizationCandidates(index: TextIndex, rules: EntityRules, hits: LexiconHit[]): Candidate[] {
  const o = rules.organization;
  const { tokens, text } = index;
  const hitAt = new Map<number, LexiconHit>();
  for (const hit of hits) {
    const seen = hitAt.get(hit.start);
    if (!seen || seen.end < hit.end) hitAt.set(hit.start, hit);
  }
  const out: Candidate[] = [];

  tokens.forEach((token, i) => {
    if (token.tag === 'nt' && jiebaOrganization(token.text, rules)) {
      const venue = isVenue(token.text, rules);
      out.push({ start: token.start, end: token.end, entity: token.text, type: venue ? 'place' : 'organization', discovered: true, rule: venue ? 'place:venue' : 'organization:jieba', score: SCORE.organization - 5 });
    }
    const split = suffixSplit(token, rules);
    if (!split) return;
    const chain = chainStart(i, split, rules, index, hitAt);
    if (chain === null) return;
    const start = tokens[chain].start;
    const name = text.slice(start, split.end);
    if (name.length < 2 || o.genericOrgWords.has(name)) return;
    const head = hitAt.get(start);
    if (head && head.entry.type === 'organization' && COMPANY_FORM.test(text.slice(head.end, split.end))) {
      out.push({ start, end: split.end, entity: head.entry.name, type: 'organization', discovered: false, rule: 'lexicon+suffix', score: SCORE.lexicon });
      return;
    }
    const venue = isVenue(name, rules);
    out.push({ start, end: split.end, entity: name, type: venue ? 'place' : 'organization', discovered: true, rule: venue ? 'place:venue' : 'organization:suffix', score: SCORE.organization });
  });
  return out;
}

/** A venue (杭州奥林匹克体育中心, 国家会展中心) ends in an organization suffix but names a place. */
function isVenue(name: string, rules: EntityRules): boolean {
  return rules.place.venueSuffixes.suffixOf(name) !== null;
}

/** Tags of tokens that cannot end an organization name even when they end in a suffix character (雷军/nr, 签署/v, 东部/f). */
const NOT_A_SUFFIX_TOKEN = new Set(['nr', 'nrfg', 'nrt', 'v', 'vd', 'a', 'ad', 'd', 'f', 'm', 'mq', 'q', 'p', 'c', 'r', 't', 'i', 'l']);

function suffixSplit(token: Token, rules: EntityRules): SuffixSplit | null {
  const s = token.text;
  if (![...s].every(isCjk)) return null;
  if (NOT_A_SUFFIX_TOKEN.has(token.tag) && !rules.organization.suffixes.has(s)) return null;
  const cut = (body: string): SuffixSplit | null => {
    const suffix = rules.organization.suffixes.suffixOf(body);
    return suffix ? { end: token.start + body.length, suffix, prefix: body.slice(0, body.length - suffix.length) } : null;
  };
  // 医院院长, 协会主席, 政治局常委: jieba glued a title to the suffix.
  for (let k = 2; k <= s.length - 2; k++) {
    if (!rules.person.titlesBefore.has(s.slice(k))) continue;
    const split = cut(s.slice(0, k));
    if (split) return split;
  }
  const whole = cut(s);
  if (whole) return whole;
  // 万达/队以: jieba's HMM glued the next function character onto the suffix.
  if (token.tag === 'x' && s.length >= 2 && rules.person.trailingFunctionChars.has(s[s.length - 1])) return cut(s.slice(0, -1));
  return null;
}

/** jieba's `nt` covers real bodies but also disciplines and ordinary words (统计学, 音乐会, 国际化). */
function jiebaOrganization(word: string, rules: EntityRules): boolean {
  const o = rules.organization;
  if (word.length < 2 || o.genericOrgWords.has(word) || o.jiebaOrgStopwords.has(word)) return false;
  if (o.jiebaOrgKeepEndings.suffixOf(word)) return true;
  return !o.jiebaOrgRejectEndings.suffixOf(word);
}

/**
 * Index of the first token of the organization ending with `split` in token `i`, or null when
 * the chain has no proper-name head.
 */
function chainStart(
  i: number,
  split: SuffixSplit,
  rules: EntityRules,
  index: TextIndex,
  hitAt: Map<number, LexiconHit>,
): number | null {
  const o = rules.organization;
  const { tokens } = index;
  const weak = o.weakSuffixes.has(split.suffix);
  // 东部 (of 朝鲜东部) and 三局 are words or counts, not a name plus a suffix.
  const token = tokens[i];
  const bodyWord = o.twoCharSuffixWords.has(token.text);
  // Only a prefix that is all numerals is a count (三局, 十八处); 四川大学 and 百度公司 merely start with one.
  if (split.prefix && !bodyWord && (o.genericOrgWords.has(token.text) || /^[0-9一二三四五六七八九十百千两几多]+$/.test(split.prefix))) return null;
  // 研究部署, 蝉联冠军: the token ends in an ordinary word that merely ends in a suffix character.
  const lastWord = token.text.slice(-(split.suffix.length + 1));
  if (token.text.length - lastWord.length >= 2 && weak && !['nt', 'nz', 'j', 'x'].includes(token.tag) && o.genericOrgWords.has(lastWord) &&
    !o.twoCharSuffixWords.has(lastWord) && !o.suffixes.has(lastWord)) return null;
  // 研究所/建所, 区委/组织: a weak suffix right after a complete organization word does not extend it.
  const before = tokens[i - 1];
  if (weak && split.prefix.length <= 1 && !bodyWord && before && before.end === token.start && o.suffixes.suffixOf(before.text) &&
    !o.weakSuffixes.has(o.suffixes.suffixOf(before.text)!)) return null;
  // A two-character word ending in a one-character suffix is usually just a word (冠军, 东部), unless it names a body (市委).
  if (weak && split.suffix.length === 1 && split.prefix.length === 1 && !bodyWord && !['nt', 'j', 'nz', 'x'].includes(token.tag)) return null;
  const prefixIsName = split.prefix.length >= 2 && !o.chainModifiers.has(split.prefix) && !o.genericHeads.has(split.prefix) &&
    !o.genericOrgWords.has(tokens[i].text) && !/^[的了和与在是]/.test(split.prefix);
  // Walk left over modifier tokens.
  let properAt = -1;
  for (let j = i - 1; j >= 0 && i - j < MAX_CHAIN_TOKENS; j--) {
    const t = tokens[j];
    if (t.end !== tokens[j + 1].start) break;
    if (split.end - t.start > MAX_CHAIN_LENGTH) break;
    if (o.genericHeads.has(t.text)) break;
    if (![...t.text].every(isCjk)) {
      if (!(t.tag === 'eng' && /^[A-Za-z]+$/.test(t.text))) break;
    }
    // An unknown word right before a place or organization is not its name (齐聚/杭州/…中心).
    if (t.tag === 'x' && ['ns', 'nt'].includes(tokens[j + 1].tag) && j + 1 < i) break;
    const proper = o.properTags.has(t.tag) || isLexiconHead(hitAt.get(t.start));
    const modifier = o.chainModifiers.has(t.text) || (o.modifierTags.has(t.tag) && t.tag !== 'v');
    if (!proper && !modifier) break;
    if (/[的了着过]/.test(t.text)) break;
    if (proper) properAt = j;
  }
  if (properAt >= 0) {
    // The chain starts at its leftmost proper token: modifiers before it are not part of the name.
    const head = tokens[properAt];
    const headHit = hitAt.get(head.start);
    if (weak && split.prefix.length === 0 && properAt === i - 1 && headHit?.entry.type === 'place' && split.suffix.length > 1) {
      // 上海/汽车, 中国/企业: a place before an industry word is a generic phrase.
      return null;
    }
    // 浙江省/温州市/人民政府, 山东省/青岛/啤酒/有限公司: the province is named beside the body, not in it
    // (湖南省/高级/人民法院 keeps it: no other name follows the province).
    const next = tokens[properAt + 1];
    const nameFollows = properAt + 1 < i
      ? o.properTags.has(next.tag) && next.tag !== 'x'
      : split.prefix.length >= 2 && !o.chainModifiers.has(split.prefix) && !o.chainModifiers.has(split.prefix.slice(0, 2));
    if (PROVINCE.test(head.text) && head.tag === 'ns' && nameFollows) return properAt + 1;
    return properAt;
  }
  if (prefixIsName && !weak) return i;
  // 路透社, 泰山队, 发改委: an unfamiliar word before a one-character suffix that names bodies.
  if (prefixIsName && o.standaloneSuffixes.has(split.suffix) && tokens[i].text.length >= 3) return i;
  return null;
}

function isLexiconHead(hit: LexiconHit | undefined): boolean {
  return !!hit && (hit.entry.type === 'organization' || hit.entry.type === 'place');
}
