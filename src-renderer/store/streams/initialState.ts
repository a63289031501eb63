import type { StreamState } from '@common/contract/index.js';

/** What a tile reports of itself: enough for wall-wide views (how many live, which are dark). */
export interface TileReport {
  cameraId: string;
  state?: StreamState;
  /** Why the tile shows no picture (a codec this computer cannot decode, too many players). */
  darkReason?: string;
}

export interface StreamsState {
  /** By tile index; a tile without a camera has no entry. */
  tiles: Record<number, TileReport>;
}

export const streamsInitialState: StreamsState = { tiles: {} };
