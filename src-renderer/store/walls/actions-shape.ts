// What the slice offers, apart from its implementation, so the store type can name it without importing the slice.
import type { WallTours } from '@common/contract/tours.js';
import type { CustomLayout, Scene, WallsSnapshot } from '@common/contract/index.js';
import type { Layout } from '@common/model/wall-layout.js';
import type { Unsubscribe } from '../../services/sync.js';

export type Direction = 'up' | 'down' | 'left' | 'right';

export interface WallsActions {
  followWall(): Promise<Unsubscribe>;
  selectTile(index: number): void;
  /** Moves the selection to the neighbouring tile (arrow keys). */
  moveSelection(dir: Direction): void;
  /** Shows the wall with another layout; cameras that no longer fit are kept, and it can be undone. */
  setLayout(layout: Layout & { name?: string }): Promise<void>;
  /** Puts a camera (or nothing) on a tile, the selected one by default, and selects the next. */
  assignCamera(cameraId: string | null, index?: number): Promise<void>;
  /** Puts cameras on tiles as [tile, camera] pairs (a drop, number entry), in one change; selects `select`. */
  placeCameras(assignments: [number, string][], select: number): Promise<void>;
  /** Two tiles exchange their cameras (a tile dragged onto another). */
  swapTiles(a: number, b: number): Promise<void>;
  /** Asks before removing the camera from a tile (the selected one by default). */
  askRemove(index?: number): void;
  confirmRemove(): Promise<void>;
  cancelRemove(): void;
  /** Puts the wall back as it was before the last change. */
  undo(): Promise<void>;
  dismissUndo(): void;
  /** Maximises a tile within the wall, or restores it if it is the maximised one. */
  toggleMaximise(index?: number): void;
  restore(): void;
  setWallFullScreen(on: boolean): void;
  /** Stores the wall's tours (tile tours and the wall tour); undefined removes them all. */
  setTours(tours: WallTours | undefined): Promise<void>;
  setLayoutEditorOpen(open: boolean): void;
  /** Saves a drawn layout by name (main refuses a name another layout has). */
  saveCustomLayout(layout: CustomLayout): Promise<CustomLayout>;
  /** Removes a saved layout; the answer is what was removed, to put back with saveCustomLayout. */
  removeCustomLayout(id: string): Promise<CustomLayout | undefined>;
  setWallsDialogOpen(open: boolean): void;
  /** This window shows another wall from now on. */
  showWall(id: string): Promise<void>;
  /** A new wall (empty, or a copy of another) shown in this window. */
  createWall(name: string, copyOf?: string): Promise<void>;
  renameWall(name: string): Promise<void>;
  /** Removes a wall; the answer is the wall and the displays that showed it, for undo with restoreWalls. */
  removeWall(id: string): Promise<WallsSnapshot>;
  saveScene(name: string): Promise<{ scene: Scene; replaced?: Scene }>;
  putScene(scene: Scene): Promise<void>;
  removeScene(id: string): Promise<Scene>;
  /** Shows a scene on every display; the answer is what it replaced, for undo with restoreWalls. */
  recallScene(id: string): Promise<WallsSnapshot>;
  /** Puts walls back; `undoesRecallOf` when this undoes that scene's recall (main audits it). */
  restoreWalls(snapshot: WallsSnapshot, undoesRecallOf?: string): Promise<void>;
  /** Recalls the scene numbered n (1-based, in list order) from the keyboard; undone from the wall's notice. */
  recallSceneNumbered(n: number): Promise<void>;
  undoSceneRecall(): Promise<void>;
  dismissSceneUndo(): void;
}
