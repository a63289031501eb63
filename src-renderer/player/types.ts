// The one player interface every tile talks to, whatever the transport behind it.
import type { StreamFacts } from '@common/contract/stream.js';

export type Transport = StreamFacts['transport'];

/** What createPlayer needs from the contract's StreamFacts. */
export type PlayerSource = Pick<StreamFacts, 'url' | 'transport'> & { videoCodec?: StreamFacts['videoCodec'] | undefined };

/**
 * idle: created, not attached. connecting: attached, no picture yet. playing: frames flow.
 * stalled: attached, but no new data for a while. error: fatal, re-open with a new Player.
 * closed: detached.
 */
export type PlayerState = 'idle' | 'connecting' | 'playing' | 'stalled' | 'error' | 'closed';

export type PlayerErrorCode =
  /** The socket / HTTP connection failed or closed. */
  | 'network'
  /** The gateway sent something that breaks the protocol (binary before facts, bad JSON, bad box). */
  | 'protocol'
  /** The gateway itself reported an error (`{type:'error'}` message); detail in message. */
  | 'gateway'
  /** H.265 stream on a platform that cannot decode H.265 through MSE. */
  | 'h265_unsupported'
  /** Any other codec string MediaSource refuses. */
  | 'unsupported_codec'
  /** The decoder rejected the data (HTMLMediaElement.error / SourceBuffer error). */
  | 'decode'
  /** SourceBuffer quota still exceeded after trimming the back-buffer. */
  | 'quota'
  /** No MediaSource in this environment. */
  | 'mse_unavailable'
  /** Connected, but no media for noDataTimeoutMs. */
  | 'no_data';

export interface PlayerError {
  code: PlayerErrorCode;
  /** English detail for logs; never carries the URL token. */
  message: string;
  /** Always true for now: after an error the tile detaches and opens a new Player. */
  fatal: boolean;
}

export interface FirstFrameInfo {
  /** attach() to the first frame handed to the compositor, ms. */
  elapsedMs: number;
}

export interface PlayerEventMap {
  state: PlayerState;
  error: PlayerError;
  firstFrame: FirstFrameInfo;
}

export type PlayerEvent = keyof PlayerEventMap;

export interface PlayerStats {
  transport: Transport;
  /** The source's audio codec when the player does not play it (fMP4 tiles are video-only). */
  audioNotPlayed?: string;
  state: PlayerState;
  /** videoWidth/videoHeight; 0 before metadata. */
  width: number;
  height: number;
  /** Frames presented per second over the last ~2 s. */
  fps: number;
  /** Bits per second received over the last ~2 s (0 when the transport does not tell). */
  bitrateBps: number;
  bytesReceived: number;
  /** buffered.end - currentTime, ms: the player's own contribution to latency. */
  bufferAheadMs: number;
  /** Median over recent frames of (frame handed to compositor) - (frame bytes arrived in this renderer), ms. Fmp4WsPlayer only. */
  receiveToDisplayMs: number | null;
  /** Same, but from the gateway's ingest wall clock (needs `clock` facts from the gateway). Fmp4WsPlayer only. */
  ingestToDisplayMs: number | null;
  /** getVideoPlaybackQuality().totalVideoFrames */
  decodedFrames: number;
  /** getVideoPlaybackQuality().droppedVideoFrames */
  droppedFrames: number;
  /** 'waiting' events after the first frame (not counting seeks). */
  stalls: number;
  /** Live-edge jumps (seek forward to the live edge). */
  jumps: number;
  playbackRate: number;
  firstFrameMs: number | null;
  /**
   * Frames received per second over the last ~2 s, counted from 3 s after the first frame (the
   * start-up burst is no measure of the decoder); Fmp4WsPlayer only: what the decoder must keep up with.
   */
  receivedFps?: number;
  /** The gateway sends this tile keyframes only (the page is overloaded); Fmp4WsPlayer only. */
  keyframesOnly?: boolean;
}

export interface Player {
  /** Starts playing into the element. A Player is single-use: attach once, detach once. */
  attach(video: HTMLVideoElement): void;
  /** Stops everything and resets the element (pause, drop src, load()). Idempotent. */
  detach(): void;
  stats(): PlayerStats;
  /** Subscribe; returns the unsubscribe function. */
  on<E extends PlayerEvent>(event: E, cb: (payload: PlayerEventMap[E]) => void): () => void;
}
