// The playable plan for one tile, decided in the main process from the window's decoders and
// what the device offers: the stream as it is; else the camera's sub-stream; else an H.264
// re-encode; else dark with a reason. Pure, so every branch is a unit test.
import type { DarkReason, DecodeCapabilities } from '../../common/contract/stream.js';
import type { LiveSource, VideoCodec } from '../../devices/index.js';

export interface PlanCandidate {
  source: LiveSource;
  /** Learned from the stream itself when the device did not say (see the probe in the service). */
  codec?: VideoCodec | undefined;
}

export interface PlanInput {
  requested: PlanCandidate;
  /** The channel's sub-stream, when main was asked for and the device has one. */
  sub?: PlanCandidate | undefined;
  /** The window's decoders; absent means the caller plays the stream as it is. */
  decode?: DecodeCapabilities | undefined;
  /** The caller found the stream undecodable after all and asks for the re-encode. */
  forceTranscode: boolean;
  /** ffmpeg with libx264 is available. */
  canTranscode: boolean;
}

export type Plan = { plan: 'as_is' } | { plan: 'sub_stream' | 'transcode'; reason: DarkReason } | { plan: 'dark'; reason: DarkReason };

function codecOf(c: PlanCandidate): VideoCodec | undefined {
  return c.codec ?? c.source.codec;
}

/** A source the hub pulls itself (RTSP, platform FLV): the tile plays it as fMP4 from the gateway. */
export type HubSource = LiveSource & ({ kind: 'rtsp' } | { kind: 'relay'; input: 'flv-ws' | 'flv-http' });

export function hubTakes(source: LiveSource): source is HubSource {
  return source.kind === 'rtsp' || source.input === 'flv-ws' || source.input === 'flv-http';
}

/** Through mpegts.js (TS relayed as bytes) rather than fMP4: its own H.265 support decides. */
function viaMpegts(source: LiveSource): boolean {
  return source.kind === 'relay' && source.input === 'mpegts';
}

function playable(c: PlanCandidate, decode: DecodeCapabilities): boolean {
  switch (codecOf(c)) {
    case undefined:
      return true; // not known before the player sees it; it reports h265_unsupported if so
    case 'h264':
      return decode.h264;
    case 'h265':
      return viaMpegts(c.source) ? (decode.h265Flv ?? decode.h265) : decode.h265;
  }
}

export function planStream(input: PlanInput): Plan {
  const { requested, sub, decode } = input;
  const reason: DarkReason = codecOf(requested) === 'h265' ? 'h265_unsupported' : 'codec_unsupported';
  // The re-encode reads the hub's stream (RTSP or platform FLV) and yields H.264.
  const transcodable = input.canTranscode && hubTakes(requested.source) && (decode?.h264 ?? true);
  if (input.forceTranscode) return transcodable ? { plan: 'transcode', reason } : { plan: 'dark', reason };
  if (!decode || playable(requested, decode)) return { plan: 'as_is' };
  if (sub && codecOf(sub) !== 'h265' && playable(sub, decode)) return { plan: 'sub_stream', reason };
  if (transcodable) return { plan: 'transcode', reason };
  return { plan: 'dark', reason };
}

/** The requested codec has to be known to plan: only when the window lacks a decoder for some codec. */
export function codecMatters(decode: DecodeCapabilities | undefined): boolean {
  return decode !== undefined && !(decode.h264 && decode.h265 && (decode.h265Flv ?? decode.h265));
}
