// Sub-streams before refusals, on the real hub and gateway with the demo RTSP camera: tiles are
// scripted as the renderer drives them (wish, open, play over the gateway's WebSocket, close the
// old stream once the new one plays).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { startDemoRtspServer, type DemoRtspServer } from '../../demo/rtsp/index.js';
import { createDeviceAdapters } from '../../devices/index.js';
import { EventBus } from '../../ipc/event-bus.js';
import type { DeviceRecord } from '../../storage/index.js';
import { devicesFor } from '../../testing/services/devices-fixture.js';
import { playableFacts } from '../../testing/services/stream-answer.js';
import { createStreamService, type StreamService } from './service.js';

// Declared sizes set the costs: main 1080p ≈ 4147 kbit/s, sub 360p ≈ 461 kbit/s. The link carries
// 9000: two mains and a sub, or one main and three subs.
const LIMIT_KBPS = 9000;

let camera: DemoRtspServer;
let streams: StreamService;
const bus = new EventBus();
const caps: Array<{ viewer: string; capped: boolean }> = [];
const statuses: Array<{ streamId: string; state: string; errorCode?: string }> = [];
const sockets: WebSocket[] = [];

beforeAll(async () => {
  camera = await startDemoRtspServer();
  const url = camera.url('/demo/h264');
  const device: DeviceRecord = {
    id: 'link-1',
    name: '村口链路',
    kind: 'rtsp',
    host: '127.0.0.1',
    port: camera.port,
    demo: false,
    maxBitrateKbps: LIMIT_KBPS,
    cameras: ['c1', 'c2', 'c3', 'c4'].map((id) => ({
      id,
      name: id,
      ptz: false,
      sources: [
        { profile: 'main' as const, url, codec: 'h264' as const, width: 1920, height: 1080 },
        { profile: 'sub' as const, url, codec: 'h264' as const, width: 640, height: 360 },
      ],
    })),
  };
  bus.subscribe((name, payload) => {
    if (name === 'sw:stream:onDidCapTile') caps.push(payload as never);
    if (name === 'sw:stream:onDidChangeStatus') statuses.push(payload as never);
  });
  streams = await createStreamService({ devices: devicesFor([device]), adapters: createDeviceAdapters(), bus, graceMs: 300, findFfmpeg: async () => undefined });
});

afterAll(async () => {
  for (const ws of sockets) ws.close();
  await streams.dispose();
  await camera.close();
});

/** Opens a stream for tile `viewer` and connects to it as a player would; counts the fragments it receives. */
async function play(viewer: string, cameraId: string, profile: 'main' | 'sub') {
  const facts = playableFacts(await streams.open({ cameraId, profile, viewer }));
  const ws = new WebSocket(facts.url);
  sockets.push(ws);
  let fragments = 0;
  ws.on('message', (d, binary) => {
    if (binary && (d as Buffer).subarray(4, 8).toString() === 'moof') fragments++;
  });
  // The gateway joins the hub when the player connects: until then the stream is unwatched.
  await new Promise((resolve, reject) => ws.once('open', resolve).once('error', reject));
  return { facts, fragments: () => fragments };
}

const wish = (viewer: string, areaPx: number, selected = false) => streams.tileWish({ viewer, wants: 'main', selected, maximised: false, areaPx });
const capsOf = (viewer: string) => caps.filter((c) => c.viewer === viewer).map((c) => c.capped);
const kbpsUsed = () => streams.hub.budget!.usage().groups['link-1']?.kbps ?? 0;

describe('stream budget moves tiles to sub-streams before refusing', () => {
  it('plays four tiles on a link that carries two main streams: the least important move to sub, and go back up when room returns', async () => {
    wish('t1', 900 * 500, true);
    wish('t2', 300 * 170);
    wish('t3', 640 * 360);
    wish('t4', 640 * 360);
    const t1 = await play('t1', 'c1', 'main');
    const t2 = await play('t2', 'c2', 'main');
    expect([t1.facts.profile, t2.facts.profile]).toEqual(['main', 'main']);
    // Main does not fit a third time, its sub-stream does: the tile is told it is held to sub.
    const t3 = await play('t3', 'c3', 'main');
    expect(t3.facts.profile).toBe('sub');
    expect(capsOf('t3')).toEqual([true]);

    // The fourth does not fit even on sub: the smallest tile on main (t2) is asked to move, not t1 (selected).
    const t4 = await play('t4', 'c4', 'main');
    expect(t4.facts.profile).toBe('sub');
    expect(capsOf('t4')).toEqual([true]);
    expect(capsOf('t2')).toEqual([true]);
    expect(capsOf('t1')).toEqual([]);
    // t2 moves as its tile does: the sub-stream underneath first (admitted in its main's place), then main is let go.
    const t2sub = await play('t2', 'c2', 'sub');
    await expect.poll(() => t2sub.fragments(), { timeout: 10_000 }).toBeGreaterThan(0);
    streams.close(t2.facts.streamId);
    // Room made: the fourth tile plays, nobody is refused, and the link stays within its limit.
    await expect.poll(() => t4.fragments(), { timeout: 10_000 }).toBeGreaterThan(0);
    await expect.poll(() => kbpsUsed(), { timeout: 5000 }).toBeLessThanOrEqual(LIMIT_KBPS);
    expect(kbpsUsed()).toBe(4147 + 3 * 461);
    for (const t of [t1, t3]) expect(t.fragments()).toBeGreaterThan(0);

    // The operator clears the tile on main: the capped tiles go back to main one at a time, most
    // important first, as far as the link carries (two mains and a sub: t3 and t4 up, t2 stays on sub).
    caps.length = 0;
    streams.close(t1.facts.streamId);
    // Its place is kept a moment (a tile opening again closes first), then given on.
    await expect.poll(() => caps, { timeout: 5000 }).toEqual([{ viewer: 't3', capped: false }]);
    const t3main = await play('t3', 'c3', 'main');
    expect(t3main.facts.profile).toBe('main');
    await expect.poll(() => t3main.fragments(), { timeout: 10_000 }).toBeGreaterThan(0);
    streams.close(t3.facts.streamId);
    expect(caps).toEqual([
      { viewer: 't3', capped: false },
      { viewer: 't4', capped: false },
    ]);
    const t4main = await play('t4', 'c4', 'main');
    expect(t4main.facts.profile).toBe('main');
    await expect.poll(() => t4main.fragments(), { timeout: 10_000 }).toBeGreaterThan(0);
    streams.close(t4.facts.streamId);
    await expect.poll(() => kbpsUsed(), { timeout: 5000 }).toBe(2 * 4147 + 461);
    expect(capsOf('t2')).toEqual([]); // no room for its main: it stays capped
    expect(statuses.filter((s) => s.errorCode === 'over_budget' && [t3main, t4main, t2sub].some((t) => t.facts.streamId === s.streamId))).toEqual([]);
  });
});
