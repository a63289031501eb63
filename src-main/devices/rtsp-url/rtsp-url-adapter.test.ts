import { describe, expect, it } from 'vitest';
import type { DeviceConfig, DeviceHandle } from '../adapter.js';
import { createDeviceAdapters, DeviceAdapterRegistry } from '../index.js';

const config: DeviceConfig = {
  id: 'dev-gate',
  name: 'Gate',
  kind: 'rtsp',
  host: '10.0.0.5',
  port: 554,
  username: 'admin',
  demo: false,
  cameras: [
    {
      id: 'gate-1',
      name: 'Gate 1',
      ptz: false,
      sources: [
        { profile: 'main', url: 'rtsp://10.0.0.5/Streaming/Channels/101', codec: 'h265' },
        { profile: 'sub', url: 'rtsp://10.0.0.5/Streaming/Channels/102', codec: 'h264' },
      ],
    },
    { id: 'plat-1', name: 'Platform', ptz: false, sources: [{ profile: 'main', url: 'http://10.0.0.9/rtp/a.live.flv?token=t' }] },
    { id: 'odd-1', name: 'Odd', ptz: false, sources: [{ profile: 'main', url: 'http://10.0.0.9/page.html' }] },
  ],
};

function handle(c: DeviceConfig, password?: string): DeviceHandle {
  return { config: c, credentials: async () => ({ ...(c.username ? { username: c.username } : {}), ...(password ? { password } : {}) }) };
}

describe('devices added by URL', () => {
  const registry = createDeviceAdapters();
  const adapter = registry.forDevice(config);

  it('describes the stored cameras as channels with their profiles and codecs', async () => {
    const d = await adapter.describe(handle(config, 'pw'));
    expect(d.channels.map((c) => c.id)).toEqual(['gate-1', 'plat-1', 'odd-1']);
    expect(d.channels[0]!.profiles).toEqual([
      { profile: 'main', codec: 'h265' },
      { profile: 'sub', codec: 'h264' },
    ]);
    expect(adapter.ptz).toBeUndefined();
  });

  it('gives an RTSP live source with the vault credentials beside the URL, never in it', async () => {
    const s = await adapter.liveSource(handle(config, 'S3cret'), { index: 0, cameraId: 'gate-1' }, 'sub');
    expect(s).toEqual({ kind: 'rtsp', url: 'rtsp://10.0.0.5/Streaming/Channels/102', credentials: { username: 'admin', password: 'S3cret' }, codec: 'h264' });
  });

  it('gives platform links to the relay with their input kind', async () => {
    const s = await adapter.liveSource(handle(config), { index: 1, cameraId: 'plat-1' }, 'main');
    expect(s).toEqual({ kind: 'relay', url: 'http://10.0.0.9/rtp/a.live.flv?token=t', input: 'flv-http' });
  });

  it('says what it cannot give', async () => {
    const h = handle(config);
    await expect(adapter.liveSource(h, { index: 0, cameraId: 'gate-1' }, 'third')).rejects.toMatchObject({ code: 'not_found', params: { profile: 'third' } });
    await expect(adapter.liveSource(h, { index: 2, cameraId: 'odd-1' }, 'main')).rejects.toMatchObject({ code: 'unsupported_codec' });
    // A stale channel reference (the device was edited) is not silently served another camera.
    await expect(adapter.liveSource(h, { index: 1, cameraId: 'gate-1' }, 'main')).rejects.toMatchObject({ code: 'not_found' });
  });

  it('serves url devices too, and refuses kinds nothing serves yet', () => {
    expect(registry.forDevice({ ...config, kind: 'url' })).toBe(adapter);
    // A kind no adapter is registered for (a registry holding the URL adapters only).
    const urlsOnly = new DeviceAdapterRegistry([['rtsp', adapter], ['url', adapter]]);
    expect(() => urlsOnly.forDevice({ ...config, kind: 'wvp' })).toThrow(expect.objectContaining({ code: 'not_found', params: { kind: 'wvp', deviceId: 'dev-gate' } }));
    // The demo is only served while it runs.
    expect(() => registry.forDevice({ ...config, demo: true })).toThrow(expect.objectContaining({ code: 'not_found' }));
  });
});
