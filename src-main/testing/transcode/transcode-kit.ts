// Helpers for this folder's tests: record what a producer emits, wait for conditions, probe
// files, and a hub wired like the stream service (direct RTSP key + transcoded `:x264` key).
import { execFile } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import type { HubConsumer, HubStatus } from '../../media/hub/hub-types.js';
import type { Producer, ProducerStatus } from '../../media/hub/producer.js';
import { StreamHub } from '../../media/hub/stream-hub.js';
import { RtspProducer } from '../../media/ingest/rtsp-producer.js';
import { AuthLockout } from '../../media/rtsp/auth-lockout.js';
import type { MediaSample, TrackInfo, VideoAccessUnit } from '../../media/types.js';
import type { FfmpegInfo } from '../../media/transcode/ffmpeg-detect.js';
import { TranscodeProducer } from '../../media/transcode/transcode-producer.js';

export interface Recording {
  statuses: ProducerStatus[];
  tracks: TrackInfo[];
  samples: Array<VideoAccessUnit & { at: number }>;
}

export function record(p: Producer): Recording {
  const r: Recording = { statuses: [], tracks: [], samples: [] };
  p.on('status', (s) => r.statuses.push(s));
  p.on('tracks', (t) => r.tracks.push(t));
  p.on('sample', (s) => {
    if (s.kind === 'video') r.samples.push({ ...s, at: performance.now() });
  });
  return r;
}

export async function waitFor(what: string, cond: () => boolean, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!cond()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

export function closedWith(r: Recording): ProducerStatus | undefined {
  return r.statuses.find((s) => s.state === 'closed');
}

/**
 * True while a process with this pid runs. A zombie counts as gone: an orphan that exited waits
 * for init (or a container's PID 1) to reap it, which can take a second.
 */
export function processExists(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.charAt(stat.lastIndexOf(')') + 2) !== 'Z';
  } catch {
    return !existsSync('/proc/self'); // no procfs (not Linux): trust kill(0); else it just went away
  }
}

export interface ProbeResult {
  codec: string;
  profile: string;
  width: number;
  height: number;
  frames: number;
}

/** Decodes every frame of an H.264 Annex-B file with ffprobe. */
export function probeH264File(file: string): Promise<ProbeResult> {
  const args = ['-v', 'error', '-f', 'h264', '-count_frames', '-select_streams', 'v:0', '-show_entries', 'stream=codec_name,profile,width,height,nb_read_frames', '-of', 'json', file];
  return new Promise((resolve, reject) => {
    execFile('ffprobe', args, { timeout: 15_000 }, (err, stdout) => {
      if (err) return reject(err);
      const s = (JSON.parse(String(stdout)) as { streams: Array<Record<string, string | number>> }).streams[0]!;
      resolve({ codec: String(s.codec_name), profile: String(s.profile), width: Number(s.width), height: Number(s.height), frames: Number(s.nb_read_frames) });
    });
  });
}

export interface TestHub {
  hub: StreamHub;
  /** Every TranscodeProducer the factory made, oldest first. */
  transcoders: TranscodeProducer[];
}

/** A hub with `cam:main` pulled from `url` and `cam:main:x264` transcoding it, as the stream service wires them. */
export function transcodeHub(opts: { url: string; username?: string; password?: string; ffmpeg: FfmpegInfo; graceMs?: number; onLog?: (line: string) => void }): TestHub {
  const transcoders: TranscodeProducer[] = [];
  const lockout = new AuthLockout();
  const hub: StreamHub = new StreamHub({
    graceMs: opts.graceMs ?? 100,
    producerFactory: (key) => {
      if (key === 'cam:main') {
        return new RtspProducer({ url: opts.url, ...(opts.username ? { username: opts.username } : {}), ...(opts.password ? { password: opts.password } : {}), lockout, timeoutMs: 3000 });
      }
      const p = new TranscodeProducer({ source: (c) => hub.subscribe('cam:main', c), ffmpeg: opts.ffmpeg, ...(opts.onLog ? { onLog: opts.onLog } : {}) });
      transcoders.push(p);
      return p;
    },
  });
  return { hub, transcoders };
}

export interface ConsumerLog {
  consumer: HubConsumer;
  tracks: TrackInfo[];
  samples: Array<VideoAccessUnit & { at: number }>;
  statuses: HubStatus[];
}

/** A hub consumer that keeps everything it gets (video samples stamped with performance.now()). */
export function consumerLog(): ConsumerLog {
  const log: Omit<ConsumerLog, 'consumer'> = { tracks: [], samples: [], statuses: [] };
  const consumer: HubConsumer = {
    onTracks: (t) => log.tracks.push(t),
    onSample: (s: MediaSample) => {
      if (s.kind === 'video') log.samples.push({ ...s, at: performance.now() });
    },
    onStatus: (st) => log.statuses.push(st),
  };
  return { ...log, consumer };
}

/** The argv of a running process (Linux), NUL-separated parts joined by spaces. */
export function commandLine(pid: number): string {
  return readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').join(' ');
}
