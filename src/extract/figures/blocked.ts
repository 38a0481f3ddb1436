/**
 * Spans that hold digits but no quantity: URLs, e-mail addresses, clock times, phone numbers,
 * registration numbers (冀ICP备2023038169号-3) and compact dates (20181105). Figures must not
 * overlap them. Dates in general come from the date extractor through `exclude`.
 */
export interface Span {
  start: number;
  end: number;
}

const BLOCKED_PATTERNS: RegExp[] = [
  // URLs and e-mail addresses.
  /(?:https?:\/\/|www\.)[^\s\u3000-\u303f\u4e00-\u9fff\uff00-\uffef"'<>“”‘’]+/gi,
  // Starts only where a run of address characters starts, so a long run is scanned once.
  /(?<![\w.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)+/g,
  // Clock times 13:56, 13:56:39.
  /(?<![\d.])\d{1,2}[:：]\d{2}(?:[:：]\d{2})?(?![\d.])/g,
  // Phone numbers: 400-123-4567, 010-12345678, 13812345678, +86 …
  /(?<![\d-])(?:\+?86[-\s]?)?(?:\d{3,4}-\d{3,4}-\d{3,4}|0\d{2,3}-\d{7,8}|1[3-9]\d{9})(?![\d-])/g,
  // Registration and licence numbers: ICP备…号-3, 公网安备 …号.
  /[A-Za-z\u4e00-\u9fff]{0,6}备\s*[\dA-Za-z]{5,}\s*号(?:\s*-\s*\d+)?/g,
  // Compact dates 20181105 and full numeric dates 2016-06-15, 2020.3.17, 2020/3/17.
  /(?<![\d.])(?:19|20)\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])(?![\d.])/g,
  /(?<![\d.])(?:1[89]|20)\d{2}([-/.])\d{1,2}\1\d{1,2}(?![\d.])/g,
  // ID card numbers.
  /(?<![\dA-Za-z])\d{17}[\dXx](?![\dA-Za-z])/g,
];

export function blockedSpans(text: string): Span[] {
  const spans: Span[] = [];
  for (const pattern of BLOCKED_PATTERNS) {
    for (const m of text.matchAll(pattern)) spans.push({ start: m.index, end: m.index + m[0].length });
  }
  return spans;
}

export function overlapsAny(start: number, end: number, spans: readonly Span[]): boolean {
  return spans.some((s) => s.start < end && start < s.end);
}

/**
 * Overlap queries against a fixed set of spans in O(log n) each: spans sorted by start, with the
 * running maximum of their ends (an article may exclude thousands of date spans).
 */
export class SpanIndex {
  private readonly starts: number[];
  private readonly maxEnds: number[];

  constructor(spans: readonly Span[]) {
    const sorted = [...spans].sort((a, b) => a.start - b.start);
    this.starts = sorted.map((s) => s.start);
    this.maxEnds = [];
    let maxEnd = -Infinity;
    for (const s of sorted) {
      maxEnd = Math.max(maxEnd, s.end);
      this.maxEnds.push(maxEnd);
    }
  }

  overlaps(start: number, end: number): boolean {
    // Number of spans starting before `end`; one of them overlaps iff the largest end passes `start`.
    let lo = 0;
    let hi = this.starts.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.starts[mid]! < end) lo = mid + 1;
      else hi = mid;
    }
    return lo > 0 && this.maxEnds[lo - 1]! > start;
  }
}
