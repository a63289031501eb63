// One live picture source for the fake platform: the committed demo clip looped in real time,
// like a GB28181 channel that ZLMediaKit receives once and fans out to every protocol.
// Frame k is due at start + k/fps on the monotonic clock, so timer jitter does not drift the
// rate; pts runs on across loops. A GOP cache (pictures since the last keyframe) lets a new
// viewer start at once on a keyframe, as ZLMediaKit does.
import path from 'node:path';
import { loadDemoClips, type DemoClip } from '../../../src-main/demo/rtsp/demo-clips.js';
import { videoTrackInfo } from '../../../src-main/media/codec/track-info.js';
import type { TrackInfo, VideoAccessUnit } from '../../../src-main/media/types.js';
import { ROOT } from '../host-app.js';

export type UnitListener = (au: VideoAccessUnit) => void;

const START_CODE = Uint8Array.of(0, 0, 0, 1);

export class ClipSource {
  readonly tracks: TrackInfo;
  readonly fps: number;
  private readonly listeners = new Set<UnitListener>();
  private gop: VideoAccessUnit[] = [];
  private frame = 0;
  private startedAt = 0;
  private timer: ReturnType<typeof setTimeout> | undefined;

  private constructor(private readonly clip: DemoClip) {
    this.fps = clip.fps;
    this.tracks = { video: videoTrackInfo(clip.codec, clip.params) };
  }

  /** Loads assets/demo/demo-h264.h264 (640x360, 25 fps, 1 s GOP). Call start() to run it. */
  static async demo(): Promise<ClipSource> {
    const clip = (await loadDemoClips(path.join(ROOT, 'assets'))).get('h264');
    if (!clip) throw new Error('assets/demo/clips.json lists no h264 clip');
    return new ClipSource(clip);
  }

  start(): void {
    if (this.timer) return;
    this.startedAt = performance.now();
    this.frame = 0;
    this.tick();
  }

  stop(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    this.gop = [];
  }

  /** Sends the cached GOP (starting at a keyframe) to the listener at once, then every new picture. */
  subscribe(listener: UnitListener): () => void {
    for (const au of this.gop) listener(au);
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** One access unit as an Annex-B byte stream (for ffmpeg's raw h264 demuxer). */
  static annexB(au: VideoAccessUnit): Buffer {
    const parts: Uint8Array[] = [];
    for (const nal of au.nalus) parts.push(START_CODE, nal);
    return Buffer.concat(parts);
  }

  private tick(): void {
    const frameMs = 1000 / this.fps;
    // Emit every picture that is due (a late timer catches up instead of slowing the clock).
    while (this.startedAt + this.frame * frameMs <= performance.now()) this.emit();
    const wait = this.startedAt + this.frame * frameMs - performance.now();
    this.timer = setTimeout(() => this.tick(), Math.max(0, wait));
  }

  private emit(): void {
    const units = this.clip.units;
    const unit = units[this.frame % units.length];
    const pts90k = Math.round((this.frame * 90_000) / this.fps);
    const au: VideoAccessUnit = { kind: 'video', codec: this.clip.codec, nalus: unit.nalus, pts90k, dts90k: pts90k, keyframe: unit.keyframe, receivedAt: Date.now() };
    this.frame++;
    if (au.keyframe) this.gop = [];
    this.gop.push(au);
    for (const l of this.listeners) l(au);
  }
}
