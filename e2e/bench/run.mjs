// Thin launcher for `npm run bench -- <name>`: bundles the TypeScript benches (e2e/bench/main.ts)
// with esbuild into .tmp/bench/ and runs the bundle with this Node. Builds the app first when
// dist/ lacks it or the renderer bundle is stale (the npm script builds the main bundle only).
import { build } from 'esbuild';
import { ALIASES } from '../../build/aliases.mjs';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const args = process.argv.slice(2);

// The gateway, export and tree benches and baseline-only runs do not start Skywall's host mode; the others need the
// main bundle and a renderer bundle no older than its sources (the npm script builds main only).
const onlyBaseline = args.includes('--only=baseline') || args.some((a, i) => a === '--only' && args[i + 1] === 'baseline');
const needsApp = args[0] !== undefined && args[0] !== 'gateway' && args[0] !== 'export' && args[0] !== 'tree' && !onlyBaseline;

function newestMtime(dir) {
  let newest = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    newest = Math.max(newest, e.isDirectory() ? newestMtime(p) : statSync(p).mtimeMs);
  }
  return newest;
}

const rendererIndex = path.join(root, 'dist/renderer/index.html');
const rendererStale = !existsSync(rendererIndex) || statSync(rendererIndex).mtimeMs < newestMtime(path.join(root, 'src-renderer'));
if (needsApp && (rendererStale || !existsSync(path.join(root, 'dist/main/host-main.js')))) {
  console.log('bench: building the app (renderer bundle missing or older than src-renderer/)');
  const b = spawnSync(process.execPath, [path.join(root, 'build/build.mjs')], { cwd: root, stdio: 'inherit' });
  if (b.status !== 0) process.exit(b.status ?? 1);
}

// ESM (the gateway bench uses import.meta and top-level await); e2e/support was written for
// Playwright's CommonJS loader and uses __dirname, so the banner defines it. The bundle sits two
// levels under the root, as e2e/support does, so its root lookups still hold.
const outdir = path.join(root, '.tmp', 'bench');
const outfile = path.join(outdir, 'main.mjs');
await build({
  absWorkingDir: root,
  alias: ALIASES,
  // gateway-child runs runGatewayBench in a process of its own (see gateway-compare.ts).
  entryPoints: { main: 'e2e/bench/main.ts', 'gateway-child': 'e2e/bench/gateway-child.ts' },
  outdir,
  outExtension: { '.js': '.mjs' },
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  packages: 'external',
  sourcemap: 'inline',
  logLevel: 'warning',
  banner: {
    js: [
      "import { createRequire as __swRequire } from 'node:module';",
      "import { fileURLToPath as __swPath } from 'node:url';",
      'const require = __swRequire(import.meta.url);',
      'const __filename = __swPath(import.meta.url);',
      "const __dirname = __swPath(new URL('.', import.meta.url));",
    ].join(' '),
  },
});

const child = spawn(process.execPath, ['--enable-source-maps', outfile, ...args], { cwd: root, stdio: 'inherit' });
for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => child.kill(sig));
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
