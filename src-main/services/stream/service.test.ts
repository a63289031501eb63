import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { startDemoRtspServer, type DemoRtspServer } from '../../demo/rtsp/index.js';
import { EventBus } from '../../ipc/event-bus.js';
import type { DeviceRecord } from '../../storage/index.js';
import type { DevicesService } from '../devices/service.js';
import { createStreamService, type StreamService } from './service.js';

let camera: DemoRtspServer;
let streams: StreamService;
const bus = new EventBus();
const statuses: Array<{ streamId: string; state: string }> = [];

function devicesFor(records: DeviceRecord[]): DevicesService {
  return {
    list: async () => [],
    add: async () => {
      throw new Error('not used');
    },
    remove: async () => undefined,
    resolveCamera: async (cameraId) => {
      for (const device of records) {
        const cameraIndex = device.cameras.findIndex((c) => c.id === cameraId);
        if (cameraIndex >= 0) return { device, cameraIndex };
      }
      return undefined;
    },
  };
}

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
      { id: 'cam-odd', name: 'O', ptz: false, sources: [{ profile: 'main', url: 'http://127.0.0.1:9/page.html' }] },
    ],
  };
  bus.subscribe((name, payload) => name === 'sw:stream:onDidChangeStatus' && statuses.push(payload as never));
  streams = await createStreamService({ devices: devicesFor([device]), bus, graceMs: 200, findFfmpeg: async () => undefined });
});

afterAll(async () => {
  await streams.dispose();
  await camera.close();
});

describe('stream service', () => {
  it('opens an RTSP camera as a one-time fMP4 gateway URL that plays from a keyframe', async () => {
    const facts = await streams.open('cam-264', 'main');
    expect(facts).toMatchObject({ transport: 'fmp4-ws', videoCodec: 'h264', hasSubStream: false, canTranscode: false });
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

  it('hands platform URLs to the relay on loopback, never to the page directly', async () => {
    const facts = await streams.open('cam-flv', 'main');
    expect(facts.transport).toBe('flv-ws');
    expect(facts.url).toMatch(/^ws:\/\/127\.0\.0\.1:\d+\/relay\//);
    expect(facts.url).not.toContain(':9/');
    streams.close(facts.streamId);
  });

  it('says clearly what it cannot open', async () => {
    await expect(streams.open('nope', 'main')).rejects.toMatchObject({ code: 'not_found' });
    await expect(streams.open('cam-odd', 'main')).rejects.toMatchObject({ code: 'unsupported_codec' });
    await expect(streams.open('cam-264', 'main', { transcode: true })).rejects.toMatchObject({ code: 'unsupported_codec', message: expect.stringContaining('ffmpeg') });
  });
});
