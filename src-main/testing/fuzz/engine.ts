// The fuzzing loop: replays the corpus, then feeds mutated corpus entries to a target and
// checks the promise (target.ts) for each input. Deterministic: input number i of a run is a
// function of (target, corpus, seed, i) only, so a runner that lost a worker to a hang can
// rebuild the input that hung with inputAt().
import { performance } from 'node:perf_hooks';
import { getHeapStatistics, setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { mutate, type MutationContext } from './mutate.js';
import { Prng } from './prng.js';
import type { FuzzTarget } from './target.js';

export const DEFAULT_MAX_LENGTH = 4096;
export const DEFAULT_TIME_LIMIT_MS = 100;
/** Memory still in use after a full GC (JS heap plus array buffers), above where the run started. */
export const DEFAULT_HEAP_LIMIT_BYTES = 32 * 1024 * 1024;

export type FindingKind = 'crash' | 'slow' | 'memory';

export interface Finding {
  kind: FindingKind;
  /** Input number in the run (-1 for memory growth, which no single input shows). */
  index: number;
  input: Uint8Array;
  /** Error name and message, or the time taken. */
  message: string;
  /** First frames of the stack, for crashes. */
  stack?: string;
}

export interface FuzzOptions {
  runs: number;
  seed: number;
  corpus: readonly Uint8Array[];
  timeLimitMs?: number;
  heapLimitBytes?: number;
  /** Findings kept with their input (all are counted). */
  keepFindings?: number;
  /** Called before input i runs (a watchdog reads it). */
  onProgress?: (index: number) => void;
  onFinding?: (finding: Finding) => void;
}

export interface FuzzReport {
  target: string;
  runs: number;
  crashes: number;
  slow: number;
  findings: Finding[];
  slowestMs: number;
  /** Largest heap-plus-buffers after GC seen during the run, minus the same at its start. */
  heapGrowthBytes: number;
  heapLimitBytes: number;
  elapsedMs: number;
}

/** Yields the inputs of one run in order: the corpus as it is, then mutations of it. */
export class InputSource {
  private index = 0;
  private readonly rng: Prng;
  private readonly ctx: MutationContext;
  private readonly corpus: readonly Uint8Array[];

  constructor(target: FuzzTarget, corpus: readonly Uint8Array[], seed: number) {
    this.rng = new Prng(seed);
    this.corpus = corpus.length > 0 ? corpus : [new Uint8Array(0)];
    const enc = new TextEncoder();
    this.ctx = {
      rng: this.rng,
      corpus: this.corpus,
      dictionary: (target.dictionary ?? []).map((t) => enc.encode(t)),
      maxLength: target.maxLength ?? DEFAULT_MAX_LENGTH,
    };
  }

  next(): Uint8Array {
    const i = this.index++;
    if (i < this.corpus.length) return this.corpus[i];
    return mutate(this.rng.pick(this.corpus), this.ctx);
  }
}

/** Input number `index` of a run, rebuilt without running the target. */
export function inputAt(target: FuzzTarget, corpus: readonly Uint8Array[], seed: number, index: number): Uint8Array {
  const source = new InputSource(target, corpus, seed);
  let input = source.next();
  for (let i = 0; i < index; i++) input = source.next();
  return input;
}

const OK = Symbol('ok');

/** Runs the target once; resolves to OK or to what it threw. */
async function execute(target: FuzzTarget, input: Uint8Array): Promise<unknown> {
  try {
    const r = target.run(input);
    if (r !== undefined) await r;
    return OK;
  } catch (e) {
    return e;
  }
}

export function describeError(err: unknown): { message: string; stack?: string } {
  if (err instanceof Error) {
    const stack = err.stack?.split('\n').slice(1, 6).map((l) => l.trim()).join('\n');
    return { message: `${err.name}: ${err.message.slice(0, 300)}`, stack };
  }
  return { message: `non-Error thrown: ${String(err).slice(0, 300)}` };
}

let cachedGc: (() => void) | undefined;
/** A full garbage collection, so heap figures compare live data rather than garbage. */
export function fullGc(): void {
  if (!cachedGc) {
    const g = (globalThis as { gc?: () => void }).gc;
    if (g) cachedGc = g;
    else {
      setFlagsFromString('--expose-gc');
      cachedGc = runInNewContext('gc') as () => void;
    }
  }
  cachedGc();
}

const HEAP_SAMPLE_EVERY = 2500;

/** This thread's JS heap plus the array buffers it holds (parsers keep packet data there). */
function liveBytes(): number {
  const h = getHeapStatistics();
  return h.used_heap_size + h.external_memory;
}

/**
 * Live bytes after full collections. Array buffer memory is released by a sweeper after the
 * collection, so the count settles over a few turns of the event loop: take the lowest.
 */
async function settledLiveBytes(): Promise<number> {
  let least = Number.POSITIVE_INFINITY;
  for (let i = 0; i < 3; i++) {
    fullGc();
    await new Promise((resolve) => setTimeout(resolve, 5));
    least = Math.min(least, liveBytes());
  }
  return least;
}

export async function fuzz(target: FuzzTarget, opts: FuzzOptions): Promise<FuzzReport> {
  const timeLimit = opts.timeLimitMs ?? DEFAULT_TIME_LIMIT_MS;
  const heapLimit = opts.heapLimitBytes ?? DEFAULT_HEAP_LIMIT_BYTES;
  const keep = opts.keepFindings ?? 10;
  const expected = target.expected ?? (() => false);
  const report: FuzzReport = {
    target: target.name, runs: 0, crashes: 0, slow: 0, findings: [], slowestMs: 0, heapGrowthBytes: 0, heapLimitBytes: heapLimit, elapsedMs: 0,
  };
  const seen = new Set<string>();
  const found = (f: Finding): void => {
    // One kept finding per distinct failure (same message and place), however often it recurs.
    const key = `${f.kind}|${f.message.replace(/\d+/g, 'N')}|${f.stack?.split('\n')[0] ?? ''}`;
    if (seen.has(key) || report.findings.length >= keep) return;
    seen.add(key);
    report.findings.push(f);
    opts.onFinding?.(f);
  };

  const started = performance.now();
  const heapStart = await settledLiveBytes();
  const sampleHeap = async (): Promise<void> => {
    report.heapGrowthBytes = Math.max(report.heapGrowthBytes, (await settledLiveBytes()) - heapStart);
  };

  // One untimed run first, so the slowest figure is not the target's first compile.
  await execute(target, opts.corpus[0] ?? new Uint8Array(0));

  const source = new InputSource(target, opts.corpus, opts.seed);
  for (let i = 0; i < opts.runs; i++) {
    const input = source.next();
    opts.onProgress?.(i);
    let t0 = performance.now();
    const outcome = await execute(target, input);
    let ms = performance.now() - t0;
    report.runs++;
    if (outcome !== OK && !expected(outcome)) {
      report.crashes++;
      found({ kind: 'crash', index: i, input, ...describeError(outcome) });
    } else if (ms > timeLimit) {
      // A GC pause or a busy machine can stretch one run: only the best of three counts.
      for (let retry = 0; retry < 2 && ms > timeLimit; retry++) {
        t0 = performance.now();
        await execute(target, input);
        ms = Math.min(ms, performance.now() - t0);
      }
      if (ms > timeLimit) {
        report.slow++;
        found({ kind: 'slow', index: i, input, message: `took ${ms.toFixed(1)} ms (limit ${timeLimit} ms)` });
      }
    }
    report.slowestMs = Math.max(report.slowestMs, ms);
    if ((i + 1) % HEAP_SAMPLE_EVERY === 0) await sampleHeap();
  }
  await sampleHeap();
  if (report.heapGrowthBytes > heapLimit) {
    found({ kind: 'memory', index: -1, input: new Uint8Array(0), message: `heap grew by ${(report.heapGrowthBytes / 1048576).toFixed(1)} MB over the run (limit ${heapLimit / 1048576} MB)` });
  }
  report.elapsedMs = performance.now() - started;
  return report;
}

/** True when the run kept its promise. */
export function passed(report: FuzzReport): boolean {
  return report.crashes === 0 && report.slow === 0 && report.heapGrowthBytes <= report.heapLimitBytes;
}
