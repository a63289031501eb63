import type { Wall } from '@common/contract/index.js';

export interface WallsState {
  /** The wall this window shows. */
  wall?: Wall;
  selectedTile: number;
}

export const wallsInitialState: WallsState = { selectedTile: 0 };
