import type { Token } from '../../types.ts';
import { SCORE, type Candidate } from './candidates.ts';
import type { EntityRules } from './rules.ts';
import { isCjk, type TextIndex } from './text-index.ts';

/**
 * Person-name discovery. Each generator proposes spans with a base score; context (a title before,
 * a title or an attribution verb after, 据 before, a neighbouring name in a list) adds to it, and
 * spans reaching ACCEPT are reported. jieba's own name tags are one signal among several: its
 * dictionary tags many ordinary words nr (明白, 文明), and its HMM splits or glues unknown names.
 */
const ACCEPT = 2;

/** Tags of tokens that cannot be part of a name (function words, numbers, punctuation as `x` is CJK-checked). */
const FUNCTION_TAGS = new Set(['p', 'c', 'u', 'uj', 'ul', 'ud', 'uv', 'uz', 'ug', 'y', 'r', 'rz', 'rr', 'm', 'mq', 'q', 'f', 'd', 'k', 'o', 't', 'tg']);
/** Tags of dictionary words jieba knows as something other than a name; a whole such token is not a name. */
const NAME_LIKE_TAGS = new Set(['nr', 'nrfg', 'nrt', 'x', 'ns', 'nz', 'eng']);

interface Proposal {
  start: number;
  end: number;
  base: number;
  rule: string;
  /** A span built from a title (title-driven proposals already include the title bonus). */
  contextIncluded?: boolean;
}

export function personCandidates(index: TextIndex, rules: EntityRules): Candidate[] {
  const finder = new PersonFinder(index, rules);
  return finder.run();
}

class PersonFinder {
  private readonly p: EntityRules['person'];
  private readonly text: string;
  private readonly tokens: Token[];

  constructor(
    private readonly index: TextIndex,
    rules: EntityRules,
  ) {
    this.p = rules.person;
    this.text = index.text;
    this.tokens = index.tokens;
  }

  run(): Candidate[] {
    const proposals: Proposal[] = [];
    this.tokens.forEach((token, i) => {
      this.fromNameToken(token, proposals);
      this.fromUnknownToken(token, proposals);
      this.fromSurnameMerge(i, proposals);
      this.fromTitle(i, proposals);
      this.fromTitleAfter(i, proposals);
      this.fromIndefiniteName(i, proposals);
      this.fromJapaneseName(i, proposals);
    });
    this.fromTransliterationRuns(proposals);
    this.fromSeparatedNames(proposals);

    const scored = new Map<string, { proposal: Proposal; score: number }>();
    for (const proposal of proposals) {
      const name = this.text.slice(proposal.start, proposal.end);
      if (!this.plausible(proposal, name)) continue;
      const score = proposal.base + (proposal.contextIncluded ? 0 : this.contextBonus(proposal.start, proposal.end));
      const key = `${proposal.start}:${proposal.end}`;
      const seen = scored.get(key);
      if (!seen || seen.score < score) scored.set(key, { proposal, score });
    }
    // Names listed together (张三、李四和王五) support each other.
    for (let round = 0; round < 2; round++) {
      const accepted = [...scored.values()].filter((s) => s.score >= ACCEPT);
      for (const entry of scored.values()) {
        if (entry.score >= ACCEPT) continue;
        if (accepted.some((a) => this.listNeighbours(a.proposal, entry.proposal))) entry.score += 1;
      }
    }
    const out: Candidate[] = [];
    for (const { proposal, score } of scored.values()) {
      if (score < ACCEPT) continue;
      const name = this.text.slice(proposal.start, proposal.end);
      out.push({
        start: proposal.start,
        end: proposal.end,
        entity: name,
        type: 'person',
        discovered: true,
        rule: proposal.rule,
        score: score >= ACCEPT + 1 ? SCORE.person : SCORE.weak,
      });
    }
    return out;
  }

  // --- generators -------------------------------------------------------------------------

  /** A token jieba tags as a name. */
  private fromNameToken(token: Token, out: Proposal[]): void {
    if (token.tag !== 'nr' && token.tag !== 'nrfg' && token.tag !== 'nrt') return;
    const s = token.text;
    if (s.length < 2 || this.p.stopwords.has(s)) return;
    const base = this.chineseNameBase(s, 2.5) ?? this.japaneseNameBase(s);
    if (base !== null && !(this.isTransliteration(s) && s.length >= 3 && base < 2)) {
      out.push({ start: token.start, end: token.end, base, rule: 'person:jieba' });
    } else if (this.isTransliteration(s)) {
      // Two-character all-transliteration words are as often places or brands (宁德) as names.
      const foreign = token.tag === 'nrt' ? 2.5 : s.length >= 3 ? 2 : 1;
      out.push({ start: token.start, end: token.end, base: foreign, rule: 'person:jieba-foreign' });
    } else if (token.tag !== 'nrt' && s.length === 3 && this.surnameLengthOf(s) === 1 && this.chineseNameBase(s, 0.5, true) !== null) {
      // 张万年, 金大中: jieba knows the whole name, but a given-name character is also a function
      // character (年, 中), which rules out names built from pieces; here only a title or verb decides.
      out.push({ start: token.start, end: token.end, base: 0.5, rule: 'person:jieba' });
    } else if (token.tag === 'nrt' && s.length <= 6) {
      out.push({ start: token.start, end: token.end, base: 1.5, rule: 'person:jieba-foreign' });
    }
  }

  /** Japanese names: a known family name of 1–3 characters and 1–3 given characters (岸田文雄). */
  private japaneseNameBase(s: string): number | null {
    if (s.length < 3 || s.length > 6) return null;
    for (const length of [3, 2]) {
      if (this.p.japaneseSurnames.has(s.slice(0, length)) && s.length - length >= 1 && s.length - length <= 3) return 1.5;
    }
    return null;
  }

  /** An undisclosed name: surname + 某/某某 (林某某, 王某). */
  private fromIndefiniteName(i: number, out: Proposal[]): void {
    const token = this.tokens[i];
    for (const tail of this.p.indefiniteGivenNames.words) {
      const start = token.end - tail.length - 1;
      if (start < token.start || !token.text.endsWith(tail)) continue;
      if (token.text.length !== tail.length + 1 || !this.p.surnames.has(token.text[0])) continue;
      out.push({ start, end: token.end, base: 2, rule: 'person:indefinite' });
      return;
    }
    // jieba: 林/某某 — surname token followed by 某/某某.
    const next = this.tokens[i + 1];
    if (token.text.length === 1 && this.p.surnames.has(token.text) && next && next.start === token.end && this.p.indefiniteGivenNames.has(next.text)) {
      out.push({ start: token.start, end: next.end, base: 2, rule: 'person:indefinite' });
    }
  }

  /** Japanese names the HMM saw as unknown words or split in two (岸田/文雄). */
  private fromJapaneseName(i: number, out: Proposal[]): void {
    const t0 = this.tokens[i];
    const t1 = this.tokens[i + 1];
    if (!this.p.japaneseSurnames.has(t0.text) || t0.text.length < 2) return;
    if (!t1 || t1.start !== t0.end || t1.text.length < 1 || t1.text.length > 3) return;
    if (FUNCTION_TAGS.has(t1.tag) || ![...t1.text].every((c) => isCjk(c) && !this.p.breakChars.has(c))) return;
    out.push({ start: t0.start, end: t1.end, base: 1.5, rule: 'person:japanese' });
  }

  /** An unknown word from jieba's HMM (`x`): often a name, sometimes with a function character glued on. */
  private fromUnknownToken(token: Token, out: Proposal[]): void {
    if (token.tag !== 'x') return;
    const s = token.text;
    if (s.length < 2 || s.length > 5 || ![...s].every(isCjk)) return;
    const variants: string[] = [s];
    if (s.length >= 3 && this.p.trailingFunctionChars.has(s[s.length - 1])) variants.push(s.slice(0, -1));
    for (const core of variants) {
      const end = token.start + core.length;
      let base = this.chineseNameBase(core, 2);
      // An unknown word of surname + name characters is most likely a name; otherwise (云盒, 安卓端)
      // it is as likely jargon, and needs context.
      if (base !== null && this.surnameLengthOf(core) === 1) {
        const nameChars = [...core.slice(1)].every((c) => this.p.givenNameChars.has(c));
        if (!this.p.ambiguousSurnames.has(core[0])) base = nameChars ? 2 : 1;
        else if (core.length === 3 && nameChars) base = 1.5;
      }
      if (base !== null) {
        out.push({ start: token.start, end, base, rule: 'person:unknown-word' });
      } else if (core.length >= 2 && this.isTransliteration(core)) {
        out.push({ start: token.start, end, base: 1, rule: 'person:unknown-foreign' });
      }
    }
  }

  /** jieba split the name: surname token + given-name token(s) (刘/德顺, 陈/红梅, 屠/呦/呦, 刘强/东). */
  private fromSurnameMerge(i: number, out: Proposal[]): void {
    const t0 = this.tokens[i];
    const t1 = this.tokens[i + 1];
    if (!t1 || t1.start !== t0.end) return;
    const surnameToken = (this.p.compoundSurnames.has(t0.text) || (t0.text.length === 1 && this.p.surnames.has(t0.text))) &&
      (t0.tag.startsWith('nr') || !FUNCTION_TAGS.has(t0.tag) || t0.tag === 'r');
    if (surnameToken) {
      const givenMax = 2;
      const given = this.givenPart(t1);
      if (given && given.length <= givenMax) {
        let base = 1.5 + (t0.tag.startsWith('nr') ? 0.5 : 0) - (this.ambiguousStart(t0.text) && !t0.tag.startsWith('nr') ? 1 : 0);
        if (t0.text.length === 2) base += 0.5; // compound surnames are rarely anything else
        out.push({ start: t0.start, end: t1.start + given.length, base, rule: 'person:surname-merge' });
        const t2 = this.tokens[i + 2];
        if (given.length === 1 && t1.text.length === 1 && t0.text.length === 1 && t2 && t2.start === t1.end) {
          const more = this.givenPart(t2);
          if (more && more.length === 1) out.push({ start: t0.start, end: t2.start + 1, base, rule: 'person:surname-merge' });
        }
      }
      return;
    }
    // Surname + first given character as one token, second given character split off (刘强/东, 易会/满).
    if (t0.text.length === 2 && (t0.tag === 'x' || t0.tag.startsWith('nr')) && this.p.surnames.has(t0.text[0]) && t1.text.length === 1) {
      if (!this.p.givenNameChars.has(t1.text) || FUNCTION_TAGS.has(t1.tag) || this.p.breakChars.has(t1.text)) return;
      const base = 1.5 + (t1.tag.startsWith('nr') ? 0.5 : 0) - (this.ambiguousStart(t0.text) ? 1 : 0);
      out.push({ start: t0.start, end: t1.end, base, rule: 'person:surname-merge' });
    }
  }

  /** A title ends right before: take a surname-initial or transliterated span after it. */
  private fromTitle(i: number, out: Proposal[]): void {
    const token = this.tokens[i];
    const title = this.index.wordEndingAt(token.start, this.p.titlesBeforeLongestFirst);
    if (!title || !this.index.isBoundary(token.start)) return;
    // 主席和李鹏: a conjunction after the title is not a surname (a preposition may be: 总裁向文波).
    if (token.tag === 'c' || token.tag.startsWith('u')) return;
    const start = token.start;
    if (this.japaneseNameBase(token.text) !== null) {
      // jieba keeps Japanese names whole but often tags them as nouns (桥本龙太郎/n).
      out.push({ start, end: token.end, base: 1 + this.titleBonus(title), rule: 'person:title-japanese', contextIncluded: true });
    }
    const sl = this.surnameLengthAt(start);
    if (sl > 0) {
      for (const givenLength of [2, 1]) {
        const end = start + sl + givenLength;
        if (end > this.text.length || !this.endsCleanly(end)) continue;
        out.push({ start, end, base: 1 + this.titleBonus(title), rule: 'person:title', contextIncluded: true });
      }
    }
    let end = start;
    while (end < this.text.length && end - start < 8 && this.p.transliterationChars.has(this.text[end])) end++;
    while (end - start >= 2 && !this.endsCleanly(end)) end--;
    if (end - start >= 2) out.push({ start, end, base: 1 + this.titleBonus(title), rule: 'person:title-foreign', contextIncluded: true });
  }

  /** A title or attribution verb follows (钟南山院士, 向文波认为): take the surname-initial span before it. */
  private fromTitleAfter(i: number, out: Proposal[]): void {
    const token = this.tokens[i];
    const end = token.end;
    if (!this.index.wordStartingAt(end, this.p.titlesAfter) && !this.index.wordStartingAt(end, this.p.attributionAfter)) return;
    // 金华市长, 常州书记: a place name before an office title is not a person.
    const placeOffice = this.index.wordStartingAt(end, this.p.placeOfficeTitles) !== null;
    for (const length of [3, 2]) {
      const start = end - length;
      if (start < 0 || !this.index.isBoundary(start)) continue;
      const whole = this.index.tokenStartingAt(start);
      if (whole < 0 || FUNCTION_TAGS.has(this.tokens[whole].tag)) continue;
      const wholePlace = whole >= 0 && this.tokens[whole].end === end && this.tokens[whole].tag === 'ns';
      if (wholePlace && (placeOffice || this.index.wordEndingAt(start, this.p.placeCuesBefore))) continue;
      const sl = this.surnameLengthAt(start);
      if (sl === 0 || length - sl < 1) continue;
      out.push({ start, end, base: 0.5, rule: 'person:title-after' });
    }
  }

  /** Runs of transliteration characters over whole tokens (马克/龙, 古/特雷斯, 冯德/莱恩). */
  private fromTransliterationRuns(out: Proposal[]): void {
    let i = 0;
    while (i < this.tokens.length) {
      if (!this.translitToken(this.tokens[i])) {
        i++;
        continue;
      }
      let j = i;
      while (j + 1 < this.tokens.length && this.tokens[j + 1].start === this.tokens[j].end && this.translitToken(this.tokens[j + 1])) j++;
      const run = this.tokens.slice(i, j + 1);
      const start = run[0].start;
      const end = run[run.length - 1].end;
      if (run.length > 1 && end - start >= 3 && end - start <= 8) {
        const tags = new Set(run.map((t) => t.tag));
        const base = tags.has('nrt') ? 2 : tags.has('nr') || tags.has('nrfg') ? 1.5 : tags.has('x') ? 1 : 0.5;
        out.push({ start, end, base, rule: 'person:transliteration' });
      } else if (run.length === 1 && run[0].tag === 'ns' && end - start >= 2) {
        // Foreign names are often tagged as places (普京/ns); only context can tell.
        out.push({ start, end, base: 0.5, rule: 'person:transliteration' });
      }
      i = j + 1;
    }
  }

  /** Foreign names written with a middle dot (迈克尔·乔丹, 马丁·路德·金). */
  private fromSeparatedNames(out: Proposal[]): void {
    const { text } = this;
    for (let pos = 0; pos < text.length; pos++) {
      if (!this.p.separators.has(text[pos])) continue;
      if (pos > 0 && this.p.separators.has(text[pos - 1])) continue;
      let start = this.namePartStart(pos);
      if (start === null) continue;
      let end = pos;
      let parts = 0;
      while (end < text.length && this.p.separators.has(text[end])) {
        const partEnd = this.namePartEnd(end + 1);
        if (partEnd === null) break;
        end = partEnd;
        parts++;
      }
      if (parts > 0) out.push({ start, end, base: 3, rule: 'person:foreign-dot' });
      start = end;
    }
  }

  // --- checks -----------------------------------------------------------------------------

  /** Base score of a Chinese name (surname + 1–2 given characters), or null when it cannot be one. */
  private chineseNameBase(s: string, base: number, allowBreakChars = false): number | null {
    const sl = this.surnameLengthOf(s);
    if (sl === 0) return null;
    const given = s.slice(sl);
    if (given.length < 1 || given.length > 2) return null;
    if ([...given].some((c) => (!allowBreakChars && this.p.breakChars.has(c)) || !isCjk(c))) return null;
    if ((!allowBreakChars && this.p.finalStopChars.has(s[s.length - 1])) || this.p.stopwords.has(s)) return null;
    if (sl === 1 && this.p.ambiguousSurnames.has(s[0])) return given.length === 1 ? base - 2 : base - 1;
    return base;
  }

  /** Surname (not one that starts many words) + two clean given-name characters: 陈佳洱 even when jieba tags it a noun. */
  private unambiguousChineseName(name: string): boolean {
    return name.length === 3 && this.surnameLengthOf(name) === 1 && !this.p.ambiguousSurnames.has(name[0]) &&
      this.chineseNameBase(name, 1) !== null;
  }

  private plausible(proposal: Proposal, name: string): boolean {
    if (name.length < 2 || name.length > 12) return false;
    if (this.p.stopwords.has(name)) return false;
    // Only CJK name characters (and the middle dot of foreign names); no function characters after the first.
    if (![...name].every((c) => isCjk(c) || this.p.separators.has(c))) return false;
    if (!proposal.rule.startsWith('person:jieba') && proposal.rule !== 'person:indefinite' && [...name.slice(1)].some((c) => this.p.breakChars.has(c))) return false;
    if (!this.endsCleanly(proposal.end) || !this.index.isBoundary(proposal.start)) return false;
    // 张家口地区, 在湛江参加: a place noun after, or a place cue before a whole place-tagged word.
    if (this.index.wordStartingAt(proposal.end, this.p.placeNounsAfter)) return false;
    // A name does not follow a digit or a Latin letter directly (6万人).
    if (/[0-9A-Za-z０-９]/.test(this.text[proposal.start - 1] ?? '')) return false;
    // A whole dictionary word with a non-name tag (宿舍/n, 高兴/b) is not a name; jieba's dictionary
    // does tag some foreign names as nouns (基辛格/n), which only a title can rescue.
    const t = this.index.tokenStartingAt(proposal.start);
    if (t >= 0 && this.tokens[t].end === proposal.end && !NAME_LIKE_TAGS.has(this.tokens[t].tag)) {
      const rescued = proposal.contextIncluded && name.length >= 3 &&
        (this.isTransliteration(name) || proposal.rule === 'person:title-japanese' || this.unambiguousChineseName(name));
      if (!rescued) return false;
    }
    return true;
  }

  private contextBonus(start: number, end: number): number {
    let bonus = 0;
    const title = this.index.wordEndingAt(start, this.p.titlesBeforeLongestFirst);
    if (title) bonus += this.titleBonus(title);
    if (this.index.wordStartingAt(end, this.p.titlesAfter)) bonus += 1.5;
    else if (this.index.wordStartingAt(end, this.p.attributionAfter)) bonus += 1.5;
    const before = this.index.wordEndingAt(start, this.p.attributionBefore);
    if (before && !title) bonus += 1;
    return bonus;
  }

  /** Titles are strong evidence; kinship words and 名叫 a little less. */
  private titleBonus(title: string): number {
    return title.length >= 2 ? 2 : 1.5;
  }

  private listNeighbours(a: Proposal, b: Proposal): boolean {
    const between = a.end <= b.start ? this.text.slice(a.end, b.start) : this.text.slice(b.end, a.start);
    return /^[、和与及跟同,，]$/.test(between);
  }

  /** The span may end here: at a token edge, or before a function character glued to an unknown word. */
  private endsCleanly(end: number): boolean {
    if (this.index.isBoundary(end)) return true;
    const t = this.index.tokenAt(end);
    if (t < 0) return false;
    const token = this.tokens[t];
    return token.tag === 'x' && token.end === end + 1 && this.p.trailingFunctionChars.has(this.text[end]);
  }

  private surnameLengthOf(s: string): number {
    if (s.length >= 3 && this.p.compoundSurnames.has(s.slice(0, 2))) return 2;
    return this.p.surnames.has(s[0]) ? 1 : 0;
  }

  private surnameLengthAt(pos: number): number {
    return this.surnameLengthOf(this.text.slice(pos, pos + 3));
  }

  private ambiguousStart(s: string): boolean {
    return s.length === 1 && this.p.ambiguousSurnames.has(s);
  }

  private isTransliteration(s: string): boolean {
    return s.length >= 2 && [...s].every((c) => this.p.transliterationChars.has(c));
  }

  /** The given-name part a token can contribute (1–2 characters), trimming a glued function character. */
  private givenPart(token: Token): string | null {
    let s = token.text;
    if (token.tag === 'x' && s.length === 3 && this.p.trailingFunctionChars.has(s[2])) s = s.slice(0, 2);
    if (s.length < 1 || s.length > 2) return null;
    if (FUNCTION_TAGS.has(token.tag)) return null;
    if (![...s].every((c) => isCjk(c) && !this.p.breakChars.has(c))) return null;
    // A split-off given name is made of name characters, unless jieba itself saw a name or an unknown word.
    if (!(token.tag.startsWith('nr') || token.tag === 'x') && ![...s].every((c) => this.p.givenNameChars.has(c))) return null;
    return s;
  }

  private translitToken(token: Token): boolean {
    if (FUNCTION_TAGS.has(token.tag) && token.text.length > 1) return false;
    if (!this.isTransliteration(token.text) && !(token.text.length === 1 && this.p.transliterationChars.has(token.text))) return false;
    return NAME_LIKE_TAGS.has(token.tag) || token.text.length === 1;
  }

  private namePartStart(separatorPos: number): number | null {
    const t = this.index.tokenEndingAt(separatorPos);
    if (t < 0) return null;
    let i = t;
    if (!this.namePartToken(this.tokens[i])) return null;
    while (i > 0 && this.tokens[i - 1].end === this.tokens[i].start && this.translitToken(this.tokens[i - 1]) && separatorPos - this.tokens[i - 1].start <= 8) i--;
    return this.tokens[i].start;
  }

  private namePartEnd(pos: number): number | null {
    const t = this.index.tokenStartingAt(pos);
    if (t < 0 || !this.namePartToken(this.tokens[t])) return null;
    let i = t;
    while (i + 1 < this.tokens.length && this.tokens[i + 1].start === this.tokens[i].end && this.translitToken(this.tokens[i + 1]) && this.tokens[i + 1].end - pos <= 8) i++;
    return this.tokens[i].end;
  }

  private namePartToken(token: Token): boolean {
    return [...token.text].every(isCjk) && (NAME_LIKE_TAGS.has(token.tag) || this.isTransliteration(token.text) || token.text.length === 1) && token.text.length <= 6;
  }
}
