// What the slice offers, apart from its implementation, so the store type can name it without importing the slice.
import type { Unsubscribe } from '../../services/sync.js';

export interface WallsActions {
  followWall(): Promise<Unsubscribe>;
  selectTile(index: number): void;
  /** Re-grids the wall as n x n, keeping the cameras of the first tiles. */
  setLayout(n: number): Promise<void>;
  /** Puts a camera (or nothing) on a tile, the selected one by default, and selects the next. */
  assignCamera(cameraId: string | null, index?: number): Promise<void>;
}
