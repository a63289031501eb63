// Gateway benchmark: N synthetic cameras (demo clip access units, paced in real time at
// 25 fps, padded to the target bitrate with filler NAL units) go through StreamHub ->
// fMP4/FLV -> LiveGateway -> one real WebSocket client per stream. The clients run in a
// child process, so the CPU and RSS measured here are the remuxing process's own.
import { spawn, type ChildProcess } from 'node:child_process';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { loadDemoClip } from '../../src-main/testing/fmp4/demo-units.js';
import { LiveGateway } from '../../src-main/media/gateway/gateway.js';
import { FakeProducer } from '../../src-main/testing/hub/fake-producer.js';
import { StreamHub } from '../../src-main/media/hub/stream-hub.js';
import type { VideoAccessUnit, VideoCodec } from '../../src-main/media/types.js';

export interface GatewayBenchOptions {
  streams: number;
  seconds: number;
  bitrateMbps: number;
  codec?: VideoCodec;
  format?: 'fmp4' | 'flv';
  fps?: number;
  /** Measurement starts after this warm-up (default 2 s). */
  warmupSeconds?: number;
}

export interface GatewayBenchResult {
  streams: number;
  format: 'fmp4' | 'flv';
  seconds: number;
  /** CPU of this (remuxing) process over the window, in % of one core. */
  cpuPercentOneCore: number;
  rssMBPeak: number;
  rssMBEnd: number;
  /** RSS before any stream started (Node + modules + the clip). */
  rssMBBaseline: number;
  arrayBuffersMBEnd: number;
  heapUsedMBEnd: number;
  framesIn: number;
  messagesSent: number;
  mbitPerSecOut: number;
  messagesReceived: number;
  skips: number;
  /** fMP4 only: arrival time minus media time at the client, above its minimum (queueing delay), ms. */
  deliveryLagP50Ms: number | null;
  deliveryLagP99Ms: number | null;
}

// The client side: connects to every URL, counts messages, and for fMP4 measures how late
// each fragment arrives relative to its media time (tfdt) compared to the earliest one.
const CLIENT = `
const { default: WebSocket } = await import(process.env.SW_WS_URL);
const lags = []; let messages = 0; let bytes = 0; let open = 0; const sockets = [];
let lines = '';
process.stdin.on('data', (d) => {
  lines += d; let i;
  while ((i = lines.indexOf('\\n')) >= 0) { const cmd = JSON.parse(lines.slice(0, i)); lines = lines.slice(i + 1); handle(cmd); }
});
function handle(cmd) {
  if (cmd.urls) for (const url of cmd.urls) {
    const ws = new WebSocket(url); sockets.push(ws); let base = null; const mine = [];
    lags.push(mine);
    ws.on('open', () => { if (++open === cmd.urls.length) console.log(JSON.stringify({ ready: true })); });
    ws.on('message', (data, binary) => {
      messages++; bytes += data.length;
      if (!binary || data.length < 68 || data.toString('latin1', 4, 8) !== 'moof') return;
      const lag = performance.now() - Number(data.readBigUInt64BE(60)) / 90;
      mine.push(lag);
    });
  }
  if (cmd.report) {
    const all = [];
    for (const l of lags) { const live = l.slice(30); if (!live.length) continue; const min = Math.min(...live); for (const x of live) all.push(x - min); }
    all.sort((a, b) => a - b);
    const q = (p) => (all.length ? all[Math.min(all.length - 1, Math.floor(p * all.length))] : null);
    console.log(JSON.stringify({ messages, bytes, lagP50: q(0.5), lagP99: q(0.99) }));
  }
  if (cmd.exit) { for (const s of sockets) s.terminate(); process.exit(0); }
}
`;

function fillerNal(codec: VideoCodec, size: number): Uint8Array {
  const n = new Uint8Array(Math.max(3, size)).fill(0xff);
  if (codec === 'h264') n[0] = 12; // filler data
  else {
    n[0] = 38 << 1; // FD_NUT
    n[1] = 1;
  }
  n[n.length - 1] = 0x80; // rbsp trailing bits
  return n;
}

/** Pads the clip's units so the average frame carries bitrate/fps bytes. */
function scaleUnits(units: VideoAccessUnit[], codec: VideoCodec, bytesPerFrame: number): Uint8Array[][] {
  const sizes = units.map((u) => u.nalus.reduce((n, x) => n + x.length, 0));
  const avg = sizes.reduce((a, b) => a + b, 0) / sizes.length;
  const factor = Math.max(1, bytesPerFrame / avg);
  return units.map((u, i) => (factor > 1.01 ? [...u.nalus, fillerNal(codec, Math.round(sizes[i] * (factor - 1)))] : u.nalus));
}

class ClientProcess {
  private readonly child: ChildProcess;
  private buffer = '';
  private waiters: Array<(msg: Record<string, unknown>) => void> = [];

  constructor() {
    const wsUrl = pathToFileURL(createRequire(import.meta.url).resolve('ws')).href;
    this.child = spawn(process.execPath, ['--input-type=module', '-e', CLIENT], { env: { ...process.env, SW_WS_URL: wsUrl }, stdio: ['pipe', 'pipe', 'inherit'] });
    this.child.stdout!.setEncoding('utf8').on('data', (d: string) => {
      this.buffer += d;
      let i;
      while ((i = this.buffer.indexOf('\n')) >= 0) {
        const msg = JSON.parse(this.buffer.slice(0, i));
        this.buffer = this.buffer.slice(i + 1);
        this.waiters.shift()?.(msg);
      }
    });
  }

  request(cmd: Record<string, unknown>): Promise<Record<string, unknown>> {
    return new Promise((resolve) => {
      this.waiters.push(resolve);
      this.child.stdin!.write(`${JSON.stringify(cmd)}\n`);
    });
  }

  exit(): Promise<void> {
    return new Promise((resolve) => {
      this.child.once('exit', () => resolve());
      this.child.stdin!.write(`${JSON.stringify({ exit: true })}\n`);
    });
  }
}

export async function runGatewayBench(opts: GatewayBenchOptions): Promise<GatewayBenchResult> {
  const codec = opts.codec ?? 'h264';
  const format = opts.format ?? 'fmp4';
  const fps = opts.fps ?? 25;
  const frameMs = 1000 / fps;
  const clip = await loadDemoClip(codec, 90_000 / fps);
  const payloads = scaleUnits(clip.units, codec, (opts.bitrateMbps * 1e6) / 8 / fps);
  const rssBaseline = process.memoryUsage().rss;

  // One producer per camera; a single 5 ms ticker emits each stream's due frames, with the
  // streams' phases spread over a frame interval as independent cameras would be.
  const emitters: Array<{ p: FakeProducer; next: number; index: number; phase: number }> = [];
  let framesIn = 0;
  const hub = new StreamHub({
    producerFactory: (key) =>
      new FakeProducer(key, (p) => {
        p.tracks({ video: clip.track });
        emitters.push({ p, next: performance.now(), index: 0, phase: (emitters.length * frameMs) / opts.streams });
      }),
  });
  const t0 = performance.now();
  const ticker = setInterval(() => {
    const now = performance.now();
    for (const e of emitters) {
      while (e.next + e.phase <= now) {
        const k = e.index % clip.units.length;
        const src = clip.units[k];
        // A fresh copy per frame, as the RTP depacketizer would hand over.
        const nalus = payloads[k].map((n) => Uint8Array.from(n));
        const t90 = Math.round(((e.next - t0) * 90_000) / 1000);
        e.p.sample({ kind: 'video', codec, nalus, keyframe: src.keyframe, dts90k: t90, pts90k: t90, receivedAt: Date.now() });
        framesIn++;
        e.index++;
        e.next += frameMs;
      }
    }
  }, 5);

  const gateway = await LiveGateway.start({ hub });
  const client = new ClientProcess();
  const urls = Array.from({ length: opts.streams }, (_, i) => gateway.issue(`bench-${i}`, { format, key: `cam${i}:main` }));
  await client.request({ urls });

  // The hub's connect limiter (10/s) staggers the start of many sources: wait for all of them.
  while (emitters.length < opts.streams) await new Promise((r) => setTimeout(r, 100));
  await new Promise((r) => setTimeout(r, (opts.warmupSeconds ?? 2) * 1000));
  const sent0 = gateway.counters();
  const frames0 = framesIn;
  const cpu0 = process.cpuUsage();
  const wall0 = performance.now();
  let rssPeak = 0;
  const sampler = setInterval(() => (rssPeak = Math.max(rssPeak, process.memoryUsage().rss)), 250);
  await new Promise((r) => setTimeout(r, opts.seconds * 1000));
  const cpu = process.cpuUsage(cpu0);
  const wallMs = performance.now() - wall0;
  clearInterval(sampler);
  const mem = process.memoryUsage();
  rssPeak = Math.max(rssPeak, mem.rss);
  const sent = gateway.counters();
  const report = await client.request({ report: true });

  clearInterval(ticker);
  await client.exit();
  await gateway.close();
  hub.close();

  const MB = 1024 * 1024;
  const result: GatewayBenchResult = {
    streams: opts.streams,
    format,
    seconds: Math.round(wallMs) / 1000,
    cpuPercentOneCore: Math.round(((cpu.user + cpu.system) / 1000 / wallMs) * 1000) / 10,
    rssMBPeak: Math.round(rssPeak / MB),
    rssMBEnd: Math.round(mem.rss / MB),
    rssMBBaseline: Math.round(rssBaseline / MB),
    arrayBuffersMBEnd: Math.round(mem.arrayBuffers / MB),
    heapUsedMBEnd: Math.round(mem.heapUsed / MB),
    framesIn: framesIn - frames0,
    messagesSent: sent.messagesSent - sent0.messagesSent,
    mbitPerSecOut: Math.round(((sent.bytesSent - sent0.bytesSent) * 8) / wallMs / 100) / 10,
    messagesReceived: Number(report.messages),
    skips: sent.skips,
    deliveryLagP50Ms: report.lagP50 === null ? null : Math.round(Number(report.lagP50) * 10) / 10,
    deliveryLagP99Ms: report.lagP99 === null ? null : Math.round(Number(report.lagP99) * 10) / 10,
  };
  console.log(
    `gateway bench: ${result.streams} streams ${format} ${opts.bitrateMbps} Mbit/s for ${result.seconds} s: ` +
      `CPU ${result.cpuPercentOneCore}% of one core, RSS peak ${result.rssMBPeak} MB (end ${result.rssMBEnd} MB, baseline ${result.rssMBBaseline} MB, heap ${result.heapUsedMBEnd} MB, buffers ${result.arrayBuffersMBEnd} MB), ` +
      `${result.framesIn} frames in, ${result.messagesSent} messages out (${result.mbitPerSecOut} Mbit/s), skips ${result.skips}, ` +
      `delivery lag p50 ${result.deliveryLagP50Ms} ms p99 ${result.deliveryLagP99Ms} ms`,
  );
  return result;
}

// Direct use: node gateway.js [streams] [seconds] [format]
const entry = process.argv[1] ?? '';
if (/[\\/]gateway\.(ts|js|mjs)$/.test(entry) && import.meta.url === pathToFileURL(entry).href) {
  const [streams = '16', seconds = '10', format = 'fmp4'] = process.argv.slice(2);
  await runGatewayBench({ streams: Number(streams), seconds: Number(seconds), bitrateMbps: 2, format: format === 'flv' ? 'flv' : 'fmp4' });
}
