// The lockout guard across a restart: a device that refused its password is not dialled again,
// by a new stream service over the same stored file, until the operator edits the password.
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { StreamStatus } from '../../common/contract/index.js';
import { startDemoRtspServer, type DemoRtspServer } from '../../demo/rtsp/index.js';
import { createDeviceAdapters } from '../../devices/index.js';
import { EventBus } from '../../ipc/event-bus.js';
import { openKeyFileVault, openSkywallStore } from '../../storage/index.js';
import { playableFacts } from '../../testing/services/stream-answer.js';
import { createStreamService } from '../stream/service.js';
import { keepLoginRefusals } from './login-refusals.js';
import { createDevicesService, type DemoDevices } from './service.js';

const NO_DEMO: DemoDevices = { records: () => [], password: () => undefined };
let camera: DemoRtspServer;
const dir = mkdtempSync(path.join(os.tmpdir(), 'sw-refusals-'));

beforeAll(async () => {
  camera = await startDemoRtspServer({ auth: { username: 'admin', password: 'Right-Pass1', scheme: 'digest' } });
});
afterAll(async () => {
  await camera.close();
});

/** Everything the app builds over the data folder, as after a (re)start. */
async function start() {
  const vault = await openKeyFileVault({ dir });
  const { store } = await openSkywallStore({ dir, vault });
  const devices = createDevicesService(store, vault, NO_DEMO, { record: async () => undefined });
  const statuses: StreamStatus[] = [];
  const bus = new EventBus();
  bus.subscribe((name, payload) => name === 'sw:stream:onDidChangeStatus' && statuses.push(payload as StreamStatus));
  const streams = await createStreamService({ devices, adapters: createDeviceAdapters(), bus, graceMs: 200, findFfmpeg: async () => undefined });
  keepLoginRefusals(streams.hub, devices);
  store.onDidChange('devices', () => void streams.refreshCredentials());
  const lastState = (streamId: string) => statuses.filter((s) => s.streamId === streamId).at(-1)?.state;
  return { store, devices, streams, lastState };
}

/** Requests that carried credentials: each one a login the camera may count against us. */
const loginsAtCamera = (): number => camera.requestLog.filter((r) => r.authScheme !== undefined).length;

describe('lockout guard per device, kept across a restart', () => {
  it('refuses at most twice, never again after a restart, and plays once the password is edited', async () => {
    const first = await start();
    const gate = await first.devices.add({
      name: '大门',
      kind: 'rtsp',
      host: '127.0.0.1',
      port: camera.port,
      username: 'admin',
      password: 'wrong',
      cameras: [{ id: 'gate-1', name: '大门 1', ptz: false, sources: [{ profile: 'main', url: camera.url('/demo/h264'), codec: 'h264' }] }],
    });
    const other = await first.devices.add({
      name: '后门',
      kind: 'rtsp',
      host: '127.0.0.1',
      port: camera.port,
      username: 'admin',
      password: 'Right-Pass1',
      cameras: [{ id: 'back-1', name: '后门 1', ptz: false, sources: [{ profile: 'main', url: camera.url('/demo/h264'), codec: 'h264' }] }],
    });
    const opened = playableFacts(await first.streams.open({ cameraId: 'gate-1', profile: 'main' }));
    const viewer = new WebSocket(opened.url);
    await expect.poll(() => first.lastState(opened.streamId), { timeout: 10_000 }).toBe('auth_failed');
    await expect.poll(() => first.store.getDevice(gate.id)?.loginRefused, { timeout: 5000 }).toBeDefined();
    const logins = loginsAtCamera();
    expect(logins).toBeGreaterThan(0);
    expect(logins).toBeLessThanOrEqual(2);
    expect(first.store.getDevice(other.id)?.loginRefused).toBeUndefined();
    viewer.close();
    first.streams.close(opened.streamId);
    await first.streams.dispose();

    // Restart: a new stream service over the same file. The tile is told at once; the camera hears nothing.
    const second = await start();
    const again = playableFacts(await second.streams.open({ cameraId: 'gate-1', profile: 'main' }));
    expect(again.status).toMatchObject({ state: 'auth_failed' });
    const watcher = new WebSocket(again.url);
    await new Promise((r) => watcher.once('open', r));
    await new Promise((r) => setTimeout(r, 1000));
    expect(loginsAtCamera()).toBe(logins);
    // The other device on the same host is not affected.
    const back = playableFacts(await second.streams.open({ cameraId: 'back-1', profile: 'main' }));
    const backViewer = new WebSocket(back.url);
    await expect.poll(() => second.lastState(back.streamId), { timeout: 10_000 }).toBe('live');

    // The operator edits the password: the refusal is lifted for this device and the open tile plays.
    await second.devices.update({ id: gate.id, password: 'Right-Pass1' });
    expect(second.store.getDevice(gate.id)?.loginRefused).toBeUndefined();
    await expect.poll(() => second.lastState(again.streamId), { timeout: 10_000 }).toBe('live');
    expect((await second.devices.list()).find((d) => d.id === gate.id)?.cameras.map((c) => c.id)).toEqual(['gate-1']);
    watcher.close();
    backViewer.close();
    await second.streams.dispose();
  });
});
