import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDemoRtspServer, type DemoRtspServer } from '../../demo/rtsp/index.js';
import { detectFfmpeg, type FfmpegInfo } from './ffmpeg-detect.js';
import { closedWith, processExists, record, waitFor } from './test-support.js';
import { TranscodeProducer } from './transcode-producer.js';

const here = path.dirname(fileURLToPath(import.meta.url));
// A password with every character that needs escaping in a URL's userinfo.
const PASSWORD = 'p@ss:w/rd%?#1';

let server: DemoRtspServer;
let ffmpeg: FfmpegInfo;
let tmp: string;

beforeAll(async () => {
  const found = await detectFfmpeg();
  if (!found) throw new Error('these tests need ffmpeg with libx264 on PATH');
  ffmpeg = found;
  server = await startDemoRtspServer({ auth: { username: 'admin', password: PASSWORD, scheme: 'digest' } });
  tmp = mkdtempSync(path.join(os.tmpdir(), 'skywall-transcode-life-'));
});

afterAll(async () => {
  await server?.close();
  rmSync(tmp, { recursive: true, force: true });
});

describe('credentials', () => {
  it('plays with a password full of URL delimiters, given separately', async () => {
    const p = new TranscodeProducer({ url: server.url('/demo/h265'), username: 'admin', password: PASSWORD, ffmpeg });
    const rec = record(p);
    p.start();
    try {
      await waitFor('a frame', () => rec.samples.length > 0 || closedWith(rec) !== undefined, 10_000);
      expect(closedWith(rec)).toBeUndefined();
      expect(rec.tracks[0]?.video?.codec).toBe('h264');
    } finally {
      p.stop();
      await p.whenExited();
    }
  });

  it('maps a refused password to auth_failed, and neither message nor log carries it', async () => {
    const wrong = 'wrong-secret-42';
    const logs: string[] = [];
    const p = new TranscodeProducer({ url: server.url('/demo/h265'), username: 'admin', password: wrong, ffmpeg, onLog: (l) => logs.push(l) });
    const rec = record(p);
    p.start();
    await waitFor('closed', () => closedWith(rec) !== undefined);
    const closed = closedWith(rec) as { error: { code: string; message: string } };
    expect(closed.error.code).toBe('auth_failed');
    expect(closed.error.message).toMatch(/401/);
    expect(logs.length).toBeGreaterThan(0);
    for (const text of [closed.error.message, ...logs]) expect(text).not.toContain(wrong);
  });
});

describe('parent process ends', () => {
  let script: string;

  beforeAll(async () => {
    const entry = path.join(tmp, 'child.ts');
    // Starts a producer, prints the ffmpeg pid once live, then exits or waits as told.
    writeFileSync(
      entry,
      `import { TranscodeProducer } from ${JSON.stringify(path.join(here, 'transcode-producer.ts'))};
const p = new TranscodeProducer({ url: process.argv[2], username: 'admin', password: process.argv[3] });
p.on('sample', () => {
  console.log('PID=' + p.pid);
  if (process.argv[4] === 'exit') setTimeout(() => process.exit(0), 300);
  setInterval(() => undefined, 1000);
});
p.start();
`,
    );
    script = path.join(tmp, 'child.mjs');
    await build({ entryPoints: [entry], outfile: script, bundle: true, platform: 'node', format: 'esm', logLevel: 'error' });
  });

  async function runChild(mode: 'exit' | 'killed'): Promise<number> {
    const child = spawn(process.execPath, [script, server.url('/demo/h265'), PASSWORD, mode], { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout!.on('data', (d) => (out += String(d)));
    try {
      await waitFor('the child to report its ffmpeg pid', () => /PID=\d+/.test(out), 10_000);
      // No media while the child exits: ffmpeg writes nothing, so only the exit hook can end it.
      if (mode === 'exit') server.stall(2500);
    } finally {
      if (mode === 'killed') child.kill('SIGKILL');
    }
    await new Promise((r) => (child.exitCode !== null || child.signalCode !== null ? r(undefined) : child.once('exit', r)));
    return Number(/PID=(\d+)/.exec(out)![1]);
  }

  it('process.exit() takes ffmpeg down with it, even while ffmpeg has nothing to write', async () => {
    const pid = await runChild('exit');
    await waitFor(`ffmpeg ${pid} to end`, () => !processExists(pid), 1000);
  });

  it('a SIGKILLed parent leaves no ffmpeg behind either (its stdout pipe breaks)', async () => {
    const pid = await runChild('killed');
    // Its next frame write fails; a frame is 40 ms, the rest is slack for a loaded machine.
    await waitFor(`ffmpeg ${pid} to end`, () => !processExists(pid), 1000);
  });
});
