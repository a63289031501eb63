import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openKeyFileVault, openSkywallStore } from '../../storage/index.js';
import { wallForDisplay } from './service.js';

async function open() {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'sw-walls-'));
  const vault = await openKeyFileVault({ dir });
  const { store } = await openSkywallStore({ dir, vault });
  return { dir, store };
}

describe('walls per display', () => {
  it('gives each new display its own wall and remembers the mapping', async () => {
    const { dir, store } = await open();
    const first = store.listWalls()[0]!;
    store.saveWall({ id: 'wall-2', name: 'Wall 2', rows: 1, cols: 1, tiles: [{ cameraId: null, profile: 'main' }] });
    expect(wallForDisplay(store, 'display-A').id).toBe(first.id);
    expect(wallForDisplay(store, 'display-B').id).toBe('wall-2');
    // A third display when every wall is shown: the first wall again.
    expect(wallForDisplay(store, 'display-C').id).toBe(first.id);
    // Remembered across restarts.
    const vault = await openKeyFileVault({ dir });
    const { store: reopened } = await openSkywallStore({ dir, vault });
    expect(reopened.getSettings().displayWalls).toEqual({ 'display-A': first.id, 'display-B': 'wall-2', 'display-C': first.id });
    expect(wallForDisplay(reopened, 'display-B').id).toBe('wall-2');
  });
});
