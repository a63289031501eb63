// Which rows of a fixed-height list are drawn: those in view plus a few on each side, so 1,000
// cameras cost the DOM about forty rows whatever the scroll position.

export interface WindowRange {
  start: number;
  /** One past the last row drawn. */
  end: number;
}

export function windowRange(count: number, rowHeight: number, scrollTop: number, viewHeight: number, overscan = 8): WindowRange {
  if (count <= 0 || rowHeight <= 0) return { start: 0, end: 0 };
  const first = Math.floor(Math.max(0, scrollTop) / rowHeight);
  const visible = Math.ceil(Math.max(0, viewHeight) / rowHeight) + 1;
  const start = Math.max(0, Math.min(first, count - 1) - overscan);
  const end = Math.min(count, first + visible + overscan);
  return { start, end };
}

/** The scroll position that shows row `index` with the least movement (keyboard moves). */
export function scrollToShow(index: number, rowHeight: number, scrollTop: number, viewHeight: number): number {
  const top = index * rowHeight;
  if (top < scrollTop) return top;
  if (top + rowHeight > scrollTop + viewHeight) return top + rowHeight - viewHeight;
  return scrollTop;
}
