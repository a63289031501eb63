// One clock for every tile of the window: a single timer, not one per tile (64 tiles).
import { useSyncExternalStore } from 'react';

const listeners = new Set<() => void>();
let now = Date.now();
let timer: ReturnType<typeof setTimeout> | undefined;

function tick(): void {
  now = Date.now();
  for (const l of listeners) l();
  // Aligned to the second boundary, so every tile's clock turns together.
  timer = setTimeout(tick, 1000 - (now % 1000));
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  if (!timer) timer = setTimeout(tick, 1000 - (Date.now() % 1000));
  return () => {
    listeners.delete(listener);
    if (listeners.size === 0 && timer) {
      clearTimeout(timer);
      timer = undefined;
    }
  };
}

/** Date.now() at the last whole second; re-renders the caller once a second. */
export function useClock(): number {
  return useSyncExternalStore(subscribe, () => now);
}

const two = (n: number) => String(n).padStart(2, '0');

/** 24-hour hh:mm:ss, as monitoring rooms read time. */
export function clockText(ms: number): string {
  const d = new Date(ms);
  return `${two(d.getHours())}:${two(d.getMinutes())}:${two(d.getSeconds())}`;
}

/** 24-hour hh:mm. */
export function hourMinuteText(ms: number): string {
  const d = new Date(ms);
  return `${two(d.getHours())}:${two(d.getMinutes())}`;
}
