// What the slice offers, apart from its implementation, so the store type can name it without importing the slice.
import type { TileReport } from './initialState.js';

export interface StreamsActions {
  /** A tile says what it shows now; undefined when it has no camera or went away. */
  reportTile(index: number, report: TileReport | undefined): void;
  /** The operator wants to correct the credentials of this device (from a tile that says they were refused). */
  askForCredentials(deviceId: string): void;
  /** The device editor took the request. */
  clearCredentialsRequest(): void;
  /** Sound from this tile only (turning another tile's sound on silences the one before); undefined silences all. */
  setAudibleTile(index: number | undefined): void;
}
