// In-page readout of the pixel clock: for each watched <video>, every presented frame
// (requestVideoFrameCallback) is copied (clock band only, shrunk) to a small canvas, decoded and
// logged with its display time on the wall clock. Bundled into the benchmark pages and injected
// into Skywall's page; exposes `window.swBench`.
import './open-probe.js';
import { CLOCK_COLS, CLOCK_ROWS, clockBandHeight, readPixelClock } from '../pixel-clock.js';

export interface FrameSample {
  tile: number;
  /** Date.now() drawn into the picture by the generator, or null when unreadable. */
  stamp: number | null;
  /** Wall-clock ms when the compositor expected to show the frame (expectedDisplayTime). */
  display: number;
  /** Wall-clock ms when the frame was handed to the compositor (presentationTime). */
  presented: number;
  /** Wall-clock ms when the page's frame callback ran (the first one ends time-to-first-frame). */
  callback: number;
}

interface VideoFrameMeta {
  expectedDisplayTime: number;
  presentationTime: number;
  width: number;
  height: number;
}

type RvfcVideo = HTMLVideoElement & {
  requestVideoFrameCallback(cb: (now: number, meta: VideoFrameMeta) => void): number;
};

const samples: FrameSample[] = [];
const watched = new WeakSet<HTMLVideoElement>();
const canvas = document.createElement('canvas');
canvas.width = CLOCK_COLS * 4;
canvas.height = CLOCK_ROWS * 4;
const ctx = canvas.getContext('2d', { willReadFrequently: true })!;
let readClock = true;
/** Tiles whose clock is read (all when undefined): reading costs the renderer CPU a large wall cannot spare. */
let readTiles: Set<number> | undefined;

/** Performance-timeline ms -> wall-clock ms, using the page's own Date.now() (same clock as the generator). */
const toWall = (perfMs: number): number => Date.now() + (perfMs - performance.now());

function onFrame(video: RvfcVideo, tile: () => number, now: number, meta: VideoFrameMeta): void {
  const callback = toWall(now);
  const display = toWall(meta.expectedDisplayTime);
  const presented = toWall(meta.presentationTime);
  let stamp: number | null = null;
  if (readClock && meta.width > 0 && meta.height > 0 && (!readTiles || readTiles.has(tile()))) {
    ctx.drawImage(video, 0, 0, meta.width, clockBandHeight(meta.height), 0, 0, canvas.width, canvas.height);
    const img = ctx.getImageData(0, 0, canvas.width, canvas.height);
    stamp = readPixelClock({ data: img.data, width: img.width, height: img.height, channels: 4 }, true) ?? null;
  }
  samples.push({ tile: tile(), stamp, display, presented, callback });
}

/** Starts logging every frame `video` presents; `tile` tells which tile it is at that moment. */
function watch(video: HTMLVideoElement, tile: () => number): void {
  if (watched.has(video)) return;
  watched.add(video);
  const v = video as RvfcVideo;
  const loop = (now: number, meta: VideoFrameMeta): void => {
    onFrame(v, tile, now, meta);
    v.requestVideoFrameCallback(loop);
  };
  v.requestVideoFrameCallback(loop);
}

/**
 * Watches every video matching `selector` now and later (the app may replace elements). A video's
 * tile number is the index of its `tileSelector` ancestor, or else its index among the videos.
 */
function watchAll(selector: string, tileSelector?: string): void {
  const tileOf = (v: HTMLVideoElement): number => {
    const tile = tileSelector ? v.closest(tileSelector) : null;
    if (tile) return Array.prototype.indexOf.call(document.querySelectorAll(tileSelector!), tile) as number;
    return Array.prototype.indexOf.call(document.querySelectorAll(selector), v) as number;
  };
  const scan = (): void => {
    document.querySelectorAll<HTMLVideoElement>(selector).forEach((v) => watch(v, () => tileOf(v)));
  };
  scan();
  setInterval(scan, 200);
}

/** Hands over the samples logged so far and forgets them. */
function take(): FrameSample[] {
  return samples.splice(0, samples.length);
}

const api = { watch, watchAll, take, setReadClock: (on: boolean) => (readClock = on), setReadClockTiles: (tiles: number[] | null) => (readTiles = tiles ? new Set(tiles) : undefined) };
(window as unknown as { swBench: typeof api }).swBench = api;
export type FrameProbeApi = typeof api;
