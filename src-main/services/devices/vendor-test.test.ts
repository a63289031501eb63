// The connection test of Dahua and Uniview devices against the demo RTSP server serving their
// address rules: channel 1's main stream described, or what failed named, a wrong password
// costing one rejected login however often Test is pressed.
import { mkdtempSync } from 'node:fs';
import { createServer, type Server, type Socket } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDemoRtspServer } from '../../demo/rtsp/index.js';
import type { DemoRtspServer } from '../../demo/rtsp/server-types.js';
import { openKeyFileVault, openSkywallStore } from '../../storage/index.js';
import { createConnectionCheck } from './connection-check.js';
import { createDevicesService } from './service.js';

let rtsp: DemoRtspServer;
let silent: Server;
const held: Socket[] = [];
beforeAll(async () => {
  rtsp = await startDemoRtspServer({
    auth: { username: 'admin', password: 'Unv-Pass1', scheme: 'digest' },
    streams: [{ path: '/unicast/c1/s0/live', clip: 'h265', cameraName: 'Uniview 1' }],
  });
  silent = createServer((s) => void held.push(s.on('error', () => undefined)));
  await new Promise<void>((r) => silent.listen(0, '127.0.0.1', () => r()));
});
afterAll(async () => {
  for (const s of held) s.destroy();
  await new Promise<void>((r) => silent.close(() => r()));
  await rtsp.close();
});

async function service() {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'sw-vendor-'));
  const vault = await openKeyFileVault({ dir });
  const { store } = await openSkywallStore({ dir, vault });
  return createDevicesService(store, vault, { records: () => [], password: () => undefined }, { record: async () => undefined }, createConnectionCheck({ multicast: false, isapiTimeoutMs: 1500 }));
}

describe('Dahua and Uniview connection test', () => {
  it('names what failed, and a wrong password is sent once', async () => {
    const devices = await service();
    const uniview = { kind: 'uniview' as const, host: '127.0.0.1', port: 80, rtspPort: rtsp.port, username: 'admin' };
    expect(await devices.test({ ...uniview, password: 'Unv-Pass1' })).toEqual({ ok: true, info: { manufacturer: 'Uniview' }, channels: [{ name: '1', ptz: false, sources: [{ profile: 'main', codec: 'h265' }] }], streamChecked: true });
    const rejectedBefore = rtsp.requestLog.filter((r) => r.authScheme && r.status === 401).length;
    expect(await devices.test({ ...uniview, password: 'wrong' })).toEqual({ ok: false, failure: 'wrong_password' });
    expect(await devices.test({ ...uniview, password: 'wrong' })).toEqual({ ok: false, failure: 'wrong_password' });
    expect(rtsp.requestLog.filter((r) => r.authScheme && r.status === 401).length - rejectedBefore).toBe(1);
    // The server has no Dahua path: it answers, but there is no such stream.
    expect(await devices.test({ ...uniview, kind: 'dahua', password: 'Unv-Pass1' })).toEqual({ ok: false, failure: 'no_stream' });
    expect(await devices.test({ ...uniview, rtspPort: 1, password: 'x' })).toEqual({ ok: false, failure: 'unreachable' });
    expect(await devices.test({ ...uniview, rtspPort: (silent.address() as { port: number }).port, password: 'x' })).toEqual({ ok: false, failure: 'timeout' });
  });
});
