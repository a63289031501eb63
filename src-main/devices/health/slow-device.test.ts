// Health checks with one device that accepts and never answers: it holds one of the slots until
// its timeout, and every other device is checked in the meantime.
import { createServer, type Server, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DeviceRecord } from '../../common/model/device.js';
import { HealthMonitor } from './health-monitor.js';
import { HealthScheduler } from './scheduler.js';

const servers: Server[] = [];
const held: Socket[] = [];

function listen(onSocket: (s: Socket) => void): Promise<number> {
  const server = createServer((s) => {
    s.on('error', () => undefined);
    onSocket(s);
  });
  servers.push(server);
  return new Promise((r) => server.listen(0, '127.0.0.1', () => r((server.address() as { port: number }).port)));
}

const rtsp = (i: number, port: number): DeviceRecord => ({
  id: `dev-${i}`,
  name: `点位 ${i}`,
  kind: 'rtsp',
  host: '127.0.0.1',
  port,
  demo: false,
  area: [],
  cameras: [{ id: `cam-${i}`, name: `摄像机 ${i}`, ptz: false, sources: [{ profile: 'main', url: `rtsp://127.0.0.1:${port}/ch1` }] }],
});

let records: DeviceRecord[] = [];
beforeAll(async () => {
  const silentPort = await listen((s) => void held.push(s));
  records = [rtsp(0, silentPort)];
  for (let i = 1; i <= 6; i++) records.push(rtsp(i, await listen((s) => s.once('data', () => s.end('RTSP/1.0 200 OK\r\nCSeq: 1\r\n\r\n')))));
});
afterAll(async () => {
  for (const s of held) s.destroy();
  await Promise.all(servers.map((s) => new Promise<void>((r) => s.close(() => r()))));
});

describe('health with a device that never answers', () => {
  it('checks every other device while the silent one waits out its timeout', async () => {
    const monitor = new HealthMonitor({ devices: async () => records, timeoutMs: 4000 });
    await monitor.refresh();
    const scheduler = new HealthScheduler({ intervalMs: 60_000, firstRoundMs: 600, concurrency: 2, ids: () => monitor.ids(), check: (id) => monitor.check(id) });
    const t0 = Date.now();
    scheduler.start();
    const others = () => monitor.list().filter((d) => d.deviceId !== 'dev-0');
    while (others().some((d) => !d.checkedAt) && Date.now() - t0 < 10_000) await new Promise((r) => setTimeout(r, 50));
    const othersMs = Date.now() - t0;
    expect(others().map((d) => [d.deviceId, d.state, d.reason])).toEqual(others().map((d) => [d.deviceId, 'online', undefined]));
    expect(monitor.list().find((d) => d.deviceId === 'dev-0')!.checkedAt).toBeUndefined();
    while (!monitor.list().find((d) => d.deviceId === 'dev-0')!.checkedAt && Date.now() - t0 < 10_000) await new Promise((r) => setTimeout(r, 50));
    scheduler.stop();
    expect(monitor.list().find((d) => d.deviceId === 'dev-0')).toMatchObject({ state: 'offline', reason: 'timeout' });
    console.log(`health: 6 devices checked in ${othersMs} ms while the silent one took ${Date.now() - t0} ms`);
  }, 20_000);
});
