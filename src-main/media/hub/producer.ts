// The contract between the hub and whatever pulls a source (the RTSP session, a test
// script, a platform stream). One producer object = one connection attempt: after it
// reports 'closed' it is finished, and the hub asks the factory for a new one to retry.
import type { ErrorCode } from '../../common/model/errors.js';
import type { MediaSample, TrackInfo } from '../types.js';

export interface ProducerError {
  /** Decides the hub's reaction: auth_failed / auth_locked and unsupported_format stop retrying, unsupported_codec goes offline, anything else retries. */
  code: ErrorCode;
  /** English detail for logs; never a password or token. */
  message: string;
  /** What the operator's sentence needs (e.g. { reason: 'resolution', width, height }). */
  params?: Record<string, string | number>;
}

export type ProducerStatus =
  | { state: 'connecting' }
  /** Media is flowing (the hub also treats the first sample as 'live'). */
  | { state: 'live' }
  /** Connected but no media for a while (the hub also detects this itself). */
  | { state: 'stalled' }
  /** The attempt is over; without `error` it ended normally (e.g. the server closed the session). */
  | { state: 'closed'; error?: ProducerError };

export interface ProducerEvents {
  /** Before the first sample, and again whenever the tracks change. */
  tracks: (tracks: TrackInfo) => void;
  /** Video access units (complete, in decode order) and audio frames. */
  sample: (sample: MediaSample) => void;
  status: (status: ProducerStatus) => void;
}

export interface Producer {
  /** Begin pulling; called once. */
  start(): void;
  /** Stop pulling and release sockets; idempotent. Events after stop() are ignored. */
  stop(): void;
  on<E extends keyof ProducerEvents>(event: E, listener: ProducerEvents[E]): unknown;
  off<E extends keyof ProducerEvents>(event: E, listener: ProducerEvents[E]): unknown;
}

/** Builds a fresh producer for a source key (e.g. "<cameraId>:main"). May throw a SkywallError. */
export type ProducerFactory = (key: string) => Producer;
