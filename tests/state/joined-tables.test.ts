import { existsSync, linkSync, rmSync, mkdirSync, readdirSync, readFileSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeJoinedTables, writeJoinedTablesInThread, renameIntoPlace, type ArticleRows, type JoinedTablesJob } from '../../src/state/joined-tables.ts';
import { tempDir } from './helpers.ts';

const bytes = (text: string) => Buffer.from(text, 'utf8');

function job(outputDir: string, files: string[], spares = true): JoinedTablesJob {
  return {
    outputDir,
    outputs: [
      { name: 'things.json', table: 'things', format: 'json', csvHead: Buffer.alloc(0) },
      { name: 'things.csv', table: 'things', format: 'csv', csvHead: bytes('\uFEFFname\n') },
    ],
    articles: files.map((file) => [file, `identity-of-${file}`]),
    previous: null,
    reusable: [],
    spares,
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
    renameIntoPlace(renames, true);
    expect(readFileSync(join(dir, 'things.json'), 'utf8')).toBe('[\n{"name":"a1"},\n{"name":"a2"},\n{"name":"c1"}\n]\n');
    expect(layout.lengths['things.json']).toEqual([rows.a.things.json.length, rows.c.things.json.length]);
    expect(readdirSync(dir).sort()).toEqual(['.spare', 'things.csv', 'things.json']);
    // The file replaced is kept as the spare; things.csv replaced nothing, its spare is a copy.
    expect(readdirSync(join(dir, '.spare')).sort()).toEqual(['things.csv', 'things.json']);
    expect(readFileSync(join(dir, '.spare', 'things.json'), 'utf8')).toBe('old');
    expect(readFileSync(join(dir, '.spare', 'things.csv'), 'utf8')).toBe(readFileSync(join(dir, 'things.csv'), 'utf8'));
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

describe('spares', () => {
  const spare = (dir: string, name: string) => join(dir, '.spare', name);
  const inode = (path: string) => statSync(path).ino;

  it('rewrites the spare in place and swaps it in, keeping the file it replaces as the next spare', () => {
    const dir = tempDir('spares');
    writeJoinedTables(job(dir, ['a', 'b', 'c']), (file) => rows[file]);
    // A first write copies each table as its spare.
    expect(readFileSync(spare(dir, 'things.json'))).toEqual(readFileSync(join(dir, 'things.json')));
    expect(inode(spare(dir, 'things.json'))).not.toBe(inode(join(dir, 'things.json')));
    writeJoinedTables(job(dir, ['a', 'b', 'c']), (file) => rows[file]);
    const first = inode(join(dir, 'things.json'));
    const previous = inode(spare(dir, 'things.json'));
    // Shorter than the spare's content (cut at the end), then longer (grows it).
    writeJoinedTables(job(dir, ['c']), (file) => rows[file]);
    expect(readFileSync(join(dir, 'things.json'), 'utf8')).toBe('[\n{"name":"c1"}\n]\n');
    expect(readFileSync(join(dir, 'things.csv'), 'utf8')).toBe('\uFEFFname\nc1\n');
    expect(inode(join(dir, 'things.json'))).toBe(previous);
    expect(inode(spare(dir, 'things.json'))).toBe(first);
    writeJoinedTables(job(dir, ['a', 'b', 'c']), (file) => rows[file]);
    expect(readFileSync(join(dir, 'things.json'), 'utf8')).toBe('[\n{"name":"a1"},\n{"name":"a2"},\n{"name":"c1"}\n]\n');
    expect(inode(join(dir, 'things.json'))).toBe(first);
    expect(readdirSync(join(dir, '.spare')).sort()).toEqual(['things.csv', 'things.json']);
  });

  it('never writes through a spare that is linked from elsewhere or is a symbolic link', () => {
    const dir = tempDir('spares');
    writeJoinedTables(job(dir, ['a']), (file) => rows[file]);
    writeJoinedTables(job(dir, ['a']), (file) => rows[file]);
    const backup = join(dir, 'backup.json');
    linkSync(spare(dir, 'things.json'), backup);
    const before = readFileSync(backup, 'utf8');
    const outside = join(dir, 'outside.csv');
    writeFileSync(outside, 'not a report');
    const csvSpare = spare(dir, 'things.csv');
    rmSyncForce(csvSpare);
    symlinkSync(outside, csvSpare);
    writeJoinedTables(job(dir, ['c']), (file) => rows[file]);
    expect(readFileSync(backup, 'utf8')).toBe(before);
    expect(readFileSync(outside, 'utf8')).toBe('not a report');
    expect(readFileSync(join(dir, 'things.json'), 'utf8')).toBe('[\n{"name":"c1"}\n]\n');
    expect(readFileSync(join(dir, 'things.csv'), 'utf8')).toBe('\uFEFFname\nc1\n');
  });

  it('without spares (run.spareReports false), writes new files and deletes the spares there are', () => {
    const dir = tempDir('spares');
    writeJoinedTables(job(dir, ['a', 'b', 'c']), (file) => rows[file]);
    writeJoinedTables(job(dir, ['a', 'b', 'c']), (file) => rows[file]);
    expect(existsSync(join(dir, '.spare'))).toBe(true);
    const spareInode = inode(spare(dir, 'things.json'));
    writeJoinedTables(job(dir, ['c'], false), (file) => rows[file]);
    expect(readFileSync(join(dir, 'things.json'), 'utf8')).toBe('[\n{"name":"c1"}\n]\n');
    expect(inode(join(dir, 'things.json'))).not.toBe(spareInode);
    expect(readdirSync(dir).sort()).toEqual(['things.csv', 'things.json']);
    writeJoinedTables(job(dir, ['a'], false), (file) => rows[file]);
    expect(readdirSync(dir).sort()).toEqual(['things.csv', 'things.json']);
  });

  it('a write that fails over the spares leaves the reports as they were', async () => {
    const dir = tempDir('spares');
    writeJoinedTables(job(dir, ['a', 'c']), (file) => rows[file]);
    writeJoinedTables(job(dir, ['a', 'c']), (file) => rows[file]);
    const reports = readFileSync(join(dir, 'things.json'), 'utf8');
    await expect(writeJoinedTablesInThread(job(dir, ['a', 'c']), new Map([['a', rows.a]])).result).rejects.toThrow('given no rows for c');
    expect(() => writeJoinedTables(job(dir, ['a', 'c']), (file) => (file === 'c' ? failing() : rows[file]))).toThrow('no rows');
    expect(readFileSync(join(dir, 'things.json'), 'utf8')).toBe(reports);
    expect(readdirSync(dir).sort()).toEqual(['.spare', 'things.csv', 'things.json']);
    // The spares are still used afterwards.
    writeJoinedTables(job(dir, ['c']), (file) => rows[file]);
    expect(readFileSync(join(dir, 'things.json'), 'utf8')).toBe('[\n{"name":"c1"}\n]\n');
  });
});

function failing(): never {
  throw new Error('no rows');
}

function rmSyncForce(path: string): void {
  rmSync(path, { force: true });
}
