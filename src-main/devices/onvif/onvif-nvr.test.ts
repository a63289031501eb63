import { afterEach, describe, expect, it } from 'vitest';
import { startOnvifStub, type OnvifStub } from '../../demo/onvif/index.js';
import type { DeviceConfig, DeviceHandle } from '../adapter.js';
import { createDeviceAdapters } from '../index.js';

const stubs: OnvifStub[] = [];
afterEach(async () => {
  while (stubs.length) await stubs.pop()!.close();
});

async function nvrStub(): Promise<OnvifStub> {
  const s = await startOnvifStub({
    username: 'admin',
    password: 'Nvr-Pass1',
    name: 'East NVR',
    channels: 4,
    streamUris: { main: 'rtsp://192.0.2.20/ch1/main', sub: 'rtsp://192.0.2.20/ch1/sub' },
    channelStreamUri: (n, p) => `rtsp://192.0.2.20/ch${n}/${p}`,
    video: { main: { encoding: 'H265', width: 2560, height: 1440 } },
  });
  stubs.push(s);
  return s;
}

function nvrAt(stub: OnvifStub, cameras: DeviceConfig['cameras'] = []): DeviceConfig {
  return { id: 'dev-nvr', name: 'East', kind: 'onvif', category: 'nvr', host: '127.0.0.1', port: stub.port, username: 'admin', demo: false, cameras };
}

const handle = (config: DeviceConfig, password = 'Nvr-Pass1'): DeviceHandle => ({ config, credentials: async () => ({ username: 'admin', password }) });

describe('an ONVIF NVR: each video source is a channel', () => {
  it('describes its 4 channels with profiles, codecs and sizes; Media2 gives the H.265 stream URIs', async () => {
    const stub = await nvrStub();
    const dev = handle(nvrAt(stub));
    const d = await createDeviceAdapters().forDevice(dev.config).describe(dev);
    expect(d.channels.map((c) => [c.id, c.name, c.ptz])).toEqual([
      ['video-source-0', 'East NVR 1', true],
      ['video-source-1', 'East NVR 2', false],
      ['video-source-2', 'East NVR 3', false],
      ['video-source-3', 'East NVR 4', false],
    ]);
    expect(d.channels[2]!.profiles).toEqual([
      { profile: 'main', codec: 'h265', width: 2560, height: 1440 },
      { profile: 'sub', codec: 'h264', width: 640, height: 360 },
    ]);
    expect(stub.requestLog.some((r) => r.path === '/onvif/media2_service' && r.action === 'GetProfiles')).toBe(true);
  });

  it('a stored camera plays its own channel, found by source token even when the list order changes', async () => {
    const stub = await nvrStub();
    const cameras = [
      { id: 'east-3', name: '东 3', ptz: false, externalId: 'video-source-2', channel: 3, sources: [] },
      { id: 'east-1', name: '东 1', ptz: true, externalId: 'video-source-0', channel: 1, sources: [] },
      { id: 'east-9', name: 'gone', ptz: false, externalId: 'video-source-8', channel: 9, sources: [] },
    ];
    const dev = handle(nvrAt(stub, cameras));
    const adapter = createDeviceAdapters().forDevice(dev.config);
    expect(await adapter.liveSource(dev, { index: 0, cameraId: 'east-3' }, 'main')).toMatchObject({ url: 'rtsp://192.0.2.20/ch3/main', codec: 'h265' });
    expect(await adapter.liveSource(dev, { index: 0, cameraId: 'east-3' }, 'sub')).toMatchObject({ url: 'rtsp://192.0.2.20/ch3/sub' });
    expect(await adapter.liveSource(dev, { index: 1, cameraId: 'east-1' }, 'main')).toMatchObject({ url: 'rtsp://192.0.2.20/ch1/main' });
    await expect(adapter.liveSource(dev, { index: 2, cameraId: 'east-9' }, 'main')).rejects.toMatchObject({ code: 'not_found' });
  });
});
