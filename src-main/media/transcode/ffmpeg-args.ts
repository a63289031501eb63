// The ffmpeg command line for RTSP in -> H.264 Annex-B out on stdout, tuned for latency:
// no frame-rate probing, slice-threaded decoding (frame threads add a frame of delay each), x264
// ultrafast/zerolatency without B-frames, every frame as it is encoded, flushed per packet.
import { parseRtspUrl } from '../rtsp/rtsp-url.js';
import type { FfmpegInfo } from './ffmpeg-detect.js';

export interface TranscodeArgsOptions {
  /** rtsp:// URL; credentials may be inline or given separately. */
  url: string;
  username?: string;
  password?: string;
  /** Socket I/O timeout for connect and reads (default 5000 ms). */
  timeoutMs?: number;
  /** Keyframe interval in frames (default 25). */
  gop?: number;
}

/**
 * ffmpeg takes RTSP credentials only inside the URL. They end up on its command line, which
 * other local users can read (/proc/<pid>/cmdline) on a shared machine: see README.
 */
export function urlWithCredentials(raw: string, username?: string, password?: string): string {
  const parsed = parseRtspUrl(raw);
  const user = username ?? parsed.username;
  const pass = password ?? parsed.password;
  if (user === undefined || user === '') return parsed.url;
  const userinfo = pass === undefined ? encodeURIComponent(user) : `${encodeURIComponent(user)}:${encodeURIComponent(pass)}`;
  return parsed.url.replace(/^rtsp:\/\//i, `rtsp://${userinfo}@`);
}

/** ffmpeg 5.0 turned RTSP's `-timeout` into the socket timeout; before that it was `-stimeout`. */
function timeoutOption(info: FfmpegInfo | undefined): string {
  return info?.major !== undefined && info.major < 5 ? '-stimeout' : '-timeout';
}

/** `-fps_mode` arrived in 5.1; `-vsync` is its older (now deprecated) name. */
function passthroughTiming(info: FfmpegInfo | undefined): string[] {
  const old = info?.major !== undefined && (info.major < 5 || (info.major === 5 && (info.minor ?? 0) < 1));
  return old ? ['-vsync', 'passthrough'] : ['-fps_mode', 'passthrough'];
}

export function buildTranscodeArgs(opts: TranscodeArgsOptions, info?: FfmpegInfo): string[] {
  const timeoutUs = Math.max(1, Math.round(opts.timeoutMs ?? 5000)) * 1000;
  return [
    '-hide_banner',
    '-nostdin',
    '-loglevel',
    'error',
    '-rtsp_transport',
    'tcp',
    timeoutOption(info),
    String(timeoutUs),
    // Without this, probing waits for ~20 frames to guess the frame rate (about 1 s at 25 fps);
    // with passthrough timing the output does not need it. `-fflags nobuffer` would instead
    // drop the probed frames, and with them the first GOP.
    '-fpsprobesize',
    '0',
    '-flags',
    'low_delay',
    '-thread_type',
    'slice',
    '-i',
    urlWithCredentials(opts.url, opts.username, opts.password),
    '-map',
    '0:v:0',
    '-an',
    '-sn',
    '-dn',
    '-c:v',
    'libx264',
    '-preset',
    'ultrafast',
    '-tune',
    'zerolatency',
    '-profile:v',
    'main',
    // 10-bit or 4:2:2 cameras would otherwise give High 10 / 4:2:2 streams browsers cannot play.
    '-pix_fmt',
    'yuv420p',
    '-g',
    String(opts.gop ?? 25),
    '-bf',
    '0',
    '-x264-params',
    'repeat-headers=1',
    // Camera hiccups must not turn into bursts of duplicated frames (the default for raw output is CFR).
    ...passthroughTiming(info),
    '-flush_packets',
    '1',
    '-f',
    'h264',
    'pipe:1',
  ];
}
