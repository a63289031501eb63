// `scale` bench: walls of 36 and 64 tiles, each tile its own RTSP session of a 640x360 pixel-clock
// stream (one encoder shared by every path, so the generator does not eat the players' CPU). Per
// tile: frames presented per second; the selected tile (tile 1): capture-to-display latency from
// the clock in its pictures (only its clock is read: reading 64 would cost the renderer itself);
// CPU of Chromium's renderer and of Skywall's main process over the window.
import { launchChromium } from '../support/browser.js';
import { watchBrowserProcs } from './browser-procs.js';
import { startClockSource } from './clock-source.js';
import { startLiveRtspServer, type LiveRtspServer } from './live-rtsp-server.js';
import type { ClockSource } from './clock-source.js';
import { openProbePage, TILE, type FrameSample } from './probe-page.js';
import { cpuMs } from './proc-usage.js';
import { startSkywall } from './skywall-app.js';
import { formatSummary, percentile, r1, sleep, summarize, type Summary } from './stats.js';

export interface ScaleOptions {
  tiles: number[];
  seconds: number;
  fps: number;
}

export interface ScaleResult {
  tiles: number;
  seconds: number;
  perTileFps: number[];
  selected: Summary;
  /** Tiles with a gap of more than 2 s between presented frames (or none at all) in the window. */
  stalledTiles: number;
  rendererCpuPct: number;
  gpuCpuPct: number;
  mainCpuPct: number;
  states: string;
}

const STALL_GAP_MS = 2000;
const grid = (tiles: number): number => Math.round(Math.sqrt(tiles));
const pathOf = (tiles: number, i: number) => `/scale/${tiles}/${i + 1}`;
const cameraOf = (tiles: number, i: number) => `scale-${tiles}-${i + 1}`;

export async function runScaleBench(o: ScaleOptions): Promise<ScaleResult[]> {
  for (const n of o.tiles) if (grid(n) ** 2 !== n) throw new Error(`--tiles wants square walls (36, 64), got ${n}`);
  const paths = new Map<string, ClockSource>();
  const rtsp: LiveRtspServer = await startLiveRtspServer(paths);
  const app = await startSkywall();
  const browser = await launchChromium();
  const results: ScaleResult[] = [];
  try {
    const cams = o.tiles.flatMap((n) => Array.from({ length: n }, (_, i) => ({ id: cameraOf(n, i), url: rtsp.url(pathOf(n, i)) })));
    await app.addCameras('Scale clock', rtsp.port, cams);
    const procs = await watchBrowserProcs(browser);
    for (const n of o.tiles) {
      const source = await startClockSource({ width: 640, height: 360, fps: o.fps });
      for (let i = 0; i < n; i++) paths.set(pathOf(n, i), source);
      const probe = await openProbePage(browser, await app.pageUrl(), { width: 1920, height: 1080 });
      try {
        await probe.page.evaluate(() => (window as unknown as { swBench: { setReadClockTiles(t: number[]): void } }).swBench.setReadClockTiles([0]));
        console.log(`scale: ${n} tiles (${grid(n)}x${grid(n)}) of 640x360 at ${o.fps} fps, page 1920x1080`);
        await app.showWall(grid(n), grid(n), Array.from({ length: n }, (_, i) => cameraOf(n, i)));
        // Let every tile start (or fail to), then settle.
        const seen = new Set<number>();
        const deadline = Date.now() + 45_000;
        while (seen.size < n && Date.now() < deadline) {
          for (const s of await probe.take()) seen.add(s.tile);
          await sleep(500);
        }
        if (seen.size < n) console.log(`  ${n - seen.size} tile(s) showed no frame within 45 s`);
        await sleep(3000);
        await probe.take();
        const cpu0 = await procs.cpuByType();
        const main0 = app.pid ? (cpuMs(app.pid) ?? NaN) : NaN;
        const t0 = Date.now();
        const samples: FrameSample[] = [];
        while (Date.now() - t0 < o.seconds * 1000) {
          await sleep(1000);
          samples.push(...(await probe.take()));
        }
        const elapsed = (Date.now() - t0) / 1000;
        const cpu1 = await procs.cpuByType();
        const main1 = app.pid ? (cpuMs(app.pid) ?? NaN) : NaN;
        const pct = (type: string) => (((cpu1.get(type) ?? 0) - (cpu0.get(type) ?? 0)) / elapsed) * 100;
        const byTile: FrameSample[][] = Array.from({ length: n }, () => []);
        for (const s of samples) byTile[s.tile]?.push(s);
        const perTileFps = byTile.map((list) => list.length / elapsed);
        const stalledTiles = byTile.filter((list) => {
          const times = [t0, ...list.map((s) => s.callback).sort((a, b) => a - b), t0 + elapsed * 1000];
          return times.some((t, i) => i > 0 && t - times[i - 1]! > STALL_GAP_MS);
        }).length;
        const selected = summarize(byTile[0]!.flatMap((s) => (s.stamp === null ? [] : [s.display - s.stamp])));
        const states = await probe.page.$$eval(TILE, (els) => {
          const count = new Map<string, number>();
          for (const e of els) count.set(e.getAttribute('data-state') ?? '?', (count.get(e.getAttribute('data-state') ?? '?') ?? 0) + 1);
          // Tiles the page put on keyframes only (overload), as their plates say.
          const thinned = els.filter((e) => e.querySelector('[data-testid=tile-keyframes-only]')).length;
          return [...[...count].map(([k, v]) => `${k} ${v}`), `keyframes only ${thinned}`].join(', ');
        });
        const r: ScaleResult = { tiles: n, seconds: elapsed, perTileFps, selected, stalledTiles, rendererCpuPct: pct('renderer'), gpuCpuPct: pct('gpu'), mainCpuPct: ((main1 - main0) / (elapsed * 1000)) * 100, states };
        console.log(`  per tile fps: min ${r1(Math.min(...perTileFps))}, median ${r1(percentile(perTileFps, 50))}, max ${r1(Math.max(...perTileFps))} (source ${o.fps} fps); stalled tiles (gap > 2 s): ${stalledTiles}`);
        console.log(formatSummary('  selected tile capture-to-display', selected));
        console.log(`  CPU (% of one core): renderer ${r1(r.rendererCpuPct)}, GPU process ${r1(r.gpuCpuPct)}, main ${r1(r.mainCpuPct)}; tile states at the end: ${states}`);
        if (source.lateWrites > 0) console.log(`  generator wrote ${source.lateWrites} frames late (busy machine)`);
        results.push(r);
      } finally {
        await probe.close();
        await app.showWall(1, 1, [null]);
        for (let i = 0; i < n; i++) paths.delete(pathOf(n, i));
        await source.stop();
        await sleep(1000);
      }
    }
    await procs.close();
  } finally {
    await browser.close();
    await app.stop();
    await rtsp.close();
  }
  return results;
}

export function scaleJson(r: ScaleResult): Record<string, unknown> {
  return {
    bench: 'scale',
    tiles: r.tiles,
    min_tile_fps: r1(Math.min(...r.perTileFps)),
    median_tile_fps: r1(percentile(r.perTileFps, 50)),
    selected_p50_ms: r1(r.selected.p50),
    selected_p95_ms: r1(r.selected.p95),
    renderer_cpu_pct: r1(r.rendererCpuPct),
    main_cpu_pct: r1(r.mainCpuPct),
  };
}
