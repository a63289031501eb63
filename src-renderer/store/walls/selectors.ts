import type { CustomLayout } from '@common/contract/index.js';
import { layoutOf, presetOf, sameLayout, type PresetCount } from '@common/model/wall-layout.js';
import { overflowCameras } from '@common/model/wall-edit.js';
import type { Store } from '../types.js';

export const wallsSelectors = {
  wall: (s: Store) => s.wall,
  selectedTile: (s: Store) => s.selectedTile,
  maximisedTile: (s: Store) => s.maximisedTile,
  wallFullScreen: (s: Store) => s.wallFullScreen,
  removeAsk: (s: Store) => s.removeAsk,
  undoNotice: (s: Store) => s.undoNotice,
  canUndo: (s: Store) => s.undoStack.length > 0,
  /** The preset the wall shows (its tile count), if it shows one. */
  preset: (s: Store): PresetCount | undefined => (s.wall ? presetOf(layoutOf(s.wall)) : undefined),
  customLayouts: (s: Store) => s.customLayouts,
  walls: (s: Store) => s.walls,
  scenes: (s: Store) => s.scenes,
  wallsDialogOpen: (s: Store) => s.wallsDialogOpen,
  sceneUndo: (s: Store) => s.sceneUndo,
  layoutEditorOpen: (s: Store) => s.layoutEditorOpen,
  /** The saved custom layout the wall shows, if it shows one. */
  customLayout: (s: Store): CustomLayout | undefined => {
    const wall = s.wall;
    if (!wall) return undefined;
    const shown = layoutOf(wall);
    return s.customLayouts.find((l) => sameLayout(l, shown));
  },
  /** How many cameras wait off screen for a larger layout. */
  overflowCount: (s: Store): number => (s.wall ? overflowCameras(s.wall).length : 0),
  /** The camera with this number (1-based, in camera list order), for number entry from the keyboard. */
  cameraNumbered: (s: Store, n: number): string | undefined => s.devices.flatMap((d) => d.cameras)[n - 1]?.id,
  /** "Wall 1" is the default name main gives; the view words it in the operator's language. */
  defaultNameNumber: (s: Store): string | undefined => (s.wall ? /^Wall (\d+)$/.exec(s.wall.name)?.[1] : undefined),
};
