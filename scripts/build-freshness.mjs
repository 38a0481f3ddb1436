// Whether dist/ holds the build of the current sources. Shared by the launcher (scripts/cli.mjs),
// which must never run stale code, and the build (scripts/build.mjs), which records what it built.
// Only file metadata is read (no hashing), so the check costs a few milliseconds.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';

export const DIST_DIR = 'dist';
export const STAMP_FILE = join(DIST_DIR, '.build-stamp');
export const ENTRY_FILE = join(DIST_DIR, 'cli.js');

/** Files outside src/ that change what the build emits. */
const BUILD_CONFIG_FILES = ['tsconfig.json', 'tsconfig.build.json', 'package-lock.json'];

/** Script files; other files in src/lexicons are data read from src/ at run time, never built. */
const SCRIPT_FILE = /\.[cm]?[jt]sx?$/;

/**
 * What the build depends on: every file under src/ (data files in src/lexicons excepted) and the
 * compiler settings, each with its size, mtime and ctime. Any edit, touch, rename, addition or
 * removal changes this, including a file restored with an old mtime (its ctime is new).
 * Keys are root-relative with forward slashes.
 */
export function buildInputs(root) {
  const inputs = {};
  const add = (path) => {
    const stats = statSync(path);
    inputs[relative(root, path).split(sep).join('/')] = `${stats.size}:${stats.mtimeMs}:${stats.ctimeMs}`;
  };
  const lexicons = join(root, 'src', 'lexicons');
  const walk = (dir) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (dir !== lexicons || SCRIPT_FILE.test(entry.name)) add(path);
    }
  };
  walk(join(root, 'src'));
  for (const file of BUILD_CONFIG_FILES) if (existsSync(join(root, file))) add(join(root, file));
  return inputs;
}

/**
 * Why dist/ may not be run (a short phrase), or null when it was built from exactly the current
 * inputs. The build records the inputs before compiling, so an edit made during a build also
 * counts as a change.
 */
export function staleReason(root) {
  if (!existsSync(join(root, ENTRY_FILE))) return 'dist/ is missing';
  let built;
  try {
    built = JSON.parse(readFileSync(join(root, STAMP_FILE), 'utf8')).inputs;
  } catch {
    return 'dist/ has no build stamp (interrupted or failed build)';
  }
  if (!built || typeof built !== 'object') return 'dist/ has no build stamp (interrupted or failed build)';
  const current = buildInputs(root);
  for (const [file, meta] of Object.entries(current)) {
    if (!(file in built)) return `${file} is new since the last build`;
    if (built[file] !== meta) return `${file} changed since the last build`;
  }
  for (const file of Object.keys(built)) {
    if (!(file in current)) return `${file} was removed since the last build`;
  }
  return null;
}

export function isBuildFresh(root) {
  return staleReason(root) === null;
}
