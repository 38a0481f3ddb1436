import iconv from 'iconv-lite';
import { COMMON_HAN } from './common-han.ts';
import { toSimplifiedForMatching } from '../convert/convert.ts';

export type Encoding = 'utf-8' | 'utf-8-bom' | 'utf-16le' | 'utf-16be' | 'gb18030' | 'big5';

export type DecodeResult =
  | { ok: true; text: string; encoding: Encoding }
  | { ok: false; reason: string };

/**
 * Decode the bytes of an article. Order: byte-order marks, then strict UTF-8, then the legacy
 * Chinese encodings (GB18030 covers GBK and GB2312), chosen by which decoding reads as common
 * Chinese. A declared charset is ignored on purpose: web pages lie about it.
 */
export function decodeArticle(bytes: Uint8Array): DecodeResult {
  if (bytes.length === 0) return { ok: false, reason: 'empty file' };
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    return strictUtf8(bytes.subarray(3), 'utf-8-bom');
  }
  if (bytes[0] === 0xff && bytes[1] === 0xfe) {
    return { ok: true, text: iconv.decode(Buffer.from(bytes.subarray(2)), 'utf-16le'), encoding: 'utf-16le' };
  }
  if (bytes[0] === 0xfe && bytes[1] === 0xff) {
    return { ok: true, text: iconv.decode(Buffer.from(bytes.subarray(2)), 'utf-16be'), encoding: 'utf-16be' };
  }
  if (looksBinary(bytes)) return { ok: false, reason: 'binary file (contains NUL or control bytes), not text' };
  const utf8 = strictUtf8(bytes, 'utf-8');
  if (utf8.ok) return utf8;
  const cut = truncatedUtf8Tail(bytes);
  if (cut > 0) {
    return { ok: false, reason: `truncated UTF-8: the file ends in the middle of a character (its last ${cut} byte${cut > 1 ? 's' : ''}); the file was probably cut off while copying` };
  }
  return decodeLegacyChinese(bytes);
}

function strictUtf8(bytes: Uint8Array, encoding: Encoding): DecodeResult {
  try {
    const text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
    return { ok: true, text, encoding };
  } catch {
    return { ok: false, reason: 'invalid UTF-8' };
  }
}

/**
 * Length of an incomplete UTF-8 sequence at the very end, when everything before it is valid
 * UTF-8 with some non-ASCII text (so the file is UTF-8, only cut off); else 0.
 */
function truncatedUtf8Tail(bytes: Uint8Array): number {
  for (let cut = 1; cut <= 3 && cut < bytes.length; cut++) {
    const lead = bytes[bytes.length - cut];
    if (lead >= 0x80 && lead < 0xc0) continue; // a continuation byte: the lead is further back
    const expected = lead >= 0xf0 ? 4 : lead >= 0xe0 ? 3 : lead >= 0xc0 ? 2 : 1;
    if (expected <= cut) return 0;
    const prefix = bytes.subarray(0, bytes.length - cut);
    const decoded = strictUtf8(prefix, 'utf-8');
    return decoded.ok && /[^\x00-\x7f]/.test(decoded.text) ? cut : 0;
  }
  return 0;
}

function looksBinary(bytes: Uint8Array): boolean {
  const sample = bytes.subarray(0, 8192);
  let control = 0;
  for (const b of sample) {
    if (b === 0) return true;
    // Control bytes other than tab, newline, carriage return, form feed and escape.
    if (b < 0x20 && b !== 9 && b !== 10 && b !== 13 && b !== 12 && b !== 27) control++;
  }
  return control > sample.length * 0.05;
}

const LEGACY: Array<Exclude<Encoding, 'utf-8' | 'utf-8-bom' | 'utf-16le' | 'utf-16be'>> = ['gb18030', 'big5'];

function decodeLegacyChinese(bytes: Uint8Array): DecodeResult {
  const buffer = Buffer.from(bytes);
  let best: { text: string; encoding: Encoding; score: number } | null = null;
  for (const encoding of LEGACY) {
    const text = iconv.decode(buffer, encoding);
    const score = readabilityScore(text);
    if (!best || score > best.score) best = { text, encoding, score };
  }
  if (!best || best.score < 0.3) {
    return { ok: false, reason: 'not decodable: neither UTF-8, UTF-16, GB18030 nor Big5 gives readable Chinese text' };
  }
  return { ok: true, text: best.text, encoding: best.encoding };
}

/**
 * Share of Han characters that are common Chinese characters, read through a Simplified view so
 * that Traditional text scores like Simplified text. Decoding with the wrong table yields rare
 * characters and replacement marks, which score low.
 */
export function readabilityScore(text: string): number {
  const sample = toSimplifiedForMatching(text.slice(0, 4000));
  let han = 0;
  let common = 0;
  let replacement = 0;
  for (const ch of sample) {
    if (ch === '\ufffd') replacement++;
    else if (/\p{Script=Han}/u.test(ch)) {
      han++;
      if (COMMON_HAN.has(ch)) common++;
    }
  }
  const total = han + replacement;
  if (total === 0) return replacement === 0 ? 1 : 0;
  return common / total;
}
