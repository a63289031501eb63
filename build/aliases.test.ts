import { build } from 'esbuild';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
// Resolved by Vitest through the alias itself.
import { SkywallError } from '@common/model/errors.js';
import { ALIAS_FOLDERS, ALIASES } from './aliases.mjs';

const root = path.resolve(__dirname, '..');

describe('import aliases', () => {
  it('tsconfig paths (TypeScript, Playwright) say what build/aliases.mjs says', () => {
    const base = JSON.parse(readFileSync(path.join(root, 'tsconfig.base.json'), 'utf8')) as { compilerOptions: { paths: Record<string, string[]> } };
    const fromTsconfig = Object.fromEntries(Object.entries(base.compilerOptions.paths).map(([k, [v]]) => [k.replace(/\/\*$/, ''), v!.replace(/^\.\//, '').replace(/\/\*$/, '')]));
    expect(fromTsconfig).toEqual(ALIAS_FOLDERS);
  });

  it('resolve in Vitest', () => {
    expect(new SkywallError('not_found', 'x').code).toBe('not_found');
  });

  it('resolve in the esbuild bundles (main, preload)', async () => {
    const out = await build({
      stdin: { contents: "export { SkywallError } from '@common/model/errors.js';", resolveDir: root, loader: 'ts' },
      absWorkingDir: root,
      bundle: true,
      write: false,
      format: 'esm',
      platform: 'node',
      packages: 'external',
      logLevel: 'silent',
      alias: ALIASES,
    });
    expect(out.outputFiles[0]!.text).toContain('// src-main/common/model/errors.ts');
  });
});
