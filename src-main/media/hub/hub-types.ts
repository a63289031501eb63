// Public shapes of the hub: what consumers implement and what subscribe() hands back.
import type { StreamState } from '../../common/contract/stream.js';
import type { ErrorCode } from '../../common/model/errors.js';
import type { MediaSample, TrackInfo } from '../types.js';

export interface HubStatus {
  key: string;
  state: StreamState;
  /** With 'reconnecting': when the next attempt starts. */
  retryInMs?: number;
  /** Why the last attempt ended (e.g. unreachable, timeout, auth_failed). */
  errorCode?: ErrorCode;
  /** With 'unsupported': the reason, e.g. { reason: 'resolution', width: 16384, height: 16384 }. */
  errorParams?: Record<string, string | number>;
  /** Date.now() when this state began. */
  since: number;
}

export interface HubConsumer {
  /** The source's tracks; called before the first sample and again when they change. */
  onTracks(tracks: TrackInfo): void;
  /**
   * One sample, in order, starting at a keyframe. Return false when you cannot take more now
   * (like stream.write): the hub then queues (bounded) until you call resume().
   */
  onSample(sample: MediaSample): boolean | void;
  /** Status of the source; called at subscribe and on every change. */
  onStatus?(status: HubStatus): void;
}

export interface ConsumerStats {
  delivered: number;
  /** Times the consumer was moved on to the next keyframe (queue overflow or skipToKeyframe()). */
  skips: number;
  /** Samples dropped by those skips. */
  dropped: number;
  queuedBytes: number;
}

/** Calling it unsubscribes; the methods steer delivery for this consumer. */
export interface Subscription {
  (): void;
  unsubscribe(): void;
  /** The consumer can take samples again after returning false. */
  resume(): void;
  /** Drop what is queued and everything until the next keyframe (consumer is too far behind). */
  skipToKeyframe(): void;
  stats(): ConsumerStats;
}

export interface SubscribeOptions {
  /** Bound of this consumer's queue while it is busy (default: the hub's consumerQueueMaxBytes). */
  maxQueueBytes?: number;
}
