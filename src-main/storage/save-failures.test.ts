// D7 and D14 on real file systems: a full disk never breaks reading or changing the walls, and
// temp files left by a killed writer are removed at the next open.
import { existsSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openSkywallStore } from './open-skywall-store.js';
import { openKeyFileVault } from './vault/open-vault.js';
import { wallForDisplay } from '../services/walls/service.js';
import { mountTmpfs, type TestMount } from '../testing/export/tmpfs.js';
import { useTempDirs } from '../testing/storage/temp-dir.js';

const tempDir = useTempDirs();
let mount: TestMount | undefined;
afterEach(async () => {
  await mount?.dispose();
  mount = undefined;
});

/** Fills the file system until a write fails, so every later write meets ENOSPC. */
function fillDisk(dir: string): string {
  const filler = path.join(dir, 'filler');
  const chunk = Buffer.alloc(4096, 1);
  try {
    for (;;) {
      writeFileSync(filler, chunk, { flag: 'a' });
    }
  } catch {
    return filler; // ENOSPC: full
  }
}

describe('skywall.json on a full disk (D7)', () => {
  it('keeps reading, keeps changes in memory, reports once, and saves again when space returns', async () => {
    mount = await mountTmpfs(256 * 1024);
    const dir = mount.dir;
    const vault = await openKeyFileVault({ dir });
    const failures: unknown[] = [];
    const { store } = await openSkywallStore({ dir, vault, onSaveFailed: (e) => failures.push(e) });
    const filler = fillDisk(dir);

    // A window opening for the first time on a new display: a read that also records the display.
    const wall = wallForDisplay(store, 'display-2');
    expect(wall.id).toBe(store.listWalls()[0]!.id);
    expect(failures).toHaveLength(1);
    expect(String((failures[0] as Error).message)).toContain('ENOSPC');
    expect(store.unsaved).toBe(true);

    // A layout change is kept in memory, not dropped, and not reported a second time.
    const saved = store.saveWall({ ...wall, rows: 3, cols: 3, tiles: Array.from({ length: 9 }, () => ({ cameraId: null, profile: 'sub' as const })) });
    expect(store.getWall(wall.id)?.rows).toBe(3);
    expect(saved.tiles).toHaveLength(9);
    expect(failures).toHaveLength(1);
    const onDisk = JSON.parse(readFileSync(store.path, 'utf8'));
    expect(onDisk.walls[0].rows).not.toBe(3);

    // Space comes back: the next change writes the whole document, both changes included.
    rmSync(filler);
    store.updateSettings({ showTileStats: true });
    expect(store.unsaved).toBe(false);
    const after = JSON.parse(readFileSync(store.path, 'utf8'));
    expect(after.walls[0].rows).toBe(3);
    expect(after.settings.displayWalls['display-2']).toBe(wall.id);
  });

  it('opens on a disk that is already full, from defaults in memory', async () => {
    mount = await mountTmpfs(128 * 1024);
    const dir = mount.dir;
    const vault = await openKeyFileVault({ dir });
    fillDisk(dir);
    const failures: unknown[] = [];
    const { store } = await openSkywallStore({ dir, vault, onSaveFailed: (e) => failures.push(e) });
    expect(store.listWalls().length).toBeGreaterThan(0);
    expect(failures.length).toBeGreaterThanOrEqual(1);
  });
});

describe('temp files left by a killed save (D14)', () => {
  it('removes old skywall.json.tmp-* files at open and leaves everything else alone', async () => {
    const dir = tempDir();
    const vault = await openKeyFileVault({ dir });
    await openSkywallStore({ dir, vault });
    const old = new Date(Date.now() - 60_000);
    for (const name of ['skywall.json.tmp-1a2b3c', 'skywall.json.tmp-99']) {
      writeFileSync(path.join(dir, name), '{"half":');
      utimesSync(path.join(dir, name), old, old);
    }
    writeFileSync(path.join(dir, 'skywall.json.tmp-inflight'), '{');
    writeFileSync(path.join(dir, 'notes.json.tmp-1'), 'keep');
    utimesSync(path.join(dir, 'notes.json.tmp-1'), old, old);

    const { store } = await openSkywallStore({ dir, vault });
    expect(store.listWalls().length).toBeGreaterThan(0);
    expect(existsSync(path.join(dir, 'skywall.json.tmp-1a2b3c'))).toBe(false);
    expect(existsSync(path.join(dir, 'skywall.json.tmp-99'))).toBe(false);
    expect(existsSync(path.join(dir, 'skywall.json.tmp-inflight'))).toBe(true); // may be another writer's
    expect(existsSync(path.join(dir, 'notes.json.tmp-1'))).toBe(true);
  });
});
