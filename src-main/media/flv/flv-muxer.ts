// Per-consumer FLV muxer: FLV header, onMetaData and sequence headers first, then one tag
// per access unit / audio frame. Video times come from the 90 kHz clock through a
// DecodeTimeline (starts at 0, survives reconnects); audio follows the video timeline.
import type { AudioFrame, MediaSample, TrackInfo, VideoAccessUnit } from '../types.js';
import { decoderConfigRecord } from '../fmp4/decoder-config.js';
import { DecodeTimeline, type TimelineOptions } from '../fmp4/timeline.js';
import { encodeScriptData, type AmfValue } from './amf0.js';
import { aacFrameTag, aacSequenceHeaderTag } from './audio-tags.js';
import { TAG_SCRIPT, flvHeader, tagFromBody } from './flv-tags.js';
import { CODEC_ID_AVC, CODEC_ID_HEVC, type HevcFlvForm, videoFrameTag, videoFrameTagParts, videoSequenceHeaderTag } from './video-tags.js';

export interface FlvMuxerOptions extends TimelineOptions {
  /** How H.265 is written; 'codec12' (default) or 'enhanced'. See video-tags.ts. */
  hevcForm?: HevcFlvForm;
  /** Carry AAC audio when the source has it (default true). Other audio codecs are never carried. */
  audio?: boolean;
  /** Written to onMetaData as `framerate`; players use it when the SPS has no timing info. */
  frameRate?: number;
}

export class FlvMuxer {
  private readonly form: HevcFlvForm;
  private readonly wantAudio: boolean;
  private readonly frameRate: number | undefined;
  private readonly timeline: DecodeTimeline;
  private tracks: TrackInfo;
  private videoStarted = false;
  private lastVideoMs = 0;
  /** output ms - input ms of the latest video sample: audio is placed with it. */
  private audioOffsetMs = 0;
  private audioAnchorMs: number | undefined;
  private lastAudioMs = 0;

  constructor(tracks: TrackInfo, options: FlvMuxerOptions = {}) {
    this.tracks = tracks;
    this.form = options.hevcForm ?? 'codec12';
    this.wantAudio = options.audio ?? true;
    this.frameRate = options.frameRate;
    this.timeline = new DecodeTimeline(options);
  }

  get hasVideo(): boolean {
    return this.tracks.video !== undefined;
  }

  /** Only AAC with a known AudioSpecificConfig can be announced and played. */
  get hasAudio(): boolean {
    const a = this.tracks.audio;
    return this.wantAudio && a !== undefined && a.codec === 'aac' && a.config !== undefined;
  }

  /** The first bytes for a consumer: FLV header, onMetaData and sequence headers, in one buffer. */
  start(): Buffer {
    return Buffer.concat([flvHeader(this.hasAudio, this.hasVideo), ...this.headerTags(0)]);
  }

  /** New sequence headers after the source's tracks changed (e.g. a resolution change on reconnect). */
  updateTracks(tracks: TrackInfo): Buffer {
    this.tracks = tracks;
    return Buffer.concat(this.headerTags(this.lastVideoMs));
  }

  /** The tag for one sample, or undefined when the sample is not carried (no such track, before the first video frame). */
  push(sample: MediaSample): Buffer | undefined {
    if (sample.kind === 'audio') return this.pushAudio(sample);
    const at = this.placeVideo(sample);
    return at && videoFrameTag(sample.codec, sample.nalus, sample.keyframe, this.form, at.ms, at.ctsMs);
  }

  /**
   * Like push(), but a video tag comes as parts referencing the NAL units (no copy); send
   * them as one message. Audio tags are small and come as a single part.
   */
  pushParts(sample: MediaSample): Uint8Array[] | undefined {
    if (sample.kind === 'audio') {
      const tag = this.pushAudio(sample);
      return tag && [tag];
    }
    const at = this.placeVideo(sample);
    return at && videoFrameTagParts(sample.codec, sample.nalus, sample.keyframe, this.form, at.ms, at.ctsMs);
  }

  private headerTags(timestampMs: number): Buffer[] {
    const tags: Buffer[] = [tagFromBody(TAG_SCRIPT, encodeScriptData('onMetaData', this.metadata()), timestampMs)];
    const v = this.tracks.video;
    if (v) tags.push(videoSequenceHeaderTag(v.codec, decoderConfigRecord(v), this.form, timestampMs));
    const a = this.tracks.audio;
    if (this.hasAudio && a?.config) tags.push(aacSequenceHeaderTag(a.config, timestampMs));
    return tags;
  }

  private metadata(): Record<string, AmfValue> {
    const m: Record<string, AmfValue> = { hasVideo: this.hasVideo, hasAudio: this.hasAudio };
    const v = this.tracks.video;
    if (v) {
      m.width = v.width;
      m.height = v.height;
      // The enhanced form has no numeric codec id; writers put the FourCC value there.
      m.videocodecid = v.codec === 'h264' ? CODEC_ID_AVC : this.form === 'enhanced' ? 0x68766331 : CODEC_ID_HEVC;
      if (this.frameRate) m.framerate = this.frameRate;
    }
    const a = this.tracks.audio;
    if (this.hasAudio && a) {
      m.audiocodecid = 10;
      m.audiosamplerate = a.sampleRate;
      m.stereo = a.channels > 1;
    }
    return m;
  }

  /** Output time of a video unit, or undefined when it is not carried. */
  private placeVideo(au: VideoAccessUnit): { ms: number; ctsMs: number } | undefined {
    const v = this.tracks.video;
    if (!v || au.codec !== v.codec) return undefined;
    if (!this.videoStarted && !au.keyframe) return undefined; // a decoder needs a keyframe first
    this.videoStarted = true;
    const t = this.timeline;
    t.advance(au.dts90k, au.pts90k);
    const ms = Math.round(t.dts / 90);
    this.lastVideoMs = ms;
    this.audioOffsetMs = t.dts / 90 - au.dts90k / 90;
    return { ms, ctsMs: Math.round(t.cts / 90) };
  }

  private pushAudio(frame: AudioFrame): Buffer | undefined {
    const a = this.tracks.audio;
    if (!this.hasAudio || !a || frame.codec !== 'aac') return undefined;
    const inMs = (frame.pts * 1000) / a.sampleRate;
    let ms: number;
    if (this.hasVideo) {
      if (!this.videoStarted) return undefined;
      ms = inMs + this.audioOffsetMs;
    } else {
      this.audioAnchorMs ??= inMs;
      ms = inMs - this.audioAnchorMs;
    }
    ms = Math.max(this.lastAudioMs, Math.round(ms));
    this.lastAudioMs = ms;
    return aacFrameTag(frame.data, ms);
  }
}
