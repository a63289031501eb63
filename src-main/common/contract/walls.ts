import { z } from 'zod';
import { Empty, Id } from './define.js';

export const WallTile = z.object({
  cameraId: Id.nullable(),
  profile: z.enum(['main', 'sub']),
});

export const Wall = z
  .object({
    id: Id,
    name: z.string().trim().min(1).max(64),
    rows: z.number().int().min(1).max(8),
    cols: z.number().int().min(1).max(8),
    tiles: z.array(WallTile).max(64),
  })
  .refine((w) => w.tiles.length === w.rows * w.cols, { message: 'tiles must fill rows x cols', path: ['tiles'] });
export type Wall = z.infer<typeof Wall>;

export const wallsChannels = {
  'sw:walls:list': { req: Empty, res: z.array(Wall) },
  'sw:walls:save': { req: Wall, res: Wall },
  /** The wall assigned to the display the calling window sits on. */
  'sw:walls:forWindow': { req: Empty, res: Wall },
} as const;

export const wallsEvents = {
  'sw:walls:onDidChange': z.array(Wall),
} as const;
