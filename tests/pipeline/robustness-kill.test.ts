import Database from 'better-sqlite3';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { LOCK_FILE } from '../../src/pipeline/lock.ts';
import { STATE_FILE } from '../../src/state/store.ts';
import { expectSameReports, runCli, sample, sampleCorpus, SAMPLES, tempDir, variant } from '../state/helpers.ts';

/**
 * `kill -9` of a real `cli run` at different moments, then a rerun: the database must be intact,
 * every report present must be whole, and the rerun must give exactly the clean run's reports.
 */
let root: string;
let cleanOutput: string;

function writeConfig(name: string, run: Record<string, unknown> = {}): { config: string; output: string } {
  const config = join(root, `${name}.config.json`);
  writeFileSync(config, JSON.stringify({ input: 'raw', output: name, run: { inProcessBelow: 1000, ...run } }));
  return { config, output: join(root, name) };
}

function storedArticles(output: string): number {
  try {
    const db = new Database(join(output, STATE_FILE), { readonly: true, fileMustExist: true, timeout: 50 });
    try {
      return (db.prepare('SELECT count(*) AS n FROM articles').get() as { n: number }).n;
    } finally {
      db.close();
    }
  } catch {
    return 0;
  }
}

/** What a kill may leave: an intact database, and whole reports (atomic writes). */
function expectConsistentAfterKill(output: string): void {
  if (existsSync(join(output, STATE_FILE))) {
    const db = new Database(join(output, STATE_FILE));
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    db.close();
  }
  if (!existsSync(output)) return;
  for (const name of readdirSync(output)) {
    if (name.endsWith('.json') && !name.startsWith('.')) expect(() => JSON.parse(readFileSync(join(output, name), 'utf8')), name).not.toThrow();
  }
}

async function rerunAndCompare(config: string, output: string): Promise<void> {
  const rerun = await runCli(['run', '-c', config]);
  expect(rerun.stderr).toMatch(/^(note: .*\n)*\d+ ok, 0 failed, 10 articles/);
  expect(rerun.code).toBe(0);
  expectSameReports(output, cleanOutput);
  const db = new Database(join(output, STATE_FILE), { readonly: true });
  expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
  expect((db.prepare('SELECT count(*) AS n FROM articles').get() as { n: number }).n).toBe(10);
  db.close();
  expect(existsSync(join(output, LOCK_FILE))).toBe(false);
  expect(readdirSync(output).filter((n) => n.endsWith('.tmp'))).toEqual([]);
}

beforeAll(async () => {
  root = tempDir('kill');
  const input = sampleCorpus(join(root, 'raw'));
  mkdirSync(input, { recursive: true });
  for (let i = 0; i < 5; i++) writeFileSync(join(input, `variant-${i}.txt`), variant(sample(SAMPLES[i % SAMPLES.length]), i + 1));
  const { config, output } = writeConfig('clean');
  const clean = await runCli(['run', '-c', config]);
  expect(clean.code).toBe(0);
  cleanOutput = output;
});

describe('kill -9 during a run, then a rerun', () => {
  it('at start-up', async () => {
    const { config, output } = writeConfig('early');
    const killed = await runCli(['run', '-c', config], { killAfterMs: 150 });
    expect(killed.signal).toBe('SIGKILL');
    expectConsistentAfterKill(output);
    await rerunAndCompare(config, output);
  });

  it('while articles are being processed and committed', async () => {
    const { config, output } = writeConfig('processing');
    const killed = await runCli(['run', '-c', config], { until: () => storedArticles(output) > 0 });
    expect(killed.signal).toBe('SIGKILL');
    expectConsistentAfterKill(output);
    await rerunAndCompare(config, output);
  });

  it('while the reports are being written', async () => {
    const { config, output } = writeConfig('reports');
    const killed = await runCli(['run', '-c', config], { until: () => existsSync(join(output, 'articles.json')) });
    expect(killed.signal).toBe('SIGKILL');
    expectConsistentAfterKill(output);
    expect(existsSync(join(output, 'run.json'))).toBe(false);
    await rerunAndCompare(config, output);
  });

  it('with worker processes busy', async () => {
    const { config, output } = writeConfig('workers', { inProcessBelow: 0, workers: 2 });
    const killed = await runCli(['run', '-c', config], { until: () => storedArticles(output) > 0 });
    expect(killed.signal).toBe('SIGKILL');
    expectConsistentAfterKill(output);
    await rerunAndCompare(config, output);
  });
});
