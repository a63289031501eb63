// `drift` bench (long): capture-to-display latency of one 1280x720 tile, minute by minute, to see
// whether delay builds up. Skywall and the baseline relay play the same pixel-clock camera at the
// same time (two pages), so an hour covers both; `--only` runs one of them.
import { launchChromium } from '../support/browser.js';
import { startBaselineRelay, type BaselineRelay } from './baseline-relay.js';
import { startClockSource } from './clock-source.js';
import { latencyFromSamples, waitForAllTiles } from './latency-measure.js';
import { startLiveRtspServer } from './live-rtsp-server.js';
import { openProbePage, type ProbePage } from './probe-page.js';
import { startSkywall, type SkywallBenchApp } from './skywall-app.js';
import { r1, sleep } from './stats.js';
import type { ClockSource } from './clock-source.js';

export interface DriftOptions {
  minutes: number;
  only?: 'skywall' | 'baseline';
}

export interface DriftSeries {
  target: 'skywall' | 'baseline';
  /** Per minute: p50 / p95 capture-to-display and readable frames. */
  minutes: Array<{ p50: number; p95: number; frames: number }>;
}

export async function runDriftBench(o: DriftOptions): Promise<DriftSeries[]> {
  const paths = new Map<string, ClockSource>();
  const rtsp = await startLiveRtspServer(paths);
  const source = await startClockSource({ width: 1280, height: 720 });
  paths.set('/clock/drift/skywall', source);
  paths.set('/clock/drift/baseline', source);
  const browser = await launchChromium();
  let app: SkywallBenchApp | undefined;
  let relay: BaselineRelay | undefined;
  const pages: Array<{ target: DriftSeries['target']; probe: ProbePage }> = [];
  try {
    if (o.only !== 'baseline') {
      app = await startSkywall();
      await app.addCameras('Pixel clock', rtsp.port, [{ id: 'clock-drift', url: rtsp.url('/clock/drift/skywall') }]);
      const probe = await openProbePage(browser, await app.pageUrl());
      await app.showWall(1, 1, ['clock-drift']);
      pages.push({ target: 'skywall', probe });
    }
    if (o.only !== 'skywall') {
      relay = await startBaselineRelay();
      const probe = await openProbePage(browser, relay.pageUrl);
      const url = relay.relayUrl(rtsp.url('/clock/drift/baseline'));
      await probe.page.evaluate((u) => {
        const b = (window as unknown as { swBaseline: { layout(r: number, c: number): void; open(t: number, u: string): number } }).swBaseline;
        b.layout(1, 1);
        b.open(0, u);
      }, url);
      pages.push({ target: 'baseline', probe });
    }
    for (const p of pages) await waitForAllTiles(p.probe, { tiles: 1, fps: source.fps, warmupSeconds: 0, minSeconds: 0, minFrames: 0 });
    await sleep(5000);
    for (const p of pages) await p.probe.take();
    const series: DriftSeries[] = pages.map((p) => ({ target: p.target, minutes: [] }));
    console.log(`drift: ${o.minutes} minute(s), 1 tile 1280x720, ${pages.map((p) => p.target).join(' + ')} side by side`);
    for (let m = 0; m < o.minutes; m++) {
      const minuteStart = Date.now();
      const samples = pages.map(() => [] as Awaited<ReturnType<ProbePage['take']>>);
      while (Date.now() - minuteStart < 60_000) {
        await sleep(1000);
        for (let i = 0; i < pages.length; i++) samples[i].push(...(await pages[i].probe.take()));
      }
      const line: string[] = [];
      pages.forEach((p, i) => {
        const r = latencyFromSamples(samples[i], 1, source.fps, (Date.now() - minuteStart) / 1000);
        series[i].minutes.push({ p50: r.display.p50, p95: r.display.p95, frames: r.frames });
        line.push(`${p.target} p50 ${r1(r.display.p50)} ms p95 ${r1(r.display.p95)} ms (${r.frames} frames)`);
      });
      console.log(`  minute ${m + 1}: ${line.join('; ')}`);
    }
    return series;
  } finally {
    for (const p of pages) await p.probe.close();
    await browser.close();
    await app?.stop();
    await relay?.close();
    await source.stop();
    await rtsp.close();
  }
}

export function driftJson(series: DriftSeries[]): Record<string, unknown> {
  const out: Record<string, unknown> = { bench: 'drift', minutes: series[0]?.minutes.length ?? 0 };
  for (const s of series) {
    const first = s.minutes[0];
    const last = s.minutes[s.minutes.length - 1];
    const prefix = s.target === 'skywall' ? '' : 'baseline_';
    out[`${prefix}first_p50_ms`] = first ? r1(first.p50) : null;
    out[`${prefix}last_p50_ms`] = last ? r1(last.p50) : null;
    out[`${prefix}first_p95_ms`] = first ? r1(first.p95) : null;
    out[`${prefix}last_p95_ms`] = last ? r1(last.p95) : null;
    out[`${prefix}drift_p50_ms`] = first && last ? r1(last.p50 - first.p50) : null;
  }
  return out;
}
