// What the slice offers, apart from its implementation, so the store type can name it without importing the slice.
import type { TreeRemoveTarget } from './initialState.js';
import type { TreeMode } from './tree-types.js';

export interface TreeActions {
  setTreeMode(mode: TreeMode): void;
  setTreeQuery(query: string): void;
  toggleTreeGroup(key: string): void;
  /** Adds the camera to the favourites, or takes it out (saved in settings). */
  toggleFavourite(cameraId: string): Promise<void>;
  /** Cameras that came onto the wall: first in recently viewed, newest first. */
  noteViewed(cameraIds: string[]): Promise<void>;
  askTreeRemove(target: TreeRemoveTarget): void;
  cancelTreeRemove(): void;
  /** Takes the cameras off the tree and their tiles; main removes them when the undo time is over. */
  confirmTreeRemove(): Promise<void>;
  /** Puts the cameras back in the tree and on their tiles. */
  undoTreeRemove(): Promise<void>;
  /** Sends the pending removal to main now (the undo notice closed). */
  finishTreeRemove(): Promise<void>;
  dismissTreeRemoveFailed(): void;
}
