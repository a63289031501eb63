// Drawing a custom layout: start from a plain grid, merge rectangles of squares into one tile,
// split a merged tile again, change the grid size. Pure functions, the same in the renderer (the
// editor) and in main (nothing stored that the editor could not have drawn).
import { MAX_GRID, uniformLayout, type Layout, type LayoutCell } from './wall-layout.js';

export type MergeProblem = 'cuts_merged_cell' | 'single_square';

/** The rectangle spanned by two squares (the corners of a drag), in either order. */
export function rectBetween(a: { row: number; col: number }, b: { row: number; col: number }): LayoutCell {
  const row = Math.min(a.row, b.row);
  const col = Math.min(a.col, b.col);
  return { row, col, rowSpan: Math.abs(a.row - b.row) + 1, colSpan: Math.abs(a.col - b.col) + 1 };
}

const inside = (c: LayoutCell, r: LayoutCell) => c.row >= r.row && c.col >= r.col && c.row + c.rowSpan <= r.row + r.rowSpan && c.col + c.colSpan <= r.col + r.colSpan;
const overlaps = (c: LayoutCell, r: LayoutCell) => c.row < r.row + r.rowSpan && r.row < c.row + c.rowSpan && c.col < r.col + r.colSpan && r.col < c.col + c.colSpan;
const isMerged = (c: LayoutCell) => c.rowSpan > 1 || c.colSpan > 1;
const byReading = (a: LayoutCell, b: LayoutCell) => a.row - b.row || a.col - b.col;

/** Tile order of a drawn layout: merged tiles first (the large ones, where the eye goes), then the rest, each in reading order. */
export function orderCells(cells: LayoutCell[]): LayoutCell[] {
  const merged = cells.filter(isMerged).sort(byReading);
  const single = cells.filter((c) => !isMerged(c)).sort(byReading);
  return [...merged, ...single];
}

/**
 * The layout with the squares of `rect` merged into one tile. A rectangle that cuts through a
 * merged tile is refused (it would leave part of that tile behind), as is a single square.
 */
export function mergeRect(layout: Layout, rect: LayoutCell): Layout | MergeProblem {
  if (rect.rowSpan * rect.colSpan < 2) return 'single_square';
  if (layout.cells.some((c) => overlaps(c, rect) && !inside(c, rect))) return 'cuts_merged_cell';
  const rest = layout.cells.filter((c) => !inside(c, rect));
  return { rows: layout.rows, cols: layout.cols, cells: orderCells([...rest, { ...rect }]) };
}

/** The layout with tile `index` split back into single squares. */
export function splitCell(layout: Layout, index: number): Layout {
  const cell = layout.cells[index];
  if (!cell || !isMerged(cell)) return layout;
  const squares = uniformLayout(layout.rows, layout.cols).cells.filter((s) => inside(s, cell));
  return { rows: layout.rows, cols: layout.cols, cells: orderCells([...layout.cells.filter((_, i) => i !== index), ...squares]) };
}

/** The layout on a grid of another size: merged tiles that still fit are kept, every other square is single. */
export function resizeGrid(layout: Layout, rows: number, cols: number): Layout {
  const r = Math.min(Math.max(1, Math.round(rows)), MAX_GRID);
  const c = Math.min(Math.max(1, Math.round(cols)), MAX_GRID);
  const kept = layout.cells.filter((cell) => isMerged(cell) && cell.row + cell.rowSpan <= r && cell.col + cell.colSpan <= c);
  const squares = uniformLayout(r, c).cells.filter((s) => !kept.some((k) => inside(s, k)));
  return { rows: r, cols: c, cells: orderCells([...kept, ...squares]) };
}

/** The tile (cell index) covering a grid square. */
export function cellAt(layout: Layout, row: number, col: number): number {
  return layout.cells.findIndex((c) => inside({ row, col, rowSpan: 1, colSpan: 1 }, c));
}
