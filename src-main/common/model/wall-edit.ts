// Changes to a wall as pure functions, the same in the renderer and in main. None of them loses
// a camera by accident: a layout with fewer tiles keeps the cameras that no longer fit in the
// wall's overflow, in order, and they come back when the layout grows.
import type { Wall } from '../contract/walls.js';
import { isLargeCell, isUniform, type Layout } from './wall-layout.js';

type WallTile = Wall['tiles'][number];

const empty = (profile: WallTile['profile']): WallTile => ({ cameraId: null, profile });

/** Drops the empty tiles at the end: nothing to keep there. */
function trimEmptyEnd(tiles: WallTile[]): WallTile[] {
  let end = tiles.length;
  while (end > 0 && tiles[end - 1]!.cameraId === null) end--;
  return tiles.slice(0, end);
}

/**
 * The wall shown with another layout. Tiles keep their place in tile order; those beyond the new
 * layout's tiles are kept in `overflow`. Each tile starts on the stream its cell's size suggests.
 */
export function applyLayout(wall: Wall, layout: Layout): Wall {
  const all = trimEmptyEnd([...wall.tiles, ...(wall.overflow ?? [])]);
  const tiles = layout.cells.map((cell, i) => {
    const profile = isLargeCell(layout, cell) ? 'main' : 'sub';
    return { cameraId: all[i]?.cameraId ?? null, profile } satisfies WallTile;
  });
  const overflow = all.slice(layout.cells.length);
  const next: Wall = { id: wall.id, name: wall.name, rows: layout.rows, cols: layout.cols, tiles };
  if (!isUniform(layout)) next.cells = layout.cells.map((c) => ({ ...c }));
  if (overflow.length > 0) next.overflow = overflow;
  if (wall.tours) next.tours = wall.tours; // a tour on a tile beyond the layout waits for it to grow
  return next;
}

/** Cameras kept off screen because the layout is too small for them. */
export function overflowCameras(wall: Wall): string[] {
  return (wall.overflow ?? []).flatMap((t) => (t.cameraId ? [t.cameraId] : []));
}

/** The wall with `cameraId` (or nothing) on tile `index`; an index off the wall changes nothing. */
export function assignTile(wall: Wall, index: number, cameraId: string | null): Wall {
  if (index < 0 || index >= wall.tiles.length) return wall;
  return { ...wall, tiles: wall.tiles.map((t, i) => (i === index ? { ...t, cameraId } : t)) };
}

/** Two tiles exchange their cameras (drag one tile onto another); each tile keeps its stream size. */
export function swapTiles(wall: Wall, a: number, b: number): Wall {
  const n = wall.tiles.length;
  if (a === b || a < 0 || b < 0 || a >= n || b >= n) return wall;
  const tiles = wall.tiles.map((t) => ({ ...t }));
  [tiles[a]!.cameraId, tiles[b]!.cameraId] = [wall.tiles[b]!.cameraId, wall.tiles[a]!.cameraId];
  return { ...wall, tiles };
}

/** The wall without a camera anywhere (its tiles and its overflow), or the same wall if it was not there. */
export function removeCamera(wall: Wall, cameraId: string): Wall {
  const shown = wall.tiles.some((t) => t.cameraId === cameraId) || (wall.overflow ?? []).some((t) => t.cameraId === cameraId);
  if (!shown) return wall;
  const clear = (t: WallTile) => (t.cameraId === cameraId ? { ...t, cameraId: null } : t);
  const next: Wall = { ...wall, tiles: wall.tiles.map(clear) };
  const overflow = trimEmptyEnd((wall.overflow ?? []).map(clear));
  if (overflow.length > 0) next.overflow = overflow;
  else delete next.overflow;
  return next;
}

/** An empty wall with a layout (a new wall, or the first-run wall before the demo fills it). */
export function emptyWallWith(id: string, name: string, layout: Layout): Wall {
  return applyLayout({ id, name, rows: layout.rows, cols: layout.cols, tiles: layout.cells.map(() => empty('sub')) }, layout);
}
