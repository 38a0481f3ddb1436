/**
 * Synthetic corpus for the benchmark: perturbed copies of the sample articles in raw/. Each copy
 * keeps its title line, shuffles the body paragraphs and nudges numbers (amounts, counts, years),
 * so no two files are byte-identical while the text stays real news prose.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { extname, join } from 'node:path';

const ARTICLE_EXTENSIONS = new Set(['.txt', '.md', '.html', '.htm']);

/** Small, fast, seedable PRNG (mulberry32): the same seed gives the same corpus. */
export function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function sampleArticles(rawDir: string): string[] {
  return readdirSync(rawDir)
    .filter((name) => ARTICLE_EXTENSIONS.has(extname(name).toLowerCase()))
    .sort()
    .map((name) => readFileSync(join(rawDir, name), 'utf8'));
}

/** One perturbed copy of `text`. */
export function perturb(text: string, seed: number): string {
  const next = random(seed);
  const lines = text.split('\n');
  const titleIndex = lines.findIndex((line) => line.trim() !== '');
  const head = lines.slice(0, titleIndex + 1);
  const body = lines.slice(titleIndex + 1).filter((line) => line.trim() !== '');
  // Fisher-Yates on the paragraphs.
  for (let i = body.length - 1; i > 0; i--) {
    const j = Math.floor(next() * (i + 1));
    [body[i], body[j]] = [body[j], body[i]];
  }
  const nudged = body.map((line) =>
    line.replace(/\d+/g, (digits) => {
      if (next() < 0.5) return digits;
      const value = Number(digits);
      // Years move by one, other numbers by a few units; never below zero, never a new digit count for years.
      const isYear = digits.length === 4 && value >= 1900 && value <= 2100;
      const delta = isYear ? (next() < 0.5 ? -1 : 1) : Math.floor(next() * 5) - 2;
      return String(Math.max(0, value + delta));
    }),
  );
  return [...head, '', ...nudged.flatMap((line) => [line, ''])].join('\n');
}

export interface Corpus {
  dir: string;
  files: number;
  bytes: number;
}

/** Build (or reuse) a corpus of `count` articles in `dir`, 100 per sub-folder. */
export function buildCorpus(rawDir: string, dir: string, count: number, seed = 1): Corpus {
  const marker = join(dir, '.corpus.json');
  const spec = JSON.stringify({ count, seed, version: 1 });
  if (existsSync(marker) && readFileSync(marker, 'utf8') === spec) return { dir, files: count, bytes: folderBytes(dir) };
  rmSync(dir, { recursive: true, force: true });
  const samples = sampleArticles(rawDir);
  for (let i = 0; i < count; i++) {
    const folder = join(dir, `part-${String(Math.floor(i / 100)).padStart(3, '0')}`);
    if (i % 100 === 0) mkdirSync(folder, { recursive: true });
    writeFileSync(join(folder, `article-${String(i).padStart(6, '0')}.txt`), perturb(samples[i % samples.length], seed * 1_000_003 + i));
  }
  writeFileSync(marker, spec);
  return { dir, files: count, bytes: folderBytes(dir) };
}

/** Total size of the article files under `dir`. */
export function folderBytes(dir: string): number {
  let total = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name.startsWith('.')) continue;
    const path = join(dir, entry.name);
    if (entry.isDirectory()) total += folderBytes(path);
    else if (ARTICLE_EXTENSIONS.has(extname(entry.name).toLowerCase())) total += statSync(path).size;
  }
  return total;
}

/** Every article file under `dir`, sorted. */
export function articleFiles(dir: string): string[] {
  const files: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name.startsWith('.')) continue;
    const path = join(dir, entry.name);
    if (entry.isDirectory()) files.push(...articleFiles(path));
    else if (ARTICLE_EXTENSIONS.has(extname(entry.name).toLowerCase())) files.push(path);
  }
  return files.sort();
}
