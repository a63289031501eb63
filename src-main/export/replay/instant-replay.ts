// Instant replay: the last seconds of a watched stream's replay buffer as one small progressive
// MP4 in memory, for the tile to play, pause and step through while the live stream runs on.
// The same muxer as an export, so what the operator replays is what an export would contain.
import { muxMp4, TIMESCALE } from '../mux/index.js';
import { rangeSampleInfos, rangeSamples, readRange } from '../recorder/range-reader.js';
import type { ReplayBuffer } from '../recorder/replay-buffer.js';

export interface ReplayClip {
  mp4: Buffer;
  /** Workstation time (ms) of the first picture; position t in the file is startMs + t. */
  startMs: number;
  durationMs: number;
  frames: number;
  /** Typical step between pictures, ms (one "step" of the player). */
  frameMs: number;
  /** Workstation time of the newest picture in the clip (the live edge when it was cut). */
  newestMs: number;
}

/** Clips longer than this are refused: a replay lives in the renderer's memory. */
export const MAX_REPLAY_MS = 5 * 60_000;

export async function instantReplayClip(buffer: ReplayBuffer, backMs: number): Promise<ReplayClip> {
  const range = await buffer.range(Math.min(backMs, MAX_REPLAY_MS));
  try {
    const samples = rangeSamples(range);
    const clip = muxMp4(range.track, rangeSampleInfos(range), () => readRange(range));
    const mp4 = Buffer.allocUnsafe(clip.size);
    let at = 0;
    for await (const part of clip.content()) {
      mp4.set(part, at);
      at += part.length;
    }
    return {
      mp4,
      startMs: samples[0].wallMs,
      durationMs: (clip.table.duration90k * 1000) / TIMESCALE,
      frames: samples.length,
      frameMs: (clip.table.frameStep90k * 1000) / TIMESCALE,
      newestMs: samples[samples.length - 1].wallMs,
    };
  } finally {
    range.release();
  }
}
