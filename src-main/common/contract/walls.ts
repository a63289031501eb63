import { z } from 'zod';
import { Empty, Id } from './define.js';
import { displayName } from './display-name.js';

export const WallTile = z.object({
  cameraId: Id.nullable(),
  profile: z.enum(['main', 'sub']),
});

const WallFields = {
  id: Id,
  name: z.string().trim().min(1).max(64),
  rows: z.number().int().min(1).max(8),
  cols: z.number().int().min(1).max(8),
  tiles: z.array(WallTile).max(64),
};
const fillsGrid = (w: { rows: number; cols: number; tiles: unknown[] }) => w.tiles.length === w.rows * w.cols;

/** A wall as stored and shown (names saved before the display-name rules are still readable). */
export const Wall = z.object(WallFields).refine(fillsGrid, { message: 'tiles must fill rows x cols', path: ['tiles'] });
export type Wall = z.infer<typeof Wall>;

/** A wall as the operator saves it: its name is checked like every display name. */
export const WallInput = z.object({ ...WallFields, name: displayName }).refine(fillsGrid, { message: 'tiles must fill rows x cols', path: ['tiles'] });

export const wallsChannels = {
  'sw:walls:list': { req: Empty, res: z.array(Wall) },
  'sw:walls:save': { req: WallInput, res: Wall },
  /** The wall assigned to the display the calling window sits on. */
  'sw:walls:forWindow': { req: Empty, res: Wall },
} as const;

export const wallsEvents = {
  'sw:walls:onDidChange': z.array(Wall),
} as const;
