// Shared shapes of the media pipeline: RTSP/RTP ingest produces these, the hub caches and
// fans them out, the muxers (FLV, fMP4) turn them into bytes for the gateway and exports.

export type VideoCodec = 'h264' | 'h265';
export type AudioCodec = 'aac' | 'pcmu' | 'pcma';

/** One coded picture: every NAL unit of it (no start codes, no length prefixes). */
export interface VideoAccessUnit {
  kind: 'video';
  codec: VideoCodec;
  nalus: Uint8Array[];
  /** 90 kHz presentation time, unwrapped (monotonic across the 32-bit RTP wrap), starting near 0. */
  pts90k: number;
  /** 90 kHz decode time; equals pts90k for streams without B-frames (all CCTV main/sub streams we know). */
  dts90k: number;
  keyframe: boolean;
  /** Wall-clock ms (Date.now()) when the last packet of this unit arrived; latency accounting only. */
  receivedAt: number;
  /** Replays only: the recorder's time of this picture, ms since the epoch (ONVIF 0xABAC extension). */
  recordedAtMs?: number;
  /** Replays only: the first picture after a gap in the recording. */
  afterGap?: boolean;
}

export interface AudioFrame {
  kind: 'audio';
  codec: AudioCodec;
  /** One raw frame: AAC without ADTS header, or G.711 samples. */
  data: Uint8Array;
  /** Presentation time in the track's clock rate (sampleRate), unwrapped. */
  pts: number;
  receivedAt: number;
  /** Replays only: the recorder's time of this frame, ms since the epoch. */
  recordedAtMs?: number;
}

export type MediaSample = VideoAccessUnit | AudioFrame;

export interface VideoTrackInfo {
  codec: VideoCodec;
  /** H.265 only */
  vps?: Uint8Array;
  sps: Uint8Array;
  pps: Uint8Array;
  width: number;
  height: number;
  /** RFC 6381 codec string, e.g. avc1.64001f or hvc1.1.6.L93.B0 */
  codecString: string;
}

export interface AudioTrackInfo {
  codec: AudioCodec;
  sampleRate: number;
  channels: number;
  /** AAC AudioSpecificConfig */
  config?: Uint8Array;
}

export interface TrackInfo {
  video?: VideoTrackInfo;
  audio?: AudioTrackInfo;
}
