import { toSimplifiedForMatching } from '../convert/convert.ts';
import type { ArticleMeta, MetaField } from '../document.ts';
import { OffsetMapBuilder, type OffsetMap } from '../text/offsets.ts';
import type { BoilerplateRules, CompiledPattern } from './rules.ts';

/** A line removed as boilerplate, with the rule that removed it (offsets into the source text). */
export interface DroppedLine {
  start: number;
  end: number;
  rule: string;
}

export interface CleanResult {
  /** Body text: kept lines, trimmed, joined by newlines. */
  text: string;
  /** Maps `text` offsets to source offsets. */
  map: OffsetMap;
  meta: ArticleMeta;
  dropped: DroppedLine[];
}

interface Line {
  /** Trimmed line content range in the source. */
  start: number;
  end: number;
  /** End of the line break after it (or the end of the text). */
  breakEnd: number;
  content: string;
  /** Simplified view for matching; same length as `content` when conversion was 1:1. */
  view: string;
  dropRule: string | null;
}

/** Real sentence-final punctuation, possibly followed by closing quotes or brackets. */
const SENTENCE_END = /[。！？!?…；;：:][”’"」』）)]*$/u;
const TITLE_MAX_LENGTH = 60;
const TRAILER_MAX_LENGTH = 40;
const PREFIX_DUPLICATE_MIN_LENGTH = 20;
const DUPLICATE_MIN_LENGTH = 8;
const PREFIX_LOOKAHEAD = 5;

/**
 * Remove web boilerplate line by line and read the metadata. Rules are data (boilerplate.json) and
 * are matched against a Simplified view of each line, so Traditional pages are cleaned alike.
 * The source text is never modified: the result is a new text plus its offset map.
 */
export function cleanText(source: string, rules: BoilerplateRules, htmlTitle?: MetaField | null): CleanResult {
  const lines = splitLines(source);
  const meta: ArticleMeta = { title: null, source: null, author: null, published: null };

  for (const line of lines) {
    if (!meta.published) meta.published = matchMeta(line, rules.metadata.published, 'date', normalizePublished);
    if (!meta.author) meta.author = matchMeta(line, rules.metadata.author, 'value');
  }
  // Source candidates by strength: an explicit 来源 label, the site name over the navigation line,
  // then weaker hints (首发于…, 不代表…立场), then a site suffix of the title.
  const sourceByRule = rules.metadata.source.map((pattern) => {
    for (const line of lines) {
      const found = matchMeta(line, [pattern], 'value');
      if (found) return found;
    }
    return null;
  });

  for (const line of lines) {
    if (!line.content) {
      line.dropRule = 'blank';
      continue;
    }
    const rule = rules.dropLines.find((p) => p.regex.test(line.view));
    if (rule) line.dropRule = rule.name;
  }

  const siteName = markSiteNameBeforeNavigation(lines, rules);
  meta.source = sourceByRule[0] ?? siteName ?? sourceByRule.slice(1).find((f) => f !== null) ?? null;
  markFooter(lines, rules.footerStarts);
  markDuplicates(lines);
  markTrailer(lines);

  const kept = lines.filter((l) => !l.dropRule);
  meta.title = htmlTitle ?? readTitle(kept, rules, meta);
  // Repeated copies of the title (image captions, sticky headers) are boilerplate.
  if (meta.title) {
    const titleView = toSimplifiedForMatching(meta.title.original);
    let first = true;
    for (const line of kept) {
      if (line.view.includes(titleView) && line.view.length <= titleView.length + 30) {
        if (!first) line.dropRule = 'repeated-title';
        first = false;
      }
    }
  }

  const builder = new OffsetMapBuilder();
  let previous: Line | null = null;
  for (const line of lines) {
    if (line.dropRule) continue;
    if (previous) builder.replace('\n', previous.end, Math.max(previous.end, previous.breakEnd));
    builder.copy(source, line.start, line.end);
    previous = line;
  }
  const { text, map } = builder.build(source.length);
  const dropped = lines
    .filter((l) => l.dropRule && l.dropRule !== 'blank')
    .map((l) => ({ start: l.start, end: l.end, rule: l.dropRule! }));
  return { text, map, meta, dropped };
}

function splitLines(source: string): Line[] {
  const lines: Line[] = [];
  // One conversion for the whole text (opencc-js is costly per call); per line only if lengths differ.
  const wholeView = toSimplifiedForMatching(source);
  const viewOf = (start: number, content: string) =>
    wholeView.length === source.length ? wholeView.slice(start, start + content.length) : toSimplifiedForMatching(content);
  const lineBreak = /\r\n|\n|\r/g;
  let from = 0;
  for (;;) {
    lineBreak.lastIndex = from;
    const match = lineBreak.exec(source);
    const to = match ? match.index : source.length;
    const breakEnd = match ? match.index + match[0].length : source.length;
    const raw = source.slice(from, to);
    // JavaScript's trim covers full-width and no-break spaces too.
    const content = raw.trim();
    const trimmedStart = from + (raw.length - raw.trimStart().length);
    lines.push({
      start: trimmedStart,
      end: trimmedStart + content.length,
      breakEnd,
      content,
      view: viewOf(trimmedStart, content),
      dropRule: null,
    });
    if (!match) break;
    from = breakEnd;
  }
  return lines;
}

function matchMeta(
  line: Line,
  patterns: CompiledPattern[],
  group: string,
  normalize: (value: string) => string | null = (v) => v.trim(),
): MetaField | null {
  for (const pattern of patterns) {
    const match = pattern.regex.exec(line.view);
    const found = match?.groups?.[group];
    if (!match || !found) continue;
    const value = normalize(found);
    if (!value) continue;
    const offsetInLine = match.index + match[0].indexOf(found);
    // The view has the line's length when conversion was 1:1; otherwise point at the whole line.
    const exact = line.view.length === line.content.length;
    const start = exact ? line.start + offsetInLine : line.start;
    const end = exact ? start + found.length : line.end;
    return { value, start, end, original: lineSource(line, start, end) };
  }
  return null;
}

function lineSource(line: Line, start: number, end: number): string {
  return line.content.slice(start - line.start, end - line.start);
}

function normalizePublished(value: string): string | null {
  const parts = value.match(/\d+/g);
  if (!parts || parts.length < 3) return null;
  const [year, month, day] = parts.map(Number);
  if (month < 1 || month > 12 || day < 1 || day > 31) return null;
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCMonth() !== month - 1) return null;
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** A short line right before a navigation line (当前位置 …) is the site's name. */
function markSiteNameBeforeNavigation(lines: Line[], rules: BoilerplateRules): MetaField | null {
  const content = lines.filter((l) => l.content);
  for (let i = 0; i + 1 < content.length && i < 5; i++) {
    const line = content[i];
    const next = content[i + 1];
    if (!line.dropRule && next.dropRule === 'breadcrumb' && line.content.length <= rules.siteNameMaxLength) {
      line.dropRule = 'site-name';
      return { value: line.view, start: line.start, end: line.end, original: line.content };
    }
  }
  return null;
}

/** A footer start (免责声明 …) in the second half of the page removes it and everything after. */
function markFooter(lines: Line[], footerStarts: CompiledPattern[]): void {
  const half = Math.floor(lines.length / 2);
  for (let i = half; i < lines.length; i++) {
    const rule = footerStarts.find((p) => p.regex.test(lines[i].view));
    if (!rule) continue;
    for (let j = i; j < lines.length; j++) if (lines[j].dropRule !== 'blank') lines[j].dropRule ??= rule.name;
    return;
  }
}

/** Exact repeats, and a truncated lead that a later paragraph repeats in full. */
function markDuplicates(lines: Line[]): void {
  const seen = new Set<string>();
  const kept = lines.filter((l) => !l.dropRule);
  for (const line of kept) {
    if (line.content.length >= DUPLICATE_MIN_LENGTH && seen.has(line.content)) line.dropRule = 'duplicate-line';
    seen.add(line.content);
  }
  const remaining = kept.filter((l) => !l.dropRule);
  for (let i = 0; i < remaining.length; i++) {
    const line = remaining[i];
    if (line.content.length < PREFIX_DUPLICATE_MIN_LENGTH) continue;
    // A lead and its full paragraph stand close together; a bounded look-ahead keeps this linear.
    for (let j = i + 1; j < Math.min(remaining.length, i + 1 + PREFIX_LOOKAHEAD); j++) {
      const later = remaining[j];
      if (later.content.length > line.content.length && later.content.startsWith(line.content)) {
        line.dropRule = 'truncated-lead';
        break;
      }
    }
  }
}

/**
 * Headlines of related articles often trail the body: two or more final short lines with no
 * sentence-ending punctuation.
 */
function markTrailer(lines: Line[]): void {
  const kept = lines.filter((l) => !l.dropRule);
  let count = 0;
  for (let i = kept.length - 1; i >= 0; i--) {
    const line = kept[i];
    if (line.content.length > TRAILER_MAX_LENGTH || SENTENCE_END.test(line.content)) break;
    count++;
  }
  if (count < 2 || count >= kept.length) return;
  for (let i = kept.length - count; i < kept.length; i++) kept[i].dropRule = 'related-headlines';
}

/** The title is the first kept line; a site name after a separator (标题-网站名) is cut off. */
function readTitle(kept: Line[], rules: BoilerplateRules, meta: ArticleMeta): MetaField | null {
  const first = kept.find((l) => l.content.length >= 4);
  if (!first) return null;
  // Pages without a headline line start with the body: take its first sentence if it is short.
  const line = first.content.length <= TITLE_MAX_LENGTH ? first : firstSentenceOf(first);
  if (!line) return null;
  const parts = splitKeepingOffsets(line.content, rules.titleSeparators);
  let title = { offset: 0, text: line.content };
  if (parts.length > 1) {
    const [head, ...tail] = parts;
    if (head.text.length >= 6 && tail.every((p) => p.text.length <= rules.siteNameMaxLength)) {
      title = head;
      const site = tail[tail.length - 1];
      meta.source ??= {
        value: toSimplifiedForMatching(site.text),
        start: line.start + site.offset,
        end: line.start + site.offset + site.text.length,
        original: site.text,
      };
    }
  }
  const start = line.start + title.offset;
  return {
    value: toSimplifiedForMatching(title.text),
    start,
    end: start + title.text.length,
    original: title.text,
  };
}

function firstSentenceOf(line: Line): Line | null {
  const match = /^[^。！？!?；;]+[。！？!?；;]/u.exec(line.content);
  if (!match || match[0].length > TITLE_MAX_LENGTH) return null;
  const content = match[0].slice(0, -1);
  return { ...line, end: line.start + content.length, content, view: toSimplifiedForMatching(content) };
}

function splitKeepingOffsets(text: string, separator: RegExp): Array<{ offset: number; text: string }> {
  const global = new RegExp(separator.source, 'gu');
  const parts: Array<{ offset: number; text: string }> = [];
  let from = 0;
  for (const match of text.matchAll(global)) {
    if (match.index! > from) parts.push({ offset: from, text: text.slice(from, match.index) });
    from = match.index! + match[0].length;
  }
  if (from < text.length) parts.push({ offset: from, text: text.slice(from) });
  return parts;
}

