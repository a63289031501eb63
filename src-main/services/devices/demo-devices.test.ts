import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openKeyFileVault, openSkywallStore } from '../../storage/index.js';
import { DEMO_CAMERA_IDS, demoWanted, fillFirstWallWithDemo } from './demo-devices.js';

async function open() {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'sw-demo-'));
  const vault = await openKeyFileVault({ dir });
  return (await openSkywallStore({ dir, vault })).store;
}

describe('the first-run demo', () => {
  it('fills the first 2x2 wall with each demo camera once and leaves two tiles free', async () => {
    const store = await open();
    fillFirstWallWithDemo(store);
    expect(store.listWalls()[0]!.tiles.map((t) => t.cameraId)).toEqual([DEMO_CAMERA_IDS[0], DEMO_CAMERA_IDS[1], null, null]);
  });

  it('keeps running while a wall shows a demo camera, even once a device is configured', async () => {
    const store = await open();
    fillFirstWallWithDemo(store);
    await store.upsertDevice({ id: 'd1', name: 'Gate', kind: 'rtsp', host: '10.0.0.5', port: 554, demo: false, cameras: [{ id: 'gate-1', name: 'G', ptz: false, sources: [{ profile: 'main', url: 'rtsp://10.0.0.5/1' }] }] });
    expect(demoWanted(store)).toBe(true);
    const wall = store.listWalls()[0]!;
    store.saveWall({ ...wall, tiles: wall.tiles.map((t) => ({ ...t, cameraId: null })) });
    expect(demoWanted(store)).toBe(false);
  });
});
