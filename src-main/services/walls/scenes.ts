// Named walls and scenes (预案): creating, removing and showing walls per display, and saving the
// whole set of walls with the display mapping under a name to recall later. Every change is one
// atomic write of skywall.json; whatever a change replaces is answered, so the page can undo it.
import { randomUUID } from 'node:crypto';
import type { Scene, Wall, WallsRestore, WallsSnapshot } from '../../common/contract/index.js';
import { SkywallError } from '../../common/model/errors.js';
import type { EventBus } from '../../ipc/event-bus.js';
import type { SkywallStore } from '../../storage/index.js';
import { emptyWall } from '../../storage/defaults.js';
import type { AuditRecorder } from '../audit/service.js';

export interface WallSetService {
  create(name: string, copyOf?: string): Wall;
  remove(id: string): WallsSnapshot;
  show(displayKey: string, id: string): Wall;
  scenes(): Scene[];
  saveScene(name: string): { scene: Scene; replaced?: Scene };
  putScene(scene: Scene): Scene;
  removeScene(id: string): Scene;
  /** Puts the scene's walls and display mapping back and records the recall in the audit log. */
  recallScene(id: string): Promise<WallsSnapshot>;
  /** Puts walls and displays back; the undo of a scene recall is audited. */
  restore(snapshot: WallsRestore): Promise<WallsSnapshot>;
}

export function createWallSetService(store: SkywallStore, bus: EventBus, audit: AuditRecorder): WallSetService {
  store.onDidChange('scenes', (s) => bus.emit('sw:walls:onDidChangeScenes', s));
  const wallById = (id: string): Wall => {
    const wall = store.getWall(id);
    if (!wall) throw new SkywallError('not_found', 'no such wall', { id });
    return wall;
  };
  return {
    create(name, copyOf) {
      const id = `wall-${randomUUID()}`;
      const wall = copyOf ? { ...wallById(copyOf), id, name } : emptyWall(id, name, 2, 2);
      return store.saveWall(wall);
    },
    remove(id) {
      const wall = wallById(id);
      if (store.listWalls().length <= 1) throw new SkywallError('conflict', 'the last wall stays', { reason: 'last_wall' });
      const displays = Object.fromEntries(Object.entries(store.getSettings().displayWalls).filter(([, w]) => w === id));
      store.removeWall(id);
      return { walls: [wall], displays };
    },
    show(displayKey, id) {
      const wall = wallById(id);
      const settings = store.getSettings();
      store.updateSettings({ displayWalls: { ...settings.displayWalls, [displayKey]: id } });
      return wall;
    },
    scenes: () => store.listScenes(),
    saveScene(name) {
      const replaced = store.listScenes().find((s) => s.name === name);
      const scene = store.saveScene({ id: replaced?.id ?? `scene-${randomUUID()}`, name, displays: store.getSettings().displayWalls, walls: store.listWalls() });
      return replaced ? { scene, replaced } : { scene };
    },
    putScene: (scene) => store.saveScene(scene),
    removeScene(id) {
      const gone = store.removeScene(id);
      if (!gone) throw new SkywallError('not_found', 'no such scene', { id });
      return gone;
    },
    async recallScene(id) {
      const scene = store.listScenes().find((s) => s.id === id);
      if (!scene) throw new SkywallError('not_found', 'no such scene', { id });
      const replaced = store.applyWallsSnapshot({ displays: scene.displays, walls: scene.walls });
      // A recall rewrites many walls at once; one entry names the scene and what it put on screen.
      await audit.record({
        kind: 'wall.scene_recall',
        target: { id: scene.id, name: scene.name },
        details: { walls: scene.walls.map((w) => w.name), windows: Object.keys(scene.displays).length },
      });
      return replaced;
    },
    async restore({ undoesRecallOf, ...snapshot }) {
      const replaced = store.applyWallsSnapshot(snapshot);
      if (undoesRecallOf !== undefined) {
        // The scene may have been deleted since: the entry still names it by id.
        const name = store.listScenes().find((s) => s.id === undoesRecallOf)?.name;
        await audit.record({ kind: 'wall.scene_recall_undo', target: { id: undoesRecallOf, ...(name !== undefined ? { name } : {}) }, details: { walls: snapshot.walls.map((w) => w.name) } });
      }
      return replaced;
    },
  };
}
