// Drawing a custom layout from the keyboard: a cursor moved by the arrows and a selection grown
// by Shift+arrows. A keyboard selection never cuts through a merged tile (it grows to hold the
// whole tile), so Enter can always merge what is shown selected.
import { cellAt } from './wall-layout-edit.js';
import type { Layout, LayoutCell } from './wall-layout.js';

export type Square = { row: number; col: number };
export type Direction = 'up' | 'down' | 'left' | 'right';
/** A selection as two opposite corners: `anchor` stays, `focus` moves (and is where the cursor is). */
export type KeySelection = { anchor: Square; focus: Square };

const STEP: Record<Direction, Square> = { up: { row: -1, col: 0 }, down: { row: 1, col: 0 }, left: { row: 0, col: -1 }, right: { row: 0, col: 1 } };

const clamp = (n: number, max: number) => Math.min(Math.max(n, 0), max - 1);
const overlaps = (c: LayoutCell, r: LayoutCell) => c.row < r.row + r.rowSpan && r.row < c.row + c.rowSpan && c.col < r.col + r.colSpan && r.col < c.col + c.colSpan;

/**
 * Where the cursor goes: the next square that way outside the tile it is on, so a merged tile is
 * crossed in one press. At the grid's edge it stays.
 */
export function stepCursor(layout: Layout, at: Square, dir: Direction): Square {
  const from = cellAt(layout, at.row, at.col);
  const { row: dr, col: dc } = STEP[dir];
  let next = at;
  for (;;) {
    const candidate = { row: next.row + dr, col: next.col + dc };
    if (candidate.row < 0 || candidate.col < 0 || candidate.row >= layout.rows || candidate.col >= layout.cols) return at;
    next = candidate;
    if (cellAt(layout, next.row, next.col) !== from) return next;
  }
}

/** The smallest rectangle holding `rect` that cuts through no merged tile. */
export function coverMerged(layout: Layout, rect: LayoutCell): LayoutCell {
  let r = rect;
  for (;;) {
    const cut = layout.cells.find((c) => overlaps(c, r) && !(c.row >= r.row && c.col >= r.col && c.row + c.rowSpan <= r.row + r.rowSpan && c.col + c.colSpan <= r.col + r.colSpan));
    if (!cut) return r;
    const row = Math.min(r.row, cut.row);
    const col = Math.min(r.col, cut.col);
    r = { row, col, rowSpan: Math.max(r.row + r.rowSpan, cut.row + cut.rowSpan) - row, colSpan: Math.max(r.col + r.colSpan, cut.col + cut.colSpan) - col };
  }
}

/**
 * The selection moved one square on the side away from its anchor (grown, or shrunk when that
 * side comes back towards the anchor), then grown to hold every merged tile it touches. When the
 * anchor and focus share a row or column, the anchor keeps the side the arrow points away from.
 */
export function extendSelection(layout: Layout, sel: KeySelection, dir: Direction): KeySelection {
  const { row: dr, col: dc } = STEP[dir];
  const start = coverMerged(layout, rectOf(sel));
  const anchorBottom = sel.focus.row < sel.anchor.row || (sel.focus.row === sel.anchor.row && dir === 'up');
  const anchorRight = sel.focus.col < sel.anchor.col || (sel.focus.col === sel.anchor.col && dir === 'left');
  const bottom = start.row + start.rowSpan - 1;
  const right = start.col + start.colSpan - 1;
  const anchor = { row: anchorBottom ? bottom : start.row, col: anchorRight ? right : start.col };
  const focus = { row: clamp((anchorBottom ? start.row : bottom) + dr, layout.rows), col: clamp((anchorRight ? start.col : right) + dc, layout.cols) };
  const grown = coverMerged(layout, rectOf({ anchor, focus }));
  const up = focus.row < anchor.row;
  const leftward = focus.col < anchor.col;
  const gBottom = grown.row + grown.rowSpan - 1;
  const gRight = grown.col + grown.colSpan - 1;
  return {
    anchor: { row: up ? gBottom : grown.row, col: leftward ? gRight : grown.col },
    focus: { row: up ? grown.row : gBottom, col: leftward ? grown.col : gRight },
  };
}

function rectOf({ anchor, focus }: KeySelection): LayoutCell {
  const row = Math.min(anchor.row, focus.row);
  const col = Math.min(anchor.col, focus.col);
  return { row, col, rowSpan: Math.abs(anchor.row - focus.row) + 1, colSpan: Math.abs(anchor.col - focus.col) + 1 };
}
