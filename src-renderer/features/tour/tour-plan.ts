// What a tour puts on a tile at a step: pure, shared by the tiles and the tour driver.
import type { TileTour, WallTour, WallTours } from '@common/contract/tours.js';

/** Steps in a wall tour: pages of the wall's tile count. */
export function wallTourPages(tour: WallTour, tileCount: number): number {
  return Math.max(1, Math.ceil(tour.cameraIds.length / Math.max(1, tileCount)));
}

/** The camera a wall tour shows on `tile` at `step` (null: the last page is short). */
export function wallTourCamera(tour: WallTour, tileCount: number, tile: number, step: number): string | null {
  const page = step % wallTourPages(tour, tileCount);
  return tour.cameraIds[page * tileCount + tile] ?? null;
}

export function tileTourOf(tours: WallTours | undefined, tile: number): TileTour | undefined {
  return tours?.tiles.find((t) => t.tile === tile);
}

/** Tours are restarted when their definition changes: this key says whether it did. */
export function tourKey(tour: TileTour | WallTour): string {
  return `${tour.dwellSec}|${tour.cameraIds.join(',')}`;
}
