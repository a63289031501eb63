// Where each tile of the wall should sit for a layout, measured against what the page drew: the
// grid's box split into equal tracks with the grid's own gaps.
import type { Page } from '@playwright/test';
import type { Layout } from '../../src-main/common/model/wall-layout.js';

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** The rectangle of every wall cell in tile order, the grid's box and its gaps, as the page lays them out. */
export async function measureWall(page: Page): Promise<{ grid: Rect; rowGap: number; colGap: number; cells: Rect[] }> {
  return page.evaluate(() => {
    const grid = document.querySelector('[data-testid=wall-grid]')!;
    const style = getComputedStyle(grid);
    const box = (el: Element) => {
      const r = el.getBoundingClientRect();
      return { x: r.x, y: r.y, width: r.width, height: r.height };
    };
    const cells = [...grid.querySelectorAll('[data-testid=wall-cell]')].sort((a, b) => Number(a.getAttribute('data-index')) - Number(b.getAttribute('data-index')));
    return { grid: box(grid), rowGap: parseFloat(style.rowGap) || 0, colGap: parseFloat(style.columnGap) || 0, cells: cells.map(box) };
  });
}

/** The rectangle each cell of `layout` should cover inside `grid` (equal tracks, gaps between them). */
export function expectedCells(layout: Layout, grid: Rect, rowGap: number, colGap: number): Rect[] {
  const colW = (grid.width - (layout.cols - 1) * colGap) / layout.cols;
  const rowH = (grid.height - (layout.rows - 1) * rowGap) / layout.rows;
  return layout.cells.map((c) => ({
    x: grid.x + c.col * (colW + colGap),
    y: grid.y + c.row * (rowH + rowGap),
    width: c.colSpan * colW + (c.colSpan - 1) * colGap,
    height: c.rowSpan * rowH + (c.rowSpan - 1) * rowGap,
  }));
}

/** Cells whose drawn rectangle is off the expected one by more than `tolerance` px on any edge, described. */
export function geometryMismatches(drawn: Rect[], expected: Rect[], tolerance: number): string[] {
  if (drawn.length !== expected.length) return [`${drawn.length} cells drawn, ${expected.length} expected`];
  const off = (a: number, b: number) => Math.abs(a - b) > tolerance;
  return drawn.flatMap((d, i) => {
    const e = expected[i]!;
    const bad = off(d.x, e.x) || off(d.y, e.y) || off(d.x + d.width, e.x + e.width) || off(d.y + d.height, e.y + e.height);
    const f = (r: Rect) => `${r.x.toFixed(1)},${r.y.toFixed(1)} ${r.width.toFixed(1)}x${r.height.toFixed(1)}`;
    return bad ? [`tile ${i + 1}: drawn ${f(d)}, expected ${f(e)}`] : [];
  });
}
