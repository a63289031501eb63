import type { Wall } from '@common/contract/index.js';
import { applyLayout, assignTile, swapTiles } from '@common/model/wall-edit.js';
import { layoutOf, neighbourCell } from '@common/model/wall-layout.js';
import { subscribeThenFetch, type Unsubscribe } from '../../services/sync.js';
import { wallsService } from '../../services/walls.js';
import type { SliceCreator } from '../types.js';
import type { WallsActions } from './actions-shape.js';
import { wallsInitialState, type WallUndo, type WallsState } from './initialState.js';
import { shownWall, wallSetActions } from './wall-set.js';

/** How many earlier versions of the wall undo can go back through. */
const UNDO_DEPTH = 20;

export const createWallsSlice: SliceCreator<WallsState & WallsActions> = (set, get) => {
  // Changes run one after another, each on the wall the previous one saved: two quick
  // double-clicks must not both edit the same old wall and lose the first camera.
  let queue: Promise<unknown> = Promise.resolve();
  function change(edit: (wall: Wall) => Wall, undo?: Omit<WallUndo, 'wall'>, extra: (saved: Wall) => Partial<WallsState> = () => ({})): Promise<void> {
    const run = async (): Promise<void> => {
      const before = get().wall;
      if (!before) return;
      const next = edit(before);
      if (next === before) return;
      const saved = await wallsService.save(next);
      const stack = undo ? [...get().undoStack, { ...undo, wall: before }].slice(-UNDO_DEPTH) : get().undoStack;
      set({ wall: saved, undoStack: stack, ...(undo && undo.kind !== 'assign' ? { undoNotice: undo } : {}), ...extra(saved) });
      clampSelection();
    };
    const done = queue.then(run, run);
    queue = done.catch(() => undefined);
    return done;
  }
  function clampSelection(): void {
    const { wall, selectedTile, maximisedTile } = get();
    if (!wall) return;
    const last = wall.tiles.length - 1;
    set({ selectedTile: Math.min(selectedTile, last), ...(maximisedTile !== undefined && maximisedTile > last ? { maximisedTile: undefined } : {}) });
  }

  return {
    ...wallsInitialState,

    async followWall() {
      const stopWall = await subscribeThenFetch(wallsService.onChange, wallsService.forWindow, {
        snapshot: (wall) => {
          set({ wall });
          clampSelection();
        },
        event: (walls) => {
          const mine = walls.find((w) => w.id === get().wall?.id);
          set(mine ? { walls, wall: mine } : { walls });
          clampSelection();
          // A scene recalled or a wall removed elsewhere may give this window another wall.
          void wallsService.forWindow().then(
            (wall) => wall.id !== get().wall?.id && set(shownWall(wall)),
            () => undefined,
          );
        },
      });
      // The list of walls and the scenes are extra choices: the wall works without them.
      const stopList = await subscribeThenFetch(wallsService.onChange, wallsService.list, {
        snapshot: (walls) => set({ walls }),
        event: () => undefined,
      }).catch((): Unsubscribe => () => undefined);
      const stopScenes = await subscribeThenFetch(wallsService.onScenesChange, wallsService.scenes, {
        snapshot: (scenes) => set({ scenes }),
        event: (scenes) => set({ scenes }),
      }).catch((): Unsubscribe => () => undefined);
      // Custom layouts are extra choices: the wall works without them.
      const stopLayouts = await subscribeThenFetch(wallsService.onLayoutsChange, wallsService.layouts, {
        snapshot: (customLayouts) => set({ customLayouts }),
        event: (customLayouts) => set({ customLayouts }),
      }).catch((): Unsubscribe => () => undefined);
      return () => {
        stopWall();
        stopList();
        stopScenes();
        stopLayouts();
      };
    },

    selectTile(index) {
      set({ selectedTile: index });
    },

    moveSelection(dir) {
      const wall = get().wall;
      if (!wall || get().maximisedTile !== undefined) return;
      set({ selectedTile: neighbourCell(layoutOf(wall), get().selectedTile, dir) });
    },

    setLayout: (layout) => {
      const named = layout.name !== undefined ? { name: layout.name } : {};
      return change((wall) => applyLayout(wall, layout), { kind: 'layout', n: layout.cells.length, ...named }, () => ({ maximisedTile: undefined }));
    },

    assignCamera(cameraId, index) {
      // The tile is the one selected when the operator acted, not when the change gets its turn.
      const at = index ?? get().selectedTile;
      set({ selectedTile: Math.min(at + 1, (get().wall?.tiles.length ?? 1) - 1) });
      return change((wall) => assignTile(wall, at, cameraId), { kind: 'assign' });
    },

    placeCameras(assignments, select) {
      if (assignments.length === 0) return Promise.resolve();
      set({ selectedTile: select });
      return change((wall) => assignments.reduce((w, [tile, cameraId]) => assignTile(w, tile, cameraId), wall), { kind: 'assign' });
    },

    swapTiles: (a, b) => change((wall) => swapTiles(wall, a, b), { kind: 'swap' }, () => ({ selectedTile: b })),

    askRemove(index) {
      const at = index ?? get().selectedTile;
      if (get().wall?.tiles[at]?.cameraId) set({ removeAsk: at });
    },

    async confirmRemove() {
      const at = get().removeAsk;
      set({ removeAsk: undefined });
      if (at === undefined) return;
      await change((wall) => assignTile(wall, at, null), { kind: 'remove', n: at + 1 });
    },

    cancelRemove() {
      set({ removeAsk: undefined });
    },

    undo() {
      const run = async (): Promise<void> => {
        const last = get().undoStack.at(-1);
        if (!last || !get().wall) return;
        const saved = await wallsService.save(last.wall);
        set({ wall: saved, undoStack: get().undoStack.slice(0, -1), undoNotice: undefined });
        clampSelection();
      };
      const done = queue.then(run, run);
      queue = done.catch(() => undefined);
      return done;
    },

    dismissUndo() {
      set({ undoNotice: undefined });
    },

    toggleMaximise(index) {
      const at = index ?? get().selectedTile;
      set(get().maximisedTile === at ? { maximisedTile: undefined } : { maximisedTile: at, selectedTile: at });
    },

    restore() {
      set({ maximisedTile: undefined });
    },

    setWallFullScreen(on) {
      set({ wallFullScreen: on });
    },

    setTours: (tours) =>
      change((wall) => {
        const { tours: _old, ...rest } = wall;
        return tours && (tours.tiles.length > 0 || tours.wall) ? { ...rest, tours } : rest;
      }),
    ...wallSetActions(set, get, (name) => change((wall) => ({ ...wall, name }))),
    setLayoutEditorOpen(open) {
      set({ layoutEditorOpen: open });
    },
    async saveCustomLayout(layout) {
      const saved = await wallsService.saveLayout(layout);
      set({ customLayouts: [...get().customLayouts.filter((l) => l.id !== saved.id), saved] });
      return saved;
    },
    async removeCustomLayout(id) {
      const gone = get().customLayouts.find((l) => l.id === id);
      await wallsService.removeLayout(id);
      set({ customLayouts: get().customLayouts.filter((l) => l.id !== id) });
      return gone;
    },
  };
};
