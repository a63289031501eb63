// Keyframes only, on the demo clips through the real hub, gateway and a ws client: only sync
// samples leave while it is on, the player is told where it starts and ends, full rate comes
// back at a keyframe (never mid-GOP), and what was sent decodes without an error.
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { loadDemoClip, type DemoClip } from '../../testing/fmp4/demo-units.js';
import { FakeProducer } from '../../testing/hub/fake-producer.js';
import { StreamHub } from '../hub/stream-hub.js';
import type { VideoCodec } from '../types.js';
import { LiveGateway } from './gateway.js';

const run = promisify(execFile);
let dir = '';
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'skywall-kf-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

interface Setup {
  clip: DemoClip;
  hub: StreamHub;
  gateway: LiveGateway;
  producer: () => FakeProducer;
}

let current: Setup | undefined;
afterEach(async () => {
  await current?.gateway.close();
  current?.hub.close();
  current = undefined;
});

async function setup(codec: VideoCodec): Promise<Setup> {
  const clip = await loadDemoClip(codec);
  let producer: FakeProducer | undefined;
  const hub = new StreamHub({
    producerFactory: (key) => {
      producer = new FakeProducer(key, (p) => {
        p.tracks({ video: clip.track });
        clip.units.slice(0, 30).forEach((u) => p.sample(u)); // the GOP cache holds the last keyframe on
      });
      return producer;
    },
    deadAfterMs: 60_000,
  });
  hub.subscribe('cam1:main', { onTracks: () => undefined, onSample: () => undefined });
  const gateway = await LiveGateway.start({ hub });
  current = { clip, hub, gateway, producer: () => producer! };
  return current;
}

type Message = string | Buffer;

function connect(url: string): Promise<{ ws: WebSocket; messages: Message[]; until(pred: (m: Message[]) => boolean): Promise<void> }> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url);
    const messages: Message[] = [];
    const waiters = new Set<() => void>();
    ws.on('message', (data, isBinary) => {
      messages.push(isBinary ? (data as Buffer) : data.toString());
      waiters.forEach((w) => w());
    });
    ws.once('error', reject);
    ws.once('open', () =>
      resolve({
        ws,
        messages,
        until: (pred) =>
          new Promise<void>((res, rej) => {
            const timer = setTimeout(() => rej(new Error(`condition not met after ${messages.length} messages`)), 5000);
            const check = (): void => {
              if (!pred(messages)) return;
              clearTimeout(timer);
              waiters.delete(check);
              res();
            };
            waiters.add(check);
            check();
          }),
      }),
    );
  });
}

const fragments = (ms: Message[]): Buffer[] => ms.filter((m): m is Buffer => typeof m !== 'string' && m.subarray(4, 8).toString() === 'moof');
const isSync = (frag: Buffer): boolean => frag.readUInt32BE(96) === 0x02000000;
const rates = (ms: Message[]): Array<{ at: number; keyframesOnly: boolean }> =>
  ms.flatMap((m, at) => (typeof m === 'string' && m.includes('"rate"') ? [{ at, keyframesOnly: (JSON.parse(m) as { keyframesOnly: boolean }).keyframesOnly }] : []));

async function decodeErrors(messages: Message[], name: string): Promise<{ frames: number; stderr: string }> {
  const path = join(dir, name);
  await writeFile(path, Buffer.concat(messages.filter((m): m is Buffer => typeof m !== 'string')));
  const { stdout } = await run('ffprobe', ['-v', 'error', '-count_frames', '-show_streams', '-of', 'json', path]);
  const { stderr } = await run('ffmpeg', ['-v', 'error', '-i', path, '-f', 'null', '-']);
  return { frames: Number((JSON.parse(stdout) as { streams: Array<{ nb_read_frames: string }> }).streams[0].nb_read_frames), stderr };
}

describe.each(['h264', 'h265'] as const)('keyframes only (%s demo clip)', (codec) => {
  it('sends only sync samples while on, and every frame again from the next keyframe', async () => {
    const { clip, gateway, producer } = await setup(codec);
    const keyAt = clip.units.flatMap((u, i) => (u.keyframe ? [i] : []));
    expect(keyAt.length).toBeGreaterThanOrEqual(3); // the clip has GOPs to test with
    const c = await connect(gateway.issue('tile-1', { format: 'fmp4', key: 'cam1:main' }));
    await c.until((m) => fragments(m).length >= 30 - keyAt.filter((k) => k < 30).at(-1)!);
    const burst = fragments(c.messages).length;

    gateway.setKeyframesOnly('tile-1', true);
    await c.until((m) => rates(m).length === 1);
    expect(rates(c.messages)[0]!.keyframesOnly).toBe(true);
    const offFrom = keyAt.find((k) => k > 30)! + 5; // mid-GOP, with a keyframe after it
    expect(keyAt.some((k) => k > offFrom)).toBe(true);
    clip.units.slice(30, offFrom).forEach((u) => producer().sample(u));
    const keysWhileOn = keyAt.filter((k) => k >= 30 && k < offFrom).length;
    expect(keysWhileOn).toBeGreaterThanOrEqual(1);
    await c.until((m) => fragments(m).length >= burst + keysWhileOn);
    await new Promise((r) => setTimeout(r, 50));
    const whileOn = fragments(c.messages).slice(burst);
    expect(whileOn).toHaveLength(keysWhileOn);
    expect(whileOn.every(isSync)).toBe(true);
    expect(gateway.counters().keyframeOnlyDrops).toBe(offFrom - 30 - keysWhileOn);

    // Off in the middle of a GOP: the frames before the next keyframe cannot be decoded, so full rate waits for it.
    gateway.setKeyframesOnly('tile-1', false);
    const nextKey = keyAt.find((k) => k > offFrom)!;
    clip.units.slice(offFrom).forEach((u) => producer().sample(u));
    const fullAfter = clip.units.length - nextKey;
    await c.until((m) => fragments(m).length >= burst + keysWhileOn + fullAfter);
    await new Promise((r) => setTimeout(r, 50));
    expect(fragments(c.messages)).toHaveLength(burst + keysWhileOn + fullAfter); // nothing from offFrom to nextKey
    const off = rates(c.messages)[1]!;
    expect(off.keyframesOnly).toBe(false);
    const afterOff = c.messages.slice(off.at + 1).filter((m): m is Buffer => typeof m !== 'string');
    expect(isSync(afterOff[0]!)).toBe(true); // the change is announced right before its keyframe
    expect(afterOff).toHaveLength(fullAfter);

    const decoded = await decodeErrors(c.messages, `${codec}-switch.mp4`);
    expect(decoded.stderr).toBe('');
    expect(decoded.frames).toBe(fragments(c.messages).length);
    c.ws.close();
  });

  it('a player that connects to a stream already set to keyframes only starts that way', async () => {
    const { clip, gateway, producer } = await setup(codec);
    const url = gateway.issue('tile-2', { format: 'fmp4', key: 'cam1:main' });
    gateway.setKeyframesOnly('tile-2', true);
    const c = await connect(url);
    clip.units.slice(30).forEach((u) => producer().sample(u));
    const keys = clip.units.slice(30).filter((u) => u.keyframe).length + 1; // + the cached keyframe
    await c.until((m) => fragments(m).length >= keys);
    await new Promise((r) => setTimeout(r, 50));
    expect(fragments(c.messages)).toHaveLength(keys);
    expect(fragments(c.messages).every(isSync)).toBe(true);
    expect(rates(c.messages).map((r) => r.keyframesOnly)).toEqual([true]);
    const decoded = await decodeErrors(c.messages, `${codec}-keys.mp4`);
    expect(decoded).toEqual({ frames: keys, stderr: '' });
    // closeStream forgets the setting with the stream.
    gateway.closeStream('tile-2');
    const again = await connect(gateway.issue('tile-2', { format: 'fmp4', key: 'cam1:main' }));
    await again.until((m) => fragments(m).length >= 2);
    expect(rates(again.messages)).toEqual([]);
    again.ws.close();
  });
});
