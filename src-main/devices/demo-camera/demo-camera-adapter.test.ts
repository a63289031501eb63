import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startOnvifStub, type OnvifStub } from '../../demo/onvif/index.js';
import { startDemoRtspServer, type DemoRtspServer } from '../../demo/rtsp/index.js';
import type { DeviceHandle } from '../adapter.js';
import { createDeviceAdapters, DEMO_CAMERA_IDS, demoDeviceConfig, type RunningDemoPorts } from '../index.js';

let rtsp: DemoRtspServer;
let onvif: OnvifStub;
let ports: RunningDemoPorts;

beforeAll(async () => {
  rtsp = await startDemoRtspServer({ host: '127.0.0.1', port: 0 });
  onvif = await startOnvifStub({ username: 'admin', password: 'demo-pw', streamUris: { main: rtsp.url('/demo/h264'), sub: rtsp.url('/demo/h264') } });
  ports = { host: '127.0.0.1', rtspPort: rtsp.port, onvif: { port: onvif.port, username: 'admin', password: 'demo-pw' } };
});

afterAll(async () => {
  await Promise.all([rtsp.close(), onvif.close()]);
});

describe('the demo as a device adapter', () => {
  it('is served only when the running demo is handed in, and describes its two cameras', async () => {
    expect(() => createDeviceAdapters().forDevice(demoDeviceConfig(ports))).toThrow();
    const config = demoDeviceConfig(ports);
    const adapter = createDeviceAdapters({ demo: ports }).forDevice(config);
    const d = await adapter.describe({ config, credentials: async () => ({}) });
    expect(d.channels.map((c) => [c.id, c.ptz, c.profiles.map((p) => `${p.profile}:${p.codec}`).join(',')])).toEqual([
      [DEMO_CAMERA_IDS[0], true, 'main:h264,sub:h264'],
      [DEMO_CAMERA_IDS[1], false, 'main:h265,sub:h264'],
    ]);
  });

  it('points live sources at the running demo RTSP server, per camera and profile', async () => {
    const config = demoDeviceConfig(ports);
    const device: DeviceHandle = { config, credentials: async () => ({}) };
    const adapter = createDeviceAdapters({ demo: ports }).forDevice(config);
    expect(await adapter.liveSource(device, { index: 1, cameraId: DEMO_CAMERA_IDS[1] }, 'main')).toEqual({ kind: 'rtsp', url: rtsp.url('/demo/h265'), credentials: {}, codec: 'h265' });
    expect(await adapter.liveSource(device, { index: 1, cameraId: DEMO_CAMERA_IDS[1] }, 'sub')).toMatchObject({ url: rtsp.url('/demo/h264'), codec: 'h264' });
    await expect(adapter.liveSource(device, { index: 0, cameraId: DEMO_CAMERA_IDS[0] }, 'third')).rejects.toMatchObject({ code: 'not_found' });
  });

  it('steers the PTZ camera through the demo ONVIF device; the fixed camera refuses', async () => {
    const config = demoDeviceConfig(ports);
    const device: DeviceHandle = { config, credentials: async () => ({}) };
    const ptz = createDeviceAdapters({ demo: ports }).forDevice(config).ptz!;
    await ptz.continuousMove({ device, channel: { index: 0, cameraId: DEMO_CAMERA_IDS[0] } }, { pan: -1, tilt: 0, zoom: 0 });
    await ptz.stop({ device, channel: { index: 0, cameraId: DEMO_CAMERA_IDS[0] } });
    expect(onvif.ptzLog.filter((e) => e.outcome === 'ok').map((e) => e.action)).toEqual(['ContinuousMove', 'Stop']);
    await expect(ptz.stop({ device, channel: { index: 1, cameraId: DEMO_CAMERA_IDS[1] } })).rejects.toMatchObject({ code: 'not_found' });
    expect(onvif.failedAuthAttempts()).toBe(0);
  });
});
