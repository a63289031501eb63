// Measures the transcode fallback against the direct path on the demo camera (640x360 H.265,
// 25 fps): ffmpeg CPU, time to first frame, and per-picture latency from "last RTP packet of the
// picture reached the client" to "access unit emitted". Run:
//   npx esbuild src-main/media/transcode/bench/measure-transcode.ts --bundle --platform=node \
//     --format=esm --outfile=/tmp/measure-transcode.mjs && node /tmp/measure-transcode.mjs [seconds]
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { startDemoRtspServer, type DemoRtspServer } from '../../../demo/rtsp/index.js';
import type { Producer } from '../../hub/producer.js';
import { RtspProducer } from '../../ingest/rtsp-producer.js';
import { detectFfmpeg } from '../ffmpeg-detect.js';
import { record, waitFor } from '../test-support.js';
import { TranscodeProducer } from '../transcode-producer.js';
import { startTapProxy, type TapProxy } from './rtp-tap-proxy.js';

const seconds = Number(process.argv[2] ?? 15);
const CLK_TCK = 100; // Linux USER_HZ

function cpuTicks(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return Number(fields[11]) + Number(fields[12]); // utime + stime
}

function quantile(xs: number[], q: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * s.length))] ?? NaN;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] ?? NaN;
}

interface RunResult {
  firstFrameMs: number;
  frames: number;
  /** After a pause in the source: the first picture's last packet -> the first / second unit emitted. */
  afterPauseMs: { first: number[]; second: number[] };
  /** Every unit: emission time minus the latest input picture before it (median, p95). */
  sinceLatestInputMs: { median: number; p95: number };
  ffmpegCpuPercent?: number;
  nodeCpuPercent: number;
}

const PAUSES = 5;
const PAUSE_MS = 1200;

async function run(name: string, make: () => Producer, pid: (p: Producer) => number | undefined, server: DemoRtspServer, proxy: TapProxy): Promise<RunResult> {
  const connectionIndex = proxy.pictures.length;
  const p = make();
  const rec = record(p);
  const t0 = performance.now();
  p.start();
  await waitFor(`${name}: first frame`, () => rec.samples.length > 0, 15_000);
  const firstFrameMs = rec.samples[0]!.at - t0;
  await new Promise((r) => setTimeout(r, 2000)); // warm-up
  const child = pid(p);
  const ticks0 = child ? cpuTicks(child) : 0;
  const cpu0 = process.cpuUsage();
  const w0 = performance.now();
  await new Promise((r) => setTimeout(r, seconds * 1000));
  const wall = (performance.now() - w0) / 1000;
  const ffmpegCpuPercent = child ? ((cpuTicks(child) - ticks0) / CLK_TCK / wall) * 100 : undefined;
  const cpu = process.cpuUsage(cpu0);

  // Frame-exact latency needs to know which output unit is which input picture. A pause in the
  // source marks one: the first picture after it is the first input after the gap.
  for (let i = 0; i < PAUSES; i++) {
    server.stall(PAUSE_MS);
    await new Promise((r) => setTimeout(r, PAUSE_MS + 1500));
  }
  p.stop();
  if (p instanceof TranscodeProducer) await p.whenExited();
  const inputs = proxy.pictures[connectionIndex] ?? [];
  const first: number[] = [];
  const second: number[] = [];
  for (let i = 1; i < inputs.length; i++) {
    if (inputs[i]! - inputs[i - 1]! < PAUSE_MS / 2) continue;
    const after = rec.samples.filter((s) => s.at >= inputs[i]!);
    if (after.length < 2) continue;
    first.push(+(after[0]!.at - inputs[i]!).toFixed(1));
    second.push(+(after[1]!.at - inputs[i]!).toFixed(1));
  }
  const lags: number[] = [];
  let k = 0;
  for (const sample of rec.samples) {
    while (k + 1 < inputs.length && inputs[k + 1]! <= sample.at) k++;
    if (inputs[k] !== undefined && inputs[k]! <= sample.at) lags.push(sample.at - inputs[k]!);
  }
  return {
    firstFrameMs: Math.round(firstFrameMs),
    frames: rec.samples.length,
    afterPauseMs: { first, second },
    sinceLatestInputMs: { median: +median(lags).toFixed(1), p95: +quantile(lags, 0.95).toFixed(1) },
    ...(ffmpegCpuPercent !== undefined ? { ffmpegCpuPercent: +ffmpegCpuPercent.toFixed(1) } : {}),
    nodeCpuPercent: +(((cpu.user + cpu.system) / 1e6 / wall) * 100).toFixed(1),
  };
}

const ffmpeg = await detectFfmpeg();
if (!ffmpeg) throw new Error('ffmpeg with libx264 not found');
const server = await startDemoRtspServer();
const proxy = await startTapProxy(server.port);
const url = `rtsp://127.0.0.1:${proxy.port}/demo/h265`;
try {
  const direct = await run('direct', () => new RtspProducer({ url, timeoutMs: 5000 }), () => undefined, server, proxy);
  const transcode = await run('transcode', () => new TranscodeProducer({ url, ffmpeg }), (p) => (p as TranscodeProducer).pid, server, proxy);
  // The direct path emits a picture on its last packet; the transcode emits picture n when the
  // head of picture n+1 comes out of ffmpeg, so its picture latency is the second emission.
  const summary = {
    directPictureMs: median(direct.afterPauseMs.first),
    transcodeFfmpegMs: median(transcode.afterPauseMs.first),
    transcodePictureMs: median(transcode.afterPauseMs.second),
  };
  console.log(JSON.stringify({ ffmpeg: ffmpeg.version, seconds, direct, transcode, summary, addedLatencyMs: +(summary.transcodePictureMs - summary.directPictureMs).toFixed(1) }, null, 2));
} finally {
  await proxy.close();
  await server.close();
}
