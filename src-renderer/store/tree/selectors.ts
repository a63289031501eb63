import type { Store } from '../types.js';

/** One empty list, so a selector answers the same value while nothing is saved. */
const NONE: string[] = [];

export const treeSelectors = {
  mode: (s: Store) => s.treeMode,
  query: (s: Store) => s.treeQuery,
  collapsed: (s: Store) => s.treeCollapsed,
  favourites: (s: Store): string[] => s.settings?.favouriteCameras ?? NONE,
  recent: (s: Store): string[] => s.settings?.recentCameras ?? NONE,
  removeAsk: (s: Store) => s.treeRemoveAsk,
  removed: (s: Store) => s.treeRemoved,
  removeFailed: (s: Store) => s.treeRemoveFailed,
};
