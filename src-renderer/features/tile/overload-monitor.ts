// One per window: every playing tile reports its players' rates each second, the detector
// (overload-detector.ts) says whether the page keeps up, and the tiles that are neither selected
// nor maximised ask for keyframes only while it does not. `?overload=keyframes` in the page's
// address holds the overload on (to check the mode and show it, whatever the machine).
import { useEffect, useSyncExternalStore } from 'react';
import type { PlayerStats } from '../../player/index.js';
import { OverloadDetector, type TileRates } from './overload-detector.js';

const SAMPLE_MS = 1000;

export class OverloadMonitor {
  private readonly detector = new OverloadDetector();
  private readonly rates = new Map<number, TileRates>();
  private readonly listeners = new Set<() => void>();
  private timer: ReturnType<typeof setInterval> | undefined;
  private overloaded: boolean;

  constructor(private readonly forced: boolean) {
    this.overloaded = forced;
  }

  get isOverloaded(): boolean {
    return this.overloaded;
  }

  /** A tile's latest rates; undefined when it plays nothing (or nothing this can judge). */
  report(index: number, rates: TileRates | undefined): void {
    if (rates) this.rates.set(index, rates);
    else this.rates.delete(index);
    if (this.forced) return;
    if (this.rates.size > 0 && !this.timer) this.timer = setInterval(() => this.sample(), SAMPLE_MS);
    if (this.rates.size === 0 && this.timer) {
      clearInterval(this.timer);
      this.timer = undefined;
    }
  }

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  private sample(): void {
    const next = this.detector.sample(performance.now(), [...this.rates.values()]);
    if (next === this.overloaded) return;
    this.overloaded = next;
    this.listeners.forEach((l) => l());
  }
}

function forcedByAddress(): boolean {
  return typeof location !== 'undefined' && new URLSearchParams(location.search).get('overload') === 'keyframes';
}

export const overloadMonitor = new OverloadMonitor(forcedByAddress());

/** True while the page cannot decode every tile at full rate. */
export function useOverloaded(): boolean {
  return useSyncExternalStore(overloadMonitor.subscribe, () => overloadMonitor.isOverloaded);
}

/** Reports this tile's rates whenever its player's stats change (about once a second). */
export function useReportRates(index: number, stats: PlayerStats | undefined): void {
  const judged = stats?.receivedFps !== undefined && stats.state === 'playing';
  const fps = judged ? stats.fps : 0;
  const receivedFps = judged ? (stats.receivedFps ?? 0) : 0;
  const keyframesOnly = stats?.keyframesOnly === true;
  useEffect(() => overloadMonitor.report(index, judged ? { fps, receivedFps, keyframesOnly } : undefined), [index, judged, fps, receivedFps, keyframesOnly]);
  useEffect(() => () => overloadMonitor.report(index, undefined), [index]);
}
