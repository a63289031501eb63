// The tile's side of the device stream budget: it tells main what it would play and how much it
// matters (maximised, selected, size on screen), and hears whether main holds it to the sub-stream
// because its device is full. Main decides who moves (media/hub/budget-arbiter.ts).
import { useEffect, useRef, useState, type RefObject } from 'react';
import { onTileBudgetCap, sendTileWish } from '../../services/streams.js';

/** Sizes are sent in steps of this many CSS px a side: a window being dragged does not flood main. */
const SIZE_STEP_PX = 32;

export interface BudgetCap {
  /** This tile's id, sent with its stream opens. */
  viewer: string;
  /** Main holds this tile to the sub-stream: its device's budget is full. */
  capped: boolean;
}

export function useBudgetCap(tileRef: RefObject<HTMLElement | null>, wish: { wants: 'main' | 'sub'; selected: boolean; maximised: boolean }): BudgetCap {
  const viewer = useRef(`tile-${Math.random().toString(36).slice(2, 12)}`).current;
  const [capped, setCapped] = useState(false);
  const areaPx = useSteppedArea(tileRef);
  const { wants, selected, maximised } = wish;

  useEffect(() => onTileBudgetCap((c) => c.viewer === viewer && setCapped(c.capped)), [viewer]);
  useEffect(() => sendTileWish({ viewer, wants, selected, maximised, areaPx }), [viewer, wants, selected, maximised, areaPx]);
  useEffect(() => () => sendTileWish({ viewer, wants: 'sub', selected: false, maximised: false, areaPx: 0, gone: true }), [viewer]);
  return { viewer, capped: capped && wants === 'main' };
}

function useSteppedArea(ref: RefObject<HTMLElement | null>): number {
  const [area, setArea] = useState(0);
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const step = (v: number) => Math.round(v / SIZE_STEP_PX) * SIZE_STEP_PX;
    const ro = new ResizeObserver((entries) => {
      const r = entries[entries.length - 1]?.contentRect;
      if (r) setArea(step(r.width) * step(r.height));
    });
    ro.observe(el);
    return () => ro.disconnect();
  }, [ref]);
  return area;
}
