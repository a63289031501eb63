// Health checks against real loopback servers: 300 simulated devices checked in one round never
// see more than the configured number of connections at once (counted at the servers), the
// starts are spread over the round, offline devices say since when and why, and a device whose
// credentials were refused is never dialled.
import { createServer, type Server, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DeviceRecord } from '../../common/model/device.js';
import { HealthMonitor } from './health-monitor.js';
import { probeEndpoint, type Endpoint } from './probe.js';
import { HealthScheduler } from './scheduler.js';

const DEVICES = 300;
const OFFLINE = 20;
const ROUND_MS = 6000;
const CONCURRENCY = 4;

interface Farm {
  servers: Server[];
  ports: number[];
  open: number;
  maxOpen: number;
  accepted: Map<number, number>;
}

const farm: Farm = { servers: [], ports: [], open: 0, maxOpen: 0, accepted: new Map() };

/** A camera that answers OPTIONS after 40 ms (so checks overlap if the scheduler lets them). */
function startCamera(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer((socket: Socket) => {
      const port = (server.address() as { port: number }).port;
      farm.accepted.set(port, (farm.accepted.get(port) ?? 0) + 1);
      farm.open++;
      farm.maxOpen = Math.max(farm.maxOpen, farm.open);
      // Open from the accept until the checker's FIN arrives (the checker let go of it).
      let counted = true;
      const gone = () => {
        if (counted) farm.open--;
        counted = false;
      };
      socket.once('end', gone);
      socket.once('close', gone);
      socket.on('error', () => undefined);
      socket.once('data', () => setTimeout(() => socket.end('RTSP/1.0 401 Unauthorized\r\nCSeq: 1\r\nWWW-Authenticate: Digest realm="x", nonce="y"\r\n\r\n'), 40));
    });
    server.listen(0, '127.0.0.1', () => {
      farm.servers.push(server);
      resolve((server.address() as { port: number }).port);
    });
  });
}

/** A port nothing listens on any more. */
async function deadPort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', () => r()));
  const port = (s.address() as { port: number }).port;
  await new Promise<void>((r) => s.close(() => r()));
  return port;
}

function device(i: number, port: number, extra: Partial<DeviceRecord> = {}): DeviceRecord {
  const town = ['东城镇', '西河乡', '南山镇'][i % 3]!;
  return {
    id: `dev-${i}`,
    name: `点位 ${i}`,
    kind: 'rtsp',
    host: '127.0.0.1',
    port,
    demo: false,
    area: ['平安县', town, `${i % 10}村`],
    cameras: [{ id: `cam-${i}`, name: `摄像机 ${i}`, ptz: false, sources: [{ profile: 'main', url: `rtsp://127.0.0.1:${port}/ch1` }] }],
    ...extra,
  };
}

let records: DeviceRecord[] = [];

beforeAll(async () => {
  for (let i = 0; i < DEVICES - OFFLINE; i++) farm.ports.push(await startCamera());
  for (let i = 0; i < OFFLINE; i++) farm.ports.push(await deadPort());
  records = farm.ports.map((p, i) => device(i, p));
});
afterAll(async () => {
  await Promise.all(farm.servers.map((s) => new Promise<void>((r) => s.close(() => r()))));
});

describe('300 devices on loopback', () => {
  it('one round checks every device once, never more than the concurrency at once (counted at the servers), spread over the round', async () => {
    const starts: number[] = [];
    const monitor = new HealthMonitor({
      devices: async () => records,
      probe: (e: Endpoint) => {
        starts.push(Date.now());
        return probeEndpoint(e, 2000);
      },
    });
    await monitor.refresh();
    let checks = 0;
    const scheduler: HealthScheduler = new HealthScheduler({
      intervalMs: ROUND_MS,
      firstRoundMs: ROUND_MS,
      concurrency: CONCURRENCY,
      ids: () => monitor.ids(),
      check: (id) => {
        if (++checks === DEVICES) scheduler.stop(); // one round is measured; the running checks finish
        return monitor.check(id);
      },
    });
    const t0 = Date.now();
    scheduler.start();
    while (monitor.list().some((d) => !d.checkedAt) && Date.now() - t0 < ROUND_MS * 3) await new Promise((r) => setTimeout(r, 100));
    const took = Date.now() - t0;
    scheduler.stop();

    const list = monitor.list();
    expect(list.every((d) => d.checkedAt)).toBe(true);
    // Measured at the cameras: never more than the cap at once (and the cap was used: checks overlapped).
    console.log(`health: ${DEVICES} devices, round ${took} ms, max ${farm.maxOpen} connections at once (cap ${CONCURRENCY}), max ${scheduler.stats().maxRunning} checks at once`);
    expect(farm.maxOpen).toBeLessThanOrEqual(CONCURRENCY);
    expect(scheduler.stats().maxRunning).toBeLessThanOrEqual(CONCURRENCY);
    // No stampede: the round took most of its interval, and no second of it started more than a
    // quarter over its even share (50 here) plus the checks that queued behind the cap.
    expect(took).toBeGreaterThan(ROUND_MS * 0.8);
    const share = (1000 / ROUND_MS) * DEVICES;
    const busiest = Math.max(...starts.map((s) => starts.filter((x) => x >= s && x < s + 1000).length));
    console.log(`health: busiest second started ${busiest} checks (even share ${share})`);
    expect(busiest).toBeLessThanOrEqual(share * 1.25 + CONCURRENCY);
    // Each camera was asked once, with OPTIONS and no credentials (its answer was a 401 and that is "online").
    for (const port of farm.ports.slice(0, DEVICES - OFFLINE)) expect(farm.accepted.get(port)).toBe(1);
    expect(list.filter((d) => d.state === 'online')).toHaveLength(DEVICES - OFFLINE);
    const down = list.filter((d) => d.state === 'offline');
    expect(down).toHaveLength(OFFLINE);
    for (const d of down) {
      expect(d.reason).toBe('unreachable');
      expect(Date.parse(d.since!)).toBeGreaterThanOrEqual(t0);
      expect(d.channels[0]).toMatchObject({ state: 'offline', reason: 'unreachable' });
    }
  }, 30_000);
});

describe('states', () => {
  it('a device whose credentials were refused is never dialled: auth_failed since the refusal, until edited', async () => {
    const port = farm.ports[0]!;
    const before = farm.accepted.get(port) ?? 0;
    let list = [device(0, port, { loginRefused: { at: '2026-12-03T08:00:00.000Z' } })];
    const monitor = new HealthMonitor({ devices: async () => list });
    await monitor.refresh();
    await monitor.check('dev-0');
    await monitor.check('dev-0');
    expect(farm.accepted.get(port) ?? 0).toBe(before);
    expect(monitor.list()[0]).toMatchObject({ state: 'auth_failed', since: '2026-12-03T08:00:00.000Z', reason: 'auth_failed' });
    expect(monitor.list()[0]!.channels[0]).toMatchObject({ state: 'auth_failed', since: '2026-12-03T08:00:00.000Z' });
    // Credentials edited: the guard is cleared and the next check dials again.
    list = [device(0, port)];
    await monitor.refresh();
    await monitor.check('dev-0');
    expect(farm.accepted.get(port)).toBe(before + 1);
    expect(monitor.list()[0]!.state).toBe('online');
  });

  it('keeps "offline since" across checks, and a live stream proves its channel online before the next check', async () => {
    const port = await deadPort();
    let now = Date.parse('2026-12-03T09:00:00.000Z');
    const monitor = new HealthMonitor({ devices: async () => [device(7, port)], now: () => now, timeoutMs: 1000 });
    const changes: string[] = [];
    monitor.onChange((c) => changes.push(...c.changed.map((d) => d.state)));
    await monitor.refresh();
    expect(monitor.list()[0]!.state).toBe('unknown');
    await monitor.check('dev-7');
    now += 300_000;
    await monitor.check('dev-7');
    expect(monitor.list()[0]).toMatchObject({ state: 'offline', since: '2026-12-03T09:00:00.000Z' });
    monitor.observe('cam-7', 'live');
    expect(monitor.list()[0]).toMatchObject({ state: 'online', since: '2026-12-03T09:05:00.000Z' });
    monitor.observe('cam-7', 'auth_failed');
    expect(monitor.list()[0]!.channels[0]!.state).toBe('auth_failed');
    expect(changes).toEqual(['unknown', 'offline', 'online', 'auth_failed']);
  });

  it('a port that answers something else than RTSP is a protocol problem, a TCP-only endpoint just has to accept', async () => {
    const http = createServer((s) => s.once('data', () => s.end('HTTP/1.1 400 Bad Request\r\n\r\n')));
    await new Promise<void>((r) => http.listen(0, '127.0.0.1', () => r()));
    const port = (http.address() as { port: number }).port;
    try {
      expect(await probeEndpoint({ host: '127.0.0.1', port, rtsp: true }, 1000)).toEqual({ ok: false, reason: 'protocol' });
      expect(await probeEndpoint({ host: '127.0.0.1', port, rtsp: false }, 1000)).toEqual({ ok: true });
    } finally {
      await new Promise<void>((r) => http.close(() => r()));
    }
  });
});
