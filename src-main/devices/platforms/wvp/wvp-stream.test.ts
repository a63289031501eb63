// A WVP channel through the stream service, as a tile opens it: play/start gives an FLV URL the
// hub pulls, the tile gets the fMP4 gateway URL; when ZLMediaKit ends the stream (nobody
// watched, device dropped), the hub asks WVP again (play/start) and plays on, no operator action;
// play/stop goes out once nothing pulls the channel (after the hub's grace); a sub-stream is the
// channel's stream choice set before play/start, and main outranks it.
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
const CH2 = DEVICES[0]!.channels[1]!;
const STREAM2 = `${DEVICES[0]!.deviceId}_${CH2.deviceId}`;
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
    cameras: [
      { id: 'wvp-cam', name: ch.name, ptz: true, sources: [], externalId: ch.deviceId, subDevice: { id: DEVICES[0]!.deviceId, name: DEVICES[0]!.name } },
      { id: 'wvp-cam-2', name: CH2.name, ptz: false, sources: [], externalId: CH2.deviceId, subDevice: { id: DEVICES[0]!.deviceId, name: DEVICES[0]!.name } },
    ],
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

/** A tile's view of a gateway stream: binary messages (fMP4 fragments) counted. */
function watch(url: string): { frames: () => number; close: () => void } {
  const ws = new WebSocket(url);
  let frames = 0;
  ws.on('message', (_d, binary) => {
    if (binary) frames++;
  });
  return { frames: () => frames, close: () => ws.close() };
}

const callsTo = (prefix: string) => wvp.calls.filter((c) => c.path.startsWith(prefix)).length;

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

  it('sends play/stop only after the last viewer of the channel left and the grace is over', async () => {
    const a = playableFacts(await streams.open({ cameraId: 'wvp-cam-2', profile: 'main' }));
    const b = playableFacts(await streams.open({ cameraId: 'wvp-cam-2', profile: 'main' }));
    const va = watch(a.url);
    const vb = watch(b.url);
    await expect.poll(() => vb.frames(), { timeout: 8000 }).toBeGreaterThan(5);
    expect(wvp.playing()).toContain(STREAM2);
    const stops = callsTo('/api/play/stop/');
    va.close();
    streams.close(a.streamId);
    await new Promise((r) => setTimeout(r, 600)); // three graces: one viewer is still there
    expect(callsTo('/api/play/stop/')).toBe(stops);
    expect(wvp.playing()).toContain(STREAM2);
    vb.close();
    streams.close(b.streamId);
    await expect.poll(() => wvp.playing().includes(STREAM2), { timeout: 5000 }).toBe(false);
    expect(callsTo('/api/play/stop/')).toBe(stops + 1);
    expect(wvp.calls.filter((c) => c.path.startsWith('/api/play/stop/')).at(-1)!.path).toBe(`/api/play/stop/${DEVICES[0]!.deviceId}/${CH2.deviceId}`);
  }, 30_000);

  it('plays the sub-stream by the channel\'s stream choice, and switches the channel to main when a tile asks for main', async () => {
    const from = wvp.starts.length;
    const sub = playableFacts(await streams.open({ cameraId: 'wvp-cam-2', profile: 'sub' }));
    expect(sub).toMatchObject({ profile: 'sub', transport: 'fmp4-ws' });
    const vs = watch(sub.url);
    await expect.poll(() => vs.frames(), { timeout: 8000 }).toBeGreaterThan(5);
    expect(wvp.starts.slice(from)).toEqual([{ stream: STREAM2, identification: 'stream:1' }]);
    const update = wvp.calls.filter((c) => c.path === '/api/device/query/channel/stream/identification/update/').at(-1)!;
    expect(update.query).toMatchObject({ streamIdentification: 'stream:1', id: '2', deviceDbId: '1' });

    // Main outranks sub: the channel's one stream becomes main; the sub tile plays on by itself.
    const startsBefore = callsTo('/api/play/start/');
    const main = playableFacts(await streams.open({ cameraId: 'wvp-cam-2', profile: 'main' }));
    const vm = watch(main.url);
    await expect.poll(() => vm.frames(), { timeout: 8000 }).toBeGreaterThan(5);
    expect(wvp.starts.slice(from).map((s) => s.identification)).toEqual(['stream:1', 'stream:0']);
    const at = vs.frames();
    await expect.poll(() => vs.frames(), { timeout: 10_000 }).toBeGreaterThan(at + 5);
    expect(callsTo('/api/play/start/')).toBeGreaterThanOrEqual(startsBefore + 2); // main, then the sub tile's reconnect

    const stops = callsTo('/api/play/stop/');
    for (const [v, f] of [[vs, sub], [vm, main]] as const) {
      v.close();
      streams.close(f.streamId);
    }
    await expect.poll(() => wvp.playing().includes(STREAM2), { timeout: 5000 }).toBe(false);
    expect(callsTo('/api/play/stop/')).toBe(stops + 1); // one stream, one stop
  }, 40_000);
});
