// The ffmpeg command line for "H.265 (or H.264) Annex-B on stdin -> H.264 Annex-B on stdout",
// tuned for latency: a tiny probe, slice-threaded decoding (frame threads add a frame of delay
// each), x264 ultrafast/zerolatency without B-frames, every frame flushed as it is encoded.
// No URL and no credentials: the camera is pulled by our own RTSP client through the hub.
import type { VideoCodec } from '../types.js';
import type { FfmpegInfo } from './ffmpeg-detect.js';

export interface TranscodeArgsOptions {
  /** Codec of the elementary stream written to stdin. */
  inputCodec: VideoCodec;
  /** Keyframe interval of the output in frames (default 25). */
  gop?: number;
}

/** `-fps_mode` arrived in 5.1; `-vsync` is its older (now deprecated) name. */
function passthroughTiming(info: FfmpegInfo | undefined): string[] {
  const old = info?.major !== undefined && (info.major < 5 || (info.major === 5 && (info.minor ?? 0) < 1));
  return old ? ['-vsync', 'passthrough'] : ['-fps_mode', 'passthrough'];
}

export function buildTranscodeArgs(opts: TranscodeArgsOptions, info?: FfmpegInfo): string[] {
  return [
    '-hide_banner',
    // stdin is the media input, never keyboard commands.
    '-nostdin',
    '-loglevel',
    'error',
    // The default probe (5 MB / 5 s) waits ~2 s on a live pipe before the first frame; 32 bytes
    // only identify the stream, and the decoder configures itself from the first picture.
    '-probesize',
    '32',
    '-analyzeduration',
    '0',
    // No frame-rate probing (it would wait for ~20 frames); passthrough timing does not need it.
    '-fpsprobesize',
    '0',
    '-flags',
    'low_delay',
    '-thread_type',
    'slice',
    '-f',
    opts.inputCodec === 'h265' ? 'hevc' : 'h264',
    '-i',
    'pipe:0',
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
    // No reordering: output picture N is input picture N, which is how timestamps are mapped.
    '-bf',
    '0',
    '-x264-params',
    'repeat-headers=1',
    // The raw input has no real timestamps: never duplicate or drop frames to fit a rate.
    ...passthroughTiming(info),
    '-flush_packets',
    '1',
    '-f',
    'h264',
    'pipe:1',
  ];
}
