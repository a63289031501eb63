// `npm run fuzz -- [--runs N] [--target NAME] [--seed S] ...`: bundles the fuzz runner
// (src-main/testing/fuzz/fuzz-cli.ts) with esbuild and runs it with a collectable heap.
// Options are the runner's (`npm run fuzz -- --help`). `node build/fuzz.mjs --make-seeds`
// instead rebuilds the seed corpus from the demo camera and GStreamer (make-seeds.ts).
import { build } from 'esbuild';
import { spawnSync } from 'node:child_process';
import { copyFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const makeSeeds = process.argv[2] === '--make-seeds';
const entry = makeSeeds ? 'make-seeds' : 'fuzz-cli';
const outfile = path.join(root, '.tmp', 'fuzz', `${entry}.mjs`);

await build({
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'esm',
  sourcemap: 'inline',
  packages: 'external',
  logLevel: 'warning',
  absWorkingDir: root,
  entryPoints: [`src-main/testing/fuzz/${entry}.ts`],
  outfile,
  banner: { js: "import { createRequire as __swCreateRequire } from 'node:module'; const require = __swCreateRequire(import.meta.url);" },
});

// The GStreamer fixture starts the Python script that sits beside its module: the bundle's folder.
if (makeSeeds) copyFileSync(path.join(root, 'e2e/fixtures/gst-rtsp-server.py'), path.join(root, '.tmp/fuzz/gst-rtsp-server.py'));

const r = spawnSync(process.execPath, ['--expose-gc', '--enable-source-maps', '--no-deprecation', outfile, ...process.argv.slice(makeSeeds ? 3 : 2)], { cwd: root, stdio: 'inherit' });
process.exit(r.status ?? 1);
