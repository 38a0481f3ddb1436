/**
 * Bare nodejieba throughput on one core: `tag` on every line of every corpus file, as the pipeline
 * feeds it (line by line). Run as its own process so its dictionary does not sit in the
 * benchmark's memory. Prints one JSON line: {bytes, ms, MBps, loadMs}.
 */
import { readFileSync } from 'node:fs';
import nodejieba from 'nodejieba';
import { articleFiles } from './corpus.ts';

const dir = process.argv[2];
if (!dir) {
  process.stderr.write('usage: tsx bench/tag.ts CORPUS_DIR\n');
  process.exit(2);
}

const loadStarted = performance.now();
nodejieba.load();
const loadMs = performance.now() - loadStarted;

const texts = articleFiles(dir).map((path) => readFileSync(path));
let bytes = 0;
let tokens = 0;
const started = performance.now();
for (const buffer of texts) {
  bytes += buffer.length;
  for (const line of buffer.toString('utf8').split('\n')) {
    if (line.trim()) tokens += nodejieba.tag(line).length;
  }
}
const ms = performance.now() - started;
process.stdout.write(JSON.stringify({ bytes, ms, MBps: bytes / 1e6 / (ms / 1000), loadMs, tokens }) + '\n');
