import type { Wall } from '../common/contract/index.js';
import { SkywallError } from '../common/model/errors.js';
import type { EventBus } from '../ipc/event-bus.js';
import type { Repository } from './ports.js';

/** Walls, and which wall each display shows (remembered per display key). */
export function createWallsService(repo: Repository, bus: EventBus) {
  const forDisplay = async (displayKey: string): Promise<Wall> => {
    const walls = repo.listWalls();
    const settings = repo.getSettings();
    const assigned = walls.find((w) => w.id === settings.displayWalls[displayKey]);
    if (assigned) return assigned;
    // A display seen for the first time gets the first wall no other display shows, else the first.
    const used = new Set(Object.values(settings.displayWalls));
    const wall = walls.find((w) => !used.has(w.id)) ?? walls[0];
    if (!wall) throw new SkywallError('not_found', 'no wall configured');
    await repo.updateSettings({ displayWalls: { ...settings.displayWalls, [displayKey]: wall.id } });
    return wall;
  };
  return {
    list: (): Wall[] => repo.listWalls(),
    async save(wall: Wall): Promise<Wall> {
      const saved = await repo.saveWall(wall);
      bus.emit('sw:walls:onDidChange', repo.listWalls());
      return saved;
    },
    forDisplay,
  };
}
