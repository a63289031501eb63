// Defaults for a first start, or after a corrupt file was moved aside. The renderer localizes
// the names of default walls itself (it recognises DEFAULT_WALL_ID).
import type { Settings } from '../common/contract/settings.js';
import type { Wall } from '../common/contract/walls.js';
import { CURRENT_SCHEMA_VERSION, type SkywallDoc } from './schema.js';

export const DEFAULT_WALL_ID = 'wall-1';

export function defaultSettings(): Settings {
  return { locale: 'zh-CN', displayWalls: {}, showTileStats: false };
}

export function emptyWall(id: string, name: string, rows: number, cols: number): Wall {
  const tiles = Array.from({ length: rows * cols }, () => ({ cameraId: null, profile: rows * cols > 1 ? ('sub' as const) : ('main' as const) }));
  return { id, name, rows, cols, tiles };
}

export function defaultWall(): Wall {
  return emptyWall(DEFAULT_WALL_ID, 'Wall 1', 2, 2);
}

export function defaultDocument(): SkywallDoc {
  return { schemaVersion: CURRENT_SCHEMA_VERSION, settings: defaultSettings(), devices: [], walls: [defaultWall()] };
}
