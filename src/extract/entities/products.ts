import type { EntityType } from '../../types.ts';
import { SCORE, type Candidate } from './candidates.ts';
import type { EntityRules } from './rules.ts';
import type { TextIndex } from './text-index.ts';

/**
 * Names marked by the writer: a quoted name right after a launch verb (推出“米聊”, 取名「Real如我」)
 * or right before one (“来往”上线), titles in 《》, and Latin-script names (Tango, QuestMobile).
 */

const QUOTES: Array<[string, string]> = [
  ['“', '”'],
  ['「', '」'],
  ['『', '』'],
  ['"', '"'],
];
const INNER_PUNCTUATION = /[，,。、！!？?：:；;（）()\s“”「」『』《》]/;
const FUNCTION_INSIDE = /[的了是在着过把被]/;
/** Verbs that launch something right after the quoted name (“来往”上线). */
const LAUNCHED_AFTER = ['正式上线', '上线', '问世', '发布', '亮相', '诞生', '上市', '推出', '面世', '开通'];
const EVENT_NOUNS = ['活动', '大赛', '晚会', '节', '行动', '计划', '工程'];

export function markedNameCandidates(index: TextIndex, rules: EntityRules): Candidate[] {
  return [...quotedNames(index, rules), ...bookTitles(index, rules), ...latinNames(index, rules)];
}

function quotedNames(index: TextIndex, rules: EntityRules): Candidate[] {
  const { text } = index;
  const pr = rules.product;
  const out: Candidate[] = [];
  let previousProductEnd = -1;
  for (let i = 0; i < text.length; i++) {
    const pair = QUOTES.find(([open]) => open === text[i]);
    if (!pair) continue;
    const close = text.indexOf(pair[1], i + 1);
    if (close < 0) continue;
    const start = i + 1;
    const content = text.slice(start, close);
    i = close;
    if (content.length < 1 || content.length > pr.maxQuotedLength) continue;
    if (INNER_PUNCTUATION.test(content) || FUNCTION_INSIDE.test(content)) continue;
    const head = text.slice(Math.max(0, start - 1 - pr.verbWindow - 4), start - 1).replace(/(?:了|过)?(?:一|两|几)?(?:个|款|项|种)?$/, '');
    const verbBefore = pr.launchVerbsLongestFirst.suffixOf(head);
    const after = text.slice(close + 1, close + 8);
    const launchedAfter = LAUNCHED_AFTER.some((v) => after.startsWith(v));
    // 推出「校园日记」和「白领日记」: a quoted name coordinated with a previous one.
    const coordinated = previousProductEnd >= 0 && /^[和与及、跟]$/.test(text.slice(previousProductEnd + 1, start - 1));
    if (!verbBefore && !launchedAfter && !coordinated) continue;
    let type: EntityType = 'product';
    if (pr.organizationNouns.some((n) => after.startsWith(n) || after.startsWith(`的${n}`))) type = 'organization';
    else if (EVENT_NOUNS.some((n) => after.startsWith(n))) type = 'event';
    out.push({ start, end: close, entity: content, type, discovered: true, rule: verbBefore ? `quoted:${verbBefore}` : launchedAfter ? 'quoted:launched' : 'quoted:coordinated', score: SCORE.product });
    previousProductEnd = close;
  }
  return out;
}

function bookTitles(index: TextIndex, rules: EntityRules): Candidate[] {
  const { text } = index;
  const out: Candidate[] = [];
  for (let i = text.indexOf('《'); i >= 0; i = text.indexOf('《', i + 1)) {
    const close = text.indexOf('》', i + 1);
    if (close < 0) break;
    const content = text.slice(i + 1, close);
    if (content.length < 1 || content.length > rules.product.maxTitleLength || /[《\n]/.test(content)) continue;
    // Laws, notices and reports are documents, not products.
    if (rules.product.documentTitleEndings.suffixOf(content)) continue;
    out.push({ start: i + 1, end: close, entity: content, type: 'product', discovered: true, rule: 'title', score: SCORE.product - 5 });
  }
  return out;
}

/** Latin words, joined by -&+. or by a space before a capitalised word (Sensor Tower, App Store). */
const LATIN_NAME = /[A-Za-z][A-Za-z0-9]*(?:(?:[-&+.]| (?=[A-Z]))[A-Za-z0-9]+)*/g;

function latinNames(index: TextIndex, rules: EntityRules): Candidate[] {
  const { text } = index;
  const la = rules.latin;
  const out: Candidate[] = [];
  for (const match of text.matchAll(LATIN_NAME)) {
    const name = match[0];
    const start = match.index!;
    const end = start + name.length;
    if (name.length < la.minLength || la.genericTerms.has(name)) continue;
    const before = text[start - 1] ?? '';
    const after = text[end] ?? '';
    // Parts of URLs, e-mail addresses, file names and version strings.
    if (/[./@:\\_#=%?&\d-]/.test(before) || /[./@\\_#=%?&]/.test(after)) continue;
    if (/^(?:https?|www|com|cn|net|html?)$/i.test(name)) continue;
    if (!/[A-Z]/.test(name)) continue; // lower-case words are vocabulary (slogan), not names
    // Several words make a name only when each is capitalised (App Store), not "to C" or "for B".
    if (name.includes(' ') && name.split(' ').some((word) => !/^[A-Z0-9]/.test(word))) continue;
    const left = text.slice(Math.max(0, start - 6), start).replace(/[了过]$/, '');
    const right = text.slice(end, end + 6);
    const authorCredit = /(?:文|作者|编辑|记者|撰文|译者)\s*[:：|｜]\s*$/.test(left);
    const productCue = la.productCuesBefore.suffixOf(left) !== null;
    const orgCue = la.organizationCuesBefore.suffixOf(left) !== null || la.organizationCuesAfter.startingAt(right, 0) !== null;
    const shortAcronym = /^[A-Z0-9]{2,4}$/.test(name);
    if (shortAcronym && !productCue && !orgCue) continue;
    const type: EntityType = authorCredit ? 'person' : productCue && !orgCue ? 'product' : 'organization';
    out.push({ start, end, entity: name, type, discovered: true, rule: authorCredit ? 'latin:credit' : 'latin', score: SCORE.weak });
  }
  return out;
}
