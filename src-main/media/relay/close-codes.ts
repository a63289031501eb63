// WebSocket close codes the relay uses towards the player (4000-4999 are for applications).
// The reason text says what happened in words; it never holds a URL path or query.
import type { UpstreamFailure } from './upstream-error.js';

export const RELAY_CLOSE = {
  streamClosed: 1000,
  relayClosing: 1001,
  unreachable: 4001,
  timeout: 4002,
  httpStatus: 4003,
  tls: 4004,
  noData: 4005,
  ended: 4006,
  /** The player fell too far behind; a byte relay cannot skip to a keyframe, so it closes. */
  tooSlow: 4008,
} as const;

const BY_FAILURE: Record<UpstreamFailure, number> = {
  unreachable: RELAY_CLOSE.unreachable,
  timeout: RELAY_CLOSE.timeout,
  http_status: RELAY_CLOSE.httpStatus,
  tls: RELAY_CLOSE.tls,
  no_data: RELAY_CLOSE.noData,
  ended: RELAY_CLOSE.ended,
};

export function closeCodeFor(failure: UpstreamFailure): number {
  return BY_FAILURE[failure];
}

/** A close reason must fit in 123 bytes of UTF-8. */
export function closeReason(text: string): string {
  if (Buffer.byteLength(text) <= 123) return text;
  let out = text;
  while (Buffer.byteLength(out) > 120) out = out.slice(0, -1);
  return `${out}…`;
}
