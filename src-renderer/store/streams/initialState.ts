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
  /**
   * A tile whose credentials were refused asks for the device's user name and password to be
   * edited; the device editor opens on it. `at` tells a repeated request from the old one.
   */
  credentialsRequest: { deviceId: string; at: number } | undefined;
  /** The one tile whose sound plays (an operator hears one camera at a time); undefined: all silent. */
  audibleTile: number | undefined;
}

export const streamsInitialState: StreamsState = { tiles: {}, credentialsRequest: undefined, audibleTile: undefined };
