// D6 (main side): a tile that opens late learns the current state in the answer, and
// "authentication failed" stays, without attempts at the camera, until the credentials change.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { StreamStatus } from '../../common/contract/index.js';
import { startDemoRtspServer, type DemoRtspServer } from '../../demo/rtsp/index.js';
import { createDeviceAdapters } from '../../devices/index.js';
import { EventBus } from '../../ipc/event-bus.js';
import type { DeviceRecord } from '../../storage/index.js';
import { devicesFor } from '../../testing/services/devices-fixture.js';
import { playableFacts } from '../../testing/services/stream-answer.js';
import { createStreamService, type StreamService } from './service.js';

let camera: DemoRtspServer;
let streams: StreamService;
const passwords = new Map<string, string>();
const statuses: StreamStatus[] = [];

beforeAll(async () => {
  camera = await startDemoRtspServer({ auth: { username: 'admin', password: 'Right-Pass1', scheme: 'digest' } });
  const device: DeviceRecord = {
    id: 'd-gate',
    name: 'Gate',
    kind: 'rtsp',
    host: '127.0.0.1',
    port: camera.port,
    username: 'admin',
    demo: false,
    cameras: [{ id: 'gate-1', name: 'Gate 1', ptz: false, sources: [{ profile: 'main', url: camera.url('/demo/h264'), codec: 'h264' }] }],
  };
  passwords.set('d-gate', 'wrong');
  const bus = new EventBus();
  bus.subscribe((name, payload) => name === 'sw:stream:onDidChangeStatus' && statuses.push(payload as StreamStatus));
  streams = await createStreamService({ devices: devicesFor([device], passwords), adapters: createDeviceAdapters(), bus, graceMs: 300, findFfmpeg: async () => undefined });
});

afterAll(async () => {
  await streams.dispose();
  await camera.close();
});

const statesOf = (streamId: string): string[] => statuses.filter((s) => s.streamId === streamId).map((s) => s.state);
/** Requests that carried credentials: each one a login the camera may count against us. */
const loginsAtCamera = (): number => camera.requestLog.filter((r) => r.authScheme !== undefined).length;

describe('stream status for late subscribers, and auth_failed until the credentials change', () => {
  it('stays auth_failed for a viewer, for a late opener and after the source went idle; new credentials play', async () => {
    const first = playableFacts(await streams.open({ cameraId: 'gate-1', profile: 'main' }));
    const viewer = new WebSocket(first.url);
    await expect.poll(() => statesOf(first.streamId).at(-1), { timeout: 10_000 }).toBe('auth_failed');
    const logins = loginsAtCamera();
    expect(logins).toBeGreaterThan(0);
    expect(logins).toBeLessThanOrEqual(2);

    // A tile that opens now gets the state in the answer (it may subscribe to events only after).
    const late = playableFacts(await streams.open({ cameraId: 'gate-1', profile: 'main' }));
    expect(late.status).toMatchObject({ state: 'auth_failed', errorCode: expect.stringMatching(/^auth_/) });
    streams.close(late.streamId);

    // Nobody watches; after the grace period the source is gone. Opening again: still refused,
    // from memory, without a login attempt at the camera and without passing through connecting.
    viewer.close();
    streams.close(first.streamId);
    await expect.poll(() => streams.hub.keys().length, { timeout: 5000 }).toBe(0);
    const again = playableFacts(await streams.open({ cameraId: 'gate-1', profile: 'main' }));
    expect(again.status.state).toBe('auth_failed');
    const watcher = new WebSocket(again.url);
    await new Promise((r) => watcher.once('open', r));
    await new Promise((r) => setTimeout(r, 1500));
    expect(statesOf(again.streamId).filter((s) => s !== 'auth_failed')).toEqual([]);
    expect(loginsAtCamera()).toBe(logins);

    // The operator corrects the password: the open stream reconnects at once and plays.
    passwords.set('d-gate', 'Right-Pass1');
    await streams.refreshCredentials();
    await expect.poll(() => statesOf(again.streamId).at(-1), { timeout: 10_000 }).toBe('live');
    watcher.close();
    streams.close(again.streamId);
  });
});
