// Per-consumer fMP4 state: turns the video access units of one stream into an init segment
// and one moof+mdat per access unit on a timeline that starts at 0 (see timeline.ts).
import type { VideoAccessUnit, VideoTrackInfo } from '../types.js';
import { decoderConfigRecord } from './decoder-config.js';
import { fragmentParts, writeFragment, type FragmentSample } from './fragment.js';
import { DEFAULT_TIMESCALE, buildVideoInitSegment } from './init-segment.js';
import { DecodeTimeline, type TimelineOptions } from './timeline.js';

export interface Fmp4FragmenterOptions extends TimelineOptions {
  /** Precomputed avcC/hvcC; by default built from the track's parameter sets. */
  decoderConfig?: Uint8Array;
}

/** What a player needs to set up MSE before the init segment arrives. */
export interface Fmp4StreamFacts {
  codec: VideoTrackInfo['codec'];
  /** RFC 6381 codec string, e.g. avc1.64001f */
  codecString: string;
  /** MSE type, e.g. video/mp4; codecs="avc1.64001f" */
  mimeType: string;
  width: number;
  height: number;
  timescale: number;
}

export class Fmp4Fragmenter {
  private currentTrack: VideoTrackInfo;
  private currentFacts: Fmp4StreamFacts;
  private initSegment: Uint8Array;
  private readonly timeline: DecodeTimeline;
  private sequence = 0;

  constructor(track: VideoTrackInfo, options: Fmp4FragmenterOptions = {}) {
    this.timeline = new DecodeTimeline(options);
    this.currentTrack = track;
    this.initSegment = buildInit(track, options.decoderConfig);
    this.currentFacts = factsOf(track);
  }

  get track(): VideoTrackInfo {
    return this.currentTrack;
  }

  get facts(): Fmp4StreamFacts {
    return this.currentFacts;
  }

  init(): Uint8Array {
    return this.initSegment;
  }

  /**
   * The source's parameters changed (e.g. new resolution after a reconnect): a new init
   * segment follows, the timeline continues so the player's buffer stays contiguous.
   */
  setTrack(track: VideoTrackInfo): void {
    this.initSegment = buildInit(track, undefined);
    this.currentTrack = track;
    this.currentFacts = factsOf(track);
  }

  /** moof+mdat for one access unit in one buffer. Units of another codec are refused. */
  fragment(au: VideoAccessUnit): Buffer {
    return writeFragment(this.place(au));
  }

  /** The same fragment as zero-copy parts (see fragmentParts()); send them as one message. */
  fragmentParts(au: VideoAccessUnit): Uint8Array[] {
    return fragmentParts(this.place(au));
  }

  private place(au: VideoAccessUnit): FragmentSample {
    if (au.codec !== this.currentTrack.codec) throw new Error(`access unit codec ${au.codec} does not match track codec ${this.currentTrack.codec}`);
    const t = this.timeline;
    t.advance(au.dts90k, au.pts90k);
    this.sequence = (this.sequence + 1) >>> 0;
    return {
      codec: au.codec,
      nalus: au.nalus,
      keyframe: au.keyframe,
      baseMediaDecodeTime: Math.round(t.dts),
      duration: Math.round(t.duration),
      compositionOffset: Math.round(t.cts),
      sequenceNumber: this.sequence,
    };
  }

  /** Decode time (timescale units) of the last fragment: pairs with its arrival time for latency figures. */
  get lastDecodeTime(): number {
    return Math.round(this.timeline.dts);
  }

  /** Number of fragments produced so far. */
  get fragments(): number {
    return this.sequence;
  }
}

function buildInit(track: VideoTrackInfo, decoderConfig: Uint8Array | undefined): Uint8Array {
  return buildVideoInitSegment({
    codec: track.codec,
    width: track.width,
    height: track.height,
    decoderConfig: decoderConfig ?? decoderConfigRecord(track),
  });
}

function factsOf(track: VideoTrackInfo): Fmp4StreamFacts {
  return {
    codec: track.codec,
    codecString: track.codecString,
    mimeType: `video/mp4; codecs="${track.codecString}"`,
    width: track.width,
    height: track.height,
    timescale: DEFAULT_TIMESCALE,
  };
}
