import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolveAssetsDir } from '../../demo/assets-dir.js';
import { toAnnexB } from '../codec/index.js';
import { detectFfmpeg, type FfmpegInfo } from './ffmpeg-detect.js';
import { FakeSource } from '../../testing/transcode/fake-source.js';
import { closedWith, probeH264File, processExists, record, waitFor } from '../../testing/transcode/transcode-kit.js';
import { TranscodeProducer } from './transcode-producer.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const tick = (): Promise<void> => new Promise((r) => setImmediate(r));

let ffmpeg: FfmpegInfo;
let tmp: string;

beforeAll(async () => {
  const found = await detectFfmpeg();
  if (!found) throw new Error('these tests need ffmpeg with libx264 on PATH');
  ffmpeg = found;
  tmp = mkdtempSync(path.join(os.tmpdir(), 'skywall-transcode-life-'));
});

afterAll(() => {
  rmSync(tmp, { recursive: true, force: true });
});

/** A started producer on a fake H.265 source that has announced its tracks. */
async function started(opts: { maxBacklogBytes?: number; onLog?: (line: string) => void } = {}): Promise<{ src: FakeSource; p: TranscodeProducer; rec: ReturnType<typeof record> }> {
  const src = await FakeSource.load('h265');
  const p = new TranscodeProducer({ source: src.subscribe, ffmpeg, ...opts });
  const rec = record(p);
  p.start();
  expect(src.subscribes).toBe(0); // subscribing waits for the caller (the hub) to return
  await tick();
  expect(src.subscribes).toBe(1);
  src.consumer!.onTracks(src.tracks());
  return { src, p, rec };
}

async function decodes(samples: Array<{ nalus: Uint8Array[] }>, name: string): Promise<number> {
  const file = path.join(tmp, `${name}.h264`);
  writeFileSync(file, toAnnexB(samples.flatMap((s) => s.nalus)));
  return (await probeH264File(file)).frames;
}

describe('input to ffmpeg', () => {
  it('keyframes without in-band parameter sets get them from the track; output keeps the input timing', async () => {
    const { src, p, rec } = await started();
    try {
      const sent = src.burst(50, true);
      // The last picture stays in the reader until a next one starts: 49 of 50 come out.
      await waitFor('49 pictures', () => rec.samples.length >= 49, 10_000);
      expect(rec.samples.map((s) => s.pts90k)).toEqual(sent.slice(0, rec.samples.length).map((s) => s.pts90k));
      expect(rec.samples.map((s) => s.receivedAt)).toEqual(sent.slice(0, rec.samples.length).map((s) => s.receivedAt));
      expect(await decodes(rec.samples, 'bare')).toBe(rec.samples.length);
      expect(p.stats()).toMatchObject({ written: 50, dropped: 0, skips: 0, inFlight: 50 - rec.samples.length });
    } finally {
      p.stop();
      await p.whenExited();
    }
  });

  it('a burst larger than the stdin bound is cut back to keyframes; the backlog never exceeds the bound', async () => {
    const bound = 48 * 1024;
    const { src, p, rec } = await started({ maxBacklogBytes: bound });
    try {
      let maxBacklog = 0;
      const sent = new Set<number>();
      for (let i = 0; i < 250; i++) {
        const s = src.next();
        sent.add(s.pts90k);
        src.consumer!.onSample(s);
        maxBacklog = Math.max(maxBacklog, p.stats().backlogBytes);
      }
      const stats = p.stats();
      expect(maxBacklog).toBeLessThanOrEqual(bound);
      expect(stats.written + stats.dropped).toBe(250);
      expect(stats.skips).toBeGreaterThan(0);
      expect(stats.dropped).toBeGreaterThan(0);
      await waitFor('what was written to come out', () => rec.samples.length >= stats.written - 1, 10_000);
      for (const s of rec.samples) expect(sent.has(s.pts90k)).toBe(true);
      expect(rec.samples[0]!.keyframe).toBe(true);
      // Cutting at keyframes keeps the stream decodable: every picture that came out decodes.
      expect(await decodes(rec.samples, 'burst')).toBe(rec.samples.length);
    } finally {
      p.stop();
      await p.whenExited();
    }
  });
});

describe('source status', () => {
  it('waits while the source is already reconnecting, then ends with the reason of a new drop', async () => {
    const src = await FakeSource.load('h265');
    src.initial = { key: 'cam:main', state: 'reconnecting', errorCode: 'unreachable', retryInMs: 2000, since: Date.now() };
    const p = new TranscodeProducer({ source: src.subscribe, ffmpeg });
    const rec = record(p);
    p.start();
    await tick();
    expect(closedWith(rec)).toBeUndefined();
    src.status('connecting');
    src.status('reconnecting', 'timeout');
    expect(closedWith(rec)).toMatchObject({ error: { code: 'timeout' } });
    expect(src.unsubscribes).toBe(1);
    expect(p.pid).toBeUndefined();
  });

  it('a source refused at subscribe ends the attempt with auth_failed before ffmpeg starts', async () => {
    const src = await FakeSource.load('h265');
    src.initial = { key: 'cam:main', state: 'auth_failed', errorCode: 'auth_locked', since: Date.now() };
    const p = new TranscodeProducer({ source: src.subscribe, ffmpeg });
    const rec = record(p);
    p.start();
    await tick();
    expect(rec.statuses).toEqual([{ state: 'connecting' }, { state: 'closed', error: { code: 'auth_locked', message: expect.stringContaining('refused') as string } }]);
    expect(src.unsubscribes).toBe(1);
    expect(p.pid).toBeUndefined();
  });

  it('passes stalls on, and a codec change of the source ends the attempt and ffmpeg', async () => {
    const { src, p, rec } = await started();
    src.burst(30);
    await waitFor('live', () => rec.samples.length > 0, 10_000);
    src.status('stalled');
    expect(rec.statuses.at(-1)).toEqual({ state: 'stalled' });
    const pid = p.pid!;
    const h264 = await FakeSource.load('h264');
    src.consumer!.onTracks(h264.tracks());
    expect(closedWith(rec)).toMatchObject({ error: { code: 'protocol', message: expect.stringContaining('h265 to h264') as string } });
    expect(src.unsubscribes).toBe(1);
    await waitFor('ffmpeg to end', () => !processExists(pid), 3000);
    p.stop();
  });

  it('an H.264 source is re-encoded too', async () => {
    const src = await FakeSource.load('h264');
    const p = new TranscodeProducer({ source: src.subscribe, ffmpeg });
    const rec = record(p);
    p.start();
    await tick();
    src.consumer!.onTracks(src.tracks());
    src.burst(30);
    try {
      await waitFor('pictures', () => rec.samples.length >= 29, 10_000);
      expect(p.stats().inFlight).toBeLessThanOrEqual(1);
      expect(await decodes(rec.samples, 'from-h264')).toBe(rec.samples.length);
    } finally {
      p.stop();
      await p.whenExited();
    }
  });
});

describe('ffmpeg process', () => {
  it('reports a missing ffmpeg binary with advice instead of throwing', async () => {
    const src = await FakeSource.load('h265');
    const p = new TranscodeProducer({ source: src.subscribe, ffmpeg: { ...ffmpeg, path: path.join(tmp, 'no-ffmpeg-here') } });
    const rec = record(p);
    p.start();
    await tick();
    src.consumer!.onTracks(src.tracks());
    src.burst(5);
    await waitFor('closed', () => closedWith(rec) !== undefined);
    const closed = closedWith(rec) as { error: { code: string; message: string } };
    expect(closed.error.code).toBe('internal');
    expect(closed.error.message).toMatch(/ENOENT.*SKYWALL_FFMPEG/);
    expect(src.unsubscribes).toBe(1);
  });

  it('stop() ends ffmpeg at once while it waits for input, without log noise', async () => {
    const logs: string[] = [];
    const { src, p, rec } = await started({ onLog: (l) => logs.push(l) });
    src.burst(10);
    await waitFor('live', () => rec.samples.length > 0, 10_000);
    await new Promise((r) => setTimeout(r, 200)); // ffmpeg now blocks reading stdin
    const pid = p.pid!;
    const t0 = performance.now();
    p.stop();
    await p.whenExited();
    const ms = performance.now() - t0;
    console.log(`[transcode] stop() -> ffmpeg gone in ${ms.toFixed(0)} ms`);
    expect(ms).toBeLessThan(1000);
    expect(processExists(pid)).toBe(false);
    expect(src.unsubscribes).toBe(1);
    expect(logs).toEqual([]);
  });
});

describe('parent process ends', () => {
  let script: string;

  beforeAll(async () => {
    const entry = path.join(tmp, 'child.ts');
    // Feeds a producer at 25 fps, prints the ffmpeg pid once live, stops feeding, then exits or waits as told.
    writeFileSync(
      entry,
      `import { TranscodeProducer } from ${JSON.stringify(path.join(here, 'transcode-producer.ts'))};
import { FakeSource } from ${JSON.stringify(path.join(here, '../../testing/transcode/fake-source.ts'))};
const src = await FakeSource.load('h265');
const p = new TranscodeProducer({ source: src.subscribe });
let feeding;
p.on('sample', () => {
  if (!feeding) return;
  clearInterval(feeding);
  feeding = undefined;
  console.log('PID=' + p.pid);
  if (process.argv[2] === 'exit') setTimeout(() => process.exit(0), 300);
  setInterval(() => undefined, 1000);
});
p.start();
await new Promise((r) => setImmediate(r));
src.consumer.onTracks(src.tracks());
feeding = setInterval(() => src.consumer?.onSample(src.next()), 40);
`,
    );
    script = path.join(tmp, 'child.mjs');
    await build({ entryPoints: [entry], outfile: script, bundle: true, platform: 'node', format: 'esm', logLevel: 'error' });
  });

  async function runChild(mode: 'exit' | 'killed'): Promise<number> {
    const env = { ...process.env, SKYWALL_ASSETS_DIR: resolveAssetsDir() };
    const child = spawn(process.execPath, [script, mode], { stdio: ['ignore', 'pipe', 'inherit'], env });
    let out = '';
    child.stdout!.on('data', (d) => (out += String(d)));
    try {
      await waitFor('the child to report its ffmpeg pid', () => /PID=\d+/.test(out), 10_000);
    } finally {
      if (mode === 'killed') child.kill('SIGKILL');
    }
    await new Promise((r) => (child.exitCode !== null || child.signalCode !== null ? r(undefined) : child.once('exit', r)));
    return Number(/PID=(\d+)/.exec(out)![1]);
  }

  it('process.exit() takes ffmpeg down with it while ffmpeg waits for input', async () => {
    const pid = await runChild('exit');
    await waitFor(`ffmpeg ${pid} to end`, () => !processExists(pid), 1000);
  });

  it('a SIGKILLed parent leaves no ffmpeg behind either (its stdin ends)', async () => {
    const pid = await runChild('killed');
    await waitFor(`ffmpeg ${pid} to end`, () => !processExists(pid), 1000);
  });
});
