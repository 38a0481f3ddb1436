import Database from 'better-sqlite3';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runIncremental } from '../../src/pipeline/incremental.ts';
import { PrestartedWorker, processFiles } from '../../src/pipeline/workers.ts';
import type { ArticleRow } from '../../src/pipeline/rows.ts';
import { STATE_FILE } from '../../src/state/store.ts';
import { expectSameReports, sample, sampleCorpus, SAMPLES, tempDir, testConfig } from '../state/helpers.ts';

/** A worker that hangs or dies costs its article only; the article is retried on the next run. */

const WORKERS = { inProcessBelow: 0, workers: 2 };

function articles(output: string): ArticleRow[] {
  return JSON.parse(readFileSync(join(output, 'articles.json'), 'utf8')) as ArticleRow[];
}

function retryFlags(output: string): Record<string, number> {
  const db = new Database(join(output, STATE_FILE), { readonly: true });
  try {
    const rows = db.prepare('SELECT file, retry FROM articles').all() as Array<{ file: string; retry: number }>;
    return Object.fromEntries(rows.map((r) => [r.file, r.retry]));
  } finally {
    db.close();
  }
}

/** Worker processes of this test process (children running src/pipeline/workers.ts). */
function workerPids(): Array<{ pid: number }> {
  const found: Array<{ pid: number }> = [];
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      const parent = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (parent !== process.pid || !readFileSync(`/proc/${name}/cmdline`, 'utf8').includes('workers.ts')) continue;
      found.push({ pid: Number(name) });
    } catch {
      // The process ended while we looked.
    }
  }
  return found;
}

describe('worker failures', () => {
  it('records an article that takes too long as a retryable error, and processes it on the next run', async () => {
    const root = tempDir('workers');
    const input = sampleCorpus(join(root, 'raw'), SAMPLES.slice(0, 2));
    const output = join(root, 'out');
    const slow = await runIncremental(testConfig(input, output, { run: { ...WORKERS, articleTimeoutMs: 1 } }));
    expect(slow.failed).toBe(2);
    for (const row of articles(output)) {
      expect(row).toMatchObject({ status: 'error', error: 'processing took longer than 1 ms (run.articleTimeoutMs); stopped' });
    }
    expect(retryFlags(output)).toEqual({ [SAMPLES[0]]: 1, [SAMPLES[1]]: 1 });

    const retried = await runIncremental(testConfig(input, output));
    expect(retried).toMatchObject({ processed: 2, skipped: 0, failed: 0 });
    expect(retryFlags(output)).toEqual({ [SAMPLES[0]]: 0, [SAMPLES[1]]: 0 });
  });

  it('records the article of a worker that dies, goes on with the others, and retries it next run', async () => {
    const root = tempDir('workers');
    const input = sampleCorpus(join(root, 'raw'));
    // A long article keeps a worker busy long enough to be killed in the middle of it.
    writeFileSync(join(input, 'long.txt'), sample(SAMPLES[0]).replace(/\s+/g, '').repeat(40));
    const output = join(root, 'out');
    // When the long article is handed to a worker, kill every worker a moment later: whatever
    // article each was working on fails, the rest is handed to new workers.
    let killed = 0;
    let armed = false;
    const onProgress = ({ current }: { current: string }) => {
      if (current !== 'long.txt' || armed) return;
      armed = true;
      setTimeout(() => {
        for (const worker of workerPids()) {
          process.kill(worker.pid, 'SIGKILL');
          killed++;
        }
      }, 300);
    };
    const report = await runIncremental(testConfig(input, output, { run: WORKERS }), { onProgress });
    expect(killed).toBeGreaterThan(0);
    expect(report.articles).toBe(6);
    const failed = articles(output).filter((a) => a.status === 'error');
    expect(failed.length).toBe(report.failed);
    expect(failed.length).toBeGreaterThan(0);
    expect(failed.length).toBeLessThanOrEqual(killed);
    for (const row of failed) expect(row.error).toBe('worker process stopped (signal SIGKILL) while processing this file');
    const flags = retryFlags(output);
    for (const row of failed) expect(flags[row.file]).toBe(1);

    const retried = await runIncremental(testConfig(input, output));
    expect(retried).toMatchObject({ processed: failed.length, skipped: 6 - failed.length, failed: 0 });
    const clean = join(root, 'clean');
    await runIncremental(testConfig(input, clean));
    expectSameReports(output, clean);
  });

  it('a worker whose job throws answers no job after it: it crashes, so no result lands on the wrong file', async () => {
    const input = sampleCorpus(join(tempDir('workers'), 'raw'), SAMPLES.slice(0, 1));
    const { child } = new PrestartedWorker();
    const answers: string[] = [];
    child.on('message', (message: { type: string; packed?: { article: { file: string } } }) => {
      answers.push(message.type === 'result' ? `result ${message.packed!.article.file}` : message.type);
    });
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    child.send({ type: 'init', config: testConfig(input, 'unused'), dictionary: 'as-needed' });
    // A file name that is no string makes the job throw outside the stages' own error handling.
    child.send({ type: 'job', path: join(input, SAMPLES[0]), file: 42 });
    child.send({ type: 'job', path: join(input, SAMPLES[0]), file: SAMPLES[0] });
    expect(await exited).not.toBe(0);
    expect(answers).toEqual(['ready']);
  });

  describe('a worker started ahead of the plan', () => {
    const jobsOf = (input: string, names: string[]) => names.map((file) => ({ path: join(input, file), file, contentKey: '' }));

    it('becomes the first worker of the pool', async () => {
      const input = sampleCorpus(join(tempDir('workers'), 'raw'), SAMPLES.slice(0, 2));
      const prestarted = new PrestartedWorker();
      const pid = prestarted.child.pid;
      const exited = new Promise<number | null>((resolve) => prestarted.child.once('exit', (code) => resolve(code)));
      const served = new Set<string>();
      const workersSeen = new Set<number>();
      const stats = await processFiles(testConfig(input, 'unused'), jobsOf(input, SAMPLES.slice(0, 2)), {
        workers: 1,
        inProcessBelow: 0,
        articleTimeoutMs: 60_000,
        prestarted,
        onStart: () => workerPids().forEach((w) => workersSeen.add(w.pid)),
        onResult: ({ packed }) => served.add(packed.article.file),
      });
      expect(stats).toMatchObject({ mode: 'workers', workers: 1 });
      expect([...served].sort()).toEqual(SAMPLES.slice(0, 2));
      expect([...workersSeen]).toEqual([pid]);
      // Taken by the pool, which lets it exit when done: stop() no longer touches it.
      expect(prestarted.take()).toBeNull();
      expect(await exited).toBe(0);
    });

    it('hands its files to a new worker when it dies before it is ready, blaming none of them', async () => {
      const input = sampleCorpus(join(tempDir('workers'), 'raw'), SAMPLES.slice(0, 2));
      const prestarted = new PrestartedWorker();
      // Dies while loading, after the pool has taken it and sent it the files.
      prestarted.child.kill('SIGKILL');
      const results: Array<{ file: string; status: string }> = [];
      await processFiles(testConfig(input, 'unused'), jobsOf(input, SAMPLES.slice(0, 2)), {
        workers: 1,
        inProcessBelow: 0,
        articleTimeoutMs: 60_000,
        prestarted,
        onResult: ({ packed }) => results.push({ file: packed.article.file, status: packed.article.status }),
      });
      expect(results.sort((a, b) => a.file.localeCompare(b.file))).toEqual(SAMPLES.slice(0, 2).map((file) => ({ file, status: 'ok' })));
    });

    it('is stopped when the batch runs in this process', async () => {
      const input = sampleCorpus(join(tempDir('workers'), 'raw'), SAMPLES.slice(0, 1));
      const prestarted = new PrestartedWorker();
      const exited = new Promise<NodeJS.Signals | null>((resolve) => prestarted.child.once('exit', (_code, signal) => resolve(signal)));
      await processFiles(testConfig(input, 'unused'), jobsOf(input, SAMPLES.slice(0, 1)), {
        workers: 1,
        inProcessBelow: 10,
        articleTimeoutMs: 60_000,
        prestarted,
        onResult: () => {},
      });
      expect(await exited).toBe('SIGKILL');
    });
  });
});
