import { mkdtempSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openKeyFileVault, openSkywallStore, type DeviceRecord } from '../../storage/index.js';
import type { AuditRecord } from '../audit/service.js';
import { createDevicesService, type DemoDevices } from './service.js';

async function open() {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'sw-services-'));
  const vault = await openKeyFileVault({ dir });
  const { store } = await openSkywallStore({ dir, vault });
  return { dir, vault, store };
}

const demoRecord: DeviceRecord = { id: 'demo-nvr', name: 'Demo', kind: 'onvif', host: '127.0.0.1', port: 1, username: 'admin', demo: true, cameras: [{ id: 'demo-cam-1', name: 'D', ptz: true, sources: [{ profile: 'main', url: 'rtsp://127.0.0.1:2/demo/h264' }] }] };
const demo: DemoDevices = { records: () => [demoRecord], password: (id) => (id === 'demo-nvr' ? 'demo-pass' : undefined) };

describe('devices service', () => {
  it('keeps the demo beside the first configured device, and keeps passwords out of views and files', async () => {
    const { dir, store, vault } = await open();
    const recorded: AuditRecord[] = [];
    const devices = createDevicesService(store, vault, demo, { record: async (r) => void recorded.push(r) });
    expect((await devices.list()).map((d) => d.id)).toEqual(['demo-nvr']);
    const view = await devices.add({ name: 'Gate', kind: 'rtsp', host: '10.0.0.5', port: 554, username: 'admin', password: 'Sup3r-Secret', cameras: [{ id: 'gate-1', name: 'G', ptz: false, sources: [{ profile: 'main', url: 'rtsp://10.0.0.5/Streaming/Channels/101' }] }] });
    expect(view).toMatchObject({ name: 'Gate', hasPassword: true, demo: false });
    expect(JSON.stringify(view)).not.toContain('Sup3r-Secret');
    expect((await devices.list()).map((d) => d.name)).toEqual(['Gate', 'Demo']);
    expect(readFileSync(path.join(dir, 'skywall.json'), 'utf8')).not.toContain('Sup3r-Secret');
    expect(readFileSync(path.join(dir, 'credentials.json'), 'utf8')).not.toContain('Sup3r-Secret');
    const resolved = await devices.resolveCamera('gate-1');
    expect(resolved?.password).toBe('Sup3r-Secret');
    // Adding a camera leaves the demo on the wall playing.
    expect((await devices.resolveCamera('demo-cam-1'))?.password).toBe('demo-pass');
    await devices.remove(view.id);
    expect((await devices.resolveCamera('demo-cam-1'))?.password).toBe('demo-pass');
    await expect(devices.remove(view.id)).rejects.toMatchObject({ code: 'not_found' });
    expect(recorded.map((r) => r.kind)).toEqual(['device.add', 'device.remove']);
    expect(JSON.stringify(recorded)).not.toContain('Sup3r-Secret');
  });
});

describe('editing a device', () => {
  const nvr = {
    name: '东门 NVR',
    kind: 'hikvision' as const,
    host: '10.0.0.7',
    port: 80,
    username: 'admin',
    password: 'wrong',
    cameras: [
      { id: 'east-1', name: '东门 1', ptz: false, channel: 1, sources: [{ profile: 'main' as const, codec: 'h265' as const, width: 2560, height: 1440 }] },
      { id: 'east-2', name: '东门 2', ptz: true, channel: 2, sources: [] },
    ],
  };

  it('stores the model: category guessed, area path, budget; edits keep camera ids', async () => {
    const { store, vault } = await open();
    const devices = createDevicesService(store, vault, demo, { record: async () => undefined });
    const added = await devices.add({ ...nvr, maxStreams: 8 });
    expect(added).toMatchObject({ category: 'nvr', area: [], maxStreams: 8 });
    const edited = await devices.update({ id: added.id, host: '10.0.0.8', port: 8080, area: ['城关县', '东关镇', '李家村', '村口'], maxStreams: null, maxBitrateKbps: 16000 });
    expect(edited.cameras.map((c) => c.id)).toEqual(['east-1', 'east-2']);
    expect(edited).toMatchObject({ host: '10.0.0.8', port: 8080, area: ['城关县', '东关镇', '李家村', '村口'], maxBitrateKbps: 16000 });
    expect(edited.maxStreams).toBeUndefined();
    expect((await devices.resolveCamera('east-2'))?.cameraIndex).toBe(1);
  });

  it('keeps a refused login until that device credentials change, and only for that device', async () => {
    const { store, vault } = await open();
    const devices = createDevicesService(store, vault, demo, { record: async () => undefined });
    const a = await devices.add(nvr);
    const b = await devices.add({ ...nvr, host: '10.0.0.9', cameras: [{ ...nvr.cameras[0]!, id: 'west-1' }] });
    await devices.noteLoginRefused(a.id, new Date('2026-12-03T10:00:00Z'));
    await devices.noteLoginRefused(b.id, new Date('2026-12-03T10:00:01Z'));
    // A name-only edit does not lift it.
    await devices.update({ id: a.id, name: '东门' });
    expect((await devices.resolveCamera('east-1'))?.device.loginRefused).toEqual({ at: '2026-12-03T10:00:00.000Z' });
    await devices.update({ id: a.id, password: 'right' });
    expect((await devices.resolveCamera('east-1'))?.device.loginRefused).toBeUndefined();
    expect((await devices.resolveCamera('east-1'))?.password).toBe('right');
    expect((await devices.resolveCamera('west-1'))?.device.loginRefused).toEqual({ at: '2026-12-03T10:00:01.000Z' });
    // A changed user name lifts it too.
    await devices.update({ id: b.id, username: 'operator' });
    expect((await devices.resolveCamera('west-1'))?.device.loginRefused).toBeUndefined();
  });

  it('refuses a camera added by URL without a URL, and an area deeper than site', async () => {
    const { DeviceInput } = await import('../../common/contract/devices.js');
    expect(DeviceInput.safeParse({ name: 'X', kind: 'rtsp', host: 'h', port: 554, cameras: [{ id: 'x', name: 'X', ptz: false, sources: [{ profile: 'main' }] }] }).success).toBe(false);
    expect(DeviceInput.safeParse({ ...nvr, area: ['a', 'b', 'c', 'd', 'e'] }).success).toBe(false);
    expect(DeviceInput.safeParse({ ...nvr, area: ['a', 'b', 'c', 'd'] }).success).toBe(true);
  });
});
