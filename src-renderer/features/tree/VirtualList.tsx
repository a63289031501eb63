// A list that draws only the rows in view (fixed row height). The container scrolls; a spacer
// of the full height keeps the scroll bar true, and the drawn rows sit at their offsets.
import { useEffect, useLayoutEffect, useRef, useState, type KeyboardEvent, type ReactNode } from 'react';
import { scrollToShow, windowRange } from './window-range.js';

interface Props<Row> {
  rows: readonly Row[];
  rowHeight: number;
  rowKey(row: Row): string;
  renderRow(row: Row, index: number): ReactNode;
  /** The row the keyboard is on; kept in view. */
  activeIndex?: number;
  onKeyDown?(e: KeyboardEvent<HTMLDivElement>): void;
  label: string;
  testId?: string;
  activeId?: string;
  /** A new value starts the list at its top again (another grouping, another search). */
  resetKey?: string;
}

export function VirtualList<Row>({ rows, rowHeight, rowKey, renderRow, activeIndex, onKeyDown, label, testId, activeId, resetKey }: Props<Row>) {
  const ref = useRef<HTMLDivElement>(null);
  const [scrollTop, setScrollTop] = useState(0);
  const [viewHeight, setViewHeight] = useState(600);

  useLayoutEffect(() => {
    const el = ref.current;
    if (!el) return;
    setViewHeight(el.clientHeight);
    const observer = new ResizeObserver(() => setViewHeight(el.clientHeight));
    observer.observe(el);
    return () => observer.disconnect();
  }, []);

  useLayoutEffect(() => {
    const el = ref.current;
    if (!el) return;
    el.scrollTop = 0;
    setScrollTop(0);
  }, [resetKey]);

  useEffect(() => {
    const el = ref.current;
    if (!el || activeIndex === undefined || activeIndex < 0) return;
    const next = scrollToShow(activeIndex, rowHeight, el.scrollTop, el.clientHeight);
    if (next !== el.scrollTop) el.scrollTop = next;
  }, [activeIndex, rowHeight]);

  const { start, end } = windowRange(rows.length, rowHeight, scrollTop, viewHeight);
  const drawn: ReactNode[] = [];
  for (let i = start; i < end; i++) {
    const row = rows[i];
    drawn.push(
      <div key={rowKey(row)} className="sw-vrow" style={{ top: i * rowHeight, height: rowHeight }}>
        {renderRow(row, i)}
      </div>,
    );
  }
  return (
    <div
      ref={ref}
      className="sw-vlist"
      role="tree"
      aria-label={label}
      aria-activedescendant={activeId}
      tabIndex={0}
      data-testid={testId}
      onScroll={(e) => setScrollTop(e.currentTarget.scrollTop)}
      onKeyDown={onKeyDown}
    >
      <div className="sw-vlist-space" style={{ height: rows.length * rowHeight }}>
        {drawn}
      </div>
    </div>
  );
}
