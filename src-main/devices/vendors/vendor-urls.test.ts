import { describe, expect, it } from 'vitest';
import { liveUrl, playbackUrl } from './vendor-urls.js';

const at = { host: '192.168.1.64', channel: 3 };

describe('vendor RTSP URL rules (the documented addresses)', () => {
  it.each([
    ['hikvision', 'main', 'rtsp://192.168.1.64:554/Streaming/Channels/301'],
    ['hikvision', 'sub', 'rtsp://192.168.1.64:554/Streaming/Channels/302'],
    ['hikvision', 'third', 'rtsp://192.168.1.64:554/Streaming/Channels/303'],
    ['dahua', 'main', 'rtsp://192.168.1.64:554/cam/realmonitor?channel=3&subtype=0'],
    ['dahua', 'sub', 'rtsp://192.168.1.64:554/cam/realmonitor?channel=3&subtype=1'],
    ['dahua', 'third', 'rtsp://192.168.1.64:554/cam/realmonitor?channel=3&subtype=2'],
    ['uniview', 'main', 'rtsp://192.168.1.64:554/unicast/c3/s0/live'],
    ['uniview', 'sub', 'rtsp://192.168.1.64:554/unicast/c3/s1/live'],
    ['uniview', 'third', 'rtsp://192.168.1.64:554/unicast/c3/s2/live'],
  ] as const)('%s %s', (vendor, profile, url) => {
    expect(liveUrl(vendor, at, profile)).toBe(url);
  });

  it('channel 1 and 12, another RTSP port, IPv6', () => {
    expect(liveUrl('hikvision', { host: '10.0.0.2', channel: 1 }, 'main')).toBe('rtsp://10.0.0.2:554/Streaming/Channels/101');
    expect(liveUrl('hikvision', { host: '10.0.0.2', channel: 12, rtspPort: 8554 }, 'sub')).toBe('rtsp://10.0.0.2:8554/Streaming/Channels/1202');
    expect(liveUrl('dahua', { host: 'fe80::1', channel: 1 }, 'main')).toBe('rtsp://[fe80::1]:554/cam/realmonitor?channel=1&subtype=0');
    expect(() => liveUrl('uniview', { host: 'h', channel: 0 }, 'main')).toThrow(RangeError);
  });

  const span = { start: new Date('2026-11-22T10:50:10Z'), end: new Date('2026-11-22T11:50:10Z') };
  it.each([
    ['hikvision', 0, 'rtsp://192.168.1.64:554/Streaming/tracks/301?starttime=20261122T105010Z&endtime=20261122T115010Z'],
    ['hikvision', 480, 'rtsp://192.168.1.64:554/Streaming/tracks/301?starttime=20261122T185010Z&endtime=20261122T195010Z'],
    ['dahua', 480, 'rtsp://192.168.1.64:554/cam/playback?channel=3&subtype=0&starttime=2026_11_22_18_50_10&endtime=2026_11_22_19_50_10'],
    ['uniview', 480, 'rtsp://192.168.1.64:554/c3/b1795344610/e1795348210/replay/'],
  ] as const)('playback %s, device UTC%+d min', (vendor, offset, url) => {
    expect(playbackUrl(vendor, at, { ...span, deviceUtcOffsetMin: offset })).toBe(url);
  });

  it('refuses an empty span', () => {
    expect(() => playbackUrl('dahua', at, { start: span.end, end: span.start })).toThrow(RangeError);
  });
});

describe('a vendor device through the adapter port', () => {
  it('plays each stored camera by its channel number, on the device RTSP port, credentials beside the URL', async () => {
    const { createDeviceAdapters } = await import('../index.js');
    const config = {
      id: 'dev-east',
      name: '东门',
      kind: 'dahua' as const,
      host: '10.0.0.7',
      port: 80,
      rtspPort: 10554,
      username: 'admin',
      demo: false,
      cameras: [
        { id: 'east-5', name: '5', ptz: false, channel: 5, sources: [{ profile: 'main' as const, codec: 'h265' as const }, { profile: 'sub' as const }] },
        { id: 'east-x', name: 'x', ptz: false, sources: [{ profile: 'main' as const }] },
      ],
    };
    const device = { config, credentials: async () => ({ username: 'admin', password: 'p' }) };
    const adapter = createDeviceAdapters().forDevice(config);
    expect(await adapter.liveSource(device, { index: 0, cameraId: 'east-5' }, 'main')).toEqual({ kind: 'rtsp', url: 'rtsp://10.0.0.7:10554/cam/realmonitor?channel=5&subtype=0', credentials: { username: 'admin', password: 'p' }, codec: 'h265' });
    expect((await adapter.liveSource(device, { index: 1, cameraId: 'east-x' }, 'main')).kind === 'rtsp').toBe(true);
    await expect(adapter.liveSource(device, { index: 0, cameraId: 'east-5' }, 'third')).rejects.toMatchObject({ code: 'not_found' });
  });
});
