// The fake platform's one live picture source: the committed demo clip looped in real time
// with a GOP cache (src-main/testing/platforms/live-clip.ts), like a GB28181 channel that
// ZLMediaKit receives once and fans out to every protocol.
import type { VideoAccessUnit } from '../../../src-main/media/types.js';
import { LiveClip } from '../../../src-main/testing/platforms/live-clip.js';

export type ClipSource = LiveClip;

/** The demo H.264 clip (640x360, 25 fps, 1 s GOP). Call start() to run it. */
export function loadClipSource(): Promise<ClipSource> {
  return LiveClip.load('h264', 25);
}

const START_CODE = Uint8Array.of(0, 0, 0, 1);

/** One access unit as an Annex-B byte stream (for ffmpeg's raw h264 demuxer). */
export function annexB(au: VideoAccessUnit): Buffer {
  const parts: Uint8Array[] = [];
  for (const nal of au.nalus) parts.push(START_CODE, nal);
  return Buffer.concat(parts);
}
