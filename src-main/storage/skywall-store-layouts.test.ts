// Custom layouts in skywall.json: checked at the boundary, written with the document, read back
// after a restart; a wrong or clashing layout changes nothing.
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { presetLayout } from '../common/model/wall-layout.js';
import { useTempDirs } from '../testing/storage/temp-dir.js';
import { openSkywallStore } from './open-skywall-store.js';
import { openKeyFileVault } from './vault/open-vault.js';

const tempDir = useTempDirs();

async function open(dir: string) {
  const vault = await openKeyFileVault({ dir });
  return openSkywallStore({ dir, vault });
}

const big = { id: 'layout-a', name: '大屏左上', ...presetLayout(8) };

describe('custom layouts', () => {
  it('are saved by name, replaced by id, removed, and read back after a restart', async () => {
    const dir = tempDir();
    const { store } = await open(dir);
    expect(store.listLayouts()).toEqual([]);
    const seen: unknown[] = [];
    store.onDidChange('layouts', (l) => seen.push(l));
    store.saveLayout(big);
    store.saveLayout({ id: 'layout-b', name: '中心', ...presetLayout(13) });
    store.saveLayout({ ...big, name: '大屏左上 改' });
    expect(store.listLayouts().map((l) => l.name)).toEqual(['大屏左上 改', '中心']);
    expect(seen).toHaveLength(3);
    const onDisk = JSON.parse(readFileSync(path.join(dir, 'skywall.json'), 'utf8')) as { layouts: unknown[] };
    expect(onDisk.layouts).toHaveLength(2);

    const { store: again } = await open(dir);
    expect(again.listLayouts()).toEqual(store.listLayouts());
    expect(again.removeLayout('layout-b')).toBe(true);
    expect(again.removeLayout('layout-b')).toBe(false);
    expect((await open(dir)).store.listLayouts().map((l) => l.id)).toEqual(['layout-a']);
  });

  it('refuses overlapping cells, a grid over 8x8 and a name another layout has, keeping what was there', async () => {
    const dir = tempDir();
    const { store } = await open(dir);
    store.saveLayout(big);
    const before = readFileSync(path.join(dir, 'skywall.json'), 'utf8');
    const overlapping = { ...big, id: 'x', name: '坏', cells: [...big.cells, { row: 0, col: 0, rowSpan: 1, colSpan: 1 }] };
    expect(() => store.saveLayout(overlapping)).toThrow(/cells_overlap/);
    expect(() => store.saveLayout({ id: 'y', name: '太大', rows: 9, cols: 9, cells: [{ row: 0, col: 0, rowSpan: 9, colSpan: 9 }] })).toThrow(/bad_payload|invalid layout/);
    expect(() => store.saveLayout({ ...big, id: 'z' })).toThrow(expect.objectContaining({ code: 'conflict', params: { name: big.name } }));
    expect(readFileSync(path.join(dir, 'skywall.json'), 'utf8')).toBe(before);
    expect(store.listLayouts()).toHaveLength(1);
  });

  it('a file whose layouts are broken is moved aside, not half-read', async () => {
    const dir = tempDir();
    const { store } = await open(dir);
    store.saveLayout(big);
    const file = path.join(dir, 'skywall.json');
    const doc = JSON.parse(readFileSync(file, 'utf8')) as { layouts: { cells: unknown[] }[] };
    doc.layouts[0]!.cells = [];
    writeFileSync(file, JSON.stringify(doc));
    const reopened = await open(dir);
    expect(reopened.problems.map((p) => p.code)).toContain('storage_corrupt');
    expect(reopened.store.listLayouts()).toEqual([]);
  });
});
