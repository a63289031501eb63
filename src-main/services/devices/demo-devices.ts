import { randomBytes } from 'node:crypto';
import { startOnvifStub, type OnvifStub } from '../../demo/onvif/index.js';
import { startDemoRtspServer, type DemoRtspServer } from '../../demo/rtsp/index.js';
import { DEMO_CAMERA_IDS, DEMO_DEVICE_ID, demoDeviceConfig, type DiscoveryTarget, type RunningDemoPorts } from '../../devices/index.js';
import type { DeviceRecord, SkywallStore } from '../../storage/index.js';
import type { DemoDevices } from './service.js';

export { DEMO_CAMERA_IDS, DEMO_DEVICE_ID } from '../../devices/index.js';

/** The demo NVR's login (a loopback-only demo device; docs/demo.md tells it to the operator). */
export const DEMO_NVR_LOGIN = { username: 'admin', password: 'demo1234' } as const;

export interface RunningDemo extends DemoDevices {
  rtsp: DemoRtspServer;
  onvif: OnvifStub;
  /** A 4-channel ONVIF NVR that is not added: the scan finds it, the operator adds it. */
  nvr: OnvifStub;
  /** Where the demo devices answer WS-Discovery probes (loopback). */
  discoveryTargets: DiscoveryTarget[];
  /** What the demo device adapter needs to reach it. */
  ports: RunningDemoPorts;
  close(): Promise<void>;
}

/**
 * The built-in demo: a real RTSP server looping the committed clips and an ONVIF PTZ stub,
 * registered as one device while nothing else is configured. Camera 2 is H.265 with an
 * H.264 sub-stream, so the renderer's H.265 fallback has something to fall back to.
 */
export async function startDemoDevices(): Promise<RunningDemo> {
  const rtsp = await startDemoRtspServer({ host: '127.0.0.1', port: 0 });
  const password = randomBytes(12).toString('base64url');
  const onvif = await startOnvifStub({
    username: 'admin',
    password,
    name: 'Skywall Demo',
    streamUris: { main: rtsp.url('/demo/h264'), sub: rtsp.url('/demo/h264') },
    discovery: true,
  });
  // Both archives record the same spans; camera playback replays its own stream's archive.
  const archive = { sections: rtsp.archives()[0]?.sections ?? [] };
  const nvr = await startOnvifStub({
    ...DEMO_NVR_LOGIN,
    name: 'Skywall Demo NVR',
    channels: 4,
    streamUris: { main: rtsp.url('/demo/h264'), sub: rtsp.url('/demo/h264') },
    discovery: true,
    // Its channels play the H.264 loop, so they replay the H.264 archive (ONVIF Profile G).
    recordings: [1, 2, 3, 4].map((channel) => ({ token: `REC-${channel}`, channel, replayUri: rtsp.url('/demo/h264/archive'), sections: archive.sections })),
  });
  const ports: RunningDemoPorts = { host: '127.0.0.1', rtspPort: rtsp.port, onvif: { port: onvif.port, username: 'admin', password }, archive };
  const record: DeviceRecord = demoDeviceConfig(ports);
  return {
    rtsp,
    ports,
    onvif,
    nvr,
    discoveryTargets: [onvif, nvr].map((s) => ({ host: s.host, port: s.discoveryPort! })),
    records: () => [record],
    password: (id) => (id === DEMO_DEVICE_ID ? password : undefined),
    async close() {
      await Promise.allSettled([rtsp.close(), onvif.close(), nvr.close()]);
    },
  };
}

/**
 * On first run with only the demo, the first wall (2x2) shows each demo camera once and leaves
 * the other tiles empty, inviting the operator to drag a camera there.
 */
export function fillFirstWallWithDemo(store: SkywallStore): void {
  const wall = store.listWalls()[0];
  if (!wall || store.listDevices().length > 0 || wall.tiles.some((t) => t.cameraId !== null)) return;
  const plan = [DEMO_CAMERA_IDS[0], DEMO_CAMERA_IDS[1]];
  const tiles = wall.tiles.map((t, i) => ({ ...t, cameraId: plan[i] ?? null }));
  store.saveWall({ ...wall, tiles });
}

/** The demo runs while nothing is configured, or while a wall still shows one of its cameras. */
export function demoWanted(store: SkywallStore): boolean {
  const demoCameras = new Set<string>(DEMO_CAMERA_IDS);
  const onWall = store.listWalls().some((w) => [...w.tiles, ...(w.overflow ?? [])].some((t) => t.cameraId !== null && demoCameras.has(t.cameraId)));
  return store.listDevices().length === 0 || onWall;
}
