// Finds the repository's assets folder both from sources (src-main/demo) and from the esbuild
// bundle (dist/main/demo-cli.js): SKYWALL_ASSETS_DIR wins, else the nearest ancestor with
// assets/demo/clips.json.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { SkywallError } from '../common/model/errors.js';

const MARKER = path.join('demo', 'clips.json');

function moduleDir(): string | undefined {
  try {
    return path.dirname(fileURLToPath(import.meta.url));
  } catch {
    return undefined; // not an ESM file URL (e.g. bundled to CommonJS)
  }
}

function searchUpwards(start: string): string | undefined {
  for (let dir = path.resolve(start); ; dir = path.dirname(dir)) {
    const candidate = path.join(dir, 'assets');
    if (existsSync(path.join(candidate, MARKER))) return candidate;
    if (path.dirname(dir) === dir) return undefined;
  }
}

/** Absolute path of the folder that holds demo/clips.json. Throws SkywallError('not_found'). */
export function resolveAssetsDir(): string {
  const fromEnv = process.env.SKYWALL_ASSETS_DIR;
  if (fromEnv) {
    if (existsSync(path.join(fromEnv, MARKER))) return path.resolve(fromEnv);
    throw new SkywallError('not_found', `SKYWALL_ASSETS_DIR=${fromEnv} has no ${MARKER}`);
  }
  const starts = [moduleDir(), process.argv[1] ? path.dirname(process.argv[1]) : undefined, process.cwd()];
  for (const start of starts) {
    const found = start ? searchUpwards(start) : undefined;
    if (found) return found;
  }
  throw new SkywallError('not_found', `no assets/${MARKER} found above ${starts.filter(Boolean).join(' or ')}; set SKYWALL_ASSETS_DIR`);
}
