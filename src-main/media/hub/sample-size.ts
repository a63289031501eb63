import type { MediaSample } from '../types.js';

/** Payload bytes a sample holds (what caches and queues are bounded by). */
export function sampleBytes(s: MediaSample): number {
  if (s.kind === 'audio') return s.data.length;
  let n = 0;
  for (let i = 0; i < s.nalus.length; i++) n += s.nalus[i].length;
  return n;
}

/** A point where a decoder can start: a video keyframe, or any audio frame of a source without video. */
export function isStartPoint(s: MediaSample, sourceHasVideo: boolean): boolean {
  return s.kind === 'video' ? s.keyframe : !sourceHasVideo;
}
