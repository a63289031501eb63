import { mkdirSync, mkdtempSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { resolveAssetsDir } from './assets-dir.js';

describe('resolveAssetsDir', () => {
  const saved = process.env.SKYWALL_ASSETS_DIR;
  const temps: string[] = [];
  afterEach(() => {
    if (saved === undefined) delete process.env.SKYWALL_ASSETS_DIR;
    else process.env.SKYWALL_ASSETS_DIR = saved;
    temps.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true }));
  });

  it('finds the repository assets from the source location', () => {
    delete process.env.SKYWALL_ASSETS_DIR;
    const dir = resolveAssetsDir();
    expect(path.basename(dir)).toBe('assets');
    expect(existsSync(path.join(dir, 'demo', 'clips.json'))).toBe(true);
  });

  it('prefers SKYWALL_ASSETS_DIR and rejects one without demo/clips.json', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'skywall-assets-'));
    temps.push(dir);
    process.env.SKYWALL_ASSETS_DIR = dir;
    expect(() => resolveAssetsDir()).toThrow(/has no demo.clips\.json/);
    mkdirSync(path.join(dir, 'demo'));
    writeFileSync(path.join(dir, 'demo', 'clips.json'), '{"clips":[]}');
    expect(resolveAssetsDir()).toBe(dir);
  });
});
