// Small statistics helpers for the benchmark reports.

/** Linear-interpolated percentile (p in 0..100) of unsorted values; NaN when empty. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = (p / 100) * (sorted.length - 1);
  const lo = Math.floor(rank);
  const hi = Math.ceil(rank);
  return sorted[lo] + (sorted[hi] - sorted[lo]) * (rank - lo);
}

export interface Summary {
  n: number;
  p50: number;
  p95: number;
  p99: number;
  min: number;
  max: number;
}

export function summarize(values: readonly number[]): Summary {
  return {
    n: values.length,
    p50: percentile(values, 50),
    p95: percentile(values, 95),
    p99: percentile(values, 99),
    min: values.length ? Math.min(...values) : NaN,
    max: values.length ? Math.max(...values) : NaN,
  };
}

/** One decimal place, for JSON output (NaN becomes null there). */
export const r1 = (v: number): number => Math.round(v * 10) / 10;

export function formatSummary(label: string, s: Summary, unit = 'ms'): string {
  if (s.n === 0) return `${label}: no samples`;
  return `${label}: p50 ${r1(s.p50)} ${unit}, p95 ${r1(s.p95)}, p99 ${r1(s.p99)}, min ${r1(s.min)}, max ${r1(s.max)} (n=${s.n})`;
}

export const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));
