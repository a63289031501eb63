import type { z } from 'zod';
import type { CustomLayout, Wall } from '../../common/contract/index.js';
import { SkywallError } from '../../common/model/errors.js';
import type { EventBus } from '../../ipc/event-bus.js';
import type { SkywallStore } from '../../storage/index.js';
import type { AuditRecorder } from '../audit/service.js';

export interface WallsService {
  list(): Wall[];
  save(wall: z.output<typeof Wall>): Promise<Wall>;
  /** The wall the display shows (Electron's display id, or "host"). */
  forDisplay(displayKey: string): Wall;
  layouts(): CustomLayout[];
  saveLayout(layout: CustomLayout): CustomLayout;
  removeLayout(id: string): void;
}

/** Walls and which display shows which; every change is published to all windows and audited. */
export function createWallsService(store: SkywallStore, bus: EventBus, audit: AuditRecorder): WallsService {
  store.onDidChange('walls', (w) => bus.emit('sw:walls:onDidChange', w));
  store.onDidChange('layouts', (l) => bus.emit('sw:walls:onDidChangeLayouts', l));
  return {
    list: () => store.listWalls(),
    async save(wall) {
      const saved = store.saveWall(wall);
      const cameras = saved.tiles.map((t) => t.cameraId).filter((id): id is string => id !== null);
      await audit.record({ kind: 'wall.save', target: { id: saved.id, name: saved.name }, details: { rows: saved.rows, cols: saved.cols, cameras } });
      return saved;
    },
    forDisplay: (displayKey) => wallForDisplay(store, displayKey),
    layouts: () => store.listLayouts(),
    saveLayout: (layout) => store.saveLayout(layout),
    removeLayout(id) {
      if (!store.removeLayout(id)) throw new SkywallError('not_found', 'no such layout', { id });
    },
  };
}

/** Which wall a display shows; remembered per display key (Electron's display id, or "host"). */
export function wallForDisplay(store: SkywallStore, displayKey: string): Wall {
  const walls = store.listWalls();
  const settings = store.getSettings();
  const assigned = walls.find((w) => w.id === settings.displayWalls[displayKey]);
  if (assigned) return assigned;
  // A display seen for the first time gets the first wall no other display shows, else the first.
  const used = new Set(Object.values(settings.displayWalls));
  const wall = walls.find((w) => !used.has(w.id)) ?? walls[0];
  if (!wall) throw new SkywallError('not_found', 'no wall configured');
  store.updateSettings({ displayWalls: { ...settings.displayWalls, [displayKey]: wall.id } });
  return wall;
}
