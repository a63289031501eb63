// Public types of RtspSession: options, counters, events.
import type { SkywallError } from '../../common/model/errors.js';
import type { MediaSample, TrackInfo } from '../types.js';
import type { AuthLockout } from './auth-lockout.js';
import type { ReplayRequest } from './replay-range.js';

export interface RtspSessionOptions {
  /** rtsp://host[:port]/path; user info in the URL is used when username/password are not given. */
  url: string;
  username?: string;
  password?: string;
  /** Connect and per-request answer timeout. Default 10 000 ms. */
  timeoutMs?: number;
  /** No RTP for this long after PLAY ends the session with a `timeout` error. Default 5000 ms. */
  noDataTimeoutMs?: number;
  /** Set up a supported audio track too. Default true. */
  audio?: boolean;
  /** RTCP receiver report interval. Default 5000 ms. */
  rtcpIntervalMs?: number;
  /** Lockout guard; defaults to the process-wide one. */
  lockout?: AuthLockout;
  userAgent?: string;
  /**
   * Play a recording: PLAY asks for this span (`Range: clock=`, `Scale`, `Rate-Control`,
   * `Require: onvif-replay`), and samples carry the recorder's time (`recordedAtMs`).
   */
  replay?: ReplayRequest;
}

export interface RtspStats {
  /** Bytes received on the RTSP connection (messages and interleaved data). */
  bytes: number;
  /** RTP packets accepted. */
  packets: number;
  /** RTP packets missing (sequence gaps). */
  packetsLost: number;
  /** Samples dropped: damaged by loss, before the first keyframe / parameter sets, audio before `tracks`. */
  framesDropped: number;
  keyframes: number;
  videoFrames: number;
  audioFrames: number;
  /** Malformed RTP/RTCP/payloads, unknown channels or payload types. Counted, never fatal. */
  badPackets: number;
  /** Interleaved bytes dropped between SETUP and the PLAY answer (beyond MAX_EARLY_BYTES). */
  earlyBytesDropped: number;
  /** NAL units / access units dropped for exceeding the size or time caps (see media/rtp). */
  oversizeDropped: number;
  /** RTCP receiver reports sent. */
  rtcpSent: number;
}

export type RtspCloseReason = 'stopped' | 'error' | 'ended';

export interface RtspCloseEvent {
  reason: RtspCloseReason;
  error?: SkywallError;
}

export interface RtspSessionEvents extends Record<string, unknown> {
  tracks: TrackInfo;
  sample: MediaSample;
  error: SkywallError;
  close: RtspCloseEvent;
}

export type RtspSessionState = 'idle' | 'starting' | 'playing' | 'stopping' | 'closed';
