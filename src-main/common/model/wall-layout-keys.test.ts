import { describe, expect, it } from 'vitest';
import { mergeRect, rectBetween } from './wall-layout-edit.js';
import { coverMerged, extendSelection, stepCursor, type KeySelection } from './wall-layout-keys.js';
import { uniformLayout, type Layout } from './wall-layout.js';

const sq = (row: number, col: number) => ({ row, col });
const at = (row: number, col: number): KeySelection => ({ anchor: sq(row, col), focus: sq(row, col) });
/** A 4x4 with a 2x2 tile at rows 1-2, columns 1-2 (the 13 preset). */
const centre: Layout = mergeRect(uniformLayout(4), { row: 1, col: 1, rowSpan: 2, colSpan: 2 }) as Layout;

describe('drawing a layout from the keyboard', () => {
  it('the cursor moves one square at a time, crosses a merged tile in one press and stops at the edge', () => {
    const grid = uniformLayout(3);
    expect(stepCursor(grid, sq(0, 0), 'right')).toEqual(sq(0, 1));
    expect(stepCursor(grid, sq(0, 0), 'up')).toEqual(sq(0, 0));
    expect(stepCursor(grid, sq(2, 2), 'down')).toEqual(sq(2, 2));
    // From the left of the centre tile: onto it, then straight across it.
    expect(stepCursor(centre, sq(1, 0), 'right')).toEqual(sq(1, 1));
    expect(stepCursor(centre, sq(1, 1), 'right')).toEqual(sq(1, 3));
    expect(stepCursor(centre, sq(2, 2), 'up')).toEqual(sq(0, 2));
    // A merged tile against the edge: the cursor stays where it is.
    const corner = mergeRect(uniformLayout(2), { row: 0, col: 0, rowSpan: 2, colSpan: 2 }) as Layout;
    expect(stepCursor(corner, sq(0, 0), 'right')).toEqual(sq(0, 0));
  });

  it('a rectangle touching a merged tile grows to hold all of it', () => {
    expect(coverMerged(centre, { row: 0, col: 0, rowSpan: 2, colSpan: 2 })).toEqual({ row: 0, col: 0, rowSpan: 3, colSpan: 3 });
    expect(coverMerged(centre, { row: 0, col: 0, rowSpan: 1, colSpan: 4 })).toEqual({ row: 0, col: 0, rowSpan: 1, colSpan: 4 });
    expect(coverMerged(centre, { row: 2, col: 2, rowSpan: 1, colSpan: 1 })).toEqual({ row: 1, col: 1, rowSpan: 2, colSpan: 2 });
  });

  it('Shift+arrows grow the selection away from the anchor and shrink it back, on either side', () => {
    const grid = uniformLayout(4);
    let sel = extendSelection(grid, at(1, 1), 'right');
    expect(sel).toEqual({ anchor: sq(1, 1), focus: sq(1, 2) });
    sel = extendSelection(grid, sel, 'down');
    expect(rectBetween(sel.anchor, sel.focus)).toEqual({ row: 1, col: 1, rowSpan: 2, colSpan: 2 });
    sel = extendSelection(grid, sel, 'left');
    expect(sel).toEqual({ anchor: sq(1, 1), focus: sq(2, 1) });
    // Past the anchor: the selection now grows to the left of it.
    sel = extendSelection(grid, sel, 'left');
    expect(sel).toEqual({ anchor: sq(1, 1), focus: sq(2, 0) });
    // At the grid's edge nothing changes.
    expect(extendSelection(grid, sel, 'left')).toEqual(sel);
    // From a single square, Up grows upwards.
    expect(extendSelection(grid, at(2, 2), 'up')).toEqual({ anchor: sq(2, 2), focus: sq(1, 2) });
  });

  it('a selection reaching into a merged tile holds all of it, so what is shown selected can always be merged', () => {
    // Cursor on the centre tile: Shift+Right takes the whole tile and the column beside it.
    let sel = extendSelection(centre, at(1, 1), 'right');
    expect(rectBetween(sel.anchor, sel.focus)).toEqual({ row: 1, col: 1, rowSpan: 2, colSpan: 3 });
    // From the top-left square, down-right into the tile: rows 0-2, columns 0-2.
    sel = extendSelection(centre, extendSelection(centre, at(0, 0), 'right'), 'down');
    const rect = rectBetween(sel.anchor, sel.focus);
    expect(rect).toEqual({ row: 0, col: 0, rowSpan: 3, colSpan: 3 });
    expect(mergeRect(centre, rect)).not.toBeTypeOf('string');
    // Shrinking back into the tile cannot cut it: the selection stays whole.
    const shrunk = extendSelection(centre, sel, 'up');
    expect(rectBetween(shrunk.anchor, shrunk.focus)).toEqual(rect);
  });
});
