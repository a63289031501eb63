// The PTZ service steering a county-platform camera through the WVP adapter, against the fake WVP
// (published shapes): the same dead-man and confirmed stop as for ONVIF cameras.
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DeviceConfig, DeviceHandle } from '../../devices/index.js';
import { createWvpAdapter } from '../../devices/platforms/wvp/wvp-adapter.js';
import { EventBus } from '../../ipc/event-bus.js';
import { startFakeWvp, wvpDevices, type FakeWvp } from '../../testing/platforms/fake-wvp.js';
import { startFlvLiveServer, type FlvLiveServer } from '../../testing/platforms/flv-live-server.js';
import { LiveClip } from '../../testing/platforms/live-clip.js';
import { createAuditService } from '../audit/service.js';
import { createPtzService } from './service.js';

let clip: LiveClip;
let media: FlvLiveServer;
let wvp: FakeWvp;
const DEVICES = wvpDevices(1, 1);

beforeAll(async () => {
  clip = await LiveClip.load('h264');
  media = await startFlvLiveServer(clip);
  wvp = await startFakeWvp({ username: 'admin', password: 'pw', devices: DEVICES, media });
});
afterAll(async () => {
  await wvp.close();
  await media.close();
});

describe('PTZ through the WVP adapter', () => {
  it('a held move goes out as a WVP direction command; not renewed, a stop follows within 500 ms', async () => {
    const dev = DEVICES[0]!;
    const ch = dev.channels[0]!;
    const config = { id: 'wvp-1', name: '县平台', kind: 'wvp', host: '127.0.0.1', port: wvp.port, username: 'admin', demo: false, cameras: [{ id: 'cam-w', name: ch.name, ptz: true, sources: [], externalId: ch.deviceId, subDevice: { id: dev.deviceId, name: dev.name } }] } as DeviceConfig;
    const device: DeviceHandle = { config, credentials: async () => ({ username: 'admin', password: 'pw' }) };
    const adapter = createWvpAdapter();
    const dataDir = mkdtempSync(path.join(os.tmpdir(), 'skywall-ptz-wvp-'));
    const audit = await createAuditService({ dir: dataDir, bus: new EventBus(), onAppendFailed: () => undefined });
    const ptz = await createPtzService({ dataDir, audit, emit: () => undefined, route: async (cameraId) => ({ target: { device, channel: { index: 0, cameraId } }, ptz: adapter.ptz }) });
    try {
      // Held for 400 ms: renewed on a timer without waiting for answers, as the page does.
      const move = () => ptz.move({ cameraId: 'cam-w', clientId: 'window-wvp-1', pan: 1, tilt: 0, zoom: 0 });
      await move();
      let last = Date.now();
      const renew = setInterval(() => {
        last = Date.now();
        void move();
      }, 100);
      await new Promise((r) => setTimeout(r, 400));
      clearInterval(renew);
      await new Promise((r) => setTimeout(r, 700));
      const sent = wvp.calls.filter((c) => c.path.startsWith('/api/front-end/ptz/'));
      expect(sent[0]!.query).toMatchObject({ command: 'right', horizonSpeed: '255' });
      expect(sent.at(-1)!.query.command).toBe('stop');
      expect(sent.filter((c) => c.query.command === 'stop')).toHaveLength(1);
      expect(sent.at(-1)!.at - last).toBeLessThan(500);
    } finally {
      await ptz.dispose();
      await audit.close();
    }
  });
});
