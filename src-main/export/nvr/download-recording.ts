// Fetches a span of a recorder's recording over RTSP replay into local segment files: PLAY
// with `Range: clock=` and `Rate-Control: no` (as fast as the recorder sends), each picture
// timed by the recorder (ONVIF 0xABAC extension), so that a gap in the recording stays a gap
// of its real length. When the disk falls behind, reading pauses and TCP slows the recorder.
import { SkywallError } from '../../common/model/errors.js';
import { RtspSession } from '../../media/rtsp/rtsp-session.js';
import type { ClockRange } from '../../media/rtsp/replay-range.js';
import type { VideoAccessUnit, VideoTrackInfo } from '../../media/types.js';
import { sampleBytes } from '../mux/sample-bytes.js';
import type { BufferedRange } from '../recorder/replay-buffer.js';
import { SegmentStore } from '../recorder/segment-store.js';
import { ExportError } from '../writer/index.js';

export interface RecordingSource {
  url: string;
  username?: string;
  password?: string;
  /** ONVIF Profile G replay (`Require: onvif-replay`); vendor URLs without it. */
  onvif: boolean;
  /** The URL itself names the span (Hikvision, Dahua, Uniview playback URLs): PLAY asks for npt=0-. */
  spanInUrl?: boolean;
}

export interface DownloadRequest {
  source: RecordingSource;
  /** In the recorder's clock. */
  range: Required<ClockRange>;
  /** Scratch folder on local disk (emptied first). */
  dir: string;
  signal?: AbortSignal;
  /** Recorder time reached, ms since the start of the range; at most every 200 ms. */
  onProgress?(doneMs: number, spanMs: number): void;
  timeoutMs?: number;
}

export interface DownloadedRecording {
  /** All pictures downloaded, as a range the muxer reads. */
  range: BufferedRange;
  /** Recorder time of the first picture, ms since the epoch. */
  firstRecordedMs: number;
  pictures: number;
  /** Pictures the recorder marked as the first after a gap. */
  discontinuities: number;
  /** False when the recorder sent no 0xABAC times and pictures were timed from RTP. */
  recorderTimes: boolean;
}

const HIGH_WATER_BYTES = 8 * 1024 * 1024;

export async function downloadRecording(req: DownloadRequest): Promise<DownloadedRecording> {
  const { range, source } = req;
  const store = new SegmentStore({ dir: req.dir, keepMs: Number.POSITIVE_INFINITY, maxBytes: Number.POSITIVE_INFINITY, segmentMs: 10_000 });
  await store.init();
  if (req.signal?.aborted) throw new ExportError('cancelled', 'cancelled before the download started');
  const session = new RtspSession({
    url: source.url,
    username: source.username,
    password: source.password,
    audio: false,
    timeoutMs: req.timeoutMs ?? 10_000,
    replay: { ...(source.spanInUrl ? {} : { range }), rateControl: false, onvif: source.onvif },
  });

  let track: VideoTrackInfo | undefined;
  let first: { recordedMs: number; pts90k: number } | undefined;
  let lastDts = -1;
  let pictures = 0;
  let discontinuities = 0;
  let recorderTimes = true;
  let paused = false;
  let lastProgress = 0;
  let stopReason: Error | undefined;

  const stopWith = (err: Error | undefined): void => {
    stopReason ??= err;
    void session.stop();
  };

  const onWritten = (): void => {
    if (paused && store.unflushedBytes < HIGH_WATER_BYTES / 4) {
      paused = false;
      session.resumeReading();
    }
  };

  const onPicture = (au: VideoAccessUnit): void => {
    if (!track || stopReason || session.state !== 'playing') return;
    if (au.recordedAtMs === undefined) recorderTimes = false;
    // Without recorder times, RTP time from the start of the span (what the PLAY answer said).
    const recordedMs = au.recordedAtMs ?? (session.playRange?.from ?? range.from) + (au.pts90k - (first?.pts90k ?? au.pts90k)) / 90;
    if (recordedMs >= range.to) {
      stopWith(undefined);
      return;
    }
    if (!first) {
      if (!au.keyframe) return;
      first = { recordedMs, pts90k: au.pts90k };
    }
    // A picture whose recorder time does not advance goes one tick after the one before.
    const dts = Math.max(lastDts + 1, Math.round((recordedMs - first.recordedMs) * 90));
    lastDts = dts;
    pictures++;
    if (au.afterGap) discontinuities++;
    store.append(track, sampleBytes(au.nalus), { dts90k: dts, pts90k: dts, keyframe: au.keyframe, wallMs: first.recordedMs + dts / 90 }, onWritten);
    if (!paused && store.unflushedBytes > HIGH_WATER_BYTES) {
      paused = true;
      session.pauseReading();
    }
    const now = Date.now();
    if (req.onProgress && now - lastProgress >= 200) {
      lastProgress = now;
      req.onProgress(Math.max(0, recordedMs - range.from), range.to - range.from);
    }
  };

  session.on('tracks', (t) => {
    if (!t.video) return;
    if (track && (t.video.width !== track.width || t.video.height !== track.height || t.video.codec !== track.codec)) {
      stopWith(new SkywallError('unsupported_format', `the recording changes its picture format at ${new Date(first?.recordedMs ?? range.from).toISOString()}; export the spans before and after the change separately`, { reason: 'format_changed' }));
      return;
    }
    track = t.video;
  });
  session.on('sample', (s) => {
    if (s.kind === 'video') onPicture(s);
  });
  const closed = new Promise<Error | undefined>((resolve) => session.on('close', (e) => resolve(e.error)));
  const onAbort = (): void => stopWith(new ExportError('cancelled', 'the download was cancelled'));
  req.signal?.addEventListener('abort', onAbort, { once: true });
  try {
    await session.start();
    const failed = await closed;
    if (stopReason) throw stopReason;
    if (failed) throw failed;
  } finally {
    req.signal?.removeEventListener('abort', onAbort);
    await store.flushed();
    await store.close();
  }
  if (store.error) throw new SkywallError('internal', `the download could not be kept on local disk: ${store.error.message}`);
  const segments = store.segments;
  if (!first || !track || segments.length === 0) {
    throw new SkywallError('not_found', `the recorder sent no pictures for ${new Date(range.from).toISOString()} to ${new Date(range.to).toISOString()}`, { reason: 'no_recording' });
  }
  req.onProgress?.(range.to - range.from, range.to - range.from);
  return {
    range: { track: segments[0].track, segments: segments.map((segment) => ({ segment, from: 0 })), release: () => undefined },
    firstRecordedMs: first.recordedMs,
    pictures,
    discontinuities,
    recorderTimes,
  };
}
