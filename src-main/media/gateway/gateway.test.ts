// The gateway with real ws clients on 127.0.0.1: token and origin checks at the upgrade,
// the fMP4 and FLV wire formats from the GOP-cache keyframe on, and the slow-reader skip.
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { loadDemoClip, type DemoClip } from '../../testing/fmp4/demo-units.js';
import { demuxWithMpegts } from '../../testing/flv/mpegts-harness.js';
import { FakeProducer } from '../../testing/hub/fake-producer.js';
import { StreamHub } from '../hub/stream-hub.js';
import type { VideoAccessUnit } from '../types.js';
import { LiveGateway } from './gateway.js';

const run = promisify(execFile);
let clip: DemoClip;
let dir = '';
let hub: StreamHub;
let gateway: LiveGateway;
let producer: FakeProducer | undefined;
let now = 1_000_000;

beforeAll(async () => {
  clip = await loadDemoClip('h264');
  dir = await mkdtemp(join(tmpdir(), 'skywall-gw-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

beforeEach(async () => {
  producer = undefined;
  hub = new StreamHub({
    producerFactory: (key) => {
      // On start: tracks, then the first 30 units (GOP cache then holds 25..29).
      producer = new FakeProducer(key, (p) => {
        p.tracks({ video: clip.track });
        clip.units.slice(0, 30).forEach((u) => p.sample(u));
      });
      return producer;
    },
    deadAfterMs: 60_000,
  });
  hub.subscribe('cam1:main', { onTracks: () => undefined, onSample: () => undefined }); // keep it pulling
  gateway = await LiveGateway.start({ hub, now: () => now, maxBufferedBytes: 256 * 1024 });
});
afterEach(async () => {
  await gateway.close();
  hub.close();
});

interface Client {
  ws: WebSocket;
  messages: Array<string | Buffer>;
  waitFor(n: number): Promise<void>;
}

function open(url: string, origin?: string): Promise<Client> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, origin ? { origin } : {});
    const messages: Array<string | Buffer> = [];
    const waiters: Array<() => void> = [];
    ws.on('message', (data, isBinary) => {
      messages.push(isBinary ? (data as Buffer) : data.toString());
      waiters.forEach((w) => w());
    });
    ws.once('open', () =>
      resolve({
        ws,
        messages,
        waitFor: (n) =>
          new Promise<void>((res, rej) => {
            const t = setTimeout(() => rej(new Error(`only ${messages.length} of ${n} messages`)), 5000);
            const check = (): void => {
              if (messages.length >= n) {
                clearTimeout(t);
                res();
              }
            };
            waiters.push(check);
            check();
          }),
      }),
    );
    ws.once('unexpected-response', (_req, res) => {
      let body = 0;
      res.on('data', (d: Buffer) => (body += d.length));
      res.on('end', () => reject(Object.assign(new Error(`HTTP ${res.statusCode}`), { status: res.statusCode, body })));
    });
    ws.once('error', reject);
  });
}

async function rejected(url: string, origin?: string): Promise<{ status: number; body: number }> {
  try {
    const c = await open(url, origin);
    c.ws.close();
  } catch (e) {
    return e as { status: number; body: number };
  }
  throw new Error('connection was accepted');
}

function close(c: Client): Promise<void> {
  return new Promise((resolve) => {
    c.ws.once('close', () => resolve());
    c.ws.close();
  });
}

describe('upgrade checks', () => {
  it('refuses a missing, unknown, reused, expired or misdirected token, and a foreign origin', async () => {
    const base = `ws://127.0.0.1:${gateway.port}/live/s1`;
    expect(await rejected(base)).toMatchObject({ status: 401, body: 0 });
    expect(await rejected(`${base}?token=not-a-real-token`)).toMatchObject({ status: 401, body: 0 });

    const once = gateway.issue('s1', { format: 'fmp4', key: 'cam1:main' });
    await close(await open(once));
    expect(await rejected(once)).toMatchObject({ status: 401 });

    const late = gateway.issue('s1', { format: 'fmp4', key: 'cam1:main' });
    now += 30_001;
    expect(await rejected(late)).toMatchObject({ status: 401 });

    const other = gateway.issue('s2', { format: 'fmp4', key: 'cam1:main' });
    expect(await rejected(other.replace('/live/s2', '/live/s1'))).toMatchObject({ status: 403 });

    const foreign = gateway.issue('s1', { format: 'fmp4', key: 'cam1:main' });
    expect(await rejected(foreign, 'https://evil.example')).toMatchObject({ status: 403 });
    await close(await open(foreign, `http://127.0.0.1:5173`)); // the token survived the refused origin

    expect(await rejected(`ws://127.0.0.1:${gateway.port}/other?token=x`)).toMatchObject({ status: 404 });
    const c = gateway.counters();
    expect(c.rejected).toMatchObject({ no_token: 1, unknown_token: 2, expired_token: 1, wrong_stream: 1, bad_origin: 1, bad_path: 1 });
    expect(c.accepted).toBe(2);
  });

  it('answers plain HTTP with 426 and listens on loopback only', async () => {
    const res = await fetch(`http://127.0.0.1:${gateway.port}/live/s1`);
    expect(res.status).toBe(426);
    expect(gateway.issue('s1', { format: 'flv', key: 'k' })).toMatch(/^ws:\/\/127\.0\.0\.1:\d+\/live\/s1\?token=[A-Za-z0-9_-]{32}$/);
  });
});

describe('fMP4 stream', () => {
  it('sends facts, init, then one fragment per frame from the cached keyframe on', async () => {
    const c = await open(gateway.issue('tile-1', { format: 'fmp4', key: 'cam1:main' }));
    await c.waitFor(2 + 5 + 1); // facts, init, units 25..29 from the GOP cache, one clock after the keyframe
    const facts = JSON.parse(c.messages[0] as string);
    expect(facts).toMatchObject({ type: 'facts', format: 'fmp4', streamId: 'tile-1', codecString: clip.track.codecString, width: clip.track.width, height: clip.track.height, timescale: 90000 });
    expect(facts.mimeType).toBe(`video/mp4; codecs="${clip.track.codecString}"`);
    const init = c.messages[1] as Buffer;
    expect(init.subarray(4, 8).toString()).toBe('ftyp');
    const first = c.messages[2] as Buffer;
    expect(first.subarray(4, 8).toString()).toBe('moof');
    expect(first.readUInt32BE(96)).toBe(0x02000000); // sync sample
    expect(clip.units[25].keyframe).toBe(true);
    // After a keyframe: which arrival time in main its media time stands for.
    expect(JSON.parse(c.messages[3] as string)).toEqual({ type: 'clock', dts: Number(first.readBigUInt64BE(60)), wallMs: clip.units[25].receivedAt });

    clip.units.slice(30, 100).forEach((u) => producer!.sample(u)); // live frames
    await c.waitFor(2 + 75 + 3); // three keyframes, three clocks
    const path = join(dir, 'received.mp4');
    await writeFile(path, Buffer.concat(c.messages.filter((m): m is Buffer => typeof m !== 'string')));
    const { stdout } = await run('ffprobe', ['-v', 'error', '-count_frames', '-show_streams', '-of', 'json', path]);
    expect(Number(JSON.parse(stdout).streams[0].nb_read_frames)).toBe(75);
    const decode = await run('ffmpeg', ['-v', 'error', '-i', path, '-f', 'null', '-']);
    expect(decode.stderr).toBe('');
    await close(c);
  });

  it('closeStream() ends the players of that stream', async () => {
    const c = await open(gateway.issue('tile-2', { format: 'fmp4', key: 'cam1:main' }));
    const closed = new Promise<number>((resolve) => c.ws.once('close', (code) => resolve(code)));
    gateway.closeStream('tile-2');
    expect(await closed).toBe(1000);
    await new Promise((r) => setTimeout(r, 20));
    expect(gateway.counters().open).toBe(0);
    expect(hub.stats().consumers).toBe(1); // only the test's own keep-alive consumer
  });
});

describe('FLV stream', () => {
  it('is an FLV byte stream mpegts.js reads, starting at a keyframe', async () => {
    const c = await open(gateway.issue('tile-3', { format: 'flv', key: 'cam1:main' }));
    await c.waitFor(1 + 5);
    clip.units.slice(30, 60).forEach((u) => producer!.sample(u));
    await c.waitFor(1 + 35);
    expect(c.messages.every((m) => typeof m !== 'string')).toBe(true);
    const res = await demuxWithMpegts(c.messages as Buffer[]);
    expect(res.errors).toEqual([]);
    expect(res.warnings).toEqual([]);
    expect(res.mediaInfo.videoCodec).toBe(clip.track.codecString);
    expect(res.videoSamples.length).toBe(35);
    expect(res.videoSamples[0].isKeyframe).toBe(true);
    await close(c);
  });
});

describe('shutdown', () => {
  it('closes players with 1001 and unsubscribes them from the hub', async () => {
    const c = await open(gateway.issue('tile-5', { format: 'flv', key: 'cam1:main' }));
    const code = new Promise<number>((resolve) => c.ws.once('close', (k) => resolve(k)));
    await gateway.close();
    expect(await code).toBe(1001);
    expect(hub.stats().consumers).toBe(1); // only the test's own keep-alive consumer
    gateway = await LiveGateway.start({ hub }); // afterEach closes this one
  });
});

describe('backpressure', () => {
  it('a reader that stops skips to the next keyframe instead of piling up bytes', async () => {
    const c = await open(gateway.issue('tile-4', { format: 'fmp4', key: 'cam1:main' }));
    await c.waitFor(7);
    c.ws.pause(); // the player stops reading
    const big = (u: VideoAccessUnit, i: number): VideoAccessUnit => ({
      ...u,
      nalus: [...u.nalus, new Uint8Array(200_000).fill(i & 0xff)], // padding NAL payload: 200 kB frames
      dts90k: (30 + i) * 3600,
      pts90k: (30 + i) * 3600,
    });
    for (let i = 0; i < 150; i++) {
      producer!.sample(big(clip.units[(30 + i) % clip.units.length], i));
      if (i % 10 === 0) await new Promise((r) => setImmediate(r)); // let the socket flush what it can
      expect(gateway.counters().bufferedBytes).toBeLessThanOrEqual(256 * 1024 + 210_000); // limit + one frame
    }
    expect(gateway.counters().skips).toBeGreaterThanOrEqual(1);
    c.ws.resume();
    await new Promise((r) => setTimeout(r, 300)); // the backlog drains
    const before = c.messages.length;
    clip.units.slice(0, 30).forEach((u, i) => producer!.sample({ ...u, dts90k: (200 + i) * 3600, pts90k: (200 + i) * 3600 }));
    await c.waitFor(before + 30);
    // Every jump in decode time (frames were dropped) must land on a sync sample.
    const frags = (c.messages.slice(2).filter((m) => typeof m !== 'string') as Buffer[]).map((b) => ({ dts: Number(b.readBigUInt64BE(60)), sync: b.readUInt32BE(96) === 0x02000000 }));
    let jumps = 0;
    for (let i = 1; i < frags.length; i++) {
      if (frags[i].dts - frags[i - 1].dts > 3600) {
        jumps++;
        expect(frags[i].sync).toBe(true);
      }
    }
    expect(jumps).toBeGreaterThanOrEqual(1);
    await close(c);
  });
});
