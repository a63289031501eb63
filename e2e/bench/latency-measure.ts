// Capture-to-display measurement on one open wall page: waits until every tile shows readable
// pixel-clock frames, lets the players settle, then logs frames until enough are seen.
import type { FrameSample, ProbePage } from './probe-page.js';
import { percentile, sleep, summarize, type Summary } from './stats.js';

export interface LatencyResult {
  /** expectedDisplayTime - stamp, ms, one per readable frame. */
  display: Summary;
  /** presentationTime - stamp (frame handed to the compositor). */
  presented: Summary;
  displayValues: number[];
  /** Each readable frame: the stamp it carried and its display time. */
  readable: Array<{ tile: number; stamp: number; display: number }>;
  /** p50 capture-to-display per tile. */
  perTileP50: number[];
  /** p50 capture-to-display per 10 s of the window, in order (does delay build up?). */
  perTenSecondsP50: number[];
  /** Readable frames seen, and frames whose clock could not be read. */
  frames: number;
  unreadable: number;
  /** Readable frames per tile. */
  perTile: number[];
  seconds: number;
  /** Frames seen / frames sent (tiles x fps x seconds). */
  shownRatio: number;
}

export interface MeasureOptions {
  tiles: number;
  fps: number;
  warmupSeconds: number;
  minSeconds: number;
  minFrames: number;
  /** Gives up on tiles that show nothing after this long. */
  startTimeoutMs?: number;
  /** Describes why tiles are not playing (e.g. their data-state), for the error message. */
  diagnose?: () => Promise<string>;
  /** Called when the measuring window opens and closes (e.g. to cut the source's own figures to it). */
  window?: { open(): void; close(): void };
}

export async function waitForAllTiles(p: ProbePage, o: MeasureOptions): Promise<void> {
  const seen = new Set<number>();
  const deadline = Date.now() + (o.startTimeoutMs ?? 30_000);
  while (seen.size < o.tiles) {
    for (const s of await p.take()) if (s.stamp !== null) seen.add(s.tile);
    if (Date.now() > deadline) {
      const missing = Array.from({ length: o.tiles }, (_, i) => i).filter((i) => !seen.has(i));
      const why = o.diagnose ? ` (${await o.diagnose()})` : '';
      throw new Error(`tiles ${missing.join(',')} showed no readable pixel-clock frame within ${(o.startTimeoutMs ?? 30_000) / 1000} s${why}`);
    }
    await sleep(250);
  }
}

export async function measureLatency(p: ProbePage, o: MeasureOptions): Promise<LatencyResult> {
  await waitForAllTiles(p, o);
  await sleep(o.warmupSeconds * 1000);
  await p.take(); // drop what the players showed while settling
  o.window?.open();
  const started = Date.now();
  const samples: FrameSample[] = [];
  const maxMs = Math.max(o.minSeconds * 4, 120) * 1000;
  for (;;) {
    await sleep(500);
    samples.push(...(await p.take()));
    const readable = samples.filter((s) => s.stamp !== null).length;
    const elapsed = Date.now() - started;
    if ((readable >= o.minFrames && elapsed >= o.minSeconds * 1000) || elapsed > maxMs) break;
  }
  o.window?.close();
  const seconds = (Date.now() - started) / 1000;
  return latencyFromSamples(samples, o.tiles, o.fps, seconds);
}

function byTenSeconds(readable: ReadonlyArray<{ stamp: number; display: number }>): number[] {
  if (readable.length === 0) return [];
  const first = Math.min(...readable.map((s) => s.stamp));
  const buckets: number[][] = [];
  for (const s of readable) (buckets[Math.floor((s.stamp - first) / 10_000)] ??= []).push(s.display - s.stamp);
  return [...buckets].map((b) => percentile(b ?? [], 50));
}

export function latencyFromSamples(samples: readonly FrameSample[], tiles: number, fps: number, seconds: number): LatencyResult {
  const readable = samples.filter((s): s is FrameSample & { stamp: number } => s.stamp !== null);
  const displayValues = readable.map((s) => s.display - s.stamp);
  const perTile = Array.from({ length: tiles }, () => 0);
  for (const s of readable) if (s.tile >= 0 && s.tile < tiles) perTile[s.tile]++;
  return {
    display: summarize(displayValues),
    presented: summarize(readable.map((s) => s.presented - s.stamp)),
    displayValues,
    readable: readable.map((s) => ({ tile: s.tile, stamp: s.stamp, display: s.display })),
    perTileP50: perTile.map((_, t) => percentile(readable.filter((s) => s.tile === t).map((s) => s.display - s.stamp), 50)),
    perTenSecondsP50: byTenSeconds(readable),
    frames: readable.length,
    unreadable: samples.length - readable.length,
    perTile,
    seconds,
    shownRatio: readable.length / (tiles * fps * seconds),
  };
}
