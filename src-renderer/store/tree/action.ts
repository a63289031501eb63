import { MAX_FAVOURITE_CAMERAS, MAX_RECENT_CAMERAS } from '@common/contract/settings.js';
import { ContractError } from '../../services/bridge.js';
import { devicesService } from '../../services/devices.js';
import type { SliceCreator } from '../types.js';
import type { TreeActions } from './actions-shape.js';
import { treeInitialState, type PendingTreeRemoval, type TreeState } from './initialState.js';

/** How long a removal can be undone before main is told. */
export const TREE_UNDO_MS = 10_000;

export const createTreeSlice: SliceCreator<TreeState & TreeActions> = (set, get) => {
  let commitTimer: ReturnType<typeof setTimeout> | undefined;

  /** True when main removed it; a refusal is reported and the removal undone. */
  const send = async (pending: PendingTreeRemoval): Promise<boolean> => {
    const { target } = pending;
    try {
      if (target.kind === 'device') {
        await get().removeDevice(target.deviceId);
        return true;
      }
      const device = get().devices.find((d) => d.id === target.deviceId);
      if (!device) return true;
      await devicesService.update({ id: device.id, cameras: device.cameras.filter((c) => c.id !== target.cameraId) });
      return true;
    } catch (e) {
      set({ treeRemoveFailed: { name: target.name, code: e instanceof ContractError ? e.code : 'internal' } });
      return false;
    }
  };

  const putBack = async (pending: PendingTreeRemoval): Promise<void> => {
    const selected = get().selectedTile;
    for (const [i, cameraId] of pending.tiles) {
      // A tile the operator filled meanwhile keeps its new camera.
      if (get().wall?.tiles[i]?.cameraId === null) await get().assignCamera(cameraId, i);
    }
    get().selectTile(selected);
  };

  const finish = async (): Promise<void> => {
    clearTimeout(commitTimer);
    commitTimer = undefined;
    const pending = get().treeRemoved;
    if (!pending) return;
    const removed = await send(pending);
    if (get().treeRemoved === pending) set({ treeRemoved: undefined });
    if (!removed) await putBack(pending);
  };

  return {
    ...treeInitialState,

    setTreeMode: (treeMode) => set({ treeMode }),
    setTreeQuery: (treeQuery) => set({ treeQuery }),
    toggleTreeGroup(key) {
      const collapsed = get().treeCollapsed;
      set({ treeCollapsed: collapsed.includes(key) ? collapsed.filter((k) => k !== key) : [...collapsed, key] });
    },

    async toggleFavourite(cameraId) {
      const now = get().settings?.favouriteCameras ?? [];
      const next = now.includes(cameraId) ? now.filter((id) => id !== cameraId) : [...now, cameraId].slice(-MAX_FAVOURITE_CAMERAS);
      await get().patchSettings({ favouriteCameras: next });
    },

    async noteViewed(cameraIds) {
      if (cameraIds.length === 0) return;
      const now = get().settings?.recentCameras ?? [];
      const fresh = [...new Set(cameraIds)].reverse();
      const next = [...fresh, ...now.filter((id) => !fresh.includes(id))].slice(0, MAX_RECENT_CAMERAS);
      if (next.join() !== now.join()) await get().patchSettings({ recentCameras: next });
    },

    askTreeRemove: (target) => set({ treeRemoveAsk: target }),
    cancelTreeRemove: () => set({ treeRemoveAsk: undefined }),

    async confirmTreeRemove() {
      const target = get().treeRemoveAsk;
      if (!target) return;
      // One removal waits at a time: an earlier one is sent now, as if its notice had closed.
      await finish();
      const leaving = new Set(target.cameraIds);
      const tiles: [number, string][] = [];
      (get().wall?.tiles ?? []).forEach((t, i) => {
        if (t.cameraId && leaving.has(t.cameraId)) tiles.push([i, t.cameraId]);
      });
      set({ treeRemoveAsk: undefined, treeRemoved: { target, tiles } });
      const selected = get().selectedTile;
      for (const [i] of tiles) await get().assignCamera(null, i);
      get().selectTile(selected);
      commitTimer = setTimeout(() => void finish(), TREE_UNDO_MS);
    },

    async undoTreeRemove() {
      const pending = get().treeRemoved;
      if (!pending) return;
      clearTimeout(commitTimer);
      commitTimer = undefined;
      set({ treeRemoved: undefined });
      await putBack(pending);
    },

    finishTreeRemove: finish,
    dismissTreeRemoveFailed: () => set({ treeRemoveFailed: undefined }),
  };
};
