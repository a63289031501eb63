// Platform FLV streams through the hub: a loopback media server (the project's FlvMuxer fed by
// the demo clip in real time) serves HTTP-FLV and WS-FLV; FlvProducer demuxes it into the
// access units the RTSP ingest gives, the hub caches and fans them out. Covers a stream that
// answers 404 until it registers, a server closing every viewer (reconnect), a body that is not
// FLV, and H.265 in the enhanced form.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { StreamHub, type HubStatus } from '../hub/index.js';
import type { MediaSample, TrackInfo } from '../types.js';
import { LiveClip } from '../../testing/platforms/live-clip.js';
import { startFlvLiveServer, type FlvLiveServer } from '../../testing/platforms/flv-live-server.js';
import { DeferredProducer } from './deferred-producer.js';
import { FlvProducer } from './flv-producer.js';

let clip: LiveClip;
let server: FlvLiveServer;
let hub: StreamHub | undefined;

beforeAll(async () => {
  clip = await LiveClip.load('h264');
  clip.start();
  server = await startFlvLiveServer(clip);
});
afterAll(async () => {
  await server.close();
  clip.stop();
});
afterEach(() => {
  hub?.close();
  hub = undefined;
});

interface Watch {
  tracks: TrackInfo[];
  samples: MediaSample[];
  states: HubStatus[];
  until(pred: () => boolean, timeoutMs?: number): Promise<void>;
}

function watch(h: StreamHub, key: string): Watch {
  const w: Watch = {
    tracks: [],
    samples: [],
    states: [],
    until: async (pred, timeoutMs = 8000) => {
      const end = Date.now() + timeoutMs;
      while (!pred()) {
        if (Date.now() > end) throw new Error(`timed out; states ${w.states.map((s) => `${s.state}${s.errorCode ? `(${s.errorCode})` : ''}`).join(' ')}`);
        await new Promise((r) => setTimeout(r, 20));
      }
    },
  };
  h.subscribe(key, { onTracks: (t) => w.tracks.push(t), onSample: (s) => void w.samples.push(s), onStatus: (s) => w.states.push(s) });
  return w;
}

const fastHub = (factory: (key: string) => FlvProducer | DeferredProducer): StreamHub =>
  new StreamHub({ producerFactory: factory, graceMs: 0, backoff: { initialMs: 100, maxMs: 400, jitter: 0 } });

describe.each(['flv', 'ws_flv'] as const)('FlvProducer over %s', (field) => {
  it('gives the hub the clip as H.264 access units, starting on a keyframe, live', async () => {
    server.register('rtp', 'cam1');
    hub = fastHub(() => new FlvProducer({ url: server.urls('rtp', 'cam1')[field] }));
    const w = watch(hub, 'cam1/main');
    await w.until(() => w.samples.length >= 30);
    expect(w.tracks[0]!.video).toMatchObject({ codec: 'h264', width: clip.tracks.video!.width, height: clip.tracks.video!.height });
    const video = w.samples.filter((s) => s.kind === 'video');
    expect(video[0]).toMatchObject({ kind: 'video', keyframe: true });
    // 25 fps: consecutive pictures 40 ms (3600 ticks) apart
    for (let i = 1; i < video.length; i++) expect(video[i]!.dts90k - video[i - 1]!.dts90k).toBe(3600);
    expect(w.states.at(-1)!.state).toBe('live');
  });
});

describe('FlvProducer on a platform\'s habits', () => {
  it('retries a URL that answers 404 until the stream registers, within the same attempt', async () => {
    hub = fastHub(() => new FlvProducer({ url: server.urls('rtp', 'late')['flv'], notFoundEveryMs: 100 }));
    const before = server.notFound();
    const w = watch(hub, 'late/main');
    await new Promise((r) => setTimeout(r, 450));
    expect(server.notFound() - before).toBeGreaterThanOrEqual(3);
    expect(w.samples).toHaveLength(0);
    server.register('rtp', 'late');
    await w.until(() => w.samples.length > 5);
    expect(w.states.map((s) => s.state)).not.toContain('reconnecting');
  });

  it('says not_found after the 404 window and keeps retrying with backoff', async () => {
    hub = fastHub(() => new FlvProducer({ url: server.urls('rtp', 'never')['flv'], notFoundWindowMs: 200, notFoundEveryMs: 50 }));
    const w = watch(hub, 'never/main');
    await w.until(() => w.states.some((s) => s.state === 'reconnecting' && s.errorCode === 'not_found'));
  });

  it('reconnects by itself when the server closes every viewer, asking for a fresh URL', async () => {
    server.register('rtp', 'drop');
    let asked = 0;
    hub = fastHub(
      () =>
        new DeferredProducer(async () => {
          asked++;
          return new FlvProducer({ url: server.urls('rtp', 'drop')['ws_flv'] });
        }),
    );
    const w = watch(hub, 'drop/main');
    await w.until(() => w.samples.length > 5);
    server.dropViewers();
    await w.until(() => w.states.some((s) => s.state === 'reconnecting'));
    const n = w.samples.length;
    await w.until(() => w.samples.length > n + 5);
    expect(asked).toBeGreaterThanOrEqual(2);
    expect(w.states.at(-1)!.state).toBe('live');
  });

  it('ends the attempt with a protocol error on a body that is not FLV (an HTML error page)', async () => {
    const html = createServer((_req, res) => res.writeHead(200, { 'content-type': 'text/html' }).end('<html>login</html>'));
    await new Promise<void>((r) => html.listen(0, '127.0.0.1', r));
    try {
      hub = fastHub(() => new FlvProducer({ url: `http://127.0.0.1:${(html.address() as AddressInfo).port}/rtp/x.live.flv` }));
      const w = watch(hub, 'html/main');
      await w.until(() => w.states.some((s) => s.errorCode === 'protocol'));
    } finally {
      html.closeAllConnections();
      await new Promise((r) => html.close(r));
    }
  });
});

describe('FlvProducer with H.265', () => {
  it('carries H.265 in the enhanced form as hvc1 tracks and units', async () => {
    const hevc = await LiveClip.load('h265');
    hevc.start();
    const s = await startFlvLiveServer(hevc, { registerAll: true, hevcForm: 'enhanced' });
    try {
      hub = fastHub(() => new FlvProducer({ url: s.urls('rtp', 'h').flv }));
      const w = watch(hub, 'h/main');
      await w.until(() => w.samples.length > 5);
      expect(w.tracks[0]!.video!.codec).toBe('h265');
      expect(w.tracks[0]!.video!.codecString).toMatch(/^hvc1\./);
      expect(w.samples[0]).toMatchObject({ codec: 'h265', keyframe: true });
    } finally {
      await s.close();
      hevc.stop();
    }
  });
});
