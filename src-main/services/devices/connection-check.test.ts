// The add dialog against the demo ONVIF devices: scan on loopback, connection tests that name
// what failed (counting rejected logins at the device), and an NVR added with its channels.
import { mkdtempSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startOnvifStub, type OnvifStub } from '../../demo/onvif/index.js';
import { openKeyFileVault, openSkywallStore } from '../../storage/index.js';
import { createConnectionCheck } from './connection-check.js';
import { createDevicesService, type DemoDevices } from './service.js';

const NO_DEMO: DemoDevices = { records: () => [], password: () => undefined };
let nvr: OnvifStub;
let noStream: OnvifStub;
let web: Server;

beforeAll(async () => {
  const streamUris = { main: 'rtsp://127.0.0.1:1/ch1/main', sub: 'rtsp://127.0.0.1:1/ch1/sub' };
  nvr = await startOnvifStub({ username: 'admin', password: 'Nvr-Pass1', name: '东门 NVR', channels: 4, streamUris, discovery: true, clockOffsetSec: -30 });
  noStream = await startOnvifStub({ username: 'admin', password: 'x', streamUris: { main: 'http://127.0.0.1/not-rtsp', sub: 'http://127.0.0.1/not-rtsp' } });
  web = createServer((_req, res) => res.writeHead(404, { 'Content-Type': 'text/html' }).end('<html>router</html>'));
  await new Promise<void>((r) => web.listen(0, '127.0.0.1', () => r()));
});
afterAll(async () => {
  await nvr.close();
  await noStream.close();
  await new Promise((r) => web.close(r));
});

async function service() {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'sw-check-'));
  const vault = await openKeyFileVault({ dir });
  const { store } = await openSkywallStore({ dir, vault });
  const check = createConnectionCheck({ multicast: false, scanWaitMs: 400, discoveryTargets: () => [{ host: '127.0.0.1', port: nvr.discoveryPort! }] });
  return { store, devices: createDevicesService(store, vault, NO_DEMO, { record: async () => undefined }, check) };
}

const at = (s: { port: number }) => ({ kind: 'onvif' as const, host: '127.0.0.1', port: s.port, username: 'admin' });

describe('connection test, scan and ONVIF add', () => {
  it('names each failure; a refused password is sent once however often Test is pressed', async () => {
    const { devices } = await service();
    const closedPort = await new Promise<number>((resolve) => {
      const s = createServer().listen(0, '127.0.0.1', () => {
        const p = (s.address() as AddressInfo).port;
        s.close(() => resolve(p));
      });
    });
    expect(await devices.test({ ...at({ port: closedPort }) })).toEqual({ ok: false, failure: 'unreachable' });
    expect(await devices.test({ ...at({ port: (web.address() as AddressInfo).port }), password: 'x' })).toEqual({ ok: false, failure: 'not_onvif' });
    expect(await devices.test({ ...at(noStream), password: 'x' })).toEqual({ ok: false, failure: 'no_stream' });
    const before = nvr.failedAuthAttempts();
    expect(await devices.test({ ...at(nvr), password: 'wrong' })).toEqual({ ok: false, failure: 'wrong_password' });
    expect(await devices.test({ ...at(nvr), password: 'wrong' })).toEqual({ ok: false, failure: 'wrong_password' });
    expect(nvr.failedAuthAttempts() - before).toBe(1);
    const ok = await devices.test({ ...at(nvr), password: 'Nvr-Pass1' });
    expect(ok).toMatchObject({ ok: true, info: { manufacturer: 'Skywall', model: '东门 NVR' } });
    expect(ok.ok && ok.channels.map((c) => c.name)).toEqual(['东门 NVR 1', '东门 NVR 2', '东门 NVR 3', '东门 NVR 4']);
    expect(ok.ok && Math.abs(ok.clockOffsetMs! + 30_000)).toBeLessThan(2000);
  });

  it('scans on loopback, adds the NVR with its channels as cameras, then marks it added', async () => {
    const { devices, store } = await service();
    const found = await devices.scan();
    expect(found).toEqual([{ host: '127.0.0.1', port: nvr.port, name: '东门 NVR', manufacturer: 'Skywall', model: 'SkywallDemoNVR' }]);
    await expect(devices.add({ name: '东门', ...at(nvr), password: 'wrong', cameras: [] })).rejects.toMatchObject({ code: 'auth_failed', params: { failure: 'wrong_password' } });
    expect(store.listDevices()).toEqual([]);
    const added = await devices.add({ name: '东门', ...at(nvr), password: 'Nvr-Pass1', area: ['城关县', '东关镇'], cameras: [] });
    expect(added).toMatchObject({ category: 'nvr', area: ['城关县', '东关镇'], info: { manufacturer: 'Skywall', model: '东门 NVR' } });
    expect(added.cameras.map((c) => [c.channel, c.externalId, c.ptz, c.sources.map((s) => s.profile)])).toEqual([
      [1, 'video-source-0', true, ['main', 'sub']],
      [2, 'video-source-1', false, ['main', 'sub']],
      [3, 'video-source-2', false, ['main', 'sub']],
      [4, 'video-source-3', false, ['main', 'sub']],
    ]);
    expect(added.clock?.offsetMs).toBeLessThan(-28_000);
    // Each channel's snapshot address from GetSnapshotUri is kept with its camera.
    for (const c of added.cameras) expect(c.snapshotUri).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/snapshot\/\w+\.jpg/);
    expect((await devices.scan())[0]!.addedAs).toBe(added.id);
    // Testing an edit that keeps a refused stored password does not ask the device again.
    await devices.noteLoginRefused(added.id);
    const before = nvr.requestLog.length;
    expect(await devices.test({ id: added.id, ...at(nvr) })).toEqual({ ok: false, failure: 'refused_before' });
    expect(nvr.requestLog.length).toBe(before);
  });
});
