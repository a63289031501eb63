// The preload bundle. It allow-lists channel and event names but must stay small and free of
// zod (docs/decisions.md D2), so the names are read here from the contract's schema maps, the
// one place they are written, and inlined as a constant.
import { build as esbuild } from 'esbuild';
import { mkdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { ALIASES } from './aliases.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** Channel and event names, from `channels` and `events` in src-main/common/contract. */
export async function readContractNames() {
  const outDir = path.join(root, 'node_modules', '.cache', 'skywall-build');
  mkdirSync(outDir, { recursive: true });
  const outfile = path.join(outDir, `contract-${process.pid}-${Date.now()}.mjs`);
  await esbuild({
    absWorkingDir: root,
    alias: ALIASES,
    entryPoints: ['src-main/common/contract/index.ts'],
    bundle: true,
    platform: 'node',
    format: 'esm',
    packages: 'external',
    logLevel: 'warning',
    outfile,
  });
  try {
    const contract = await import(pathToFileURL(outfile).href);
    return { channels: Object.keys(contract.channels), events: Object.keys(contract.events) };
  } finally {
    rmSync(outfile, { force: true });
  }
}

/** Bundles src-main/preload/preload.ts as CommonJS (sandboxed preloads can't load ES modules). */
export async function bundlePreload({ write = true } = {}) {
  const names = await readContractNames();
  const result = await esbuild({
    absWorkingDir: root,
    alias: ALIASES,
    bundle: true,
    platform: 'node',
    target: 'node20',
    sourcemap: write,
    logLevel: 'warning',
    format: 'cjs',
    entryPoints: { preload: 'src-main/preload/preload.ts' },
    outdir: 'dist/preload',
    outExtension: { '.js': '.cjs' },
    external: ['electron'],
    define: { SKYWALL_CONTRACT_NAMES: JSON.stringify(names) },
    write,
  });
  return { names, code: write ? undefined : result.outputFiles.find((f) => f.path.endsWith('.cjs'))?.text };
}
