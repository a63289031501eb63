// Refreshing a stored WVP platform against the fake WVP: the channels are listed again, every
// stored camera keeps its id (wall tiles point at it) and its name, a new channel becomes a new
// camera, a gone one is kept and counted, and a channel whose NVR changed follows it.
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDeviceAdapters } from '../../devices/index.js';
import type { PlatformChannel } from '../../devices/platforms/platform-adapter.js';
import { openKeyFileVault, openSkywallStore } from '../../storage/index.js';
import { startFlvLiveServer, type FlvLiveServer } from '../../testing/platforms/flv-live-server.js';
import { startFakeWvp, wvpDevices, type FakeWvp } from '../../testing/platforms/fake-wvp.js';
import { LiveClip } from '../../testing/platforms/live-clip.js';
import { createDevicesService } from '../devices/service.js';
import { mergeChannels } from './channel-import.js';
import { createPlatformsService } from './service.js';

let media: FlvLiveServer;
let wvp: FakeWvp;
const DEVICES = wvpDevices(2, 3);

beforeAll(async () => {
  media = await startFlvLiveServer(await LiveClip.load('h264'));
  wvp = await startFakeWvp({ username: 'admin', password: '县平台#1', devices: DEVICES, media });
});
afterAll(async () => {
  await wvp.close();
  await media.close();
});

async function services() {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'sw-platforms-'));
  const vault = await openKeyFileVault({ dir });
  const { store } = await openSkywallStore({ dir, vault });
  const devices = createDevicesService(store, vault, { records: () => [], password: () => undefined }, { record: async () => undefined });
  return { devices, platforms: createPlatformsService(devices, createDeviceAdapters()) };
}

describe('refreshing a platform\'s channels', () => {
  it('keeps every camera id and name, adds new channels, keeps and counts gone ones', async () => {
    const { devices, platforms } = await services();
    const { deviceId } = await platforms.add({ kind: 'wvp', name: '县级国标平台', host: '127.0.0.1', port: wvp.port, https: false, username: 'admin', password: '县平台#1' });
    const before = (await devices.list()).find((d) => d.id === deviceId)!.cameras;
    expect(before).toHaveLength(6);
    expect(before[0]!.sources.map((s) => s.profile)).toEqual(['main', 'sub']);
    const renamedByOperator = before.map((c, i) => (i === 1 ? { ...c, name: '值班室看的那路' } : c));
    await devices.update({ id: deviceId, cameras: renamedByOperator });

    // On the platform: a channel is renamed, one leaves, one is added.
    const [nvr1, nvr2] = DEVICES;
    nvr1!.channels[0]!.name = '平台改了名字';
    const gone = nvr2!.channels.pop()!;
    nvr2!.channels.push({ deviceId: '34020000001310099001', name: '新装的村口', status: 'ON', ptzType: 1 });

    const answer = await platforms.refresh(deviceId);
    expect(answer).toEqual({ cameras: 7, added: 1, updated: 0, missing: 1 });
    const after = (await devices.list()).find((d) => d.id === deviceId)!.cameras;
    expect(after.slice(0, 6).map((c) => c.id)).toEqual(before.map((c) => c.id));
    expect(after[0]!.name).toBe(before[0]!.name); // the name the wall shows stays
    expect(after[1]!.name).toBe('值班室看的那路');
    expect(after.find((c) => c.externalId === gone.deviceId)?.id).toBe(before[5]!.id);
    expect(after[6]).toMatchObject({ name: '新装的村口', externalId: '34020000001310099001', subDevice: { id: nvr2!.deviceId } });
    // A second refresh changes nothing.
    expect(await platforms.refresh(deviceId)).toEqual({ cameras: 7, added: 0, updated: 0, missing: 1 });
    await expect(platforms.refresh('no-such-device')).rejects.toMatchObject({ code: 'not_found' });
  });

  it('follows a channel whose platform device changed, and tells two same ids under two devices apart', () => {
    const listed = (id: string, dev: string): PlatformChannel => ({ id, name: id, profiles: [{ profile: 'main' }], ptz: false, online: true, subDevice: { id: dev, name: dev }, area: [dev] });
    const stored = [
      { id: 'cam-a', name: 'A', ptz: false, sources: [{ profile: 'main' as const }], externalId: 'ch-1', subDevice: { id: 'nvr-1', name: 'nvr-1' }, area: ['nvr-1'] },
      { id: 'cam-b', name: 'B', ptz: false, sources: [{ profile: 'main' as const }], externalId: 'ch-2', subDevice: { id: 'nvr-1', name: 'nvr-1' }, area: ['nvr-1'] },
      { id: 'cam-c', name: 'C', ptz: false, sources: [{ profile: 'main' as const }], externalId: 'ch-2', subDevice: { id: 'nvr-2', name: 'nvr-2' }, area: ['nvr-2'] },
    ];
    let n = 0;
    const merged = mergeChannels(stored, [listed('ch-1', 'nvr-9'), listed('ch-2', 'nvr-2'), listed('ch-2', 'nvr-1')], [], () => `new-${++n}`);
    expect(merged.cameras.map((c) => [c.id, c.externalId, c.subDevice?.id])).toEqual([
      ['cam-a', 'ch-1', 'nvr-9'],
      ['cam-b', 'ch-2', 'nvr-1'],
      ['cam-c', 'ch-2', 'nvr-2'],
    ]);
    expect(merged).toMatchObject({ added: 0, updated: 1, missing: 0 });
  });
});
