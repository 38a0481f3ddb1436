import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { decodeArticle } from '../../src/ingest/decode.ts';

const fixture = (name: string) => readFileSync(new URL(`../fixtures/ingest/${name}`, import.meta.url));
const SIMPLIFIED_START = '阿里巴巴集团今天宣布，钉钉的企业客户数量';

describe('decodeArticle', () => {
  it('reads UTF-8 with and without a byte-order mark (the mark is not part of the text)', () => {
    const withBom = decodeArticle(fixture('utf8-bom.txt'));
    expect(withBom).toMatchObject({ ok: true, encoding: 'utf-8-bom' });
    if (withBom.ok) expect(withBom.text.startsWith(SIMPLIFIED_START)).toBe(true);
    const plain = decodeArticle(new TextEncoder().encode('钉钉上线'));
    expect(plain).toEqual({ ok: true, text: '钉钉上线', encoding: 'utf-8' });
  });

  it('reads UTF-16 little and big endian with a byte-order mark', () => {
    for (const [name, encoding] of [['utf16le-bom.txt', 'utf-16le'], ['utf16be-bom.txt', 'utf-16be']] as const) {
      const result = decodeArticle(fixture(name));
      expect(result).toMatchObject({ ok: true, encoding });
      if (result.ok) expect(result.text.startsWith(SIMPLIFIED_START)).toBe(true);
    }
  });

  it('detects GBK (GB18030) bytes that are not valid UTF-8', () => {
    const result = decodeArticle(fixture('gbk.txt'));
    expect(result).toMatchObject({ ok: true, encoding: 'gb18030' });
    if (result.ok) expect(result.text.startsWith(SIMPLIFIED_START)).toBe(true);
  });

  it('detects Big5 bytes with no declaration', () => {
    const result = decodeArticle(fixture('big5.txt'));
    expect(result).toMatchObject({ ok: true, encoding: 'big5' });
    if (result.ok) expect(result.text.startsWith('阿里巴巴集團今天宣布，釘釘的企業客戶數量')).toBe(true);
  });

  it('refuses empty and binary files with a clear reason', () => {
    expect(decodeArticle(fixture('empty.txt'))).toEqual({ ok: false, reason: 'empty file' });
    const binary = decodeArticle(fixture('binary.txt'));
    expect(binary.ok).toBe(false);
    if (!binary.ok) expect(binary.reason).toMatch(/binary/);
  });

  it('says so when a UTF-8 file is cut off in the middle of a character', () => {
    const bytes = new TextEncoder().encode('钉钉上线了');
    const result = decodeArticle(bytes.subarray(0, bytes.length - 1));
    expect(result).toEqual({ ok: false, reason: expect.stringMatching(/^truncated UTF-8: .*last 2 bytes/) });
  });

  it('refuses bytes that read as no encoding', () => {
    const noise = Uint8Array.from({ length: 400 }, (_, i) => 0x80 + ((i * 37) % 0x7f));
    const result = decodeArticle(noise);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.reason).toMatch(/not decodable/);
  });
});
