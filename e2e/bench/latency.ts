// `latency` bench: capture-to-display latency with a pixel clock, Skywall vs the ffmpeg→FLV→
// mpegts.js relay, for 1 tile (1280x720) and a 4x4 wall of 640x360 tiles. Each of the 16 tiles
// pulls its own RTSP path (its own RTSP session and hub); the 16 paths share one encoder so the
// generator does not eat the CPU the players need.
import type { Browser } from 'playwright-core';
import { launchChromium } from '../support/browser.js';
import { startBaselineRelay, type BaselineRelay } from './baseline-relay.js';
import { startClockSource, type ClockSource } from './clock-source.js';
import { measureLatency, type LatencyResult } from './latency-measure.js';
import { startLiveFlvServer, type LiveFlvServer } from './live-flv-server.js';
import { startLiveRtspServer, type LiveRtspServer } from './live-rtsp-server.js';
import { openProbePage, TILE } from './probe-page.js';
import { startSkywall, type SkywallBenchApp } from './skywall-app.js';
import { formatSummary, r1, sleep, summarize, type Summary } from './stats.js';

export interface LatencyOptions {
  only?: 'skywall' | 'baseline';
  /** Also play the 1-tile clock as a platform's HTTP-FLV stream through the hub (default true). */
  platform?: boolean;
  tiles: number[];
  minSeconds: number;
  minFrames: number;
  warmupSeconds: number;
}

interface Phase {
  tiles: number;
  rows: number;
  cols: number;
  width: number;
  height: number;
}

const PHASES: Record<number, Phase> = {
  1: { tiles: 1, rows: 1, cols: 1, width: 1280, height: 720 },
  4: { tiles: 4, rows: 2, cols: 2, width: 640, height: 360 },
  16: { tiles: 16, rows: 4, cols: 4, width: 640, height: 360 },
};

const PLATFORM_CAMERA = 'clock-720p-platform-flv';

const pathOf = (phase: Phase, i: number): string => `/clock/${phase.height}p/${i + 1}`;
const cameraOf = (phase: Phase, i: number): string => `clock-${phase.height}p-${i + 1}`;

export interface LatencyPhaseResult {
  phase: Phase;
  skywall?: LatencyResult;
  baseline?: LatencyResult;
  /** The same clock served as a platform's HTTP-FLV stream, played through the hub (1 tile only). */
  platform?: LatencyResult;
  platformPipeline?: Summary;
  source: { p50: number; p95: number };
  /** RTSP packet out -> display, per side (the source's own delay taken out frame by frame). */
  skywallPipeline?: Summary;
  baselinePipeline?: Summary;
}

function pipeline(r: LatencyResult, sentAt: Map<number, number>): Summary {
  const values: number[] = [];
  for (const f of r.readable) {
    const sent = sentAt.get(f.stamp);
    if (sent !== undefined) values.push(f.display - sent);
  }
  return summarize(values);
}

function describe(label: string, r: LatencyResult): string[] {
  return [
    formatSummary(`  ${label} capture→display`, r.display),
    formatSummary(`  ${label} capture→compositor`, r.presented),
    `  ${label} frames: ${r.frames} readable, ${r.unreadable} unreadable in ${r1(r.seconds)} s, ${Math.round(r.shownRatio * 100)}% of sent frames shown; per tile ${r.perTile.join('/')}`,
    `  ${label} p50 per 10 s: ${r.perTenSecondsP50.map((v) => Math.round(v)).join(' ')} ms`,
    ...(r.perTileP50.length > 1 ? [`  ${label} p50 per tile: ${r.perTileP50.map((v) => Math.round(v)).join(' ')} ms`] : []),
  ];
}

async function runSide(
  browser: Browser,
  phase: Phase,
  url: string,
  start: (page: import('playwright-core').Page) => Promise<void>,
  o: LatencyOptions,
  fps: number,
  diagnose: (page: import('playwright-core').Page) => Promise<string>,
  sourceWindow: { open(): void; close(): void },
): Promise<LatencyResult> {
  const probe = await openProbePage(browser, url);
  try {
    await start(probe.page);
    return await measureLatency(probe, {
      tiles: phase.tiles,
      fps,
      warmupSeconds: o.warmupSeconds,
      minSeconds: o.minSeconds,
      minFrames: o.minFrames,
      diagnose: () => diagnose(probe.page),
      window: sourceWindow,
    });
  } finally {
    await probe.close();
  }
}

async function tileStates(page: import('playwright-core').Page): Promise<string> {
  const states = await page.$$eval(TILE, (els) => els.map((e) => e.getAttribute('data-state') ?? '?'));
  return `tile states: ${states.join(',') || 'no tiles on the page'}`;
}

export async function runLatencyBench(o: LatencyOptions): Promise<LatencyPhaseResult[]> {
  const paths = new Map<string, ClockSource>();
  const rtsp: LiveRtspServer = await startLiveRtspServer(paths);
  const flvSources = new Map<string, ClockSource>();
  const flv: LiveFlvServer = await startLiveFlvServer(flvSources);
  const withPlatform = o.platform !== false && o.only !== 'baseline' && o.tiles.includes(1);
  const browser = await launchChromium();
  let skywall: SkywallBenchApp | undefined;
  let relay: BaselineRelay | undefined;
  const results: LatencyPhaseResult[] = [];
  try {
    if (o.only !== 'baseline') {
      skywall = await startSkywall();
      const cams = o.tiles.flatMap((t) => Array.from({ length: t }, (_, i) => ({ id: cameraOf(PHASES[t], i), url: rtsp.url(pathOf(PHASES[t], i)) })));
      await skywall.addCameras('Pixel clock', rtsp.port, [...new Map(cams.map((c) => [c.id, c])).values()]);
      // The platform row: a county platform's HTTP-FLV URL, added as platform imports are.
      if (withPlatform) await skywall.ipc.invoke('sw:devices:add', { name: 'Pixel clock platform', kind: 'url', host: '127.0.0.1', port: flv.port, cameras: [{ id: PLATFORM_CAMERA, name: PLATFORM_CAMERA, ptz: false, sources: [{ profile: 'main', url: flv.url('720p'), codec: 'h264' }] }] });
    }
    if (o.only !== 'skywall') relay = await startBaselineRelay();

    for (const tiles of o.tiles) {
      const phase = PHASES[tiles];
      if (!phase) throw new Error(`no latency layout for ${tiles} tiles (have ${Object.keys(PHASES).join(', ')})`);
      console.log(`latency: ${tiles} tile(s) of ${phase.width}x${phase.height}, ${phase.rows}x${phase.cols} wall`);
      const source = await startClockSource({ width: phase.width, height: phase.height });
      for (let i = 0; i < tiles; i++) paths.set(pathOf(phase, i), source);
      // The source's own delays, kept for the measuring windows only.
      const sendWindow: number[] = [];
      const encodeWindow: number[] = [];
      let sendFrom = 0;
      let encodeFrom = 0;
      const sourceWindow = {
        open: () => {
          sendFrom = rtsp.sendDelays.length;
          encodeFrom = source.encodeDelays.length;
        },
        close: () => {
          sendWindow.push(...rtsp.sendDelays.slice(sendFrom));
          encodeWindow.push(...source.encodeDelays.slice(encodeFrom));
        },
      };
      const result: LatencyPhaseResult = { phase, source: { p50: NaN, p95: NaN } };
      try {
        if (skywall) {
          const app = skywall;
          const ids = Array.from({ length: tiles }, (_, i) => cameraOf(phase, i));
          result.skywall = await runSide(browser, phase, await app.pageUrl(), () => app.showWall(phase.rows, phase.cols, ids), o, source.fps, tileStates, sourceWindow);
          await app.showWall(1, 1, [null]);
          result.skywallPipeline = pipeline(result.skywall, rtsp.sentAt);
          for (const line of describe('skywall ', result.skywall)) console.log(line);
          console.log(formatSummary('  skywall  RTSP out→display (source delay removed)', result.skywallPipeline));
          await sleep(1000);
          if (withPlatform && tiles === 1) {
            flvSources.set('720p', source);
            result.platform = await runSide(browser, phase, await app.pageUrl(), () => app.showWall(1, 1, [PLATFORM_CAMERA]), o, source.fps, tileStates, sourceWindow);
            await app.showWall(1, 1, [null]);
            flvSources.delete('720p');
            result.platformPipeline = pipeline(result.platform, flv.sentAt);
            for (const line of describe('platform', result.platform)) console.log(line);
            console.log(formatSummary('  platform HTTP-FLV out→display (source delay removed)', result.platformPipeline));
            await sleep(1000);
          }
        }
        if (relay) {
          const r = relay;
          const urls = Array.from({ length: tiles }, (_, i) => r.relayUrl(rtsp.url(pathOf(phase, i))));
          const start = async (page: import('playwright-core').Page): Promise<void> => {
            await page.evaluate(
              ([rows, cols, list]) => {
                const b = (window as unknown as { swBaseline: { layout(r: number, c: number): void; open(t: number, u: string): number } }).swBaseline;
                b.layout(rows, cols);
                list.forEach((u, i) => b.open(i, u));
              },
              [phase.rows, phase.cols, urls] as [number, number, string[]],
            );
          };
          result.baseline = await runSide(browser, phase, r.pageUrl, start, o, source.fps, async () => 'baseline relay', sourceWindow);
          result.baselinePipeline = pipeline(result.baseline, rtsp.sentAt);
          for (const line of describe('baseline', result.baseline)) console.log(line);
          console.log(formatSummary('  baseline RTSP out→display (source delay removed)', result.baselinePipeline));
        }
        const src = summarize(sendWindow);
        result.source = { p50: src.p50, p95: src.p95 };
        console.log(formatSummary('  source only (raw frame written -> RTP on the socket)', src));
        console.log(formatSummary('  of which encoder (raw frame written -> encoded picture back)', summarize(encodeWindow)));
        if (source.lateWrites > 0) console.log(`  generator wrote ${source.lateWrites} frames late (busy event loop)`);
      } finally {
        for (let i = 0; i < tiles; i++) paths.delete(pathOf(phase, i));
        await source.stop();
      }
      results.push(result);
    }
  } finally {
    await browser.close();
    await skywall?.stop();
    await relay?.close();
    await rtsp.close();
    await flv.close();
  }
  return results;
}

export function latencyJson(r: LatencyPhaseResult): Record<string, unknown> {
  const s = r.skywall;
  const b = r.baseline;
  return {
    bench: 'latency',
    tiles: r.phase.tiles,
    resolution: `${r.phase.width}x${r.phase.height}`,
    streams: r.phase.tiles === 1 ? 'one RTSP path' : `${r.phase.tiles} RTSP paths sharing one encoder`,
    p50_ms: s ? r1(s.display.p50) : null,
    p95_ms: s ? r1(s.display.p95) : null,
    p99_ms: s ? r1(s.display.p99) : null,
    frames: s ? s.frames : null,
    baseline_p50_ms: b ? r1(b.display.p50) : null,
    baseline_p95_ms: b ? r1(b.display.p95) : null,
    baseline_p99_ms: b ? r1(b.display.p99) : null,
    baseline_frames: b ? b.frames : null,
    ratio_p50: s && b ? Math.round((s.display.p50 / b.display.p50) * 100) / 100 : null,
    pipeline_p50_ms: r.skywallPipeline ? r1(r.skywallPipeline.p50) : null,
    baseline_pipeline_p50_ms: r.baselinePipeline ? r1(r.baselinePipeline.p50) : null,
    source_p50_ms: r1(r.source.p50),
    source_p95_ms: r1(r.source.p95),
  };
}

/** The platform row: the 1-tile clock as HTTP-FLV through the hub, beside the direct RTSP and mpegts.js figures of the same run. */
export function platformLatencyJson(r: LatencyPhaseResult): Record<string, unknown> | undefined {
  const p = r.platform;
  if (!p) return undefined;
  const direct = r.skywall;
  const b = r.baseline;
  return {
    bench: 'latency',
    tiles: 1,
    resolution: `${r.phase.width}x${r.phase.height}`,
    streams: 'one platform HTTP-FLV path (FLV demuxed into the hub, fMP4 to the tile)',
    p50_ms: r1(p.display.p50),
    p95_ms: r1(p.display.p95),
    p99_ms: r1(p.display.p99),
    frames: p.frames,
    direct_p50_ms: direct ? r1(direct.display.p50) : null,
    delta_vs_direct_p50_ms: direct ? r1(p.display.p50 - direct.display.p50) : null,
    baseline_p50_ms: b ? r1(b.display.p50) : null,
    pipeline_p50_ms: r.platformPipeline ? r1(r.platformPipeline.p50) : null,
    source_p50_ms: r1(r.source.p50),
  };
}
