// The fuzz runner (bundled and started by build/fuzz.mjs). Each target runs in a worker
// thread, two at a time by default; a watchdog ends a worker whose input has not finished
// within --hang-ms and rebuilds that input from the seed. Prints one line per target and
// exits 1 when any target broke its promise. Failing inputs are written to
// corpus/<target>/<kind>-<hash>.
import { readFileSync, writeFileSync } from 'node:fs';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import { defaultCorpusRoot, loadCorpus, saveFinding } from './corpus.js';
import { describeError, fuzz, inputAt, passed, type Finding, type FuzzReport } from './engine.js';
import { parseArgs, USAGE, type FuzzArgs } from './fuzz-args.js';
import { formatSummary, type TargetResult } from './fuzz-summary.js';
import { ALL_TARGETS, findTarget } from './targets/index.js';

interface WorkerJob {
  target: string;
  runs: number;
  seed: number;
  corpusRoot: string;
  progress: SharedArrayBuffer;
}

type WorkerMessage = { type: 'finding'; finding: Omit<Finding, 'input'>; file: string } | { type: 'report'; report: Omit<FuzzReport, 'findings'> };

async function workerMain(job: WorkerJob): Promise<void> {
  const target = findTarget(job.target)!;
  const progress = new Int32Array(job.progress);
  const report = await fuzz(target, {
    runs: job.runs,
    seed: job.seed,
    corpus: loadCorpus(job.corpusRoot, target.name),
    onProgress: (i) => Atomics.store(progress, 0, i),
    onFinding: (f) => {
      const file = f.kind === 'memory' ? '' : saveFinding(job.corpusRoot, target.name, f.kind, f.input);
      const { input: _input, ...rest } = f;
      parentPort!.postMessage({ type: 'finding', finding: rest, file } satisfies WorkerMessage);
    },
  });
  const { findings: _findings, ...rest } = report;
  parentPort!.postMessage({ type: 'report', report: rest } satisfies WorkerMessage);
}

function runTarget(name: string, args: FuzzArgs): Promise<TargetResult> {
  const progress = new SharedArrayBuffer(4);
  const job: WorkerJob = { target: name, runs: args.runs, seed: args.seed, corpusRoot: args.corpusRoot, progress };
  const result: TargetResult = { target: name, runs: 0, crashes: 0, slow: 0, slowestMs: 0, heapGrowthBytes: 0, passed: false, elapsedMs: 0, findings: [] };
  const started = Date.now();
  return new Promise((resolve) => {
    const worker = new Worker(new URL(import.meta.url), { workerData: job });
    const index = new Int32Array(progress);
    let lastIndex = -1;
    let lastChange = Date.now();
    let done = false;
    // A lost worker (hang or uncaught exception): the input it was on is rebuilt and saved.
    const lost = (kind: 'hang' | 'crash', message: string): void => {
      const i = Atomics.load(index, 0);
      const target = findTarget(name)!;
      const input = inputAt(target, loadCorpus(args.corpusRoot, name), args.seed, i);
      const file = saveFinding(args.corpusRoot, name, kind, input);
      result.crashes++;
      result.passed = false;
      result.findings.push({ kind, index: i, message, file });
    };
    const finish = (): void => {
      if (done) return;
      done = true;
      clearInterval(watchdog);
      result.elapsedMs = Date.now() - started;
      resolve(result);
    };
    const watchdog = setInterval(() => {
      const i = Atomics.load(index, 0);
      if (i !== lastIndex) {
        lastIndex = i;
        lastChange = Date.now();
      } else if (Date.now() - lastChange > args.hangMs) {
        lost('hang', `input ${i} did not finish within ${args.hangMs} ms`);
        void worker.terminate();
        finish();
      }
    }, 100);
    worker.on('message', (m: WorkerMessage) => {
      if (m.type === 'finding') result.findings.push({ ...m.finding, file: m.file });
      else Object.assign(result, m.report, { passed: passed({ ...m.report, findings: [] }) });
    });
    worker.on('error', (err) => lost('crash', `uncaught in the worker: ${describeError(err).message}`));
    worker.on('exit', finish);
  });
}

async function replay(args: FuzzArgs): Promise<number> {
  const target = findTarget(args.targets[0])!;
  const input = new Uint8Array(readFileSync(args.replay!));
  try {
    await target.run(input);
    console.log(`${target.name}: ${args.replay}: no error`);
    return 0;
  } catch (e) {
    const ok = target.expected?.(e) ?? false;
    console.log(`${target.name}: ${args.replay}: ${ok ? 'expected error' : 'CRASH'}: ${describeError(e).message}`);
    if (!ok && e instanceof Error) console.log(e.stack);
    return ok ? 0 : 1;
  }
}

async function main(): Promise<number> {
  const parsed = parseArgs(process.argv.slice(2), defaultCorpusRoot(), ALL_TARGETS.map((t) => t.name));
  if (typeof parsed === 'string') {
    console.error(`${parsed}\n\n${USAGE}`);
    return 2;
  }
  const args = parsed;
  if (args.list) {
    for (const t of ALL_TARGETS) console.log(`${t.name.padEnd(18)} ${t.about}`);
    return 0;
  }
  if (args.replay) return replay(args);

  console.log(`fuzz: ${args.targets.length} targets, ${args.runs} inputs each, seed ${args.seed}, ${args.jobs} at a time`);
  const started = Date.now();
  const results: TargetResult[] = [];
  const queue = [...args.targets];
  const lane = async (): Promise<void> => {
    for (let name = queue.shift(); name !== undefined; name = queue.shift()) {
      const r = await runTarget(name, args);
      results.push(r);
      console.log(formatSummary(r));
      for (const f of r.findings) console.log(`    ${f.kind} at input ${f.index}: ${f.message}${f.file ? `\n      saved ${f.file}` : ''}`);
    }
  };
  await Promise.all(Array.from({ length: args.jobs }, lane));
  const failed = results.filter((r) => !r.passed).length;
  const total = results.reduce((s, r) => s + r.runs, 0);
  console.log(`fuzz: ${results.length - failed} targets ok, ${failed} failed; ${total} inputs in ${((Date.now() - started) / 1000).toFixed(1)} s (seed ${args.seed})`);
  if (args.json) writeFileSync(args.json, JSON.stringify({ seed: args.seed, results }, null, 2));
  return failed === 0 ? 0 : 1;
}

if (isMainThread) {
  process.exitCode = await main();
} else {
  await workerMain(workerData as WorkerJob);
}
