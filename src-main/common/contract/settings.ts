import { z } from 'zod';
import { Empty, Id } from './define.js';

export const Locale = z.enum(['zh-CN', 'en']);
export type Locale = z.infer<typeof Locale>;

export const MAX_FAVOURITE_CAMERAS = 500;
export const MAX_RECENT_CAMERAS = 30;

export const Settings = z.object({
  locale: Locale,
  /** display id (string form of Electron's display.id, or "host") -> wall id */
  displayWalls: z.record(z.string(), z.string()),
  showTileStats: z.boolean(),
  /** The camera tree's favourites, in the operator's order (absent: none yet). */
  favouriteCameras: z.array(Id).max(MAX_FAVOURITE_CAMERAS).optional(),
  /** Cameras put on a wall lately, newest first (absent: none yet). */
  recentCameras: z.array(Id).max(MAX_RECENT_CAMERAS).optional(),
});
export type Settings = z.infer<typeof Settings>;

export const SettingsPatch = Settings.partial().strict();

export const settingsChannels = {
  'sw:settings:get': { req: Empty, res: Settings },
  'sw:settings:update': { req: SettingsPatch, res: Settings },
} as const;

export const settingsEvents = {
  'sw:settings:onDidChange': Settings,
} as const;
