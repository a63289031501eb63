// Relay counters, for diagnostics, tests and the benchmark.
import type { RejectReason } from '../gateway/index.js';
import type { UpstreamFailure } from './upstream-error.js';

export type RelayRejectReason = Exclude<RejectReason, 'not_websocket'>;

export interface RelayCounters {
  tokensIssued: number;
  accepted: number;
  rejected: Record<RelayRejectReason, number>;
  /** Byte relays open now. */
  open: number;
  closed: number;
  messagesSent: number;
  bytesRelayed: number;
  upstreamFailures: Record<UpstreamFailure, number>;
  /** Byte relays closed because the player fell more than maxBufferedBytes behind. */
  tooSlow: number;
  hls: {
    /** HLS streams open now. */
    sessions: number;
    requests: number;
    playlistsRewritten: number;
    /** Requests for anything outside the stream's upstream origin (403). */
    refused: number;
    /** Upstream errors answered with 4xx/5xx. */
    upstreamErrors: number;
    bytesRelayed: number;
  };
}

export function newRelayCounters(): RelayCounters {
  return {
    tokensIssued: 0,
    accepted: 0,
    rejected: { bad_target: 0, bad_path: 0, no_token: 0, unknown_token: 0, expired_token: 0, wrong_stream: 0, bad_origin: 0 },
    open: 0,
    closed: 0,
    messagesSent: 0,
    bytesRelayed: 0,
    upstreamFailures: { unreachable: 0, timeout: 0, http_status: 0, tls: 0, no_data: 0, ended: 0 },
    tooSlow: 0,
    hls: { sessions: 0, requests: 0, playlistsRewritten: 0, refused: 0, upstreamErrors: 0, bytesRelayed: 0 },
  };
}
