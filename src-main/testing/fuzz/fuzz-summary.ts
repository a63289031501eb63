// One line per target for CI logs: target, runs, crashes, slowest input, heap growth, verdict.
import type { FindingKind } from './engine.js';

export interface TargetResult {
  target: string;
  runs: number;
  crashes: number;
  slow: number;
  slowestMs: number;
  heapGrowthBytes: number;
  passed: boolean;
  elapsedMs: number;
  findings: Array<{ kind: FindingKind | 'hang'; index: number; message: string; file: string }>;
}

export function formatSummary(r: TargetResult): string {
  const heapMb = (r.heapGrowthBytes / 1048576).toFixed(1);
  return [
    `fuzz ${r.target.padEnd(18)}`,
    `runs ${String(r.runs).padStart(6)}`,
    `crashes ${r.crashes}`,
    `slow ${r.slow}`,
    `slowest ${r.slowestMs.toFixed(1).padStart(5)} ms`,
    `heap ${r.heapGrowthBytes >= 0 ? '+' : ''}${heapMb} MB`,
    `${(r.elapsedMs / 1000).toFixed(1)} s`,
    r.passed ? 'ok' : 'FAILED',
  ].join('  ');
}
