import he from 'he';
import { OffsetMapBuilder, type OffsetMap } from '../text/offsets.ts';

/** Tags whose content is never article text. */
const SKIPPED_ELEMENTS = /^(script|style|noscript|template|svg|iframe|button|select|nav|form)$/i;
/** Tags that break a line: their position becomes a newline in the text. */
const BLOCK_TAGS =
  /^(p|div|br|li|ul|ol|h[1-6]|tr|td|th|table|section|article|header|footer|aside|blockquote|pre|hr|dd|dt|dl|figure|figcaption|title|main)$/i;

export interface HtmlText {
  text: string;
  /** Maps text offsets to offsets in the HTML source. */
  map: OffsetMap;
  /** Content of <title>, if any (already entity-decoded). */
  title: { value: string; start: number; end: number } | null;
}

const TOKEN = /<!--[\s\S]*?-->|<!\[CDATA\[[\s\S]*?\]\]>|<![^>]*>|<\?[^>]*>|<\/?([a-zA-Z][a-zA-Z0-9-]*)\b[^>]*>|&(?:#[0-9]+|#[xX][0-9a-fA-F]+|[a-zA-Z][a-zA-Z0-9]*);?/g;

/**
 * Text of an HTML page: tags and comments removed, script/style content skipped, block tags turned
 * into newlines and character references (`&#25105;`, `&amp;`) decoded, with a map back to the source.
 */
export function htmlToText(html: string): HtmlText {
  const builder = new OffsetMapBuilder();
  let last = 0;
  let skipping: string | null = null;
  let title: HtmlText['title'] = null;
  let titleOpenEnd = -1;
  TOKEN.lastIndex = 0;
  for (let match = TOKEN.exec(html); match; match = TOKEN.exec(html)) {
    const at = match.index;
    const token = match[0];
    const tagName = match[1]?.toLowerCase();
    const closing = token.startsWith('</');
    if (skipping) {
      if (tagName === skipping && closing) {
        skipping = null;
        last = at + token.length;
      }
      continue;
    }
    builder.copy(html, last, at);
    last = at + token.length;
    if (token.startsWith('&')) {
      const decoded = he.decode(token.endsWith(';') ? token : token + ';');
      if (decoded === token || decoded === token + ';') builder.copy(html, at, last);
      else builder.replace(decoded, at, last);
      continue;
    }
    if (!tagName) continue; // comment, doctype, processing instruction
    if (tagName === 'title') {
      if (!closing) titleOpenEnd = last;
      else if (titleOpenEnd >= 0 && !title) {
        const value = he.decode(html.slice(titleOpenEnd, at)).trim();
        if (value) title = { value, start: titleOpenEnd, end: at };
      }
    }
    if (SKIPPED_ELEMENTS.test(tagName) && !closing && !token.endsWith('/>')) {
      skipping = tagName;
      continue;
    }
    if (BLOCK_TAGS.test(tagName)) builder.replace('\n', at, last);
  }
  if (!skipping) builder.copy(html, last, html.length);
  const { text, map } = builder.build(html.length);
  return { text, map, title };
}
