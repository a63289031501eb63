// Picks the tracks Skywall can ingest from an SDP: the first H.264/H.265 video and the first
// AAC (mpeg4-generic) / G.711 audio, with what their depacketizers need from fmtp.
import type { AudioCodec, AudioTrackInfo, VideoCodec } from '../types.js';
import { AAC_HBR, type AacPayloadFormat } from '../rtp/audio-depacketizer.js';
import { resolveControl } from './rtsp-url.js';
import type { SdpMedia, SessionDescription } from './sdp.js';

export interface VideoTrackSpec {
  kind: 'video';
  codec: VideoCodec;
  payloadType: number;
  clockRate: number;
  controlUrl: string;
  vps?: Uint8Array;
  sps?: Uint8Array;
  pps?: Uint8Array;
  donl: boolean;
}

export interface AudioTrackSpec {
  kind: 'audio';
  codec: AudioCodec;
  payloadType: number;
  clockRate: number;
  controlUrl: string;
  info: AudioTrackInfo;
  aac?: AacPayloadFormat;
}

export type TrackSpec = VideoTrackSpec | AudioTrackSpec;

export interface TrackSelection {
  video?: VideoTrackSpec;
  audio?: AudioTrackSpec;
  /** Media sections skipped, e.g. "video MJPEG", "audio G726-32": for error messages. */
  unsupported: string[];
}

export function selectTracks(sdp: SessionDescription, baseUrl: string): TrackSelection {
  const result: TrackSelection = { unsupported: [] };
  for (const media of sdp.media) {
    if (media.type === 'video' && !result.video) {
      const v = videoSpec(media, baseUrl);
      if (v) result.video = v;
      else result.unsupported.push(describe(media));
    } else if (media.type === 'audio' && !result.audio) {
      const a = audioSpec(media, baseUrl);
      if (a) result.audio = a;
      else result.unsupported.push(describe(media));
    }
  }
  return result;
}

function describe(media: SdpMedia): string {
  const names = media.formats.map((pt) => media.rtpmap.get(pt)?.encoding ?? `PT${pt}`);
  return `${media.type} ${names.join('/')}`;
}

function videoSpec(media: SdpMedia, baseUrl: string): VideoTrackSpec | undefined {
  for (const pt of media.formats) {
    const map = media.rtpmap.get(pt);
    const name = map?.encoding.toUpperCase();
    const codec: VideoCodec | undefined = name === 'H264' ? 'h264' : name === 'H265' || name === 'HEVC' ? 'h265' : undefined;
    if (!codec || !map) continue;
    const fmtp = media.fmtp.get(pt) ?? {};
    const spec: VideoTrackSpec = { kind: 'video', codec, payloadType: pt, clockRate: map.clockRate, controlUrl: resolveControl(baseUrl, media.control), donl: false };
    if (codec === 'h264') {
      if ((fmtp['packetization-mode'] ?? '0') === '2') continue; // interleaved mode: not supported
      for (const nal of base64List(fmtp['sprop-parameter-sets'])) {
        const type = nal[0] & 0x1f;
        if (type === 7 && !spec.sps) spec.sps = nal;
        if (type === 8 && !spec.pps) spec.pps = nal;
      }
    } else {
      spec.vps = base64List(fmtp['sprop-vps'])[0];
      spec.sps = base64List(fmtp['sprop-sps'])[0];
      spec.pps = base64List(fmtp['sprop-pps'])[0];
      spec.donl = Number(fmtp['sprop-max-don-diff'] ?? 0) > 0 || Number(fmtp['sprop-depack-buf-nalus'] ?? 0) > 0;
    }
    return spec;
  }
  return undefined;
}

function audioSpec(media: SdpMedia, baseUrl: string): AudioTrackSpec | undefined {
  for (const pt of media.formats) {
    const map = media.rtpmap.get(pt);
    const name = map?.encoding.toUpperCase();
    const controlUrl = resolveControl(baseUrl, media.control);
    // Static payload types 0 and 8 may come without rtpmap (RFC 3551).
    if (name === 'PCMU' || name === 'PCMA' || (!map && (pt === 0 || pt === 8))) {
      const codec: AudioCodec = name === 'PCMU' || (!map && pt === 0) ? 'pcmu' : 'pcma';
      const sampleRate = map?.clockRate ?? 8000;
      const channels = map?.channels ?? 1;
      return { kind: 'audio', codec, payloadType: pt, clockRate: sampleRate, controlUrl, info: { codec, sampleRate, channels } };
    }
    if (name === 'MPEG4-GENERIC' && map) {
      const fmtp = media.fmtp.get(pt) ?? {};
      const aac = aacFormat(fmtp);
      if (!aac) continue;
      const config = hexBytes(fmtp['config']);
      const channels = map.channels ?? (config ? ascChannels(config) : undefined) ?? 1;
      return {
        kind: 'audio',
        codec: 'aac',
        payloadType: pt,
        clockRate: map.clockRate,
        controlUrl,
        info: { codec: 'aac', sampleRate: map.clockRate, channels, ...(config ? { config } : {}) },
        aac,
      };
    }
  }
  return undefined;
}

function aacFormat(fmtp: Record<string, string>): AacPayloadFormat | undefined {
  const mode = (fmtp['mode'] ?? '').toLowerCase();
  if (mode !== 'aac-hbr' && mode !== 'aac-lbr') return undefined;
  // AU-header fields we do not read (CTS/DTS deltas, RAP/stream-state flags) must be absent.
  for (const key of ['ctsdeltalength', 'dtsdeltalength', 'randomaccessindication', 'streamstateindication', 'auxiliarydatasizelength']) {
    if (Number(fmtp[key] ?? 0) !== 0) return undefined;
  }
  const num = (key: string, fallback: number) => {
    const v = Number(fmtp[key]);
    return Number.isInteger(v) && v >= 0 ? v : fallback;
  };
  const sizeLength = num('sizelength', mode === 'aac-hbr' ? AAC_HBR.sizeLength : 6);
  if (sizeLength < 1 || sizeLength > 16) return undefined;
  return {
    sizeLength,
    indexLength: num('indexlength', mode === 'aac-hbr' ? AAC_HBR.indexLength : 2),
    indexDeltaLength: num('indexdeltalength', mode === 'aac-hbr' ? AAC_HBR.indexDeltaLength : 2),
    frameDuration: num('constantduration', 1024) || 1024,
  };
}

/** channelConfiguration from an AudioSpecificConfig (ISO 14496-3 1.6.2.1), if readable. */
function ascChannels(asc: Uint8Array): number | undefined {
  if (asc.length < 2) return undefined;
  const freqIndex = ((asc[0] & 0x07) << 1) | (asc[1] >> 7);
  if (freqIndex === 15) return undefined; // explicit 24-bit frequency follows: rare, skip
  const channels = (asc[1] >> 3) & 0x0f;
  return channels > 0 && channels < 8 ? channels : undefined;
}

function base64List(value: string | undefined): Uint8Array[] {
  if (!value) return [];
  return value
    .split(',')
    .map((s) => s.trim())
    .filter((s) => /^[A-Za-z0-9+/_-]+={0,2}$/.test(s))
    .map((s) => new Uint8Array(Buffer.from(s, 'base64')))
    .filter((b) => b.length > 0);
}

function hexBytes(value: string | undefined): Uint8Array | undefined {
  if (!value || !/^([0-9a-fA-F]{2})+$/.test(value.trim())) return undefined;
  return new Uint8Array(Buffer.from(value.trim(), 'hex'));
}
