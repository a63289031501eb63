// FLV bytes -> the tracks and samples every hub producer emits: the same VideoAccessUnit (NAL
// units without prefixes, 90 kHz times starting near 0, keyframe flag) and AudioFrame (raw AAC)
// the RTSP ingest produces, so a platform's FLV stream takes the fMP4 path of a direct camera.
// Tracks are announced at the first picture (with AAC when its config came first) and again
// only when a sequence header changes.
import { SkywallError } from '../../common/model/errors.js';
import { checkSupportedPicture } from '../codec/format-limits.js';
import { videoTrackInfo } from '../codec/track-info.js';
import type { AudioTrackInfo, MediaSample, TrackInfo, VideoCodec, VideoTrackInfo } from '../types.js';
import { aacTrackInfo } from './aac-config.js';
import { readAvcC, readHvcC, splitLengthPrefixed, type DecoderConfig } from './decoder-config-reader.js';
import { FlvTagReader, type FlvTag } from './flv-tag-reader.js';
import { TAG_AUDIO, TAG_VIDEO } from './flv-tags.js';
import { readVideoTag } from './video-tag-reader.js';

export type FlvDemuxEvent = { type: 'tracks'; tracks: TrackInfo } | { type: 'sample'; sample: MediaSample };

const SOUND_FORMAT_AAC = 10;

interface VideoState {
  codec: VideoCodec;
  config: DecoderConfig;
  info: VideoTrackInfo;
  recordKey: string;
}

function bytesKey(b: Uint8Array): string {
  return Buffer.from(b.buffer, b.byteOffset, b.byteLength).toString('base64');
}

export class FlvDemuxer {
  private readonly tags = new FlvTagReader();
  private video: VideoState | undefined;
  private audio: AudioTrackInfo | undefined;
  private audioKey = '';
  private announced: TrackInfo | undefined;
  private baseMs: number | undefined;
  private readonly now: () => number;

  constructor(options: { now?: () => number } = {}) {
    this.now = options.now ?? Date.now;
  }

  /** The tracks announced so far. */
  get tracks(): TrackInfo | undefined {
    return this.announced;
  }

  /**
   * Feeds bytes (cut anywhere); returns what they completed, in order. Throws SkywallError:
   * `protocol` for bytes that are not FLV, `unsupported_codec` for a video codec other than
   * H.264/H.265, `unsupported_format` for parameter sets that cannot be read or a picture too big.
   */
  push(chunk: Uint8Array): FlvDemuxEvent[] {
    const out: FlvDemuxEvent[] = [];
    const receivedAt = this.now();
    for (const tag of this.tags.push(chunk)) {
      if (tag.type === TAG_VIDEO) this.onVideo(tag, receivedAt, out);
      else if (tag.type === TAG_AUDIO) this.onAudio(tag, receivedAt, out);
    }
    return out;
  }

  private relativeMs(tag: FlvTag): number {
    this.baseMs ??= tag.timestampMs;
    return Math.max(0, tag.timestampMs - this.baseMs);
  }

  private onVideo(tag: FlvTag, receivedAt: number, out: FlvDemuxEvent[]): void {
    const content = readVideoTag(tag.body);
    if (content.kind === 'skip') return;
    if (content.kind === 'config') {
      this.takeVideoConfig(content.codec, content.record);
      return;
    }
    const v = this.video;
    if (!v || v.codec !== content.codec) return; // a picture before its sequence header cannot be decoded
    const nalus = splitLengthPrefixed(content.data, v.config.lengthSize);
    if (nalus.length === 0) return;
    if (this.announced?.video !== v.info) {
      if (!content.keyframe) return; // start on a keyframe, as the hub's GOP cache expects
      this.announce(out);
    }
    const dts90k = this.relativeMs(tag) * 90;
    const pts90k = Math.max(0, dts90k + content.ctsMs * 90);
    out.push({ type: 'sample', sample: { kind: 'video', codec: v.codec, nalus, pts90k, dts90k, keyframe: content.keyframe, receivedAt } });
  }

  private takeVideoConfig(codec: VideoCodec, record: Uint8Array): void {
    const recordKey = `${codec}:${bytesKey(record)}`;
    if (this.video?.recordKey === recordKey) return; // repeated before every keyframe by some servers
    const config = codec === 'h264' ? readAvcC(record) : readHvcC(record);
    let info: VideoTrackInfo;
    try {
      info = videoTrackInfo(codec, config);
    } catch (e) {
      throw new SkywallError('unsupported_format', `unreadable ${codec} parameter sets in FLV: ${(e as Error).message}`, { reason: 'parameter_sets' });
    }
    checkSupportedPicture(info);
    this.video = { codec, config, info, recordKey };
  }

  private onAudio(tag: FlvTag, receivedAt: number, out: FlvDemuxEvent[]): void {
    const body = tag.body;
    if (body.length < 2 || body[0]! >> 4 !== SOUND_FORMAT_AAC) return; // G.711, MP3...: not carried to tiles
    if (body[1] === 0) {
      const key = bytesKey(body.subarray(2));
      if (key === this.audioKey) return;
      this.audio = aacTrackInfo(body.subarray(2));
      this.audioKey = key;
      if (this.announced) this.announce(out);
      return;
    }
    const a = this.audio;
    if (!a || !this.announced?.audio) return;
    const pts = Math.round((this.relativeMs(tag) * a.sampleRate) / 1000);
    out.push({ type: 'sample', sample: { kind: 'audio', codec: 'aac', data: body.subarray(2), pts, receivedAt } });
  }

  private announce(out: FlvDemuxEvent[]): void {
    const tracks: TrackInfo = {};
    if (this.video) tracks.video = this.video.info;
    if (this.audio) tracks.audio = this.audio;
    this.announced = tracks;
    out.push({ type: 'tracks', tracks });
  }
}
