// Bundles main, preload and the demo CLI with esbuild, and the renderer with Vite.
import { build as esbuild } from 'esbuild';
import { build as viteBuild } from 'vite';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import { bundlePreload } from './preload-bundle.mjs';
import { ALIASES } from './aliases.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const mainOnly = process.argv.includes('--main-only');
const t0 = Date.now();

const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  sourcemap: true,
  packages: 'external',
  logLevel: 'warning',
  absWorkingDir: root,
  alias: ALIASES,
};

await esbuild({
  ...common,
  format: 'esm',
  entryPoints: {
    'host-main': 'src-main/host/host-main.ts',
    'electron-main': 'src-main/app/electron-main.ts',
    'demo-cli': 'src-main/demo/demo-cli.ts',
    'verify-cli': 'src-main/export/verify-main.ts',
  },
  outdir: 'dist/main',
  external: ['electron'],
  banner: { js: "import { createRequire as __swCreateRequire } from 'node:module'; const require = __swCreateRequire(import.meta.url);" },
});

await bundlePreload();

if (!mainOnly) {
  await viteBuild({ configFile: path.join(root, 'src-renderer/vite.config.ts'), logLevel: 'warn' });
}
console.log(`build: done in ${Date.now() - t0} ms${mainOnly ? ' (main only)' : ''}`);
