// The timing side of an export MP4: sample durations from the decode times (90 kHz, exact),
// composition offsets, sync samples, and the gaps in the recording. A gap keeps its real
// length in the timeline (the last picture stays on screen), so that the position in the
// file plus the start time is the true time; it is also listed, never hidden.
export const TIMESCALE = 90_000;
/** A step between pictures longer than this and than 3 typical steps is a gap. */
export const MIN_GAP_90K = TIMESCALE;

export interface Mp4SampleInfo {
  /** 90 kHz, strictly increasing. */
  dts90k: number;
  pts90k: number;
  keyframe: boolean;
  /** Bytes of the sample as written (length-prefixed NAL units). */
  size: number;
}

export interface SampleGap {
  /** Index of the last sample before the gap. */
  afterSample: number;
  /** Where the picture should have ended (dts + typical step) and where the next one starts, 90 kHz from the first sample. */
  start90k: number;
  end90k: number;
}

export interface SampleTable {
  durations: number[];
  /** pts - dts per sample; all zero for streams without B-frames. */
  compositionOffsets: number[];
  hasCompositionOffsets: boolean;
  /** 1-based numbers of the keyframes. */
  syncSamples: number[];
  sizes: number[];
  /** Sum of durations, 90 kHz. */
  duration90k: number;
  /** Typical step between pictures (median), 90 kHz. */
  frameStep90k: number;
  gaps: SampleGap[];
}

function median(values: number[]): number {
  if (values.length === 0) return 3600;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

export function buildSampleTable(samples: Mp4SampleInfo[]): SampleTable {
  if (samples.length === 0) throw new Error('an export needs at least one picture');
  if (!samples[0].keyframe) throw new Error('an export must start at a keyframe');
  const steps: number[] = [];
  for (let i = 1; i < samples.length; i++) {
    const step = samples[i].dts90k - samples[i - 1].dts90k;
    if (!(step > 0)) throw new Error(`decode times must increase: sample ${i} is ${step} after the previous one`);
    steps.push(step);
  }
  const frameStep90k = median(steps);
  const gapAbove = Math.max(MIN_GAP_90K, 3 * frameStep90k);
  const origin = samples[0].dts90k;
  const gaps: SampleGap[] = [];
  const durations = samples.map((_, i) => (i < steps.length ? steps[i] : frameStep90k));
  steps.forEach((step, i) => {
    if (step > gapAbove) gaps.push({ afterSample: i, start90k: samples[i].dts90k - origin + frameStep90k, end90k: samples[i + 1].dts90k - origin });
  });
  const compositionOffsets = samples.map((s) => s.pts90k - s.dts90k);
  return {
    durations,
    compositionOffsets,
    hasCompositionOffsets: compositionOffsets.some((c) => c !== 0),
    syncSamples: samples.flatMap((s, i) => (s.keyframe ? [i + 1] : [])),
    sizes: samples.map((s) => s.size),
    duration90k: durations.reduce((a, b) => a + b, 0),
    frameStep90k,
    gaps,
  };
}

/** stts / ctts style run-length pairs [count, value]. */
export function runLengths(values: number[]): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  for (const v of values) {
    const last = out[out.length - 1];
    if (last && last[1] === v) last[0]++;
    else out.push([1, v]);
  }
  return out;
}
