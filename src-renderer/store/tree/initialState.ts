import type { TreeMode } from './tree-types.js';

/** A camera or a whole device the operator asked to remove from the tree. */
export interface TreeRemoveTarget {
  kind: 'camera' | 'device';
  deviceId: string;
  /** The camera, for `camera`. */
  cameraId?: string;
  name: string;
  /** The cameras that leave with it (one for `camera`, every channel for `device`). */
  cameraIds: string[];
}

/** A confirmed removal, not yet sent to main while it can be undone. */
export interface PendingTreeRemoval {
  target: TreeRemoveTarget;
  /** The tiles its cameras were taken off, to put them back on undo. */
  tiles: [number, string][];
}

export interface TreeState {
  treeMode: TreeMode;
  treeQuery: string;
  /** Keys of the groups the operator closed (every group starts open). */
  treeCollapsed: string[];
  /** Waiting for the operator's confirmation. */
  treeRemoveAsk?: TreeRemoveTarget;
  treeRemoved?: PendingTreeRemoval;
  /** The removal main refused, worded by the view (the camera is shown again). */
  treeRemoveFailed?: { name: string; code: string };
}

export const treeInitialState: TreeState = { treeMode: 'device', treeQuery: '', treeCollapsed: [] };
