import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const SRC = resolve(import.meta.dirname, '../../src');

/** Modules loaded when `from` is imported: static imports only (`import(...)` loads later, if ever). */
function staticGraph(from: string): { modules: Set<string>; packages: Set<string> } {
  const modules = new Set<string>();
  const packages = new Set<string>();
  const pending = [join(SRC, from)];
  while (pending.length) {
    const file = pending.pop()!;
    if (modules.has(file)) continue;
    modules.add(file);
    const source = readFileSync(file, 'utf8');
    for (const match of source.matchAll(/^(?:import|export)\s+(type\s+)?(?:[^;'"]*?\sfrom\s+)?['"]([^'"]+)['"]/gm)) {
      const [, typeOnly, specifier] = match;
      if (typeOnly) continue;
      if (!specifier.startsWith('.')) {
        packages.add(specifier);
        continue;
      }
      const target = resolve(dirname(file), specifier);
      if (existsSync(target) && target.endsWith('.ts')) pending.push(target);
    }
  }
  return { modules: new Set([...modules].map((m) => relative(SRC, m))), packages };
}

describe('start-up imports', () => {
  it('the CLI loads no per-article stage until a command runs one in its own process', () => {
    // The main process of a large run hands every article to workers: it plans, stores and
    // reconciles, and its start-up time is on the critical path of every rerun.
    const { modules, packages } = staticGraph('cli.ts');
    for (const stage of ['pipeline/article.ts', 'pipeline/resources.ts', 'extract/dates.ts', 'extract/figures.ts', 'extract/entities.ts', 'claims/extract.ts', 'convert/convert.ts', 'clean/clean.ts', 'ingest/decode.ts', 'extract/line.ts', 'pipeline/watch.ts']) {
      expect(modules.has(stage), stage).toBe(false);
    }
    for (const heavy of ['opencc-js', 'lunar-javascript', 'iconv-lite', 'chokidar', 'he']) expect(packages.has(heavy), heavy).toBe(false);
    // The scan does see the graph: the state and reconciliation are there.
    expect(modules.has('pipeline/incremental.ts')).toBe(true);
    expect(modules.has('reconcile/reconcile.ts')).toBe(true);
    expect(packages.has('better-sqlite3')).toBe(true);
  });

  it('a worker loads the stages (from the module it is started with)', () => {
    const { modules } = staticGraph('pipeline/article.ts');
    expect(modules.has('extract/dates.ts')).toBe(true);
    expect(readFileSync(join(SRC, 'pipeline/workers.ts'), 'utf8')).toMatch(/import\('\.\/article\.ts'\)/);
  });
});
