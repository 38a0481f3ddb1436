// `npm run build`: compile src/ to dist/ (tsconfig.build.json), then stamp dist/ with the inputs it
// was built from, so scripts/cli.mjs runs it only while it matches src/.
// `--optional` (used by `prepare`): when TypeScript is not installed (npm ci --omit=dev), skip the
// build instead of failing the install; the CLI then runs from source.
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildInputs, DIST_DIR, STAMP_FILE } from './build-freshness.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const optional = process.argv.includes('--optional');

let tsc;
try {
  tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
} catch {
  if (!optional) throw new Error('TypeScript is not installed: run npm ci first');
  process.stderr.write('note: TypeScript is not installed, dist/ not built: the CLI will run from source\n');
  process.exit(0);
}

// Deleted sources must leave no compiled file behind.
rmSync(join(root, DIST_DIR), { recursive: true, force: true });
// Taken before compiling: a source edited while the compiler runs then no longer matches the stamp.
const inputs = buildInputs(root);
// Type errors do not stop the build (noCheck, like tsx); `npm run typecheck` reports them.
const compiled = spawnSync(process.execPath, [tsc, '-p', join(root, 'tsconfig.build.json')], { cwd: root, stdio: 'inherit' });
if (compiled.status !== 0) {
  process.stderr.write(`build failed (tsc exit ${compiled.status ?? compiled.signal}); dist/ is not stamped, the CLI will run from source\n`);
  process.exit(1);
}
mkdirSync(join(root, DIST_DIR), { recursive: true });
writeFileSync(join(root, STAMP_FILE), JSON.stringify({ builtAt: new Date().toISOString(), inputs }, null, 1) + '\n');
