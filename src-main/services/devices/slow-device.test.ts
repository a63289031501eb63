// A device that accepts connections and never answers cannot stall the others: while its
// connection tests (ONVIF and ISAPI) wait for their timeouts, other devices are tested and added.
import { mkdtempSync } from 'node:fs';
import { createServer, type Server, type Socket } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startOnvifStub, type OnvifStub } from '../../demo/onvif/index.js';
import { openKeyFileVault, openSkywallStore } from '../../storage/index.js';
import { startFakeIsapi, type FakeIsapi } from '../../testing/hikvision/fake-isapi.js';
import { createConnectionCheck } from './connection-check.js';
import { createDevicesService } from './service.js';

const SLOW_TIMEOUT_MS = 6000;
let silent: Server;
const held: Socket[] = [];
let onvif: OnvifStub;
let hik: FakeIsapi;

beforeAll(async () => {
  silent = createServer((s) => void held.push(s.on('error', () => undefined)));
  await new Promise<void>((r) => silent.listen(0, '127.0.0.1', () => r()));
  onvif = await startOnvifStub({ username: 'admin', password: 'Onvif-1', name: '西门 NVR', channels: 2, streamUris: { main: 'rtsp://127.0.0.1:1/a', sub: 'rtsp://127.0.0.1:1/b' } });
  hik = await startFakeIsapi();
});
afterAll(async () => {
  for (const s of held) s.destroy();
  await new Promise<void>((r) => silent.close(() => r()));
  await onvif.close();
  await hik.close();
});

describe('a device that never answers', () => {
  it('does not hold up testing and adding other devices; it ends in a timeout', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'sw-slow-'));
    const vault = await openKeyFileVault({ dir });
    const { store } = await openSkywallStore({ dir, vault });
    const check = createConnectionCheck({ multicast: false, onvifTimeoutMs: SLOW_TIMEOUT_MS, isapiTimeoutMs: SLOW_TIMEOUT_MS });
    const devices = createDevicesService(store, vault, { records: () => [], password: () => undefined }, { record: async () => undefined }, check);
    const silentPort = (silent.address() as { port: number }).port;

    const t0 = Date.now();
    let slowDone = 0;
    const slow = [
      devices.test({ kind: 'onvif', host: '127.0.0.1', port: silentPort, username: 'admin', password: 'x' }),
      devices.test({ kind: 'hikvision', host: '127.0.0.1', port: silentPort, username: 'admin', password: 'x' }),
      devices.add({ name: '不应答', kind: 'hikvision', host: '127.0.0.1', port: silentPort, username: 'admin', password: 'x', cameras: [] }).catch((e: unknown) => e),
    ].map((p) => p.finally(() => slowDone++));

    // Meanwhile the others are tested and added, each as fast as it answers.
    expect(await devices.test({ kind: 'onvif', host: '127.0.0.1', port: onvif.port, username: 'admin', password: 'Onvif-1' })).toMatchObject({ ok: true });
    const nvr = await devices.add({ name: '西门', kind: 'onvif', host: '127.0.0.1', port: onvif.port, username: 'admin', password: 'Onvif-1', cameras: [] });
    const hikvision = await devices.add({ name: '东门', kind: 'hikvision', host: '127.0.0.1', port: hik.port, username: 'admin', password: 'Hik12345', cameras: [] });
    const othersMs = Date.now() - t0;
    expect(slowDone).toBe(0);
    expect(nvr.cameras).toHaveLength(2);
    expect(hikvision.cameras).toHaveLength(2);

    const [onvifResult, isapiResult, addResult] = await Promise.all(slow);
    const slowMs = Date.now() - t0;
    expect(onvifResult).toEqual({ ok: false, failure: 'timeout' });
    expect(isapiResult).toEqual({ ok: false, failure: 'timeout' });
    expect(addResult).toMatchObject({ code: 'timeout', params: { failure: 'timeout' } });
    expect(store.listDevices().map((d) => d.name)).toEqual(['西门', '东门']);
    console.log(`slow device: others tested and added in ${othersMs} ms while the silent one took ${slowMs} ms to time out`);
  }, 30_000);
});
