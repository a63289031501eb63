// Services talk to adapters, not to stored URLs: an ONVIF device plays from the stream URI the
// device reports now, whatever URL was stored when it was added.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { startOnvifStub, type OnvifStub } from '../../demo/onvif/index.js';
import { startDemoRtspServer, type DemoRtspServer } from '../../demo/rtsp/index.js';
import { createDeviceAdapters } from '../../devices/index.js';
import { EventBus } from '../../ipc/event-bus.js';
import type { DeviceRecord } from '../../storage/index.js';
import { devicesFor } from '../../testing/services/devices-fixture.js';
import { playableFacts } from '../../testing/services/stream-answer.js';
import { createStreamService, type StreamService } from './service.js';

let camera: DemoRtspServer;
let onvif: OnvifStub;
let streams: StreamService;

beforeAll(async () => {
  camera = await startDemoRtspServer();
  onvif = await startOnvifStub({ username: 'admin', password: 'Onvif-Pass1', streamUris: { main: camera.url('/demo/h264'), sub: camera.url('/demo/h264') } });
  const device: DeviceRecord = {
    id: 'd-onvif',
    name: 'Yard',
    kind: 'onvif',
    host: '127.0.0.1',
    port: onvif.port,
    username: 'admin',
    demo: false,
    // Stored when the device was added; the device has moved its stream since.
    cameras: [{ id: 'yard-1', name: 'Yard', ptz: true, sources: [{ profile: 'main', url: 'rtsp://192.0.2.77/stale' }] }],
  };
  const passwords = new Map([['d-onvif', 'Onvif-Pass1']]);
  streams = await createStreamService({ devices: devicesFor([device], passwords), adapters: createDeviceAdapters(), bus: new EventBus(), graceMs: 300, findFfmpeg: async () => undefined });
});

afterAll(async () => {
  await streams.dispose();
  await Promise.all([camera.close(), onvif.close()]);
});

describe('an ONVIF device through its adapter', () => {
  it('plays the stream URI the device reports, with the codec its profile names', async () => {
    const answer = playableFacts(await streams.open({ cameraId: 'yard-1', profile: 'main', decode: { h264: true, h265: false, aac: true } }));
    expect(answer).toMatchObject({ plan: 'as_is', videoCodec: 'h264', transport: 'fmp4-ws' });
    const ws = new WebSocket(answer.url);
    const boxes: string[] = [];
    ws.on('message', (d, binary) => binary && boxes.push((d as Buffer).subarray(4, 8).toString()));
    await expect.poll(() => boxes.includes('moof'), { timeout: 10_000 }).toBe(true);
    ws.close();
    streams.close(answer.streamId);
    expect(camera.requestLog.some((r) => r.method === 'PLAY' && r.uri.includes('/demo/h264'))).toBe(true);
    expect(onvif.failedAuthAttempts()).toBe(0);
  });
});
