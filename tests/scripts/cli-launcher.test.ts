import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, statSync, symlinkSync, unlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildInputs, isBuildFresh, STAMP_FILE, staleReason } from '../../scripts/build-freshness.mjs';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

let root: string;

function write(file: string, content: string): void {
  mkdirSync(dirname(join(root, file)), { recursive: true });
  writeFileSync(join(root, file), content);
}

/** What scripts/build.mjs leaves behind: the entry file and the stamp of the inputs. */
function stampBuild(): void {
  write('dist/cli.js', '');
  write(STAMP_FILE, JSON.stringify({ inputs: buildInputs(root) }));
}

/** Move a file's mtime into the future, as an edit after the build would. */
function touchLater(file: string): void {
  const later = new Date(Date.now() + 5_000);
  utimesSync(join(root, file), later, later);
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'cli-launcher-'));
  write('package.json', '{"type":"module"}\n');
  write('src/cli.ts', 'export {};\n');
  write('src/pipeline/run.ts', 'export const a = 1;\n');
  write('src/lexicons/load.ts', 'export {};\n');
  write('src/lexicons/units.json', '{"units":[]}\n');
  write('src/lexicons/user-dict.txt', '阿里巴巴\n');
  write('package-lock.json', '{}\n');
  write('tsconfig.json', '{}\n');
});

afterEach(() => {
  rmSync(root, { recursive: true, force: true });
});

describe('buildInputs', () => {
  it('lists the sources, the compiler settings and the lock file, but not the lexicon data', () => {
    expect(Object.keys(buildInputs(root)).sort()).toEqual([
      'package-lock.json',
      'src/cli.ts',
      'src/lexicons/load.ts',
      'src/pipeline/run.ts',
      'tsconfig.json',
    ]);
  });
});

describe('staleReason / isBuildFresh', () => {
  it('is fresh right after a build', () => {
    stampBuild();
    expect(staleReason(root)).toBeNull();
    expect(isBuildFresh(root)).toBe(true);
  });

  it('is stale without dist/ or without a stamp', () => {
    expect(staleReason(root)).toBe('dist/ is missing');
    write('dist/cli.js', '');
    expect(staleReason(root)).toBe('dist/ has no build stamp (interrupted or failed build)');
    write(STAMP_FILE, '{"inputs"');
    expect(isBuildFresh(root)).toBe(false);
  });

  it('is stale when the entry file is gone', () => {
    stampBuild();
    unlinkSync(join(root, 'dist/cli.js'));
    expect(staleReason(root)).toBe('dist/ is missing');
  });

  it('is stale when a source file is touched after the build', () => {
    stampBuild();
    touchLater('src/pipeline/run.ts');
    expect(staleReason(root)).toBe('src/pipeline/run.ts changed since the last build');
    expect(isBuildFresh(root)).toBe(false);
  });

  it('is stale when a source is edited and its old mtime restored (same size)', async () => {
    const file = join(root, 'src/pipeline/run.ts');
    const yesterday = Math.floor(Date.now() / 1000) - 86_400; // whole seconds: restored exactly
    utimesSync(file, yesterday, yesterday);
    stampBuild();
    const before = statSync(file);
    await sleep(30); // past the file system's clock tick, so the new ctime differs
    write('src/pipeline/run.ts', 'export const a = 2;\n');
    utimesSync(file, yesterday, yesterday);
    expect(statSync(file).mtimeMs).toBe(before.mtimeMs);
    expect(statSync(file).size).toBe(before.size);
    expect(staleReason(root)).toBe('src/pipeline/run.ts changed since the last build');
  });

  it('is stale when a source file is added or removed', () => {
    stampBuild();
    write('src/pipeline/new.ts', 'export {};\n');
    expect(staleReason(root)).toBe('src/pipeline/new.ts is new since the last build');
    unlinkSync(join(root, 'src/pipeline/new.ts'));
    expect(staleReason(root)).toBeNull();
    unlinkSync(join(root, 'src/pipeline/run.ts'));
    expect(staleReason(root)).toBe('src/pipeline/run.ts was removed since the last build');
  });

  it('is stale when the lock file or the compiler settings change', () => {
    stampBuild();
    touchLater('package-lock.json');
    expect(staleReason(root)).toBe('package-lock.json changed since the last build');
    stampBuild();
    write('tsconfig.build.json', '{}\n');
    expect(staleReason(root)).toBe('tsconfig.build.json is new since the last build');
  });

  it('stays fresh when only lexicon data changes (read from src/ at run time), not lexicon code', () => {
    stampBuild();
    touchLater('src/lexicons/units.json');
    write('src/lexicons/holidays.json', '{}\n');
    expect(staleReason(root)).toBeNull();
    touchLater('src/lexicons/load.ts');
    expect(staleReason(root)).toBe('src/lexicons/load.ts changed since the last build');
  });
});

describe('scripts/cli.mjs', () => {
  // A copy of the launcher over a stand-in CLI that reports where it ran from and what it received.
  const entry = (from: string, exitCode: number) =>
    `const from${from === 'source' ? ': string' : ''} = '${from}';\n` +
    `process.stdout.write(JSON.stringify({ from, argv: process.argv.slice(2) }));\n` +
    `process.exitCode = ${exitCode};\n`;

  beforeEach(() => {
    for (const file of ['cli.mjs', 'build-freshness.mjs']) {
      mkdirSync(join(root, 'scripts'), { recursive: true });
      copyFileSync(join(ROOT, 'scripts', file), join(root, 'scripts', file));
    }
    symlinkSync(join(ROOT, 'node_modules'), join(root, 'node_modules'));
    // TypeScript syntax: only loads through tsx.
    write('src/cli.ts', entry('source', 5));
  });

  const launch = (...args: string[]) => spawnSync(process.execPath, [join(root, 'scripts', 'cli.mjs'), ...args], { cwd: root, encoding: 'utf8' });

  it('runs dist/cli.js when fresh: arguments as given, exit code kept, nothing on stderr', () => {
    stampBuild();
    write('dist/cli.js', entry('dist', 7));
    const result = launch('run', '-c', 'x y.json', '--force');
    expect(JSON.parse(result.stdout)).toEqual({ from: 'dist', argv: ['run', '-c', 'x y.json', '--force'] });
    expect(result.status).toBe(7);
    expect(result.stderr).toBe('');
  });

  it('runs src/cli.ts through tsx when stale, with a one-line note on stderr only', () => {
    stampBuild();
    write('dist/cli.js', entry('dist', 7));
    touchLater('src/cli.ts');
    const result = launch('extract', '--help');
    expect(JSON.parse(result.stdout)).toEqual({ from: 'source', argv: ['extract', '--help'] });
    expect(result.status).toBe(5);
    expect(result.stderr).toBe('note: running from source, src/cli.ts changed since the last build (npm run build makes start-up faster)\n');
  });
});
