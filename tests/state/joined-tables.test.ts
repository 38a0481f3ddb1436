import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeJoinedTables, writeJoinedTablesInThread, renameIntoPlace, type ArticleRows, type JoinedTablesJob } from '../../src/state/joined-tables.ts';
import { tempDir } from './helpers.ts';

const bytes = (text: string) => Buffer.from(text, 'utf8');

function job(outputDir: string, files: string[]): JoinedTablesJob {
  return {
    outputDir,
    outputs: [
      { name: 'things.json', table: 'things', format: 'json', csvHead: Buffer.alloc(0) },
      { name: 'things.csv', table: 'things', format: 'csv', csvHead: bytes('\uFEFFname\n') },
    ],
    articles: files.map((file) => [file, `identity-of-${file}`]),
    previous: null,
    reusable: [],
  };
}

const rows: Record<string, ArticleRows> = {
  a: { things: { json: bytes('{"name":"a1"},\n{"name":"a2"}'), csv: bytes('a1\na2\n') } },
  b: { things: { json: bytes(''), csv: bytes('') } },
  c: { things: { json: bytes('{"name":"c1"}'), csv: bytes('c1\n') } },
};

describe('writeJoinedTables', () => {
  it('joins the rows of each article in order: a JSON array with one separator between articles, CSV after its head', () => {
    const dir = tempDir('joined');
    const layout = writeJoinedTables(job(dir, ['a', 'b', 'c']), (file) => rows[file]);
    expect(readFileSync(join(dir, 'things.json'), 'utf8')).toBe('[\n{"name":"a1"},\n{"name":"a2"},\n{"name":"c1"}\n]\n');
    expect(readFileSync(join(dir, 'things.csv'), 'utf8')).toBe('\uFEFFname\na1\na2\nc1\n');
    expect(layout.lengths['things.csv']).toEqual([6, 0, 3]);
    expect(layout.articles).toEqual([['a', 'identity-of-a'], ['b', 'identity-of-b'], ['c', 'identity-of-c']]);
  });

  it('in a thread, leaves the files under temporary names until they are renamed into place', async () => {
    const dir = tempDir('joined');
    writeFileSync(join(dir, 'things.json'), 'old');
    const { layout, renames } = await writeJoinedTablesInThread(job(dir, ['a', 'c']), new Map([['a', rows.a], ['c', rows.c]])).result;
    expect(readFileSync(join(dir, 'things.json'), 'utf8')).toBe('old');
    expect(renames.map(([, path]) => path).sort()).toEqual([join(dir, 'things.csv'), join(dir, 'things.json')]);
    renameIntoPlace(renames);
    expect(readFileSync(join(dir, 'things.json'), 'utf8')).toBe('[\n{"name":"a1"},\n{"name":"a2"},\n{"name":"c1"}\n]\n');
    expect(layout.lengths['things.json']).toEqual([rows.a.things.json.length, rows.c.things.json.length]);
    expect(readdirSync(dir).sort()).toEqual(['things.csv', 'things.json']);
  });

  it('in a thread, fails with the reason, leaving no temporary file and the old files in place', async () => {
    const dir = tempDir('joined');
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'things.json'), 'old');
    await expect(writeJoinedTablesInThread(job(dir, ['a', 'c']), new Map([['a', rows.a]])).result).rejects.toThrow('given no rows for c');
    expect(readFileSync(join(dir, 'things.json'), 'utf8')).toBe('old');
    expect(existsSync(join(dir, 'things.csv'))).toBe(false);
    expect(readdirSync(dir)).toEqual(['things.json']);
  });

  it('abandoned after it finished, deletes what it wrote and leaves the old files', async () => {
    const dir = tempDir('joined');
    writeFileSync(join(dir, 'things.json'), 'old');
    const thread = writeJoinedTablesInThread(job(dir, ['a', 'c']), new Map([['a', rows.a], ['c', rows.c]]));
    await thread.result;
    expect(readdirSync(dir).length).toBe(3);
    await thread.abandon();
    expect(readdirSync(dir)).toEqual(['things.json']);
    expect(readFileSync(join(dir, 'things.json'), 'utf8')).toBe('old');
  });
});
