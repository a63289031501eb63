// `npm run typecheck`: each runtime against its own types — common with neither node nor DOM,
// main with node and no DOM, the renderer with DOM and no node — then everything else (tests,
// e2e, build scripts) with both. Exits non-zero if any of them fails.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const PROJECTS = ['src-main/common/tsconfig.json', 'src-main/tsconfig.json', 'src-renderer/tsconfig.json', 'tsconfig.json'];

let failed = 0;
for (const project of PROJECTS) {
  const t0 = Date.now();
  const r = spawnSync(process.execPath, [path.join(root, 'node_modules/typescript/bin/tsc'), '-p', project, '--noEmit'], { cwd: root, stdio: 'inherit' });
  const ok = r.status === 0;
  if (!ok) failed++;
  console.log(`typecheck ${project}: ${ok ? 'ok' : 'FAILED'} in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
}
process.exit(failed === 0 ? 0 : 1);
