import type { Store } from '../types.js';

export const streamsSelectors = {
  tile: (s: Store, index: number) => s.tiles[index],
  /** Tiles with a camera that are playing now. */
  liveCount: (s: Store): number => Object.values(s.tiles).filter((t) => t.state === 'live').length,
  withCamera: (s: Store): number => Object.keys(s.tiles).length,
};
