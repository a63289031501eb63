import { randomBytes } from 'node:crypto';
import { startOnvifStub, type OnvifStub } from '../../demo/onvif/index.js';
import { startDemoRtspServer, type DemoRtspServer } from '../../demo/rtsp/index.js';
import type { DeviceRecord, SkywallStore } from '../../storage/index.js';
import type { DemoDevices } from './service.js';

export const DEMO_DEVICE_ID = 'demo-nvr';
export const DEMO_CAMERA_IDS = ['demo-cam-1', 'demo-cam-2'] as const;

export interface RunningDemo extends DemoDevices {
  rtsp: DemoRtspServer;
  onvif: OnvifStub;
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
  });
  const record: DeviceRecord = {
    id: DEMO_DEVICE_ID,
    name: `Skywall NVR (127.0.0.1:${rtsp.port})`,
    kind: 'onvif',
    host: '127.0.0.1',
    port: onvif.port,
    username: 'admin',
    demo: true,
    cameras: [
      {
        id: DEMO_CAMERA_IDS[0],
        name: 'CAM-01 H.264 PTZ',
        ptz: true,
        sources: [
          { profile: 'main', url: rtsp.url('/demo/h264'), codec: 'h264' },
          { profile: 'sub', url: rtsp.url('/demo/h264'), codec: 'h264' },
        ],
      },
      {
        id: DEMO_CAMERA_IDS[1],
        name: 'CAM-02 H.265',
        ptz: false,
        sources: [
          { profile: 'main', url: rtsp.url('/demo/h265'), codec: 'h265' },
          { profile: 'sub', url: rtsp.url('/demo/h264'), codec: 'h264' },
        ],
      },
    ],
  };
  return {
    rtsp,
    onvif,
    records: () => [record],
    password: (id) => (id === DEMO_DEVICE_ID ? password : undefined),
    async close() {
      await Promise.allSettled([rtsp.close(), onvif.close()]);
    },
  };
}

/** On first run with only the demo, the first wall shows the demo cameras instead of black tiles. */
export function fillFirstWallWithDemo(store: SkywallStore): void {
  const wall = store.listWalls()[0];
  if (!wall || store.listDevices().length > 0 || wall.tiles.some((t) => t.cameraId !== null)) return;
  const plan = [DEMO_CAMERA_IDS[0], DEMO_CAMERA_IDS[1], DEMO_CAMERA_IDS[0], DEMO_CAMERA_IDS[1]];
  const tiles = wall.tiles.map((t, i) => ({ ...t, cameraId: plan[i] ?? null, profile: i >= 2 ? ('sub' as const) : ('main' as const) }));
  store.saveWall({ ...wall, tiles });
}
