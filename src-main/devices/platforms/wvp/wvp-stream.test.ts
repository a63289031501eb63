// A WVP channel through the stream service, as a tile opens it: play/start gives an FLV URL the
// hub pulls, the tile gets the fMP4 gateway URL; when ZLMediaKit ends the stream (nobody
// watched, device dropped), the hub asks WVP again (play/start) and plays on, no operator action.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { createDeviceAdapters } from '../../index.js';
import { EventBus } from '../../../ipc/event-bus.js';
import { createStreamService, type StreamService } from '../../../services/stream/service.js';
import type { DeviceRecord } from '../../../storage/index.js';
import { startFlvLiveServer, type FlvLiveServer } from '../../../testing/platforms/flv-live-server.js';
import { startFakeWvp, wvpDevices, type FakeWvp } from '../../../testing/platforms/fake-wvp.js';
import { LiveClip } from '../../../testing/platforms/live-clip.js';
import { devicesFor } from '../../../testing/services/devices-fixture.js';
import { playableFacts } from '../../../testing/services/stream-answer.js';

let clip: LiveClip;
let media: FlvLiveServer;
let wvp: FakeWvp;
let streams: StreamService;
const DEVICES = wvpDevices(1, 2);
const bus = new EventBus();
const states: string[] = [];

beforeAll(async () => {
  clip = await LiveClip.load('h264');
  clip.start();
  media = await startFlvLiveServer(clip);
  wvp = await startFakeWvp({ username: 'admin', password: 'pw', devices: DEVICES, media, registerDelayMs: 700 });
  const ch = DEVICES[0]!.channels[0]!;
  const record = {
    id: 'wvp-1',
    name: '县平台',
    kind: 'wvp',
    host: '127.0.0.1',
    port: wvp.port,
    username: 'admin',
    demo: false,
    cameras: [{ id: 'wvp-cam', name: ch.name, ptz: true, sources: [], externalId: ch.deviceId, subDevice: { id: DEVICES[0]!.deviceId, name: DEVICES[0]!.name } }],
  } as DeviceRecord;
  bus.subscribe((name, payload) => name === 'sw:stream:onDidChangeStatus' && states.push((payload as { state: string }).state));
  streams = await createStreamService({ devices: devicesFor([record], new Map([['wvp-1', 'pw']])), adapters: createDeviceAdapters(), bus, graceMs: 200, findFfmpeg: async () => undefined });
});
afterAll(async () => {
  await streams.dispose();
  await wvp.close();
  await media.close();
  clip.stop();
});

describe('a WVP channel in a tile', () => {
  it('plays through the hub, waits out the 404 until the stream registers, and reopens a session the platform ended', async () => {
    const facts = playableFacts(await streams.open({ cameraId: 'wvp-cam', profile: 'main' }));
    expect(facts).toMatchObject({ plan: 'as_is', transport: 'fmp4-ws', profile: 'main' });
    const ws = new WebSocket(facts.url);
    let frames = 0;
    ws.on('message', (_d, binary) => {
      if (binary) frames++;
    });
    await expect.poll(() => frames, { timeout: 8000 }).toBeGreaterThan(10);
    expect(media.notFound()).toBeGreaterThan(0); // it answered 404 before the device "pushed"
    const starts = () => wvp.calls.filter((c) => c.path.startsWith('/api/play/start/')).length;
    const before = starts();

    const ch = DEVICES[0]!.channels[0]!;
    wvp.endStream(DEVICES[0]!.deviceId, ch.deviceId);
    const at = frames;
    await expect.poll(() => states.includes('reconnecting'), { timeout: 5000 }).toBe(true);
    await expect.poll(() => frames, { timeout: 10_000 }).toBeGreaterThan(at + 10);
    expect(starts()).toBe(before + 1); // asked WVP for a fresh session
    ws.close();
    streams.close(facts.streamId);
  }, 30_000);
});
