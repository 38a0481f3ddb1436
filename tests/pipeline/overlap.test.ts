import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runIncremental } from '../../src/pipeline/incremental.ts';
import { segmenterLoaded } from '../../src/text/segment.ts';
import { expectSameReports, sample, sampleCorpus, SAMPLES, tempDir, testConfig, variant } from '../state/helpers.ts';

// Its own file: the path under test is taken only by a process that has not loaded jieba itself.
describe('a small batch in a worker while the unchanged articles are read back', () => {
  it('gives the reports of a clean run', async () => {
    const root = tempDir('overlap');
    const input = sampleCorpus(join(root, 'raw'), SAMPLES.slice(0, 3));
    const output = join(root, 'out');
    const inWorkers = { run: { inProcessBelow: 0, workers: 1 } };
    await runIncremental(testConfig(input, output, inWorkers));

    sampleCorpus(input, [SAMPLES[3]]);
    writeFileSync(join(input, SAMPLES[0]), variant(sample(SAMPLES[0]), 2));
    const report = await runIncremental(testConfig(input, output), { overlapReadbackAbove: 0 });
    // Had the batch run in this process, jieba would be loaded here now.
    expect(segmenterLoaded()).toBe(false);
    expect(report.processed).toBe(2);
    expect(report.skipped).toBe(2);

    const clean = join(tempDir('overlap-clean'), 'out');
    await runIncremental(testConfig(input, clean, inWorkers));
    expectSameReports(output, clean);
  });
});
