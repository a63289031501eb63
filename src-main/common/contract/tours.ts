// Tours (轮巡) kept with the wall they run on: a tile tour cycles cameras through one tile, a wall
// tour cycles pages of cameras over every tile. Only the definitions are stored; where a running
// tour stands is the window's business (it starts from the first camera after a restart).
import { z } from 'zod';
import { Id } from './define.js';

/** Shortest and longest dwell on one camera (or page), seconds. */
export const TOUR_DWELL_MIN_S = 5;
export const TOUR_DWELL_MAX_S = 3600;

const DwellSec = z.number().int().min(TOUR_DWELL_MIN_S).max(TOUR_DWELL_MAX_S);

export const TileTour = z.object({
  /** The tile's index on the wall (0-based). */
  tile: z.number().int().min(0).max(63),
  cameraIds: z.array(Id).min(2).max(256),
  dwellSec: DwellSec,
});
export type TileTour = z.infer<typeof TileTour>;

/** Pages of the wall's tile count, in the order given; a short last page leaves its other tiles empty. */
export const WallTour = z.object({
  cameraIds: z.array(Id).min(1).max(1024),
  dwellSec: DwellSec,
});
export type WallTour = z.infer<typeof WallTour>;

export const WallTours = z
  .object({
    tiles: z.array(TileTour).max(64),
    wall: WallTour.optional(),
  })
  .superRefine((t, ctx) => {
    const seen = new Set<number>();
    for (const tour of t.tiles) {
      if (seen.has(tour.tile)) ctx.addIssue({ code: 'custom', message: `two tours on tile ${tour.tile}`, path: ['tiles'] });
      seen.add(tour.tile);
    }
  });
export type WallTours = z.infer<typeof WallTours>;
