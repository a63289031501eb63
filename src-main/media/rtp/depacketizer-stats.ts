// Counters every depacketizer keeps; the RTSP session sums them into its own stats.

export interface DepacketizerStats {
  /** RTP packets accepted (well-formed, in order). */
  packets: number;
  /** Payload bytes of those packets. */
  bytes: number;
  /** Packets missing according to sequence-number gaps. */
  packetsLost: number;
  /** Packets that arrived late or twice (sequence number behind) and were ignored. */
  packetsLate: number;
  /** Malformed payloads (bad aggregation sizes, fragments out of order, unknown types). */
  badPayloads: number;
  /** Samples emitted (access units or audio frames). */
  frames: number;
  /** Access units emitted with keyframe = true. */
  keyframes: number;
  /** Samples dropped: damaged by loss, or waiting for a keyframe / parameter sets. */
  framesDropped: number;
  /** NAL units / access units / audio frames given up for exceeding the reassembly limits. */
  oversizeDropped: number;
}

export function emptyDepacketizerStats(): DepacketizerStats {
  return { packets: 0, bytes: 0, packetsLost: 0, packetsLate: 0, badPayloads: 0, frames: 0, keyframes: 0, framesDropped: 0, oversizeDropped: 0 };
}
