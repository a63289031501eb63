// Adding a Hikvision device by address: the connection test and the add list its channels over
// ISAPI with Digest authentication (against a fake in the published XML shapes), and name what failed.
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeIsapi, type FakeIsapi } from '../../testing/hikvision/fake-isapi.js';
import { openKeyFileVault, openSkywallStore } from '../../storage/index.js';
import { createConnectionCheck } from './connection-check.js';
import { createDevicesService } from './service.js';

let nvr: FakeIsapi;
beforeAll(async () => {
  nvr = await startFakeIsapi({ channels: [{ name: '东门', codec: 'H.265', width: 2560, height: 1440 }, { name: '西门' }, { name: '<img src=x onerror=alert(1)>' }] });
});
afterAll(() => nvr.close());

async function service() {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'sw-hik-'));
  const vault = await openKeyFileVault({ dir });
  const { store } = await openSkywallStore({ dir, vault });
  return { store, vault, devices: createDevicesService(store, vault, { records: () => [], password: () => undefined }, { record: async () => undefined }, createConnectionCheck({ multicast: false })) };
}

const at = () => ({ kind: 'hikvision' as const, host: '127.0.0.1', port: nvr.port, username: 'admin' });

describe('Hikvision by address', () => {
  it('the connection test lists the channels with digest auth; a wrong password is sent once', async () => {
    const { devices } = await service();
    const before = nvr.rejected;
    expect(await devices.test({ ...at(), password: 'wrong' })).toEqual({ ok: false, failure: 'wrong_password' });
    expect(await devices.test({ ...at(), password: 'wrong' })).toEqual({ ok: false, failure: 'wrong_password' });
    expect(nvr.rejected - before).toBe(1);
    const ok = await devices.test({ ...at(), password: 'Hik12345' });
    expect(ok).toMatchObject({ ok: true, info: { manufacturer: 'Hikvision', model: 'DS-7608NI-K2' } });
    expect(ok.ok && ok.channels.map((c) => c.name)).toEqual(['东门', '西门', '<img src=x onerror=alert(1)>']);
    expect(await devices.test({ ...at(), port: 1, password: 'x' })).toEqual({ ok: false, failure: 'unreachable' });
  });

  it('an added Hikvision NVR imports its channels as cameras (channel numbers, ISAPI ids, profiles), or is not added', async () => {
    const { devices, store } = await service();
    await expect(devices.add({ name: '村委会', ...at(), password: 'nope', cameras: [] })).rejects.toMatchObject({ code: 'auth_failed', params: { failure: 'wrong_password' } });
    expect(store.listDevices()).toEqual([]);
    const added = await devices.add({ name: '村委会', ...at(), password: 'Hik12345', area: ['城关县'], cameras: [] });
    expect(added).toMatchObject({ kind: 'hikvision', category: 'nvr', info: { model: 'DS-7608NI-K2', firmwareVersion: 'V4.30.085' } });
    expect(added.cameras.map((c) => [c.name, c.channel, c.externalId, c.sources])).toEqual([
      ['东门', 1, '1', [{ profile: 'main', codec: 'h265', width: 2560, height: 1440 }, { profile: 'sub', codec: 'h264', width: 640, height: 360 }]],
      ['西门', 2, '2', [{ profile: 'main', codec: 'h264', width: 1920, height: 1080 }, { profile: 'sub', codec: 'h264', width: 640, height: 360 }]],
      ['<img src=x onerror=alert(1)>', 3, '3', expect.any(Array)],
    ]);
  });
});
