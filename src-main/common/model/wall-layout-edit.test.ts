import { describe, expect, it } from 'vitest';
import { cellAt, mergeRect, rectBetween, resizeGrid, splitCell } from './wall-layout-edit.js';
import { layoutProblem, presetLayout, uniformLayout, type Layout, type LayoutCell } from './wall-layout.js';

const cell = (row: number, col: number, rowSpan = 1, colSpan = 1): LayoutCell => ({ row, col, rowSpan, colSpan });
const merged = (l: Layout | string): Layout => {
  if (typeof l === 'string') throw new Error(l);
  return l;
};

describe('drawing a custom layout', () => {
  it('a drag from either corner gives the same rectangle', () => {
    expect(rectBetween({ row: 2, col: 3 }, { row: 0, col: 1 })).toEqual(cell(0, 1, 3, 3));
  });

  it('merging a 2x2 block of a 4x4 gives one large tile first and twelve small ones, a valid layout', () => {
    const l = merged(mergeRect(uniformLayout(4), rectBetween({ row: 1, col: 1 }, { row: 2, col: 2 })));
    expect(l.cells).toHaveLength(13);
    expect(l.cells[0]).toEqual(cell(1, 1, 2, 2));
    expect(layoutProblem(l)).toBeUndefined();
    // The same as the 13 preset, drawn by hand.
    expect(l).toEqual(presetLayout(13));
  });

  it('a rectangle holding whole merged tiles swallows them; one cutting through a merged tile is refused', () => {
    const one = merged(mergeRect(uniformLayout(4), cell(0, 0, 2, 2)));
    const bigger = merged(mergeRect(one, cell(0, 0, 3, 3)));
    expect(bigger).toEqual(presetLayout(8));
    expect(mergeRect(one, cell(1, 1, 2, 2))).toBe('cuts_merged_cell');
    expect(mergeRect(one, cell(3, 3))).toBe('single_square');
  });

  it('splitting a merged tile gives its squares back, and the result stays valid', () => {
    const l = splitCell(presetLayout(6), 0);
    expect(l).toEqual(uniformLayout(3));
    expect(splitCell(uniformLayout(3), 4)).toEqual(uniformLayout(3));
  });

  it('changing the grid keeps merged tiles that still fit, fills the rest with squares, and caps at 8x8', () => {
    const l = resizeGrid(presetLayout(10), 3, 5);
    expect(l.cells.slice(0, 2)).toEqual([cell(0, 0, 2, 2), cell(0, 2, 2, 2)]);
    expect(layoutProblem(l)).toBeUndefined();
    expect(l.cells).toHaveLength(2 + 15 - 8);
    const small = resizeGrid(presetLayout(8), 2, 2);
    expect(small).toEqual(uniformLayout(2));
    expect([resizeGrid(small, 12, 0).rows, resizeGrid(small, 12, 0).cols]).toEqual([8, 1]);
  });

  it('finds the tile covering a square', () => {
    const l = presetLayout(13);
    expect([cellAt(l, 2, 2), cellAt(l, 0, 0), cellAt(l, 3, 3)]).toEqual([0, 1, 12]);
  });
});
