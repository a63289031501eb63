import { describe, expect, it } from 'vitest';
import { Wall } from '../contract/walls.js';
import { applyLayout, assignTile, overflowCameras, removeCamera, swapTiles } from './wall-edit.js';
import { presetLayout, uniformLayout } from './wall-layout.js';

const cams = (w: Wall) => w.tiles.map((t) => t.cameraId);
const nine: Wall = applyLayout(
  { id: 'w1', name: 'Wall 1', rows: 1, cols: 1, tiles: [{ cameraId: null, profile: 'main' }] },
  uniformLayout(3),
);
const full = nine.tiles.reduce((w, _t, i) => assignTile(w, i, `c${i + 1}`), nine);

describe('changing the layout loses no camera', () => {
  it('3x3 → 1x1 → 4x4 keeps all nine cameras in their tiles', () => {
    const one = applyLayout(full, uniformLayout(1));
    expect(cams(one)).toEqual(['c1']);
    expect(overflowCameras(one)).toEqual(['c2', 'c3', 'c4', 'c5', 'c6', 'c7', 'c8', 'c9']);
    const sixteen = applyLayout(one, uniformLayout(4));
    expect(cams(sixteen).slice(0, 9)).toEqual(['c1', 'c2', 'c3', 'c4', 'c5', 'c6', 'c7', 'c8', 'c9']);
    expect(cams(sixteen).slice(9).every((c) => c === null)).toBe(true);
    expect(sixteen.overflow).toBeUndefined();
    expect(Wall.safeParse(one).success && Wall.safeParse(sixteen).success).toBe(true);
  });
  it('keeps empty tiles in their place through the overflow, drops only empties at its end', () => {
    const gap = assignTile(full, 4, null);
    const back = applyLayout(applyLayout(gap, uniformLayout(2)), uniformLayout(3));
    expect(cams(back)).toEqual(cams(gap));
    const tail = assignTile(assignTile(full, 8, null), 7, null);
    expect(applyLayout(tail, uniformLayout(2)).overflow?.map((t) => t.cameraId)).toEqual(['c5', 'c6', 'c7']);
  });
  it('stores merged cells, and starts large cells on the main stream and small ones on the sub-stream', () => {
    const six = applyLayout(full, presetLayout(6));
    expect(six.cells).toHaveLength(6);
    expect(six.tiles.map((t) => t.profile)).toEqual(['main', 'sub', 'sub', 'sub', 'sub', 'sub']);
    expect(Wall.safeParse(six).success).toBe(true);
    expect(applyLayout(six, uniformLayout(3)).cells).toBeUndefined();
    expect(applyLayout(full, uniformLayout(2)).tiles.every((t) => t.profile === 'main')).toBe(true);
  });
  it('leaves the input alone', () => {
    const before = structuredClone(full);
    applyLayout(full, uniformLayout(1));
    expect(full).toEqual(before);
  });
});

describe('tile edits', () => {
  it('assigns a camera to one tile, ignores an index off the wall', () => {
    expect(cams(assignTile(nine, 2, 'x'))[2]).toBe('x');
    expect(assignTile(nine, 9, 'x')).toBe(nine);
    expect(assignTile(nine, -1, 'x')).toBe(nine);
  });
  it('swaps two tiles, each keeping its stream size', () => {
    const six = applyLayout(full, presetLayout(6));
    const swapped = swapTiles(six, 0, 3);
    expect(cams(swapped).slice(0, 4)).toEqual(['c4', 'c2', 'c3', 'c1']);
    expect(swapped.tiles[0]!.profile).toBe('main');
    expect(swapTiles(six, 0, 0)).toBe(six);
    expect(swapTiles(six, 0, 6)).toBe(six);
  });
  it('removes a camera from its tiles and from the overflow', () => {
    const twice = assignTile(full, 8, 'c1');
    const one = applyLayout(twice, uniformLayout(1));
    const removed = removeCamera(one, 'c1');
    expect(cams(removed)).toEqual([null]);
    expect(overflowCameras(removed)).toEqual(['c2', 'c3', 'c4', 'c5', 'c6', 'c7', 'c8']);
    expect(removeCamera(removed, 'nope')).toBe(removed);
  });
});
