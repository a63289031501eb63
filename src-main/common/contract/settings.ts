import { z } from 'zod';
import { Empty } from './define.js';

export const Locale = z.enum(['zh-CN', 'en']);
export type Locale = z.infer<typeof Locale>;

export const Settings = z.object({
  locale: Locale,
  /** display id (string form of Electron's display.id, or "host") -> wall id */
  displayWalls: z.record(z.string(), z.string()),
  showTileStats: z.boolean(),
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
