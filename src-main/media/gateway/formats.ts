// What goes on the wire for each live format. A formatter turns hub callbacks into
// WebSocket messages (strings are sent as text frames, bytes as binary frames).
import { clockMessage, factsMessage, rateMessage } from '../../common/wire/gateway.js';
import { FlvMuxer } from '../flv/flv-muxer.js';
import { Fmp4Fragmenter } from '../fmp4/fragmenter.js';
import type { MediaSample, TrackInfo } from '../types.js';
import { sameTracks } from './same-tracks.js';

export type WireMessage = string | Uint8Array;

export interface StreamFormatter {
  /** Messages for new or changed tracks (nothing when they did not change). */
  tracks(tracks: TrackInfo): WireMessage[];
  /** The message for one sample as parts (sent as one message), or undefined when this format does not carry it. */
  sample(sample: MediaSample): Uint8Array[] | undefined;
  /** Optional text to send after a sample, e.g. the fMP4 clock pairing media time with wall time. */
  after?(sample: MediaSample): string | undefined;
  /** Optional text telling the player that keyframes only (or every frame again) follow from here. */
  rate?(keyframesOnly: boolean): string | undefined;
}

/**
 * fMP4: a JSON facts text message (common/wire/gateway.ts), the init segment, then one moof+mdat per video access
 * unit. Video only: MSE plays a live video-only SourceBuffer without waiting for audio.
 */
export class Fmp4Formatter implements StreamFormatter {
  private fragmenter: Fmp4Fragmenter | undefined;
  private last: TrackInfo | undefined;

  constructor(private readonly streamId: string) {}

  tracks(tracks: TrackInfo): WireMessage[] {
    if (!tracks.video) return [];
    if (this.last && sameTracks(this.last, tracks)) return [];
    this.last = tracks;
    if (this.fragmenter) this.fragmenter.setTrack(tracks.video);
    else this.fragmenter = new Fmp4Fragmenter(tracks.video);
    const { codec, codecString, width, height, timescale } = this.fragmenter.facts;
    // fMP4 tiles are video-only; the player shows that the camera's audio is not played.
    const facts = factsMessage({ streamId: this.streamId, codec, codecString, width, height, timescale, audioCodec: tracks.audio?.codec });
    return [facts, this.fragmenter.init()];
  }

  sample(sample: MediaSample): Uint8Array[] | undefined {
    if (sample.kind !== 'video' || !this.fragmenter || sample.codec !== this.fragmenter.track.codec) return undefined;
    return this.fragmenter.fragmentParts(sample);
  }

  /**
   * At each keyframe: which wall-clock moment (the unit's arrival in main) the media time just
   * sent stands for, so the player can show ingest-to-display latency per tile.
   */
  after(sample: MediaSample): string | undefined {
    if (sample.kind !== 'video' || !sample.keyframe || !this.fragmenter) return undefined;
    return clockMessage({ dts: this.fragmenter.lastDecodeTime, wallMs: sample.receivedAt });
  }

  rate(keyframesOnly: boolean): string {
    return rateMessage(keyframesOnly);
  }
}

/** FLV: header + onMetaData + sequence headers in one binary message, then one tag per message. */
export class FlvFormatter implements StreamFormatter {
  private muxer: FlvMuxer | undefined;
  private last: TrackInfo | undefined;

  constructor(private readonly audio: boolean) {}

  tracks(tracks: TrackInfo): WireMessage[] {
    if (this.last && sameTracks(this.last, tracks)) return [];
    this.last = tracks;
    if (this.muxer) return [this.muxer.updateTracks(tracks)];
    this.muxer = new FlvMuxer(tracks, { audio: this.audio });
    return [this.muxer.start()];
  }

  sample(sample: MediaSample): Uint8Array[] | undefined {
    return this.muxer?.pushParts(sample);
  }
}
