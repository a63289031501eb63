// Wall layout as pure functions, the same in the renderer and in main.
import type { Wall } from '../contract/walls.js';

type WallTile = Wall['tiles'][number];

/** Small tiles start on the sub-stream, large ones (1x1, 2x2) on the main stream. */
export function defaultProfile(rows: number, cols: number): WallTile['profile'] {
  return Math.max(rows, cols) > 2 ? 'sub' : 'main';
}

/** The wall re-gridded as rows x cols: tiles keep their place in reading order, new ones are empty. */
export function regrid(wall: Wall, rows: number, cols: number = rows): Wall {
  const profile = defaultProfile(rows, cols);
  const tiles = Array.from({ length: rows * cols }, (_, i) => wall.tiles[i] ?? { cameraId: null, profile });
  return { ...wall, rows, cols, tiles };
}

/** The wall with `cameraId` (or nothing) on tile `index`; an index off the wall changes nothing. */
export function assignTile(wall: Wall, index: number, cameraId: string | null): Wall {
  if (index < 0 || index >= wall.tiles.length) return wall;
  return { ...wall, tiles: wall.tiles.map((t, i) => (i === index ? { ...t, cameraId } : t)) };
}
