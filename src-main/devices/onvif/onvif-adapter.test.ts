import { afterEach, describe, expect, it } from 'vitest';
import { startOnvifStub, type OnvifStub, type OnvifStubOptions } from '../../demo/onvif/index.js';
import type { DeviceConfig, DeviceHandle } from '../adapter.js';
import { createDeviceAdapters } from '../index.js';

const USER = 'admin';
const PASS = 'Pa55-word';
const URIS = { main: 'rtsp://192.0.2.10:554/cam/realmonitor?channel=1&subtype=0', sub: 'rtsp://192.0.2.10:554/cam/realmonitor?channel=1&subtype=1' };

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()!();
});

async function stubWith(o: Partial<OnvifStubOptions> = {}): Promise<OnvifStub> {
  const s = await startOnvifStub({ username: USER, password: PASS, streamUris: URIS, name: 'Gate Cam', ...o });
  cleanups.push(() => s.close());
  return s;
}

function deviceAt(stub: OnvifStub): DeviceConfig {
  return {
    id: 'dev-onvif',
    name: 'Gate',
    kind: 'onvif',
    host: '127.0.0.1',
    port: stub.port,
    username: USER,
    demo: false,
    cameras: [{ id: 'gate-cam', name: 'Gate camera', ptz: true, sources: [{ profile: 'main', url: 'rtsp://192.0.2.10/stored-but-not-used' }] }],
  };
}

/** A handle whose vault password can be changed, as the operator would. */
function handle(config: DeviceConfig, vault: { password: string }): DeviceHandle {
  return { config, credentials: async () => ({ username: USER, password: vault.password }) };
}

const channel = { index: 0, cameraId: 'gate-cam' };

describe('ONVIF devices through the adapter port', () => {
  it('describe: device information, clock offset and profiles ranked into main and sub', async () => {
    const stub = await stubWith({ clockOffsetSec: 120, video: { main: { encoding: 'H265', width: 2560, height: 1440 } } });
    const dev = handle(deviceAt(stub), { password: PASS });
    const adapter = createDeviceAdapters().forDevice(dev.config);
    const d = await adapter.describe(dev);
    expect(d).toMatchObject({ manufacturer: 'Skywall', model: 'Gate Cam', firmwareVersion: '1.0.0' });
    expect(Math.abs(d.clockOffsetMs! - 120_000)).toBeLessThan(2000);
    expect(d.channels).toEqual([
      {
        id: 'video-source-0',
        name: 'Gate camera',
        ptz: true,
        profiles: [
          { profile: 'main', codec: 'h265', width: 2560, height: 1440 },
          { profile: 'sub', codec: 'h264', width: 640, height: 360 },
        ],
      },
    ]);
  });

  it('live sources are the stream URIs the device reports now, credentials beside them', async () => {
    const stub = await stubWith();
    const dev = handle(deviceAt(stub), { password: PASS });
    const adapter = createDeviceAdapters().forDevice(dev.config);
    expect(await adapter.liveSource(dev, channel, 'main')).toEqual({ kind: 'rtsp', url: URIS.main, credentials: { username: USER, password: PASS }, codec: 'h264' });
    expect(await adapter.liveSource(dev, channel, 'sub')).toMatchObject({ url: URIS.sub });
    await expect(adapter.liveSource(dev, channel, 'third')).rejects.toMatchObject({ code: 'not_found' });
    await expect(adapter.liveSource(dev, { index: 1, cameraId: 'other' }, 'main')).rejects.toMatchObject({ code: 'not_found' });
    // One connection serves every call: the clock is read once.
    expect(stub.requestLog.filter((r) => r.action.endsWith('GetSystemDateAndTime')).length).toBe(1);
  });

  it('a stream URI with credentials in it is split: the URL carries none', async () => {
    const stub = await stubWith({ streamUris: { main: 'rtsp://cam:inline%40pw@192.0.2.10/main', sub: URIS.sub } });
    const dev = handle(deviceAt(stub), { password: PASS });
    const s = await createDeviceAdapters().forDevice(dev.config).liveSource(dev, channel, 'main');
    expect(s).toMatchObject({ url: 'rtsp://192.0.2.10/main', credentials: { username: USER, password: PASS } });
  });

  it('a wrong password costs the device one rejected request until the password changes', async () => {
    const stub = await stubWith();
    const vault = { password: 'guess' };
    const dev = handle(deviceAt(stub), vault);
    const adapter = createDeviceAdapters().forDevice(dev.config);
    await expect(adapter.describe(dev)).rejects.toMatchObject({ code: 'auth_failed' });
    await expect(adapter.liveSource(dev, channel, 'main')).rejects.toMatchObject({ code: 'auth_failed' });
    await expect(adapter.ptz!.stop({ device: dev, channel })).rejects.toMatchObject({ code: 'auth_failed' });
    expect(stub.failedAuthAttempts()).toBe(1);
    vault.password = PASS;
    expect((await adapter.describe(dev)).channels).toHaveLength(1);
    expect(stub.failedAuthAttempts()).toBe(1);
  });

  it('PTZ: continuous move and stop reach the device on the steering profile; presets round-trip', async () => {
    const stub = await stubWith();
    const dev = handle(deviceAt(stub), { password: PASS });
    const ptz = createDeviceAdapters().forDevice(dev.config).ptz!;
    const target = { device: dev, channel };
    await ptz.continuousMove(target, { pan: 0.5, tilt: -0.25, zoom: 0 }, { timeoutMs: 5000 });
    await ptz.stop(target);
    const moves = stub.ptzLog.filter((e) => e.outcome === 'ok').map((e) => [e.action, e.profileToken]);
    expect(moves).toEqual([
      ['ContinuousMove', 'main'],
      ['Stop', 'main'],
    ]);
    const token = await ptz.setPreset(target, 'Gate <east> & "west"');
    expect(await ptz.presets(target)).toContainEqual({ token, name: 'Gate <east> & "west"' });
    await ptz.gotoPreset(target, token);
    await ptz.removePreset(target, token);
    expect((await ptz.presets(target)).some((p) => p.token === token)).toBe(false);
  });
});
