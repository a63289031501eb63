// `ttff` bench: time from asking for a stream to its first frame on screen (first
// requestVideoFrameCallback). Camera: the project's demo RTSP server, which starts every session
// at a keyframe at once (like a camera that sends an IDR on PLAY), so the figures are the
// pipeline's, not the GOP's. Skywall warm: the camera already plays in tile 0 (hub pulling) and
// tile 1 opens it again; cold: tile 1 opens a camera nobody pulls (a fresh camera id and RTSP path
// per trial, so no hub or grace period helps). Baseline: a fresh ffmpeg relay per trial.
import type { Browser, Page } from 'playwright-core';
import { startDemoRtspServer, type DemoRtspServer } from '../../src-main/demo/rtsp/index.js';
import { launchChromium } from '../support/browser.js';
import { startBaselineRelay } from './baseline-relay.js';
import { openProbePage, type FrameSample, type ProbePage } from './probe-page.js';
import { startSkywall, type SkywallBenchApp } from './skywall-app.js';
import { formatSummary, r1, sleep, summarize, type Summary } from './stats.js';

export interface TtffOptions {
  trials: number;
  only?: 'skywall' | 'baseline';
}

export interface TtffSeries {
  /** From the page sending sw:stream:open (Skywall) or creating the player (baseline) to the first frame callback. */
  fromOpen: Summary;
  /** Skywall only: from the bench saving the wall (before the renderer reacts). */
  fromSave?: Summary;
  failures: number;
}

export interface TtffResult {
  warm?: TtffSeries;
  cold?: TtffSeries;
  baselineCold?: TtffSeries;
}

const TRIAL_TIMEOUT_MS = 15_000;
const WARM = 'ttff-warm';
const coldId = (k: number): string => `ttff-cold-${k}`;

/** Waits for the first frame tile `tile` presents after `since`; its callback wall time, or undefined on timeout. */
async function firstFrame(p: ProbePage, tile: number, since: number): Promise<number | undefined> {
  const deadline = Date.now() + TRIAL_TIMEOUT_MS;
  while (Date.now() < deadline) {
    const hit = (await p.take()).find((s: FrameSample) => s.tile === tile && s.callback >= since);
    if (hit) return hit.callback;
    await sleep(20);
  }
  return undefined;
}

/** Waits until tile `tile` has shown no frame for 300 ms (its player is gone). */
async function tileQuiet(p: ProbePage, tile: number): Promise<void> {
  let quietSince = Date.now();
  const deadline = Date.now() + 5000;
  while (Date.now() - quietSince < 300 && Date.now() < deadline) {
    await sleep(50);
    if ((await p.take()).some((s) => s.tile === tile)) quietSince = Date.now();
  }
}

const takeOpens = (page: Page): Promise<number[]> => page.evaluate(() => (window as unknown as { swOpens: { take(): number[] } }).swOpens.take());

/** Cold trials must find nobody pulling their path: true when the camera saw a DESCRIBE for it before t0. */
function pulledBefore(demo: DemoRtspServer, path: string, t0: number): boolean {
  return demo.requestLog.some((e) => e.method === 'DESCRIBE' && e.uri.endsWith(path) && e.at < t0);
}

async function skywallTrials(
  app: SkywallBenchApp,
  p: ProbePage,
  trials: number,
  cameraFor: (k: number) => string,
  label: string,
  notCold?: (k: number, t0: number) => boolean,
  playAt?: (k: number) => number | undefined,
): Promise<TtffSeries> {
  const fromOpen: number[] = [];
  const toPlay: number[] = [];
  const fromSave: number[] = [];
  let failures = 0;
  let prePulled = 0;
  for (let k = 0; k < trials; k++) {
    await p.take();
    await takeOpens(p.page);
    const t0 = Date.now();
    if (notCold?.(k, t0)) prePulled++;
    await app.showWall(1, 2, [WARM, cameraFor(k)]);
    const t1 = await firstFrame(p, 1, t0);
    const opens = await takeOpens(p.page);
    if (t1 === undefined) failures++;
    else {
      fromSave.push(t1 - t0);
      if (opens.length > 0) fromOpen.push(t1 - opens[opens.length - 1]);
      const play = playAt?.(k);
      if (play !== undefined && opens.length > 0) toPlay.push(play - opens[opens.length - 1]);
    }
    await app.showWall(1, 2, [WARM, null]);
    await tileQuiet(p, 1);
  }
  const s: TtffSeries = { fromOpen: summarize(fromOpen), fromSave: summarize(fromSave), failures };
  console.log(formatSummary(`  skywall ${label} (sw:stream:open -> first frame)`, s.fromOpen));
  console.log(formatSummary(`  skywall ${label} (wall saved -> first frame)`, s.fromSave!));
  if (failures) console.log(`  skywall ${label}: ${failures} trial(s) showed no frame within ${TRIAL_TIMEOUT_MS / 1000} s`);
  if (toPlay.length) console.log(formatSummary(`  skywall ${label} (sw:stream:open -> RTSP PLAY reaches the camera)`, summarize(toPlay)));
  if (notCold) console.log(`  skywall ${label}: ${prePulled} of ${trials} cameras had been pulled before their trial (should be 0)`);
  return s;
}

async function runSkywall(browser: Browser, demo: DemoRtspServer, o: TtffOptions): Promise<Pick<TtffResult, 'warm' | 'cold'>> {
  const app = await startSkywall();
  try {
    const cams = [{ id: WARM, url: demo.url('/ttff/warm') }, ...Array.from({ length: o.trials }, (_, k) => ({ id: coldId(k), url: demo.url(`/ttff/cold/${k}`) }))];
    await app.addCameras('TTFF demo camera', demo.port, cams);
    const p = await openProbePage(browser, await app.pageUrl());
    try {
      await p.page.evaluate(() => (window as unknown as { swBench: { setReadClock(on: boolean): void } }).swBench.setReadClock(false));
      await app.showWall(1, 2, [WARM, null]);
      if ((await firstFrame(p, 0, 0)) === undefined) throw new Error('Skywall: the warm camera never showed a frame in tile 0');
      await sleep(1000);
      const warm = await skywallTrials(app, p, o.trials, () => WARM, 'warm');
      const cold = await skywallTrials(app, p, o.trials, coldId, 'cold', (k, t0) => pulledBefore(demo, `/ttff/cold/${k}`, t0),
        (k) => demo.requestLog.find((e) => e.method === 'PLAY' && new RegExp(`/ttff/cold/${k}(/|$)`).test(e.uri))?.at,
      );
      return { warm, cold };
    } finally {
      await p.close();
    }
  } finally {
    await app.stop();
  }
}

async function runBaseline(browser: Browser, demo: DemoRtspServer, o: TtffOptions): Promise<TtffSeries> {
  const relay = await startBaselineRelay();
  const p = await openProbePage(browser, relay.pageUrl);
  type Api = { swBaseline: { layout(r: number, c: number): void; open(t: number, u: string): number; close(t: number): void }; swBench: { setReadClock(on: boolean): void } };
  try {
    await p.page.evaluate(() => {
      const w = window as unknown as Api;
      w.swBench.setReadClock(false);
      w.swBaseline.layout(1, 2);
    });
    const values: number[] = [];
    let failures = 0;
    for (let k = 0; k < o.trials; k++) {
      await p.take();
      const url = relay.relayUrl(demo.url(`/ttff/base/${k}`));
      const t0 = await p.page.evaluate((u) => (window as unknown as Api).swBaseline.open(1, u), url);
      const t1 = await firstFrame(p, 1, t0);
      if (t1 === undefined) failures++;
      else values.push(t1 - t0);
      await p.page.evaluate(() => (window as unknown as Api).swBaseline.close(1));
      await tileQuiet(p, 1);
    }
    const s: TtffSeries = { fromOpen: summarize(values), failures };
    console.log(formatSummary('  baseline cold (player created -> first frame)', s.fromOpen));
    if (failures) console.log(`  baseline: ${failures} trial(s) showed no frame within ${TRIAL_TIMEOUT_MS / 1000} s`);
    return s;
  } finally {
    await p.close();
    await relay.close();
  }
}

export async function runTtffBench(o: TtffOptions): Promise<TtffResult> {
  const streams = [
    { path: '/ttff/warm', clip: 'h264' as const },
    ...Array.from({ length: o.trials }, (_, k) => ({ path: `/ttff/cold/${k}`, clip: 'h264' as const })),
    ...Array.from({ length: o.trials }, (_, k) => ({ path: `/ttff/base/${k}`, clip: 'h264' as const })),
  ];
  const demo = await startDemoRtspServer({ streams });
  const browser = await launchChromium();
  const result: TtffResult = {};
  try {
    console.log(`ttff: ${o.trials} trials each, demo camera 640x360 H.264 25 fps, GOP 25`);
    if (o.only !== 'baseline') Object.assign(result, await runSkywall(browser, demo, o));
    if (o.only !== 'skywall') result.baselineCold = await runBaseline(browser, demo, o);
  } finally {
    await browser.close();
    await demo.close();
  }
  return result;
}

export function ttffJson(r: TtffResult): Record<string, unknown> {
  const p = (s: TtffSeries | undefined, k: 'p50' | 'p95'): number | null => (s && s.fromOpen.n > 0 ? r1(s.fromOpen[k]) : null);
  return {
    bench: 'ttff',
    warm_p50_ms: p(r.warm, 'p50'),
    warm_p95_ms: p(r.warm, 'p95'),
    cold_p50_ms: p(r.cold, 'p50'),
    cold_p95_ms: p(r.cold, 'p95'),
    baseline_cold_p50_ms: p(r.baselineCold, 'p50'),
    baseline_cold_p95_ms: p(r.baselineCold, 'p95'),
    trials: r.warm?.fromOpen.n ?? r.baselineCold?.fromOpen.n ?? 0,
    failures: (r.warm?.failures ?? 0) + (r.cold?.failures ?? 0) + (r.baselineCold?.failures ?? 0),
  };
}
