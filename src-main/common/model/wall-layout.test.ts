import { describe, expect, it } from 'vitest';
import type { Wall } from '../contract/walls.js';
import { assignTile, defaultProfile, regrid } from './wall-layout.js';

const wall: Wall = {
  id: 'w1',
  name: 'Wall 1',
  rows: 2,
  cols: 2,
  tiles: [
    { cameraId: 'a', profile: 'main' },
    { cameraId: 'b', profile: 'main' },
    { cameraId: null, profile: 'main' },
    { cameraId: 'd', profile: 'main' },
  ],
};

describe('wall layout', () => {
  it('grows a wall keeping tiles in reading order, new tiles empty on the sub-stream', () => {
    const w = regrid(wall, 3);
    expect([w.rows, w.cols, w.tiles.length]).toEqual([3, 3, 9]);
    expect(w.tiles.slice(0, 4)).toEqual(wall.tiles);
    expect(w.tiles[8]).toEqual({ cameraId: null, profile: 'sub' });
  });
  it('shrinks a wall to its first tiles and leaves the input alone', () => {
    expect(regrid(wall, 1).tiles).toEqual([{ cameraId: 'a', profile: 'main' }]);
    expect(wall.tiles).toHaveLength(4);
  });
  it('uses the main stream only for walls of at most 2x2', () => {
    expect([defaultProfile(1, 1), defaultProfile(2, 2), defaultProfile(2, 3), defaultProfile(4, 4)]).toEqual(['main', 'main', 'sub', 'sub']);
  });
  it('assigns a camera to one tile, ignores an index off the wall', () => {
    expect(assignTile(wall, 2, 'c').tiles.map((t) => t.cameraId)).toEqual(['a', 'b', 'c', 'd']);
    expect(assignTile(wall, 1, null).tiles[1]).toEqual({ cameraId: null, profile: 'main' });
    expect(assignTile(wall, 4, 'x')).toBe(wall);
    expect(assignTile(wall, -1, 'x')).toBe(wall);
  });
});
