// The demo camera's archive: a synthetic recording of one clip, 30 minutes by default, with
// gaps where "the recorder" did not record. Pictures are the looped clip at its frame rate;
// each contiguous section starts at the clip's first picture (a keyframe). A replay asks for a
// span with `Range: clock=`; it starts at the keyframe at or before the span's start.
import { SkywallError } from '../../common/model/errors.js';
import type { AnnexBAccessUnit } from './annexb.js';
import type { DemoClip } from './demo-clips.js';

export interface DemoArchiveGap {
  /** ms after the archive's start; whole seconds. */
  fromMs: number;
  toMs: number;
}

/** Default gaps of a 30-minute archive: 45 s, 100 s and 3 s without recording. */
export const DEFAULT_ARCHIVE_GAPS: readonly DemoArchiveGap[] = [
  { fromMs: 7 * 60_000, toMs: 7 * 60_000 + 45_000 },
  { fromMs: 16 * 60_000 + 20_000, toMs: 18 * 60_000 },
  { fromMs: 24 * 60_000 + 10_000, toMs: 24 * 60_000 + 13_000 },
];
export const DEFAULT_ARCHIVE_MS = 30 * 60_000;

export interface ArchiveSection {
  fromMs: number;
  toMs: number;
}

export interface ArchiveFrame {
  /** Recorder time of the picture, ms since the epoch. */
  timeMs: number;
  unit: AnnexBAccessUnit;
  /** The first picture after a gap (not the first of the replay). */
  afterGap: boolean;
  /** The last picture before a gap, within the replay. */
  endOfSection: boolean;
  /** The last picture of the replay. */
  last: boolean;
}

export class DemoArchive {
  readonly sections: readonly ArchiveSection[];
  readonly startMs: number;
  readonly endMs: number;
  private readonly frameMs: number;

  constructor(
    readonly clip: DemoClip,
    startMs: number,
    durationMs: number = DEFAULT_ARCHIVE_MS,
    gaps: readonly DemoArchiveGap[] = DEFAULT_ARCHIVE_GAPS,
  ) {
    const whole = (ms: number) => Number.isInteger(ms / 1000);
    if (!whole(startMs) || !whole(durationMs) || durationMs <= 0) throw new SkywallError('bad_payload', 'demo archive start and length must be whole seconds');
    const gopMs = (clip.units.findIndex((u, i) => i > 0 && u.keyframe) * 1000) / clip.fps;
    if (!(gopMs > 0) || !Number.isInteger(1000 / gopMs) || (clip.units.length * 1000) / clip.fps % 1000 !== 0) {
      throw new SkywallError('bad_payload', 'demo archive needs a clip with keyframes on whole seconds');
    }
    this.startMs = startMs;
    this.endMs = startMs + durationMs;
    this.frameMs = 1000 / clip.fps;
    const sections: ArchiveSection[] = [];
    let at = 0;
    for (const g of gaps) {
      if (!whole(g.fromMs) || !whole(g.toMs) || g.fromMs <= at || g.toMs <= g.fromMs || g.toMs >= durationMs) {
        throw new SkywallError('bad_payload', 'demo archive gaps must be whole seconds, in order, inside the archive, with recording between them');
      }
      sections.push({ fromMs: startMs + at, toMs: startMs + g.fromMs });
      at = g.toMs;
    }
    sections.push({ fromMs: startMs + at, toMs: this.endMs });
    this.sections = sections;
  }

  /**
   * The span actually played for a request (clamped to the archive, start moved back to a
   * keyframe or forward out of a gap), or undefined when nothing of it is recorded.
   */
  playable(fromMs: number, toMs: number = this.endMs): { fromMs: number; toMs: number } | undefined {
    const to = Math.min(toMs, this.endMs);
    for (const s of this.sections) {
      if (s.toMs <= fromMs) continue;
      if (s.fromMs >= to) return undefined;
      // Keyframes fall on whole seconds of a section (the clip's GOP divides a second).
      const start = fromMs <= s.fromMs ? s.fromMs : s.fromMs + Math.floor((fromMs - s.fromMs) / 1000) * 1000;
      return { fromMs: start, toMs: to };
    }
    return undefined;
  }

  /** The pictures of a playable span, in order. */
  *frames(span: { fromMs: number; toMs: number }): Generator<ArchiveFrame> {
    const { units } = this.clip;
    let pending: ArchiveFrame | undefined;
    let first = true;
    for (const s of this.sections) {
      if (s.toMs <= span.fromMs || s.fromMs >= span.toMs) continue;
      const count = Math.round((Math.min(s.toMs, span.toMs) - s.fromMs) / this.frameMs);
      const startIndex = Math.max(0, Math.round((span.fromMs - s.fromMs) / this.frameMs));
      for (let j = startIndex; j < count; j++) {
        const frame: ArchiveFrame = { timeMs: s.fromMs + Math.round(j * this.frameMs), unit: units[j % units.length], afterGap: !first && j === startIndex, endOfSection: false, last: false };
        if (pending) yield pending;
        pending = frame;
      }
      if (pending) pending.endOfSection = true;
      first = false;
    }
    if (pending) {
      pending.last = true;
      yield pending;
    }
  }
}
