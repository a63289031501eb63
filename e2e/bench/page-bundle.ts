// Bundles a benchmark page script (TypeScript under e2e/bench/page/) into one browser script.
import { build } from 'esbuild';
import { existsSync } from 'node:fs';
import path from 'node:path';

/** The repository root: the nearest ancestor of the working folder that holds e2e/bench/run.mjs. */
export function repoRoot(): string {
  for (let dir = process.cwd(); ; dir = path.dirname(dir)) {
    if (existsSync(path.join(dir, 'e2e', 'bench', 'run.mjs'))) return dir;
    if (path.dirname(dir) === dir) throw new Error('run the benchmarks from inside the Skywall repository');
  }
}

/** IIFE bundle of `e2e/bench/page/<name>.ts` (with its imports, mpegts.js included). */
export async function bundlePage(name: string): Promise<string> {
  const root = repoRoot();
  const out = await build({
    absWorkingDir: root,
    entryPoints: [path.join('e2e', 'bench', 'page', `${name}.ts`)],
    bundle: true,
    write: false,
    format: 'iife',
    platform: 'browser',
    target: 'chrome120',
    logLevel: 'warning',
  });
  return out.outputFiles[0].text;
}
