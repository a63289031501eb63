// Shared by the PTZ service tests: the demo ONVIF device as a stored camera, and a PTZ service
// on a fresh data folder with a real audit log.
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startOnvifStub, type OnvifStub } from '../../demo/onvif/index.js';
import type { DeviceConfig, DeviceHandle } from '../../devices/index.js';
import { createDeviceAdapters } from '../../devices/index.js';
import { EventBus } from '../../ipc/event-bus.js';
import { createAuditService, type AuditService } from '../../services/audit/service.js';
import type { PtzCameraState } from '../../common/contract/ptz.js';
import { createPtzService, type PtzRoute, type PtzService, type PtzServiceOptions } from '../../services/ptz/service.js';

export const CAMERA = 'gate-cam';
export const CLIENT = 'window-aaaa-1';
export const OTHER_CLIENT = 'window-bbbb-2';
const USER = 'admin';
const PASS = 'Pa55-word';

export function startPtzStub(port = 0, o: { imaging?: boolean } = {}): Promise<OnvifStub> {
  return startOnvifStub({ username: USER, password: PASS, port, streamUris: { main: 'rtsp://192.0.2.10/main', sub: 'rtsp://192.0.2.10/sub' }, ...o });
}

/** A route to the stub's PTZ through the real ONVIF adapter. */
export function stubRoute(port: number): (cameraId: string) => Promise<PtzRoute> {
  const config: DeviceConfig = {
    id: 'dev-gate',
    name: 'Gate',
    kind: 'onvif',
    host: '127.0.0.1',
    port,
    username: USER,
    demo: false,
    cameras: [{ id: CAMERA, name: 'Gate camera', ptz: true, sources: [{ profile: 'main', url: 'rtsp://192.0.2.10/main' }] }],
  };
  const device: DeviceHandle = { config, credentials: async () => ({ username: USER, password: PASS }) };
  const ptz = createDeviceAdapters({ onvifTimeoutMs: 5000 }).forDevice(config).ptz!;
  return async (cameraId) => ({ target: { device, channel: { index: 0, cameraId } }, ptz, cameraName: 'Gate camera' });
}

export interface PtzRig {
  ptz: PtzService;
  audit: AuditService;
  states: PtzCameraState[];
  dataDir: string;
  close(): Promise<void>;
}

export async function startPtzRig(port: number, o: Partial<PtzServiceOptions> & { dataDir?: string } = {}): Promise<PtzRig> {
  const dataDir = o.dataDir ?? mkdtempSync(path.join(os.tmpdir(), 'skywall-ptz-'));
  const audit = await createAuditService({ dir: dataDir, bus: new EventBus(), onAppendFailed: () => undefined });
  const states: PtzCameraState[] = [];
  const ptz = await createPtzService({ dataDir, route: stubRoute(port), audit, emit: (s) => states.push(s), ...o });
  return {
    ptz,
    audit,
    states,
    dataDir,
    async close() {
      await ptz.dispose();
      await audit.close();
    },
  };
}

export const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** The stub's PTZ commands that succeeded, with their arrival time. */
export function commands(stub: OnvifStub, action?: string): Array<{ at: number; action: string; presetToken?: string }> {
  return stub.ptzLog.filter((e) => e.outcome === 'ok' && (action === undefined || e.action === action)).map((e) => ({ at: e.at, action: e.action, ...(e.presetToken ? { presetToken: e.presetToken } : {}) }));
}
