import type { Store } from '../types.js';

export const wallsSelectors = {
  wall: (s: Store) => s.wall,
  selectedTile: (s: Store) => s.selectedTile,
  /** "Wall 1" is the default name main gives; the view words it in the operator's language. */
  defaultNameNumber: (s: Store): string | undefined => (s.wall ? /^Wall (\d+)$/.exec(s.wall.name)?.[1] : undefined),
};
