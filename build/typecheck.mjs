// `npm run typecheck`: each runtime against its own types — common with neither node nor DOM,
// main with node and no DOM, the renderer with DOM and no node — then everything else (tests,
// e2e, build scripts) with both. Two at a time (one per core); each project's output is printed
// whole when it ends. Exits non-zero if any of them fails.
import { spawn } from 'node:child_process';
import { availableParallelism } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
// The largest first, so the small ones fill the other core meanwhile.
const PROJECTS = ['tsconfig.json', 'src-main/tsconfig.json', 'src-renderer/tsconfig.json', 'src-main/common/tsconfig.json'];

function check(project) {
  const t0 = Date.now();
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [path.join(root, 'node_modules/typescript/bin/tsc'), '-p', project, '--noEmit'], { cwd: root });
    const out = [];
    child.stdout.on('data', (b) => out.push(b));
    child.stderr.on('data', (b) => out.push(b));
    child.on('close', (code) => {
      const ok = code === 0;
      process.stdout.write(Buffer.concat(out));
      console.log(`typecheck ${project}: ${ok ? 'ok' : 'FAILED'} in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
      resolve(ok);
    });
  });
}

async function main() {
  const queue = [...PROJECTS];
  let failed = 0;
  const lane = async () => {
    for (let p = queue.shift(); p; p = queue.shift()) if (!(await check(p))) failed++;
  };
  await Promise.all(Array.from({ length: Math.min(2, Math.max(1, availableParallelism())) }, lane));
  process.exit(failed === 0 ? 0 : 1);
}

await main();
