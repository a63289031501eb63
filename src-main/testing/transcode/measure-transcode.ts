// Measures the transcode fallback on the demo camera (640x360 H.265, 25 fps) through a real hub
// wired like the stream service: time to first frame (camera cold, and camera already playing
// in another tile), per-picture latency added by the transcode (the same picture leaving the
// direct key and the `:x264` key: both carry the camera's pts), CPU of ffmpeg and of Node, and
// the number of RTSP sessions at the camera. Run:
//   npx esbuild src-main/testing/transcode/measure-transcode.ts --bundle --platform=node \
//     --format=esm --outfile=/tmp/measure-transcode.mjs && node /tmp/measure-transcode.mjs [seconds]
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { startDemoRtspServer } from '../../demo/rtsp/index.js';
import { detectFfmpeg } from '../../media/transcode/ffmpeg-detect.js';
import { consumerLog, transcodeHub, waitFor, type ConsumerLog } from './transcode-kit.js';

const seconds = Number(process.argv[2] ?? 15);
const RUNS = 5;
const CLK_TCK = 100; // Linux USER_HZ

function cpuTicks(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return Number(fields[11]) + Number(fields[12]); // utime + stime
}

function quantile(xs: number[], q: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return +(s[Math.min(s.length - 1, Math.floor(q * s.length))] ?? NaN).toFixed(1);
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

const ffmpeg = await detectFfmpeg();
if (!ffmpeg) throw new Error('ffmpeg with libx264 not found');
const server = await startDemoRtspServer();
const url = server.url('/demo/h265');

/** Subscribes `key` on a fresh hub and returns ms until its first picture. */
async function coldFirstFrame(key: string): Promise<number> {
  const { hub } = transcodeHub({ url, ffmpeg: ffmpeg!, graceMs: 0 });
  const log = consumerLog();
  const t0 = performance.now();
  hub.subscribe(key, log.consumer);
  await waitFor('first picture', () => log.samples.length > 0, 15_000);
  const ms = log.samples[0]!.at - t0;
  hub.close();
  await sleep(300);
  return ms;
}

try {
  const coldDirect: number[] = [];
  const coldTranscode: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    coldDirect.push(await coldFirstFrame('cam:main'));
    coldTranscode.push(await coldFirstFrame('cam:main:x264'));
  }

  const { hub, transcoders } = transcodeHub({ url, ffmpeg, graceMs: 0 });
  const direct = consumerLog();
  hub.subscribe('cam:main', direct.consumer);
  await waitFor('direct stream', () => direct.samples.length > 0, 15_000);
  await sleep(1000);

  // Node CPU with the direct tile only, as the baseline.
  let cpu0 = process.cpuUsage();
  let w0 = performance.now();
  await sleep(seconds * 1000);
  let cpu = process.cpuUsage(cpu0);
  const nodeDirectOnly = ((cpu.user + cpu.system) / 1e3 / (performance.now() - w0)) * 100;

  // Warm first frames: the camera already plays in the direct tile (first picture = the cached keyframe).
  const warm: number[] = [];
  let x264: ConsumerLog | undefined;
  let unsubscribe: (() => void) | undefined;
  for (let i = 0; i < RUNS; i++) {
    unsubscribe?.();
    if (transcoders.length) await transcoders.at(-1)!.whenExited();
    await sleep(200);
    x264 = consumerLog();
    const t0 = performance.now();
    unsubscribe = hub.subscribe('cam:main:x264', x264.consumer);
    await waitFor('first transcoded picture', () => x264!.samples.length > 0, 15_000);
    warm.push(x264.samples[0]!.at - t0);
  }

  // Steady state, direct and transcoded tiles together.
  await sleep(2000);
  const sessions = server.stats().sessions;
  const pid = transcoders.at(-1)!.pid!;
  const ticks0 = cpuTicks(pid);
  const from = x264!.samples.length;
  cpu0 = process.cpuUsage();
  w0 = performance.now();
  await sleep(seconds * 1000);
  const wall = performance.now() - w0;
  cpu = process.cpuUsage(cpu0);
  const ffmpegCpu = ((cpuTicks(pid) - ticks0) / CLK_TCK / (wall / 1000)) * 100;
  const nodeBoth = ((cpu.user + cpu.system) / 1e3 / wall) * 100;
  const directAt = new Map(direct.samples.map((s) => [s.pts90k, s.at]));
  const added = x264!.samples.slice(from).map((s) => s.at - directAt.get(s.pts90k)!).filter((x) => Number.isFinite(x));
  const outBytes = x264!.samples.slice(from).reduce((n, s) => n + s.nalus.reduce((m, u) => m + u.length + 4, 0), 0);
  const inBytes = direct.samples.filter((s) => s.at >= w0).reduce((n, s) => n + s.nalus.reduce((m, u) => m + u.length + 4, 0), 0);
  const stats = transcoders.at(-1)!.stats();
  hub.close();

  console.log(
    JSON.stringify(
      {
        ffmpeg: ffmpeg.version,
        seconds,
        firstFrameMs: {
          directCold: coldDirect.map(Math.round),
          transcodeCold: coldTranscode.map(Math.round),
          transcodeWithDirectPlaying: warm.map(Math.round),
        },
        addedLatencyMs: { median: quantile(added, 0.5), p95: quantile(added, 0.95), pictures: added.length },
        cpuPercentOfOneCore: { ffmpeg: +ffmpegCpu.toFixed(1), nodeDirectOnly: +nodeDirectOnly.toFixed(1), nodeDirectAndTranscode: +nodeBoth.toFixed(1) },
        rtspSessionsAtCamera: sessions,
        bitrateKbit: { camera: Math.round((inBytes * 8) / wall), transcoded: Math.round((outBytes * 8) / wall) },
        transcodeStats: stats,
      },
      null,
      2,
    ),
  );
} finally {
  await server.close();
}
