import Database from 'better-sqlite3';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, renameSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fingerprint, runIncremental, statusOf, type RunReport } from '../../src/pipeline/incremental.ts';
import { LOCK_FILE } from '../../src/pipeline/lock.ts';
import { processArticleFile } from '../../src/pipeline/article.ts';
import { loadResources } from '../../src/pipeline/resources.ts';
import { packResult } from '../../src/state/fragments.ts';
import { currentBoot, REPORT_FILES, REPORT_STAMP_FILE } from '../../src/state/report-stamp.ts';
import { STATE_FILE, StateStore } from '../../src/state/store.ts';
import { currentVersions } from '../../src/state/versions.ts';
import { expectSameReports, sample, sampleCorpus, SAMPLES, tempDir, testConfig, variant } from '../state/helpers.ts';

/** A clean run of the same input into a fresh folder: what every rerun must equal. */
async function cleanRun(input: string, extra: Record<string, unknown> = {}): Promise<string> {
  const output = join(tempDir('clean'), 'out');
  await runIncremental(testConfig(input, output, extra));
  return output;
}

function counts(report: RunReport) {
  const { processed, skipped, removed, failed, articles } = report;
  return { processed, skipped, removed, failed, articles };
}

function storedFiles(output: string): string[] {
  const db = new Database(join(output, STATE_FILE), { readonly: true });
  try {
    return (db.prepare('SELECT file FROM articles ORDER BY file').all() as Array<{ file: string }>).map((r) => r.file);
  } finally {
    db.close();
  }
}

/** Process a file and store its result, as a run killed after committing it, before its reports, leaves the state. */
function storeAsARunCutShort(config: ReturnType<typeof testConfig>, input: string, output: string, file: string): void {
  const store = StateStore.open(output);
  try {
    const result = processArticleFile(join(input, file), file, loadResources(config));
    store.save([{ packed: packResult(result), contentKey: result.article.sha256, retry: false }], currentVersions(config));
  } finally {
    store.close();
  }
}

/** An input folder of three samples and an output folder to come, with their config. */
function threeSamples() {
  const root = tempDir('incremental');
  const input = sampleCorpus(join(root, 'raw'), SAMPLES.slice(0, 3));
  const output = join(root, 'out');
  return { input, output, config: testConfig(input, output) };
}

describe('incremental runs', () => {
  it('after adds, changes, removals and renames, equals a clean run every time', async () => {
    const { input, output, config } = threeSamples();

    const first = await runIncremental(config);
    expect(counts(first)).toEqual({ processed: 3, skipped: 0, removed: 0, failed: 0, articles: 3 });
    expectSameReports(output, await cleanRun(input));

    // Nothing changed: nothing processed, same reports.
    const before = readFileSync(join(output, 'claims.json'));
    const idle = await runIncremental(config);
    expect(counts(idle)).toEqual({ processed: 0, skipped: 3, removed: 0, failed: 0, articles: 3 });
    expect(readFileSync(join(output, 'claims.json')).equals(before)).toBe(true);

    // Two new articles, one of them in a sub-folder.
    sampleCorpus(input, [SAMPLES[3]]);
    sampleCorpus(join(input, 'sub'), [SAMPLES[4]]);
    const added = await runIncremental(config);
    expect(counts(added)).toEqual({ processed: 2, skipped: 3, removed: 0, failed: 0, articles: 5 });
    expectSameReports(output, await cleanRun(input));

    // One changed, one removed, one renamed (a removal plus a new file), one bad file added.
    writeFileSync(join(input, SAMPLES[0]), variant(sample(SAMPLES[0]), 2));
    rmSync(join(input, SAMPLES[1]));
    renameSync(join(input, SAMPLES[2]), join(input, `renamed-${SAMPLES[2]}`));
    writeFileSync(join(input, 'empty.txt'), '');
    const mixed = await runIncremental(config);
    expect(counts(mixed)).toEqual({ processed: 3, skipped: 2, removed: 2, failed: 1, articles: 5 });
    expectSameReports(output, await cleanRun(input));
    expect(storedFiles(output)).toEqual([SAMPLES[0], SAMPLES[3], 'empty.txt', `renamed-${SAMPLES[2]}`, `sub/${SAMPLES[4]}`]);

    // The file changes back: its earlier result must not linger anywhere.
    writeFileSync(join(input, SAMPLES[0]), sample(SAMPLES[0]));
    const back = await runIncremental(config);
    expect(counts(back)).toEqual({ processed: 1, skipped: 4, removed: 0, failed: 1, articles: 5 });
    expectSameReports(output, await cleanRun(input));

    // Everything removed: empty reports, like a clean run of an empty folder.
    for (const name of readdirSync(input)) rmSync(join(input, name), { recursive: true });
    const emptied = await runIncremental(config);
    expect(counts(emptied)).toEqual({ processed: 0, skipped: 0, removed: 5, failed: 0, articles: 0 });
    expectSameReports(output, await cleanRun(input));
    expect(storedFiles(output)).toEqual([]);
  });

  it('writes run.json after every run and leaves no lock or temporary file behind', async () => {
    const root = tempDir('incremental');
    const input = sampleCorpus(join(root, 'raw'), SAMPLES.slice(0, 2));
    const output = join(root, 'out');
    const report = await runIncremental(testConfig(input, output));
    const written = JSON.parse(readFileSync(join(output, 'run.json'), 'utf8'));
    expect(written).toEqual(report);
    expect(Object.keys(written)).toEqual(['processed', 'skipped', 'removed', 'failed', 'articles', 'durationMs', 'stages']);
    for (const stage of ['plan', 'load', 'ingest', 'segment', 'dates', 'figures', 'entities', 'claims', 'store', 'readback', 'reconcile', 'reports']) {
      expect(written.stages[stage], stage).toBeTypeOf('number');
    }
    expect(existsSync(join(output, LOCK_FILE))).toBe(false);
    expect(readdirSync(output).filter((n) => n.endsWith('.tmp'))).toEqual([]);
  });

  it('reprocesses everything when a data file or a per-article option changes, or when forced, and nothing for run-only options', async () => {
    const root = tempDir('incremental');
    const input = sampleCorpus(join(root, 'raw'), SAMPLES.slice(0, 2));
    const output = join(root, 'out');
    const words = join(root, 'words.txt');
    writeFileSync(words, '淘宝特价版 50000 nz\n');
    const base = { lexicons: { userDictionaries: [words] } };
    await runIncremental(testConfig(input, output, base));

    expect((await runIncremental(testConfig(input, output, { ...base, run: { workers: 1, watchDebounceMs: 5 } }))).processed).toBe(0);
    writeFileSync(words, '淘宝特价版 50000 nz\n盒马集市 50000 nz\n');
    expect(statusOf(testConfig(input, output, base)).toProcess.map((f) => f.reason)).toEqual(['rules', 'rules']);
    expect(counts(await runIncremental(testConfig(input, output, base)))).toMatchObject({ processed: 2, skipped: 0 });
    expect((await runIncremental(testConfig(input, output, base))).processed).toBe(0);

    const traditional = { ...base, convert: { preset: 't' } };
    expect(statusOf(testConfig(input, output, traditional)).toProcess.map((f) => f.reason)).toEqual(['config', 'config']);
    expect((await runIncremental(testConfig(input, output, traditional))).processed).toBe(2);
    expectSameReports(output, await cleanRun(input, traditional));

    expect(counts(await runIncremental(testConfig(input, output, traditional), { force: true }))).toMatchObject({ processed: 2, skipped: 0 });
  });

  it('gives the same reports with worker processes as in one process', async () => {
    const root = tempDir('incremental');
    const input = sampleCorpus(join(root, 'raw'));
    const output = join(root, 'out');
    const report = await runIncremental(testConfig(input, output, { run: { inProcessBelow: 0, workers: 2 } }));
    expect(counts(report)).toEqual({ processed: 5, skipped: 0, removed: 0, failed: 0, articles: 5 });
    expectSameReports(output, await cleanRun(input));
  });

  it('lists new, changed and removed articles without writing anything', async () => {
    const { input, output, config } = threeSamples();
    const fresh = statusOf(config);
    expect(fresh.hasState).toBe(false);
    expect(fresh.toProcess.map((f) => [f.file, f.reason])).toEqual(SAMPLES.slice(0, 3).map((f) => [f, 'new']));
    expect(existsSync(output)).toBe(false);

    await runIncremental(config);
    writeFileSync(join(input, SAMPLES[0]), variant(sample(SAMPLES[0]), 1));
    rmSync(join(input, SAMPLES[1]));
    sampleCorpus(input, [SAMPLES[3]]);
    const listing = treeOf(output);
    const status = statusOf(config);
    expect(status.hasState).toBe(true);
    expect(status.toProcess.map((f) => [f.file, f.reason])).toEqual([
      [SAMPLES[0], 'changed'],
      [SAMPLES[3], 'new'],
    ]);
    expect(status.removed.map((a) => a.file)).toEqual([SAMPLES[1]]);
    expect(status.unchanged.map((f) => f.file)).toEqual([SAMPLES[2]]);
    expect(treeOf(output)).toEqual(listing);
  });

  it('reuses a cached fingerprint only when size, times, inode and the stored key all match', async () => {
    const root = tempDir('incremental');
    const input = sampleCorpus(join(root, 'raw'), SAMPLES.slice(0, 1));
    const path = join(input, SAMPLES[0]);
    const sha = createHash('sha256').update(readFileSync(path)).digest('hex');
    const stat = statSync(path);
    // Looked at well after the file last changed, under a made-up key: reusing it proves the file was not read.
    const cached = { size: stat.size, mtimeMs: stat.mtimeMs, ctimeMs: stat.ctimeMs, inode: String(stat.ino), contentKey: 'cached', seenMs: Date.now() + 10_000 };
    const max = 1 << 30;
    expect(fingerprint(path, max, cached, 'cached').contentKey).toBe('cached');
    expect(fingerprint(path, max, cached, 'stored-elsewhere').contentKey).toBe(sha);
    expect(fingerprint(path, max, { ...cached, size: stat.size + 1 }, 'cached').contentKey).toBe(sha);
    expect(fingerprint(path, max, { ...cached, mtimeMs: stat.mtimeMs - 1 }, 'cached').contentKey).toBe(sha);
    expect(fingerprint(path, max, { ...cached, ctimeMs: stat.ctimeMs - 1 }, 'cached').contentKey).toBe(sha);
    expect(fingerprint(path, max, { ...cached, inode: `${cached.inode}0` }, 'cached').contentKey).toBe(sha);
    // Changed less than 2 s before it was looked at: the same clock tick may hide a later write.
    expect(fingerprint(path, max, { ...cached, seenMs: Math.max(stat.mtimeMs, stat.ctimeMs) + 1000 }, 'cached').contentKey).toBe(sha);
    expect(fingerprint(path, 10, undefined, undefined).contentKey).toBe(`unread:${stat.size}:${stat.mtimeMs}`);
  });

  it('sees an edit that keeps the size and restores the modification time, and settles after it', async () => {
    const root = tempDir('incremental');
    const input = sampleCorpus(join(root, 'raw'), SAMPLES.slice(0, 2));
    const output = join(root, 'out');
    const config = testConfig(input, output);
    const path = join(input, SAMPLES[0]);
    const longAgo = new Date(Date.now() - 60_000);
    utimesSync(path, longAgo, longAgo);
    await runIncremental(config);
    expect(statusOf(config).toProcess).toEqual([]);

    const bytes = readFileSync(path);
    bytes[bytes.length - 1] = bytes[bytes.length - 1] === 0x0a ? 0x20 : 0x0a;
    writeFileSync(path, bytes);
    utimesSync(path, longAgo, longAgo);
    expect(statusOf(config).toProcess.map((f) => [f.file, f.reason])).toEqual([[SAMPLES[0], 'changed']]);
    await runIncremental(config);
    expect(statusOf(config).toProcess).toEqual([]);
    expectSameReports(output, await cleanRun(input));

    // A forced run and a size limit that first skips the files, then reads them: each settles.
    await runIncremental(config, { force: true });
    expect(statusOf(config).toProcess).toEqual([]);
    const tiny = testConfig(input, output, { ingest: { maxFileBytes: 16 } });
    await runIncremental(tiny);
    expect(statusOf(tiny).toProcess).toEqual([]);
    await runIncremental(config);
    expect(statusOf(config).toProcess).toEqual([]);
    expectSameReports(output, await cleanRun(input));
  });

  it('keeps spares of the per-article tables unless run.spareReports is false', async () => {
    const { input, output, config } = threeSamples();
    await runIncremental(config);
    expect(readdirSync(join(output, '.spare')).sort()).toEqual(['articles', 'dates', 'figures', 'entities', 'claims'].flatMap((t) => [`${t}.csv`, `${t}.json`]).sort());
    sampleCorpus(input, [SAMPLES[3]]);
    await runIncremental(config);
    expect(readFileSync(join(output, '.spare', 'claims.json'))).not.toEqual(readFileSync(join(output, 'claims.json')));
    // Switched off: the next write makes new files and deletes the spares; the reports stay exact.
    rmSync(join(input, SAMPLES[0]));
    await runIncremental(testConfig(input, output, { run: { spareReports: false } }));
    expect(existsSync(join(output, '.spare'))).toBe(false);
    expectSameReports(output, await cleanRun(input));
  });

  it('leaves the reports untouched when nothing changed, and rewrites them when anything they come from did', async () => {
    const { input, output, config } = threeSamples();
    const identities = () => REPORT_FILES.map((name) => { const st = statSync(join(output, name)); return `${name}:${st.ino}:${st.mtimeMs}`; });
    await runIncremental(config);
    const written = identities();

    const idle = await runIncremental(config);
    expect(counts(idle)).toEqual({ processed: 0, skipped: 3, removed: 0, failed: 0, articles: 3 });
    expect(idle.stages.reports).toBeUndefined();
    expect(identities()).toEqual(written);

    // A report deleted or edited by hand is written again.
    rmSync(join(output, 'claims.csv'));
    writeFileSync(join(output, 'report.md'), 'edited');
    await runIncremental(config);
    expectSameReports(output, await cleanRun(input));
    const rewritten = identities();
    expect(rewritten).not.toEqual(written);

    // After a reboot (a power cut may have left rewritten reports half on disk), the stamp vouches
    // for nothing: the reports are written again from the database.
    const stampFile = join(output, REPORT_STAMP_FILE);
    writeFileSync(stampFile, JSON.stringify({ ...JSON.parse(readFileSync(stampFile, 'utf8')), boot: 'an earlier boot' }));
    const afterReboot = await runIncremental(config);
    expect(afterReboot.stages.reports).toBeGreaterThan(0);
    expect(identities()).not.toEqual(rewritten);
    expect(JSON.parse(readFileSync(stampFile, 'utf8')).boot).toBe(currentBoot());
    expectSameReports(output, await cleanRun(input));

    // Another reconcile option: same articles, other reports.
    await runIncremental(testConfig(input, output, { reconcile: { duplicateThreshold: 0.5 } }));
    expect(identities()).not.toEqual(rewritten);
    await runIncremental(config);
    expectSameReports(output, await cleanRun(input));

    // Results committed by a run cut short before its reports: nothing is left to process, but the
    // reports no longer match the state, so they are written again.
    sampleCorpus(input, [SAMPLES[3]]);
    storeAsARunCutShort(config, input, output, SAMPLES[3]);
    const resumed = await runIncremental(config);
    expect(counts(resumed)).toEqual({ processed: 0, skipped: 4, removed: 0, failed: 0, articles: 4 });
    expectSameReports(output, await cleanRun(input));
  });

  describe('copying the rows of unchanged articles from the previous reports', () => {
    const PER_ARTICLE_COLUMNS = ['articles', 'dates', 'figures', 'entities', 'claims'].flatMap((t) => [`${t}_json`, `${t}_csv`]);

    /** Overwrite what the database holds for a file's report rows: from then on, only the previous reports have the true rows. */
    function spoilStoredRows(output: string, file: string): void {
      const db = new Database(join(output, STATE_FILE));
      try {
        const set = PER_ARTICLE_COLUMNS.map((column) => `${column} = CAST('"spoilt"' AS BLOB)`).join(', ');
        expect(db.prepare(`UPDATE fragments SET ${set} WHERE file = ?`).run(file).changes).toBe(1);
      } finally {
        db.close();
      }
    }

    /** A first run over three samples. */
    async function firstRunOfThree() {
      const setup = threeSamples();
      await runIncremental(setup.config);
      return setup;
    }

    it('takes them from the previous files, not the database', async () => {
      const { input, output, config } = await firstRunOfThree();
      spoilStoredRows(output, SAMPLES[1]);
      sampleCorpus(input, [SAMPLES[3]]);
      // The new article's rows go last: the files start as a copy of the previous ones.
      expect(counts(await runIncremental(config))).toEqual({ processed: 1, skipped: 3, removed: 0, failed: 0, articles: 4 });
      expectSameReports(output, await cleanRun(input));
      for (const name of REPORT_FILES) expect(readFileSync(join(output, name), 'utf8')).not.toContain('spoilt');

      // A new article whose rows go first and one gone from the middle: the copies are pieces.
      writeFileSync(join(input, '0-first.txt'), sample(SAMPLES[4]));
      rmSync(join(input, SAMPLES[2]));
      expect(counts(await runIncremental(config))).toEqual({ processed: 1, skipped: 3, removed: 1, failed: 0, articles: 4 });
      expectSameReports(output, await cleanRun(input));
      for (const name of REPORT_FILES) expect(readFileSync(join(output, name), 'utf8')).not.toContain('spoilt');
    });

    it('reads from the database the rows of a file edited since, and of a result stored after the previous reports', async () => {
      const { input, output, config } = await firstRunOfThree();

      // An analyst edits a report, keeping its size: it is not copied from.
      const entities = join(output, 'entities.csv');
      const edited = readFileSync(entities, 'utf8').replace('阿里', '某某');
      expect(Buffer.byteLength(edited)).toBe(statSync(entities).size);
      writeFileSync(entities, edited);
      sampleCorpus(input, [SAMPLES[3]]);
      await runIncremental(config);
      expectSameReports(output, await cleanRun(input));

      // A run cut short after storing a changed article's result, before its reports: the previous
      // reports hold the article's old rows, which must not be copied.
      writeFileSync(join(input, SAMPLES[0]), variant(sample(SAMPLES[0]), 3));
      storeAsARunCutShort(config, input, output, SAMPLES[0]);
      const resumed = await runIncremental(config);
      expect(counts(resumed)).toEqual({ processed: 0, skipped: 4, removed: 0, failed: 0, articles: 4 });
      expectSameReports(output, await cleanRun(input));
    });
  });
});

/** Every file under `dir` (spares included), by relative path, with its bytes. */
function treeOf(dir: string): Array<[string, Buffer]> {
  return (readdirSync(dir, { recursive: true }) as string[])
    .sort()
    .filter((name) => statSync(join(dir, name)).isFile())
    .map((name) => [name, readFileSync(join(dir, name))]);
}
