import { assignTile, regrid } from '@common/model/wall-layout.js';
import { subscribeThenFetch } from '../../services/sync.js';
import { wallsService } from '../../services/walls.js';
import type { SliceCreator } from '../types.js';
import type { WallsActions } from './actions-shape.js';
import { wallsInitialState, type WallsState } from './initialState.js';


export const createWallsSlice: SliceCreator<WallsState & WallsActions> = (set, get) => ({
  ...wallsInitialState,

  followWall: () =>
    subscribeThenFetch(wallsService.onChange, wallsService.forWindow, {
      snapshot: (wall) => set({ wall }),
      event: (walls) => {
        const mine = walls.find((w) => w.id === get().wall?.id);
        if (mine) set({ wall: mine });
      },
    }),

  selectTile(index) {
    set({ selectedTile: index });
  },

  async setLayout(n) {
    const wall = get().wall;
    if (!wall) return;
    const saved = await wallsService.save(regrid(wall, n));
    set({ wall: saved, selectedTile: Math.min(get().selectedTile, saved.tiles.length - 1) });
  },

  async assignCamera(cameraId, index) {
    const wall = get().wall;
    if (!wall) return;
    const at = index ?? get().selectedTile;
    const saved = await wallsService.save(assignTile(wall, at, cameraId));
    set({ wall: saved, selectedTile: Math.min(at + 1, saved.tiles.length - 1) });
  },
});
