// Gateway counters, for diagnostics and the benchmark.

export type RejectReason = 'bad_target' | 'bad_path' | 'no_token' | 'unknown_token' | 'expired_token' | 'wrong_stream' | 'bad_origin' | 'not_websocket';

export interface GatewayCounters {
  tokensIssued: number;
  accepted: number;
  rejected: Record<RejectReason, number>;
  /** Connections open now. */
  open: number;
  /** Bytes queued in user space for all open connections now (ws.bufferedAmount summed). */
  bufferedBytes: number;
  closed: number;
  messagesSent: number;
  bytesSent: number;
  /** Times a connection fell too far behind and skipped to the next keyframe. */
  skips: number;
  /** Video frames left out because their stream was set to keyframes only. */
  keyframeOnlyDrops: number;
}

export function newCounters(): GatewayCounters {
  return {
    tokensIssued: 0,
    accepted: 0,
    rejected: { bad_target: 0, bad_path: 0, no_token: 0, unknown_token: 0, expired_token: 0, wrong_stream: 0, bad_origin: 0, not_websocket: 0 },
    open: 0,
    bufferedBytes: 0,
    closed: 0,
    messagesSent: 0,
    bytesSent: 0,
    skips: 0,
    keyframeOnlyDrops: 0,
  };
}
