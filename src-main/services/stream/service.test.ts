import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { startDemoRtspServer, type DemoRtspServer } from '../../demo/rtsp/index.js';
import { EventBus } from '../../ipc/event-bus.js';
import { createDeviceAdapters } from '../../devices/index.js';
import type { DeviceRecord } from '../../storage/index.js';
import { playableFacts } from '../../testing/services/stream-answer.js';
import { devicesFor } from '../../testing/services/devices-fixture.js';
import { createStreamService, type StreamService } from './service.js';

let camera: DemoRtspServer;
let streams: StreamService;
const bus = new EventBus();
const statuses: Array<{ streamId: string; state: string }> = [];

beforeAll(async () => {
  camera = await startDemoRtspServer();
  const device: DeviceRecord = {
    id: 'd1',
    name: 'NVR',
    kind: 'rtsp',
    host: '127.0.0.1',
    port: camera.port,
    demo: false,
    cameras: [
      { id: 'cam-264', name: 'A', ptz: false, sources: [{ profile: 'main', url: camera.url('/demo/h264'), codec: 'h264' }] },
      { id: 'cam-flv', name: 'P', ptz: false, sources: [{ profile: 'main', url: 'http://127.0.0.1:9/rtp/x.live.flv' }] },
      { id: 'cam-ts', name: 'T', ptz: false, sources: [{ profile: 'main', url: 'http://127.0.0.1:9/rtp/x.live.ts' }] },
      { id: 'cam-odd', name: 'O', ptz: false, sources: [{ profile: 'main', url: 'http://127.0.0.1:9/page.html' }] },
    ],
  };
  bus.subscribe((name, payload) => name === 'sw:stream:onDidChangeStatus' && statuses.push(payload as never));
  streams = await createStreamService({ devices: devicesFor([device]), adapters: createDeviceAdapters(), bus, graceMs: 200, findFfmpeg: async () => undefined });
});

afterAll(async () => {
  await streams.dispose();
  await camera.close();
});

describe('stream service', () => {
  it('opens an RTSP camera as a one-time fMP4 gateway URL that plays from a keyframe', async () => {
    const facts = playableFacts(await streams.open({ cameraId: 'cam-264', profile: 'main' }));
    expect(facts).toMatchObject({ plan: 'as_is', transport: 'fmp4-ws', videoCodec: 'h264', profile: 'main', status: { state: 'connecting' } });
    expect(facts.url).toMatch(/^ws:\/\/127\.0\.0\.1:\d+\/live\/s-[\w-]+\?token=/);
    const ws = new WebSocket(facts.url);
    const messages: Array<string | Buffer> = [];
    ws.on('message', (d, binary) => messages.push(binary ? (d as Buffer) : String(d)));
    await expect.poll(() => messages.length, { timeout: 5000 }).toBeGreaterThanOrEqual(3);
    expect(JSON.parse(messages[0] as string)).toMatchObject({ type: 'facts', width: 640, height: 360 });
    expect((messages[2] as Buffer).subarray(4, 8).toString()).toBe('moof');
    await expect.poll(() => statuses.some((s) => s.streamId === facts.streamId && s.state === 'live'), { timeout: 5000 }).toBe(true);
    // The token was single-use.
    const again = await new Promise<number>((resolve) => new WebSocket(facts.url).once('unexpected-response', (_q, res) => resolve(res.statusCode ?? 0)));
    expect(again).toBe(401);
    streams.close(facts.streamId);
    await new Promise((r) => ws.once('close', r));
    // The last viewer left: after the grace period the camera session ends.
    await expect.poll(() => camera.stats().sessions, { timeout: 5000 }).toBe(0);
  });

  it('sends a stream set to keyframes only nothing but sync samples, over the real RTSP demo camera', async () => {
    const facts = playableFacts(await streams.open({ cameraId: 'cam-264', profile: 'main' }));
    streams.setKeyframesOnly(facts.streamId, true);
    const ws = new WebSocket(facts.url);
    const messages: Array<string | Buffer> = [];
    ws.on('message', (d, binary) => messages.push(binary ? (d as Buffer) : String(d)));
    const moofs = (): Buffer[] => messages.filter((m): m is Buffer => typeof m !== 'string' && m.subarray(4, 8).toString() === 'moof');
    await expect.poll(() => moofs().length, { timeout: 8000 }).toBeGreaterThanOrEqual(3);
    expect(messages.filter((m) => typeof m === 'string' && m.includes('"rate"'))).toEqual([JSON.stringify({ type: 'rate', keyframesOnly: true })]);
    expect(moofs().every((f) => f.readUInt32BE(96) === 0x02000000)).toBe(true);
    expect(streams.gateway.counters().keyframeOnlyDrops).toBeGreaterThan(10);
    streams.close(facts.streamId);
    await new Promise((r) => ws.once('close', r));
  });

  it('pulls platform FLV into the hub (fMP4 gateway URL) and relays TS on loopback, never to the page directly', async () => {
    const flv = playableFacts(await streams.open({ cameraId: 'cam-flv', profile: 'sub' }));
    // No sub-stream: the main stream plays.
    expect(flv).toMatchObject({ plan: 'as_is', transport: 'fmp4-ws', profile: 'main' });
    expect(flv.url).toMatch(/^ws:\/\/127\.0\.0\.1:\d+\/live\//);
    expect(flv.url).not.toContain(':9/');
    streams.close(flv.streamId);
    const ts = playableFacts(await streams.open({ cameraId: 'cam-ts', profile: 'main' }));
    expect(ts).toMatchObject({ plan: 'as_is', transport: 'mpegts', profile: 'main' });
    expect(ts.url).toMatch(/^ws:\/\/127\.0\.0\.1:\d+\/relay\//);
    streams.close(ts.streamId);
  });

  it('says clearly what it cannot open', async () => {
    await expect(streams.open({ cameraId: 'nope', profile: 'main' })).rejects.toMatchObject({ code: 'not_found' });
    await expect(streams.open({ cameraId: 'cam-odd', profile: 'main' })).rejects.toMatchObject({ code: 'unsupported_codec' });
    // Asked for the re-encode without ffmpeg: a dark plan with the reason, no stream.
    expect(await streams.open({ cameraId: 'cam-264', profile: 'main', transcode: true })).toEqual({ plan: 'dark', reason: 'codec_unsupported', videoCodec: 'h264' });
  });
});
