import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { flattenRow, toCsv, writeFileAtomic, writeTable } from '../../src/report/write.ts';

describe('CSV reports', () => {
  it('start with a UTF-8 byte-order mark and a header, with CRLF rows for Excel', () => {
    const csv = toCsv([{ title: '钉钉上线', n: 1 }]);
    expect(csv.charCodeAt(0)).toBe(0xfeff);
    expect(csv.slice(1)).toBe('title,n\r\n钉钉上线,1\r\n');
  });

  it('flatten nested values into dotted columns and lists into |-joined cells', () => {
    expect(flattenRow({ value: { start: '2013', end: null }, ids: ['a', 'b'], ok: true })).toEqual({
      'value.start': '2013',
      'value.end': null,
      ids: 'a|b',
      ok: true,
    });
  });

  it('keep fixed columns: a null object leaves its dotted columns empty', () => {
    const csv = toCsv([{ when: null, s: 'x' }, { when: { start: '2015' }, s: 'y' }], ['s', 'when.start']);
    expect(csv.slice(1).split('\r\n')).toEqual(['s,when.start', 'x,', 'y,2015', '']);
  });

  it('quote cells with commas, quotes and line breaks', () => {
    expect(toCsv([{ q: '他说,"好"\n走' }]).slice(1)).toBe('q\r\n"他说,""好""\n走"\r\n');
  });

  it('quote a cell whose only special character is a lone line feed or carriage return', () => {
    expect(toCsv([{ q: '第一行\n第二行' }, { q: 'a\rb' }]).slice(1)).toBe('q\r\n"第一行\n第二行"\r\n"a\rb"\r\n');
  });
});

describe('writeFileAtomic', () => {
  it('replaces the file whole and leaves no temporary file behind', () => {
    const dir = mkdtempSync(join(tmpdir(), 'write-'));
    writeFileAtomic(join(dir, 'a.json'), 'one');
    writeFileAtomic(join(dir, 'a.json'), 'two');
    expect(readFileSync(join(dir, 'a.json'), 'utf8')).toBe('two');
    expect(readdirSync(dir)).toEqual(['a.json']);
  });

  it('writes a table as JSON, one row per line, and CSV', () => {
    const dir = mkdtempSync(join(tmpdir(), 'write-'));
    writeTable(dir, 't', [{ a: 1, b: { c: '来往' } }, { a: 2, b: null }], ['a', 'b.c']);
    expect(readFileSync(join(dir, 't.json'), 'utf8')).toBe('[\n{"a":1,"b":{"c":"来往"}},\n{"a":2,"b":null}\n]\n');
    expect(JSON.parse(readFileSync(join(dir, 't.json'), 'utf8'))).toEqual([{ a: 1, b: { c: '来往' } }, { a: 2, b: null }]);
    expect(readFileSync(join(dir, 't.csv'), 'utf8')).toBe('\ufeffa,b.c\r\n1,来往\r\n2,\r\n');
    writeTable(dir, 'empty', [], ['a']);
    expect(readFileSync(join(dir, 'empty.json'), 'utf8')).toBe('[]\n');
  });
});
