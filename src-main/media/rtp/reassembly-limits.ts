// Bounds on what a depacketizer holds while it waits for the rest of a NAL unit or access
// unit, so a sender that never finishes one (an FU start followed by endless middle fragments,
// or slices without a marker under one timestamp) costs a bounded amount of memory.
//
// Why these numbers:
// - 8 MiB per NAL unit and per access unit: the largest camera keyframes we know (12 MP fisheye
//   and 4K at 16-20 Mbit/s) are 1-3 MB; 8 MiB is several times that, and 64 cameras x 8 MiB is
//   still a bound the main process survives.
// - 1024 NAL units per access unit: HEVC level 6.2 allows 600 slice segments per picture, and
//   H.264 cameras use a handful of slices; each tiny NAL costs an object, so bytes alone do not bound it.
// - 3 s from the first packet of a unit to its last: the hub calls a source stalled after 3 s
//   without media, so a picture that takes longer to arrive is useless to show anyway.

export interface ReassemblyLimits {
  maxNalBytes: number;
  maxUnitBytes: number;
  maxNalsPerUnit: number;
  maxUnitSpanMs: number;
}

export const DEFAULT_REASSEMBLY_LIMITS: Readonly<ReassemblyLimits> = {
  maxNalBytes: 8 * 1024 * 1024,
  maxUnitBytes: 8 * 1024 * 1024,
  maxNalsPerUnit: 1024,
  maxUnitSpanMs: 3000,
};

/** Largest AAC access unit accepted over several packets (8 channels of AAC-LC need < 6 KB). */
export const MAX_AAC_FRAME_BYTES = 64 * 1024;
