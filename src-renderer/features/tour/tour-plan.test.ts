import { describe, expect, it } from 'vitest';
import { WallTours } from '@common/contract/tours.js';
import { applyLayout } from '@common/model/wall-edit.js';
import { presetLayout } from '@common/model/wall-layout.js';
import { tileTourOf, wallTourCamera, wallTourPages } from './tour-plan.js';

describe('tour plan', () => {
  const tour = { cameraIds: ['a', 'b', 'c', 'd', 'e'], dwellSec: 10 };

  it('pages a wall tour by the tile count; a short last page leaves tiles empty; steps wrap', () => {
    expect(wallTourPages(tour, 4)).toBe(2);
    expect([0, 1, 2, 3].map((tile) => wallTourCamera(tour, 4, tile, 0))).toEqual(['a', 'b', 'c', 'd']);
    expect([0, 1, 2, 3].map((tile) => wallTourCamera(tour, 4, tile, 1))).toEqual(['e', null, null, null]);
    expect(wallTourCamera(tour, 4, 1, 2)).toBe('b');
    expect(wallTourPages(tour, 9)).toBe(1);
  });

  it('finds the tour of a tile', () => {
    const tours = { tiles: [{ tile: 2, cameraIds: ['a', 'b'], dwellSec: 5 }] };
    expect(tileTourOf(tours, 2)?.cameraIds).toEqual(['a', 'b']);
    expect(tileTourOf(tours, 0)).toBeUndefined();
  });

  it('refuses two tours on one tile, one camera, and a dwell out of range', () => {
    const tile = { tile: 0, cameraIds: ['a', 'b'], dwellSec: 5 };
    expect(WallTours.safeParse({ tiles: [tile] }).success).toBe(true);
    expect(WallTours.safeParse({ tiles: [tile, tile] }).success).toBe(false);
    expect(WallTours.safeParse({ tiles: [{ ...tile, cameraIds: ['a'] }] }).success).toBe(false);
    expect(WallTours.safeParse({ tiles: [{ ...tile, dwellSec: 4 }] }).success).toBe(false);
    expect(WallTours.safeParse({ tiles: [], wall: { cameraIds: ['a'], dwellSec: 3601 } }).success).toBe(false);
  });

  it('a layout change keeps the wall\'s tours', () => {
    const tours = { tiles: [{ tile: 3, cameraIds: ['a', 'b'], dwellSec: 5 }], wall: { cameraIds: ['a'], dwellSec: 9 } };
    const wall = { id: 'w', name: 'Wall 1', rows: 2, cols: 2, tiles: Array.from({ length: 4 }, () => ({ cameraId: null, profile: 'sub' as const })), tours };
    expect(applyLayout(wall, presetLayout(1)).tours).toEqual(tours);
  });
});
