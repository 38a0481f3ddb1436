/** Dates without a year: 9月23日, 十月一日, 2月份, 3日, 15号 — the year (and month) come from context. */
import { isValidDay, unitValue } from '../calendar.ts';
import { ACROSS_YEAR_BOUNDARY_DAYS_FOR_MONTHS, fillMonth, fillNearestYear, monthDayCandidate } from '../context.ts';
import { dateWords } from '../lexicon.ts';
import { DAY, MONTH, readDay, readMonth } from '../numbers.ts';
import { NUMERAL_CHARS, SP, followedByAny, matches, precededByAny } from '../text.ts';
import type { Candidate } from '../types.ts';

/** Not inside a number or code; a dash counts only after a numeral (2016-3月), not after 日 (9月3日-10月5日). */
const NOT_BEFORE = `(?<![${NUMERAL_CHARS}./:A-Za-z])(?<![${NUMERAL_CHARS}A-Za-z]-)`;
const MONTH_DAY = new RegExp(`${NOT_BEFORE}(${MONTH})${SP}月(?:份)?${SP}(${DAY})${SP}[日号]`, 'g');
const MONTH_ONLY = new RegExp(`${NOT_BEFORE}(${MONTH})${SP}月(份)?`, 'g');
const DAY_ONLY = new RegExp(`${NOT_BEFORE}(?<![第每])(${DAY})${SP}([日号])`, 'g');

/** Characters after 3月 that make another word (月亮, 月饼, 月薪). */
const MONTH_WORD_TAILS = ['亮', '光', '饼', '球', '色', '票', '薪', '费', '供', '租', '卡', '息', '子', '度', '嫂', '季', '刊', '报'];
/** After N日 these make another word or a count (日元, 日本, 日报, 日均, 日内, 日后). */
const DAY_RI_TAILS = [
  '元', '本', '报', '均', '内', '前', '后', '游', '韩', '军', '常', '益', '渐', '志', '记', '历', '程', '语', '式',
  '系', '产', '用', '化', '寇', '货', '剧', '企', '方', '美', '俄', '欧', '经', '媒', '籍', '侨', '裔', '圆', '币',
  '间', '夜', '以', '之', '期', '子', '光', '照', '出', '落', '薪', '销', '活', '增', '成', '交',
];
/** N号 is a date only before these (号 is also a number sign: 3号线, 5号楼). */
const DAY_HAO_FOLLOWERS = [
  '到', '至', '-', '~', '、', '和', '或', '当天', '这天', '那天', '起', '开始', '以前', '之前', '以后', '之后', '前后', '左右',
  '前', '后', '正式', '举行', '召开', '发布', '上线', '开幕', '闭幕', '结束', '截止', '晚', '早', '上午', '下午', '中午',
  '凌晨', '傍晚', '夜', '零点', '的', '是', '将', '就', '才', '在', '再', '又', '也', '都', '我', '你', '他', '她', '们',
  '要', '会', '去', '来', '见', '回来', '回家', '回国', '出发', '出差', '出门', '开会', '开学', '开业', '开工', '放假',
  '上班', '下班', '举办', '截至', '止',
];
const PUNCTUATION = /^[ \t\u3000]*(?:$|[，。、；：！？,.;:!?）)」』"”'\n\r])/;

export function parseMonthDay(text: string): Candidate[] {
  const out: Candidate[] = [];
  for (const match of matches(MONTH_DAY, text)) {
    const m = readMonth(match[1]!);
    const d = readDay(match[2]!);
    if (m === null || d === null) continue;
    out.push(monthDayCandidate(match.index, match.index + match[0].length, 'month-day', m, d));
  }
  return out;
}

export function parseMonth(text: string): Candidate[] {
  const out: Candidate[] = [];
  for (const match of matches(MONTH_ONLY, text)) {
    const m = readMonth(match[1]!);
    const end = match.index + match[0].length;
    if (m === null) continue;
    if (match[2] === undefined && followedByAny(text, end, MONTH_WORD_TAILS)) continue;
    // 不到一月, 近三月, 三月有余: a count of months.
    if (precededByAny(text, match.index, dateWords().durationCues)) continue;
    if (!/\d/.test(match[1]!) && followedByAny(text, end, ['有余', '之久', '多', '余'])) continue;
    out.push({
      start: match.index,
      end,
      rule: 'month',
      approx: false,
      resolve: (ctx) => {
        // The month's middle stands for it when the publication year is moved to the nearest.
        const year = fillNearestYear(ctx, (y) => ({ y, m, d: 15 }), ACROSS_YEAR_BOUNDARY_DAYS_FOR_MONTHS);
        if (!year) return null;
        return { value: unitValue({ y: year.y, m }, 'month'), basis: year.basis, implied: ['year'], contextSource: year.source };
      },
    });
  }
  return out;
}

/** A day of the month alone (3日晚间, 15号): the month and year from context, else the publication date. */
export function parseDayOfMonth(text: string): Candidate[] {
  const out: Candidate[] = [];
  const cues = dateWords().durationCues;
  for (const match of matches(DAY_ONLY, text)) {
    const d = readDay(match[1]!);
    const end = match.index + match[0].length;
    if (d === null) continue;
    if (precededByAny(text, match.index, cues)) continue;
    const tail = text.slice(end);
    // A lone Chinese digit before 日 is a count (一日三餐, 有一日), not a day of the month.
    if (/^[一二三四五六七八九]$/.test(match[1]!)) continue;
    if (match[2] === '日') {
      if (followedByAny(text, end, DAY_RI_TAILS)) continue;
    } else {
      // 号 after a one-character Chinese numeral is a name or a size (三号楼, 五号字, 他是三号).
      if (/^[一二三四五六七八九十]$/.test(match[1]!)) continue;
      // Right after a month word (下个月10号) the day needs no further evidence.
      const afterMonth = precededByAny(text, match.index, ['月', '月份']);
      if (!afterMonth && !PUNCTUATION.test(tail) && !followedByAny(text, end, DAY_HAO_FOLLOWERS)) continue;
    }
    out.push({
      start: match.index,
      end,
      rule: 'day-of-month',
      approx: false,
      resolve: (ctx) => {
        const month = fillMonth(ctx);
        if (!month || !isValidDay(month.y, month.m, d)) return null;
        return {
          value: unitValue({ y: month.y, m: month.m, d }, 'day'),
          basis: month.basis,
          implied: ['year', 'month'],
          contextSource: month.source,
        };
      },
    });
  }
  return out;
}
