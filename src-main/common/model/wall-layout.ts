// Wall layout geometry, the same in the renderer and in main: a layout is a grid of rows x cols
// covered by cells, each cell one tile (a merged cell spans several grid squares). Tile numbers
// follow the order of `cells`.

/** One tile's rectangle on the layout's grid, in grid squares from the top left (0-based). */
export interface LayoutCell {
  row: number;
  col: number;
  rowSpan: number;
  colSpan: number;
}

export interface Layout {
  rows: number;
  cols: number;
  cells: LayoutCell[];
}

/** The largest grid a layout (preset or custom) may use. */
export const MAX_GRID = 8;

/** The preset tile counts, in the order the layout picker shows them. */
export const PRESET_COUNTS = [1, 4, 6, 8, 9, 10, 13, 16, 25, 36, 49, 64] as const;
export type PresetCount = (typeof PRESET_COUNTS)[number];

/** A square-free rows x cols grid, one cell per square, in reading order. */
export function uniformLayout(rows: number, cols: number = rows): Layout {
  const cells: LayoutCell[] = [];
  for (let row = 0; row < rows; row++) for (let col = 0; col < cols; col++) cells.push({ row, col, rowSpan: 1, colSpan: 1 });
  return { rows, cols, cells };
}

/**
 * A size x size grid with some merged cells: the merged ones come first (tile 1 is the large one,
 * where an operator looks first), then every square they leave free, in reading order.
 */
function withLarge(size: number, large: LayoutCell[]): Layout {
  const covered = (r: number, c: number) => large.some((l) => r >= l.row && r < l.row + l.rowSpan && c >= l.col && c < l.col + l.colSpan);
  const small = uniformLayout(size).cells.filter((s) => !covered(s.row, s.col));
  return { rows: size, cols: size, cells: [...large, ...small] };
}

/** The preset with `count` tiles: 6 = 1 large + 5, 8 = 1 + 7, 10 = 2 large + 8, 13 = 1 large centre + 12. */
export function presetLayout(count: PresetCount): Layout {
  switch (count) {
    case 6:
      return withLarge(3, [{ row: 0, col: 0, rowSpan: 2, colSpan: 2 }]);
    case 8:
      return withLarge(4, [{ row: 0, col: 0, rowSpan: 3, colSpan: 3 }]);
    case 10:
      return withLarge(4, [
        { row: 0, col: 0, rowSpan: 2, colSpan: 2 },
        { row: 0, col: 2, rowSpan: 2, colSpan: 2 },
      ]);
    case 13:
      return withLarge(4, [{ row: 1, col: 1, rowSpan: 2, colSpan: 2 }]);
    default:
      return uniformLayout(Math.round(Math.sqrt(count)));
  }
}

/** The layout a wall shows: its own cells when merged, else its uniform grid. */
export function layoutOf(wall: { rows: number; cols: number; cells?: LayoutCell[] | undefined }): Layout {
  return wall.cells ? { rows: wall.rows, cols: wall.cols, cells: wall.cells } : uniformLayout(wall.rows, wall.cols);
}

/** True when the layout is a plain grid, one cell per square in reading order (stored without cells). */
export function isUniform(layout: Layout): boolean {
  const plain = uniformLayout(layout.rows, layout.cols).cells;
  return layout.cells.length === plain.length && layout.cells.every((c, i) => sameCell(c, plain[i]!));
}

/** The preset this layout is, if any (same cells in the same order). */
export function presetOf(layout: Layout): PresetCount | undefined {
  return PRESET_COUNTS.find((n) => sameLayout(presetLayout(n), layout));
}

export function sameLayout(a: Layout, b: Layout): boolean {
  return a.rows === b.rows && a.cols === b.cols && a.cells.length === b.cells.length && a.cells.every((c, i) => sameCell(c, b.cells[i]!));
}

function sameCell(a: LayoutCell, b: LayoutCell): boolean {
  return a.row === b.row && a.col === b.col && a.rowSpan === b.rowSpan && a.colSpan === b.colSpan;
}

export type LayoutProblem = 'grid_too_large' | 'cell_outside' | 'cells_overlap' | 'squares_uncovered';

/**
 * Why a layout cannot be shown, or undefined when it can: every cell inside the grid, no two
 * cells overlapping, every square covered by exactly one cell.
 */
export function layoutProblem(layout: Layout): LayoutProblem | undefined {
  const { rows, cols, cells } = layout;
  if (rows < 1 || cols < 1 || rows > MAX_GRID || cols > MAX_GRID) return 'grid_too_large';
  const owner = new Array<number>(rows * cols).fill(-1);
  for (const [i, c] of cells.entries()) {
    if (c.row < 0 || c.col < 0 || c.rowSpan < 1 || c.colSpan < 1 || c.row + c.rowSpan > rows || c.col + c.colSpan > cols) return 'cell_outside';
    for (let r = c.row; r < c.row + c.rowSpan; r++)
      for (let k = c.col; k < c.col + c.colSpan; k++) {
        if (owner[r * cols + k] !== -1) return 'cells_overlap';
        owner[r * cols + k] = i;
      }
  }
  return owner.includes(-1) ? 'squares_uncovered' : undefined;
}

/** A cell is large when it covers at least a quarter of the wall: it starts on the main stream. */
export function isLargeCell(layout: Layout, cell: LayoutCell): boolean {
  return cell.rowSpan * cell.colSpan * 4 >= layout.rows * layout.cols;
}

/** The neighbouring cell from `index` in a direction (arrow keys), by the cells' centres; `index` if none. */
export function neighbourCell(layout: Layout, index: number, dir: 'up' | 'down' | 'left' | 'right'): number {
  const from = layout.cells[index];
  if (!from) return 0;
  const centre = (c: LayoutCell) => ({ x: c.col + c.colSpan / 2, y: c.row + c.rowSpan / 2 });
  const here = centre(from);
  let best = index;
  let bestScore = Infinity;
  for (const [i, c] of layout.cells.entries()) {
    if (i === index) continue;
    const p = centre(c);
    const along = dir === 'left' ? here.x - p.x : dir === 'right' ? p.x - here.x : dir === 'up' ? here.y - p.y : p.y - here.y;
    const across = dir === 'left' || dir === 'right' ? Math.abs(p.y - here.y) : Math.abs(p.x - here.x);
    const overlaps = dir === 'left' || dir === 'right' ? c.row < from.row + from.rowSpan && from.row < c.row + c.rowSpan : c.col < from.col + from.colSpan && from.col < c.col + c.colSpan;
    if (along <= 0) continue;
    // Cells in the same band come first, then the nearest along the direction.
    const score = (overlaps ? 0 : 1000) + along * 10 + across;
    if (score < bestScore) [best, bestScore] = [i, score];
  }
  return best;
}
