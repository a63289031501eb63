import { afterEach, describe, expect, it } from 'vitest';
import { startFakeIsapi, type FakeIsapi } from '../../../testing/hikvision/fake-isapi.js';
import { ISAPI_PATHS, readIsapiDevice } from './isapi-channels.js';
import { createIsapiClient } from './isapi-client.js';

let fake: FakeIsapi | undefined;
afterEach(async () => {
  await fake?.close();
  fake = undefined;
});

describe('Hikvision ISAPI', () => {
  it('lists an NVR’s channels with Digest authentication: names, ids, main and sub with codec and size', async () => {
    fake = await startFakeIsapi({ channels: [{ name: '东门 <b>1</b>', codec: 'H.265', width: 2560, height: 1440 }, { name: 'Camera 02' }] });
    const client = createIsapiClient({ host: '127.0.0.1', port: fake.port, username: 'admin', password: 'Hik12345' });
    const device = await readIsapiDevice(client);
    expect(device.info).toEqual({ manufacturer: 'Hikvision', model: 'DS-7608NI-K2', firmwareVersion: 'V4.30.085', serialNumber: 'DS-7608NI-K20820191234CCRRD12345678WCVU' });
    expect(device.channels).toEqual([
      { id: '1', channel: 1, name: '东门 <b>1</b>', profiles: [{ profile: 'main', codec: 'h265', width: 2560, height: 1440 }, { profile: 'sub', codec: 'h264', width: 640, height: 360 }] },
      { id: '2', channel: 2, name: 'Camera 02', profiles: [{ profile: 'main', codec: 'h264', width: 1920, height: 1080 }, { profile: 'sub', codec: 'h264', width: 640, height: 360 }] },
    ]);
    // One challenge, then each path answered with the Digest response: no failed login.
    expect(fake.requests).toEqual([ISAPI_PATHS.deviceInfo, ISAPI_PATHS.deviceInfo, ISAPI_PATHS.streamingChannels, ISAPI_PATHS.inputProxyChannels]);
    expect(fake.rejected).toBe(0);
  });

  it('a camera (InputProxy not supported) has its channels from its streams', async () => {
    fake = await startFakeIsapi({ kind: 'camera', channels: [{ name: 'IPdome' }] });
    const device = await readIsapiDevice(createIsapiClient({ host: '127.0.0.1', port: fake.port, username: 'admin', password: 'Hik12345' }));
    expect(device.info.model).toBe('DS-2CD2143G2-I');
    expect(device.channels).toEqual([{ id: '1', channel: 1, name: 'IPdome', profiles: [expect.objectContaining({ profile: 'main' }), expect.objectContaining({ profile: 'sub' })] }]);
  });

  it('a wrong password costs the device one rejected request, and nothing is sent with it again', async () => {
    fake = await startFakeIsapi();
    const client = createIsapiClient({ host: '127.0.0.1', port: fake.port, username: 'admin', password: 'wrong' });
    await expect(readIsapiDevice(client)).rejects.toMatchObject({ code: 'auth_failed', params: { failure: 'wrong_password' } });
    await expect(client.get(ISAPI_PATHS.deviceInfo)).rejects.toMatchObject({ code: 'auth_failed' });
    expect(fake.rejected).toBe(1);
    expect(fake.requests).toHaveLength(2);
  });

  it('an answer over 5 MB is cut off with an error naming it', async () => {
    fake = await startFakeIsapi({ flood: { path: ISAPI_PATHS.streamingChannels, bytes: 64 * 1024 * 1024 } });
    const client = createIsapiClient({ host: '127.0.0.1', port: fake.port, username: 'admin', password: 'Hik12345' });
    const used = process.memoryUsage().rss;
    await expect(readIsapiDevice(client)).rejects.toMatchObject({ code: 'protocol', params: { reason: 'too_large', maxBytes: 5 * 1024 * 1024 } });
    expect(process.memoryUsage().rss - used).toBeLessThan(40 * 1024 * 1024);
  });

  it('a device that never answers ends in a timeout, and an address with nothing on it is unreachable', async () => {
    fake = await startFakeIsapi({ silent: true });
    await expect(readIsapiDevice(createIsapiClient({ host: '127.0.0.1', port: fake.port, username: 'admin', password: 'x', timeoutMs: 300 }))).rejects.toMatchObject({ code: 'timeout', params: { failure: 'timeout' } });
    await expect(readIsapiDevice(createIsapiClient({ host: '127.0.0.1', port: 1, username: 'admin', password: 'x' }))).rejects.toMatchObject({ code: 'unreachable', params: { failure: 'unreachable' } });
  });
});
