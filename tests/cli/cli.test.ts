import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { acquireLock, LOCK_FILE, releaseHeldLocks } from '../../src/pipeline/lock.ts';
import { CLI, expectSameReports, ROOT, runCli, sample, sampleCorpus, SAMPLES, tempDir, variant } from '../state/helpers.ts';

/** A project folder: raw/ with the given samples and a pipeline.config.json (in-process: fast). */
function project(samples: string[] = SAMPLES.slice(0, 2), config: Record<string, unknown> = {}): string {
  const dir = tempDir('cli');
  sampleCorpus(join(dir, 'raw'), samples);
  writeConfigFile(dir, config);
  return dir;
}

function writeConfigFile(dir: string, config: Record<string, unknown>): void {
  const run = { inProcessBelow: 1000, ...((config.run as object | undefined) ?? {}) };
  writeFileSync(join(dir, 'pipeline.config.json'), JSON.stringify({ ...config, run }, null, 2));
}

/** Name, size and mtime of every file: to show that a command wrote nothing. */
function listing(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .sort()
    .map((name) => {
      const stat = statSync(join(dir, name));
      return `${name} ${stat.size} ${stat.mtimeMs}`;
    });
}

afterEach(() => releaseHeldLocks());

describe('cli --help', () => {
  it('documents every command and exits 0', async () => {
    for (const command of ['run', 'status', 'watch']) {
      const result = await runCli([command, '--help']);
      expect(result.code).toBe(0);
      expect(result.stdout).toMatch(new RegExp(`^Usage: cli ${command} `));
    }
    const run = await runCli(['run', '--help']);
    expect(run.stdout).toContain('--force');
    expect(run.stdout).toContain('3 another run holds the output folder');
  });
});

describe('cli run', () => {
  it('prints only a summary on stderr when not on a terminal, exits 0; --force reprocesses everything', async () => {
    const dir = project();
    const first = await runCli(['run'], { cwd: dir });
    expect(first.code).toBe(0);
    expect(first.stdout).toBe('');
    expect(first.stderr).toMatch(new RegExp(`^2 ok, 0 failed, 2 articles \\(2 processed, 0 unchanged, 0 removed\\) in \\d+\\.\\d s → ${join(dir, 'output')}\\n$`));
    expect(JSON.parse(readFileSync(join(dir, 'output', 'run.json'), 'utf8'))).toMatchObject({ processed: 2, skipped: 0, articles: 2 });

    // (Incremental reruns through the CLI: see the watch test; --force reprocesses the unchanged ones too.)
    writeFileSync(join(dir, 'raw', 'new.txt'), variant(sample(SAMPLES[2]), 3));
    const forced = await runCli(['run', '--force'], { cwd: dir });
    expect(forced.code).toBe(0);
    expect(forced.stderr).toMatch(/^3 ok, 0 failed, 3 articles \(3 processed, 0 unchanged, 0 removed\)/);
  });

  it('exits 1 when some articles failed, and still writes the others', async () => {
    const dir = project(SAMPLES.slice(0, 1));
    writeFileSync(join(dir, 'raw', 'empty.txt'), '');
    const result = await runCli(['run'], { cwd: dir });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^1 ok, 1 failed, 2 articles/);
    const articles = JSON.parse(readFileSync(join(dir, 'output', 'articles.json'), 'utf8')) as Array<{ id: string; status: string }>;
    expect(articles.map((a) => [a.id, a.status])).toEqual([
      [SAMPLES[0].replace('.txt', ''), 'ok'],
      ['empty', 'error'],
    ]);
  });

  it('refuses a malformed pipeline.config.json with one message naming the file and place, exit 2, nothing written', async () => {
    const dir = project();
    writeFileSync(join(dir, 'pipeline.config.json'), '{ "input": "raw",\n  "run": { "workers": "many" } }');
    const wrongType = await runCli(['run'], { cwd: dir });
    expect(wrongType.code).toBe(2);
    expect(wrongType.stderr).toMatch(new RegExp(`^${join(dir, 'pipeline.config.json')}: run\\.workers: .*number.*\\n$`));
    writeFileSync(join(dir, 'pipeline.config.json'), '{ "input": "raw", }');
    const badJson = await runCli(['run'], { cwd: dir });
    expect(badJson.code).toBe(2);
    expect(badJson.stderr.trim().split('\n')).toHaveLength(1);
    expect(badJson.stderr).toContain(`${join(dir, 'pipeline.config.json')}: not valid JSON`);
    expect(existsSync(join(dir, 'output'))).toBe(false);
  });

  it('refuses a malformed lexicon file with one message naming the file and line, exit 2, nothing written', async () => {
    const dir = project(SAMPLES.slice(0, 1), { lexicons: { userDictionaries: ['words.txt'] } });
    writeFileSync(join(dir, 'words.txt'), '淘宝特价版 50000 nz\n盒马集市\n');
    const fresh = await runCli(['run'], { cwd: dir });
    expect(fresh.code).toBe(2);
    expect(fresh.stderr).toMatch(new RegExp(`^${join(dir, 'words.txt')}:2: .*盒马集市.*\\n$`));
    expect(existsSync(join(dir, 'output'))).toBe(false);

    // With reports from an earlier good run: they stay exactly as they were.
    writeFileSync(join(dir, 'words.txt'), '淘宝特价版 50000 nz\n');
    expect((await runCli(['run'], { cwd: dir })).code).toBe(0);
    const before = listing(join(dir, 'output'));
    const state = readFileSync(join(dir, 'output', 'pipeline.sqlite'));
    writeFileSync(join(dir, 'words.txt'), '淘宝特价版 fifty nz\n');
    const again = await runCli(['run'], { cwd: dir });
    expect(again.code).toBe(2);
    expect(again.stderr).toMatch(new RegExp(`^${join(dir, 'words.txt')}:1: `));
    expect(listing(join(dir, 'output'))).toEqual(before);
    expect(readFileSync(join(dir, 'output', 'pipeline.sqlite')).equals(state)).toBe(true);
  });

  it('refuses a malformed entity lexicon the same way', async () => {
    const dir = project(SAMPLES.slice(0, 1), { lexicons: { entities: ['mine.json'] } });
    writeFileSync(join(dir, 'mine.json'), '{ "entities": [ { "name": "来往" ');
    const result = await runCli(['run'], { cwd: dir });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(join(dir, 'mine.json'));
    expect(result.stderr).not.toMatch(/\n\s+at /); // a message, not a stack trace
    expect(existsSync(join(dir, 'output'))).toBe(false);
  });

  it('refuses to run while another run holds the output folder (exit 3), and takes over a stale lock', async () => {
    const dir = project();
    const output = join(dir, 'output');
    mkdirSync(output);
    const lock = acquireLock(output, 'another run');
    const refused = await runCli(['run'], { cwd: dir });
    expect(refused.code).toBe(3);
    expect(refused.stderr).toMatch(new RegExp(`^output folder is in use by another run \\(pid ${process.pid} .*another run.*delete ${join(output, LOCK_FILE)} if no run is active\\n$`));
    expect(readdirSync(output)).toEqual([LOCK_FILE]);
    lock.release();

    // A lock left by a run that was killed: taken over, with a note.
    writeFileSync(join(output, LOCK_FILE), JSON.stringify({ pid: 999999999, host: (await import('node:os')).hostname(), processStart: null, startedAt: 'earlier', command: 'cli run' }));
    const after = await runCli(['run'], { cwd: dir });
    expect(after.code).toBe(0);
    expect(after.stderr).toMatch(/^note: took over the lock of a run that is gone \(pid 999999999/);
    expect(existsSync(join(output, LOCK_FILE))).toBe(false);
  });

  it('two runs started together: one refuses or both succeed one after the other, never a corrupted folder', async () => {
    const dir = project(SAMPLES.slice(0, 3));
    const [a, b] = await Promise.all([runCli(['run'], { cwd: dir }), runCli(['run'], { cwd: dir })]);
    const codes = [a.code, b.code].sort();
    expect([
      [0, 0],
      [0, 3],
    ]).toContainEqual(codes);
    const clean = project(SAMPLES.slice(0, 3));
    await runCli(['run'], { cwd: clean });
    expectSameReports(join(dir, 'output'), join(clean, 'output'));
  });
});

describe('cli status', () => {
  it('lists new, changed and removed articles, writes nothing', async () => {
    const dir = project(SAMPLES.slice(0, 3));
    const fresh = await runCli(['status'], { cwd: dir });
    expect(fresh.code).toBe(0);
    expect(fresh.stdout).toContain('every article is new');
    expect(existsSync(join(dir, 'output', 'pipeline.sqlite'))).toBe(false);

    await runCli(['run'], { cwd: dir });
    writeFileSync(join(dir, 'raw', SAMPLES[0]), variant(sample(SAMPLES[0]), 1));
    rmSync(join(dir, 'raw', SAMPLES[1]));
    writeFileSync(join(dir, 'raw', 'fresh.txt'), variant(sample(SAMPLES[3]), 2));
    const before = listing(join(dir, 'output'));
    const text = await runCli(['status'], { cwd: dir });
    expect(text.code).toBe(0);
    expect(text.stdout).toBe(
      `new      fresh.txt\nchanged  ${SAMPLES[0]}\nremoved  ${SAMPLES[1]}\n1 new, 1 changed, 1 removed, 0 to retry, 0 to reprocess, 1 unchanged\n`,
    );
    const json = await runCli(['status', '--json'], { cwd: dir });
    expect(JSON.parse(json.stdout)).toEqual({ new: ['fresh.txt'], changed: [SAMPLES[0]], removed: [SAMPLES[1]], reprocess: [], retry: [], unchanged: 1 });
    expect(listing(join(dir, 'output'))).toEqual(before);

    // While a run holds the folder, status still answers, and says so.
    const lock = acquireLock(join(dir, 'output'), 'cli run');
    const busy = await runCli(['status'], { cwd: dir });
    lock.release();
    expect(busy.code).toBe(0);
    expect(busy.stdout).toMatch(new RegExp(`^a run is in progress \\(pid ${process.pid}, cli run, started .*\\)`));
  });
});

describe('cli watch', () => {
  it('reruns when files appear, change or disappear, until interrupted', async () => {
    const dir = project(SAMPLES.slice(0, 2), { run: { watchDebounceMs: 200 } });
    const loader = pathToFileURL(join(ROOT, 'node_modules', 'tsx', 'dist', 'loader.mjs')).href;
    const child = spawn(process.execPath, ['--import', loader, CLI, 'watch'], { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    const waiters: Array<() => void> = [];
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString('utf8');
      waiters.splice(0).forEach((wake) => wake());
    });
    const waitFor = async (pattern: RegExp): Promise<void> => {
      while (!pattern.test(stderr)) await new Promise<void>((resolve) => waiters.push(resolve));
    };
    const exited = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));

    await waitFor(/watching .*\n/);
    expect(stderr).toMatch(/2 ok, 0 failed, 2 articles \(2 processed/);
    writeFileSync(join(dir, 'raw', 'added.txt'), variant(sample(SAMPLES[2]), 4));
    writeFileSync(join(dir, 'raw', 'ignored.csv'), 'not an article');
    await waitFor(/3 articles \(1 processed, 2 unchanged, 0 removed\)/);
    rmSync(join(dir, 'raw', SAMPLES[0]));
    await waitFor(/2 articles \(0 processed, 2 unchanged, 1 removed\)/);

    child.kill('SIGINT');
    expect(await exited).toBe(0);
    expect(existsSync(join(dir, 'output', LOCK_FILE))).toBe(false);
    const clean = tempDir('cli-clean');
    sampleCorpus(join(clean, 'raw'), [SAMPLES[1]]);
    writeFileSync(join(clean, 'raw', 'added.txt'), variant(sample(SAMPLES[2]), 4));
    writeConfigFile(clean, {});
    await runCli(['run'], { cwd: clean });
    expectSameReports(join(dir, 'output'), join(clean, 'output'));
  });
});
