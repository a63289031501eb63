import { useCallback, useRef, useState, type PointerEvent as ReactPointerEvent, type WheelEvent as ReactWheelEvent } from 'react';

/** Digital zoom of a tile's picture: `scale` from 1 to MAX_ZOOM, the picture moved by (x, y) CSS px. */
export interface Zoom {
  scale: number;
  x: number;
  y: number;
}

export const MAX_ZOOM = 8;
const STEP = 1.25;
const NONE: Zoom = { scale: 1, x: 0, y: 0 };

/** Keeps the enlarged picture covering the tile: no empty edge can be dragged into view. */
export function clampZoom(z: Zoom, width: number, height: number): Zoom {
  const scale = Math.min(MAX_ZOOM, Math.max(1, z.scale));
  if (scale === 1) return NONE;
  return { scale, x: Math.min(0, Math.max(width * (1 - scale), z.x)), y: Math.min(0, Math.max(height * (1 - scale), z.y)) };
}

/** Zoom by `factor` about the point (px, py) of the tile: that point stays under the pointer. */
export function zoomAbout(z: Zoom, factor: number, px: number, py: number, width: number, height: number): Zoom {
  const scale = Math.min(MAX_ZOOM, Math.max(1, z.scale * factor));
  const k = scale / z.scale;
  return clampZoom({ scale, x: px - (px - z.x) * k, y: py - (py - z.y) * k }, width, height);
}

/**
 * Wheel zooms about the pointer, a drag pans the enlarged picture (not a PTZ camera: there the
 * wheel drives the lens). `style` goes on the element holding the videos.
 */
export function useDigitalZoom(enabled: boolean) {
  const [zoom, setZoom] = useState<Zoom>(NONE);
  const drag = useRef<{ x: number; y: number; from: Zoom } | undefined>(undefined);
  const onWheel = useCallback(
    (e: ReactWheelEvent<HTMLElement>) => {
      if (!enabled) return;
      const r = e.currentTarget.getBoundingClientRect();
      setZoom((z) => zoomAbout(z, e.deltaY < 0 ? STEP : 1 / STEP, e.clientX - r.left, e.clientY - r.top, r.width, r.height));
    },
    [enabled],
  );
  const onPointerDown = useCallback(
    (e: ReactPointerEvent<HTMLElement>) => {
      if (!enabled || zoom.scale === 1 || e.button !== 0) return;
      if ((e.target as Element).closest('button, input, [role=menu]')) return; // the tile's own controls, not a pan
      drag.current = { x: e.clientX, y: e.clientY, from: zoom };
      e.currentTarget.setPointerCapture?.(e.pointerId);
    },
    [enabled, zoom],
  );
  const onPointerMove = useCallback((e: ReactPointerEvent<HTMLElement>) => {
    const d = drag.current;
    if (!d) return;
    const r = e.currentTarget.getBoundingClientRect();
    setZoom(clampZoom({ ...d.from, x: d.from.x + e.clientX - d.x, y: d.from.y + e.clientY - d.y }, r.width, r.height));
  }, []);
  const onPointerUp = useCallback(() => {
    drag.current = undefined;
  }, []);
  const reset = useCallback(() => setZoom(NONE), []);
  /** 2x about the centre (from the menu, for tiles without a wheel gesture). */
  const zoomIn = useCallback((width: number, height: number) => setZoom((z) => zoomAbout(z, 2, width / 2, height / 2, width, height)), []);
  const style = zoom.scale === 1 ? undefined : { transform: `translate(${zoom.x}px, ${zoom.y}px) scale(${zoom.scale})`, transformOrigin: '0 0' };
  return { zoom, zoomed: zoom.scale > 1, style, onWheel, onPointerDown, onPointerMove, onPointerUp, reset, zoomIn };
}
