// `gateway` bench: Skywall's remuxing gateway (runGatewayBench in gateway.ts, run in a fresh
// child process per stream count) against N `ffmpeg -re -i <2 Mbit/s file> -c copy -f flv`
// relays, whose CPU and RSS are summed from /proc. Each relay writes to a pipe this process
// drains, as the gateway writes to WebSocket clients in another process.
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import type { GatewayBenchResult } from './gateway.js';
import { repoRoot } from './page-bundle.js';
import { cpuMs, pssBytes, rssBytes } from './proc-usage.js';
import { r1, sleep } from './stats.js';

const run = promisify(execFile);

export interface RelayBaselineResult {
  streams: number;
  seconds: number;
  /** Sum over relays, % of one core. */
  cpuPct: number;
  /** Sum of relay RSS at the end, and its peak, MB. */
  rssMB: number;
  rssPeakMB: number;
  /** Sum of relay PSS at the end (shared library pages counted once overall), MB. */
  pssMB: number;
  mbitOut: number;
  /** Relays still running at the end (all should be). */
  alive: number;
}

/** A 2 Mbit/s-style CBR H.264 MP4 made once from the demo clip (30 s, 640x360, 25 fps, GOP 25). */
export async function relaySourceFile(mbps: number): Promise<string> {
  const root = repoRoot();
  const dir = path.join(root, '.tmp', 'bench');
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `relay-source-${mbps}mbps.mp4`);
  if (existsSync(file)) return file;
  const kbps = Math.round(mbps * 1000);
  await run('ffmpeg', [
    ...['-hide_banner', '-loglevel', 'error', '-y', '-r', '25', '-stream_loop', '2', '-i', path.join(root, 'assets', 'demo', 'demo-h264.h264')],
    ...['-an', '-c:v', 'libx264', '-preset', 'veryfast', '-g', '25', '-bf', '0', '-x264-params', 'nal-hrd=cbr'],
    ...['-b:v', `${kbps}k`, '-minrate', `${kbps}k`, '-maxrate', `${kbps}k`, '-bufsize', `${kbps}k`, file],
  ]);
  return file;
}

export async function runRelayBaseline(o: { streams: number; seconds: number; mbps: number; warmupSeconds?: number }): Promise<RelayBaselineResult> {
  const source = await relaySourceFile(o.mbps);
  const relays: ChildProcess[] = [];
  let bytes = 0;
  try {
    for (let i = 0; i < o.streams; i++) {
      const ff = spawn('ffmpeg', ['-hide_banner', '-loglevel', 'error', '-nostdin', '-re', '-stream_loop', '-1', '-i', source, '-c', 'copy', '-f', 'flv', 'pipe:1'], {
        stdio: ['ignore', 'pipe', 'ignore'],
      });
      ff.stdout?.on('data', (d: Buffer) => (bytes += d.length));
      relays.push(ff);
    }
    await sleep((o.warmupSeconds ?? 3) * 1000);
    const pids = relays.map((r) => r.pid!).filter(Boolean);
    const cpu0 = pids.map((p) => cpuMs(p) ?? 0);
    const bytes0 = bytes;
    const t0 = performance.now();
    let rssPeak = 0;
    const sampleRss = (): number => pids.reduce((s, p) => s + (rssBytes(p) ?? 0), 0);
    const sampler = setInterval(() => (rssPeak = Math.max(rssPeak, sampleRss())), 500);
    await sleep(o.seconds * 1000);
    clearInterval(sampler);
    const wall = performance.now() - t0;
    const cpu = pids.reduce((s, p, i) => s + ((cpuMs(p) ?? cpu0[i]) - cpu0[i]), 0);
    const rss = sampleRss();
    const pss = pids.reduce((s, p) => s + (pssBytes(p) ?? 0), 0);
    const MB = 1024 * 1024;
    return {
      streams: o.streams,
      seconds: r1(wall / 1000),
      cpuPct: r1((cpu / wall) * 100),
      rssMB: Math.round(rss / MB),
      rssPeakMB: Math.round(Math.max(rss, rssPeak) / MB),
      pssMB: Math.round(pss / MB),
      mbitOut: r1(((bytes - bytes0) * 8) / wall / 1000),
      alive: relays.filter((r) => r.exitCode === null && r.signalCode === null).length,
    };
  } finally {
    for (const r of relays) r.kill('SIGKILL');
  }
}

/** Runs runGatewayBench in a fresh Node process (gateway-child.mjs, bundled beside this one by run.mjs). */
export function runGatewayInChild(o: { streams: number; seconds: number; mbps: number }): Promise<GatewayBenchResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(path.dirname(process.argv[1]), 'gateway-child.mjs'), '--streams', String(o.streams), '--seconds', String(o.seconds), '--mbps', String(o.mbps)], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    child.stdout?.on('data', (d) => {
      out += String(d);
      process.stdout.write(String(d).replace(/^GATEWAY_RESULT .*\n?/gm, ''));
    });
    child.on('exit', (code) => {
      const m = /^GATEWAY_RESULT (.*)$/m.exec(out);
      if (code === 0 && m) resolve(JSON.parse(m[1]) as GatewayBenchResult);
      else reject(new Error(`gateway bench for ${o.streams} streams failed (exit ${code})`));
    });
  });
}

export interface GatewayCompareRow {
  streams: number;
  gateway: GatewayBenchResult;
  baseline: RelayBaselineResult;
}

export async function runGatewayCompare(o: { streams: number[]; seconds: number; mbps: number }): Promise<GatewayCompareRow[]> {
  const rows: GatewayCompareRow[] = [];
  for (const streams of o.streams) {
    console.log(`gateway: ${streams} streams at ${o.mbps} Mbit/s for ${o.seconds} s`);
    const gateway = await runGatewayInChild({ streams, seconds: o.seconds, mbps: o.mbps });
    const baseline = await runRelayBaseline({ streams, seconds: o.seconds, mbps: o.mbps });
    console.log(
      `  baseline: ${streams} ffmpeg -c copy -f flv relays: CPU ${baseline.cpuPct}% of one core, RSS ${baseline.rssMB} MB (peak ${baseline.rssPeakMB}, PSS ${baseline.pssMB}), ` +
        `${baseline.mbitOut} Mbit/s out, ${baseline.alive}/${streams} alive`,
    );
    rows.push({ streams, gateway, baseline });
  }
  return rows;
}

export function gatewayJson(r: GatewayCompareRow): Record<string, unknown> {
  return {
    bench: 'gateway',
    streams: r.streams,
    cpu_pct: r.gateway.cpuPercentOneCore,
    rss_mb: r.gateway.rssMBPeak,
    rss_idle_mb: r.gateway.rssMBBaseline,
    mbit_out: r.gateway.mbitPerSecOut,
    baseline_cpu_pct: r.baseline.cpuPct,
    baseline_rss_mb: r.baseline.rssPeakMB,
    baseline_pss_mb: r.baseline.pssMB,
    baseline_mbit_out: r.baseline.mbitOut,
  };
}
