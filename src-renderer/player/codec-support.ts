// Can this renderer decode the stream, and if not, what should the tile do instead?
// canDecode/probeDecodeCaps ask the platform; chooseSource is pure logic over their answers.
import { familyOfCodecString } from '@common/wire/gateway.js';
import { mp4Mime, pickMediaSource } from './mse-support.js';
import type { PlayerSource, Transport } from './types.js';

/** Representative codec strings for probing: High@L3.1 and Main@L3.1 cover CCTV main/sub streams. */
export const PROBE_H264 = 'avc1.64001f';
export const PROBE_H265 = 'hvc1.1.6.L93.B0';

export interface TypeSupportProbe {
  isTypeSupported(mime: string): boolean;
}

/** True when MSE here can play `codecString` (an RFC 6381 string like avc1.64001e or hvc1.1.6.L93.B0). */
export function canDecode(codecString: string, probe: TypeSupportProbe | null = pickMediaSource()?.ctor ?? null): boolean {
  if (!probe) return false;
  try {
    return probe.isTypeSupported(mp4Mime(codecString));
  } catch {
    return false;
  }
}

export interface DecodeCaps {
  /** H.264 through MSE (fMP4 gateway, and what mpegts.js / video.js remux into). */
  h264: boolean;
  /** H.265 through MSE as hvc1 in fMP4. */
  h265: boolean;
  /** mpegts.js can play H.265 from FLV/TS (getFeatureList().mseH265Playback). */
  h265Flv: boolean;
}

/** mpegts.getFeatureList() subset; pass it when mpegts.js is loaded (see probeDecodeCapsWithMpegts). */
export interface MpegtsFeatures {
  mseH265Playback: boolean;
}

export function probeDecodeCaps(probe: TypeSupportProbe | null = pickMediaSource()?.ctor ?? null, mpegts?: MpegtsFeatures): DecodeCaps {
  const h265 = canDecode(PROBE_H265, probe);
  return { h264: canDecode(PROBE_H264, probe), h265, h265Flv: mpegts ? mpegts.mseH265Playback && h265 : h265 };
}

/** Same, asking mpegts.js too (loads it lazily; it is large). */
export async function probeDecodeCapsWithMpegts(): Promise<DecodeCaps> {
  const mod = await import('mpegts.js');
  return probeDecodeCaps(undefined, mod.default.getFeatureList());
}

export type SourceFacts = PlayerSource & {
  /** Full codec string when known (from the gateway); refines videoCodec. */
  codecString?: string | undefined;
};

export interface SourceAlternatives {
  /** The camera's H.264 sub-stream, if it has one (its codec may be unknown until opened). */
  subStream?: SourceFacts | undefined;
  /** The main process can transcode H.265 to H.264 for this stream. */
  canTranscode?: boolean | undefined;
}

export type DarkReason = 'h265_unsupported' | 'codec_unsupported';

export type SourceChoice =
  | { action: 'play'; source: SourceFacts }
  | { action: 'use_substream'; source: SourceFacts; reason: DarkReason }
  | { action: 'request_transcode'; reason: DarkReason }
  | { action: 'dark'; reason: DarkReason };

type Family = 'h264' | 'h265' | 'unknown';

function familyOf(facts: SourceFacts): Family {
  const family = facts.codecString ? familyOfCodecString(facts.codecString) : undefined;
  return family ?? facts.videoCodec ?? 'unknown';
}

function playable(facts: SourceFacts, caps: DecodeCaps): boolean {
  switch (familyOf(facts)) {
    case 'unknown':
      return true; // cannot tell before opening; the player reports a codec error if wrong
    case 'h264':
      return caps.h264;
    case 'h265':
      return isFlvFamily(facts.transport) ? caps.h265Flv : caps.h265;
  }
}

function isFlvFamily(t: Transport): boolean {
  return t === 'flv-ws' || t === 'flv-http' || t === 'mpegts';
}

/**
 * Decide what a tile plays. Order: the stream as it is; else the camera's sub-stream when that
 * is (or may be) H.264; else ask the main process to transcode; else stay dark with a reason
 * the tile can show (i18n key error.player.<reason>).
 */
export function chooseSource(facts: SourceFacts, alternatives: SourceAlternatives = {}, caps: DecodeCaps = probeDecodeCaps()): SourceChoice {
  if (playable(facts, caps)) return { action: 'play', source: facts };
  const reason: DarkReason = familyOf(facts) === 'h265' ? 'h265_unsupported' : 'codec_unsupported';
  const sub = alternatives.subStream;
  if (sub && familyOf(sub) !== 'h265' && playable(sub, caps)) return { action: 'use_substream', source: sub, reason };
  if (alternatives.canTranscode) return { action: 'request_transcode', reason };
  return { action: 'dark', reason };
}
