// Import aliases, one list for every tool: Vite (renderer), Vitest, esbuild (main bundles) and
// the layer lint read it here; TypeScript and Playwright read `paths` in tsconfig.base.json,
// which build/aliases.test.ts keeps equal to this list.
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** Alias → folder, relative to the repository root. */
export const ALIAS_FOLDERS = { '@common': 'src-main/common' };

/** The same, as absolute folders (what Vite, Vitest and esbuild take). */
export const ALIASES = Object.fromEntries(Object.entries(ALIAS_FOLDERS).map(([alias, folder]) => [alias, path.join(root, folder)]));
