import type { CustomLayout, Scene, Wall, WallsSnapshot } from '@common/contract/index.js';

/** What an undo puts back, and how the notice offering it words the change. */
export interface WallUndo {
  wall: Wall;
  kind: 'layout' | 'remove' | 'swap' | 'assign';
  /** Tile count of the new layout, or the tile a camera left (1-based), for the notice. */
  n?: number;
  /** The name of the saved layout the wall changed to, for the notice. */
  name?: string;
}

export interface WallsState {
  /** The wall this window shows. */
  wall?: Wall;
  selectedTile: number;
  /** The tile shown over the whole wall (double-click, Enter), until restored (Esc). */
  maximisedTile?: number;
  /** The wall fills the screen: no header, no camera list (F11). */
  wallFullScreen: boolean;
  /** The tile whose camera the operator asked to remove, waiting for the confirmation. */
  removeAsk?: number;
  /** Earlier versions of this wall, newest last, for undo. */
  undoStack: WallUndo[];
  /** The last change that can be undone, offered in a notice until dismissed or replaced. */
  undoNotice?: Omit<WallUndo, 'wall'>;
  /** Layouts the operator drew and saved by name, listed beside the presets. */
  customLayouts: CustomLayout[];
  /** The custom layout editor is open. */
  layoutEditorOpen: boolean;
  /** Every wall, for the switcher (this window shows `wall`). */
  walls: Wall[];
  /** Scenes (预案): sets of walls saved by name. */
  scenes: Scene[];
  /** The walls and scenes dialog is open. */
  wallsDialogOpen: boolean;
  /** A scene recalled by its key, and what the recall replaced, offered for undo in the wall's notice. */
  sceneUndo?: { id: string; name: string; before: WallsSnapshot };
}

export const wallsInitialState: WallsState = { selectedTile: 0, wallFullScreen: false, undoStack: [], customLayouts: [], layoutEditorOpen: false, walls: [], scenes: [], wallsDialogOpen: false };
