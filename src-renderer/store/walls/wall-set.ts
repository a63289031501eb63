// The walls slice's part for named walls and scenes (预案): which wall this window shows, and the
// calls that create, remove, show and recall walls. Main answers what a change replaced; the
// dialog keeps it for its 撤销.
import type { Wall } from '@common/contract/index.js';
import { wallsService } from '../../services/walls.js';
import type { Store } from '../types.js';
import type { WallsActions } from './actions-shape.js';

type Set = (partial: Partial<Store>) => void;
type Get = () => Store;
type WallSetActions = Pick<
  WallsActions,
  'setWallsDialogOpen' | 'showWall' | 'createWall' | 'renameWall' | 'removeWall' | 'saveScene' | 'putScene' | 'removeScene' | 'recallScene' | 'restoreWalls' | 'recallSceneNumbered' | 'undoSceneRecall' | 'dismissSceneUndo'
>;

/** Another wall on this window: its own selection, and the undo steps of the old wall no longer apply. */
export function shownWall(wall: Wall): Partial<Store> {
  return { wall, selectedTile: 0, maximisedTile: undefined, undoStack: [], undoNotice: undefined, removeAsk: undefined };
}

export function wallSetActions(set: Set, get: Get, rename: (name: string) => Promise<void>): WallSetActions {
  /** After a change made elsewhere (a recall, a removal), the wall main says this window shows. */
  const refresh = async (): Promise<void> => {
    const wall = await wallsService.forWindow();
    set(wall.id === get().wall?.id ? { wall } : shownWall(wall));
  };
  return {
    setWallsDialogOpen: (open) => set({ wallsDialogOpen: open }),
    async showWall(id) {
      set(shownWall(await wallsService.show(id)));
    },
    async createWall(name, copyOf) {
      const wall = await wallsService.create(name, copyOf);
      set(shownWall(await wallsService.show(wall.id)));
    },
    renameWall: rename,
    async removeWall(id) {
      const gone = await wallsService.remove(id);
      await refresh();
      return gone;
    },
    saveScene: (name) => wallsService.saveScene(name),
    async putScene(scene) {
      await wallsService.putScene(scene);
    },
    removeScene: (id) => wallsService.removeScene(id),
    async recallScene(id) {
      const before = await wallsService.recallScene(id);
      await refresh();
      return before;
    },
    async restoreWalls(snapshot, undoesRecallOf) {
      await wallsService.restore(undoesRecallOf !== undefined ? { ...snapshot, undoesRecallOf } : snapshot);
      await refresh();
    },
    async recallSceneNumbered(n) {
      const scene = get().scenes[n - 1];
      if (!scene) return;
      const before = await wallsService.recallScene(scene.id);
      await refresh();
      set({ sceneUndo: { id: scene.id, name: scene.name, before }, undoNotice: undefined });
    },
    async undoSceneRecall() {
      const undo = get().sceneUndo;
      if (!undo) return;
      set({ sceneUndo: undefined });
      await wallsService.restore({ ...undo.before, undoesRecallOf: undo.id });
      await refresh();
    },
    dismissSceneUndo: () => set({ sceneUndo: undefined }),
  };
}
