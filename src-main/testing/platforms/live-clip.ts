// Test kit: a demo clip looped in real time as a live source (frame k due at start + k/fps on
// the monotonic clock; pts runs on across loops), with a GOP cache so a new viewer starts on a
// keyframe at once, the way a platform's media server fans one channel out to every viewer.
import type { TrackInfo, VideoAccessUnit, VideoCodec } from '../../media/types.js';
import { loadDemoClip, type DemoClip } from '../fmp4/demo-units.js';

export type UnitListener = (au: VideoAccessUnit) => void;

export class LiveClip {
  readonly tracks: TrackInfo;
  private readonly listeners = new Set<UnitListener>();
  private gop: VideoAccessUnit[] = [];
  private frame = 0;
  private startedAt = 0;
  private timer: ReturnType<typeof setTimeout> | undefined;

  private constructor(
    private readonly clip: DemoClip,
    readonly fps: number,
  ) {
    this.tracks = { video: clip.track };
  }

  static async load(codec: VideoCodec = 'h264', fps = 25): Promise<LiveClip> {
    return new LiveClip(await loadDemoClip(codec), fps);
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

  /** The cached GOP at once, then every new picture. */
  subscribe(listener: UnitListener): () => void {
    for (const au of this.gop) listener(au);
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private tick(): void {
    const frameMs = 1000 / this.fps;
    while (this.startedAt + this.frame * frameMs <= performance.now()) this.emit();
    const wait = this.startedAt + this.frame * frameMs - performance.now();
    this.timer = setTimeout(() => this.tick(), Math.max(0, wait));
    this.timer.unref?.();
  }

  private emit(): void {
    const units = this.clip.units;
    const unit = units[this.frame % units.length]!;
    const pts90k = Math.round((this.frame * 90_000) / this.fps);
    const au: VideoAccessUnit = { ...unit, pts90k, dts90k: pts90k, receivedAt: Date.now() };
    this.frame++;
    if (au.keyframe) this.gop = [];
    this.gop.push(au);
    for (const l of this.listeners) l(au);
  }
}
