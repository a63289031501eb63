import type { SliceCreator } from '../types.js';
import type { StreamsActions } from './actions-shape.js';
import { streamsInitialState, type StreamsState, type TileReport } from './initialState.js';

const sameReport = (a: TileReport | undefined, b: TileReport | undefined): boolean =>
  a?.cameraId === b?.cameraId && a?.state === b?.state && a?.darkReason === b?.darkReason;

export const createStreamsSlice: SliceCreator<StreamsState & StreamsActions> = (set, get) => ({
  ...streamsInitialState,

  reportTile(index, report) {
    const tiles = get().tiles;
    if (sameReport(tiles[index], report)) return; // no store update, no re-render, for a repeated state
    const next = { ...tiles };
    if (report) next[index] = report;
    else delete next[index];
    set({ tiles: next });
  },

  askForCredentials(deviceId) {
    set({ credentialsRequest: { deviceId, at: Date.now() } });
  },

  clearCredentialsRequest() {
    set({ credentialsRequest: undefined });
  },

  setAudibleTile(index) {
    set({ audibleTile: index });
  },
});
