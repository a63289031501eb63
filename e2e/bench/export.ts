// `npm run bench -- export`: the safe writer against cp on the same file system, and a full
// export of the demo camera's replay buffer (default 60 s) checked with ffprobe and the verifier.
import { execFile } from 'node:child_process';
import { generateKeyPairSync } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { startDemoRtspServer } from '../../src-main/demo/rtsp/index.js';
import { exportFromReplayBuffer } from '../../src-main/export/export-replay.js';
import { muxMp4, type Mp4SampleInfo } from '../../src-main/export/mux/index.js';
import { signerFromPrivateKey } from '../../src-main/export/package/signing-key.js';
import { ReplayBuffer } from '../../src-main/export/recorder/replay-buffer.js';
import { verifyExportFolder } from '../../src-main/export/verify/verify-package.js';
import { bytesSpec, writeExportFolder } from '../../src-main/export/writer/index.js';
import { StreamHub } from '../../src-main/media/hub/index.js';
import { RtspProducer } from '../../src-main/media/ingest/rtsp-producer.js';
import { probeVideo } from '../../src-main/testing/export/mp4-check.js';
import { sampleMetadata } from '../../src-main/testing/export/package-kit.js';
import { patternBytes } from '../../src-main/testing/export/slow-source.js';

const run = promisify(execFile);

export interface ExportBenchOptions {
  /** Clip length in minutes at `mbps` (default 10 min at 4 Mbit/s, about 300 MB). */
  minutes: number;
  mbps: number;
  rounds: number;
  /** Target folder (default: the system temp folder's file system). */
  dir?: string;
  /** Demo camera export length in seconds (0 skips it). */
  demoSeconds: number;
}

export interface ExportBenchResult {
  bytes: number;
  fsTarget: string;
  mbPerS: number;
  cpMbPerS: number;
  cpNoSyncMbPerS: number;
  /** Writer time over cp + sync time of the same round, per round (pairs share the machine's load of the moment). */
  roundRatios: number[];
  /** One-minute load average before the first round and after the last: the figures mean little under load. */
  load: [number, number];
  demo?: { seconds: number; frames: number; ffprobeFrames: number; verify: string; exportMs: number };
}

const MB = 1e6;

/** A synthetic MP4 of the given length: 25 fps, keyframe every second, payload of pseudo-random bytes. */
async function makeSourceFile(file: string, minutes: number, mbps: number): Promise<number> {
  const pictures = minutes * 60 * 25;
  const perPicture = Math.round((mbps * MB) / 8 / 25);
  const pool = patternBytes(8 * 1024 * 1024);
  const samples: Mp4SampleInfo[] = Array.from({ length: pictures }, (_, i) => ({ dts90k: i * 3600, pts90k: i * 3600, keyframe: i % 25 === 0, size: perPicture }));
  const clip = muxMp4({ codec: 'h264', sps: Uint8Array.of(0x67, 0x42, 0xc0, 0x1e, 0xd9, 0x00, 0xa0, 0x47, 0xfe, 0xc8), pps: Uint8Array.of(0x68, 0xce, 0x3c, 0x80), width: 640, height: 360, codecString: 'avc1.42c01e' }, samples, function* () {
    for (let i = 0; i < pictures; i++) {
      const o = (i * 7919 * 64) % (pool.length - perPicture);
      yield pool.subarray(o, o + perPicture);
    }
  });
  const out = createWriteStream(file);
  for await (const part of clip.content()) if (!out.write(part)) await new Promise<void>((r) => out.once('drain', () => r()));
  await new Promise<void>((resolve, reject) => out.end((e?: Error | null) => (e ? reject(e) : resolve())));
  return clip.size;
}

async function timeIt(step: () => Promise<unknown>): Promise<number> {
  const t0 = process.hrtime.bigint();
  await step();
  return Number(process.hrtime.bigint() - t0) / 1e9;
}

const median = (v: number[]) => [...v].sort((a, b) => a - b)[Math.floor(v.length / 2)];

async function demoExport(seconds: number, target: string): Promise<ExportBenchResult['demo']> {
  const server = await startDemoRtspServer({ streams: [{ path: '/cam', clip: 'h264' }] });
  const hub = new StreamHub({ producerFactory: () => new RtspProducer({ url: server.url('/cam'), timeoutMs: 5000 }) });
  const bufferDir = await mkdtemp(path.join(tmpdir(), 'skywall-bench-buffer-'));
  const buffer = await ReplayBuffer.start({ hub, key: 'cam', dir: bufferDir });
  try {
    console.log(`export: recording ${seconds + 2} s from the demo camera...`);
    while (buffer.stats().spanMs < (seconds + 2) * 1000) await new Promise((r) => setTimeout(r, 250));
    const { camera, device, channel, operator, workstation, appVersion, caseReference, reason } = sampleMetadata();
    const signer = signerFromPrivateKey(generateKeyPairSync('ed25519').privateKey);
    let result: Awaited<ReturnType<typeof exportFromReplayBuffer>> | undefined;
    const exportS = await timeIt(async () => {
      result = await exportFromReplayBuffer({ buffer, lastMs: seconds * 1000, parentDir: target, details: { camera, device, channel, operator, workstation, appVersion, caseReference, reason }, signer });
    });
    const probe = await probeVideo(path.join(result!.folder, result!.metadata.clipFiles[0]));
    const report = await verifyExportFolder(result!.folder);
    await rm(result!.folder, { recursive: true, force: true });
    const r = { seconds: (Date.parse(result!.metadata.endUtc) - Date.parse(result!.metadata.startUtc)) / 1000, frames: result!.metadata.video.frames, ffprobeFrames: Number(probe.nb_read_frames), verify: report.ok ? 'ok' : report.problems.map((p) => p.kind).join(','), exportMs: Math.round(exportS * 1000) };
    console.log(`export: demo clip ${r.seconds} s, ${r.frames} pictures, ffprobe decoded ${r.ffprobeFrames}, verifier ${r.verify}, export took ${r.exportMs} ms`);
    return r;
  } finally {
    await buffer.stop();
    hub.close();
    await server.close();
    await rm(bufferDir, { recursive: true, force: true });
  }
}

export async function runExportBench(o: ExportBenchOptions): Promise<ExportBenchResult> {
  const staging = await mkdtemp(path.join(tmpdir(), 'skywall-bench-src-'));
  const target = o.dir ?? path.join(tmpdir(), 'skywall-bench-export');
  await mkdir(target, { recursive: true });
  try {
    const source = path.join(staging, 'clip.mp4');
    const bytes = await makeSourceFile(source, o.minutes, o.mbps);
    const { stdout: df } = await run('df', ['-T', target]);
    const fsTarget = df.trim().split('\n')[1]?.split(/\s+/)[1] ?? 'unknown';
    console.log(`export: ${(bytes / MB).toFixed(0)} MB clip, target ${target} (${fsTarget}), ${o.rounds} rounds`);
    const ours: number[] = [];
    const cp: number[] = [];
    const cpNoSync: number[] = [];
    const loadBefore = loadavg()[0];
    for (let r = 0; r < o.rounds; r++) {
      const folder = path.join(target, 'cp');
      await mkdir(folder, { recursive: true });
      cpNoSync.push(await timeIt(() => run('cp', [source, path.join(folder, 'a.mp4')])));
      cp.push(await timeIt(async () => {
        await run('cp', [source, path.join(folder, 'b.mp4')]);
        await run('sync', [path.join(folder, 'b.mp4')]);
      }));
      await rm(folder, { recursive: true, force: true });
      await run('sync', []);
      let out = '';
      ours.push(await timeIt(async () => {
        const res = await writeExportFolder({
          parentDir: target,
          folderName: 'bench',
          files: [{ name: 'clip.mp4', size: bytes, content: () => createReadStream(source, { highWaterMark: 1024 * 1024 }) }],
          seal: (w) => [bytesSpec('manifest.json', Buffer.from(JSON.stringify(w)))],
        });
        out = res.folder;
      }));
      await rm(out, { recursive: true, force: true });
      await run('sync', []);
      console.log(`export: round ${r + 1}: writer ${(bytes / MB / ours[r]).toFixed(0)} MB/s, cp+sync ${(bytes / MB / cp[r]).toFixed(0)} MB/s, cp ${(bytes / MB / cpNoSync[r]).toFixed(0)} MB/s, ratio ${(cp[r] / ours[r]).toFixed(2)}`);
    }
    const loadAfter = loadavg()[0];
    const result: ExportBenchResult = {
      bytes,
      fsTarget,
      mbPerS: bytes / MB / median(ours),
      cpMbPerS: bytes / MB / median(cp),
      cpNoSyncMbPerS: bytes / MB / median(cpNoSync),
      roundRatios: ours.map((t, i) => cp[i] / t),
      load: [loadBefore, loadAfter],
    };
    if (o.demoSeconds > 0) result.demo = await demoExport(o.demoSeconds, target);
    return result;
  } finally {
    await rm(staging, { recursive: true, force: true });
    if (!o.dir) await rm(target, { recursive: true, force: true });
  }
}

export function exportJson(r: ExportBenchResult): object[] {
  const round = (n: number) => Math.round(n * 10) / 10;
  const lines: object[] = [
    {
      bench: 'export',
      mb_per_s: round(r.mbPerS),
      cp_mb_per_s: round(r.cpMbPerS),
      ratio: Math.round((r.mbPerS / r.cpMbPerS) * 100) / 100,
      cp_nosync_mb_per_s: round(r.cpNoSyncMbPerS),
      ratio_nosync: Math.round((r.mbPerS / r.cpNoSyncMbPerS) * 100) / 100,
      round_ratios: r.roundRatios.map((x) => Math.round(x * 100) / 100),
      mb: round(r.bytes / MB),
      fs: r.fsTarget,
      load_1m: r.load.map((x) => Math.round(x * 100) / 100),
    },
  ];
  if (r.demo) lines.push({ bench: 'export_demo', seconds: r.demo.seconds, frames: r.demo.frames, ffprobe_frames: r.demo.ffprobeFrames, verify: r.demo.verify, export_ms: r.demo.exportMs });
  return lines;
}
