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
  it('shows the demo only while nothing is configured, and keeps passwords out of views and files', async () => {
    const { dir, store, vault } = await open();
    const recorded: AuditRecord[] = [];
    const devices = createDevicesService(store, vault, demo, { record: async (r) => void recorded.push(r) });
    expect((await devices.list()).map((d) => d.id)).toEqual(['demo-nvr']);
    const view = await devices.add({ name: 'Gate', kind: 'rtsp', host: '10.0.0.5', port: 554, username: 'admin', password: 'Sup3r-Secret', cameras: [{ id: 'gate-1', name: 'G', ptz: false, sources: [{ profile: 'main', url: 'rtsp://10.0.0.5/Streaming/Channels/101' }] }] });
    expect(view).toMatchObject({ name: 'Gate', hasPassword: true, demo: false });
    expect(JSON.stringify(view)).not.toContain('Sup3r-Secret');
    expect((await devices.list()).map((d) => d.name)).toEqual(['Gate']);
    expect(readFileSync(path.join(dir, 'skywall.json'), 'utf8')).not.toContain('Sup3r-Secret');
    expect(readFileSync(path.join(dir, 'credentials.json'), 'utf8')).not.toContain('Sup3r-Secret');
    const resolved = await devices.resolveCamera('gate-1');
    expect(resolved?.password).toBe('Sup3r-Secret');
    expect(await devices.resolveCamera('demo-cam-1')).toBeUndefined(); // the demo is gone once a device exists
    await devices.remove(view.id);
    expect((await devices.resolveCamera('demo-cam-1'))?.password).toBe('demo-pass');
    await expect(devices.remove(view.id)).rejects.toMatchObject({ code: 'not_found' });
    expect(recorded.map((r) => r.kind)).toEqual(['device.add', 'device.remove']);
    expect(JSON.stringify(recorded)).not.toContain('Sup3r-Secret');
  });
});
